"""Saved searches and what an `alerts` run did with them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from schemas.search import SearchRequest


class SavedSearch(BaseModel):
    """A search a person kept; `id` is its management link, `feed_token` names its public feed."""

    id: str
    feed_token: str
    name: str = Field(min_length=1, max_length=200)
    query_string: str = Field("", description="The page's URL query that reproduces the search.")
    request: SearchRequest
    webhook_url: str | None = None
    secret: str = Field(repr=False)
    created_at: datetime
    mark: int = Field(0, description="Index watermark up to which this search was already checked.")


class AlertsSummary(BaseModel):
    """One `alerts` run: searches checked, new matches, and delivery outcomes by status."""

    searches: int = 0
    matched: int = 0
    deliveries: dict[str, int] = Field(
        default_factory=dict, description="sent | failed | refused | feed_only -> messages."
    )
