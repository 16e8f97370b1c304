"""Tier 0: deterministic rules. ATS structured fields first, then title and text."""

from __future__ import annotations

import re

from extractors.fields import boilerplate, employment, seniority
from extractors.fields import salary as salary_rules
from extractors.fields.locations import posting_place
from schemas.job import FieldSource, Job, RemoteType, RulesExtraction

_HYBRID = re.compile(r"\bhybrid\b")
_REMOTE = re.compile(r"\b(remote|work from home|wfh|distributed|anywhere)\b")
_ONSITE_TEXT = re.compile(
    r"\b(on[- ]?site|in[- ]office|in the office|in-person|in person)\b(?![- ]?(?:or|and)\s+remote)",
)
_NOT_REMOTE = re.compile(r"\b(not (a )?remote|no remote|non-remote)\b")


def extract(job: Job, salary: bool = True, body: str | None = None) -> RulesExtraction:
    """Everything tier 0 can settle about a posting, with where each value came from; `body` is the text
    without boilerplate when the caller has it already."""
    out = RulesExtraction()
    body = boilerplate.cut(job.description_text) if body is None else body
    _remote(job, out)
    _employment(job, body, out)
    _seniority(job, body, out)
    if salary:  # callers that read the salary themselves skip the second pass
        _salary(job, out)
    if job.structured.country:
        out.country = job.structured.country.upper()
        out.sources["country"] = FieldSource.ats
    return out


def _remote(job: Job, out: RulesExtraction) -> None:
    ats = _remote_word(job.structured.workplace_type or "")
    if ats is not RemoteType.unknown:
        out.remote_type, out.sources["remote_type"] = ats, FieldSource.ats
        return
    where = " ".join(job.locations).lower()
    text = job.description_text.lower()
    title = job.title.lower()
    if _HYBRID.search(where) or _HYBRID.search(title):
        found = RemoteType.hybrid
    elif _NOT_REMOTE.search(text):
        found = RemoteType.onsite
    elif _REMOTE.search(where) or _REMOTE.search(title):
        # A location that says Remote loses to a description that says the work is on-site.
        found = (
            RemoteType.hybrid
            if _HYBRID.search(text)
            else (
                RemoteType.onsite
                if _ONSITE_TEXT.search(text) and not _REMOTE.search(text)
                else RemoteType.remote
            )
        )
    elif _HYBRID.search(text):
        found = RemoteType.hybrid
    elif _REMOTE.search(text) and not _ONSITE_TEXT.search(text):
        found = RemoteType.remote
    elif _ONSITE_TEXT.search(text) or where:
        found = RemoteType.onsite if _ONSITE_TEXT.search(text) else RemoteType.unknown
    else:
        found = RemoteType.unknown
    if found is not RemoteType.unknown:
        out.remote_type, out.sources["remote_type"] = found, FieldSource.rules


def _remote_word(value: str) -> RemoteType:
    v = value.lower().replace("_", "-")
    if "hybrid" in v:
        return RemoteType.hybrid
    if "remote" in v:
        return RemoteType.remote
    if v.replace(" ", "-") in {"on-site", "onsite", "in-office", "office"}:
        return RemoteType.onsite
    return RemoteType.unknown


def _employment(job: Job, body: str, out: RulesExtraction) -> None:
    found = employment.classify(job, body)
    if found is not None:
        out.employment_type, out.sources["employment_type"] = found


def _seniority(job: Job, body: str, out: RulesExtraction) -> None:
    level = seniority.classify(job.title, body)
    if level is not None:
        out.seniority, out.sources["seniority"] = level, FieldSource.rules


def _salary(job: Job, out: RulesExtraction) -> None:
    found, source = salary_rules.for_posting(job, *posting_place(job.locations, job.structured.country))
    if found is None:
        return
    out.salary_min_usd, out.salary_max_usd = found.min_usd, found.max_usd
    out.salary_currency, out.salary_interval = found.currency, found.interval
    out.sources["salary"] = source
