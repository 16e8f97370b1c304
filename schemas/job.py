"""The canonical posting and the board it comes from."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.errors import ConfigError

SourceType = Literal["greenhouse", "lever", "ashby", "smartrecruiters", "workable"]
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")


class BoardRef(BaseModel):
    """A company's board on one ATS: `greenhouse:stripe`."""

    model_config = ConfigDict(frozen=True)

    source_type: SourceType
    token: str = Field(description="Board token / site name, exactly as the ATS spells it.")

    @field_validator("token")
    @classmethod
    def _safe_token(cls, v: str) -> str:
        if not _TOKEN.match(v):
            raise ValueError(f"board token {v!r} may only hold letters, digits, '-' and '_'")
        return v

    @classmethod
    def parse(cls, text: str) -> BoardRef:
        source, sep, token = text.strip().partition(":")
        if not sep or source not in SOURCE_TYPES:
            raise ConfigError(f"board {text!r} must look like SOURCE:TOKEN with SOURCE in {SOURCE_TYPES}")
        try:
            return cls(source_type=source, token=token)  # type: ignore[arg-type]
        except ValueError as exc:
            raise ConfigError(f"board {text!r}: {exc}") from exc

    def __str__(self) -> str:
        return f"{self.source_type}:{self.token}"


class RemoteType(StrEnum):
    onsite = "onsite"
    hybrid = "hybrid"
    remote = "remote"
    unknown = "unknown"


class EmploymentType(StrEnum):
    full_time = "full_time"
    part_time = "part_time"
    contract = "contract"
    internship = "internship"
    temporary = "temporary"
    unknown = "unknown"


class Seniority(StrEnum):
    intern = "intern"
    junior = "junior"
    mid = "mid"
    senior = "senior"
    staff = "staff"
    principal = "principal"
    manager = "manager"
    director = "director"
    vp = "vp"
    cxo = "cxo"
    unknown = "unknown"


class StructuredFields(BaseModel):
    """Values the ATS states as data (not prose); they win over anything read from text."""

    workplace_type: str | None = None
    employment_type: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_interval: str | None = None
    country: str | None = None


class Job(BaseModel):
    """One posting, normalized from any ATS; identity is (source type, board token, ATS job id)."""

    source_type: SourceType
    board_token: str
    ats_job_id: str
    title: str
    company: str
    locations: list[str] = Field(default_factory=list)
    department: str | None = None
    url: str | None = None
    apply_url: str | None = None
    posted_at: datetime | None = None
    updated_at: datetime | None = None
    description_html: str = ""
    description_text: str = ""
    structured: StructuredFields = Field(default_factory=StructuredFields)
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Every other field the ATS sent for the posting, as sent."
    )
    content_hash: str = Field(
        description="sha256 of the normalized fields above; changes mean a new version."
    )

    @property
    def job_uid(self) -> str:
        return f"{self.source_type}:{self.board_token}:{self.ats_job_id}"


class FieldSource(StrEnum):
    """Which tier produced a value."""

    ats = "ats"
    rules = "rules"
    ollama = "ollama"
    openai = "openai"
