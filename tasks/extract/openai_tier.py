"""Tier 2: one posting per call through instructor over the `openai` client (any compatible server)."""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx
import instructor
import openai
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks

from extractors.llm import plan as llm_plan
from extractors.llm.plan import PromptInput
from extractors.reporting.redact import scrub
from schemas.extracted import ExtractedFields
from schemas.settings import Settings
from tasks.extract.llm_calls import CallLog, LlmCall, error_outcome
from tasks.extract.prompts import load_prompt
from tasks.reporting.report_store import known_secrets

log = logging.getLogger(__name__)
PROMPT = "extract_posting.v3"
_MODES = {"tools": instructor.Mode.TOOLS, "json": instructor.Mode.JSON}


class OpenAITier:
    """Only built when a key is set; the key is handed to the client and never logged."""

    def __init__(self, settings: Settings, calls: CallLog) -> None:
        assert settings.openai_api_key is not None
        self.settings = settings
        self.calls = calls
        self.http = httpx.Client(timeout=settings.openai_timeout_s)
        raw = openai.OpenAI(
            api_key=settings.openai_api_key.get_secret_value(),
            base_url=settings.openai_base_url,
            max_retries=settings.openai_http_retries,
            timeout=settings.openai_timeout_s,
            http_client=self.http,
        )
        self.client = instructor.from_openai(
            raw, mode=_MODES.get(settings.openai_mode, instructor.Mode.TOOLS)
        )
        self.system = load_prompt(settings.prompts_dir, PROMPT)

    @property
    def model(self) -> str:
        return self.settings.openai_model

    def close(self) -> None:
        self.http.close()

    def extract(self, item: PromptInput) -> ExtractedFields | None:
        """The validated answer, or None when every (re-)ask failed; each HTTP answer is one recorded call."""
        usages: list[Any] = []
        hooks = Hooks()
        hooks.on("completion:response", lambda response: usages.append(getattr(response, "usage", None)))
        started = time.perf_counter()
        outcome, detail, answer = "ok", None, None
        try:
            answer, _ = self.client.chat.completions.create_with_completion(
                model=self.model,
                messages=[
                    {"role": "system", "content": self.system},
                    {"role": "user", "content": llm_plan.single_message(item)},
                ],
                response_model=ExtractedFields,
                max_retries=self.settings.openai_max_reasks,  # re-asks after the first answer
                context={"text": item.text},
                hooks=hooks,
                temperature=0,
                max_tokens=self.settings.openai_max_tokens,
            )
        except InstructorRetryException as exc:
            # instructor wraps a request that failed (timeout, 5xx) the same way as answers that never validated
            cause = exc.__cause__ or exc.__context__
            failed = isinstance(cause, openai.APIError | httpx.HTTPError)
            outcome = error_outcome(cause) if failed else "invalid"  # type: ignore[arg-type]
            detail = scrub(str(exc), known_secrets(self.settings))[:300]
        except IncompleteOutputException:
            outcome, detail = "truncated", f"output bound of {self.settings.openai_max_tokens} tokens reached"
        except (openai.APIError, httpx.HTTPError) as exc:
            outcome, detail = error_outcome(exc), type(exc).__name__
        latency = int((time.perf_counter() - started) * 1000)
        self._record(usages, outcome, detail, latency)
        if answer is None:
            log.warning("openai extraction failed for one posting: %s", outcome)
        return answer

    def _record(self, usages: list[Any], outcome: str, detail: str | None, latency_ms: int) -> None:
        """One row per HTTP answer (re-asks included); a request that never got an answer is one row."""
        if not usages:
            usages = [None]
        for n, usage in enumerate(usages, start=1):
            last = n == len(usages)
            self.calls.add(
                LlmCall(
                    tier="openai",
                    model=self.model,
                    prompt_version=PROMPT,
                    postings=1,
                    tokens_in=int(getattr(usage, "prompt_tokens", 0) or 0),
                    tokens_out=int(getattr(usage, "completion_tokens", 0) or 0),
                    latency_ms=latency_ms if last else 0,
                    outcome=outcome if last else "reask",
                    detail=detail if last else None,
                )
            )
