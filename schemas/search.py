"""What a search asks for: one contract for the API, the CLI and the benchmarks."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_QUERY_CHARS = 1000
MAX_PAGE_SIZE = 100
SortOrder = Literal["relevance", "date", "salary"]
# Postings that state no pay: "auto" drops them only when a salary bound is given (the API's long-standing
# behaviour), "include" keeps them beside the bound, "exclude" always hides them.
UndisclosedPay = Literal["auto", "include", "exclude"]


class SearchRequest(BaseModel):
    """A faceted search; `filters` and `facets` use the public facet names of `extractors.search.query`."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field("", max_length=MAX_QUERY_CHARS, description="Words to look for; plain text.")
    filters: dict[str, list[str]] = Field(default_factory=dict, description="Facet name -> accepted values.")
    exclude: dict[str, list[str]] = Field(default_factory=dict, description="Facet name -> refused values.")
    facets: list[str] = Field(default_factory=list, description="Facets to count.")
    salary_min: int | None = Field(
        None, ge=0, description="Jobs paying at least this (USD/year) at the top (an open range: its bound)."
    )
    salary_max: int | None = Field(
        None,
        ge=0,
        description="Jobs paying at most this (USD/year) at the bottom (an open range: its bound).",
    )
    undisclosed_pay: UndisclosedPay = Field("auto", description="What to do with postings stating no pay.")
    posted_since: datetime | None = Field(None, description="Jobs posted at or after this time.")
    first_seen_after: datetime | None = Field(None, description="Jobs first seen strictly after this time.")
    row_version_after: int | None = Field(None, ge=0, description="Jobs changed after this row_version.")
    sort: SortOrder = Field("relevance", description="relevance, date (newest first) or salary (highest).")
    size: int = Field(10, ge=0, le=MAX_PAGE_SIZE, description="Hits per page.")
    facet_size: int = Field(20, ge=1, le=200, description="Buckets per facet.")
    search_after: str | None = Field(None, max_length=2000, description="Cursor from the previous page.")
    include_closed: bool = Field(False, description="Also return postings that were closed.")
    include_stale: bool = Field(
        False, description="Also return stale postings (their board has not answered lately)."
    )

    @model_validator(mode="after")
    def _salary_range(self) -> SearchRequest:
        if self.salary_min is not None and self.salary_max is not None and self.salary_min > self.salary_max:
            raise ValueError(f"salary_min ({self.salary_min}) is above salary_max ({self.salary_max})")
        return self


class IndexSummary(BaseModel):
    """What one run of the `index` flow did."""

    mode: Literal["catch_up", "rebuild"]
    indexed: int = Field(description="Documents written to OpenSearch this run.")
    watermark: int = Field(description="Highest row_version now known to be in the index.")
    index: str = Field(description="The versioned index the alias points at.")
    pending: int = Field(0, description="Jobs changed after the watermark, left for the next run.")
