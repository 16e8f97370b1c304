"""The tiers run over a list of postings: rules always, then tier 1 (a local model server), then tier 2,
with the answer cache in front of every LLM call. Used by the extract flow and by `jobmine extract`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from extractors.fields import taxonomy
from extractors.fields.rules_fields import extract_batch
from extractors.fields.version import rules_version
from extractors.llm import grounding
from extractors.llm import plan as llm_plan
from extractors.llm.plan import PromptInput, Thresholds
from schemas.errors import ConfigError
from schemas.extracted import ExtractedFields, JobExtracted
from schemas.job import FieldSource, Job
from schemas.report import TierCost
from schemas.settings import Settings
from tasks.extract.llm_calls import CallLog
from tasks.extract.openai_tier import PROMPT as OPENAI_PROMPT
from tasks.extract.openai_tier import OpenAITier
from tasks.extract.tier1 import PROMPT as OLLAMA_PROMPT
from tasks.extract.tier1 import Tier1

log = logging.getLogger(__name__)
TIERS = ("rules", "ollama", "openai", "auto")


class AnswerCache(Protocol):
    """Answers by (description hash, prompt version, model)."""

    def get_many(self, keys: Sequence[str], prompt: str, model: str) -> dict[str, dict]: ...

    def put_many(self, answers: dict[str, dict], prompt: str, model: str) -> None: ...


@dataclass
class ExtractionResult:
    results: list[JobExtracted]
    tiers: list[TierCost]
    counts: dict[str, int] = field(default_factory=dict)
    calls: CallLog | None = None


def signature(settings: Settings, tier: str) -> str:
    """What an extraction depends on besides the posting: a change means the posting is extracted again."""
    parts = [tier, rules_version()]
    if tier in ("ollama", "auto") and settings.tier1_url is not None:
        # grounded.v2: a job function the title does not name is dropped too; stored answers are merged again
        # (from the answer cache, the model is not asked again)
        parts += [
            OLLAMA_PROMPT,
            settings.tier1_model,
            "grounded.v2" if settings.tier1_grounded else "inferred",
        ]
    if tier in ("openai", "auto") and settings.openai_api_key is not None:
        parts += [OPENAI_PROMPT, settings.openai_model]
    return "|".join(parts)


def extract_jobs(
    jobs: Sequence[Job], settings: Settings, tier: str, cache: AnswerCache | None = None
) -> ExtractionResult:
    """Every posting through the tiers `tier` allows; each field keeps the tier that set it."""
    if tier not in TIERS:
        raise ConfigError(f"tier {tier!r} must be one of {', '.join(TIERS)}")
    calls = CallLog(pricing=settings.llm_pricing)
    results = extract_batch(jobs)
    counts: dict[str, int] = {"postings_extracted": len(jobs)}
    rules_cost = TierCost(tier="rules", postings=len(jobs))
    costs = [rules_cost]
    if tier == "ollama" and settings.tier1_url is None:
        raise ConfigError(
            "tier ollama (tier 1) needs JOBMINE_TIER1_URL (e.g. http://127.0.0.1:11434, or an "
            "OpenAI-compatible base such as http://127.0.0.1:8089/v1 with JOBMINE_TIER1_BACKEND=openai_compatible)"
        )
    if tier == "openai" and settings.openai_api_key is None:
        raise ConfigError("tier openai needs JOBMINE_OPENAI_API_KEY")
    if tier in ("ollama", "auto"):
        if settings.tier1_url is None:
            costs.append(TierCost(tier="ollama", note="off: no JOBMINE_TIER1_URL"))
        else:
            costs.append(_tier1(jobs, results, settings, cache, calls, counts))
            rules_cost.escalated = costs[-1].postings
    if tier in ("openai", "auto"):
        costs.append(_tier2(jobs, results, settings, cache, calls, counts, all_postings=tier == "openai"))
        escalated = counts.get("escalations_skipped_budget", 0) + counts.get("escalations_skipped_no_key", 0)
        handoff = costs[1] if costs[1].tier == "ollama" and costs[1].note is None else costs[0]
        # postings tier 1 never saw (past its budget) are not its hand-offs: a tier hands on at most what it got
        handoff.escalated = min(handoff.postings, costs[-1].postings + escalated)
    return ExtractionResult(results=results, tiers=costs, counts=counts, calls=calls)


def _tier1(
    jobs: Sequence[Job],
    results: list[JobExtracted],
    settings: Settings,
    cache: AnswerCache | None,
    calls: CallLog,
    counts: dict[str, int],
) -> TierCost:
    """Postings past `tier1_max_postings` keep the rules' fields (counted, not failed: no escalation)."""
    tier = Tier1(settings, calls)
    inputs = [
        llm_plan.prompt_input(j, r, settings.tier1_text_chars) for j, r in zip(jobs, results, strict=True)
    ]
    answers, hits = _cached(inputs, cache, OLLAMA_PROMPT, tier.model)
    todo = list({i.key: i for i in inputs if i.key not in answers}.values())
    allowed = {i.key for i in todo[: settings.tier1_max_postings]}
    try:
        outcome = tier.extract([i for i in todo if i.key in allowed])
    finally:
        tier.close()
    fresh = {k: a.model_dump(mode="json", exclude={"id"}) for k, a in outcome.answers.items()}
    if cache is not None and fresh:
        cache.put_many(fresh, OLLAMA_PROMPT, tier.model)
    answers |= {k: ExtractedFields.model_validate(v) for k, v in fresh.items()}
    asked = [(n, item) for n, item in enumerate(inputs) if item.key in answers or item.key in allowed]
    tax = taxonomy.load()
    for n, item in asked:
        answer = answers.get(item.key)
        if answer is not None:
            answer = grounding.canonical(answer, tax)
        if answer is not None and settings.tier1_grounded:
            job = jobs[n]
            read = f"{job.title}\n{item.text}\n{grounding.ats_lines(job.structured.workplace_type, job.locations)}"
            rules = results[n]
            named = rules.job_function if "job_function" in rules.field_tiers else None
            answer, dropped = grounding.grounded(answer, read, tax, named)
            for name in dropped:
                counts[f"tier1_unstated_{name}"] = counts.get(f"tier1_unstated_{name}", 0) + 1
        _apply(results, n, jobs[n], answer, FieldSource.ollama, OLLAMA_PROMPT, tier.model)
    if len(asked) < len(jobs):
        counts["tier1_skipped_budget"] = len(jobs) - len(asked)
    cost = calls.tier_cost("ollama")
    cost.postings, cost.cache_hits = len(asked), hits
    cost.model = f"{settings.tier1_backend}/{tier.model}"
    return cost


def _tier2(
    jobs: Sequence[Job],
    results: list[JobExtracted],
    settings: Settings,
    cache: AnswerCache | None,
    calls: CallLog,
    counts: dict[str, int],
    all_postings: bool,
) -> TierCost:
    limits = Thresholds(settings.escalate_confidence, settings.escalate_text_chars)
    todo = []
    for n, (job, ext) in enumerate(zip(jobs, results, strict=True)):
        reasons = llm_plan.escalation_reasons(ext, len(job.description_text), limits)
        if ext.failed_tiers:
            reasons.append("tier1_failed")
        results[n] = ext.model_copy(update={"escalation_reasons": reasons})
        if reasons or all_postings:
            todo.append(n)
    cost = TierCost(tier="openai")
    if settings.openai_api_key is None:
        counts["escalations_skipped_no_key"] = len(todo)
        cost.note = "off: no JOBMINE_OPENAI_API_KEY"
        return cost
    tier = OpenAITier(settings, calls)
    try:
        inputs = {n: llm_plan.prompt_input(jobs[n], results[n], settings.openai_text_chars) for n in todo}
        answers, cost.cache_hits = _cached(list(inputs.values()), cache, OPENAI_PROMPT, tier.model)
        skipped, asked = 0, 0
        for n, item in inputs.items():
            if item.key not in answers:
                if asked >= settings.budget_postings or calls.usd("openai") >= settings.budget_usd:
                    skipped += 1
                    continue
                asked += 1
                answer = tier.extract(item)
                if answer is not None:
                    answers[item.key] = answer
                    if cache is not None:
                        cache.put_many({item.key: answer.model_dump(mode="json")}, OPENAI_PROMPT, tier.model)
            _apply(results, n, jobs[n], answers.get(item.key), FieldSource.openai, OPENAI_PROMPT, tier.model)
            cost.postings += 1
    finally:
        tier.close()
    counts["escalations_skipped_budget"] = skipped
    spent = calls.tier_cost("openai")
    return spent.model_copy(
        update={"postings": cost.postings, "cache_hits": cost.cache_hits, "model": settings.openai_model}
    )


def _cached(
    inputs: list[PromptInput], cache: AnswerCache | None, prompt: str, model: str
) -> tuple[dict[str, ExtractedFields], int]:
    if cache is None or not inputs:
        return {}, 0
    rows = cache.get_many(sorted({i.key for i in inputs}), prompt, model)
    answers = {k: ExtractedFields.model_validate(v) for k, v in rows.items()}
    return answers, sum(1 for i in inputs if i.key in answers)


def _apply(
    results: list[JobExtracted],
    n: int,
    job: Job,
    answer: ExtractedFields | None,
    tier: FieldSource,
    prompt: str,
    model: str,
) -> None:
    if answer is None:
        results[n] = results[n].model_copy(update={"failed_tiers": [*results[n].failed_tiers, tier.value]})
        return
    results[n] = llm_plan.merge(results[n], answer, tier, job.description_text, prompt, model)
