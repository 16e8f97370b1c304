"""Tier 1: batched structured extraction on a local model server, over one of two protocols.

`ollama` speaks Ollama's native `/api/chat` (`format` = the batch's JSON schema); `openai_compatible` speaks
`/v1/chat/completions` (llama.cpp server, vLLM, LM Studio, Ollama's own `/v1`) with the same schema as
`response_format`. Same prompt, batch plan, validation, cache keys and `llm_calls` rows either way.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import httpx
import ollama
import openai

from extractors.llm import plan as llm_plan
from extractors.llm.batching import BatchOutcome, GroupResult, run_batches
from extractors.llm.plan import PromptInput
from schemas.errors import ConfigError
from schemas.extracted import PostingAnswer
from schemas.settings import Settings
from tasks.extract.llm_calls import CallLog, LlmCall, error_outcome
from tasks.extract.prompts import load_prompt

log = logging.getLogger(__name__)
PROMPT = "extract_batch.v3"
BACKENDS = ("ollama", "openai_compatible")
_BUSY_RETRIES = 2
T = TypeVar("T")


@dataclass
class Reply:
    """One answer of the server: its text, the server's own token counts, and why it stopped."""

    content: str
    tokens_in: int
    tokens_out: int
    truncated: bool


def busy_retried(call: Callable[[], T], busy: Callable[[Exception], bool]) -> T:
    """`call`, tried again after a short pause while the server says it is busy (429/503); anything else,
    a timeout above all, is the caller's to count: a retried timeout would wait the timeout again."""
    for attempt in range(_BUSY_RETRIES + 1):
        try:
            return call()
        except Exception as exc:
            if not busy(exc) or attempt == _BUSY_RETRIES:
                raise
            time.sleep(min(0.25 * 2**attempt, 4.0))
    raise AssertionError("unreachable")


class Backend(Protocol):
    def chat(self, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int) -> Reply: ...

    def close(self) -> None: ...


class OllamaBackend:
    """Ollama's native API through the `ollama` client; 429/503 (host busy) retried after a short pause."""

    errors = (ollama.ResponseError, httpx.HTTPError, ConnectionError)

    def __init__(self, settings: Settings, system: str) -> None:
        self.model = settings.tier1_model
        self.client = ollama.Client(host=settings.tier1_url, timeout=settings.tier1_timeout_s)
        # One window for the run (a different `num_ctx` reloads the model), large enough for a full batch.
        self.num_ctx = settings.tier1_num_ctx or llm_plan.context_tokens(
            len(system), settings.tier1_batch_size, settings.tier1_text_chars, settings.tier1_max_tokens
        )

    def chat(self, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int) -> Reply:
        resp = busy_retried(
            lambda: self.client.chat(
                model=self.model,
                messages=messages,
                format=schema,
                think=False,
                options={"temperature": 0, "num_predict": max_tokens, "num_ctx": self.num_ctx},
                stream=False,
            ),
            lambda exc: isinstance(exc, ollama.ResponseError) and exc.status_code in (429, 503),
        )
        return Reply(
            content=resp.message.content or "",
            tokens_in=int(resp.prompt_eval_count or 0),
            tokens_out=int(resp.eval_count or 0),
            truncated=resp.done_reason == "length",
        )

    def close(self) -> None:
        self.client._client.close()


class OpenAICompatibleBackend:
    """Any `/v1/chat/completions` server through the `openai` client (which retries 429/5xx itself).

    `tier1_response_format` picks how the schema is sent: `json_schema` (OpenAI, vLLM, Ollama, llama.cpp's
    C++ server) or `json_object` with a `schema` member (llama-cpp-python's server)."""

    errors = (openai.APIError, httpx.HTTPError)

    def __init__(self, settings: Settings) -> None:
        self.model = settings.tier1_model
        self.form = settings.tier1_response_format
        self.http = httpx.Client(timeout=settings.tier1_timeout_s)
        key = settings.tier1_api_key.get_secret_value() if settings.tier1_api_key else "not-needed"
        self.client = openai.OpenAI(
            api_key=key,
            base_url=settings.tier1_url,
            max_retries=0,  # the client's own retries would retry timeouts too: see busy_retried
            timeout=settings.tier1_timeout_s,
            http_client=self.http,
        )

    def chat(self, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int) -> Reply:
        if self.form == "json_object":
            response_format: dict[str, Any] = {"type": "json_object", "schema": schema}
        else:
            response_format = {
                "type": "json_schema",
                "json_schema": {"name": "BatchAnswer", "schema": schema},
            }
        resp = busy_retried(
            lambda: self.client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                response_format=response_format,  # type: ignore[arg-type]
                temperature=0,
                max_tokens=max_tokens,
            ),
            lambda exc: isinstance(exc, openai.APIStatusError) and exc.status_code in (429, 503),
        )
        choice = resp.choices[0] if resp.choices else None
        return Reply(
            content=(choice.message.content if choice else None) or "",
            tokens_in=int(resp.usage.prompt_tokens if resp.usage else 0),
            tokens_out=int(resp.usage.completion_tokens if resp.usage else 0),
            truncated=choice is not None and choice.finish_reason == "length",
        )

    def close(self) -> None:
        self.http.close()


def backend_for(settings: Settings, system: str) -> OllamaBackend | OpenAICompatibleBackend:
    if settings.tier1_backend == "ollama":
        return OllamaBackend(settings, system)
    if settings.tier1_backend == "openai_compatible":
        return OpenAICompatibleBackend(settings)
    raise ConfigError(
        f"JOBMINE_TIER1_BACKEND={settings.tier1_backend!r} must be one of {', '.join(BACKENDS)}"
    )


class Tier1:
    """One client per run; `concurrency` calls at most in flight on the server. Every call is bounded:
    `tier1_max_tokens` per posting of the batch, and a schema that admits one bounded answer per posting."""

    def __init__(self, settings: Settings, calls: CallLog) -> None:
        self.settings = settings
        self.calls = calls
        self.system = load_prompt(settings.prompts_dir, PROMPT)
        self.backend = backend_for(settings, self.system)

    @property
    def model(self) -> str:
        return self.settings.tier1_model

    def close(self) -> None:
        self.backend.close()

    def extract(self, inputs: list[PromptInput]) -> BatchOutcome[PostingAnswer]:
        """Answers by cache key for every input that got a valid one; the others under `failed`."""
        with ThreadPoolExecutor(max_workers=self.settings.tier1_concurrency) as pool:
            return run_batches(
                inputs,
                key=lambda i: i.key,
                call_groups=lambda groups: list(pool.map(self._call, groups)),
                batch_size=self.settings.tier1_batch_size,
                max_attempts=self.settings.tier1_max_attempts,
                alone=lambda i: i.suspicious,
            )

    def _call(self, group: list[PromptInput]) -> GroupResult[PostingAnswer]:
        started = time.perf_counter()
        record = LlmCall(tier="ollama", model=self.model, prompt_version=PROMPT, postings=len(group))
        messages = [
            {"role": "system", "content": self.system},
            {"role": "user", "content": llm_plan.batch_message(group)},
        ]
        bound = self.settings.tier1_max_tokens * len(group)
        try:
            reply = self.backend.chat(messages, llm_plan.decoding_schema(group), bound)
        except self.backend.errors as exc:
            record.outcome = error_outcome(exc)
            record.detail = type(exc).__name__
            record.latency_ms = int((time.perf_counter() - started) * 1000)
            self.calls.add(record)
            log.warning("tier-1 call for %d postings failed: %s", len(group), record.outcome)
            return GroupResult(good={}, bad={i.key: record.outcome for i in group})
        record.latency_ms = int((time.perf_counter() - started) * 1000)
        record.tokens_in, record.tokens_out = reply.tokens_in, reply.tokens_out
        good, bad = llm_plan.parse_batch(reply.content, group)
        if reply.truncated:
            # Cut off at the bound (a looping model), not wrong: said so, and retried in smaller calls.
            bad = {k: f"truncated: output bound of {bound} tokens reached" for k in bad}
        record.outcome = _outcome(good, bad, reply.truncated)
        record.detail = "; ".join(sorted(set(bad.values())))[:300] or None
        self.calls.add(record)
        return GroupResult(good=good, bad=bad)


def _outcome(good: dict[str, PostingAnswer], bad: dict[str, str], truncated: bool) -> str:
    if not bad:
        return "ok"
    if truncated:
        return "truncated"
    return "partial" if good else "invalid"
