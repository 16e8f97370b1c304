"""Real services for every test: PostgreSQL, OpenSearch, a Prefect server and an S3 API server.

Nothing here skips: when a service is missing the session stops with a message saying how to start it.
"""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from schemas.settings import Settings
from tasks.search.index import SearchIndex
from tasks.storage.database import Database
from tests.fakes.ats_server import AtsServer

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPO = Path(__file__).resolve().parents[1]
REAL_FIXTURES = Path(os.environ.get("JOBMINE_REAL_FIXTURES", REPO.parent / "shared" / "fixtures" / "real"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pytest_sessionstart(session: pytest.Session) -> None:
    base = Settings()
    problems = []
    try:
        psycopg.connect(base.pg_dsn, connect_timeout=3).close()
    except psycopg.Error as exc:
        problems.append(f"PostgreSQL at {base.pg_dsn}: {exc}")
    try:
        SearchIndex(base.os_url, "probe").check()
    except Exception as exc:
        problems.append(f"OpenSearch at {base.os_url}: {exc}")
    if not REAL_FIXTURES.is_dir():
        problems.append(f"real fixtures not found at {REAL_FIXTURES} (set JOBMINE_REAL_FIXTURES)")
    if problems:
        pytest.exit("services missing, start them with `jobmine services up`:\n  " + "\n  ".join(problems), 3)


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def template_db(base_settings: Settings) -> Iterator[str]:
    """A migrated database that each test's database is cloned from."""
    name = f"jobmine_tpl_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base_settings.pg_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    dsn = _dsn_for(base_settings.pg_dsn, name)
    with Database(dsn) as db:
        db.migrate()
    yield name
    with psycopg.connect(base_settings.pg_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_search_env(base: Settings, template_db: str, **updates: object) -> Iterator[Settings]:
    """A database cloned from the template and a fresh index alias, for a module's tests; dropped after."""
    name, alias = f"jobmine_m_{uuid.uuid4().hex[:10]}", f"jobmine-test-{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
    fields = {
        "database_url": _dsn_for(base.pg_dsn, name),
        "opensearch_url": base.os_url,
        "index_alias": alias,
    }
    index = SearchIndex(base.os_url, alias)
    try:
        yield base.model_copy(update=fields | updates)
    finally:
        index.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True, allow_no_indices=True)
        index.client.indices.delete_index_template(name=f"{alias}-template", ignore=[404])
        with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _dsn_for(dsn: str, dbname: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(dsn)
    info["dbname"] = dbname
    return psycopg.conninfo.make_conninfo(**info)


@pytest.fixture
def pg_dsn(base_settings: Settings, template_db: str) -> Iterator[str]:
    name = f"jobmine_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base_settings.pg_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
    yield _dsn_for(base_settings.pg_dsn, name)
    with psycopg.connect(base_settings.pg_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def index_alias(base_settings: Settings) -> Iterator[str]:
    alias = f"jobmine-test-{uuid.uuid4().hex[:10]}"
    yield alias
    client = SearchIndex(base_settings.os_url, alias).client
    client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True, allow_no_indices=True)
    client.indices.delete_index_template(name=f"{alias}-template", ignore=[404])


@pytest.fixture
def settings(base_settings: Settings, pg_dsn: str, index_alias: str, tmp_path: Path) -> Settings:
    """Settings of one test: its own database, index alias, raw store and reports folder."""
    return base_settings.model_copy(
        update={
            "database_url": pg_dsn,
            "opensearch_url": base_settings.os_url,
            "index_alias": index_alias,
            "raw_store": f"file://{tmp_path / 'raw'}",
            "reports_dir": tmp_path / "reports",
        }
    )


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    with Database(settings.pg_dsn) as database:
        yield database


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 API server on a real port."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    yield f"http://127.0.0.1:{port}"
    server.stop()
    for key, value in saved.items():  # no credentials outlive the fixture
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def s3_settings(settings: Settings, s3_endpoint: str) -> Settings:
    import boto3

    bucket = f"raw-{uuid.uuid4().hex[:8]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket=bucket)
    return settings.model_copy(
        update={"raw_store": f"s3://{bucket}/payloads", "s3_endpoint_url": s3_endpoint}
    )


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A real, temporary Prefect API server for the session's flow runs."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


def fixture_boards(root: Path, boards: dict[str, str]) -> Path:
    """Lay out real payloads (`{"greenhouse:stripe": "greenhouse_jobs_stripe.json"}`) for `AtsServer`."""
    for board, filename in boards.items():
        source, token = board.split(":")
        (root / source).mkdir(parents=True, exist_ok=True)
        shutil.copy(REAL_FIXTURES / filename, root / source / f"{token}.json")
    return root


@pytest.fixture
def ats_root(tmp_path: Path) -> Path:
    root = tmp_path / "ats"
    root.mkdir()
    return root


@pytest.fixture
def ats_server(ats_root: Path) -> Iterator[AtsServer]:
    with AtsServer(ats_root) as server:
        yield server
