"""Open pay ranges ("up to $80k": no minimum; "from $120k": no maximum) in search, on the real OpenSearch:
the open side reads as the stated bound, and a posting that states one bound is not "pay not stated"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from schemas.search import SearchRequest
from schemas.settings import Settings
from tasks.search.index import SearchIndex
from tasks.storage.database import Database
from tests.conftest import scratch_search_env
from tests.storage.conftest import load_postings

# name -> (salary_min_usd, salary_max_usd)
PAY = {
    "range": (100_000, 140_000),
    "up_to": (None, 80_000),
    "from": (120_000, None),
    "none": (None, None),
}


@pytest.fixture(scope="module")
def open_env(base_settings: Settings, template_db: str) -> Iterator[tuple[SearchIndex, dict[str, str]]]:
    with scratch_search_env(base_settings, template_db) as settings, Database(settings.pg_dsn) as db:
        uids = load_postings(db, 0, len(PAY))
        named = dict(zip(PAY, uids, strict=True))
        with db.transaction() as conn:
            for name, (lo, hi) in PAY.items():
                conn.execute(
                    "UPDATE jobs SET salary_min_usd = %s, salary_max_usd = %s, salary_currency = 'USD',"
                    " salary_interval = 'year' WHERE job_uid = %s",
                    (lo, hi, named[name]),
                )
        index = SearchIndex(settings.os_url, settings.index_alias)
        index.catch_up(db)
        yield index, named


def _found(index: SearchIndex, **req: object) -> set[str]:
    return {h["job_uid"] for h in index.search(SearchRequest(size=50, **req))["hits"]}


@pytest.mark.parametrize(
    ("req", "expected"),
    [
        # pay at least $100k: the range tops at 140k, "from 120k" states 120k; "up to 80k" tops at 80k
        ({"salary_min": 100_000, "undisclosed_pay": "exclude"}, {"range", "from"}),
        # pay at most $90k at the bottom: only "up to 80k" states a figure that low
        ({"salary_max": 90_000, "undisclosed_pay": "exclude"}, {"up_to"}),
        (
            {"salary_min": 50_000, "salary_max": 200_000, "undisclosed_pay": "exclude"},
            {"range", "up_to", "from"},
        ),
        # postings that state no pay pass the bounds when asked, and only they do
        ({"salary_min": 1_000_000, "undisclosed_pay": "include"}, {"none"}),
        ({"undisclosed_pay": "exclude"}, {"range", "up_to", "from"}),
    ],
)
def test_an_open_range_is_filtered_by_the_bound_it_states(open_env, req, expected):
    index, named = open_env
    assert _found(index, **req) == {named[n] for n in expected}


def test_sorting_by_pay_ranks_an_open_range_by_the_bound_it_states(open_env):
    """A range from $120k ranks below a range topping at $140k and above "up to $80k"; no pay comes last."""
    index, named = open_env
    hits = index.search(SearchRequest(size=50, sort="salary"))["hits"]
    order = [h["job_uid"] for h in hits]
    assert order == [named[n] for n in ("range", "from", "up_to", "none")]
