"""`jobmine extract` (a saved payload through the tiers, no database) and `jobmine eval` (accuracy on the
gold set)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from extractors.ats import parse_board
from extractors.fields import evaluation
from schemas.errors import ConfigError, PayloadError
from schemas.job import SOURCE_TYPES, BoardRef
from schemas.settings import REPO_ROOT, Settings

GOLD = REPO_ROOT / "tests" / "gold" / "gold.jsonl"
FIXTURES = REPO_ROOT.parent / "shared" / "fixtures" / "real"
TIER_CHOICES = ["rules", "ollama", "openai", "auto"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract fields from a saved ATS payload, one JSON line per posting")
    p.add_argument("source_type", choices=SOURCE_TYPES)
    p.add_argument("payload", type=Path, help="a saved board payload (the ATS list endpoint's JSON)")
    p.add_argument("--tier", choices=TIER_CHOICES, default="rules")
    p.add_argument("--board", default=None, help="board token (default: from the file name)")
    p.set_defaults(func=_extract)

    p = sub.add_parser("eval", help="per-field precision/recall of a tier on the labelled gold set")
    p.add_argument("--tier", choices=TIER_CHOICES, default="rules")
    p.add_argument("--gold", type=Path, default=GOLD)
    p.add_argument("--fixtures", type=Path, default=FIXTURES, help="folder of the payloads the gold names")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_eval)


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    from tasks.extract.tiers import extract_jobs

    if not args.payload.is_file():
        raise ConfigError(f"payload {args.payload} does not exist")
    token = args.board or (re.sub(r"[^A-Za-z0-9_-]", "-", args.payload.stem).strip("-_") or "board")
    jobs = parse_board(args.payload.read_bytes(), BoardRef(source_type=args.source_type, token=token[:128]))
    result = extract_jobs(jobs, settings, args.tier)
    for ext in result.results:
        print(json.dumps(ext.json_line(), ensure_ascii=False, sort_keys=True))
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from tasks.extract.tiers import extract_jobs

    jobs, labels = load_gold(args.gold, args.fixtures)
    result = extract_jobs(jobs, settings, args.tier)
    scores = evaluation.score(list(zip(result.results, labels, strict=True)))
    if args.json:
        out = {
            name: {
                "n": s.total,
                "accuracy": s.accuracy,
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
            }
            for name, s in scores.items()
        }
        print(json.dumps({"tier": args.tier, "postings": len(jobs), "fields": out}, indent=2))
    else:
        print(f"tier {args.tier}, {len(jobs)} labelled postings from {args.gold}")
        print(evaluation.table(scores))
    return 0


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
