"""Where run reports are kept: `reports/run_<run_id>.json` and the `runs` table (the one that outlives
a container), always scrubbed of secrets first."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from extractors.reporting.redact import redact_report, url_password
from schemas.errors import ConfigError
from schemas.report import RunReport
from schemas.settings import Settings
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

_SECRET_ENV = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "OPENAI_API_KEY", "PREFECT_API_KEY")


def known_secrets(settings: Settings) -> list[str]:
    """Secret values this process holds: masked wherever they appear in a report."""
    values = [
        getattr(settings, name).get_secret_value()
        for name in type(settings).model_fields
        if hasattr(getattr(settings, name), "get_secret_value")
    ]
    values.append(psycopg.conninfo.conninfo_to_dict(settings.pg_dsn).get("password") or "")
    values += [url_password(u) or "" for u in (settings.os_url, settings.s3_endpoint_url or "")]
    values += [os.environ.get(name, "") for name in _SECRET_ENV]
    return [v for v in values if v]


def save_report(settings: Settings, db: Database, report: RunReport) -> tuple[RunReport, Path]:
    """Scrub, then write the file and the `runs` row; returns what was written and where."""
    clean = redact_report(report, known_secrets(settings))
    clean.finished_at = clean.finished_at or datetime.now(UTC)
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    path = settings.reports_dir / f"run_{clean.run_id}.json"
    payload = clean.to_json()
    path.write_text(payload + "\n")
    params = {
        "run_id": clean.run_id,
        "flow": clean.flow,
        "started_at": clean.started_at,
        "finished_at": clean.finished_at,
        "report": Jsonb(json.loads(payload)),
    }
    with db.transaction() as conn:
        conn.execute(query("save_report", "reporting/report.sql"), params)
    return clean, path


def load_report(settings: Settings, db: Database, run_id: str | None, flow: str | None = None) -> RunReport:
    """A run's report from PostgreSQL (an unambiguous id prefix is enough), else from the reports folder;
    without an id, the latest finished run."""
    if run_id is None:
        rows = _fetch(db, "latest_report", flow=flow)
    else:
        rows = _fetch(db, "report_by_id", run_id=run_id, prefix=f"{run_id}%")
        if len(rows) > 1 and rows[0]["run_id"] != run_id:
            raise ConfigError(f"run id {run_id!r} is ambiguous: give more characters")
    if rows:
        return RunReport.model_validate(rows[0]["report"])
    if run_id is not None:
        path = settings.reports_dir / f"run_{run_id}.json"
        if path.is_file():
            return RunReport.model_validate_json(path.read_text())
    raise ConfigError(
        f"no report for run {run_id!r}" if run_id else "no finished run has a report yet: run a flow first"
    )


def _fetch(db: Database, name: str, **params: Any) -> list[dict[str, Any]]:
    with db.transaction() as conn:
        return conn.execute(query(name, "reporting/report.sql"), params).fetchall()
