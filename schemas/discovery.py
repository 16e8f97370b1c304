"""Contracts of the discovery stage: URL patterns, token verdicts, sightings, validation outcomes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DiscoverySource = Literal["greenhouse", "lever", "ashby"]
SourceStatus = Literal["pending", "valid", "invalid"]
FoundBy = Literal["crawl", "probe", "user"]


class HostPattern(BaseModel):
    """One index query (`boards.greenhouse.io/*`) and the ATS whose boards it holds."""

    model_config = ConfigDict(frozen=True)

    pattern: str = Field(description="URL pattern as the CDX API takes it, `host/*` or `host/path/*`.")
    source_type: DiscoverySource

    @property
    def host(self) -> str:
        return self.pattern.split("/", 1)[0].lower()


class TokenVerdict(BaseModel):
    """What a URL says: a board (`source_type`, `token`) or why it was rejected."""

    model_config = ConfigDict(frozen=True)

    url: str
    source_type: DiscoverySource | None = None
    token: str | None = None
    reason: str | None = Field(None, description="Why no token was taken, when none was.")

    @property
    def ok(self) -> bool:
        return self.token is not None

    def line(self) -> str:
        return f"{self.source_type}\t{self.token}" if self.ok else f"reject\t{self.reason}"


class Sighting(BaseModel):
    """A board seen in one crawl (or proposed by a probe or a user), with how often it was captured."""

    source_type: DiscoverySource
    token: str
    found_by: FoundBy = "crawl"
    crawl: str | None = None
    captures: int = 1
    sample_url: str | None = None
    company_domain: str | None = None
    capture: dict[str, str] | None = Field(None, description="WARC pointer of a good capture of the board.")


class Validation(BaseModel):
    """The verdict of one call to a board's list endpoint."""

    status: SourceStatus
    http_status: int | None = None
    job_count: int | None = None
    company_name: str | None = None
    moved: bool = False
    moved_detail: str | None = None
    note: str | None = Field(None, description="Why there was no usable answer (robots.txt, retries spent).")
    next_at: datetime


class DiscoveryReport(BaseModel):
    """What one `discover` run did."""

    crawls: list[str] = Field(default_factory=list)
    units_done: int = 0
    units_skipped: int = 0
    cdx_lines: int = 0
    sightings: int = 0
    new_sources: int = 0
    probed: int = 0
    validated: dict[str, int] = Field(default_factory=dict)
    warc_records: int = 0
