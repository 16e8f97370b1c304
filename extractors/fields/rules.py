"""Tier 0 building blocks: what the ATS states as data (`stated`), then title and text rules (`read`).

Both write into one `values`/`tiers` pair keyed by `JobExtracted` field names, which are also the `jobs`
columns: `rules_fields.extract_fields` is the one place that runs them.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.fields import salary as salary_rules
from extractors.fields.salary import Salary
from schemas.job import EmploymentType, FieldSource, Job, RemoteType, Seniority

_SENIORITY = [  # first match wins, so the most specific words come first
    (Seniority.cxo, r"\b(chief|ceo|cto|cfo|coo|cmo|cro|ciso|cpo)\b"),
    (Seniority.vp, r"\b(vp|vice president|svp|evp)\b"),
    (Seniority.director, r"\b(director|head of)\b"),
    (Seniority.principal, r"\b(principal|distinguished|fellow)\b"),
    (Seniority.staff, r"\bstaff\b"),
    (Seniority.intern, r"\b(intern|internship|werkstudent|co-op)\b"),
    (Seniority.manager, r"\b(manager|lead|supervisor)\b"),
    (Seniority.senior, r"\b(senior|sr\.?|iii|iv)\b"),
    (Seniority.junior, r"\b(junior|jr\.?|entry[- ]level|graduate|associate|apprentice)\b"),
    (Seniority.mid, r"\b(ii|mid[- ]level|intermediate)\b"),
]
# Patterns are lower-case and run on lower-cased text: IGNORECASE alternations are many times slower.
_SENIORITY_RE = [(level, re.compile(pattern)) for level, pattern in _SENIORITY]

_EMPLOYMENT = [
    (EmploymentType.internship, r"\b(intern|internship)\b"),
    (EmploymentType.part_time, r"\bpart[- ]?time\b"),
    (EmploymentType.contract, r"\b(contract|contractor|freelance|fixed[- ]term)\b"),
    (EmploymentType.temporary, r"\b(temporary|temp|seasonal)\b"),
    (
        EmploymentType.full_time,
        r"\b(full[- ]?time|permanent|regular|pełny etat|vollzeit|temps plein|tiempo completo)\b",
    ),
]
_EMPLOYMENT_RE = [(kind, re.compile(pattern)) for kind, pattern in _EMPLOYMENT]
# In prose, "contract" is often "commercial contracts": only phrases that state the kind of engagement.
_EMPLOYMENT_TEXT = [
    (EmploymentType.internship, ("intern",), r"\b(internship|intern program|summer intern)"),
    (EmploymentType.part_time, ("part",), r"\bpart[- ]time (?:role|position|job|basis|employment)"),
    (
        EmploymentType.contract,
        ("contract", "freelance", "fixed"),
        r"\b(?:contract|contractor|freelance|fixed[- ]term) (?:role|position|basis|assignment|engagement)|\bb2b contract",
    ),
    (
        EmploymentType.temporary,
        ("temporary", "seasonal"),
        r"\b(?:temporary|seasonal) (?:role|position|assignment)",
    ),
    (
        EmploymentType.full_time,
        ("full", "permanent"),
        r"\bfull[- ]?time\b|\bpermanent (?:role|position|contract)",
    ),
]
# Each pattern with words it cannot match without: a substring test skips most of a long text's regex scans.
_EMPLOYMENT_TEXT_RE = [(kind, hints, re.compile(pattern)) for kind, hints, pattern in _EMPLOYMENT_TEXT]

_HYBRID = re.compile(r"\bhybrid\b")
_REMOTE = re.compile(r"\b(remote|work from home|wfh|distributed|anywhere)\b")
_ONSITE_TEXT = re.compile(
    r"\b(on[- ]?site|in[- ]office|in the office|in-person|in person)\b(?![- ]?(?:or|and)\s+remote)",
)
_NOT_REMOTE = re.compile(r"\b(not (a )?remote|no remote|non-remote)\b")


Values = dict[str, Any]
Tiers = dict[str, FieldSource]
SALARY_FIELDS = ("salary_min_usd", "salary_max_usd", "salary_currency", "salary_interval")


def stated(job: Job, values: Values, tiers: Tiers) -> None:
    """What the ATS states as data (not prose): it wins over anything read from text, so it goes first."""
    s = job.structured
    remote = _remote_word(s.workplace_type or "")
    if remote is not RemoteType.unknown:
        values["remote_type"], tiers["remote_type"] = remote, FieldSource.ats
    kind = _employment_word(s.employment_type or "")
    if kind is not None:
        values["employment_type"], tiers["employment_type"] = kind, FieldSource.ats
    _salary(
        salary_rules.from_fields(s.salary_min, s.salary_max, s.salary_currency, s.salary_interval),
        FieldSource.ats,
        values,
        tiers,
    )
    if s.country:
        values["country"], tiers["country"] = s.country.upper(), FieldSource.ats


def read(job: Job, values: Values, tiers: Tiers) -> None:
    """Title and text rules for what the ATS left open."""
    if "remote_type" not in tiers:
        found = _remote_text(job)
        if found is not RemoteType.unknown:
            values["remote_type"], tiers["remote_type"] = found, FieldSource.rules
    if "employment_type" not in tiers:
        kind = _employment_text(job)
        if kind is not None:
            values["employment_type"], tiers["employment_type"] = kind, FieldSource.rules
    title = job.title.lower()
    for level, pattern in _SENIORITY_RE:
        if pattern.search(title):
            values["seniority"], tiers["seniority"] = level, FieldSource.rules
            break
    if "salary_min_usd" not in tiers:
        _salary(salary_rules.from_text(job.description_text), FieldSource.rules, values, tiers)


def _remote_text(job: Job) -> RemoteType:
    where = " ".join(job.locations).lower()
    text = job.description_text.lower()
    title = job.title.lower()
    if _HYBRID.search(where) or _HYBRID.search(title):
        return RemoteType.hybrid
    if _NOT_REMOTE.search(text):
        return RemoteType.onsite
    if _REMOTE.search(where) or _REMOTE.search(title):
        # A location that says Remote loses to a description that says the work is on-site.
        if _HYBRID.search(text):
            return RemoteType.hybrid
        if _ONSITE_TEXT.search(text) and not _REMOTE.search(text):
            return RemoteType.onsite
        return RemoteType.remote
    if _HYBRID.search(text):
        return RemoteType.hybrid
    if _REMOTE.search(text) and not _ONSITE_TEXT.search(text):
        return RemoteType.remote
    if _ONSITE_TEXT.search(text):
        return RemoteType.onsite
    return RemoteType.unknown


def _remote_word(value: str) -> RemoteType:
    v = value.lower().replace("_", "-")
    if "hybrid" in v:
        return RemoteType.hybrid
    if "remote" in v:
        return RemoteType.remote
    if v.replace(" ", "-") in {"on-site", "onsite", "in-office", "office"}:
        return RemoteType.onsite
    return RemoteType.unknown


def _employment_word(text: str) -> EmploymentType | None:
    lowered = text.lower()
    for kind, pattern in _EMPLOYMENT_RE:
        if pattern.search(lowered):
            return kind
    return None


def _employment_text(job: Job) -> EmploymentType | None:
    kind = _employment_word(job.title)
    if kind is not None:
        return kind
    head = job.description_text[:3000].lower()
    for kind, hints, pattern in _EMPLOYMENT_TEXT_RE:
        if any(h in head for h in hints) and pattern.search(head):
            return kind
    return None


def _salary(found: Salary | None, source: FieldSource, values: Values, tiers: Tiers) -> None:
    if found is None or found.min_usd is None:
        return
    values |= {
        "salary_min_usd": found.min_usd,
        "salary_max_usd": found.max_usd,
        "salary_min_amount": found.min_amount,
        "salary_max_amount": found.max_amount,
        "salary_currency": found.currency,
        "salary_interval": found.interval,
    }
    for name in SALARY_FIELDS:
        tiers[name] = source
