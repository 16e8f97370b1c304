"""`jobmine extract run` (the database-wide extract flow), `jobmine extract file` (a saved payload through
the tiers, no database) and `jobmine eval` (accuracy on the gold set)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer

from extractors.ats import parse_board
from extractors.fields import evaluation
from flows.cli.common import choice, cli
from schemas.errors import ConfigError, PayloadError
from schemas.job import SOURCE_TYPES, BoardRef
from schemas.settings import REPO_ROOT

GOLD = REPO_ROOT / "tests" / "gold" / "gold.jsonl"
FIXTURES = REPO_ROOT.parent / "shared" / "fixtures" / "real"
TIERS = ("rules", "ollama", "openai", "auto")
TIER_HELP = f"extraction tier: {', '.join(TIERS)}"
PANEL = "Extract"


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Extract fields: every stale job in PostgreSQL, or a saved payload offline")
    group.command("run")(run_flow)
    group.command("file")(from_file)
    app.add_typer(group, name="extract", rich_help_panel=PANEL)
    app.command("eval", rich_help_panel=PANEL)(eval_tier)


def run_flow(
    ctx: typer.Context,
    tier: str | None = typer.Option(
        None, callback=choice(*TIERS), help=f"{TIER_HELP} (default: JOBMINE_EXTRACT_TIER)"
    ),
) -> None:
    """Extract every job in PostgreSQL whose extraction is stale; a re-run finds nothing to do."""
    from flows.extract import extract

    run = cli(ctx)
    with run.progress() as progress:
        summary = extract(tier=tier, settings=run.settings, progress=progress)
    changed = f"{summary.postings} postings extracted, {summary.jobs_changed} changed (tier {summary.tier})"
    run.emit(summary.model_dump_json(indent=2), changed)


def from_file(
    ctx: typer.Context,
    source_type: str = typer.Argument(
        ..., callback=choice(*SOURCE_TYPES), help=f"the payload's ATS: {', '.join(SOURCE_TYPES)}"
    ),
    payload: Path = typer.Argument(..., help="a saved board payload (the ATS list endpoint's JSON)"),
    tier: str = typer.Option("rules", callback=choice(*TIERS), help=TIER_HELP),
    board: str | None = typer.Option(None, help="board token (default: from the file name)"),
) -> None:
    """Extract fields from a saved ATS payload, no database: one JSON line per posting."""
    from tasks.extract.tiers import extract_jobs

    if not payload.is_file():
        raise ConfigError(f"payload {payload} does not exist")
    token = board or (re.sub(r"[^A-Za-z0-9_-]", "-", payload.stem).strip("-_") or "board")
    jobs = parse_board(payload.read_bytes(), BoardRef(source_type=source_type, token=token[:128]))
    result = extract_jobs(jobs, cli(ctx).settings, tier)
    for ext in result.results:
        print(json.dumps(ext.json_line(), ensure_ascii=False, sort_keys=True))


def eval_tier(
    ctx: typer.Context,
    tier: str = typer.Option("rules", callback=choice(*TIERS), help=TIER_HELP),
    gold: Path = typer.Option(GOLD, help="the labelled gold set (JSON lines)"),
    fixtures: Path = typer.Option(
        FIXTURES, envvar="JOBMINE_REAL_FIXTURES", help="folder of the payloads the gold names"
    ),
) -> None:
    """Per-field precision/recall of a tier on the labelled gold set."""
    from tasks.extract.tiers import extract_jobs

    run = cli(ctx)
    jobs, labels = load_gold(gold, fixtures)
    result = extract_jobs(jobs, run.settings, tier)
    scores = evaluation.score(list(zip(result.results, labels, strict=True)))
    fields = {
        name: {"n": s.total, "accuracy": s.accuracy, "precision": s.precision, "recall": s.recall, "f1": s.f1}
        for name, s in scores.items()
    }
    run.emit(
        {"tier": tier, "postings": len(jobs), "fields": fields},
        f"tier {tier}, {len(jobs)} labelled postings from {gold}\n{evaluation.table(scores)}",
    )


def load_gold(gold: Path, fixtures: Path) -> tuple[list, list[dict]]:
    """The labelled postings, parsed from the payloads the gold file names."""
    if not gold.is_file():
        raise ConfigError(f"gold set {gold} not found")
    entries = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    boards: dict[tuple[str, str, str], dict] = {}
    jobs, labels = [], []
    for entry in entries:
        key = (entry["fixture"], entry["source_type"], entry["board"])
        if key not in boards:
            path = fixtures / entry["fixture"]
            if not path.is_file():
                raise ConfigError(f"fixture {path} named by the gold set is missing (use --fixtures)")
            parsed = parse_board(
                path.read_bytes(), BoardRef(source_type=entry["source_type"], token=entry["board"])
            )
            boards[key] = {j.ats_job_id: j for j in parsed}
        job = boards[key].get(str(entry["ats_job_id"]))
        if job is None:
            raise PayloadError("gold_mismatch", f"{entry['fixture']} has no posting {entry['ats_job_id']}")
        jobs.append(job)
        labels.append(entry["labels"])
    return jobs, labels
