"""The run report: what a run did, what failed and why, what it cost."""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import BaseModel, Field


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
    usd: float = 0.0


class RunReport(BaseModel):
    """Written to reports/run_<run_id>.json and published as a Prefect artifact."""

    run_id: str
    flow: str
    started_at: datetime
    finished_at: datetime | None = None
    boards: list[BoardOutcome] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict, description="Per-stage counts.")
    timings_s: dict[str, float] = Field(default_factory=dict, description="Wall seconds per stage.")
    tiers: list[TierCost] = Field(default_factory=list)

    @property
    def failures(self) -> list[BoardOutcome]:
        return [b for b in self.boards if b.status != "ok"]

    @property
    def total_usd(self) -> float:
        return round(sum(t.usd for t in self.tiers), 6)

    def failures_by_reason(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for b in self.failures:
            out[b.reason or "unknown"] = out.get(b.reason or "unknown", 0) + 1
        return dict(sorted(out.items()))

    def to_json(self) -> str:
        data = self.model_dump(mode="json")
        data["failures_by_reason"] = self.failures_by_reason()
        data["total_usd"] = self.total_usd
        return json.dumps(data, indent=2, sort_keys=True)

    def to_markdown(self) -> str:
        lines = [f"# jobmine {self.flow} run `{self.run_id}`", ""]
        lines += ["| stage | count |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in self.counts.items()]
        lines += ["", "| stage | seconds |", "|---|---:|"]
        lines += [f"| {k} | {v:.2f} |" for k, v in self.timings_s.items()]
        lines += ["", "| tier | postings | calls | tokens in | tokens out | cache hits | USD |"]
        lines += ["|---|---:|---:|---:|---:|---:|---:|"]
        lines += [
            f"| {t.tier} | {t.postings} | {t.calls} | {t.tokens_in} | {t.tokens_out} | {t.cache_hits} | {t.usd:.4f} |"
            for t in self.tiers
        ]
        lines += ["", f"**Estimated LLM cost:** ${self.total_usd:.4f}", ""]
        if self.failures:
            lines += ["## Failures", "", "| board | stage | reason | detail |", "|---|---|---|---|"]
            lines += [
                f"| {b.board} | {b.stage} | {b.reason} | {(b.detail or '')[:120]} |" for b in self.failures
            ]
        else:
            lines.append("No failures.")
        return "\n".join(lines) + "\n"
