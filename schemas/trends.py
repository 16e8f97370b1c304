"""Hiring trends: what a caller asks (CLI, API, flow, benchmark) and the one report they all get back."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TrendDimension = Literal["all", "company", "job_function", "seniority", "country", "skill", "source"]
TrendSection = Literal["weekly", "salary", "time_open", "rising_skills", "freshness"]
ALL_SECTIONS: tuple[TrendSection, ...] = ("weekly", "salary", "time_open", "rising_skills", "freshness")


class TrendsRequest(BaseModel):
    """A window of whole weeks ending at `until`, with the same filters as search."""

    model_config = ConfigDict(extra="forbid")

    by: TrendDimension = Field("all", description="Split the weekly counts by this dimension.")
    weeks: int = Field(12, ge=1, le=104, description="Whole weeks (Monday to Monday, UTC) in the window.")
    until: datetime | None = Field(None, description="The window ends at the first Monday at or after this.")
    filters: dict[str, list[str]] = Field(default_factory=dict, description="Search facet name -> values.")
    salary_min: int | None = Field(
        None,
        ge=0,
        description="Postings paying at least this (USD/year) at the top (an open range: its bound).",
    )
    salary_max: int | None = Field(
        None,
        ge=0,
        description="Postings paying at most this (USD/year) at the bottom (an open range: its bound).",
    )
    posted_since: datetime | None = Field(None, description="Postings posted at or after this time.")
    min_count: int | None = Field(
        None, ge=1, description="Hide figures behind fewer postings (default: settings)."
    )
    top: int = Field(10, ge=1, le=200, description="Values per dimension, rows per table.")
    period_weeks: int = Field(
        4, ge=1, le=52, description="Rising skills: this many weeks against the ones before."
    )
    sections: list[TrendSection] = Field(default_factory=lambda: list(ALL_SECTIONS))


class WeeklyPoint(BaseModel):
    week: datetime = Field(description="Monday 00:00 UTC starting the week.")
    value: str = Field(description="Value of the `by` dimension ('all' when not split).")
    opened: int = Field(description="Postings first seen this week.")
    closed: int = Field(description="Postings closed this week.")
    open: int = Field(description="Open at the week's end (neither closed nor stale).")
    stale: int = Field(description="Stale at the week's end: their board had stopped answering.")


class SalaryBand(BaseModel):
    job_function: str
    seniority: str
    country: str
    currency: str = Field(description="As stated by the posting.")
    interval: str = Field(description="As stated: year, month, hour, ...")
    count: int = Field(description="Postings behind the figures.")
    p25: float | None = Field(
        description="In the stated currency per stated interval (None if unconvertible)."
    )
    p50: float | None
    p75: float | None
    p25_annual_usd: float = Field(
        description="Converted to USD per year with a dated rate table; a separate view."
    )
    p50_annual_usd: float
    p75_annual_usd: float


class TimeOpen(BaseModel):
    dimension: Literal["company", "job_function"]
    value: str
    count: int = Field(description="Postings closed in the window.")
    p25_days: float
    p50_days: float
    p75_days: float
    p90_days: float
    share_within_7d: float
    share_within_30d: float


class RisingSkill(BaseModel):
    skill: str
    now_count: int = Field(description="New postings of the current period asking for it.")
    before_count: int = Field(description="New postings of the period before asking for it.")
    now_share: float
    before_share: float
    ratio: float | None = Field(description="now_share / before_share; None when new this period.")


class Freshness(BaseModel):
    open: int
    stale: int = Field(
        description="Board not fetched successfully for the stale threshold: neither open nor closed."
    )
    closed: int
    ghost: int = Field(description="Open longer than the ghost threshold.")
    reposted: int = Field(
        description="Not closed, and a closed posting of its duplicate group came before it."
    )


class TrendsReport(BaseModel):
    since: datetime
    until: datetime
    by: TrendDimension
    filters: dict[str, list[str]]
    min_count: int
    weekly: list[WeeklyPoint] = Field(default_factory=list)
    salary: list[SalaryBand] = Field(default_factory=list)
    salary_hidden: int = Field(0, description="Salary groups not shown: fewer postings than min_count.")
    time_open: list[TimeOpen] = Field(default_factory=list)
    rising_skills: list[RisingSkill] = Field(default_factory=list)
    freshness: Freshness | None = None
