"""Real secrets, looked for everywhere a run writes: a password-bearing PostgreSQL DSN, an OpenSearch URL
with credentials, an AWS secret key and an OpenAI key with no recognisable shape. The services accept
them (trust auth, security off, moto, a fake OpenAI that echoes the key in its error as real APIs do),
so the run is a normal one; then no byte of CLI output, report file, PostgreSQL table, Prefect database
(flow run parameters, logs, artifacts) may hold any of them. The secrets only ever live in the child
processes' environment, never in this test process's."""

from __future__ import annotations

import os
import secrets
import uuid
from pathlib import Path

import psycopg

from schemas.settings import Settings
from tests.conftest import free_port
from tests.fakes.ats_server import AtsServer
from tests.fakes.llm_servers import FakeOpenAI, Reply
from tests.recovery import harness


def _secret() -> str:
    return secrets.token_urlsafe(24).replace("-", "x").replace("_", "y")  # no `sk-`, no known prefix


def _with_password(dsn: str, password: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(dsn)
    return f"postgresql://{info.get('user', 'jobmine')}:{password}@{info['host']}:{info['port']}/{info['dbname']}"


def _with_credentials(url: str, user: str, password: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{user}:{password}@{rest}"


def _everything_stored(settings: Settings, home: Path, reports: Path) -> dict[str, str]:
    """Where a secret could end up, by name: every table's rows as text, every file written."""
    found: dict[str, str] = {}
    with psycopg.connect(settings.pg_dsn) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        for table in tables:
            rows = conn.execute(f'SELECT to_jsonb(t)::text FROM "{table}" t').fetchall()
            found[f"table {table}"] = "\n".join(r[0] for r in rows)
    for root in (home, reports):
        for path in root.rglob("*"):
            if path.is_file():
                found[str(path)] = path.read_bytes().decode("latin-1")
    return found


def test_no_secret_reaches_output_reports_tables_or_prefect(
    settings: Settings, ats_root: Path, s3_endpoint: str, tmp_path: Path
) -> None:
    env_before = dict(os.environ)
    pg_password, os_password, aws_secret, openai_key = _secret(), _secret(), _secret(), _secret()
    boards = harness.lay_out_boards(ats_root, 3)
    (ats_root / "greenhouse" / "broken-board.json").write_text('{"jobs": [')  # a dead letter
    boards.append("greenhouse:broken-board")
    bucket = f"raw-{uuid.uuid4().hex[:8]}"
    import boto3

    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket=bucket)
    home, reports = tmp_path / "prefect", settings.reports_dir
    echo = Reply(status=401, error=f"Incorrect API key provided: {openai_key}. You can find your key ...")
    with AtsServer(ats_root) as ats, FakeOpenAI(reply=lambda _: echo) as openai:
        env = harness.pipeline_env(settings, ats.url, home) | {
            "JOBMINE_DATABASE_URL": _with_password(settings.pg_dsn, pg_password),
            "JOBMINE_OPENSEARCH_URL": _with_credentials(settings.os_url, "admin", os_password),
            "JOBMINE_RAW_STORE": f"s3://{bucket}/raw",
            "JOBMINE_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_ACCESS_KEY_ID": "AKIA" + uuid.uuid4().hex[:16].upper(),
            "AWS_SECRET_ACCESS_KEY": aws_secret,
            "AWS_DEFAULT_REGION": "us-east-1",
            "JOBMINE_OPENAI_API_KEY": openai_key,
            "JOBMINE_OPENAI_BASE_URL": f"{openai.url}/v1",
            "JOBMINE_OPENAI_HTTP_RETRIES": "0",
            "JOBMINE_ESCALATE_CONFIDENCE": "1.01",  # every posting goes to tier 2 and meets the error
        }
        run = harness.run_pipeline(env, boards, options=("-v",))
        assert run.returncode == 0, run.stderr[-3000:]
        assert openai.requests, "tier 2 was never called: the OpenAI key was not exercised"
        # unreachable services: the errors name them, without their credentials
        closed = f"127.0.0.1:{free_port()}"
        no_os = harness.run_pipeline(
            env | {"JOBMINE_OPENSEARCH_URL": f"http://admin:{os_password}@{closed}"}, boards
        )
        no_pg = harness.run_pipeline(
            env | {"JOBMINE_DATABASE_URL": f"postgresql://jobmine:{pg_password}@{closed}/x"}, boards
        )
    assert no_os.returncode != 0 and "OpenSearch" in no_os.stderr + no_os.stdout
    assert no_pg.returncode != 0 and "PostgreSQL" in no_pg.stderr + no_pg.stdout
    places = {"run output": run.stdout + run.stderr, "OpenSearch down": no_os.stdout + no_os.stderr}
    places |= {"PostgreSQL down": no_pg.stdout + no_pg.stderr} | _everything_stored(settings, home, reports)
    assert any("llm_calls" in p and "Incorrect API key" in t for p, t in places.items())  # the error was kept
    names = {"PostgreSQL password": pg_password, "OpenSearch password": os_password}
    names |= {"AWS secret key": aws_secret, "OpenAI key": openai_key}
    leaks = [
        f"{name} in {place}"
        for place, text in places.items()
        for name, value in names.items()
        if value in text
    ]
    assert not leaks, "\n".join(leaks)
    assert dict(os.environ) == env_before  # nothing was put in this process's environment
