"""The `index` flow, the pipeline when OpenSearch dies mid-run, and `jobmine search` / `jobmine index`."""

from __future__ import annotations

import json

import pytest

from flows.cli import main as cli
from flows.index import index
from tasks.search.index import SearchIndex
from tests.fakes.synthetic.boards import sample_boards
from tests.storage.conftest import index_ids, load_postings, pg
from tests.test_pipeline_e2e import run

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_index_flow_catches_up_then_rebuilds(settings, db):
    uids = load_postings(db, 0, 60)
    caught = index(settings=settings)
    assert (caught.mode, caught.indexed, caught.pending) == ("catch_up", 60, 0)
    rebuilt = index(rebuild=True, settings=settings)
    assert (rebuilt.indexed, rebuilt.index) == (60, f"{settings.index_alias}-v2")
    assert index_ids(SearchIndex(settings.os_url, settings.index_alias)) == set(uids)


def test_pipeline_run_with_opensearch_cut_is_caught_up_by_the_next(
    settings, ats_root, ats_server, cuttable_proxy
):
    boards = []
    for (source, token), body in sample_boards(seed=3, boards=4, jobs_per_board=15).items():
        (ats_root / source).mkdir(exist_ok=True)
        (ats_root / source / f"{token}.json").write_bytes(body)
        boards.append(f"{source}:{token}")
    proxy = cuttable_proxy(bulk_limit=0)
    cut = run(settings.model_copy(update={"opensearch_url": proxy.url}), ats_server, boards)
    rows = {r[0] for r in pg(settings.pg_dsn, "SELECT job_uid FROM jobs")}
    assert cut.counts["boards_ok"] == 4 and cut.counts["jobs_indexed"] == 0 and rows
    assert cut.counts["index_deferred"] == 1

    again = run(settings, ats_server, boards)
    assert again.counts["jobs_indexed"] == len(rows)
    assert index_ids(SearchIndex(settings.os_url, settings.index_alias)) == rows


@pytest.fixture
def cli_env(settings, db, monkeypatch):
    load_postings(db, 0, 80)
    for key, value in {
        "JOBMINE_DATABASE_URL": settings.pg_dsn,
        "JOBMINE_OPENSEARCH_URL": settings.os_url,
        "JOBMINE_INDEX_ALIAS": settings.index_alias,
    }.items():
        monkeypatch.setenv(key, value)
    return settings


def test_cli_index_and_search_with_every_flag(cli_env, capsys):
    assert cli.main(["index", "catch-up"]) == 0
    assert json.loads(capsys.readouterr().out)["indexed"] == 80
    args = [
        "search",
        "engineer",
        "--sort",
        "salary",
        "--salary-min",
        "90000",
        "--posted-since",
        "2026-01-01",
        "--filter",
        "remote_type=remote",
        "--facet",
        "seniority",
        "--size",
        "5",
        "--include-closed",
        "--json",
    ]
    assert cli.main(args) == 0
    page = json.loads(capsys.readouterr().out)
    pay = [h["salary_max_usd"] for h in page["hits"]]
    assert pay == sorted(pay, reverse=True) and all(p >= 90000 for p in pay)
    assert all(h["remote_type"] == "remote" for h in page["hits"]) and page["facets"]["seniority"]
    if page["next"]:
        assert cli.main([*args, "--search-after", page["next"]]) == 0
        later = json.loads(capsys.readouterr().out)
        assert not {h["job_uid"] for h in later["hits"]} & {h["job_uid"] for h in page["hits"]}
    assert cli.main(["index", "rebuild"]) == 0
    assert json.loads(capsys.readouterr().out)["index"].endswith("-v2")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--salary-min", "9", "--salary-max", "1"], "salary_min (9) is above salary_max (1)"),
        (["--posted-since", "soon"], "posted-since"),
        (["--filter", "colour=blue"], "unknown facet or filter 'colour'"),
        (["--size", "500"], "size"),
        (["--search-after", "garbage"], "search_after is not a cursor"),
    ],
)
def test_cli_search_errors_are_one_line(cli_env, capsys, args, says):
    assert cli.main(["search", "engineer", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1


@pytest.mark.usefixtures("prefect_server")
def test_index_run_on_its_own_publishes_a_report(settings, db):
    uids = load_postings(db, 0, 25)
    summary = index(settings=settings)
    [path] = settings.reports_dir.glob("run_*.json")
    saved = json.loads(path.read_text())
    assert saved["flow"] == "index"
    assert saved["counts"]["jobs_indexed"] == summary.indexed == len(uids)
    assert saved["counts"]["jobs_pending_index"] == 0
