"""SIGKILL `jobmine pipeline` (its whole process group, with the ephemeral Prefect server it started) at
a named point of every stage, run it again with the same settings: the end state equals a clean run's,
the rerun takes about as long as a clean run (no wait on slots the dead run held), and nothing is left
running or held.

Kill points are named in the code (`tasks/recovery/killpoints.py`, armed by JOBMINE_KILL_AT): only a
point inside the run lands between two writes every time; `bench/chaos.py` kills at random times.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from schemas.settings import Settings
from tests.conftest import _dsn_for
from tests.fakes.ats_server import AtsServer
from tests.recovery import harness

BOARDS = 10


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AtsServer, list[str]]]:
    root = tmp_path_factory.mktemp("ats")
    boards = harness.lay_out_boards(root, BOARDS)
    with AtsServer(root) as server:
        yield server, boards


def _settings(base: Settings, template: str, tmp: Path) -> Settings:
    name = f"jobmine_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return base.model_copy(
        update={
            "database_url": _dsn_for(base.pg_dsn, name),
            "opensearch_url": base.os_url,
            "index_alias": f"jobmine-test-{uuid.uuid4().hex[:10]}",
            "raw_store": f"file://{tmp / 'raw'}",
            "reports_dir": tmp / "reports",
        }
    )


def _drop(settings: Settings) -> None:
    from tasks.search.index import SearchIndex

    with psycopg.connect(Settings().pg_dsn, autocommit=True) as conn:
        conn.execute(
            f'DROP DATABASE IF EXISTS "{psycopg.conninfo.conninfo_to_dict(settings.pg_dsn)["dbname"]}" WITH (FORCE)'
        )
    client = SearchIndex(settings.os_url, settings.index_alias).client
    client.indices.delete(index=f"{settings.index_alias}-v*", ignore_unavailable=True, allow_no_indices=True)


@pytest.fixture(scope="module")
def clean(world, base_settings: Settings, template_db: str, tmp_path_factory: pytest.TempPathFactory):
    """One uninterrupted run: the end state and wall time every killed-and-rerun run is held to."""
    server, boards = world
    tmp = tmp_path_factory.mktemp("clean")
    settings = _settings(base_settings, template_db, tmp)
    home = tmp / "prefect"
    run = harness.run_pipeline(harness.pipeline_env(settings, server.url, home), boards)
    assert run.returncode == 0 and not run.left_behind, (run.returncode, run.stderr[-3000:])
    state = harness.end_state(settings)
    assert state["jobs"] and state["documents"] and state["raw_keys"] and state["job_skills"]
    assert harness.leftovers(settings, home) == {
        "running_runs": [],
        "slot_holds": [],
        "held_slots": [],
        "running_flow_runs": [],
    }
    yield state, run.wall_s
    _drop(settings)


@pytest.mark.parametrize(
    "kill_at",
    [
        "scrape:before-fetch",
        "scrape:mid-fetch@4",
        "scrape:mid-load@3",
        "extract:mid-batch",
        "index:mid-bulk",
        "report",
    ],
)
def test_killed_anywhere_the_rerun_converges(
    kill_at: str, world, clean, base_settings: Settings, template_db: str, tmp_path: Path
) -> None:
    server, boards = world
    clean_state, clean_wall = clean
    settings = _settings(base_settings, template_db, tmp_path)
    home = tmp_path / "prefect"
    env = harness.pipeline_env(settings, server.url, home)
    try:
        killed = harness.run_pipeline(env, boards, kill_at=kill_at)
        assert killed.returncode == -9, f"the run was not killed at {kill_at}: {killed.stderr[-2000:]}"

        rerun = harness.run_pipeline(env, boards)

        # exited 0 and stopped its ephemeral Prefect server itself (nothing of its group was left running)
        assert rerun.returncode == 0 and not rerun.left_behind, (
            rerun.returncode,
            rerun.left_behind,
            rerun.stderr[-3000:],
        )
        assert harness.end_state(settings) == clean_state
        # the bug this guards against: a rerun stuck for minutes on slots the dead run held
        assert rerun.wall_s < 3 * clean_wall + 20, (rerun.wall_s, clean_wall)
        assert harness.leftovers(settings, home) == {
            "running_runs": [],
            "slot_holds": [],
            "held_slots": [],
            "running_flow_runs": [],
        }
        crashed = harness.crashed_runs(settings)
        assert len(crashed) == 1 and "is gone" in next(iter(crashed.values()))
        report = harness.latest_report(settings)
        assert report["recovered"] == crashed
    finally:
        _drop(settings)
