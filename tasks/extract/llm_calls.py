"""The record of every LLM call of a run: kept in memory, written to `llm_calls`, summed per tier."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import httpx
import openai

from schemas.report import TierCost


@dataclass
class LlmCall:
    tier: str
    model: str
    prompt_version: str
    postings: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    outcome: str = "ok"
    detail: str | None = None
    usd: float = 0.0


@dataclass
class CallLog:
    """Thread-safe list of calls; prices are USD per 1M tokens (in, out) per tier."""

    pricing: dict[str, tuple[float, float]]
    calls: list[LlmCall] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, call: LlmCall) -> None:
        price_in, price_out = self.pricing.get(call.tier, (0.0, 0.0))
        call.usd = round((call.tokens_in * price_in + call.tokens_out * price_out) / 1e6, 8)
        with self._lock:
            self.calls.append(call)

    def usd(self, tier: str) -> float:
        return sum(c.usd for c in self.calls if c.tier == tier)

    def tier_cost(self, tier: str) -> TierCost:
        """Calls, tokens, USD, latency p50/p95 (answered requests) and failed calls by reason."""
        mine = [c for c in self.calls if c.tier == tier]
        cost = TierCost(
            tier=tier,
            calls=len(mine),
            tokens_in=sum(c.tokens_in for c in mine),
            tokens_out=sum(c.tokens_out for c in mine),
            usd=round(sum(c.usd for c in mine), 6),
        )
        failures: dict[str, int] = {}
        for c in mine:
            if c.outcome not in ("ok", "reask"):
                failures[c.outcome] = failures.get(c.outcome, 0) + 1
        cost.add_calls([c.latency_ms for c in mine if c.outcome != "reask"], failures)
        return cost


def error_outcome(exc: Exception) -> str:
    """A failed request's outcome code, the same for every client (ollama, openai, httpx)."""
    if isinstance(exc, openai.RateLimitError):
        return "rate_limited"
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return "timeout"
    status = getattr(exc, "status_code", None)
    if status == 429:
        return "rate_limited"
    return f"http_{status}" if status else "unreachable"
