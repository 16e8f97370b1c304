"""Seniority with the gold set's semantics (tests/gold/README.md, "seniority"): the title's level word wins;
people managers are `manager`; with no level word the experience asked decides (0-1 years junior, 2-4 mid,
5+ senior); with neither, unknown. Numbered ladders ("Technician 2", "Engineer II") are not level words:
their meaning depends on the company's ladder, so the years decide.
"""

from __future__ import annotations

import re

from extractors.fields import textscan
from schemas.job import Seniority

_TITLE = [  # first match wins, so the most specific words come first; lower-case, run on lower-cased titles
    (Seniority.cxo, r"\b(?:chief|ceo|cto|cfo|coo|cmo|cro|ciso|cpo)\b"),
    (Seniority.vp, r"\b(?:vp|vice president|svp|evp)\b"),
    (Seniority.director, r"\b(?:director|head of|dyrektor|directeur|directrice|leiter(?:in)?)\b"),
    (Seniority.principal, r"\b(?:principal|distinguished|fellow)\b"),
    (Seniority.staff, r"\bstaff\b"),
    (Seniority.intern, r"\b(?:intern|internship|werkstudent(?:in)?|working student|co-op|trainee|stagiaire|praktykant)\b"),
    (Seniority.manager, r"^(?:(?:senior|sr\.?) )?manager\b|\bmanager of\b|\b(?:engineering|software|sales|support|operations|team|"
     r"people|it|security|data|analytics|design|finance|accounting|recruiting|talent|delivery|site|plant|store|"
     r"general|district|regional|area|service|services|customer support|qa|quality) manager\b"),
    (Seniority.senior, r"\b(?:senior|sr\.?|lead|starszy|starsza)\b|\(senior\)"),
    (Seniority.junior, r"\b(?:junior|jr\.?|entry[- ]level|graduate|associate|apprentice|młodszy|młodsza|débutant)\b"),
    (Seniority.mid, r"\b(?:mid[- ]level|intermediate|mid(?![- ]?market))\b"),
]  # fmt: skip
_TITLE_RE = [(level, re.compile(pattern)) for level, pattern in _TITLE]
_LEVEL_WORD = r"(?:junior|jr\.?|mid|senior|sr\.?|staff|principal|lead)"
_LATER_ALTERNATIVE = re.compile(rf"\b({_LEVEL_WORD})\s*(?:/|\bor\b)\s*{_LEVEL_WORD}(?!\w)")
# "Associate" is a level before a role noun ("Associate Engineer"), not in "Associate Director" (caught above)
# nor as the role itself ("Sales Associate"): only when a word follows it.
_ASSOCIATE_ROLE = re.compile(r"\bassociate\s+\w")
_NOT_PEOPLE_MANAGER = re.compile(
    r"business development manager|account manager|product manager|program manager"
)
_MANAGES_PEOPLE = re.compile(
    r"\b(?:lead|manage|build and lead|grow and lead|hire and lead|lead and grow)\s+(?:a|the|our)\s+"
    r"(?:team|group)\s+of\s+\d+|\bdirect reports\b|\bpeople manager\b|\bmanage (?:a )?team of"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "fifteen": 15, "jeden": 1, "dwa": 2, "trzy": 3, "zwei": 2, "drei": 3, "fünf": 5,
}  # fmt: skip
_NUM = rf"(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})"
# The unit is found first (one cheap scan), then the number right before it.
_UNIT = re.compile(r"\b(?:years?|yrs|jahren?|lat|ans|años)\b")
_UNIT_HINTS = ("year", "yrs", "jahr", " lat", " ans", "años")
_NUMBER_BEFORE = re.compile(
    rf"(?<![\d.]){_NUM}\s*\+?\s*(?:(?:-|–|to)\s*\d{{1,2}}\s*\+?\s*)?(?:\(\d{{1,2}}\)\s*)?$"
)
_EXPERIENCE = ("experience", "erfahrung", "doświadczeni", "expérience", "experiencia")
_NOT_REQUIRED = re.compile(r"nice to have|bonus points|preferred qualifications|a plus")


def from_title(title: str) -> Seniority | None:
    """The level a title's own words state, or None. Alternatives ("Senior / Staff Engineer") are read as
    their first: the lowest level the posting hires at."""
    title = _LATER_ALTERNATIVE.sub(r"\1", title.lower())
    for level, pattern in _TITLE_RE:
        if not pattern.search(title):
            continue
        if level is Seniority.manager and _NOT_PEOPLE_MANAGER.search(title):
            continue
        if (
            level is Seniority.junior
            and not _junior_without_associate(title)
            and not _ASSOCIATE_ROLE.search(title)
        ):
            continue
        return level
    return None


def from_years(years: int | None) -> Seniority | None:
    if years is None:
        return None
    return Seniority.junior if years <= 1 else Seniority.mid if years <= 4 else Seniority.senior


def classify(title: str, lower_body: str, years: int | None) -> Seniority | None:
    """Title first, then a people-manager statement, then the years asked (`years_of_experience` of the
    lower-cased body); None when nothing says."""
    level = from_title(title)
    if level is not None:
        return level
    if "direct reports" in lower_body or textscan.find(_MANAGES_PEOPLE, ("team", "group"), lower_body):
        return Seniority.manager
    return from_years(years)


def years_of_experience(text: str) -> int | None:
    """The smallest 'N+ years ... experience' a lower-cased text asks for (not in a nice-to-have line)."""
    values = []
    units = (
        u for start, end in textscan.lines_with(_UNIT_HINTS, text) for u in _UNIT.finditer(text, start, end)
    )
    for unit in units:
        number = _NUMBER_BEFORE.search(text, max(0, unit.start() - 30), unit.start())
        if number is None:
            continue
        tail = text[unit.end() : unit.end() + 80]
        before = text[max(0, number.start() - 40) : number.start()]
        if not any(w in tail or w in before for w in _EXPERIENCE):
            continue
        line = text[text.rfind("\n", 0, number.start()) + 1 : number.start()]
        if _NOT_REQUIRED.search(line) or "degree" in tail[:12]:
            continue
        raw = number.group(1)
        values.append(int(raw) if raw.isdigit() else _NUMBER_WORDS[raw])
    values = [v for v in values if 0 <= v <= 30]
    return min(values) if values else None


def _junior_without_associate(title: str) -> bool:
    return bool(re.search(r"\b(?:junior|jr\.?|entry[- ]level|graduate|apprentice|młodszy|młodsza)\b", title))
