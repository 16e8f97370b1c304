"""Tier 0 over the whole `job_extracted_v1` contract: the base rules plus locations, job function,
years of experience, skills and tools, and the boilerplate spans later tiers leave out."""

from __future__ import annotations

from typing import Any

from extractors.fields import boilerplate, job_function, locations, rules, taxonomy
from extractors.fields import salary as salary_rules
from extractors.fields.seniority import years_of_experience
from schemas.extracted import JobExtracted
from schemas.job import FieldSource, Job

_BASE = {"remote_type": "remote_type", "employment_type": "employment_type", "seniority_level": "seniority"}


def extract_fields(job: Job, tax: taxonomy.Taxonomy | None = None) -> JobExtracted:
    """`job_extracted_v1` as far as rules can fill it; `field_tiers` names the tier of each set field."""
    found = boilerplate.spans(job.description_text)
    body = boilerplate.cut(job.description_text, found)
    base = rules.extract(job, salary=False, body=body)
    values: dict[str, Any] = {
        "source_type": job.source_type,
        "source_key": job.board_token,
        "source_job_id": job.ats_job_id,
        "company_name": job.company or None,
        "role_title": job.title or None,
        "boilerplate": [(s, e) for s, e, _ in found],
    }
    tiers: dict[str, FieldSource] = {"company_name": FieldSource.ats, "role_title": FieldSource.ats}
    for name, key in _BASE.items():
        if key in base.sources:
            values[name], tiers[name] = getattr(base, key), base.sources[key]
    _salary_fields(job, values, tiers)
    _location_fields(job, values, tiers)
    function = job_function.classify(job.title, job.department)
    if function is not None:
        values["job_function"], tiers["job_function"] = function, FieldSource.rules
    years = years_of_experience(body.lower())
    if years is not None:
        values["years_experience_min"], tiers["years_experience_min"] = years, FieldSource.rules
    skills, tools = taxonomy.match(f"{job.title}\n{body}", tax or taxonomy.load())
    skills, tools = _not_own(skills, job), _not_own(tools, job)
    if skills or tools:
        values["skills_raw"], values["tools_raw"] = skills, tools
        tiers["skills_raw"] = tiers["tools_raw"] = FieldSource.rules
    return JobExtracted(**values, field_tiers=tiers)


def _not_own(names: list[str], job: Job) -> list[str]:
    """Without the hiring company's own name and products ("Stripe", "Palantir Foundry" at Palantir): the
    company sells them, the posting does not ask the hire for them."""
    own = {w for w in (_first_word(job.company), _first_word(job.board_token)) if len(w) > 2}
    return [n for n in names if _first_word(n) not in own] if own else names


def _first_word(name: str) -> str:
    words = taxonomy.tokens(name.lower().replace("-", " "))
    return words[0].split(".")[0] if words else ""


def _salary_fields(job: Job, values: dict[str, Any], tiers: dict[str, FieldSource]) -> None:
    found, source = salary_rules.for_posting(
        job, *locations.posting_place(job.locations, job.structured.country)
    )
    if found is None:
        return
    values |= {
        "salary_min_usd": found.min_usd,
        "salary_max_usd": found.max_usd,
        "salary_min_amount": found.min_amount,
        "salary_max_amount": found.max_amount,
        "salary_currency": found.currency,
        "salary_interval": found.interval,
    }
    for name in (
        "salary_min_usd",
        "salary_max_usd",
        "salary_min_amount",
        "salary_max_amount",
        "salary_currency",
        "salary_interval",
    ):
        tiers[name] = source


def _location_fields(job: Job, values: dict[str, Any], tiers: dict[str, FieldSource]) -> None:
    found = locations.parse_locations(job.locations, hint_country=job.structured.country)
    if found:
        values["locations"], tiers["locations"] = found, FieldSource.rules
        for name, value in (("location_city", found[0].city), ("location_state", found[0].state)):
            if value:
                values[name], tiers[name] = value, FieldSource.rules
    country = (job.structured.country or "").upper() or (found[0].country if found else None)
    if country:
        values["location_country"] = country
        tiers["location_country"] = FieldSource.ats if job.structured.country else FieldSource.rules
