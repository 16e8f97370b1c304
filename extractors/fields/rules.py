"""Tier 0 building blocks: what the ATS states as data (`stated`), then title and text rules (`read`).

Both write into one `values`/`tiers` pair keyed by `JobExtracted` field names, which are also the `jobs`
columns: `rules_fields.extract_fields` is the one place that runs them. `read` may overrule a stated value
where the gold rules say the text wins (an internship title over an ATS "Full-time", an on-site body under
a "Remote" bucket); the tier then says `rules`, and `remote_evidence` keeps both sides.
"""

from __future__ import annotations

from typing import Any

from extractors.fields import boilerplate, employment, remote, seniority, textscan
from extractors.fields import salary as salary_rules
from extractors.fields.locations import posting_place
from extractors.fields.salary import Salary
from schemas.job import FieldSource, Job

Values = dict[str, Any]
Tiers = dict[str, FieldSource]
# The hint words of every rule that reads the body, found in one pass over it.
_BODY_HINTS = textscan.Vocabulary(*remote.HINTS, *employment.HINTS, *seniority.HINTS)
SALARY_FIELDS = (
    "salary_min_usd",
    "salary_max_usd",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_interval",
)


def stated(job: Job, values: Values, tiers: Tiers) -> None:
    """What the ATS states as data (not prose): it goes first, and text rules may only overrule it where the
    gold rules say so."""
    s = job.structured
    found = remote.ats_value(job)
    if found is not None:
        values["remote_type"], values["remote_evidence"] = found
        tiers["remote_type"] = tiers["remote_evidence"] = FieldSource.ats
    kind = employment.ats_value(job)
    if kind is not None:
        values["employment_type"], tiers["employment_type"] = kind, FieldSource.ats
    country, _ = posting_place(job.locations, s.country)
    pay = salary_rules.from_fields(s.salary_min, s.salary_max, s.salary_currency, s.salary_interval, country)
    if pay is not None and salary_rules.on_target(job.extra.get("salaryDescriptionPlain")):
        pay = None  # Lever's range, by its own note, is on-target earnings (base plus commission)
    _salary(
        pay or salary_rules.from_custom_fields(job.extra.get("customField"), country),
        FieldSource.ats,
        values,
        tiers,
    )
    if s.country:
        values["country"], tiers["country"] = s.country.upper(), FieldSource.ats


def read(job: Job, values: Values, tiers: Tiers, body: str | None = None) -> None:
    """Title and text rules; `body` is the text without boilerplate when the caller has it already."""
    body = boilerplate.cut(job.description_text) if body is None else body
    scanned = _BODY_HINTS.scan(body.lower())
    mode = remote.classify(job, body, scanned)
    if mode is not None:
        values["remote_type"], tiers["remote_type"], values["remote_evidence"] = mode
        tiers["remote_evidence"] = mode[1]
    kind = employment.classify(job, scanned)
    if kind is not None:
        values["employment_type"], tiers["employment_type"] = kind
    years = seniority.years_of_experience(scanned)
    if years is not None:
        values["years_experience_min"], tiers["years_experience_min"] = years, FieldSource.rules
    level = seniority.classify(job.title, scanned, years)
    if level is not None:
        values["seniority"], tiers["seniority"] = level, FieldSource.rules
    if "salary_min" not in tiers:
        country, places = posting_place(job.locations, job.structured.country)
        _salary(
            salary_rules.from_text(job.description_text, country, places), FieldSource.rules, values, tiers
        )


def _salary(found: Salary | None, source: FieldSource, values: Values, tiers: Tiers) -> None:
    """The range as stated, and annual USD derived from it (null when the currency has no rate)."""
    if found is None:
        return
    values |= {
        "salary_min_usd": found.min_usd,
        "salary_max_usd": found.max_usd,
        "salary_min": found.min_amount,
        "salary_max": found.max_amount,
        "salary_currency": found.currency,
        "salary_interval": found.interval,
    }
    for name in SALARY_FIELDS:
        tiers[name] = source
