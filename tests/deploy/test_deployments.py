"""prefect.yaml on a real Prefect server: the three pools from infra/pools/, every deployment onto each,
and a `pipeline` deployment run executed by a local process worker, its artifacts checked against
PostgreSQL."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import yaml
from psycopg.rows import dict_row

from flows.cli.main import main
from schemas.settings import REPO_ROOT, Settings
from tests.conftest import fixture_boards
from tests.deploy.conftest import PrefectServer, use_server

BOARDS = {
    "greenhouse:anthropic": "greenhouse_jobs_anthropic.json",
    "greenhouse:homepl": "greenhouse_jobs_homepl.json",
    "lever:people-ai": "lever_postings_people-ai.json",
}
MISSING_BOARD = "greenhouse:no-such-board"
SITE = {
    "ecs": ["cluster=jobmine-test", "task_role_arn=arn:aws:iam::123456789012:role/jobmine-flow-task"],
    "k3s": ["namespace=jobmine-test", "image=registry.local/jobmine:test"],
    "local": [],
}


def deployable_names() -> list[str]:
    """`flow/deployment` of every deployment in prefect.yaml whose flow module is importable.
    (While a stage's flow module is still being written, the others are deployed by name.)"""
    spec = yaml.safe_load((REPO_ROOT / "prefect.yaml").read_text())
    names = []
    for dep in spec["deployments"]:
        module, func = dep["entrypoint"].split(":")
        if importlib.util.find_spec(module) is not None:
            names.append(f"{func}/{dep['name']}")
    return names


def deploy(pool: str, names: list[str] | None = None) -> list[str]:
    """`jobmine deploy --pool POOL` (every deployment, or the named ones) with this site's values."""
    everything = deployable_names()
    total = len(yaml.safe_load((REPO_ROOT / "prefect.yaml").read_text())["deployments"])
    args = ["deploy", "--pool", pool, *[a for kv in SITE[pool] for a in ("--set", kv)]]
    if names or len(everything) < total:
        args += [a for name in names or everything for a in ("--name", name)]
    assert main(args) == 0
    return names or everything


def pg(dsn: str, sql: str, *params: object) -> list[dict]:
    with psycopg.connect(dsn, row_factory=dict_row) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def local_deployments(real_prefect: PrefectServer) -> list[str]:
    """Every deployment of prefect.yaml on the `local` pool, created from infra/pools/ by `jobmine deploy`."""
    with pytest.MonkeyPatch.context() as mp, use_server(real_prefect, mp):
        return deploy("local")


def check_pool(pool: str, names: list[str]) -> None:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        wp = client.read_work_pool(pool)
        for name in names:
            dep = client.read_deployment_by_name(name)
            assert dep.work_pool_name == pool, name
            assert dep.job_variables["env"]["PREFECT_TASKS_DEFAULT_RETRIES"] == "2"
            assert dep.global_concurrency_limit.limit == 1 and "jobmine" in dep.tags
    props = wp.base_job_template["variables"]["properties"]
    if pool == "ecs":
        assert wp.type == "ecs" and props["cluster"]["default"] == "jobmine-test"
        assert props["task_role_arn"]["default"].endswith(":role/jobmine-flow-task")
    if pool == "k3s":
        assert wp.type == "kubernetes" and props["namespace"]["default"] == "jobmine-test"
    if pool == "local":
        assert wp.type == "process" and props["env"]["default"]["JOBMINE_WORKDIR"] == str(REPO_ROOT)


def test_pools_from_the_repo_take_the_deployments(local_deployments, prefect_api: PrefectServer, capsys):
    from prefect.client.orchestration import get_client

    assert sorted(local_deployments) == [
        "alerts/on-demand",
        "discover/weekly",
        "export/daily",
        "extract/on-demand",
        "index/on-demand",
        "pipeline/daily",
        "scrape/daily",
        "trends/weekly",
    ]
    check_pool("local", local_deployments)
    with get_client(sync_client=True) as client:
        scheduled = client.read_deployment_by_name("scrape/daily")
    assert [s.schedule.cron for s in scheduled.schedules] == ["0 5 * * *"]
    assert scheduled.concurrency_options.collision_strategy == "ENQUEUE"
    # prefect.yaml's job variables against the ECS and Kubernetes templates: the server checks them.
    # (Deploying onto another pool moves a deployment there; the run test puts pipeline/daily back.)
    for pool in ("ecs", "k3s"):
        check_pool(pool, deploy(pool, ["pipeline/daily", "discover/weekly"]))
    out = capsys.readouterr().out
    assert "work pool ecs: created" in out and "deployment pipeline/daily: on pool k3s" in out
    assert main(["deploy", "--pool", "local", "--pool-only"]) == 0
    assert "work pool local: updated" in capsys.readouterr().out


@pytest.mark.slow
def test_local_worker_runs_the_pipeline_deployment(
    local_deployments,
    prefect_api: PrefectServer,
    settings: Settings,
    ats_root: Path,
    ats_server,
    tmp_path: Path,
):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    fixture_boards(ats_root, BOARDS)
    deploy("local", ["pipeline/daily"])
    boards = [*BOARDS, MISSING_BOARD]
    with get_client(sync_client=True) as client:
        dep = client.read_deployment_by_name("pipeline/daily")
        run = client.create_flow_run_from_deployment(dep.id, parameters={"boards": boards})

    env = prefect_api.env(
        JOBMINE_DATABASE_URL=settings.pg_dsn,
        JOBMINE_OPENSEARCH_URL=settings.os_url,
        JOBMINE_INDEX_ALIAS=settings.index_alias,
        JOBMINE_RAW_STORE=settings.raw_store,
        JOBMINE_REPORTS_DIR=str(settings.reports_dir),
        JOBMINE_GREENHOUSE_API_URL=ats_server.url,
        JOBMINE_LEVER_API_URL=ats_server.url,
        OPENAI_API_KEY="sk-test-never-in-a-report-0123456789",
    )
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "prefect", "worker", "start", "--pool", "local", "--run-once"],
            env=env,
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            worker.wait(timeout=240)
        finally:
            worker.kill()
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(run.id).state
        artifacts = client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
    assert state.is_completed(), f"{state}\n{log.read_text()[-6000:]}"

    run_id = str(run.id)
    by_key = {a.key: a for a in artifacts}
    counts = {row["count"]: row["value"] for row in json.loads(by_key["pipeline-counts"].data)}
    fetches = pg(settings.pg_dsn, "SELECT * FROM board_fetches WHERE run_id = %s", run_id)
    assert counts["boards_requested"] == len(fetches) == len(boards)
    assert counts["boards_failed"] == sum(f["status"] == "failed" for f in fetches) == 1
    assert counts["postings_fetched"] == sum(f["postings"] for f in fetches if f["status"] == "ok")
    [inserted] = pg(settings.pg_dsn, "SELECT count(*) AS n FROM jobs WHERE first_run_id = %s", run_id)
    assert counts["jobs_inserted"] == inserted["n"] > 0
    [row] = pg(settings.pg_dsn, "SELECT report, finished_at FROM runs WHERE run_id = %s", run_id)
    assert row["finished_at"] is not None and row["report"]["counts"] == counts
    assert row["report"]["headline"]["new"] == inserted["n"]

    failures = json.loads(by_key["pipeline-failures"].data)
    assert [(f["board"], f["reason"]) for f in failures] == [
        (MISSING_BOARD, next(f["reason"] for f in fetches if f["status"] == "failed"))
    ]
    markdown = by_key["pipeline-report"].data
    assert f"run `{run_id}`" in markdown and "## Failures by reason" in markdown
    tiers = {t["tier"]: t for t in json.loads(by_key["pipeline-tiers"].data)}
    assert tiers["rules"]["postings"] == counts["postings_fetched"]

    saved = json.loads((settings.reports_dir / f"run_{run_id}.json").read_text())
    assert saved == row["report"]
    assert "sk-test-never" not in json.dumps(saved) and "sk-test-never" not in markdown


def test_credential_blocks_come_from_the_environment(prefect_api: PrefectServer, monkeypatch, capsys):
    from prefect.blocks.system import Secret
    from prefect_aws import AwsCredentials, S3Bucket

    monkeypatch.setenv("JOBMINE_OPENAI_API_KEY", "sk-block-test-0123456789abcdef")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIA" + "EXAMPLEEXAMPLE00")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "aws-secret-for-the-test")
    monkeypatch.setenv("JOBMINE_RAW_STORE", "s3://jobmine-raw-test/payloads")
    assert main(["deploy", "--pool", "local", "--pool-only", "--blocks"]) == 0
    out = capsys.readouterr().out
    assert "block secret/jobmine-openai-api-key: saved" in out and "sk-block-test" not in out
    assert Secret.load("jobmine-openai-api-key").get() == "sk-block-test-0123456789abcdef"
    creds = AwsCredentials.load("jobmine-aws")
    assert creds.aws_secret_access_key.get_secret_value() == "aws-secret-for-the-test"
    bucket = S3Bucket.load("jobmine-raw")
    assert (bucket.bucket_name, bucket.bucket_folder) == ("jobmine-raw-test", "payloads")
