"""`jobmine extract run` (the database-wide extract flow), `jobmine extract file` (a saved payload through
the tiers, no database) and `jobmine eval` (accuracy on gold set v2, dev and test splits)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer

from extractors.ats import parse_board
from extractors.fields import evaluation
from flows.cli.common import checkout_root, choice, cli
from schemas.errors import ConfigError
from schemas.job import SOURCE_TYPES, BoardRef
from tasks.extract import gold

# The gold set and the payloads it names live beside a checkout, not in the package: relative to it.
GOLD = Path("tests") / "gold" / "v2" / "gold.jsonl"
FIXTURES = Path("..") / "shared" / "fixtures" / "real"
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
    split: str = typer.Option(
        "both", callback=choice("dev", "test", "both"), help="gold split: dev, test, both"
    ),
    show_errors: bool = typer.Option(False, "--show-errors", help="per-posting misses (dev split only)"),
    write_baseline: bool = typer.Option(
        False, "--write-baseline", help=f"record the test split's scores in {gold.BASELINE.name}"
    ),
    gold_file: Path | None = typer.Option(
        None, "--gold", help=f"gold set v2 (JSON lines; default: {GOLD} in the checkout)"
    ),
    fixtures: Path | None = typer.Option(
        None,
        envvar="JOBMINE_REAL_FIXTURES",
        help=f"folder of the shared payloads the gold names (default: {FIXTURES} from the checkout); "
        "its own payloads are read from payloads/ beside the gold file's folder",
    ),
) -> None:
    """Per-field accuracy, precision, recall and coverage of a tier on gold set v2, dev and test separately.

    The test split is frozen: only its totals are printed, never its postings."""
    run = cli(ctx)
    splits = ["dev", "test"] if split == "both" else [split]
    if show_errors and "test" in splits:
        raise ConfigError(
            "--show-errors needs --split dev: the test split is frozen, only its totals are shown"
        )
    if write_baseline and "test" not in splits:
        raise ConfigError("--write-baseline records the test split")
    gold_file, fixtures = gold_paths(gold_file, fixtures)
    scored = {name: gold.evaluate(run.settings, tier, name, fixtures, gold_file) for name in splits}
    text = "\n".join(
        f"\ntier {tier}, split {name}, gold {gold_file}\n{evaluation.table(result)}"
        for name, result in scored.items()
    )
    errors = scored["dev"].errors if show_errors else []
    data: dict = {"tier": tier, "splits": {name: result.as_dict() for name, result in scored.items()}}
    if show_errors:
        data["dev_errors"] = errors
        text += "\n" + "\n".join(json.dumps(e, ensure_ascii=False, default=list) for e in errors)
    if write_baseline:
        gold.BASELINE.write_text(
            json.dumps(gold.baseline_record(data["splits"]["test"], tier), indent=2) + "\n"
        )
        text += f"\nbaseline written to {gold.BASELINE}"
    run.emit(data, text)


def gold_paths(gold_file: Path | None, fixtures: Path | None) -> tuple[Path, Path]:
    """The gold set and its payloads: as given, else beside the checkout; an installed wheel has neither."""
    if gold_file is not None and fixtures is not None:
        return gold_file, fixtures
    root = checkout_root()
    if root is None:
        raise ConfigError(
            "`jobmine eval` reads the gold set from a jobmine checkout: run it from one, "
            "or pass --gold and --fixtures (or JOBMINE_REAL_FIXTURES)"
        )
    return gold_file or root / GOLD, fixtures or (root / FIXTURES).resolve()
