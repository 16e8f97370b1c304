"""Whether a skill name found in a text is asked of the hire there: the context rules of skills matching.

A taxonomy alias in the text is not yet a skill: the same words can name a degree ("BS in Electrical
Engineering"), colleagues ("partner with compiler engineers"), an interest ("curious about robotics") or an
ordinary word beside the wrong neighbour. `taxonomy.match` finds the aliases; these rules decide, from the
words around each one, whether it stays.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractors.fields import textscan

if TYPE_CHECKING:
    from collections.abc import Sequence

    from extractors.fields.taxonomy import Entry

# Punctuation between two tokens that no alias contains: the words belong to two list items or two lines.
LIST_BREAK = re.compile(r"[,;()\n|]")
# The words that join the last two items of a list.
CONJUNCTIONS = frozenset(["and", "or"])

# A discipline right after a degree word ("BS in Electrical Engineering") names the degree, and one followed
# by a team word ("with the mechanical engineering team") names colleagues.
_DEGREE_WORDS = frozenset(
    [
        "degree",
        "degrees",
        "bachelor",
        "bachelors",
        "bachelor's",
        "master",
        "masters",
        "master's",
        "bs",
        "ba",
        "bsc",
        "ms",
        "msc",
        "phd",
        "ph.d",
        "b.s",
        "m.s",
        "diploma",
        "major",
        "majors",
    ]
)
_TEAM_WORDS = frozenset(
    ["team", "teams", "department", "departments", "org", "organization", "group", "leaders", "colleagues"]
)
_DEGREE_WINDOW = 10
# A spoken language right before one of these names a market, a clientele or a place, not a language asked of
# the hire ("sell into the German market", "Japanese enterprises"; "Spanish-speaking customers" too, but not
# "German-speaking candidates").
_MARKET_WORDS = frozenset(
    [
        "market", "markets", "customers", "clients", "enterprises", "companies", "businesses", "accounts",
        "region", "regions", "territory", "territories", "subsidiary", "entity", "government", "authorities",
        "law", "tax", "banks", "retailers", "merchants", "partners", "startups", "economy",
    ]
)  # fmt: skip
# Plural people and groups after a skill name colleagues, not the hire's skill ("collaborating with front-end
# developers", "partner with compiler engineers", "our Data Analytics team").
_COLLEAGUE_WORDS = frozenset(
    [
        "engineers",
        "developers",
        "designers",
        "architects",
        "scientists",
        "researchers",
        "analysts",
        "specialists",
        "managers",
        "team",
        "teams",
        "org",
        "organization",
        "organisation",
        "department",
        "departments",
    ]
)
# After a name of several words, "function" is an organisational unit ("the Risk Management function", "a
# deal desk function"); after one word it may be code ("SQL functions").
_UNIT_WORDS = frozenset(["function", "functions"])
# Words of the language that open a few names of several words ("OR-Tools"): such a name is matched as written.
_FUNCTION_WORDS = frozenset(
    ["or", "and", "a", "an", "the", "of", "in", "on", "to", "for", "at", "by", "with", "as"]
)
# A skill right after "<leader> of" names that person's remit ("report to the Head of Data Science", "the
# Director of Sales Operations"), not what the hire is asked for.
_LEADERS = frozenset(["head", "director", "vp", "svp", "evp", "president", "chief"])
# A sentence that lists fields of study: a degree word before the field, or "or a related field" after it.
_STUDY_BEFORE = re.compile(
    r"\b(?:degrees?|bachelor|master|b\.?sc?|m\.?sc?|ph\.?d|diploma|majors?|majoring|"
    r"formal study|stud(?:y|ies|ying) (?:in|of)|fields? (?:such as|like|of study)|disciplines? such as)\b"
)
_STUDY_AFTER = re.compile(
    r"\bor (?:an? |another |other )?(?:closely )?related (?:\w+ )?(?:field|discipline|area|subject)"
)
# A sentence ends at a line break or a stop and a space, but not at the stop of an abbreviation that lists fields
# or degrees ("B.S. / M.S. / Ph.D. in a quantitative field (e.g. Statistics, Mathematics ...").
_SENTENCE_END = re.compile(
    # the abbreviations are checked only where a stop was found: behind it, with the stop
    r"\n|[.;!?](?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bph\.d\.)(?<!\b[bm]\.s\.)(?<!\b[bm]\.a\.)(?<!\betc\.)"
    r"(?<!\bincl\.)(?:\s|$)",
    re.IGNORECASE,
)
# Sentences whose rest names no ask of the hire, each kind with the words it cannot match without (its
# pattern runs, on the lower-cased text, only on the lines that hold one):
# - an interest or a value ("interest in robotics", "we care about customer success and customer service");
# - the company's customers, partners and backers ("customers include Notion and Figma", "trusted by ...");
# - what the job will teach ("the opportunity to learn Rust") or does not ask ("no prior experience with").
_NOT_ASKED = [
    (
        ("interest", "curio", "willing", "eager", "passion", "we care", "care about", "deeply care",
         "we value", "we believe", "culture of", "foster", "commitment to", "excited about", "excited by"),
        r"interest(?:ed)? in|curiosity about|curious about|(?:willingness|eagerness|eager) to learn|"
        r"passionate about|(?:a )?passion for|we (?:deeply )?care (?:deeply )?about|we value|we believe in|"
        r"culture of|foster(?:s|ing)?|commitment to|(?:are |is |be )?excited (?:about|by)",
    ),
    (
        ("includ", "such as", " like", "trusted by", "loved by", "backed by"),
        r"(?:customers|clients|brands|companies|partners|investors|businesses|merchants) (?:include|including|like|"
        r"such as)|(?:platforms|businesses|companies) already using \S+ include|their business,? like|"
        r"(?:trusted|loved|backed) by",
    ),
    (
        ("to learn", "to grow", "ll learn", "will learn", "on the job", "no prior", "no previous",
         "no professional", "no experience", "no knowledge"),
        r"(?:opportunit(?:y|ies)|chances?) to (?:learn|grow)|you(?:'ll|’ll| will) learn|learn (?:\S+ )?on the job|"
        r"no (?:prior |previous |professional )?(?:experience|knowledge) (?:with|in|of|required|needed|necessary)",
    ),
]  # fmt: skip
_NOT_ASKED_RE = [(hints, re.compile(rf"\b(?P<cue>{cue})[^.;!?\n]*")) for hints, cue in _NOT_ASKED]
_NOT_ASKED_VOCABULARY = textscan.Vocabulary(*(hints for hints, _ in _NOT_ASKED))
# A new ask inside the rest of such a sentence ends the cut ("..., and familiarity with Git"); read lower-cased.
_NEW_ASK = re.compile(r"\b(?:familiarity|experience|knowledge|proficiency|expertise) (?:with|in|of)\b")
# A paragraph of one short line (one to three words, no punctuation) that heads a paragraph of another kind:
# a blank line (or the text's start) before it, and after it a paragraph that is not one more short line
# (items written as paragraphs, "Python", "SQL", "Go", stay). A heading starts with a capital: a short
# line in lower case is the rest of a wrapped sentence ("improve CAD infrastructure").
_SHORT_LINE = r"[^\S\n]*\w[\w&/+#'’-]*(?:[^\S\n]+[\w&/+#'’-]+){0,2}[^\S\n]*"
_LONE_HEADING = re.compile(rf"(?=[^\S\n]*[A-Z]){_SHORT_LINE}(?=\n\n(?!{_SHORT_LINE}(?:\n|\Z))\S)")
_HEADING_CHARS = 60  # a heading line is shorter: the pattern runs only on shorter first lines
_NEAR_WINDOW = 8
_LIST_WINDOW = 8
_COLLEAGUE_LIST = re.compile(
    r"(?: [\w-]+)?(?:[ \t]*(?:,|/|&|\band\b|\bor\b)[ \t]*(?:and |or )?[\w-]+(?: [\w-]+)?)*[ \t]+"
    rf"(?:{'|'.join(sorted(_COLLEAGUE_WORDS))})\b",
    re.IGNORECASE,
)
# A discipline right after "work/collaborate/partner with" names the people of that discipline ("collaborate with
# manufacturing and test engineering to integrate"), as it does after a hand-off ("clear handoffs to Customer
# Success", "escalate issues to Engineering"); so does a skill in a list that ends in colleagues.
_COLLABORATE = re.compile(
    r"\b(?:(?:work|works|working|collaborate|collaborates|collaborating|partner|partners|partnering|liaise|liaising)"
    r"(?: closely| directly| cross-functionally)? with|(?:stakeholders|teams|functions|departments) (?:such as|like|"
    r"including)|hand(?:s|ing)? (?:\w+ )?(?:off|over)(?: \w+){0,2} to|"
    r"hand-?offs? to|escalat(?:e|es|ing)(?: \w+){0,2} to|pass(?:es|ing)?(?: \w+){1,3} to|partnership with)"
    r"\b(?:[\w ,/&-](?!\b(?:to|for|on|in)\b))*$",
    re.IGNORECASE,
)


# Names of a company's departments. A skill in a list of them names one more department ("cross-functional
# teams (e.g. Legal, Risk, Marketing, Partnerships)", "with Sales, Finance, and Business Operations"), not
# an ask of the hire.
_DEPARTMENTS = frozenset(
    [
        "sales", "legal", "finance", "marketing", "product", "engineering", "risk", "compliance", "support",
        "operations", "design", "hr", "commercial", "partnerships", "leadership", "security", "analytics",
        "gtm", "recruiting", "policy", "communications", "research", "procurement", "accounting", "tax",
        "treasury", "ops", "bizops", "revops",
    ]
)  # fmt: skip
# Functions of two words, named as departments the same way ("your peers in Product Management, Product Design,
# and Engineering", "functions including Solution Architecture, Customer Success, Renewals").
_DEPARTMENT_PHRASES = frozenset(
    [
        "product management", "product design", "product marketing", "customer success", "customer support",
        "data science", "business operations", "sales operations", "revenue operations", "gtm operations",
        "solutions engineering", "solution architecture", "solutions architecture", "account management",
        "developer relations", "people operations", "talent acquisition", "field marketing", "partner marketing",
    ]
)  # fmt: skip
_PHRASE_FIRST = frozenset(p.split()[0] for p in _DEPARTMENT_PHRASES)
_PHRASE_LAST = frozenset(p.split()[1] for p in _DEPARTMENT_PHRASES)
_STARTS, _ENDS = _DEPARTMENTS | _PHRASE_FIRST, _DEPARTMENTS | _PHRASE_LAST  # words that start / end a name
_DEPARTMENT = r"(?i:{})".format(
    "|".join(
        re.escape(w).replace(r"\ ", r"[^\S\n]+")
        for w in sorted(_DEPARTMENTS | _DEPARTMENT_PHRASES, key=len, reverse=True)
    )
)
_ITEM_SEP = r"(?:[^\S\n]*[,/&][^\S\n]*(?:(?:and|or)[^\S\n]+)?|[^\S\n]+(?:and|or)[^\S\n]+)"
# A department's name is a whole item: a separator or a word that cannot go on with a name after it ("risk
# management" is not the Risk team); and the first item of a list stands after a separator or a word that
# opens a list ("performance analytics, observability" is not the Analytics team).
_ITEM_END = (
    r"\b(?=[^\S\n]*(?:[,/&().;:—–]|\n|$|(?:and|or|to|on|in|for|with|all|teams?|functions?|groups?|leaders?|"
    r"leadership|partners?|stakeholders|counterparts|orgs?|organi[sz]ations?|departments?)\b))"
)
_DEPARTMENTS_BEFORE = re.compile(rf"(?:\b{_DEPARTMENT}{_ITEM_SEP})+$")
_DEPARTMENTS_AFTER = re.compile(rf"(?:{_ITEM_SEP}{_DEPARTMENT}{_ITEM_END})+")
_LIST_OPENER = re.compile(
    r"(?:[^\w\s]|\b(?i:with|including|include|as|like|across|e\.g|span|spans|of|in|to|for|between|among|"
    r"from|and|the|our|partners?|teams?|functions?|stakeholders))[^\S\n]*$"
)
_DEPARTMENT_ITEM = re.compile(rf"\b{_DEPARTMENT}\b")
_LIST_MARK = re.compile(r"[,/&]")
_DEPARTMENT_LIST_MIN = 2  # other departments beside the name
# Unless the sentence asks for them: "experience in finance, accounting or FP&A" lists areas of experience.
_ASKED_AREAS = re.compile(
    r"(?i:experience|background|expertise|knowledge|years|degree|skills|proficien|familiar|understanding)"
)
_WORKING_WITH = re.compile(
    r"(?i:\b(?:work|working|partner|partnering|collaborat\w*|engag\w*|interfac\w*|influenc\w*)"
    r"(?: closely| directly| cross-functionally)? (?:with|across)\b)"
)


def without_lone_headings(text: str) -> str:
    """The text without its section headings: a paragraph of one short capitalised line ("Logistics", "Machine
    Learning") names the section that follows (an education and office policy under "Logistics"), not a skill
    asked. Items written as paragraphs ("Python", "SQL", "Go", each between blank lines) stay, as do the
    lower-case rests of wrapped sentences (`_LONE_HEADING`)."""
    cuts: list[tuple[int, int]] = []
    start = 0
    while start != -1:  # each paragraph's start: the text's, then the one after each blank line
        end = text.find("\n", start, start + _HEADING_CHARS)
        if (
            end != -1
            and text.startswith("\n", end + 1)
            and (m := _LONE_HEADING.match(text, start)) is not None
        ):
            cuts.append(m.span())
        start = text.find("\n\n", start)
        while start != -1 and text.startswith("\n", start + 1):
            start += 1  # the paragraph starts after the last line break of the run
        start = start if start == -1 else start + 1
    if not cuts:
        return text
    ends, starts = [0, *(e for _, e in cuts)], [*(s for s, _ in cuts), len(text)]
    return "".join(text[a:b] for a, b in zip(ends, starts, strict=True))


def without_interests(text: str) -> str:
    """The text without the rest of each sentence that names no ask of the hire (`_NOT_ASKED`): "Interest in
    cloud computing, AI or data analytics", "willingness to learn about information security", a value, the
    company's customers and backers. A new ask inside that rest ends the cut ("..., and familiarity with
    Git")."""
    folded = text.lower()
    if len(folded) != len(text):
        return text
    cuts: list[tuple[int, int, int]] = []
    scanned = _NOT_ASKED_VOCABULARY.scan(folded)
    for hints, pattern in _NOT_ASKED_RE:
        for start, end in scanned.lines_with(hints):
            cuts += [(m.start(), m.end(), m.end("cue")) for m in pattern.finditer(folded, start, end)]
    if not cuts:
        return text
    parts, last = [], 0
    for start, end, cue in sorted(cuts):
        if start < last:
            continue  # inside a cut already made
        # a new ask is looked for after the cue, which may hold ask words itself ("no experience with")
        ask = _NEW_ASK.search(folded, cue, end)
        parts += [text[last:start], "\n", text[ask.start() : end] if ask else ""]
        last = end
    return "".join([*parts, text[last:]])


def accepted(
    entry: Entry, words: Sequence[str], lower: list[str], parts: list[str], start: int, end: int
) -> bool:
    """Whether an alias found at tokens [start, end) names the entry here (case, neighbours, degree). `parts`
    is the text split into separators and tokens (token k is `parts[2k + 1]`)."""
    # Case matters for one word ("Go", "SOP"); a name of several words is not an ordinary phrase in any case
    # ("Standard Operating Procedures", "bill of materials", "MS Excel").
    if (
        entry.case_sensitive
        and end - start == 1
        and words[start] not in entry.exact_forms
        and lower[start] not in entry.any_case_forms
    ):
        return False
    # ...unless its first word is a word of the language: "OR-Tools" as written, not "systems or tools".
    if (
        entry.case_sensitive
        and end - start > 1
        and lower[start] in _FUNCTION_WORDS
        and " ".join(words[k] for k in range(start, end)) not in entry.exact_forms
    ):
        return False
    after = _next_word(lower, parts, end)
    if after and (after in entry.not_next or ("<num>" in entry.not_next and after.isdigit())):
        return False
    if start and lower[start - 1] in entry.not_prev:
        return False
    if entry.kind == "skill" and _names_unit(lower, after, start, end):
        return False
    if entry.language and _names_market(lower, parts, after, end):
        return False
    if entry.near and end - start == 1 and not _near(entry.near, lower, start, end):
        return False
    return not (entry.discipline and _degree_or_team(lower, after, start))


def _next_word(lower: list[str], parts: list[str], end: int) -> str:
    """The token after a match when it belongs to the same list item: a word after a list break starts another
    item and says nothing of this one ("active learning; function calling" is not a learning function)."""
    if end >= len(lower):
        return ""
    between = parts[2 * end]
    return lower[end] if between == " " or LIST_BREAK.search(between) is None else ""


def _names_unit(lower: list[str], after: str, start: int, end: int) -> bool:
    """Colleagues, a unit or a leader's remit: "compiler engineers", "the Risk Management function", "Head of
    Data Science"."""
    if after in _COLLEAGUE_WORDS or (after in _UNIT_WORDS and end - start > 1):
        return True
    return start > 1 and lower[start - 1] == "of" and lower[start - 2] in _LEADERS


def _names_market(lower: list[str], parts: list[str], after: str, end: int) -> bool:
    """A market word right after the language, or after its "-speaking" ("Spanish-speaking customers")."""
    if after == "speaking":
        after = _next_word(lower, parts, end + 1)
    return after in _MARKET_WORDS


def _degree_or_team(lower: list[str], after: str, start: int) -> bool:
    if after in _TEAM_WORDS:
        return True
    return any(w in _DEGREE_WORDS for w in lower[max(0, start - _DEGREE_WINDOW) : start])


def _near(wanted: frozenset[str], lower: list[str], start: int, end: int) -> bool:
    """Whether one of `wanted` is within a few words ("Word" beside "Excel, PowerPoint" is the product)."""
    return not (
        wanted.isdisjoint(lower[max(0, start - _NEAR_WINDOW) : start])
        and wanted.isdisjoint(lower[end : end + _NEAR_WINDOW])
    )


def needs_text(entry: Entry, lower: list[str], end: int) -> bool:
    """Whether a match needs a look at its sentence: a field of study, or a skill with a people word in the
    next few words (the end of a list of teams: "ASIC, hardware, and kernel teams")."""
    if entry.discipline or entry.field_of_study:
        return True
    return entry.kind == "skill" and not _COLLEAGUE_WORDS.isdisjoint(lower[end + 1 : end + _LIST_WINDOW])


def beside_department(entry: Entry, lower: list[str], parts: list[str], start: int, end: int) -> bool:
    """Whether a skill at tokens [start, end) is listed next to a department's name (the list is then read by
    `rejected_in_text`)."""
    if entry.kind != "skill":
        return False
    # Set tests first: a helper is called only for a word that can end or start a department's name.
    if start:
        before = lower[start - 1]
        if before in _ENDS and _department_ends(lower, start - 1) and _LIST_MARK.search(parts[2 * start]):
            return True
        if (
            start > 1
            and before in CONJUNCTIONS
            and lower[start - 2] in _ENDS
            and _department_ends(lower, start - 2)
        ):
            return True
    if end < len(lower):
        after = lower[end]
        if after in _STARTS and _department_starts(lower, end) and _LIST_MARK.search(parts[2 * end]):
            return True
        return (
            end + 1 < len(lower)
            and after in CONJUNCTIONS
            and lower[end + 1] in _STARTS
            and _department_starts(lower, end + 1)
        )
    return False


def _department_ends(lower: list[str], k: int) -> bool:
    """Whether a department's name ends at token k."""
    word = lower[k]
    return word in _DEPARTMENTS or (
        word in _PHRASE_LAST and k > 0 and f"{lower[k - 1]} {word}" in _DEPARTMENT_PHRASES
    )


def _department_starts(lower: list[str], k: int) -> bool:
    """Whether a department's name starts at token k."""
    word = lower[k]
    return word in _DEPARTMENTS or (
        word in _PHRASE_FIRST and k + 1 < len(lower) and f"{word} {lower[k + 1]}" in _DEPARTMENT_PHRASES
    )


def rejected_in_text(entry: Entry, text: str, start: int, end: int, departments: bool = False) -> bool:
    """Sentence rules: a field of study in a list of degrees, a discipline named as colleagues ("work with
    PCB and Mechanical Engineering"), a skill in a list that ends in colleagues or (`departments`: a
    department's name is listed beside it) in a list of departments."""
    if entry.kind == "skill" and (
        _COLLEAGUE_LIST.match(text, end) or (departments and _in_department_list(text, start, end))
    ):
        return True
    if entry.discipline and _COLLABORATE.search(text, max(0, start - 80), start):
        return True
    return (entry.discipline or entry.field_of_study) and _in_study_list(text, start, end)


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding text[start] begins (looked for at most 400 characters back)."""
    return max([0, *(m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start))])


def _in_study_list(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] names a field of study: its sentence has a degree word before it ("Bachelor's
    degree in Statistics, ...", "fields such as ...") or "or a related field" after it."""
    head = _sentence_start(text, start)
    tail = _SENTENCE_END.search(text, end)
    before = text[head:start].lower()
    after = text[end : tail.start() if tail else len(text)].lower()
    return bool(_STUDY_BEFORE.search(before) or _STUDY_AFTER.search(after))


def _in_department_list(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is an item of a list with at least two departments' names beside it."""
    before = _DEPARTMENTS_BEFORE.search(text, max(0, start - 120), start)
    after = _DEPARTMENTS_AFTER.match(text, end, end + 120)
    count = len(_DEPARTMENT_ITEM.findall(after.group())) if after else 0
    if before:
        count += len(_DEPARTMENT_ITEM.findall(before.group()))
        # "performance analytics, observability": a word before the list's first item is part of that item
        if before.start() > 0 and not _LIST_OPENER.search(text, max(0, before.start() - 30), before.start()):
            count -= 1
    if count < _DEPARTMENT_LIST_MIN:
        return False
    head = _sentence_start(text, start)
    asked = _ASKED_AREAS.search(text, head, start)
    # "Experience working closely with different Finance functions (e.g. Accounting, Tax, Treasury)": the
    # experience asked is of working with those departments
    return asked is None or _WORKING_WITH.search(text, asked.end(), start) is not None
