"""Save a search in the browser, run the pipeline on new recorded boards, and see the signed webhook
arrive at a local receiver once per new matching posting, and the Atom feed list the same postings."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import psycopg
import pytest
from playwright.sync_api import Page, expect
from psycopg.rows import dict_row

from extractors.alerts.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from tests.web.conftest import LATER_BOARDS, WebEnv
from tests.web.receiver import Receiver

ATOM = "{http://www.w3.org/2005/Atom}"


def pg(env: WebEnv, sql: str, *params: object) -> list[dict]:
    with psycopg.connect(env.settings.pg_dsn, row_factory=dict_row) as conn:
        return conn.execute(sql, params).fetchall()


def feed_ids(url: str) -> list[str]:
    root = ET.fromstring(httpx.get(url).content)
    return [e.findtext(f"{ATOM}id").removeprefix("urn:jobmine:job:") for e in root.iter(f"{ATOM}entry")]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    hook = Receiver(fail_first=1)  # the first message is answered 503 once: it must be retried
    yield hook
    hook.close()


def test_saved_search_gets_signed_webhooks_and_a_feed(
    page: Page, web_env: WebEnv, receiver: Receiver, shots: Path
):
    page.goto("/")
    page.locator('section[data-facet="source"] a.exclude[data-value="lever"]').click()
    page.wait_for_url(re.compile(r"exclude=source%3Dlever"))
    page.get_by_text("Save this search").click()
    page.get_by_label("Name").fill("Greenhouse postings")
    page.get_by_label("Webhook URL (optional)").fill(receiver.url)
    page.screenshot(path=shots / "save.png")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/saved/[A-Za-z0-9_-]{20,}$"))
    search_id = page.url.rsplit("/", 1)[1]
    secret = page.locator("#secret").inner_text()
    feed_url = page.locator("#feed-link").get_attribute("href")
    assert feed_url and search_id not in feed_url  # the public feed does not give away the management link
    assert feed_ids(feed_url) == []

    report = web_env.run_pipeline(LATER_BOARDS)
    saved_at = pg(web_env, "SELECT created_at FROM saved_searches WHERE id = %s", search_id)[0]["created_at"]
    expected = {
        r["job_uid"]
        for r in pg(
            web_env,
            "SELECT job_uid FROM jobs WHERE source_type <> 'lever' AND closed_at IS NULL AND first_seen_at > %s",
            saved_at,
        )
    }
    assert expected and not any(u.startswith("lever:") for u in expected)
    got = [json.loads(body)["job"]["job_uid"] for _, body in receiver.received]
    assert sorted(got) == sorted(expected)  # one message per posting, none for an excluded source
    for headers, body in receiver.received:
        assert verify(secret, int(headers[TIMESTAMP_HEADER]), body, headers[SIGNATURE_HEADER], time.time())
        assert not verify(
            "wrong" + secret, int(headers[TIMESTAMP_HEADER]), body, headers[SIGNATURE_HEADER], time.time()
        )
    assert report.deliveries == {"sent": len(expected)}
    rows = pg(web_env, "SELECT status, attempts FROM alert_deliveries WHERE search_id = %s", search_id)
    assert {r["status"] for r in rows} == {"sent"} and sorted(r["attempts"] for r in rows)[-1] == 2
    assert sorted(feed_ids(feed_url)) == sorted(expected)

    page.reload()
    expect(page.locator(".history tbody tr")).to_have_count(len(expected))
    page.screenshot(path=shots / "saved.png", full_page=True)

    again = web_env.run_pipeline(LATER_BOARDS)  # nothing new: at most one message per posting per search
    assert len(receiver.received) == len(expected) and again.deliveries == {}


def test_a_private_webhook_is_refused_when_saving(page: Page, web_env: WebEnv, shots: Path):
    page.goto("/?q=engineer")
    page.get_by_text("Save this search").click()
    page.get_by_label("Name").fill("Internal")
    page.get_by_label("Webhook URL (optional)").fill("http://169.254.169.254/latest/meta-data")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("link-local")
    page.screenshot(path=shots / "refused.png")
    assert pg(web_env, "SELECT count(*) AS n FROM saved_searches WHERE name = 'Internal'")[0]["n"] == 0
