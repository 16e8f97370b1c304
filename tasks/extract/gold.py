"""Gold set v2 (tests/gold/v2/gold.jsonl) read from disk and scored per split.

The test split is frozen: its postings and per-posting results are never shown, only its aggregate
scores. `evaluate` therefore returns per-posting errors for the dev split only, and refuses otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.ats import parse_board
from extractors.fields import evaluation, taxonomy
from schemas.errors import ConfigError, PayloadError
from schemas.job import BoardRef, Job
from schemas.settings import REPO_ROOT, Settings

GOLD = REPO_ROOT / "tests" / "gold" / "v2" / "gold.jsonl"
BASELINE = REPO_ROOT / "tests" / "gold" / "v2" / "baseline.json"
SPLITS = ("dev", "test")
# A field may fall this far below its baseline before the gate fails (one posting of 46 is 0.022).
TOLERANCE = 0.02


@dataclass
class GoldPosting:
    id: str
    split: str
    job: Job
    labels: dict[str, Any]


def load_gold(gold: Path, fixtures: Path, split: str) -> list[GoldPosting]:
    """The postings of one split, parsed from the recorded payloads the gold file names."""
    if split not in SPLITS:
        raise ConfigError(f"split {split!r} must be one of {', '.join(SPLITS)}")
    if not gold.is_file():
        raise ConfigError(f"gold set {gold} not found")
    entries = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    boards: dict[tuple[str, str, str, str], dict[str, Job]] = {}
    out: list[GoldPosting] = []
    for entry in entries:
        if entry["split"] != split:
            continue
        key = (entry.get("payload_dir", "shared"), entry["payload"], entry["source_type"], entry["board"])
        if key not in boards:
            boards[key] = payload_jobs(
                payload_path(entry, gold, fixtures), entry["source_type"], entry["board"]
            )
        job = boards[key].get(str(entry["ats_job_id"]))
        if job is None:
            raise PayloadError("gold_mismatch", f"{entry['payload']} has no posting {entry['ats_job_id']}")
        out.append(GoldPosting(entry["id"], split, job, entry["labels"]))
    return out


def payload_jobs(path: Path, source_type: str, board: str) -> dict[str, Job]:
    """The postings of one recorded payload, by ATS job id, parsed by the pipeline's own parser."""
    if not path.is_file():
        raise ConfigError(f"payload {path} named by the gold set is missing (use --fixtures)")
    parsed = parse_board(
        _as_board(path.read_bytes(), source_type), BoardRef(source_type=source_type, token=board)
    )
    return {j.ats_job_id: j for j in parsed}


def payload_path(entry: dict[str, Any], gold: Path, fixtures: Path) -> Path:
    """Where an entry's payload lives: `payload_dir` "gold" is the gold set's own copies
    (tests/gold/payloads/, next to the gold file's folder), "shared" (the default) the fixtures folder."""
    folder = entry.get("payload_dir", "shared")
    if folder == "gold":
        return gold.parent.parent / "payloads" / entry["payload"]
    if folder == "shared":
        return fixtures / entry["payload"]
    raise ConfigError(f"gold entry {entry.get('id')!r}: payload_dir {folder!r} must be 'shared' or 'gold'")


def _as_board(body: bytes, source_type: str) -> bytes:
    """A Greenhouse job-detail payload (one job object) as the one-job board list the parser reads."""
    if source_type != "greenhouse":
        return body
    data = json.loads(body)
    return json.dumps({"jobs": [data]}).encode() if isinstance(data, dict) and "jobs" not in data else body


def evaluate(
    settings: Settings, tier: str, split: str, fixtures: Path, gold: Path = GOLD
) -> evaluation.Scored:
    """Scores of `tier` on one split; per-posting errors are kept for dev only."""
    from tasks.extract.tiers import extract_jobs

    postings = load_gold(gold, fixtures, split)
    result = extract_jobs([p.job for p in postings], settings, tier)
    scored = evaluation.score(
        [(p.id, ext, p.labels) for p, ext in zip(postings, result.results, strict=True)],
        taxonomy.load(),
        {p.id: f"{p.job.title}\n{p.job.description_text}" for p in postings},
    )
    if split != "dev":
        scored.errors = []
    return scored


def regressions(scores: dict[str, dict[str, Any]], baseline: dict[str, dict[str, Any]]) -> list[str]:
    """Every metric that fell below its baseline by more than TOLERANCE (trap share: rose above it)."""
    out = []
    for name, base in baseline.items():
        now = scores.get(name)
        if now is None:
            out.append(f"{name}: missing from the evaluation")
            continue
        for metric in ("accuracy", "precision", "recall"):
            if metric in base and now[metric] < base[metric] - TOLERANCE:
                out.append(f"{name}.{metric} {now[metric]:.3f} < baseline {base[metric]:.3f}")
        if "trap_share" in base and now["trap_share"] > base["trap_share"] + TOLERANCE:
            out.append(f"{name}.trap_share {now['trap_share']:.3f} > baseline {base['trap_share']:.3f}")
    return out


def baseline_record(scores: dict[str, dict[str, Any]], tier: str) -> dict[str, Any]:
    """What `BASELINE` holds: the test split's aggregate scores of one tier (never per-posting results)."""
    return {"tier": tier, "split": "test", "tolerance": TOLERANCE, "fields": scores}
