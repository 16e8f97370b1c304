"""Employment type from the ATS value, the title and the text, in English, French, German, Spanish, Polish,
Portuguese, Italian and Dutch (tests/gold/README.md, "employment_type").

An internship or a fixed-term engagement stated in the title or body beats the ATS's "Full-time" (ATSs offer
few values and boards pick the nearest); an internship that is also fixed-term stays an internship.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields import textscan
from schemas.job import EmploymentType, FieldSource, Job

_INTERN = (
    r"\b(?:intern|interns|internship|co-op|apprentice|apprenticeship|trainee|werkstudent(?:in)?|working student|"
    r"praktikant(?:in)?|praktikum|stagiaire|alternance|alternant|becari[oa]|pr[áa]cticas|staż|stażysta|praktyk[ai]|"
    r"auszubildende[rn]?|azubi|ausbildung|estágio|estagiári[oa]|tirocinio|tirocinante|stagista|stagiair)\b"
)
# In the body only phrases that state this posting is one (a CV line "internships, co-ops" is not).
_INTERN_TEXT = (
    r"\b(?:this (?:is an? )?(?:paid )?internship|internship (?:program|position|role)|summer intern(?:ship)?|"
    r"paid internship(?! experience)|internship (?:for|in|during) (?:the )?(?:summer|fall|autumn|spring|winter)|"
    r"werkstudent(?:in)?|working student position|stage de fin d.études|contrat d.apprentissage|"
    r"oferta (?:de )?pr[áa]cticas|program stażowy|oferta stażu|(?:contrat )?en alternance|ausbildung zu[mr]|"
    r"duales studium|programa de estágio|tirocinio|stage (?:de |d.une durée de )?\d{1,2} mois|"
    r"this is an? (?:paid )?(?:co-op|apprenticeship)(?: (?:position|role|placement|term|program|programme))?|"
    r"(?:co-op|apprenticeship) (?:position|role|placement)|alternance (?:de |d.une durée de )?\d{1,2} mois)\b"
)
_TEMPORARY = (
    r"\b(?:fixed[- ]term|temporary|temp|seasonal|maternity cover|parental (?:leave )?cover|"
    r"\d{1,2}[- ](?:month|week)s? (?:contract(?![- ]to[- ]hire)|assignment|position|role|fixed|program|programme|"
    r"fellowship)|"
    r"(?:will run|runs|lasts?) for \d{1,2} (?:weeks|months)|"
    # not "CDD" paired with other due-diligence checks ("CIP/CDD", "CDD/EDD", "(CDD)")
    r"cdd(?<!/cdd)(?![/)]|\s*/)|contrat à durée déterminée|befristet(?:e[rn]?)?|zeitlich begrenzt|"
    r"na czas określony|na zastępstwo|contrato temporal|duración determinada|interinidad|intérim|interim|"
    r"tempo determinato|contratto a termine|tijdelijke? (?:contract|functie|baan)|prazo determinado)\b"
)
_CONTRACT = (
    r"\b(?:contract(?<!smart contract)(?!s?\s+(?:manag|counsel|admin|special|analy|negoti|attorn|lawy|paraleg|review|lead|operat|"
    r"associate|coordinat|officer|drafting))|contractor|freelance|freelancer|independent contractor|b2b|1099|"
    r"freiberufler(?:in)?|auftragnehmer|autónomo|umowa b2b|kontrakt|umowa zlecenie|prestataire|portage salarial|"
    r"contract[- ]to[- ]hire|umowa o dzieło|pessoa jurídica|partita iva|zzp(?:er)?)\b"
)
_TEMPORARY_TEXT = (
    r"\b(?:fixed[- ]term|(?:temporary|seasonal) (?:role|position|contract|assignment|employment|basis|job)|"
    r"temp[- ]to[- ](?:perm|permanent|hire)|"
    r"maternity cover|parental (?:leave )?cover|"
    r"\d{1,2}[- ](?:month|week)s? (?:contract(?![- ]to[- ]hire)|assignment|position|role|fixed|program|programme|"
    r"fellowship)|"
    r"(?:will run|runs|lasts?) for \d{1,2} (?:weeks|months)|"
    # not "CDD" paired with other due-diligence checks ("CIP/CDD", "CDD/EDD", "(CDD)")
    r"cdd(?<!/cdd)(?![/)]|\s*/)|contrat à durée déterminée|befristet(?:e[rn]?)?|zeitlich begrenzt|"
    r"na czas określony|na zastępstwo|contrato temporal|duración determinada|interinidad|zeitarbeit|"
    r"arbeitnehmerüberlassung|locum(?: tenens)? (?:role|position|post|assignment|cover|basis))\b"
)
_TEMPORARY_TEXT_MORE = (
    r"\b(?:(?:mission|contrat) d.intérim|interim (?:role|position|assignment|contract)|"
    r"tempo determinato|contratto a termine|tijdelijke? (?:contract|functie|baan)|prazo determinado)\b"
)
_CONTRACT_TEXT = (
    r"\b(?:contract|contractor|freelance) (?:role|position|basis|assignment|engagement)|\bb2b (?:contract|basis)|"
    r"\bumowa b2b|\bindependent contractor\b|\bfreelance\b|\bcontract[- ]to[- ]hire\b|"
    r"\b(?:w-?2|c2c|corp[- ]to[- ]corp) (?:contract|basis|role|position)\b"
)
_CONTRACT_TEXT_MORE = (
    r"\bumowa (?:zlecenie|o dzieło)|\bcontratação pj\b|\bpessoa jurídica\b|\bpartita iva\b|\bzzp(?:er)?\b"
)
_PART = (
    r"\b(?:part[- ]?time|teilzeit|temps partiel|media jornada|tiempo parcial|niepełny etat|pół etatu|deeltijd|"
    r"tempo parziale|meio período|tempo parcial)\b"
)
_PART_TEXT = (
    r"\bpart[- ]time (?:role|position|job|basis|employment)|\bteilzeit\b|\btemps partiel\b|\bniepełny etat|"
    r"\bparttime\b|\bminijob\b|\b0?[.,][1-9]\d? fte\b|\b(?:pensum|arbeitspensum):? (?:[1-8]\d|[1-9]) ?%|"
    # a working week well short of full time: "Part-time, 20 hours per week", "work 15-25 hours a week" (not
    # a duty's share: "spend 10 hours a week on reviews")
    r"(?:\b(?:part[- ]time|work|working|schedule|availability|available|commitment|up to|hourly)\b[^.\n\d]{0,20}|"
    r"(?<![^\n])[-•*\s]*)"  # or the line's first words: "- 20 h/week"
    r"(?<![\d.,])(?:[1-9]|[12]\d|30)(?:\s?[-–]\s?(?:[1-9]|[12]\d|30))? ?(?:hours?|hrs?|h)(?: per| a| each| ?/) ?"
    r"(?:week|wk)\b"
)
_PART_TEXT_MORE = (
    r"\bdeeltijd|\btempo parziale|\bmeio período|\btempo parcial|\btiempo parcial|\bmedia jornada"
)
_FULL = (
    r"\b(?:full[- ]?time|fulltime|permanent|regular|pełny etat|pełen etat|vollzeit|unbefristet(?:e[rn]?)?|"
    r"temps plein|cdi|tiempo completo|jornada completa|indefinido|umowa o pracę|clt|tempo pieno|"
    r"tempo indeterminato|tempo integral|vast dienstverband|vaste aanstelling)\b"
)
_FULL_TEXT = (
    # not experience asked ("8+ years of full-time software development experience")
    r"\bfull[- ]?time\b(?!(?: (?!role|position|job|opportunit)[\w-]+){0,3} experience\b)|"
    r"\bpermanent (?:role|position|contract)|\bvollzeit\b|\bunbefristet|\bpełny etat|"
    r"\bcdi\b|\btemps plein|\bjornada completa|\bumowa o pracę|\b(?:employment|contract|job) type:? permanent\b|"
    r"\bcontrato indefinido\b|\btiempo completo\b"
)
# A full working week stated in hours: "40 hours per week", "Hours: 37.5 per week".
_FULL_HOURS = (
    r"\b(?:3[5-9]|4[0-5])(?:[.,]5)?(?:\s?[-–]\s?(?:3[5-9]|4[0-5])(?:[.,]5)?)? ?(?:hours?|hrs?|h)(?: per| a| each| ?/) ?"
    r"(?:week|wk)\b|\bhours:? (?:3[5-9]|4[0-5])(?:[.,]5)? (?:per|a) week\b"
)
_FULL_TEXT_MORE = (
    r"\b(?:regime|contrata[çc][ãa]o|vaga|modelo)[\w :]{0,20}clt\b|\(clt\)|\btempo pieno|\btempo indeterminato|"
    r"\btempo integral|\bvast dienstverband|\bvaste aanstelling"
)
# The type written as a labelled field in the body ("Job type: Part-time", "Employment Type: Contract"): read
# like the ATS's own value, whose place it takes on boards that leave that value empty.
_LABELLED = re.compile(r"\b(?:employment|job|position|contract|work|role|engagement) type ?: ?([^\n]{1,60})")
_TITLE = [
    (EmploymentType.internship, re.compile(_INTERN)),
    (EmploymentType.temporary, re.compile(_TEMPORARY)),
    (EmploymentType.contract, re.compile(_CONTRACT)),
    (EmploymentType.part_time, re.compile(_PART)),
    (EmploymentType.full_time, re.compile(_FULL)),
]
_TITLE_BY_KIND = dict(_TITLE)
# Body patterns with words they cannot match without: substring tests skip most regex scans of long texts.
_STRONG_TEXT = [  # body statements that beat the ATS value
    (
        EmploymentType.internship,
        ("intern", "werkstudent", "working student", "stage", "apprentissage", "cticas", "staż", "stażow",
         "alternance", "ausbildung", "duales", "estágio", "tirocinio", "co-op", "apprenticeship"),
        re.compile(_INTERN_TEXT),
    ),
    (
        EmploymentType.temporary,
        ("fixed", "temporary", "temp-to", "temp to", "seasonal", "cover", "month", "week", "cdd", "déterminée",
         "befrist", "begrenzt", "określony", "zastępstwo", "temporal", "determinada", "interinidad", "zeitarbeit",
         "überlassung", "locum"),
        re.compile(_TEMPORARY_TEXT),
    ),
    (
        EmploymentType.temporary,
        ("interim", "intérim", "determinato", "a termine", "tijdelijk", "prazo"),
        re.compile(_TEMPORARY_TEXT_MORE),
    ),
]  # fmt: skip
_WEAK_TEXT = [  # body statements used when nothing else says
    (
        EmploymentType.contract,
        ("contract", "freelance", "b2b", "w2", "w-2", "c2c", "corp"),
        re.compile(_CONTRACT_TEXT),
    ),
    (EmploymentType.contract, ("umowa", "pj", "jurídica", "partita", "zzp"), re.compile(_CONTRACT_TEXT_MORE)),
    (
        EmploymentType.part_time,
        # what every match of the pattern holds: "part" alone would send it over every line naming a partner
        # or a department
        (
            "part-time",
            "part time",
            "parttime",
            "teilzeit",
            "partiel",
            "niepełny",
            "minijob",
            " fte",
            "pensum",
            "week",
            "wk",
        ),
        re.compile(_PART_TEXT),
    ),
    (
        EmploymentType.part_time,
        ("deeltijd", "parziale", "período", "parcial", "media jornada"),
        re.compile(_PART_TEXT_MORE),
    ),
    (
        EmploymentType.full_time,
        (
            "full",
            "permanent",
            "vollzeit",
            "unbefristet",
            "pełny",
            "cdi",
            "plein",
            "completa",
            "umowa o pracę",
            "indefinido",
            "completo",
        ),
        re.compile(_FULL_TEXT),
    ),
    (EmploymentType.full_time, ("week", "wk"), re.compile(_FULL_HOURS)),  # "40 hr/week", "37.5 hours per wk"
    (
        EmploymentType.full_time,
        ("clt", "tempo pieno", "indeterminato", "tempo integral", "vast dienst", "vaste aanst"),
        re.compile(_FULL_TEXT_MORE),
    ),
]
_LABEL_HINTS = ("type:", "type :")
# Every hint list the body rules read (`textscan.Vocabulary`).
HINTS = (_LABEL_HINTS, *(hints for _, hints, _ in _STRONG_TEXT + _WEAK_TEXT))


def names(kind: EmploymentType, lower: str) -> bool:
    """Whether a lower-cased text holds a word of `kind` (the words a title is read by: "internship",
    "befristet", "part-time"): what a model's employment type needs to be kept (`extractors/llm/grounding`)."""
    pattern = _TITLE_BY_KIND.get(kind)
    return pattern is not None and pattern.search(lower) is not None


def ats_value(job: Job) -> EmploymentType | None:
    """The type the ATS's own employment value names, if any."""
    return _first(_TITLE, (job.structured.employment_type or "").lower().replace("_", "-"))


def classify(job: Job, text: textscan.Scanned) -> tuple[EmploymentType, FieldSource] | None:
    """(type, source) of the posting; `text` is the lower-cased text without boilerplate (benefits and EEO
    text name "full-time employees" and "temporary disability"), scanned for `HINTS`."""
    title = job.title.lower()
    ats = ats_value(job) or _labelled(text)
    in_title = _title_type(title)
    if in_title in (EmploymentType.internship, EmploymentType.temporary):
        return in_title, FieldSource.rules
    if ats is EmploymentType.internship:
        return ats, FieldSource.ats
    strong = _first_hinted(_STRONG_TEXT, text)
    if strong is not None and ats is not EmploymentType.part_time:
        return strong, FieldSource.rules
    if ats is not None:
        return ats, FieldSource.ats
    if in_title is not None:
        return in_title, FieldSource.rules
    weak = _first_hinted(_WEAK_TEXT, text)
    return (weak, FieldSource.rules) if weak is not None else None


def _labelled(text: textscan.Scanned) -> EmploymentType | None:
    """The type a body's "... type:" field names, if the text has one."""
    found = text.find(_LABELLED, _LABEL_HINTS)
    return _first(_TITLE, found.group(1)) if found is not None else None


@lru_cache(maxsize=8192)  # a board repeats its titles
def _title_type(title: str) -> EmploymentType | None:
    """The type a lower-cased title's own words name, if any."""
    return _first(_TITLE, title)


def _first(rules: list[tuple[EmploymentType, re.Pattern[str]]], text: str) -> EmploymentType | None:
    if not text:
        return None
    for kind, pattern in rules:
        if pattern.search(text):
            return kind
    return None


def _first_hinted(
    rules: list[tuple[EmploymentType, tuple[str, ...], re.Pattern[str]]], text: textscan.Scanned
) -> EmploymentType | None:
    for kind, hints, pattern in rules:
        if text.find(pattern, hints) is not None:
            return kind
    return None
