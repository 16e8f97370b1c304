"""`job_extracted_v1`: the fields every posting leaves extraction with.

The models are the prompt: class docstrings and field descriptions are what the LLM tiers read (they go
into the JSON schema sent as `format` / `response_model`), and the validators are the invariants a model
answer must hold before anything is stored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from schemas.job import EmploymentType, FieldSource, Job, RemoteType, Seniority

SCHEMA_VERSION = "job_extracted_v1"
SUMMARY_MAX_WORDS = 60
# Fields that are also `jobs` columns and search-document fields under the same name; `field_sources`
# holds the tier of each one that is set. Parsed `locations` land in the `cities`/`regions`/`countries`
# columns instead (the `locations` column keeps the ATS's own strings).
JOB_COLUMNS = (
    "remote_type",
    "employment_type",
    "seniority",
    "salary_min_usd",
    "salary_max_usd",
    "salary_currency",
    "salary_interval",
    "country",
    "job_function",
    "summary",
    "skills",
    "tools",
    "years_experience_min",
)


class JobFunction(StrEnum):
    sales = "sales"
    sales_ops = "sales_ops"
    revops = "revops"
    marketing = "marketing"
    product_marketing = "product_marketing"
    customer_success = "customer_success"
    solutions_engineering = "solutions_engineering"
    gtm_engineering = "gtm_engineering"
    finance = "finance"
    hr = "hr"
    engineering = "engineering"
    data = "data"
    security = "security"
    it = "it"
    legal = "legal"
    operations = "operations"
    design = "design"
    product = "product"
    research = "research"
    other = "other"


class Location(BaseModel):
    """One place the job can be done from; a posting may list several."""

    city: str | None = Field(None, description="City name as written, e.g. 'San Francisco'.")
    state: str | None = Field(None, description="State or region code or name, e.g. 'CA'.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country code, e.g. 'US'.")

    @field_validator("country")
    @classmethod
    def _iso2(cls, v: str | None) -> str | None:
        if v is not None and (len(v) != 2 or not v.isalpha()):
            raise ValueError(f"country must be an ISO 3166-1 alpha-2 code, got {v!r}")
        return v.upper() if v else v


class Highlight(BaseModel):
    """A span quoted verbatim from the posting text, with its character offsets in that text."""

    label: str = Field(description="Short label: requirement, responsibility, perk, compensation, ...")
    text: str = Field(description="The exact quoted span, copied character for character.")
    start_char: int = Field(ge=0, description="Offset of the first character of the span in the text.")
    end_char: int = Field(ge=0, description="Offset one past the last character of the span.")

    @model_validator(mode="after")
    def _offsets(self, info: ValidationInfo) -> Highlight:
        if self.end_char <= self.start_char:
            raise ValueError(f"highlight end_char {self.end_char} must be after start_char {self.start_char}")
        text = (info.context or {}).get("text") if info else None
        if text is not None:
            if self.end_char > len(text):
                raise ValueError(f"highlight ends at {self.end_char}, past the text's {len(text)} characters")
            if text[self.start_char : self.end_char] != self.text:
                raise ValueError(
                    f"highlight [{self.start_char}:{self.end_char}] does not quote {self.text[:40]!r} verbatim"
                )
        return self


class ExtractedFields(BaseModel):
    """What is known about one job posting. Use null, 'unknown' or [] when the posting does not say;
    never guess. Quote highlights verbatim with exact character offsets."""

    model_config = ConfigDict(use_enum_values=False)

    seniority: Seniority = Field(Seniority.unknown, description="Level of the role, mostly from the title.")
    job_function: JobFunction = Field(
        JobFunction.other, description="The team the hire works in, from title and department."
    )
    location_city: str | None = Field(None, description="City of the first listed location.")
    location_state: str | None = Field(None, description="State or region of the first location.")
    country: str | None = Field(None, description="ISO alpha-2 country of the first location.")
    locations: list[Location] = Field(default_factory=list, description="Every listed location.")
    remote_type: RemoteType = Field(
        RemoteType.unknown,
        description="onsite, hybrid or remote as the text states it; a Remote location with on-site text is onsite.",
    )
    employment_type: EmploymentType = Field(EmploymentType.unknown, description="Contract kind.")
    salary_min_usd: int | None = Field(None, ge=0, description="Lowest annual base pay in USD.")
    salary_max_usd: int | None = Field(None, ge=0, description="Highest annual base pay in USD.")
    salary_currency: str | None = Field(None, description="Currency as stated (ISO 4217), e.g. 'EUR'.")
    salary_interval: str | None = Field(None, description="Pay interval as stated: year, month, hour, ...")
    salary_min_amount: float | None = Field(None, ge=0, description="Lowest pay in the stated currency.")
    salary_max_amount: float | None = Field(None, ge=0, description="Highest pay in the stated currency.")
    years_experience_min: int | None = Field(
        None, ge=0, le=40, description="Minimum years of experience asked for."
    )
    summary: str | None = Field(
        None, description=f"What the hire will do, in at most {SUMMARY_MAX_WORDS} words, plain prose."
    )
    key_functions_hired_for: list[str] = Field(
        default_factory=list, description="Up to 5 short phrases: the main responsibilities."
    )
    skills: list[str] = Field(
        default_factory=list, description="Skills asked for (languages, methods), as named in the text."
    )
    tools: list[str] = Field(
        default_factory=list, description="Named products and tools (Salesforce, Snowflake, Figma, ...)."
    )
    highlights: list[Highlight] = Field(default_factory=list, description="Up to 5 verbatim spans.")
    confidence: float = Field(0.0, ge=0.0, le=1.0, description="How sure you are of the whole answer, 0-1.")
    needs_tier2: bool = Field(False, description="True when the text is too unclear to extract well.")

    @field_validator("summary")
    @classmethod
    def _summary_words(cls, v: str | None) -> str | None:
        if v is not None:
            v = v.strip() or None
        if v is not None and len(v.split()) > SUMMARY_MAX_WORDS:
            raise ValueError(f"summary has {len(v.split())} words, the limit is {SUMMARY_MAX_WORDS}")
        return v

    @field_validator("country", "salary_currency")
    @classmethod
    def _upper_code(cls, v: str | None, info: ValidationInfo) -> str | None:
        size = 2 if info.field_name == "country" else 3
        if v is not None and (len(v) != size or not v.isalpha()):
            raise ValueError(f"{info.field_name} must be a {size}-letter code, got {v!r}")
        return v.upper() if v else v

    @model_validator(mode="after")
    def _salary_order(self) -> ExtractedFields:
        for lo, hi in (
            (self.salary_min_usd, self.salary_max_usd),
            (self.salary_min_amount, self.salary_max_amount),
        ):
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"salary minimum {lo} is above the maximum {hi}")
        return self


class JobExtracted(ExtractedFields):
    """`job_extracted_v1`: one posting's extraction, with the tier that produced each field."""

    source_type: str
    source_key: str = Field(description="Board token / site name.")
    source_job_id: str
    company_name: str | None = Field(None, description="Hiring company.")
    company_domain: str | None = Field(None, description="Company web domain, when known.")
    role_title: str | None = Field(None, description="Job title as posted.")
    field_tiers: dict[str, FieldSource] = Field(
        default_factory=dict, description="Per field: the tier (ats, rules, ollama, openai) that set it."
    )
    boilerplate: list[tuple[int, int]] = Field(
        default_factory=list, description="Character spans of EEO, benefits and privacy sections."
    )
    escalation_reasons: list[str] = Field(default_factory=list)
    failed_tiers: list[str] = Field(default_factory=list, description="LLM tiers whose answer was refused.")
    prompt_version: str | None = None
    model: str | None = None

    def json_line(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"boilerplate"})


class PostingAnswer(ExtractedFields):
    """The LLM's answer for one posting of a batch; `id` repeats the posting's id from the input."""

    id: str = Field(description="The id of the posting this answer is for, copied from the input.")


class BatchAnswer(BaseModel):
    """Answers for every posting of the batch, one per input posting, in input order."""

    postings: list[PostingAnswer]


class JobRecord(BaseModel):
    """A job plus what is known about it: the unit the loader writes."""

    job: Job
    extraction: JobExtracted
