"""Tier 1 on the local model: postings per second, real tokens per posting, share of valid answers.

`python bench/tier1_local.py [--scale N]`, scale 1 = 20 distinct real postings per batch size (1, 5, 20).
The model server of `jobmine services up --llm` is used (started, and installed once, when it is not
running). Each posting is asked once (no retries), so the valid share is that of a first answer. Texts are
cut to 600 characters and answers bounded to 120 tokens per posting so a batch of 20 fits the context.
There is no speed target: the figures are what this machine and this model do.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.extract_rules import real_postings
from extractors.fields.rules_fields import extract_fields
from extractors.llm import plan as llm_plan
from infra.local.llm_service import running, tier_settings
from schemas.settings import Settings
from tasks.extract.llm_calls import CallLog
from tasks.extract.tier1 import Tier1

BATCH_SIZES = (1, 5, 20)
TEXT_CHARS = 600
MAX_TOKENS = 120


def measure(settings: Settings, inputs: list[llm_plan.PromptInput], batch: int) -> dict[str, object]:
    s = settings.model_copy(update={"tier1_batch_size": batch, "tier1_max_attempts": 1})
    calls = CallLog(pricing=s.llm_pricing)
    tier = Tier1(s, calls)
    started = time.perf_counter()
    try:
        outcome = tier.extract(inputs)
    finally:
        tier.close()
    wall = time.perf_counter() - started
    cost = calls.tier_cost("ollama")
    n = len(inputs)
    return {
        "batch": batch,
        "postings": n,
        "calls": cost.calls,
        "seconds": round(wall, 1),
        "postings_per_s": round(n / wall, 3),
        "tokens_in_per_posting": round(cost.tokens_in / n, 1),
        "tokens_out_per_posting": round(cost.tokens_out / n, 1),
        "valid_share": round(len(outcome.answers) / n, 3),
        "latency_p50_ms": cost.latency_p50_ms,
        "failures": cost.failures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    base = Settings()
    seen: dict[str, llm_plan.PromptInput] = {}
    for job in real_postings():
        if job.description_text:
            item = llm_plan.prompt_input(job, extract_fields(job), TEXT_CHARS)
            seen.setdefault(item.key, item)
    n = max(1, int(20 * args.scale))
    inputs = list(seen.values())[:n]
    with running(base) as url:
        settings = tier_settings(base, url).model_copy(
            update={"tier1_text_chars": TEXT_CHARS, "tier1_max_tokens": MAX_TOKENS, "tier1_timeout_s": 600.0}
        )
        rows = [measure(settings, inputs, batch) for batch in BATCH_SIZES]
    for row in rows:
        print(json.dumps(row), file=sys.stderr)
    result = {
        "bench": "tier1_local",
        "model": settings.tier1_model,
        "text_chars": TEXT_CHARS,
        "max_tokens_per_posting": MAX_TOKENS,
        "postings_per_batch_size": len(inputs),
        "by_batch": {str(r["batch"]): {k: v for k, v in r.items() if k != "batch"} for r in rows},
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
