"""Tier 0 over the whole `job_extracted_v1` contract: the base rules plus locations, job function,
years of experience, skills and tools, and the boilerplate spans later tiers leave out."""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from typing import Any

from extractors.fields import boilerplate, job_function, locations, rules, skill_context, taxonomy
from extractors.fields.seniority import years_of_experience

__all__ = ["extract_batch", "extract_fields", "stated_fields", "years_of_experience"]
from schemas.extracted import JobExtracted
from schemas.job import FieldSource, Job

_TITLE_QUALIFIER = re.compile(r",\s|\s\|\s")
# The word after the company's own name that names one of its products: capitalised, right after a space.
_PRODUCT_WORD = re.compile(r" ([A-Z][\w-]*)")
_DISCIPLINES = {
    "analyst": "analysis",
    "engineer": "engineering",
    "designer": "design",
    "manager": "management",
}
_ROLE_NOUN = re.compile(r"\b(?:analyst|engineer|designer|manager)\b", re.IGNORECASE)
# A general skill in a posting of one function names that function's form of it: a lawyer negotiates
# contracts, a seller forecasts the pipeline. Per function: (general name, the function's form, a cue that
# names the form even where the general name is not matched: "keep an accurate forecast", with the word it
# cannot match without, so that most postings are not searched).
_FUNCTION_SENSES: dict[str, list[tuple[str, str, re.Pattern[str] | None, str]]] = {
    "legal": [("Negotiation", "Contract negotiation", None, "")],
    "sales": [
        ("Forecasting", "Sales forecasting", re.compile(r"\bforecast", re.IGNORECASE), "forecast"),
        # a seller's pipeline is a pipeline of deals: "generate a strong pipeline", "build and own the APAC pipeline"
        (
            "Pipeline management",
            "Pipeline management",
            re.compile(
                r"\b(?:generat|build|own|grow|manag|develop)\w*(?: and own)? (?:a |the |your |their )?"
                r"(?:[\w-]+ ){0,2}?pipeline\b(?!s)",
                re.IGNORECASE,
            ),
            "pipeline",
        ),
    ],
}


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


def extract_batch(jobs: Sequence[Job], tax: taxonomy.Taxonomy | None = None) -> list[JobExtracted]:
    """Tier 0 over a batch of postings, the way the extract stage runs it: `extract_fields` per posting, with
    the cyclic garbage collector off while the batch runs and back as it was after. The rules build no
    reference cycles, yet each of the collector's passes over the older generations walks every posting and
    result alive, which costs about a tenth of the tier's time on a batch of thousands
    (`bench/extract_rules.py`). A batch that found the collector on turns it back on, so batches in several
    threads at once never leave it off."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        tax = tax or taxonomy.load()
        return [extract_fields(job, tax) for job in jobs]
    finally:
        if was_on:
            gc.enable()


def extract_fields(job: Job, tax: taxonomy.Taxonomy | None = None) -> JobExtracted:
    """Tier 0: `job_extracted_v1` as far as the ATS and rules fill it; `field_tiers` names each value's tier."""
    values, tiers = identity(job)
    rules.stated(job, values, tiers)
    found = boilerplate.spans(job.description_text)
    body = boilerplate.cut(job.description_text, found)
    rules.read(job, values, tiers, body)
    values["boilerplate"] = [(s, e) for s, e, _ in found]
    _location_fields(job, values, tiers)
    function = job_function.classify(job.title, job.department)
    if function is not None:
        values["job_function"], tiers["job_function"] = function, FieldSource.rules
    tax = tax or taxonomy.load()
    role, qualifier = _role_words(job.title)
    own = _own_names(job)
    asked = _without_own_products(
        skill_context.without_interests(
            skill_context.without_lone_headings(boilerplate.without_company_lead(body, own))
        ),
        own,
    )
    skills, tools = taxonomy.match(f"{role}\n{_discipline(role)}\n{asked}", tax)
    skills += [s for s in taxonomy.languages(qualifier, tax) if s not in skills]
    skills, tools = _not_own(skills, own), _not_own(tools, own)
    skills = _in_function_sense(skills, function, asked)
    if skills or tools:
        values["skills"], values["tools"] = skills, tools
        tiers["skills"] = tiers["tools"] = FieldSource.rules
    return JobExtracted(**values, field_tiers=tiers)


def _in_function_sense(skills: list[str], function: str | None, asked: str) -> list[str]:
    """The skills with a general name replaced by the form the posting's function gives it."""
    out = list(skills)
    folded = ""
    for general, form, cue, word in _FUNCTION_SENSES.get(function or "", []):
        if general in out:
            out = [form if s == general else s for s in out]
        elif cue is not None and word in (folded := folded or asked.lower()) and cue.search(asked):
            out.append(form)
    return list(dict.fromkeys(out))


def _role_words(title: str) -> tuple[str, str]:
    """(role, qualifier) of a title: what follows ", " or " | " names a segment, team or product line
    ("Account Executive, Bridge (Stripe Crypto)", "Partner Development Representative | Accounting"), not a
    skill the hire is asked for; only a spoken language named there is ("..., Hunter (Japanese Fluency)")."""
    parts = _TITLE_QUALIFIER.split(title, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def _discipline(role: str) -> str:
    """The discipline a role noun names: "Business Analyst" asks for business analysis, "Process Engineer"
    for process engineering, "Account Manager" for account management ("" when the role has no such noun)."""
    found = _ROLE_NOUN.sub(lambda m: _DISCIPLINES[m.group(0).lower()], role)
    return found if found != role else ""


def _not_own(names: list[str], own: set[str]) -> list[str]:
    """Without the hiring company's own name and products ("Stripe", "Palantir Foundry" at Palantir): the
    company sells them, the posting does not ask the hire for them (`own`: `_own_names` of the posting)."""
    if not own or not names:
        return names
    prefixes = tuple(own)
    return [n for n in names if not n.lower().startswith(prefixes) or _first_word(n) not in own]


def _without_own_products(text: str, own: set[str]) -> str:
    """The text with the capitalised word right after the company's own name blanked: "Stripe Tax", "Stripe
    Capital", "Plaid Link" name what the company sells, not a skill asked ("tax", "capital markets"). After
    a possessive the word is the hire's ("Stripe's Ruby codebase") and stays. A product is named after the
    company's name as a name is written, with a capital: the text is searched for that form only."""
    if not own or not text:
        return text
    cuts = []
    for name in own:
        written = name[:1].upper() + name[1:]
        at = text.find(written)
        while at != -1:
            end = at + len(written)
            if (at == 0 or not text[at - 1].isalnum()) and (m := _PRODUCT_WORD.match(text, end)) is not None:
                cuts.append(m.span(1))
            at = text.find(written, end)
    if not cuts:
        return text
    parts, last = [], 0
    for start, end in sorted(cuts):
        parts += [text[last:start], " " * (end - start)]
        last = end
    return "".join([*parts, text[last:]])


def _own_names(job: Job) -> set[str]:
    """The hiring company's name as postings write it first: 'stripe', 'wealth' (of 'Wealth.com')."""
    return {w for w in (_first_word(job.company), _first_word(job.board_token)) if len(w) > 2}


def _first_word(name: str) -> str:
    """'stripe' of 'Stripe, Inc.', 'wealth' of 'wealth-com' or 'Wealth.com'."""
    head = name.lower().replace("-", " ").split(None, 1)
    return head[0].split(".")[0].strip(",;:()") if head else ""


def _location_fields(job: Job, values: dict[str, Any], tiers: dict[str, FieldSource]) -> None:
    found = locations.parse_locations(job.locations, hint_country=job.structured.country)
    if found:
        values["locations"], tiers["locations"] = found, FieldSource.rules
        for name, value in (("location_city", found[0].city), ("location_state", found[0].state)):
            if value:
                values[name], tiers[name] = value, FieldSource.rules
    if "country" not in tiers and found and found[0].country:
        values["country"], tiers["country"] = found[0].country, FieldSource.rules
