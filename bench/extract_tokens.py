"""Tier-1 token economy and call count.

`python bench/extract_tokens.py [--scale N]`, scale 1 = 1,000 postings.
1. Input tokens per posting of the tier-1 batch prompt (facts given, only open fields asked, boilerplate cut,
   system prompt shared by a batch of 20) against a baseline prompt that sends the full posting text and asks
   for every field (same batch size, so the system prompt is shared the same way). Target: at most half.
   Tokens are estimated with `extractors.llm.plan.estimate_tokens` (one token per word or punctuation mark),
   the same estimator for both prompts; postings are the real recorded ones that have text, cycled.
2. LLM calls per 1,000 postings at batch 20 when 5% of answers are bad (each answer independently, seeded),
   through the real batch plan (`extractors.llm.batching`). Target: at most 60.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.extract_rules import REAL, real_postings
from extractors.fields.rules_fields import extract_fields
from extractors.llm import plan as llm_plan
from extractors.llm.batching import GroupResult, run_batches
from schemas.settings import Settings

BATCH = 20
BAD_RATE = 0.05


def token_economy(n: int, settings: Settings) -> dict[str, float]:
    jobs = [j for j in real_postings() if j.description_text] or []
    if not jobs:
        raise SystemExit(f"no real postings with text under {REAL}")
    system = (settings.prompts_dir / "extract_batch.v2.md").read_text()
    baseline_system = (settings.prompts_dir / "baseline_full.v0.md").read_text()
    ours = base = 0.0
    for i in range(n):
        job = jobs[i % len(jobs)]
        item = llm_plan.prompt_input(job, extract_fields(job), settings.ollama_text_chars)
        ours += (
            llm_plan.estimate_tokens(llm_plan.batch_message([item]))
            + llm_plan.estimate_tokens(system) / BATCH
        )
        full = {
            "id": job.job_uid,
            "title": job.title,
            "company": job.company,
            "locations": job.locations,
            "department": job.department,
            "text": job.description_text,
        }
        base += llm_plan.estimate_tokens(json.dumps({"postings": [full]}, ensure_ascii=False))
        base += llm_plan.estimate_tokens(baseline_system) / BATCH
    return {"tokens_per_posting": round(ours / n, 1), "baseline_tokens_per_posting": round(base / n, 1)}


def calls_per_1000(n: int, seed: int = 20) -> tuple[int, int, int]:
    rng = random.Random(seed)

    def call_groups(groups: list[list[str]]) -> list[GroupResult[str]]:
        out = []
        for group in groups:
            good = {k: k for k in group if rng.random() >= BAD_RATE}
            out.append(GroupResult(good=good, bad={k: "schema" for k in group if k not in good}))
        return out

    outcome = run_batches(
        [f"p{i}" for i in range(n)], str, call_groups, BATCH, Settings().ollama_max_attempts
    )
    return outcome.calls, len(outcome.answers), len(outcome.failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    n = max(1, int(1000 * args.scale))
    settings = Settings()
    tokens = token_economy(n, settings)
    calls, answered, failed = calls_per_1000(max(n, BATCH))
    ratio = tokens["tokens_per_posting"] / tokens["baseline_tokens_per_posting"]
    result = {
        "bench": "extract_tokens",
        "postings": n,
        **tokens,
        "token_ratio": round(ratio, 3),
        "target_token_ratio": 0.5,
        "calls": calls,
        "calls_per_1000": round(calls * 1000 / max(n, BATCH), 1),
        "target_calls_per_1000": 60,
        "answered": answered,
        "given_up": failed,
    }
    result["meets_targets"] = ratio <= 0.5 and result["calls_per_1000"] <= 60
    print(json.dumps(result))


if __name__ == "__main__":
    main()
