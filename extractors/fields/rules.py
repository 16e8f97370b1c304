"""Tier 0: deterministic rules. ATS structured fields first, then title and text."""

from __future__ import annotations

import re

from extractors.fields import salary as salary_rules
from extractors.fields.locations import posting_place
from schemas.job import EmploymentType, FieldSource, Job, RemoteType, RulesExtraction, Seniority

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


def extract(job: Job, salary: bool = True) -> RulesExtraction:
    """Everything tier 0 can settle about a posting, with where each value came from."""
    out = RulesExtraction()
    _remote(job, out)
    _employment(job, out)
    _seniority(job, out)
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


def _employment(job: Job, out: RulesExtraction) -> None:
    for source, text in (
        (FieldSource.ats, (job.structured.employment_type or "").lower()),
        (FieldSource.rules, job.title.lower()),
    ):
        for kind, pattern in _EMPLOYMENT_RE:
            if pattern.search(text):
                out.employment_type, out.sources["employment_type"] = kind, source
                return
    head = job.description_text[:3000].lower()
    for kind, hints, pattern in _EMPLOYMENT_TEXT_RE:
        if any(h in head for h in hints) and pattern.search(head):
            out.employment_type, out.sources["employment_type"] = kind, FieldSource.rules
            return


def _seniority(job: Job, out: RulesExtraction) -> None:
    title = job.title.lower()
    for level, pattern in _SENIORITY_RE:
        if pattern.search(title):
            out.seniority, out.sources["seniority"] = level, FieldSource.rules
            return


def _salary(job: Job, out: RulesExtraction) -> None:
    found, source = salary_rules.for_posting(job, *posting_place(job.locations, job.structured.country))
    if found is None:
        return
    out.salary_min_usd, out.salary_max_usd = found.min_usd, found.max_usd
    out.salary_currency, out.salary_interval = found.currency, found.interval
    out.sources["salary"] = source
