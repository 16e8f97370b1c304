"""Pure logic around the LLM tiers: what to ask, what to give as facts, how to merge an answer back,
when to escalate, and how a cache key is made. No I/O: the clients in `tasks/` call these."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from extractors.fields import boilerplate, salary
from schemas.extracted import BatchAnswer, ExtractedFields, Highlight, JobExtracted, PostingAnswer
from schemas.job import FieldSource, Job

# Fields an LLM may fill; anything rules or the ATS already settled is sent as a fact instead.
ASKABLE = (
    "seniority",
    "job_function",
    "remote_type",
    "remote_evidence",
    "employment_type",
    "location_city",
    "location_state",
    "country",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_interval",
    "years_experience_min",
    "skills",
    "tools",
)
ALWAYS_ASKED = ("summary", "key_functions_hired_for", "highlights", "confidence", "needs_tier2")
_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above) (?:instructions|prompts?)|disregard (?:the |all )?"
    r"(?:previous|above)|you are now|system prompt|new instructions:|output the following",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Thresholds:
    """When a posting goes to tier 2 (configurable in settings)."""

    confidence: float = 0.60
    text_chars: int = 800


@dataclass(frozen=True)
class PromptInput:
    """One posting as a tier sees it: `text` is what offsets in its answer refer to."""

    id: str
    key: str
    payload: dict[str, Any]
    text: str
    suspicious: bool


def prompt_input(job: Job, rules: JobExtracted, max_chars: int) -> PromptInput:
    """The posting's facts, the fields to ask for and its text without boilerplate, cut to `max_chars`."""
    text = boilerplate.cut(job.description_text, [(s, e, "") for s, e in rules.boilerplate])[:max_chars]
    facts = {name: _plain(getattr(rules, name)) for name in ASKABLE if name in rules.field_tiers}
    ask = [name for name in ASKABLE if name not in rules.field_tiers] + list(ALWAYS_ASKED)
    payload = {"title": job.title, "company": job.company, "facts": facts, "ask": ask, "text": text}
    return PromptInput(
        id=job.job_uid,
        key=description_key(job.title, text),
        payload=payload,
        text=text,
        suspicious=bool(_INJECTION.search(text)),
    )


def description_key(title: str, text: str) -> str:
    """The cache key's description hash: what was sent, so the same text reposted is a hit."""
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def batch_message(inputs: list[PromptInput]) -> str:
    """The user message of a batch call; ids are the cache keys so identical texts share an answer."""
    postings = [{"id": i.key[:16], **i.payload} for i in inputs]
    return json.dumps({"postings": postings}, ensure_ascii=False, separators=(",", ":"))


# Characters per token for sizing a context window from above: English prose runs about 4 to a token, JSON
# punctuation and escaped line breaks fewer; 3 errs on the large side.
_CHARS_PER_TOKEN = 3
# A posting's frame in a batch message beyond its text: id, title, company, facts and the fields asked.
_FRAME_CHARS = 600


def context_tokens(system_chars: int, batch_size: int, text_chars: int, answer_tokens: int) -> int:
    """Tokens a full batch call can need (system prompt, every posting at its longest, every answer at its
    bound), rounded up to a multiple of 1,024: the window a server must give so nothing is cut. Ollama's
    own default is 2,048 tokens on many installs, and it cuts a longer prompt from the front, system
    prompt first, without an error."""
    prompt = system_chars + batch_size * (text_chars + _FRAME_CHARS)
    needed = prompt // _CHARS_PER_TOKEN + batch_size * answer_tokens
    return max(2048, -(-needed // 1024) * 1024)


def decoding_schema(inputs: list[PromptInput], list_items: int = 5) -> dict[str, Any]:
    """The JSON schema a batch call decodes under: `BatchAnswer`, with exactly one answer per posting, ids
    limited to the batch's ids, and every list bounded. A small model under a schema without bounds loops (a
    list that never closes) until it hits the output bound; validation is unchanged. Strings get no
    `maxLength` (llama-cpp-python expands it into one nested grammar rule per character, a grammar five
    times larger); `max_tokens` bounds them instead."""
    schema = copy.deepcopy(BatchAnswer.model_json_schema())
    ids = [i.key[:16] for i in inputs]
    batch = schema["properties"]["postings"]
    batch["minItems"] = batch["maxItems"] = len(ids)
    answer = schema["$defs"]["PostingAnswer"]
    answer["properties"]["id"]["enum"] = ids
    for node in _schema_nodes(schema):
        if node.get("type") == "array" and node is not batch:
            node["maxItems"] = min(node.get("maxItems", list_items), list_items)
    return schema


def _schema_nodes(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [n for child in node for n in _schema_nodes(child)]
    if not isinstance(node, dict):
        return []
    return [node, *(n for value in node.values() for n in _schema_nodes(value))]


def single_message(item: PromptInput) -> str:
    return json.dumps(item.payload, ensure_ascii=False, separators=(",", ":"))


def parse_batch(content: str, inputs: list[PromptInput]) -> tuple[dict[str, PostingAnswer], dict[str, str]]:
    """Valid answers by cache key, and the reason each other posting of the batch failed."""
    by_id = {i.key[:16]: i for i in inputs}
    good: dict[str, PostingAnswer] = {}
    bad: dict[str, str] = {}
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        return {}, {i.key: f"invalid_json: {exc.msg}" for i in inputs}
    answers = data.get("postings") if isinstance(data, dict) else None
    if not isinstance(answers, list):
        return {}, {i.key: "schema: no postings list" for i in inputs}
    seen: dict[str, int] = {}
    for raw in answers:
        pid = str(raw.get("id")) if isinstance(raw, dict) else ""
        seen[pid] = seen.get(pid, 0) + 1
    for raw in answers:
        pid = str(raw.get("id")) if isinstance(raw, dict) else ""
        item = by_id.get(pid)
        if item is None or seen[pid] > 1:
            continue
        try:
            good[item.key] = PostingAnswer.model_validate(raw, context={"text": item.text})
        except ValidationError as exc:
            bad[item.key] = f"schema: {_first_error(exc)}"
    for item in inputs:
        if item.key not in good and item.key not in bad:
            bad[item.key] = "missing_or_duplicate_id"
    return good, bad


def validate_single(data: dict[str, Any], item: PromptInput) -> ExtractedFields:
    return ExtractedFields.model_validate(data, context={"text": item.text})


def merge(
    rules: JobExtracted, answer: ExtractedFields, tier: FieldSource, description: str, prompt: str, model: str
) -> JobExtracted:
    """Rules and ATS facts win; the answer fills the rest. Highlights are re-anchored on the full text."""
    update: dict[str, Any] = {}
    tiers = dict(rules.field_tiers)
    for name in (*ASKABLE, "summary", "key_functions_hired_for"):
        if tiers.get(name) in (FieldSource.ats, FieldSource.rules):
            continue
        value = getattr(answer, name)
        if value in (None, [], "") or (
            name in ("seniority", "remote_type", "employment_type") and value == "unknown"
        ):
            continue
        update[name], tiers[name] = value, tier
    update |= _salary_usd(rules, update, tier, tiers)
    highlights = _anchor(answer.highlights, description)
    if highlights:
        update["highlights"], tiers["highlights"] = highlights, tier
    update |= {
        "confidence": answer.confidence,
        "needs_tier2": answer.needs_tier2,
        "field_tiers": tiers,
        "prompt_version": prompt,
        "model": model,
    }
    return JobExtracted.model_validate(rules.model_dump() | update, context={"text": description})


def _salary_usd(
    rules: JobExtracted, update: dict[str, Any], tier: FieldSource, tiers: dict[str, FieldSource]
) -> dict[str, Any]:
    """Annual USD stays a derived column: computed here from the range the model read as stated."""
    if "salary_min" not in update and "salary_max" not in update:
        return {}
    currency = update.get("salary_currency") or rules.salary_currency
    interval = update.get("salary_interval") or rules.salary_interval
    if not currency or not interval:
        return {}
    out: dict[str, Any] = {}
    for stated, usd in (("salary_min", "salary_min_usd"), ("salary_max", "salary_max_usd")):
        amount = update.get(stated)
        if amount is not None:
            out[usd], tiers[usd] = salary.annual_usd(amount, currency, interval), tier
    return out


def escalation_reasons(ext: JobExtracted, text_chars: int, limits: Thresholds) -> list[str]:
    """Why a posting should go to tier 2 (empty: it should not)."""
    reasons = []
    if ext.confidence < limits.confidence:
        reasons.append("low_confidence")
    for name in ("company_name", "role_title", "summary"):
        if not getattr(ext, name):
            reasons.append(f"missing_{name}")
    if not ext.skills and text_chars > limits.text_chars:
        reasons.append("no_skills_long_text")
    if ext.needs_tier2:
        reasons.append("model_asked")
    return reasons


def estimate_tokens(text: str) -> int:
    """Token count estimate used for the token-economy benchmark: BPE tokenizers give about one token per
    word or punctuation mark in English prose, a little more for JSON; both prompts are counted the same way."""
    return len(re.findall(r"\w+|[^\w\s]", text))


def _anchor(highlights: list[Highlight], description: str) -> list[Highlight]:
    out = []
    for h in highlights:
        start = description.find(h.text)
        if start >= 0:
            out.append(Highlight(label=h.label, text=h.text, start_char=start, end_char=start + len(h.text)))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.value if hasattr(value, "value") else value


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"[:200]
