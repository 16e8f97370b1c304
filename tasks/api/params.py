"""Query parameters of `GET /jobs` and `GET /facets`, turned into the one `SearchRequest` contract."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from extractors.search.query import DEFAULT_FACETS
from schemas.search import MAX_PAGE_SIZE, MAX_QUERY_CHARS, SearchRequest, SortOrder

FILTER_NAMES = (
    "company",
    "source",
    "board",
    "department",
    "seniority",
    "job_function",
    "remote_type",
    "employment_type",
    "country",
    "region",
    "city",
    "location",
    "skills",
    "tools",
)


class SearchParams(BaseModel):
    """Text, a filter per facet (repeat a parameter to accept several values), ranges and paging."""

    model_config = ConfigDict(extra="forbid")

    q: str = Field("", max_length=MAX_QUERY_CHARS, description="Plain words; quotes, -, | and * work.")
    company: list[str] = []
    source: list[str] = []
    board: list[str] = []
    department: list[str] = []
    seniority: list[str] = []
    job_function: list[str] = []
    remote_type: list[str] = []
    employment_type: list[str] = []
    country: list[str] = []
    region: list[str] = []
    city: list[str] = []
    location: list[str] = []
    skills: list[str] = []
    tools: list[str] = []
    salary_min: int | None = Field(None, ge=0, description="At least this much (USD/year) at the top.")
    salary_max: int | None = Field(None, ge=0, description="At most this much (USD/year) at the bottom.")
    posted_since: datetime | None = Field(None, description="ISO date or date-time.")
    include_closed: bool = False
    include_stale: bool = False
    facet: list[str] = Field([], description="Facets to count; /facets counts all when none is given.")
    facet_size: int = Field(20, ge=1, le=200)

    def request(self, **extra: object) -> SearchRequest:
        filters = {name: values for name in FILTER_NAMES if (values := getattr(self, name))}
        return SearchRequest(
            text=self.q,
            filters=filters,
            facets=self.facet,
            salary_min=self.salary_min,
            salary_max=self.salary_max,
            posted_since=self.posted_since,
            include_closed=self.include_closed,
            include_stale=self.include_stale,
            facet_size=self.facet_size,
            **extra,  # type: ignore[arg-type]
        )


class JobsParams(SearchParams):
    sort: SortOrder = "relevance"
    size: int = Field(10, ge=1, le=MAX_PAGE_SIZE)
    search_after: str | None = Field(None, max_length=2000, description="The `next` cursor of a page.")

    def search(self) -> SearchRequest:
        return self.request(sort=self.sort, size=self.size, search_after=self.search_after)


class FacetsParams(SearchParams):
    def search(self) -> SearchRequest:
        req = self.request(size=0)
        return req if req.facets else req.model_copy(update={"facets": list(DEFAULT_FACETS)})
