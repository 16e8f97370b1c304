"""Seniority with the gold set's semantics (tests/gold/README.md, "seniority"): the title's level word wins;
people managers are `manager`; with no level word the experience asked decides (0-1 years junior, 2-4 mid,
5+ senior); with neither, unknown. Numbered ladders ("Technician 2", "Engineer II") are not level words:
their meaning depends on the company's ladder, so the years decide.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields import textscan
from schemas.job import Seniority

# Junior words other than "associate", which is a level only before a role noun (`_ASSOCIATE_ROLE`).
_JUNIOR_WORDS = r"junior|jr\.?|entry[- ]level|early[- ]career|graduate|new grad|apprentice|młodszy|młodsza|débutant|júnior"
_TITLE = [  # first match wins, so the most specific words come first; lower-case, run on lower-cased titles
    # A chief of staff is no officer, and the officer a role supports is not its level ("Assistant to the CEO").
    (Seniority.cxo, r"(?<!to the )(?<!to our )\b(?:chief(?! of staff)|ceo|cto|cfo|coo|cmo|cro|ciso|cpo)\b"),
    (Seniority.vp, r"\b(?:vp|vice president|svp|evp)\b"),
    (Seniority.director, r"\b(?:director|head of|dyrektor|directeur|directrice|leiter(?:in)?)\b"),
    (Seniority.principal, r"\b(?:principal|distinguished|fellow)\b"),
    # "Member of Technical Staff" is a company's generic title; "Chief of Staff" a role, not the level.
    (Seniority.staff, r"(?<!technical )(?<!of )\bstaff\b"),
    (Seniority.intern, r"\b(?:intern|internship|werkstudent(?:in)?|working student|co-op|trainee|stagiaire|praktykant|"
     r"praktikum|praktikant(?:in)?|becari[oa]|staż|stażysta|stażystka|stagista|estágio|estagiári[oa]|tirocinio|"
     r"tirocinante|stagiair|pasante|pr[áa]cticas)\b"),
    (Seniority.manager, r"^(?:(?:senior|sr\.?) )?manager\b|\bmanager of\b|\b(?:engineering|software|sales|support|operations|team|"
     r"people|it|security|data|science|analytics|design|finance|accounting|recruiting|talent|delivery|site|plant|store|"
     r"general|district|regional|area|service|services|customer support|qa|quality) manager\b|\bsupervisor\b|"
     # team leaders and heads in other languages; their project managers are not people managers
     r"\b(?:teamleiter(?:in)?|teamlead(?:er)?|gerente(?! de proyect)|responsable(?! de projet| projet)|"
     r"kierownik(?! projekt)|jef[ea] de (?!proyecto)|chef d.équipe)"),
    (Seniority.senior, r"(?<!semi )(?<!semi-)\b(?:senior|sr\.?|lead|starszy|starsza|sênior|sénior)\b|\(senior\)"),
    (Seniority.junior, rf"\b(?:{_JUNIOR_WORDS}|associate)\b"),
    (Seniority.mid, r"\b(?:mid[- ]level|intermediate|mid(?![- ]?market)|pleno|confirmée?|medior|semi[- ]?senior|ssr|"
     r"regular(?= \w))\b"),
]  # fmt: skip
_TITLE_RE = [(level, re.compile(pattern)) for level, pattern in _TITLE]
_JUNIOR = re.compile(rf"\b(?:{_JUNIOR_WORDS})\b")
_LEVEL_WORD = r"(?:junior|jr\.?|mid|senior|sr\.?|staff|principal|lead)"
_LATER_ALTERNATIVE = re.compile(rf"\b({_LEVEL_WORD})\s*(?:/|\bor\b)\s*{_LEVEL_WORD}(?!\w)")
# "Associate" is a level before a role noun ("Associate Engineer"), not in "Associate Director" (caught above)
# nor as the role itself ("Sales Associate"): only when a word follows it.
_ASSOCIATE_ROLE = re.compile(r"\bassociate\s+\w")
# "Lead" as the only level word of a title ("Team Lead", "Content Lead"), not "Senior ... Lead".
_LEAD_TITLE = re.compile(r"^(?!.*\b(?:senior|sr\.?|staff|principal)\b).*\blead\b")
_NOT_PEOPLE_MANAGER = re.compile(
    r"business development manager|account manager|product manager|program manager"
)
_MANAGES_PEOPLE = re.compile(
    r"\b(?:lead|manage|build and lead|grow and lead|hire and lead|lead and grow)\s+(?:a|the|our)\s+"
    r"(?:team|group)\s+of\s+\d+|\bdirect reports\b|\bpeople manager\b|\bmanage (?:a )?team of|"
    # hiring and leading a team, managing and mentoring one, reviewing its people's performance
    r"\bhir(?:e|es|ing),? (?:and )?(?:lead|leads|leading|manage|manages|managing)\b|"
    r"\b(?:manag|lead)(?:e|es|ing)? and (?:mentor|coach|develop)\w* (?:a|the|your|our) (?:[\w-]+ ){0,3}?team\b|"
    r"\b(?:formal |periodic |regular )*performance reviews\b|"
    # experience of managing people asked: "3 years of direct management experience leading data science teams",
    # "3+ years of managing operational teams"
    r"\b(?:people|direct|line) management experience\b|\byears? of (?:experience )?managing (?:[\w-]+ ){0,2}?teams?\b"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "fifteen": 15, "jeden": 1, "dwa": 2, "trzy": 3, "zwei": 2, "drei": 3, "fünf": 5,
}  # fmt: skip
_NUM = rf"(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})"
# The unit is found first (one cheap scan), then the number right before it.
_UNIT = re.compile(r"\b(?:years?|yrs|jahren?|lata?|ans|años|anos|anni|jaar)\b(?! ago\b)|(?<=\d)\s*(?:년|年)")
_UNIT_HINTS = ("year", "yrs", "jahr", " lat", " ans", "años", "anos", "anni", "jaar", "년", "年")
_TEAM_HINTS = (
    "team", "group", "performance review", "hire", "hiring", "people manager", "direct reports",
    "management experience",
)  # fmt: skip
_NUMBER_BEFORE = re.compile(
    rf"(?<![\d.]){_NUM}\s*\+?\s*(?:(?:-|–|to|à|bis|do|tot|a)\s*\d{{1,2}}\s*\+?\s*)?(?:\(\d{{1,2}}\)\s*)?"
    r"(?:(?:or|and) (?:more|above|over)\s+|plus\s+)?$"  # "7 or more years", "three plus years"
)
_EXPERIENCE = (
    "experience", "erfahrung", "doświadczeni", "expérience", "experiencia", "experiência", "esperienza",
    "ervaring", "경력", "経験", "經驗",
)  # fmt: skip
_NOT_REQUIRED = re.compile(r"nice to have|bonus points|preferred qualifications|a plus")
# A second figure that qualifies a part of the first ("6+ years in customer-facing roles, with at least 2 of
# them managing people"): the requirement is the first figure, not the smaller part.
_PART_OF = re.compile(r"\b(?:with|including|incl\.?|of which|among them|thereof)\b")
# A figure offered in place of a degree ("BA/BS degree (in lieu of degree, 4 years of relevant work experience)",
# "Bachelor's degree or 4 years relevant experience"): the degree's alternative, not the experience asked.
_IN_PLACE_OF_DEGREE = re.compile(r"\bin lieu of\b|\bdegree\b[^.;\n]{0,20}\bor\s*$")
# A heading: a short line that is not a bullet and has no sentence in it ("Preferred qualifications:")
_HEADING = re.compile(r"^[ \t#]*([^\s\-•*·–][^\n.!?]{2,48}?):?[ \t]*$", re.MULTILINE)
_OPTIONAL_HEADING = re.compile(
    r"(?:preferred|desired|bonus|nice[- ]to[- ]haves?|good to have|pluses|extra credit|what we value)\b"
    r"|(?:what would be |it.s |would be )?(?:a )?(?:big )?plus\b"
)
_OPTIONAL_HINTS = (
    "preferred", "desired", "bonus", "nice", "good to have", "plus", "extra credit", "what we value",
)  # fmt: skip
# Every hint list the body rules read (`textscan.Vocabulary`).
HINTS = (_UNIT_HINTS, _TEAM_HINTS, _OPTIONAL_HINTS)
# What may precede the figure of a line that opens with it: a bullet, "minimum", "at least"
_OPENS_LINE = re.compile(r"[\s\-•*·–]*(?:(?:a )?minimum(?: of)?|at least)?\s*")
# A figure the hire is said to have is asked of them ("You have 4+ years building backend systems").
_YOU_HAVE = re.compile(
    r"\byou(?: have| bring| possess|['’]ve got|['’]ve)(?: at least| a minimum of| over| more than)?\s*$"
)


@lru_cache(maxsize=8192)  # a board repeats its titles: ten searches per title, once per title
def from_title(title: str) -> Seniority | None:
    """The level a title's own words state, or None. Alternatives ("Senior / Staff Engineer") are read as
    their first: the lowest level the posting hires at."""
    title = _LATER_ALTERNATIVE.sub(r"\1", title.lower())
    for level, pattern in _TITLE_RE:
        if not pattern.search(title):
            continue
        if level is Seniority.manager and _NOT_PEOPLE_MANAGER.search(title):
            continue
        if level is Seniority.junior and _JUNIOR.search(title) is None and not _ASSOCIATE_ROLE.search(title):
            continue
        return level
    return None


def from_years(years: int | None) -> Seniority | None:
    if years is None:
        return None
    return Seniority.junior if years <= 1 else Seniority.mid if years <= 4 else Seniority.senior


def classify(title: str, lower_body: textscan.Scanned, years: int | None) -> Seniority | None:
    """Title first, then a people-manager statement, then the years asked (`years_of_experience` of the
    lower-cased body, scanned for `HINTS`); None when nothing says."""
    level = from_title(title)
    # a "Team Lead" who manages people: the lead is not an individual-contributor level
    if level is Seniority.senior and _LEAD_TITLE.search(title.lower()) and _manages_people(lower_body):
        return Seniority.manager
    if level is not None:
        return level
    if _manages_people(lower_body):
        return Seniority.manager
    return from_years(years)


def _manages_people(lower_body: textscan.Scanned) -> bool:
    return "direct reports" in lower_body.text or lower_body.find(_MANAGES_PEOPLE, _TEAM_HINTS) is not None


def years_of_experience(lower: str | textscan.Scanned) -> int | None:
    """The years of experience a lower-cased text asks for: the smallest figure of the first requirement
    line that states one (later lines qualify a part of it: "5+ years of recruiting" then "2+ years in
    technical roles"), not in a nice-to-have line. A line counts when it names experience or opens with
    the figure ("4 to 8 years working in SRE", "Minimum 3 years ...")."""
    scanned = lower if isinstance(lower, textscan.Scanned) else textscan.Scanned.plain(lower)
    text = scanned.text
    optional: list[tuple[int, int]] | None = None  # found only once a line states a figure
    for start, end in scanned.lines_with(_UNIT_HINTS):
        values = [v for v in _line_years(text, start, end) if 0 <= v <= 30]
        if not values:
            continue
        optional = _optional_sections(scanned) if optional is None else optional
        if not any(lo <= start < hi for lo, hi in optional):
            return min(values)
    return None


def years_written(lower: str) -> set[int]:
    """Every number of years a lower-cased text writes ("5+ years", "three (3) years", "2-4 yrs", "3 lata"),
    with none of the rules of what a requirement is: what a model's minimum of years needs to be kept."""
    out: set[int] = set()
    for unit in _UNIT.finditer(lower):
        number = _NUMBER_BEFORE.search(lower, max(0, unit.start() - 30), unit.start())
        if number is not None:
            raw = number.group(1)
            out.add(int(raw) if raw.isdigit() else _NUMBER_WORDS[raw])
    return out


def _optional_sections(scanned: textscan.Scanned) -> list[tuple[int, int]]:
    """(start, end) of the sections under a "Preferred qualifications" / "Nice to have" heading, up to the
    next heading: what is listed there is not asked of every hire."""
    if not scanned.holds(_OPTIONAL_HINTS):
        return []
    text = scanned.text
    heads = list(_HEADING.finditer(text))
    return [
        (h.end(), heads[i + 1].start() if i + 1 < len(heads) else len(text))
        for i, h in enumerate(heads)
        if _OPTIONAL_HEADING.match(h.group(1))
    ]


def _line_years(text: str, start: int, end: int) -> list[int]:
    values: list[int] = []
    previous_end = start
    for unit in _UNIT.finditer(text, start, end):
        number = _NUMBER_BEFORE.search(text, max(start, unit.start() - 30), unit.start())
        if number is None:
            continue
        tail = text[unit.end() : min(end, unit.end() + 80)]
        before = text[max(start, number.start() - 40) : number.start()]
        named = any(w in tail or w in before for w in _EXPERIENCE)
        if not (named or _OPENS_LINE.fullmatch(text, start, number.start()) or _YOU_HAVE.search(before)):
            continue
        if _NOT_REQUIRED.search(text, start, number.start()) or "degree" in tail[:12]:
            continue
        if _IN_PLACE_OF_DEGREE.search(before):
            continue
        if values and _PART_OF.search(text, previous_end, number.start()):
            continue
        raw = number.group(1)
        values.append(int(raw) if raw.isdigit() else _NUMBER_WORDS[raw])
        previous_end = unit.end()
    return values
