"""The search page in a real browser over the real pipeline's data: every expected number comes from
PostgreSQL (the truth the index is fed from), never from the page under test."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
import psycopg
import pytest
from playwright.sync_api import Page, expect
from psycopg.rows import dict_row

from tasks.search.index import SearchIndex
from tasks.storage.database import Database
from tests.web.conftest import WebEnv

OPEN = "closed_at IS NULL"


def pg(env: WebEnv, sql: str, *params: object) -> list[dict]:
    with psycopg.connect(env.settings.pg_dsn, row_factory=dict_row) as conn:
        return conn.execute(sql, params).fetchall()


def count(env: WebEnv, where: str, *params: object) -> int:
    return pg(env, f"SELECT count(*) AS n FROM jobs WHERE {OPEN} AND {where}", *params)[0]["n"]


def total(page: Page) -> int:
    return int(page.locator("#total strong").inner_text().replace(",", ""))


def query(page: Page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def facet(page: Page, name: str, value: str, part: str = "include"):
    return page.locator(f'section[data-facet="{name}"] a.{part}[data-value="{value}"]')


def facet_count(page: Page, name: str, value: str) -> int:
    return int(facet(page, name, value).locator(".count").inner_text())


@pytest.fixture(scope="module", autouse=True)
def one_closed(web_env: WebEnv) -> str:
    """One Stripe posting closed (and re-indexed), so hiding closed postings is visible."""
    uid = pg(web_env, "SELECT job_uid FROM jobs WHERE company = 'Stripe' ORDER BY job_uid LIMIT 1")[0][
        "job_uid"
    ]
    with Database(web_env.settings.pg_dsn) as db:
        with db.transaction() as conn:
            conn.execute("UPDATE jobs SET closed_at = now() WHERE job_uid = %s", (uid,))
        SearchIndex(web_env.settings.os_url, web_env.settings.index_alias).catch_up(db)
    return uid


def test_search_box_runs_the_cli_syntax_and_the_url_keeps_it(page: Page, web_env: WebEnv, shots: Path):
    page.goto("/")
    expect(page.locator("#total")).to_contain_text(str(count(web_env, "true")))
    page.get_by_label("Search words").fill("engineer -senior")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=engineer"))
    assert query(page) == [("q", "engineer -senior")]  # empty fields stay out of a shared link
    api = httpx.get(f"{web_env.url}/jobs", params={"q": "engineer -senior", "size": 1}).json()
    assert total(page) == api["total"] > 0
    titles = page.locator(".hit h3 a").all_inner_texts()
    assert titles and not any("senior" in t.lower() for t in titles)
    page.screenshot(path=shots / "search.png", full_page=True)


def test_facet_click_updates_hits_and_counts(page: Page, web_env: WebEnv, shots: Path):
    page.goto("/")
    assert facet_count(page, "company", "Stripe") == count(web_env, "company = 'Stripe'")
    facet(page, "company", "Stripe").click()
    page.wait_for_url(re.compile(r"company=Stripe"))
    assert total(page) == count(web_env, "company = 'Stripe'") == page.locator(".hit").count()
    assert set(page.locator(".hit .company").all_inner_texts()) == {"Stripe"}
    for row in pg(
        web_env, f"SELECT remote_type, count(*) AS n FROM jobs WHERE {OPEN} AND company = 'Stripe' GROUP BY 1"
    ):
        assert facet_count(page, "remote_type", row["remote_type"]) == row["n"]
    expect(facet(page, "company", "Stripe")).to_have_attribute("aria-current", "true")
    page.screenshot(path=shots / "facet.png", full_page=True)


def test_excluding_a_value(page: Page, web_env: WebEnv, shots: Path):
    page.goto("/")
    facet(page, "company", "Stripe", "exclude").click()
    page.wait_for_url(re.compile(r"exclude=company%3DStripe"))
    assert total(page) == count(web_env, "company <> 'Stripe'")
    assert "Stripe" not in page.locator(".hit .company").all_inner_texts()
    expect(page.locator(".chips")).to_contain_text("not Company: Stripe")
    page.get_by_label("Remove filter not Company: Stripe").click()
    expect(page.locator("#total strong")).to_have_text(str(count(web_env, "true")))
    page.screenshot(path=shots / "exclude.png")


def test_salary_filter_keeps_undisclosed_pay_unless_hidden(page: Page, web_env: WebEnv, shots: Path):
    page.goto("/")
    page.get_by_label("Pay at least").fill("150000")
    page.get_by_label("Pay at least").press("Enter")
    page.wait_for_url(re.compile(r"salary_min=150000"))
    with_undisclosed = count(web_env, "(salary_max_usd >= 150000 OR salary_max_usd IS NULL)")
    assert total(page) == with_undisclosed
    page.get_by_label("Hide postings without pay").check()
    page.wait_for_url(re.compile(r"undisclosed_pay=exclude"))
    paid = count(web_env, "salary_max_usd >= 150000")
    assert total(page) == paid > 0
    assert all(p != "pay not stated" for p in page.locator(".hit .pay").all_inner_texts())
    page.screenshot(path=shots / "salary.png", full_page=True)
    page.get_by_label("Currency").select_option("EUR")  # 150,000 EUR a year is 174,000 USD
    page.wait_for_url(re.compile(r"salary_currency=EUR"))
    assert total(page) == count(web_env, "salary_max_usd >= 174000")


def test_skills_typeahead_offers_names_and_aliases(page: Page, web_env: WebEnv):
    page.goto("/")
    box = page.get_by_label("Add skill")
    box.fill("k8")
    expect(page.locator('#skill-options option[value="Kubernetes"]')).to_have_count(1)
    box.fill("pyt")
    expect(page.locator("#skill-options")).to_have_attribute("data-prefix", "pyt")
    offered = page.locator("#skill-options option").evaluate_all("els => els.map(e => e.value)")
    assert set(offered) == {
        r["name"] for r in pg(web_env, "SELECT name FROM skills WHERE name ILIKE %s", "pyt%")
    }
    skill = pg(
        web_env,
        f"SELECT unnest(skills) AS s, count(*) FROM jobs WHERE {OPEN} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
    )[0]["s"]
    box.fill(skill)
    box.press("Enter")
    page.wait_for_url(re.compile(r"skills="))
    assert total(page) == count(web_env, "%s = ANY(skills)", skill)


def test_sort_by_newest_and_by_salary(page: Page, web_env: WebEnv):
    page.goto("/")
    page.get_by_label("Sort by").select_option("date")
    page.wait_for_url(re.compile(r"sort=date"))
    dates = page.locator(".hit time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True) and len(dates) > 1
    page.get_by_label("Sort by").select_option("salary")
    page.wait_for_url(re.compile(r"sort=salary"))
    best = pg(
        web_env,
        f"SELECT title FROM jobs WHERE {OPEN} ORDER BY coalesce(salary_max_usd, salary_min_usd) DESC NULLS LAST, job_uid LIMIT 1",
    )
    assert page.locator(".hit h3 a").first.inner_text() == best[0]["title"]


def test_paging_and_the_back_button_restore_state(page: Page, web_env: WebEnv, shots: Path):
    everything = count(web_env, "true")
    page.goto("/?sort=date")
    jobs = ".hit"
    first = page.locator(jobs).evaluate_all("els => els.map(e => e.dataset.job)")
    assert len(first) == 20 < everything
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(r"search_after="))
    second = page.locator(jobs).evaluate_all("els => els.map(e => e.dataset.job)")
    assert len(first) + len(second) == everything and not set(first) & set(second)
    expect(page.locator("#total")).to_contain_text("page 2")
    page.screenshot(path=shots / "page2.png")
    page.go_back()
    assert page.locator(jobs).evaluate_all("els => els.map(e => e.dataset.job)") == first
    facet(page, "company", "Palantir").click()
    page.wait_for_url(re.compile(r"company=Palantir"))
    assert total(page) == count(web_env, "company = 'Palantir'")
    page.go_back()
    page.wait_for_url(re.compile(r"/\?sort=date$"))
    assert total(page) == everything and page.locator(".facet li.chosen").count() == 0


def test_job_page_shows_fields_tiers_link_and_history(
    page: Page, web_env: WebEnv, shots: Path, one_closed: str
):
    page.goto("/?include_closed=true&company=Stripe")
    assert total(page) == pg(web_env, "SELECT count(*) AS n FROM jobs WHERE company = 'Stripe'")[0]["n"]
    closed = page.locator(f'.hit[data-job="{one_closed}"]')
    expect(closed.locator(".badge.closed")).to_be_visible()
    closed.locator("h3 a").click()
    job = pg(web_env, "SELECT * FROM jobs WHERE job_uid = %s", one_closed)[0]
    expect(page.locator("h1")).to_have_text(job["title"])
    expect(page.locator("a.original")).to_have_attribute("href", job["url"])
    expect(page.locator(".status .closed")).to_contain_text(str(job["closed_at"].date()))
    tiers = page.locator(".fields tbody tr").evaluate_all(
        "rows => Object.fromEntries(rows.map(r => [r.querySelector('th').innerText, r.querySelector('.tier').innerText]))"
    )
    for field, tier in (job["field_sources"] or {}).items():
        if not field.startswith("_") and field.replace("_", " ") in tiers:
            assert tiers[field.replace("_", " ")] == tier
    snapshots = pg(web_env, "SELECT count(*) AS n FROM job_snapshots WHERE job_uid = %s", one_closed)[0]["n"]
    assert page.locator(".history tbody tr").count() == snapshots > 0
    page.screenshot(path=shots / "job.png", full_page=True)
    page.go_back()
    page.wait_for_url(re.compile(r"include_closed=true"))


def test_closed_postings_hidden_unless_asked(page: Page, web_env: WebEnv, one_closed: str):
    page.goto("/?company=Stripe")
    assert page.locator(f'.hit[data-job="{one_closed}"]').count() == 0
    page.get_by_label("Show closed postings").check()
    page.wait_for_url(re.compile(r"include_closed=true"))
    assert page.locator(f'.hit[data-job="{one_closed}"]').count() == 1


def test_new_marker_follows_the_last_visit_in_this_browser(page: Page, web_env: WebEnv):
    page.goto("/")
    assert page.locator(".hit .new:visible").count() == 0  # a first visit marks nothing
    page.evaluate("sessionStorage.clear(); localStorage.setItem('jobmine.lastVisit', '2000-01-01T00:00:00Z')")
    page.reload()
    assert page.locator(".hit .new:visible").count() == page.locator(".hit").count() > 0
    page.evaluate(
        "sessionStorage.clear(); localStorage.setItem('jobmine.lastVisit', new Date().toISOString())"
    )
    page.reload()
    assert page.locator(".hit .new:visible").count() == 0


def test_empty_state_and_errors_are_messages(page: Page, web_env: WebEnv, shots: Path):
    page.goto("/?q=qqqxxyyzz")
    expect(page.get_by_role("status")).to_contain_text("No postings match")
    page.screenshot(path=shots / "empty.png")
    resp = page.goto("/?salary_min=-5&sort=bogus")
    assert resp is not None and resp.status == 400
    expect(page.get_by_role("alert")).to_contain_text("salary_min")
    assert "Traceback" not in page.content()
    page.screenshot(path=shots / "error.png")


def test_every_control_has_a_label_and_works_by_keyboard(page: Page, web_env: WebEnv):
    page.goto("/")
    unlabeled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, button')]
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
            .map(el => el.outerHTML)"""
    )
    assert unlabeled == []
    page.keyboard.press("Tab")  # the skip link first
    expect(page.locator(".skip")).to_be_focused()
    page.get_by_label("Search words").focus()
    page.keyboard.type("account")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=account"))
    assert total(page) == count(web_env, "title ILIKE %s", "%account%") > 0
