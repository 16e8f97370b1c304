"""Tier 1: batched structured extraction on an Ollama host through the `ollama` client."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import ollama

from extractors.llm import plan as llm_plan
from extractors.llm.batching import BatchOutcome, GroupResult, run_batches
from extractors.llm.plan import PromptInput
from schemas.extracted import BatchAnswer, PostingAnswer
from schemas.settings import Settings
from tasks.extract.llm_calls import CallLog, LlmCall
from tasks.extract.prompts import load_prompt

log = logging.getLogger(__name__)
PROMPT = "extract_batch.v2"
_BUSY_RETRIES = 2


class OllamaTier:
    """One client per run; `concurrency` calls at most in flight on the host."""

    def __init__(self, settings: Settings, calls: CallLog) -> None:
        self.settings = settings
        self.calls = calls
        self.client = ollama.Client(host=settings.ollama_url, timeout=settings.ollama_timeout_s)
        self.system = load_prompt(settings.prompts_dir, PROMPT)
        self.schema = BatchAnswer.model_json_schema()

    @property
    def model(self) -> str:
        return self.settings.ollama_model

    def extract(self, inputs: list[PromptInput]) -> BatchOutcome[PostingAnswer]:
        """Answers by cache key for every input that got a valid one; the others under `failed`."""
        with ThreadPoolExecutor(max_workers=self.settings.ollama_concurrency) as pool:
            return run_batches(
                inputs,
                key=lambda i: i.key,
                call_groups=lambda groups: list(pool.map(self._call, groups)),
                batch_size=self.settings.ollama_batch_size,
                max_attempts=self.settings.ollama_max_attempts,
                alone=lambda i: i.suspicious,
            )

    def _call(self, group: list[PromptInput]) -> GroupResult[PostingAnswer]:
        started = time.perf_counter()
        record = LlmCall(tier="ollama", model=self.model, prompt_version=PROMPT, postings=len(group))
        messages = [
            {"role": "system", "content": self.system},
            {"role": "user", "content": llm_plan.batch_message(group)},
        ]
        try:
            resp = self._chat(messages)
        except (ollama.ResponseError, httpx.HTTPError, ConnectionError) as exc:
            record.outcome = _error_outcome(exc)
            record.latency_ms = int((time.perf_counter() - started) * 1000)
            self.calls.add(record)
            log.warning("ollama call for %d postings failed: %s", len(group), record.outcome)
            return GroupResult(good={}, bad={i.key: record.outcome for i in group})
        record.latency_ms = int((time.perf_counter() - started) * 1000)
        record.tokens_in = int(resp.prompt_eval_count or 0)
        record.tokens_out = int(resp.eval_count or 0)
        good, bad = llm_plan.parse_batch(resp.message.content or "", group)
        record.outcome = "ok" if not bad else ("invalid" if not good else "partial")
        record.detail = "; ".join(sorted(set(bad.values())))[:300] or None
        self.calls.add(record)
        return GroupResult(good=good, bad=bad)

    def _chat(self, messages: list[dict[str, str]]) -> ollama.ChatResponse:
        """One chat request; a 429 or 503 (host busy) is retried after a short, growing pause."""
        for attempt in range(_BUSY_RETRIES + 1):
            try:
                return self.client.chat(
                    model=self.model,
                    messages=messages,
                    format=self.schema,
                    think=False,
                    options={"temperature": 0},
                    stream=False,
                )
            except ollama.ResponseError as exc:
                if exc.status_code not in (429, 503) or attempt == _BUSY_RETRIES:
                    raise
                time.sleep(min(0.25 * 2**attempt, 4.0))
        raise AssertionError("unreachable")


def _error_outcome(exc: Exception) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    status = getattr(exc, "status_code", None)
    if status == 429:
        return "rate_limited"
    if status:
        return f"http_{status}"
    return "unreachable"
