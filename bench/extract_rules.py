"""Rules tier (tier 0) over the whole `job_extracted_v1` contract: postings/s on one core.

`python bench/extract_rules.py [--scale N]`: scale 1 is 50,000 postings (target: >= 3,000 postings/s/core, the
floor the field-accuracy work set for the rules tier). Postings are the synthetic Greenhouse and Lever boards of
`tests.fakes.synthetic.boards` (HTML descriptions with lists, salary lines, benefits and EEO sections), with one
in ten replaced by a real recorded posting (4-10 kB texts) when the recorded payloads are found
(`JOBMINE_REAL_FIXTURES`, default `../shared/fixtures/real` beside the checkout); `real_postings` in the output
says how many were found, so a run on synthetic postings only (shorter texts, faster) is never mistaken for one
with them. Postings are parsed beforehand; only the extract stage's call, `extract_batch` on each page of 5,000
(`extract_fields` per posting, with the cyclic garbage collector paused for the batch), is timed, in CPU
seconds of this process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.ats import parse_board
from extractors.fields import taxonomy
from extractors.fields.rules_fields import extract_batch
from schemas.job import BoardRef, Job
from tests.fakes.synthetic import boards as synthetic

REAL = Path(
    os.environ.get(
        "JOBMINE_REAL_FIXTURES", Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real"
    )
)
REAL_BOARDS = [
    ("lever_postings_palantir.json", "lever", "palantir"),
    ("ashby_jobboard_etched.json", "ashby", "etched"),
    ("greenhouse_jobs_duolingo.json", "greenhouse", "duolingo"),
]
PAGE = 5_000
TARGET = 3_000


def real_postings() -> list[Job]:
    out: list[Job] = []
    for name, source, token in REAL_BOARDS:
        path = REAL / name
        if path.is_file():
            out += parse_board(path.read_bytes(), BoardRef(source_type=source, token=token))
    return out


def pages(n: int, real: list[Job]):
    seed, made = 0, 0
    while made < n:
        jobs: list[Job] = []
        for (source, token), body in synthetic.sample_boards(
            seed=seed, boards=40, jobs_per_board=125
        ).items():
            jobs += parse_board(body, BoardRef(source_type=source, token=token))
        seed += 1
        if real:
            jobs = [real[i % len(real)] if i % 10 == 9 else job for i, job in enumerate(jobs)]
        take = jobs[: min(PAGE, n - made)]
        made += len(take)
        yield take


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    n = max(1, int(50_000 * args.scale))
    tax = taxonomy.load()
    real = real_postings()
    cpu = wall = 0.0
    chars = skills = done = 0
    for page in pages(n, real):
        started, cpu_started = time.perf_counter(), time.process_time()
        results = extract_batch(page, tax)
        wall += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        done += len(page)
        chars += sum(len(j.description_text) for j in page)
        skills += sum(len(r.skills) + len(r.tools) for r in results)
    result = {
        "bench": "extract_rules",
        "postings": done,
        "cpu_seconds": round(cpu, 3),
        "postings_per_s": round(done / max(cpu, 1e-9)),
        "wall_postings_per_s": round(done / max(wall, 1e-9)),
        "avg_text_chars": round(chars / max(done, 1)),
        "skills_per_posting": round(skills / max(done, 1), 2),
        "taxonomy_entries": len(tax.entries),
        "real_postings": len(real),
        "target_postings_per_s": TARGET,
    }
    result["meets_target"] = result["postings_per_s"] >= TARGET
    print(json.dumps(result))


if __name__ == "__main__":
    main()
