"""`jobmine search` facet counts agree with SQL over the same known data."""

from __future__ import annotations

import json

import pytest

from flows.cli import main as cli
from tests.fakes.synthetic.boards import sample_boards
from tests.test_pipeline_e2e import pg_rows, run

pytestmark = pytest.mark.usefixtures("prefect_server")


@pytest.fixture
def synthetic_loaded(settings, ats_root, ats_server, monkeypatch):
    boards = []
    for (source, token), body in sample_boards(seed=11, boards=8, jobs_per_board=20).items():
        (ats_root / source).mkdir(exist_ok=True)
        (ats_root / source / f"{token}.json").write_bytes(body)
        boards.append(f"{source}:{token}")
    run(settings, ats_server, boards)
    for key, value in {
        "JOBMINE_DATABASE_URL": settings.pg_dsn,
        "JOBMINE_OPENSEARCH_URL": settings.os_url,
        "JOBMINE_INDEX_ALIAS": settings.index_alias,
    }.items():
        monkeypatch.setenv(key, value)
    return settings


def search_json(capsys, *args: str) -> dict:
    assert cli.main(["search", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def sql_counts(dsn: str, column: str, where: str = "TRUE") -> dict[str, int]:
    rows = pg_rows(dsn, f"SELECT {column} AS k, count(*) AS n FROM jobs WHERE {where} GROUP BY 1")
    return {r["k"]: r["n"] for r in rows}


def test_facets_match_sql(synthetic_loaded, capsys):
    dsn = synthetic_loaded.pg_dsn
    result = search_json(capsys, "--facet", "remote_type", "--facet", "seniority", "--facet", "source")
    assert result["total"] == sum(sql_counts(dsn, "source_type").values())
    assert result["facets"]["remote_type"] == sql_counts(dsn, "remote_type")
    assert result["facets"]["seniority"] == sql_counts(dsn, "seniority")
    assert result["facets"]["source"] == sql_counts(dsn, "source_type")


def test_filtered_text_search_matches_sql(synthetic_loaded, capsys):
    dsn = synthetic_loaded.pg_dsn
    result = search_json(
        capsys, "engineer", "--facet", "remote_type", "--filter", "source=greenhouse", "--size", "100"
    )
    where = "source_type = 'greenhouse' AND title ~* '\\mengineer'"
    assert result["facets"]["remote_type"] == sql_counts(dsn, "remote_type", where)
    assert result["total"] >= sum(sql_counts(dsn, "remote_type", where).values()) > 0
    assert all(hit["job_uid"].startswith("greenhouse:") for hit in result["hits"])


def test_unknown_filter_is_a_clear_error(synthetic_loaded, capsys):
    assert cli.main(["search", "x", "--filter", "colour=blue"]) == 2
    assert "unknown facet or filter 'colour'" in capsys.readouterr().err
