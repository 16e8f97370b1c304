"""Query parameters of `GET /jobs` and `GET /facets`, turned into the one `SearchRequest` contract."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extractors.fields.salary import USD_PER_UNIT, annual_usd
from extractors.search.query import DEFAULT_FACETS, parse_filters
from schemas.errors import ConfigError
from schemas.search import MAX_PAGE_SIZE, MAX_QUERY_CHARS, SearchRequest, SortOrder, UndisclosedPay

PayInterval = Literal["year", "month", "week", "day", "hour"]

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
    exclude: list[str] = Field([], description="NAME=VALUE pairs to leave out, e.g. `company=Acme`.")
    salary_min: int | None = Field(None, ge=0, description="At least this much at the top of the range.")
    salary_max: int | None = Field(None, ge=0, description="At most this much at the bottom of the range.")
    salary_currency: str = Field("USD", max_length=3, description="Currency of salary_min/salary_max.")
    salary_interval: PayInterval = Field("year", description="Pay period of salary_min/salary_max.")
    undisclosed_pay: UndisclosedPay = Field(
        "auto", description="Postings without pay: auto (dropped by a salary bound), include or exclude."
    )
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
            exclude=parse_filters(self.exclude),
            facets=self.facet,
            salary_min=self._usd_per_year(self.salary_min),
            salary_max=self._usd_per_year(self.salary_max),
            undisclosed_pay=self.undisclosed_pay,
            posted_since=self.posted_since,
            include_closed=self.include_closed,
            include_stale=self.include_stale,
            facet_size=self.facet_size,
            **extra,  # type: ignore[arg-type]
        )

    def _usd_per_year(self, amount: int | None) -> int | None:
        """The index keeps pay as USD per year; a bound in another currency or period is converted."""
        if amount is None:
            return None
        if self.salary_currency.upper() not in USD_PER_UNIT:
            raise ConfigError(
                f"unknown salary currency {self.salary_currency!r}; choose from {sorted(USD_PER_UNIT)}"
            )
        return annual_usd(amount, self.salary_currency, self.salary_interval)


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
