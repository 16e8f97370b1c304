"""The run report: what a run did, what failed and why, what it cost.

Stages add their numbers with small edits: a count into `counts` (names below), an LLM tier into
`tiers`, a skill tally into `skills`, an unprocessable item into `dead_letters`. The headline names
that every reader (markdown, tables, `jobmine report --compare`) looks for:

| headline   | count key            |
|------------|----------------------|
| discovered | `postings_discovered` (or `boards_discovered`) |
| fetched    | `postings_fetched`   |
| new        | `jobs_inserted`      |
| changed    | `jobs_updated`       |
| closed     | `jobs_closed`        |
"""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import BaseModel, Field

HEADLINE: dict[str, tuple[str, ...]] = {
    "discovered": ("postings_discovered", "boards_discovered"),
    "fetched": ("postings_fetched",),
    "new": ("jobs_inserted",),
    "changed": ("jobs_updated",),
    "closed": ("jobs_closed",),
}
TOP_SKILLS = 20


class BoardOutcome(BaseModel):
    """What happened to one board in one run."""

    board: str
    status: str = Field(description="ok | failed")
    http_status: int | None = None
    postings: int = 0
    raw_key: str | None = None
    stage: str | None = Field(None, description="Stage that failed, when it failed.")
    reason: str | None = Field(
        None, description="Short failure code: not_found, malformed_json, html_body, ..."
    )
    detail: str | None = None


class TierCost(BaseModel):
    """LLM usage of one extraction tier."""

    tier: str
    postings: int = 0
    calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cache_hits: int = 0
    escalated: int = Field(0, description="Postings this tier handed on to the next tier.")
    note: str | None = Field(None, description="Why a tier did not run (e.g. tier 2 off: no key).")
    usd: float = 0.0
    model: str | None = Field(None, description="Model that answered (tier 1: backend/model).")
    latency_p50_ms: int = 0
    latency_p95_ms: int = 0
    failures: dict[str, int] = Field(default_factory=dict, description="Failed calls by reason.")
    latencies_ms: list[int] = Field(default_factory=list, exclude=True, description="Per call, for merging.")

    @property
    def escalation_rate(self) -> float:
        return round(self.escalated / self.postings, 4) if self.postings else 0.0

    def add_calls(self, latencies_ms: list[int], failures: dict[str, int]) -> None:
        """Adds calls' latencies and failures (from one chunk of a run) and recomputes p50/p95."""
        self.latencies_ms = sorted([*self.latencies_ms, *latencies_ms])
        for reason, n in failures.items():
            self.failures[reason] = self.failures.get(reason, 0) + n
        if self.latencies_ms:
            last = len(self.latencies_ms) - 1
            self.latency_p50_ms = self.latencies_ms[round(0.50 * last)]
            self.latency_p95_ms = self.latencies_ms[round(0.95 * last)]


class RunReport(BaseModel):
    """Written to reports/run_<run_id>.json, the `runs` table and the flow run's Prefect artifacts."""

    run_id: str
    flow: str
    started_at: datetime
    finished_at: datetime | None = None
    boards: list[BoardOutcome] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict, description="Per-stage counts.")
    timings_s: dict[str, float] = Field(default_factory=dict, description="Wall seconds per stage.")
    tiers: list[TierCost] = Field(default_factory=list)
    dead_letters: dict[str, int] = Field(
        default_factory=dict, description="Items set aside (not retried this run), by reason."
    )
    skills: dict[str, int] = Field(default_factory=dict, description="Postings per skill this run.")
    open_circuits: list[str] = Field(
        default_factory=list, description="API hosts whose circuit breaker opened: their boards wait."
    )
    deliveries: dict[str, int] = Field(
        default_factory=dict, description="Saved-search alerts by outcome: sent, failed, refused, feed_only."
    )
    recovered: dict[str, str] = Field(
        default_factory=dict, description="Dead runs this run found and marked crashed: run id -> why."
    )

    @property
    def failures(self) -> list[BoardOutcome]:
        return [b for b in self.boards if b.status != "ok"]

    @property
    def total_usd(self) -> float:
        return round(sum(t.usd for t in self.tiers), 6)

    @property
    def usd_per_1000_postings(self) -> float:
        postings = self.counts.get("postings_fetched") or sum(t.postings for t in self.tiers[:1])
        return round(self.total_usd * 1000 / postings, 6) if postings else 0.0

    def headline(self) -> dict[str, int]:
        """discovered / fetched / new / changed / closed, from whichever count key a stage filled."""
        out = {}
        for name, keys in HEADLINE.items():
            out[name] = next((self.counts[k] for k in keys if k in self.counts), 0)
        return out

    def top_skills(self, n: int = TOP_SKILLS) -> list[tuple[str, int]]:
        return sorted(self.skills.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def failures_by_reason(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for b in self.failures:
            out[b.reason or "unknown"] = out.get(b.reason or "unknown", 0) + 1
        return dict(sorted(out.items()))

    def summary(self) -> dict[str, object]:
        """The derived figures saved next to the raw fields, so readers need no code to get them."""
        return {
            "headline": self.headline(),
            "failures_by_reason": self.failures_by_reason(),
            "total_usd": self.total_usd,
            "usd_per_1000_postings": self.usd_per_1000_postings,
            "escalation_rates": {t.tier: t.escalation_rate for t in self.tiers},
            "top_skills": [{"skill": s, "postings": n} for s, n in self.top_skills()],
        }

    def to_json(self) -> str:
        data = self.model_dump(mode="json") | self.summary()
        return json.dumps(data, indent=2, sort_keys=True)
