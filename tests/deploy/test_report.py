"""The run report: derived figures, secrets kept out, saved to PostgreSQL and a file, read back by
`jobmine report` (by id, id prefix, latest, JSON) and compared between two runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from extractors.reporting.redact import redact_report, scrub
from extractors.reporting.views import compare, render, tables
from flows.cli.main import main
from schemas.report import BoardOutcome, RunReport, TierCost
from schemas.settings import Settings
from tasks.reporting.report_store import load_report, save_report


def make_report(
    run_id: str, *, inserted: int = 40, openai_usd: float = 0.12, detail: str = "", day: int = 20
) -> RunReport:
    return RunReport(
        run_id=run_id,
        flow="pipeline",
        started_at=datetime(2026, 11, day, 6, 0, tzinfo=UTC),
        finished_at=datetime(2026, 11, day, 6, 5, tzinfo=UTC),
        boards=[
            BoardOutcome(board="greenhouse:stripe", status="ok", postings=150),
            BoardOutcome(
                board="lever:gone", status="failed", stage="fetch", reason="not_found", detail=detail
            ),
        ],
        counts={"postings_fetched": 150, "jobs_inserted": inserted, "jobs_updated": 7, "jobs_closed": 3},
        timings_s={"scrape": 12.5, "extract": 30.25},
        tiers=[
            TierCost(tier="rules", postings=150, escalated=30),
            TierCost(tier="ollama", postings=30, calls=3, tokens_in=9000, tokens_out=1500, escalated=6),
            TierCost(tier="openai", postings=6, calls=6, tokens_in=6000, tokens_out=900, usd=openai_usd),
        ],
        dead_letters={"unparseable_description": 2},
        skills={f"skill{i:02d}": 100 - i for i in range(25)} | {"python": 120},
    )


def test_derived_figures():
    report = make_report("r1")
    assert report.headline() == {"discovered": 0, "fetched": 150, "new": 40, "changed": 7, "closed": 3}
    assert report.total_usd == 0.12
    assert report.usd_per_1000_postings == pytest.approx(0.8)
    assert [t.escalation_rate for t in report.tiers] == [0.2, 0.2, 0.0]
    top = report.top_skills()
    assert len(top) == 20 and top[0] == ("python", 120) and top[-1] == ("skill18", 82)
    data = json.loads(report.to_json())
    assert data["usd_per_1000_postings"] == pytest.approx(0.8)
    assert data["failures_by_reason"] == {"not_found": 1}
    assert data["counts"] == report.counts and data["tiers"][0]["escalated"] == 30
    assert RunReport.model_validate(data) == report  # the saved JSON reads back as the same report
    views = tables(report)
    assert views["dead-letters"] == [{"reason": "unparseable_description", "items": 2}]
    assert len(views["skills"]) == 20
    md = render(report)
    assert "| 0 | 150 | 40 | 7 | 3 |" in md and "$0.8000 per 1,000 postings" in md
    assert "| not_found | 1 |" in md


# Fake key-shaped values, assembled at run time so no key-shaped literal sits in the repo.
FAKE_OPENAI_KEY = "sk-" + "proj-" + "ABCDEFGHIJKLMNOPQRSTUV"
FAKE_AWS_KEY_ID = "AKIA" + "ABCDEFGHIJKLMNOP"


def test_secrets_never_reach_a_report():
    leaky = (
        "connect to postgresql://jobmine:hunter2hunter2@db.internal:5432/jobmine failed; "
        f"header Authorization: Bearer abc.def.ghi; key {FAKE_OPENAI_KEY}; {FAKE_AWS_KEY_ID}; "
        "custom value s3cr3t-value-123"
    )
    clean = redact_report(make_report("r1", detail=leaky), secrets=["s3cr3t-value-123"])
    text = clean.to_json() + render(clean)
    for secret in (
        "hunter2hunter2",
        "abc.def.ghi",
        FAKE_OPENAI_KEY[:18],
        FAKE_AWS_KEY_ID,
        "s3cr3t-value-123",
    ):
        assert secret not in text
    assert "postgresql://jobmine:***@db.internal" in text  # what is not secret stays readable
    assert scrub("plain text, nothing secret") == "plain text, nothing secret"


def test_saved_report_is_read_back_and_compared(settings: Settings, db, monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-envkey-0123456789abcdefghij")
    first, path = save_report(
        settings, db, make_report("run-aaaa-1111", detail="sk-envkey-0123456789abcdefghij")
    )
    assert json.loads(path.read_text()) == json.loads(first.to_json())
    assert "sk-envkey" not in path.read_text()
    save_report(settings, db, make_report("run-bbbb-2222", inserted=55, openai_usd=0.3, day=21))
    save_report(settings, db, make_report("run-bbbb-2222", inserted=55, openai_usd=0.3, day=21))  # idempotent

    assert load_report(settings, db, "run-aaaa").run_id == "run-aaaa-1111"
    assert load_report(settings, db, None).run_id == "run-bbbb-2222"  # the latest
    rows = {(r["section"], r["name"]): r for r in compare(first, load_report(settings, db, "run-bbbb"))}
    assert rows[("headline", "new")]["delta"] == 15
    assert rows[("tiers", "openai.usd")]["b"] == 0.3
    assert ("counts", "jobs_updated") not in rows  # unchanged figures are left out

    for key, value in {
        "JOBMINE_DATABASE_URL": settings.pg_dsn,
        "JOBMINE_REPORTS_DIR": str(settings.reports_dir),
    }.items():
        monkeypatch.setenv(key, value)
    assert main(["report", "run-aaaa", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["run_id"] == "run-aaaa-1111"
    assert main(["report"]) == 0
    assert "# jobmine pipeline run `run-bbbb-2222`" in capsys.readouterr().out
    assert main(["report", "--compare", "run-aaaa-1111", "run-bbbb-2222"]) == 0
    out = capsys.readouterr().out
    assert "| headline | new | 40 | 55 | 15 |" in out
    assert main(["report", "run-"]) == 2  # ambiguous prefix: one clear line, exit 2
    assert "ambiguous" in capsys.readouterr().err
    assert main(["report", "no-such-run"]) == 2


@pytest.mark.usefixtures("prefect_server")
def test_a_stage_run_on_its_own_publishes_its_report(settings: Settings, db):
    """What every stage flow does at its end: no `runs` row needed first, artifacts on its own flow run."""
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from tasks.reporting.publish import new_report, publish_report

    @flow(name="Scrape Shard")
    def stage() -> str:
        report = make_report("ignored")
        report.run_id, report.flow = new_report("Scrape Shard").run_id, "Scrape Shard"
        publish_report(report, settings)  # opens its own database connection
        return report.run_id

    run_id = stage()
    row = load_report(settings, db, run_id)
    assert row.run_id == run_id and row.counts["jobs_inserted"] == 40
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run_id])))
    keys = {a.key for a in found}
    assert {"scrape-shard-report", "scrape-shard-counts", "scrape-shard-tiers", "scrape-shard-skills"} <= keys
    assert (settings.reports_dir / f"run_{run_id}.json").is_file()
