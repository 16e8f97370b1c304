"""Trend queries on real PostgreSQL over histories whose answers are worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.trends import shaping
from schemas.errors import ConfigError
from schemas.trends import TrendsRequest
from tasks.trends.store import _rows, mark_stale, refresh_view, trends
from tests.storage.conftest import load_postings
from tests.trends.conftest import day, insert

UNTIL = day("2026-11-30")  # a Monday: the window is the four weeks Nov 2 .. Nov 30
WEEKS = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]


def _report(db, settings, **req):
    refresh_view(db)
    return trends(db, TrendsRequest(until=UNTIL, weeks=4, **req), settings, now=day("2026-11-29"))


@pytest.fixture
def weekly_history(settings, db):
    insert(
        settings.pg_dsn,
        [
            {"company": "Xco", "first_seen": "2026-10-20", "last_seen": "2026-11-28"},  # open before
            {"company": "Xco", "first_seen": "2026-11-03", "closed": "2026-11-18"},
            {"company": "Yco", "first_seen": "2026-11-10", "last_seen": "2026-11-28"},
            {"company": "Yco", "first_seen": "2026-11-11", "last_seen": "2026-11-18"},  # board goes dark
            {"company": "Xco", "first_seen": "2026-10-01", "closed": "2026-10-15"},  # gone before
            {"company": "Yco", "first_seen": "2026-12-01"},  # after the window
        ],
    )
    assert mark_stale(db, 7, now=day("2026-11-29")) == 1  # last seen Nov 18 + 7 days: stale from Nov 25


def _series(report, value):
    return [(p.opened, p.closed, p.open, p.stale) for p in report.weekly if p.value == value]


def test_weekly_counts_opened_closed_open_and_stale(settings, db, weekly_history):
    report = _report(db, settings, sections=["weekly"])
    assert [p.week.date().isoformat() for p in report.weekly] == WEEKS
    assert _series(report, "all") == [(1, 0, 2, 0), (2, 0, 4, 0), (0, 1, 3, 0), (0, 0, 2, 1)]


def test_weekly_counts_by_company_and_filtered(settings, db, weekly_history):
    report = _report(db, settings, sections=["weekly"], by="company")
    assert _series(report, "Xco") == [(1, 0, 2, 0), (0, 0, 2, 0), (0, 1, 1, 0), (0, 0, 1, 0)]
    assert _series(report, "Yco") == [(0, 0, 0, 0), (2, 0, 2, 0), (0, 0, 2, 0), (0, 0, 1, 1)]
    only_y = _report(db, settings, sections=["weekly"], filters={"company": ["Yco"]})
    assert _series(only_y, "all") == _series(report, "Yco")
    with pytest.raises(ConfigError):
        _report(db, settings, filters={"colour": ["red"]})


def test_pre_aggregated_weekly_counts_equal_the_full_scan(settings, db, weekly_history):
    load_postings(db, 0, 300)  # first seen now: they open in the window's last week when `until` is now
    refresh_view(db)
    since, until = shaping.window(None, 4, datetime.now(UTC))
    params = {**shaping.filter_params(TrendsRequest()), "since": since, "until": until}
    for by in ("all", "company", "job_function", "seniority", "country", "skill", "source"):
        everything = _rows(db, "weekly", {**params, "by": by, "top": 100_000})
        assert (
            everything and _rows(db, "weekly_unfiltered", {**params, "by": by, "top": 100_000}) == everything
        )
        # Only the 3 values with most openings (ties by value) get series, the same ones both ways.
        scanned = _rows(db, "weekly", {**params, "by": by, "top": 3})
        assert _rows(db, "weekly_unfiltered", {**params, "by": by, "top": 3}) == scanned, by
        opened: dict[str, int] = {}
        for r in everything:
            opened[r["value"]] = opened.get(r["value"], 0) + r["opened"]
        assert {r["value"] for r in scanned} == set(sorted(opened, key=lambda v: (-opened[v], v))[:3]), by


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"salary_min": 100_000}, {"Range", "From"}),  # "from 120k" states 120k; "up to 80k" tops at 80k
        ({"salary_max": 90_000}, {"UpTo"}),  # only "up to 80k" is that low at the bottom it states
        ({"salary_min": 50_000, "salary_max": 200_000}, {"Range", "UpTo", "From"}),
    ],
)
def test_salary_filters_read_an_open_range_by_the_bound_it_states(settings, db, bounds, expected):
    """As search does: "up to $80k" (no minimum) and "from $120k" (no maximum); no pay never matches."""
    pay = {"Range": (100_000, 140_000), "UpTo": (None, 80_000), "From": (120_000, None), "None": (None, None)}
    insert(
        settings.pg_dsn,
        [{"company": c, "salary_min_usd": lo, "salary_max_usd": hi} for c, (lo, hi) in pay.items()],
    )
    report = _report(db, settings, sections=["weekly"], by="company", **bounds)
    assert {p.value for p in report.weekly if p.opened} == expected


def test_salary_percentiles_per_stated_currency_and_interval(settings, db):
    jobs = [
        {
            "salary_min_usd": mid - 10_000,
            "salary_max_usd": mid + 10_000,
            "salary_currency": "USD",
            "salary_interval": "year",
        }
        for mid in (100_000, 120_000, 140_000, 160_000, 180_000)
    ]
    # EUR per month as stated: 5000 .. 9000; the row keeps its annual USD equivalent (x 12 x 1.16).
    jobs += [
        {
            "salary_min_usd": round(m * 12 * 1.16),
            "salary_max_usd": round(m * 12 * 1.16),
            "salary_currency": "EUR",
            "salary_interval": "month",
            "countries": ["DE"],
        }
        for m in (5000, 6000, 7000, 8000, 9000)
    ]
    jobs += [
        {
            "salary_min_usd": 80_000,
            "salary_max_usd": 80_000,
            "salary_currency": "USD",
            "salary_interval": "hour",
        }
    ] * 2
    insert(settings.pg_dsn, jobs)
    report = _report(db, settings, sections=["salary"], min_count=3)
    bands = {(b.country, b.currency, b.interval): b for b in report.salary}
    assert set(bands) == {("US", "USD", "year"), ("DE", "EUR", "month")}  # hourly: 2 < min_count, hidden
    assert report.salary_hidden == 1
    us = bands[("US", "USD", "year")]
    assert (us.count, us.p25, us.p50, us.p75) == (5, 120_000, 140_000, 160_000)
    de = bands[("DE", "EUR", "month")]
    assert (de.p25, de.p50, de.p75) == pytest.approx((6000, 7000, 8000), abs=0.01)
    assert de.p50_annual_usd == round(7000 * 12 * 1.16)


def test_unfiltered_salary_from_the_narrow_view_equals_the_full_scan(settings, db):
    salaried = [
        {"salary_min_usd": lo, "salary_max_usd": hi, "salary_currency": cur, "salary_interval": iv, **more}
        for lo, hi, cur, iv, more in [
            (100_000, 140_000, "USD", "year", {}),
            (90_000, None, "USD", "year", {"seniority": "mid"}),  # a floor only: the midpoint is the floor
            (None, 150_000, "USD", "year", {"closed": "2026-11-20"}),  # closed inside the window: counted
            (80_000, 80_000, "USD", "year", {"first_seen": "2026-09-01", "closed": "2026-10-01"}),  # before
            (70_000, 90_000, "EUR", "year", {"countries": ["DE", "FR"]}),  # a row per country
            (60_000, 60_000, "EUR", "year", {"countries": ["DE", "DE"]}),  # listed twice: counted twice
            (50, 70, "USD", "hour", {"countries": []}),  # no country: "unknown"
            (30_000, 50_000, None, None, {"job_function": None}),  # no stated currency or interval
        ]
    ]
    insert(settings.pg_dsn, salaried + [{"first_seen": "2026-11-05"}] * 3)  # and postings without pay
    load_postings(db, 0, 200)
    refresh_view(db)
    for until in (UNTIL, datetime.now(UTC)):
        since, until = shaping.window(until, 4, datetime.now(UTC))
        params = {**shaping.filter_params(TrendsRequest()), "since": since, "until": until}
        scanned = _rows(db, "salary", params)
        assert scanned and _rows(db, "salary_unfiltered", params) == scanned
    by_scan = {(r["country"], r["currency"], r["interval"]): r["n"] for r in _rows(db, "salary", params)}
    assert by_scan[("DE", "EUR", "year")] == 3 and by_scan[("unknown", "USD", "hour")] == 1


def test_time_open_distribution_per_company_and_function(settings, db):
    insert(
        settings.pg_dsn,
        [{"first_seen": "2026-11-03", "closed": f"2026-11-{3 + d:02d}"} for d in (2, 4, 6, 8, 10)]
        + [{"company": "Zco", "first_seen": "2026-11-03", "closed": "2026-11-25", "job_function": "sales"}],
    )
    report = _report(db, settings, sections=["time_open"], min_count=2)
    by = {(t.dimension, t.value): t for t in report.time_open}
    x = by[("company", "Xco")]
    assert (x.count, x.p25_days, x.p50_days, x.p75_days) == (5, 4, 6, 8)
    assert x.share_within_7d == 0.6
    assert ("company", "Zco") not in by  # one closing: under min_count
    assert by[("job_function", "engineering")].count == 5


def test_time_open_shows_the_top_values_with_enough_closings_ties_by_name(settings, db):
    closings = {"Dco": (1, 3, 5, 7), "Cco": (2, 2, 2), "Aco": (9, 9, 9), "Bco": (4, 4, 4), "Eco": (1, 1)}
    insert(
        settings.pg_dsn,
        [
            {"company": company, "first_seen": "2026-11-03", "closed": f"2026-11-{3 + d:02d}"}
            for company, days in closings.items()
            for d in days
        ],
    )
    report = _report(db, settings, sections=["time_open"], min_count=3, top=2)
    shown = [(t.dimension, t.value, t.count) for t in report.time_open]
    # Most closings first; among the three with 3, the first by name; Eco (2) is under min_count.
    assert shown == [("job_function", "engineering", 15), ("company", "Dco", 4), ("company", "Aco", 3)]
    d = report.time_open[1]
    assert (d.p25_days, d.p50_days, d.p75_days, d.share_within_7d) == (2.5, 4, 5.5, 1.0)


def test_rising_skills_compare_shares_of_new_postings(settings, db):
    before = [["rust", "python"]] + [["python"]] * 3 + [["go"]]  # week of Nov 16: rust 1/5, python 4/5
    # Week of Nov 23: rust 4/6, python 2/6; a posting that names no skill still counts among the new ones.
    now = [["rust"]] * 2 + [["rust", "python"]] * 2 + [["go"]] + [[]]
    insert(
        settings.pg_dsn,
        [{"first_seen": "2026-11-17", "skills": s} for s in before]
        + [{"first_seen": "2026-11-24", "skills": s} for s in now],
    )
    report = _report(db, settings, sections=["rising_skills"], period_weeks=1, min_count=1)
    got = {s.skill: (s.now_count, s.before_count, s.now_share, s.ratio) for s in report.rising_skills}
    assert got == {
        "rust": (4, 1, 0.6667, 3.3333),
        "go": (1, 1, 0.1667, 0.8333),
        "python": (2, 4, 0.3333, 0.4167),
    }
    assert report.rising_skills[0].skill == "rust"


def test_freshness_counts_stale_ghosts_and_reposts_apart(settings, db):
    insert(
        settings.pg_dsn,
        [
            {"duplicate_group": "g1", "first_seen": "2026-11-02", "closed": "2026-11-10"},
            {"duplicate_group": "g1", "first_seen": "2026-11-12", "last_seen": "2026-11-28"},  # repost
            {
                "duplicate_group": "g1",
                "first_seen": "2026-11-05",
                "last_seen": "2026-11-28",
            },  # copy, not repost
            {"first_seen": "2026-08-01", "last_seen": "2026-11-28"},  # open 120 days: ghost suspect
            {"first_seen": "2026-11-03", "last_seen": "2026-11-10"},  # stale
        ],
    )
    mark_stale(db, 7, now=day("2026-11-29"))
    f = _report(db, settings, sections=["freshness"]).freshness
    assert (f.open, f.stale, f.closed, f.ghost, f.reposted) == (3, 1, 1, 1, 1)
