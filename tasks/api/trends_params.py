"""Query parameters of `GET /trends`: the search filters (same names, repeat to accept several values)
plus the window, the split and the sections, turned into the one `TrendsRequest` contract."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from schemas.trends import TrendDimension, TrendSection, TrendsRequest
from tasks.api.params import FILTER_NAMES


class _Window(BaseModel):
    model_config = ConfigDict(extra="forbid")

    by: TrendDimension = "all"
    weeks: int = Field(12, ge=1, le=104)
    until: datetime | None = Field(
        None, description="ISO date; the window ends at the Monday at or after it."
    )
    salary_min: int | None = Field(None, ge=0)
    salary_max: int | None = Field(None, ge=0)
    posted_since: datetime | None = None
    min_count: int | None = Field(None, ge=1)
    top: int = Field(10, ge=1, le=200)
    period_weeks: int = Field(4, ge=1, le=52)
    section: list[TrendSection] = Field([], description="Sections to compute; all when none is given.")

    def request(self) -> TrendsRequest:
        values: dict[str, Any] = self.model_dump()
        filters = {name: v for name in FILTER_NAMES if (v := values.pop(name))}
        sections = values.pop("section")
        return TrendsRequest(filters=filters, **values, **({"sections": sections} if sections else {}))


TrendsParams = create_model(
    "TrendsParams", __base__=_Window, **{name: (list[str], []) for name in FILTER_NAMES}
)
