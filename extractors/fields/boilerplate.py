"""Boilerplate sections (equal-opportunity statements, benefits lists, privacy notices) as character spans,
so the LLM tiers can leave them out of prompts and skills are not read from them."""

from __future__ import annotations

import re

from extractors.fields import textscan
from extractors.fields.locations import COUNTRIES, REGIONS

_HEADING_WORDS = re.compile(
    r"^(?P<label>benefits|perks|perks (?:and|&) benefits|what we offer|our benefits|why (?:join|work)|"
    r"equal (?:employment )?opportunit|eeo|diversity|privacy|candidate privacy|data privacy|company (?:description|overview)|"
    r"accommodations?|compensation(?: and| &)? benefits|compensation|pay transparency|total rewards|our commitment|a world-changing company|"
    r"about (?!the (?:role|team|job|position|program|programme|opportunity|internship|(?:ideal )?candidate)|our team|"
    r"you|this|the work)\w+|who we are(?! (?:looking|seeking|hiring|searching|after))|"
    r"life at \w+|how we.re different)",
)
_LABELS = {"benefit": "benefits", "perk": "benefits", "what we offer": "benefits", "privacy": "privacy"}
_EEO = re.compile(
    r"equal (?:employment )?opportunity|without regard to|regardless of (?:race|gender|age)|"
    r"reasonable accommodation|e-verify|affirmative action|protected veteran|sexual orientation|"
    r"applicants with (?:arrest|criminal)|fair chance",
)
_PRIVACY = re.compile(
    r"privacy (?:notice|policy|statement)|personal (?:data|information) (?:we collect|will be processed)|"
    r"processing of (?:your )?personal data|(?:under|with|pursuant to|according to) (?:the )?(?:gdpr|general data "
    r"protection)|data protection (?:notice|policy|statement|information|law)|(?:gdpr|candidate) privacy",
)
# Recruitment-process and pay-disclosure prose: never evidence of a skill ("our recruiting team will...").
_PROCESS = re.compile(
    r"\b(?:our|the|your) (?:recruiting|recruitment|talent acquisition) (?:team|partners?|agency)|\byour recruiter\b|"
    r"application deadline|(?:our|the|this|your) interview process|"
    r"(?:during|throughout|about) (?:the|our|this) (?:recruitment|recruiting|application) process|"
    r"applying allows|form of compensation|"
    r"(?:pay|salary|compensation) range|base (?:salary|pay) (?:range|for this)|pay position|"
    r"recruit\w* scams?|\bscams?\b|recruiters? (?:will )?(?:only|never)\b|allow our recruiters|hiring process|"
    r"work(?:ing)? authori[sz]ation|authori[sz]ation to work|authori[sz]ed to work|eligib(?:le|ility) to work|"
    r"right to work|visa sponsorship|(?:proper|legal) authori[sz]ation",
)
# The company's social links ("Follow us on LinkedIn, Instagram and TikTok"): the company's, not the hire's
# channels; a kind of its own, so the process pattern does not grow for the few lines that hold it.
_SOCIAL = re.compile(r"\b(?:follow|find|connect with) us on\b")
# One scan per line for the kinds of boilerplate prose (the line's first match decides): the general
# path, for text whose lower-casing moves offsets.
_LINE = re.compile(
    f"(?P<eeo>{_EEO.pattern})|(?P<privacy>{_PRIVACY.pattern})|(?P<process>{_PROCESS.pattern})|"
    f"(?P<company>{_SOCIAL.pattern})"
)
# Each kind with the words every one of its phrases needs, located with str.find: a kind's pattern runs only on
# the lines that hold one of its own words. Small patterns on those lines cost less than the one
# alternation of all of them on every line that holds any word (half, on long postings with EEO paragraphs):
# most lines hold the words of one kind only.
_PROSE_KINDS = (
    ("eeo", _EEO, ("opportunit", "regard", "accommodat", "verify", "affirmative", "veteran", "orientation",
                   "applicants with", "fair chance")),
    ("privacy", _PRIVACY, ("privacy", "personal", "gdpr", "data protection")),
    ("process", _PROCESS, ("recruit", "talent acquisition", "deadline", "interview process", "application process",
                           "applying allows", "compensation", "range", "base ", "pay position", "scam",
                           "hiring process", "authori", "eligib", "right to work", "sponsorship")),
    ("company", _SOCIAL, (" us on",)),
)  # fmt: skip
# The words every alternative of `_BENEFIT_LINE` starts with: a bullet that holds none of them is not
# searched.
_BENEFIT_HINTS = ("401", "dental", "vision", "medical", "health insurance", "paid time off", "pto",
                  "parental leave", "stipend", "wellness", "equity", "retirement", "life insurance", "commuter",
                  "perks", "employee discount")  # fmt: skip
_PROSE_VOCABULARY = textscan.Vocabulary(*(hints for _, _, hints in _PROSE_KINDS), _BENEFIT_HINTS)
# Written with a literal start (not "\n{3,}"): the engine then skips to each "\n\n\n" instead of trying the
# pattern at every character (8 -> 1 us per bench posting).
_BLANK_LINES = re.compile(r"\n\n\n+")
# A paragraph that speaks to the hire, or introduces the role ("Our Data team is looking for an engineer with
# Python", "Acme is seeking a Data Analyst skilled in Tableau"), ends the company lead.
_TO_THE_HIRE = re.compile(
    r"\byou|\bthis (?:role|position|job)\b|\bthe role\b|\bwe(?:['’]re| are) (?:looking|seeking|hiring)|"
    r"\b(?:is|are) (?:looking for|seeking|hiring|searching for|recruiting) (?:an? |our (?:first|next|new) )"
)
_ABOUT_US = ("our ", "at ", "founded ")
_WE = re.compile(r"\bwe\b|\bwe['’]re\b|\bus\b")
# A benefits heading may say to whom it applies ("Benefits available to all full-time employees (Global)").
_BENEFIT_HEADS = ("benefit", "perk", "what we offer", "our benefits")
_LONG_HEADING = 100
# A heading that opens the role's own text ("The Role in a Nutshell", "What you will be working on", "Key
# Responsibilities", "Who you are"): it ends an "About us" or benefits section however many words it has.
_ROLE_HEADING = re.compile(
    r"(?:about |the |your |this )?(?:role|position|job|opportunity)\b|(?:key |main |core |your )?"
    r"(?:responsibilities|requirements|qualifications|duties)\b|"
    r"what you(?:['’]ll| will)? (?:do|be doing|be working on|work on|bring|need|own|build|achieve|accomplish)\b|"
    r"what (?:we['’]re|we are) looking for|who you are|about you\b|in this role|you will\b|you['’]ll\b|"
    r"(?:minimum|preferred|basic|required) (?:qualifications|requirements|skills|experience)|"
    r"(?:nice|good) to have|your (?:mission|impact|day|responsibilities)"
)
_PLACES = frozenset(COUNTRIES) | frozenset(REGIONS) | {"global", "worldwide"}
# Words of a short benefits-list item ("Pet insurance", "Employee Assistance Program", "Home-office equipment"):
# such a line does not end the list; only these checks use them, not the cut of lines outside a section.
_BENEFIT_ITEM = re.compile(
    r"\b(401\(?k\)?|dental|vision (?:insurance|coverage|care|plan)|medical|health|insurance|paid time off|pto|leave|stipend|wellness|equity|"
    r"retirement|pension|commuter|fertility|membership|coverage|assistance program|perks?|lunch|snacks|meals|gym|"
    r"home[- ]office|equipment|vacation|holidays?|childcare|allowance|reimburse\w*|sabbatical|discounts?|budget|"
    r"travel|relocation)\b",
)
# A bullet outside any section that offers a benefit. Words that also name a field of work count only in a
# benefit's phrasing: "Medical, dental and vision", "Competitive salary and equity", "Wellness stipend" are
# offers; "Medical coding (ICD-10)", "Experience in private equity", "Wellness industry background" are asks.
_BENEFIT_LINE = re.compile(
    r"\b(401\(?k\)?+(?! (?:plans? )?(?:administration|compliance|testing|audits?))|dental (?:insurance|coverage|plan|care)|"
    r"vision (?:insurance|coverage|care|plan)|medical(?:,| and\b| &|/| (?:insurance|coverage|benefits|plans?)\b)|"
    r"health insurance|paid time off|pto|parental leave|stipend|wellness (?:programs?|benefits|days?|budget)|"
    r"(?:and|&|\+) equity\b|equity (?:grants?|package|compensation|options|ownership)|retirement (?:plans?|savings|"
    r"benefits|contributions?)|life insurance|commuter|perks|employee discounts?)",
)

# A bullet that asks the hire for a benefit's field of work ("Experience with equity compensation and 401(k)
# plans", "Knowledge of health insurance regulations") is an ask, not an offer.
_ASKED_OF_HIRE = re.compile(
    r"\b(?:experience|knowledge|familiarity|expertise|understanding|proficiency|background) "
    r"(?:with|in|of|administering|managing|designing|running)\b|"
    r"^- (?:administer|manage|design|own|run|lead)(?:s|ing)?\b"  # a duty: "- Manage our equity plan"
)


def spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of each boilerplate run, labels: eeo, benefits, privacy, company, process."""
    out: list[tuple[int, int, str]] = []
    section: str | None = None
    pos = 0
    lower = text.lower()
    scanned = _PROSE_VOCABULARY.scan(lower) if len(lower) == len(text) else None
    hits = _prose_hits(text, lower, scanned)
    at, last = 0, len(hits)  # lines come in order: the next phrase hit is found by moving forward
    # Text that lower-cases letter for letter (ASCII, accented Latin): lines read from the lower-cased copy.
    in_place = textscan.lowers_in_place(text)
    # Where benefit words occur, when those offsets are the lines' own: only a bullet that holds one is
    # searched.
    perks = scanned.offsets(_BENEFIT_HINTS) if in_place and scanned is not None else None
    perk, perk_last = 0, len(perks) if perks is not None else 0
    for line in (lower if in_place else text).splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        body = line.strip() if in_place else line.strip().lower()
        if not body:
            continue
        while at < last and hits[at][0] < start:
            at += 1
        bullet = body.startswith("- ")
        if perks is not None:
            while perk < perk_last and perks[perk] < start:
                perk += 1
        if at < last and hits[at][0] < pos:
            label: str | None = hits[at][1]
        elif (
            section is None
            and bullet
            and len(body) < 160
            and (perks is None or (perk < perk_last and perks[perk] < pos))
            and _BENEFIT_LINE.search(body)
            and not _ASKED_OF_HIRE.search(body)
        ):
            # A bullet that names a benefit is one only outside any section (inside one it takes the
            # section's label anyway): the regex runs on those bullets alone.
            label = "benefits"
        else:
            label = section
        # `_is_heading` written out: this loop runs for every line of every posting.
        shaped = not bullet and len(body) < _LONG_HEADING and not body.endswith((".", ",", ";"))
        heading = _HEADING_WORDS.match(body) if shaped else None
        if (shaped and len(body) < 60) or (heading and heading.group("label").startswith(_BENEFIT_HEADS)):
            if heading or _ends_section(body, section):
                section = _heading_label(heading.group("label")) if heading else None
            label = section or label
        if label:
            if out and out[-1][2] == label and text[out[-1][1] : start].strip() == "":
                out[-1] = (out[-1][0], pos, label)
            else:
                out.append((start, pos, label))
    return out


def cut(text: str, found: list[tuple[int, int, str]] | None = None) -> str:
    """The text without its boilerplate spans."""
    found = spans(text) if found is None else found
    if not found:
        return text
    parts, last = [], 0
    for start, end, _ in found:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return _BLANK_LINES.sub("\n\n", "".join(parts)).strip()


def without_company_lead(body: str, names: set[str]) -> str:
    """The body without its opening paragraphs about the company or its team. The lead starts with the
    company's name, "Our", "At" or "Founded" ("Palantir's defense vertical builds...", "Our audit team is
    responsible for..."), perhaps under a heading about "we" or the company ("What We're Building"), and
    runs until a paragraph speaks to the hire or a heading starts the role. The gold rules call the text
    before the role is introduced company blurb: what it names is what the company does (its product, its
    customers), not what the hire is asked for."""
    paras = body.split("\n\n")
    first = 0
    while first < min(2, len(paras) - 1) and _is_heading(heads := paras[first].strip().lower()):
        if not (_WE.search(heads) or _names_first(heads, names)):
            return body
        first += 1
    head = paras[first].lstrip().lower() if paras else ""
    if not (head.startswith(_ABOUT_US) or _names_first(head, names)):
        return body
    end = first
    while end < len(paras) and not _TO_THE_HIRE.search(low := paras[end].strip().lower()):
        if end > first and _is_heading(low):
            break
        end += 1
    return "\n\n".join(paras[end:]) if end > first else body


def _names_first(text: str, names: set[str]) -> bool:
    """Whether `text` opens with one of `names` as a word (`re.match(name + r"\b")`, without building and
    looking up a pattern per name and call)."""
    return any(n and text.startswith(n) and _boundary(text, len(n)) for n in names)


def _boundary(text: str, at: int) -> bool:
    """`\b` at `text[at]`: a word character on one side only (`re`'s Unicode word: alphanumeric or "_")."""
    before = at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")
    after = at < len(text) and (text[at].isalnum() or text[at] == "_")
    return before != after


def _is_heading(line: str, limit: int = 60) -> bool:
    return len(line) < limit and not line.startswith("- ") and not line.endswith((".", ",", ";"))


def _ends_section(line: str, section: str | None) -> bool:
    """An unknown heading-shaped line ends the section only when it reads as a heading: a line ending in a
    colon, a short label without commas that names no benefit, or a heading that opens the role however long.
    A short list item inside a benefits list ("Daily lunch + dinner in our office", "Medical, dental, and
    vision") does not. Outside any section there is nothing to end, and the role headings are not read."""
    if line.endswith(":"):
        return True
    if line.strip(" ()") in _PLACES:  # "United States", "Canada": a benefits list per country goes on
        return False
    if len(line.split()) <= 4 and "," not in line and not _BENEFIT_ITEM.search(line):
        return True
    return section is not None and _ROLE_HEADING.match(line) is not None


def _heading_label(word: str) -> str:
    word = word.lower()
    for key, label in _LABELS.items():
        if key in word:
            return label
    if word.startswith(("compensation", "total rewards")):
        return "benefits"
    if word.startswith(("about", "our commitment", "a world", "who we are", "life at", "how we", "company")):
        return "company"
    return "eeo"


def _prose_hits(text: str, lower: str, scanned: textscan.Scanned | None) -> list[tuple[int, str]]:
    """(offset, label) of the first EEO/privacy/process phrase of each line that has one, in order: a line
    takes the label of the first hit inside it (of the first kind, when two start at the same offset, as in
    `_LINE`). Each kind's pattern runs only on the lines of the lower-cased text (`lower`) that hold one of
    its words (`scanned`: `lower` scanned for them, None when case folding moved offsets)."""
    hits: list[tuple[int, str]] = []
    if scanned is None:  # case folding moved offsets: scan each line on its own instead
        pos = 0
        for line in text.splitlines(keepends=True):
            start, pos = pos, pos + len(line)
            m = _LINE.search(line.lower()) if line.strip() else None
            if m is not None:
                hits.append((start, str(m.lastgroup)))
        return hits
    first: dict[int, tuple[int, str]] = {}  # line start -> (offset, label) of its first hit so far
    for label, pattern, hints in _PROSE_KINDS:
        for start, end in scanned.lines_with(hints):
            m = pattern.search(lower, start, end)
            if m is not None and (start not in first or m.start() < first[start][0]):
                first[start] = (m.start(), label)
    return [first[start] for start in sorted(first)]
