"""Tier 0 over the whole `job_extracted_v1` contract: the base rules plus locations, job function,
years of experience, skills and tools, and the boilerplate spans later tiers leave out."""

from __future__ import annotations

import re
from typing import Any

from extractors.fields import boilerplate, job_function, locations, rules, taxonomy
from schemas.extracted import JobExtracted
from schemas.job import FieldSource, Job

_YEARS = re.compile(
    r"(?<![\d.])(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:years|yrs)\b(?=(?P<tail>.{0,80}))"
)


def identity(job: Job) -> tuple[dict[str, Any], dict[str, FieldSource]]:
    """Who posted what: the ATS's own names, with the tier that says so."""
    values: dict[str, Any] = {
        "source_type": job.source_type,
        "source_key": job.board_token,
        "source_job_id": job.ats_job_id,
        "company_name": job.company or None,
        "role_title": job.title or None,
    }
    return values, {"company_name": FieldSource.ats, "role_title": FieldSource.ats}


def stated_fields(job: Job) -> JobExtracted:
    """Only what the ATS states as data: what ingest stores, so the rules run once, at extraction."""
    values, tiers = identity(job)
    rules.stated(job, values, tiers)
    return JobExtracted(**values, field_tiers=tiers)


def extract_fields(job: Job, tax: taxonomy.Taxonomy | None = None) -> JobExtracted:
    """Tier 0: `job_extracted_v1` as far as the ATS and rules fill it; `field_tiers` names each value's tier."""
    values, tiers = identity(job)
    rules.stated(job, values, tiers)
    rules.read(job, values, tiers)
    found = boilerplate.spans(job.description_text)
    body = boilerplate.cut(job.description_text, found)
    values["boilerplate"] = [(s, e) for s, e, _ in found]
    _location_fields(job, values, tiers)
    function = job_function.classify(job.title, job.department)
    if function is not None:
        values["job_function"], tiers["job_function"] = function, FieldSource.rules
    years = years_of_experience(body.lower())
    if years is not None:
        values["years_experience_min"], tiers["years_experience_min"] = years, FieldSource.rules
    skills, tools = taxonomy.match(f"{job.title}\n{body}", tax or taxonomy.load())
    if skills or tools:
        values["skills"], values["tools"] = skills, tools
        tiers["skills"] = tiers["tools"] = FieldSource.rules
    return JobExtracted(**values, field_tiers=tiers)


def years_of_experience(text: str) -> int | None:
    """The smallest 'N+ years ... experience' a lower-cased text asks for."""
    values = [
        int(m.group(1))
        for m in _YEARS.finditer(text)
        if "experience" in m.group("tail") or "experience" in text[max(0, m.start() - 40) : m.start()]
    ]
    values = [v for v in values if 0 < v <= 30]
    return min(values) if values else None


def _location_fields(job: Job, values: dict[str, Any], tiers: dict[str, FieldSource]) -> None:
    found = locations.parse_locations(job.locations, hint_country=job.structured.country)
    if found:
        values["locations"], tiers["locations"] = found, FieldSource.rules
        for name, value in (("location_city", found[0].city), ("location_state", found[0].state)):
            if value:
                values[name], tiers[name] = value, FieldSource.rules
    if "country" not in tiers and found and found[0].country:
        values["country"], tiers["country"] = found[0].country, FieldSource.rules
