#!/usr/bin/env python3
"""List the postings of gold set v2 (the labelling to-do list).

Walks the recorded ATS payloads in two folders, the shared fixtures directory (given as an argument,
`payload_dir: "shared"`) and the gold set's own copies in tests/gold/payloads/ (`payload_dir: "gold"`),
and writes tests/gold/v2/todo.jsonl: one line per posting with
{"id", "payload", "payload_dir", "source_type", "board", "ats_job_id", "title", "split"}.

Pure standard library. It reads the raw payloads only: it imports nothing from jobmine and runs no
extractor, so the list (and the split) is fixed before anyone sees an extractor's output.

    python tests/gold/list_postings.py ../shared/fixtures/real
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "v2" / "todo.jsonl"
GOLD_PAYLOADS = HERE / "payloads"
# Folders in the order their postings are preferred when the same job is recorded in both: a posting
# already listed from the shared folder keeps its id (and split) when a later copy turns up here.
DIRS = ("shared", "gold")

ATS = ("greenhouse", "lever", "ashby", "smartrecruiters", "workable")
# Words that name the endpoint in a payload file name, not the board.
KIND_WORDS = {"jobs", "job", "jobboard", "postings", "posting", "account"}
# Files that are not posting lists (Greenhouse /departments and /offices only nest job stubs that
# repeat the /jobs file of the same board).
SKIP_FILES = {
    "greenhouse_departments_generalassembly_2013.json",
    "greenhouse_offices_generalassembly_2013.json",
}
# Records that are not real postings: placeholders that a source repository mixed into an
# otherwise recorded response. (payload file, ats job id) -> reason.
EXCLUDE = {
    (
        "greenhouse_jobs_gongio.json",
        "999000111",
    ): "hand-made record (id 999000111, absolute_url copied from another job) added by the source repo",
    (
        "greenhouse_jobs_stripe_financejobboard.json",
        "8029988",
    ): "not a record of this board: its absolute_url is a Datadog posting, mixed into a Stripe list by the source repo",
}

# Payloads of hundreds of postings, listed by a sample fixed before labelling (README.md, "Which postings"):
# a posting is listed when the second byte of sha256(id) is below the file's threshold. The second byte, so
# that the sample does not lean on the split (the first byte).
SAMPLED = {
    "greenhouse_jobs_stripe_jobscope.json": 0x18,  # 24/256 of 494 postings
    "lever_postings_plaid.json": 0x40,  # 64/256 of 92 postings
}

# Split rule (see README.md, "Split"): decided before labelling, never changed afterwards.
TEST_BELOW = 0x66  # first byte of sha256(id) < 0x66 -> test (102/256 = 39.8 %)


def split_of(posting_id: str) -> str:
    return "test" if hashlib.sha256(posting_id.encode("utf-8")).digest()[0] < TEST_BELOW else "dev"


def board_of(name: str) -> tuple[str, str]:
    """(source_type, board) from `<ats>_<kind>_<board>[_<what>].json`."""
    parts = Path(name).stem.split("_")
    ats = parts[0]
    rest = parts[1:]
    while rest and rest[0] in KIND_WORDS:
        rest = rest[1:]
    return ats, (rest[0] if rest else "")


def _ashby_id(job: dict) -> str:
    if job.get("id"):
        return str(job["id"])
    m = re.search(r"/([0-9a-f]{8}-[0-9a-f-]{27,})", job.get("jobUrl") or "")
    return m.group(1) if m else ""


TEXT_KEYS = ("content", "description", "descriptionPlain", "descriptionHtml", "lists", "additional", "jobAd")


def _text_len(job: dict) -> int:
    """Length of the description text a record carries (used only to pick among duplicates)."""
    return len(json.dumps({k: job[k] for k in TEXT_KEYS if job.get(k)}, ensure_ascii=False))


def records(ats: str, data) -> list[tuple[str, str, int]]:
    """[(ats_job_id, title, text length)] in payload order."""
    if ats == "lever":
        jobs = data if isinstance(data, list) else [data]
        return [(str(j.get("id", "")), j.get("text") or "", _text_len(j)) for j in jobs]
    key = "content" if ats == "smartrecruiters" else "jobs"
    jobs = data.get(key) if isinstance(data, dict) and key in data else [data]
    out = []
    for j in jobs:
        if ats == "ashby":
            jid, title = _ashby_id(j), j.get("title")
        elif ats == "smartrecruiters":
            jid, title = str(j.get("id", "")), j.get("name")
        elif ats == "workable":
            jid, title = str(j.get("shortcode") or j.get("id") or ""), j.get("title")
        else:  # greenhouse
            jid, title = str(j.get("id", "")), j.get("title")
        out.append((jid, title or "", _text_len(j)))
    return out


def walk(directory: Path, payload_dir: str) -> list[dict]:
    rows = []
    for path in sorted(directory.glob("*.json")):
        if path.name in SKIP_FILES:
            continue
        ats, board = board_of(path.name)
        if ats not in ATS:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for job_id, title, text_len in records(ats, data):
            if (path.name, job_id) in EXCLUDE:
                print(f"excluded {path.name}#{job_id}: {EXCLUDE[(path.name, job_id)]}", file=sys.stderr)
                continue
            pid = f"{path.name}#{job_id}"
            if path.name in SAMPLED and hashlib.sha256(pid.encode("utf-8")).digest()[1] >= SAMPLED[path.name]:
                continue
            rows.append(
                {
                    "id": pid,
                    "payload": path.name,
                    "payload_dir": payload_dir,
                    "source_type": ats,
                    "board": board,
                    "ats_job_id": job_id,
                    "title": title.strip(),
                    "split": split_of(pid),
                    "_text": text_len,
                }
            )
    return rows


def dedupe(rows: list[dict]) -> list[dict]:
    """One posting, one line: the same ATS job recorded twice (list + detail endpoint, or two
    repositories) is kept once. The shared folder wins over the gold folder (so an id listed from it
    never moves); within a folder, the payload with the most description text wins (ties: first)."""

    def rank(r: dict) -> tuple[int, int]:
        return (-DIRS.index(r["payload_dir"]), r["_text"])

    best: dict[tuple[str, str, str], dict] = {}
    for r in rows:
        key = (r["source_type"], r["board"].lower(), r["ats_job_id"])
        if key not in best or rank(r) > rank(best[key]):
            if key in best:
                print(f"duplicate {best[key]['id']} -> kept {r['id']}", file=sys.stderr)
            best[key] = r
        else:
            print(f"duplicate {r['id']} -> kept {best[key]['id']}", file=sys.stderr)
    return [r for r in rows if best[(r["source_type"], r["board"].lower(), r["ats_job_id"])] is r]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", type=Path, help="the shared real fixtures directory (../shared/fixtures/real)")
    ap.add_argument("--gold", type=Path, default=GOLD_PAYLOADS, help="the gold set's own payloads")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    rows = walk(args.shared, "shared") + walk(args.gold, "gold")
    kept = dedupe(rows)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for r in kept:
            r = {k: v for k, v in r.items() if not k.startswith("_")}
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    by_ats = Counter(r["source_type"] for r in kept)
    by_split = Counter(r["split"] for r in kept)
    by_dir = Counter(r["payload_dir"] for r in kept)
    print(f"{len(kept)} postings -> {args.out}")
    print("per ATS:   " + ", ".join(f"{k} {v}" for k, v in sorted(by_ats.items())))
    print("per split: " + ", ".join(f"{k} {v}" for k, v in sorted(by_split.items())))
    print("per dir:   " + ", ".join(f"{k} {v}" for k, v in sorted(by_dir.items())))
    for ats in sorted(by_ats):
        c = Counter(r["split"] for r in kept if r["source_type"] == ats)
        print(f"  {ats:16s} dev {c['dev']:3d}  test {c['test']:3d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
