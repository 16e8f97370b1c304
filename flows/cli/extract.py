"""`jobmine extract` (a saved payload through the tiers, no database) and `jobmine eval` (accuracy on the
gold set)."""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from extractors.ats import parse_board
from extractors.fields import evaluation
from schemas.errors import ConfigError
from schemas.job import SOURCE_TYPES, BoardRef
from schemas.settings import REPO_ROOT, Settings
from tasks.extract import gold

FIXTURES = Path(os.environ.get("JOBMINE_REAL_FIXTURES", REPO_ROOT.parent / "shared" / "fixtures" / "real"))
TIER_CHOICES = ["rules", "ollama", "openai", "auto"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract fields from a saved ATS payload, one JSON line per posting")
    p.add_argument("source_type", choices=SOURCE_TYPES)
    p.add_argument("payload", type=Path, help="a saved board payload (the ATS list endpoint's JSON)")
    p.add_argument("--tier", choices=TIER_CHOICES, default="rules")
    p.add_argument("--board", default=None, help="board token (default: from the file name)")
    p.set_defaults(func=_extract)

    p = sub.add_parser("eval", help="per-field scores of a tier on gold set v2, dev and test splits")
    p.add_argument("--tier", choices=TIER_CHOICES, default="rules")
    p.add_argument("--gold", type=Path, default=gold.GOLD)
    p.add_argument("--fixtures", type=Path, default=FIXTURES, help="folder of the payloads the gold names")
    p.add_argument("--split", choices=["dev", "test", "both"], default="both")
    p.add_argument("--show-errors", action="store_true", help="per-posting errors (dev split only)")
    p.add_argument(
        "--write-baseline", action="store_true", help=f"record the test split in {gold.BASELINE.name}"
    )
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
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    if args.show_errors and "test" in splits:
        raise ConfigError(
            "--show-errors needs --split dev: the test split is frozen, only its totals are shown"
        )
    if args.write_baseline and "test" not in splits:
        raise ConfigError("--write-baseline records the test split")
    scored = {split: gold.evaluate(settings, args.tier, split, args.fixtures, args.gold) for split in splits}
    if args.json:
        print(
            json.dumps({"tier": args.tier, "splits": {k: v.as_dict() for k, v in scored.items()}}, indent=2)
        )
    else:
        for split, result in scored.items():
            print(f"\ntier {args.tier}, split {split}, gold {args.gold}")
            print(evaluation.table(result))
    if args.show_errors:
        for error in scored["dev"].errors:
            print(json.dumps(error, ensure_ascii=False, default=list))
    if args.write_baseline:
        record = gold.baseline_record(scored["test"].as_dict(), args.tier)
        gold.BASELINE.write_text(json.dumps(record, indent=2) + "\n")
        print(f"baseline written to {gold.BASELINE}")
    return 0
