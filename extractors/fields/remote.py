"""Remote, hybrid or on-site, with the evidence (tests/gold/README.md, "remote_type").

Three sources can speak: the ATS's workplace value ("workplaceType=remote"), a location label or title that
names a mode ("Remote - US", "Berlin (Hybrid)"), and the body. The body's explicit statement about this
role ("on-site five days a week", "3 days a week in our office") wins over a bucket when they disagree, and
the conflict is recorded in `remote_evidence`: a "Remote" bucket over an on-site body is a known ATS habit
(boards file every role under "Remote" to widen reach). The body given here has the company blurb and
benefits cut, so "we are a remote-first company" or "hybrid work culture" in the intro never decide.
"""

from __future__ import annotations

import re

from extractors.fields import textscan
from schemas.job import FieldSource, Job, RemoteType

# What follows a "hybrid role" that mixes duties, not places: "a hybrid role: 60% operations and 40% creative",
# "a hybrid role combining engineering and sales" (a share of time in a place is a mode: "60% in office").
_MIXED_DUTIES = (
    r"(?:[:\s(–—-]*\d{1,3} ?%(?! (?:of (?:the|your) time )?(?:in|at|from|on|onsite|on-site|remote\w*|office|home)\b)|"
    r" (?:that )?(?:combin|blend|bridg|span|mix|between)\w*)"
)
# A count of days a week, with the figure after the word as contracts write it: "3", "two", "three (3)", "2-3".
_DAYS = r"(?:[1-4]|one|two|three|four)(?: ?\([1-4]\))?(?:[-–][1-4])?"
_FIVE = r"(?:five(?: ?\(5\))?|5)"
_STRONG = [  # explicit statements about the role, most specific first; lower-case
    (
        RemoteType.hybrid,
        rf"\bhybrid (?:role|position|schedule|work(?! policy)|model|setup|arrangement|working)\b(?!{_MIXED_DUTIES})|"
        rf"\b{_DAYS} days? (?:a|per|each) week (?:in|at|from) (?:the |our )?"
        r"(?:[\w-]+ ){0,3}?(?:office|hq|studio|site)|\bin (?:the |our )?office (?:[1-4]|two|three|four)(?:[-–][1-4])? days\b|"
        r"\bcome (?:in|into (?:the |our )?office) (?:[1-4]|two|three|four)(?:[-–][1-4])? (?:days|times) (?:a|per) week\b|"
        r"\b(?:twice|three times) a week (?:in|at|to|into) (?:the |our )?office|"
        r"\b(?:come|coming) (?:in|into|to) (?:the |our )?office (?:once|twice|three times) a week|"
        rf"\b(?:on[- ]?site|in[- ]office|in[- ]person|in the office) (?:{_DAYS} days|[1-4] ?x)\b|"
        rf"\b{_DAYS} (?:wfh|remote|work[- ]from[- ]home|home[- ]office) days?\b|"
        rf"\b{_DAYS} days? (?:(?:a|per|each) week )?(?:from home|remotely|wfh|"
        r"working from home)\b|"
        r"\bsplit (?:your |the |their )?(?:time|week) between (?:(?:home|remote work) and (?:the |our )?office|"
        r"(?:the |our )?office and home)\b|"
        # "in the office at least 3 days per week", "work from home up to 2 days a week", "3x/week in office"
        r"\b(?:in|from|at) (?:the |our )?(?:[\w-]+ ){0,2}?office,? (?:at least |a minimum of |up to |minimum )"
        rf"?{_DAYS} (?:days|x)\b|"
        rf"\b(?:from home|remotely|wfh) (?:for )?(?:up to |at least )?{_DAYS} "
        r"days? (?:a|per|each) week\b|"
        r"\b[1-4] ?x ?(?:/ ?|a |per )week (?:in|at) (?:the |our )?(?:[\w-]+ ){0,3}?(?:office|hq|studio|site)|"
        # office days named by weekday, fewer than all five ("in office Tuesday-Thursday", "on-site Mon/Wed/Fri")
        r"\b(?:in (?:the |our )?office|on[- ]?site|in[- ]person) (?:on )?(?!mon\w*\s*(?:-|–|to|through|thru)\s*fri)"
        r"(?:mon|tue|wed|thu|fri)\w*(?:\s*(?:-|–|/|,|and|&|to|through)\s*(?:mon|tue|wed|thu|fri)\w*)+|"
        r"\bflexib\w+ to work (?:from home|remotely)\b(?! full)|"
        r"\b(?:partly|partially) (?:remote|from home)\b(?! (?:teams?|workers|employees|engineers|colleagues|staff)\b)|"
        r"\b(?:occasional|some|partial) (?:remote|wfh|work[- ]from[- ]home|home[- ]office) days?\b|"
        # a share of the hire's time short of all of it: "we expect you in the office at least 50% of the time",
        # "you will spend 60% of your time in our office" (a policy for "all staff" is the company's, not the role's)
        r"\b(?:you|this (?:role|position|job)|the (?:role|position))\b[^.;\n]{0,40}?(?:(?:in (?:the |our )?office|"
        r"on[- ]?site|in[- ]person)\b[^.;\n]{0,60}?(?<![\d.])[1-9]\d? ?% of (?:the |your |each |a )?(?:time|week|month)|"
        r"(?<![\d.])[1-9]\d? ?% of (?:the |your )?(?:time|week) (?:in|at) (?:the |our )?office\b)",
        ("hybrid", "week", "office", " day", "split", "site", "person", "flexib", "partly", "partial", "occasional"),
    ),
    (  # a share of the time away from the office, on its own: its hint "%" would send the pattern above over
        # every line with a percentage
        RemoteType.hybrid,
        # "up to 50% telework permitted", "allows 40% remote work"
        r"(?<![\d.])[1-9]\d? ?% (?:telework\w*|telecommut\w*|remote(?: work\w*)?|work(?:ing)? from home|wfh)\b|"
        # "remote work possible up to 40% of the time"
        r"\b(?:remote\w*|from home|telework\w*)\b[^.;\n]{0,25}?(?<![\d.])[1-9]\d? ?% of (?:the |your )?(?:time|week|month)",
        ("%",),
    ),
    (  # other languages, with their own hint words so English text never runs them
        RemoteType.hybrid,
        r"teilweise (?:im )?home ?office|\bhybrydow\w*|\btravail hybride\b|\bmodalidad híbrida\b|"
        r"\b(?:modelo|regime|modalidade|modalidad) (?:de trabajo |de trabalho )?h[íi]brid[oa]\b|\bmodalità ibrida\b|"
        r"\blavoro ibrido\b|\bhybride[ns]? (?:werken|arbeiten|arbeit|arbeitsmodell)\b|\btélétravail partiel\b|"
        r"\b(?:[1-4]|zwei|drei|deux|trois|dos|tres|dois|três|twee|drie|due|tre) (?:tagen?|tag|jours?|días|dias|dagen|"
        r"dni|"
        r"giorni) (?:(?:pro|par|por|per|w) \w+ )?(?:homeoffice|home office|de télétravail|télétravail|en (?:la )?oficina|"
        r"no escritório|op kantoor|im büro|w biurze|in ufficio)|"
        r"\bt[ée]l[ée]travail (?:possible |partiel )?(?:jusqu['’]à )?(?:[1-4]|un|deux|trois|quatre) jours?\b|"
        r"\bhome ?office (?:an |für )?(?:bis zu )?(?:[1-4]|zwei|drei|vier) tag(?:e|en)?\b|"
        # the office named first: "Präsenz im Büro an 3 Tagen pro Woche"; days of telework: "teletrabajo 2 días"
        r"\bim büro an (?:[1-4]|zwei|drei|vier) tag(?:e|en)\b|"
        r"\bteletrabajo\b[^.;\n]{0,20}?\b(?:[1-4]|un|uno|dos|tres|cuatro) días?\b",
        ("homeoffice", "home office", "hybryd", "híbrid", "hibrid", "ibrid", "hybride", "létravail",
         "letravail", "oficina", "escritório", "kantoor", "büro", "biurze", "ufficio", "teletrabajo"),
    ),
    (
        RemoteType.onsite,
        rf"\b(?:on[- ]?site|in[- ]office|in[- ]person|in the office)(?: required| presence)? {_FIVE} days|"
        rf"\b{_FIVE} days (?:a|per|each) week (?:in|at) (?:the |our )?(?:[\w-]+ ){{0,3}}?(?:office|hq|studio|site)|"
        # the office named first: "work from our NYC office five days a week", "... office Monday to Friday",
        # "commute to our Chicago office daily"
        r"\b(?:in|at|from|to|into) (?:the |our )?(?:[\w-]+ ){0,3}?(?:office|hq|headquarters|studio|site),? "
        rf"(?:(?:all )?{_FIVE} days\b|(?:on )?mon\w*\s*(?:-|–|to|through|thru)\s*fri|daily\b|every (?:work)?day\b)|"
        # "an in-office role" (not one with office days: "an in-office role, 3 days a week")
        r"\b(?:in[- ]office|on[- ]?site|in[- ]person|office[- ]based) (?:role|position|job)\b"
        rf"(?![^.;\n]*\b(?:hybrid|remote\w*|{_DAYS} days?)\b)|"
        r"\b(?:this|the) (?:role|position|job) is (?:fully )?(?:on[- ]?site|in[- ]office|in[- ]person)\b|"
        r"\b(?:this|the) (?:role|position|job) (?:is|will be) based (?:in|at|out of) (?:our|the) [\w ,.]{0,30}"
        r"(?:office|hq|headquarters)\b(?![^.;\n]*\b(?:wfh|remote|from home|hybrid|days?)\b)|"  # "..., 2 WFH days": hybrid
        r"\boffice[- ]based\b(?![^.;\n]*\b(?:wfh|remote|from home|hybrid|days?|flexib\w*)\b)|"
        # remote work denied: "not eligible for remote work", "remote work is not available for this position"
        r"\bnot (?:eligible|available|open|suitable) (?:for|to) remote\b(?![^.\n]*\bhybrid\b)|"
        r"\bremote (?:work(?:ing)? |option )?is not (?:available|possible|an option|offered|supported|permitted)\b"
        r"(?![^.\n]*\bhybrid\b)|"
        r"\bfully on[- ]?site\b|\bnot (?:a |considering |accepting |hiring |open to )?(?:fully )?remote\b|"
        r"\bno remote\b|\bnon-remote\b|"
        r"\b(?:cannot|can ?not|can't|can’t) be (?:performed|done|worked) remotely\b|"
        r"\b(?:ability|able|required|expected|requires you|require you) to work (?:from|in|at) (?:our|the) "
        r"[\w ,.]{0,30}office\b"
        rf"(?![^.;\n]*\b(?:hybrid|remote\w*|{_DAYS} days?)\b)|"  # "... office three (3) days per week": hybrid
        r"\bvor ort\b|\bpraca stacjonarna\b|\bpresencial\b|\bsur site\b|\b(?:en|100 ?%) présentiel\b",
        ("site", "office", "hq", "headquarters", "studio", "person", "week", "remote", "vor ort", "stacjonar",
         "presencial", "présentiel"),
    ),
    (
        RemoteType.remote,
        r"\b(?:fully|100 ?%|full) remote\b(?!-friendly)|\b(?:this|the) (?:role|position|job) is (?:fully )?remote\b"
        r"(?!-first|-friendly)|"
        r"\bremote(?:[- ]first)? (?:role|position|opportunity)\b|\bwork from anywhere\b|\bremote within\b|"
        # a home-based role: no office to attend ("This is a home-based position covering the Northeast")
        r"\bhome[- ]based (?:role|position|job)\b|\b(?:role|position|job) is (?:fully )?home[- ]based\b|"
        r"\byou(?:'ll| will| can| may)? work remotely\b(?! (?:[1-4]|one|two|three|four|up to|part))|"
        r"\b(?:can|may|will) be (?:performed|done|worked) (?:fully )?remotely\b|"
        r"\btelecommut(?:e|ing)\b(?! (?:[1-4]|one|two|three|four|up to|occasionally|part|is not|not\b))|"
        r"\bprac\w* (?:w pełni )?zdaln\w*|\bzdalnie\b|\bteletrabajo\b|\bt[ée]l[ée]travail (?:complet|total)\b",
        ("remote", "anywhere", "zdaln", "teletrabajo", "travail", "telecommut", "home-based", "home based"),
    ),
    (
        RemoteType.remote,
        r"\b(?:zu )?100 ?% (?:homeoffice|home office|remoto|zdalnie|télétravail)|"
        r"\b(?:trabajo|trabalho|lavoro) (?:100 ?% )?(?:da )?remoto\b|\bremoto al 100|"
        r"\b(?:modalidad|modalidade|modalità):? (?:100 ?% )?remot[oa]\b|\bvolledig (?:op afstand|remote)\b|"
        r"\bop afstand werken\b|\bteletrabalho\b",
        ("homeoffice", "home office", "remoto", "remota", "zdalnie", "létravail", "letravail", "afstand",
         "volledig", "teletrabalho"),
    ),
]  # fmt: skip
# Each pattern with the words it cannot match without: substring tests skip most regex scans of long texts.
_STRONG_RE = [(mode, re.compile(pattern), hints) for mode, pattern, hints in _STRONG]
# The weak words, minus their technical senses ("hybrid search", "hybrid cloud", "distributed systems"), a
# team's make-up ("a hybrid team of", "distributed engineers") and experience asked ("remote work experience").
_HYBRID = re.compile(
    r"\bhybrid\b(?![- ](?:search|cloud|recommend|retrieval|rag\b|systems?\b|architecture|infrastructure|"
    r"environment|app|approach|vehicle|engine|quantum|integration|deployment|index|database|storage|ml\b|ai\b|"
    r"team of|mix|blend|combination|of\b|teams?\b|workplaces?\b|workforce|work culture|culture|"
    # a person's or a team's mix of skills: "a hybrid talent", "a hybrid offensive function", "hybrid (a mixture"
    r"talent|profile|function|offensive|\((?:an? )?(?:mix|blend|combination))|"
    r"(?: role| position)" + _MIXED_DUTIES + ")"  # "a hybrid team of ...", "a distributed and hybrid team"
)
# The mode words, less experience asked and benefits ("remote work experience"; a home-office stipend is a
# benefit, not the mode).
_NOT_THE_MODE = (
    r"(?! (?:work )?(?:experience|allowance|stipend|budget|equipment|setup|set-up|reimbursement)|"
    # a technology run from afar: "remote managed technologies", "remote access", "remote monitoring"
    r" (?:managed|management|monitoring|access|sensing|control|desktop|devices?|devbox\w*|servers?|hosts?|"
    r"machines?|execution|cach\w*|procedures?|repositor\w*)\b)"
)
_REMOTE_WORD = rf"\b(?:remote|work from home|wfh|anywhere)\b{_NOT_THE_MODE}"
_REMOTE = re.compile(
    rf"{_REMOTE_WORD}|"
    r"\bdistributed\b(?! (?:systems?|computing|databases?|training|tracing|ledgers?|storage|caching|queues?|"
    r"data|file|consensus|transactions?|algorithms?|architectures?|services|infrastructure|inference|"
    r"engineers|group|set of|people|colleagues|stakeholders))"  # people to lead or work with, not the mode
)
# In the body, "remote-first" and "remote-friendly" describe the company's culture, not this role (a location
# label "Remote-first (US)" still files the role under remote); a remote or distributed team is other people
# ("join our remote SIRT", "the team is highly distributed" do not say where this hire works; a location label
# "Distributed" still does). A fully distributed team has no office to come to.
# In the body "anywhere" is where the hire works or lives only after a word that says so; alone it is the
# customers' or the company's reach ("start an internet business from anywhere in the world").
_REMOTE_BODY = re.compile(
    # experience asked, not the mode: "experience working in a remote environment" (looked behind only where a
    # mode word can start)
    r"(?=[rwlbdp])(?<!experience in a )(?<!experience working in a )(?<!experience with )"
    r"(?!remote[- ](?:first|friendly)\b)\b(?:remote|work from home|wfh|"
    r"(?:work|working|live|living|based|located|reside|remotely|done|performed|worked)(?: remotely)?(?: from| in)?"
    r" anywhere)\b"
    rf"{_NOT_THE_MODE}"
    r"(?!(?: (?:and|or) (?:geographically |globally )?distributed)?(?: [\w-]+)? (?:team|teams|sirt|org|"
    r"organization|workforce|colleagues|employees|company|staff|workers|engineers|members|customers|clients|"
    r"users|sites|locations|offices)\b)|"
    r"\bfully distributed\b(?! (?:systems?|computing|databases?|training|ledgers?|storage|architectures?))"
)
_ONSITE = re.compile(
    r"\b(?:"
    # "work from office", India's "WFO"
    r"work from (?:the )?office\b|wfo\b|"
    # a way to meet ("connect in-person with users") or other people's place ("a team of in-office associates")
    r"(?<!connect )(?<!meet )(?<!team of )"
    # one of two ways to meet or speak: "virtual and in-person events", "clear in writing and in person"
    r"(?<!virtual and )(?<!virtual or )(?<!online and )(?<!online or )(?<!writing and )"
    r"(?:on[- ]?site|in[- ]office|in the office|in-person|in person)\b"
    # "in person or remote", "both in person and through video chat", "on-site and off-site SEO"
    r"(?![- ]?,?\s*(?:or|and)\s+(?:through |via |over |by )?(?:remote|virtual|video|phone|zoom|online|off[- ]?site))"
    # an in-person meeting or conversation is not the role's place of work
    r"(?! (?:customer |client |team |partner )?(?:meetings?|communication|conversations?|events?|"
    r"interactions?|workshops?|training|visits?|sessions?|interviews?|presentations?|collaboration|"
    r"experiences?|technology|equipment|spaces?|"
    # nor a way to pay or shop, a website's own pages in SEO, or a policy's heading for staff in general
    r"payments?|commerce|shopping|purchases?|transactions?|checkout|retail|point of sale|"
    r"optimi[sz]ation|seo|expectations?|polic(?:y|ies)|guidelines)\b)"
    # a gathering now and then: "meet the team in person once a quarter"
    r"(?! (?:once|twice|several times|a few times|every|each|per|quarterly|annually|monthly|yearly|"
    r"periodically|occasionally|regularly)\b))"
)
# A location label that names on-site work: "Onsite - Austin", "NYC (In-office)", "Austin, TX (On-site)".
_ONSITE_LABEL = re.compile(r"\b(?:on[- ]?site|in[- ]office|in[- ]person|office[- ]based)\b")
_ONSITE_HINTS = ("site", "office", "person", "wfo")
_LABEL_WORDS = {RemoteType.hybrid: _HYBRID, RemoteType.remote: _REMOTE, RemoteType.onsite: _ONSITE_LABEL}
# The weak words in the order they are tried, each with the words it cannot match without.
_WEAK = (
    (RemoteType.hybrid, _HYBRID, ("hybrid",)),
    (RemoteType.remote, _REMOTE_BODY, ("remote", "home", "wfh", "anywhere", "fully distributed")),
    (RemoteType.onsite, _ONSITE, _ONSITE_HINTS),
)
# Every hint list the body rules read (`textscan.Vocabulary`).
HINTS = (*(hints for _, _, hints in _STRONG_RE), *(hints for _, _, hints in _WEAK))
_QUOTE_WORDS = 15


def ats_value(job: Job) -> tuple[RemoteType, str] | None:
    """The ATS's own workplace value, with its evidence string."""
    raw = job.structured.workplace_type or ""
    mode = mode_word(raw)
    return (mode, f"workplaceType={raw}") if mode is not RemoteType.unknown else None


def names(mode: RemoteType, lower: str) -> bool:
    """Whether a lower-cased text names `mode` as a location label does ("Hybrid - Berlin", "Remote - US",
    "Austin (On-site)"): what a model's evidence must do for its remote type to be kept."""
    pattern = _LABEL_WORDS.get(mode)
    return pattern is not None and pattern.search(lower) is not None


def mode_word(value: str) -> RemoteType:
    v = value.lower().replace("_", "-")
    if "hybrid" in v:
        return RemoteType.hybrid
    if "remote" in v:
        return RemoteType.remote
    if v.replace(" ", "-") in {"on-site", "onsite", "in-office", "office"}:
        return RemoteType.onsite
    return RemoteType.unknown


def classify(job: Job, body: str, text: textscan.Scanned) -> tuple[RemoteType, FieldSource, str] | None:
    """(mode, source, evidence): a bucket (ATS value, location label, title) unless the body says otherwise
    (`text`: the body lower-cased, scanned for `HINTS`)."""
    strong = _strong(body, text)
    bucket = _bucket(job)
    if bucket is not None:
        mode, _, evidence = bucket
        if strong is not None and strong[0] is not mode:
            return strong[0], FieldSource.rules, f"{evidence} vs body: {strong[1]!r} (body wins)"
        return bucket
    if strong is not None:
        return strong[0], FieldSource.rules, f"body: {strong[1]!r}"
    return _weak(body, text)


def _bucket(job: Job) -> tuple[RemoteType, FieldSource, str] | None:
    ats = ats_value(job)
    if ats is not None:
        return ats[0], FieldSource.ats, ats[1]
    for where, label in _labels(job):
        low = label.lower()
        if _HYBRID.search(low):
            return RemoteType.hybrid, FieldSource.rules, f"{where}={label}"
        if _REMOTE.search(low):
            return RemoteType.remote, FieldSource.rules, f"{where}={label}"
        if _ONSITE_LABEL.search(low):
            return RemoteType.onsite, FieldSource.rules, f"{where}={label}"
    title = job.title.lower()
    if _HYBRID.search(title):
        return RemoteType.hybrid, FieldSource.rules, f"title={job.title}"
    if _REMOTE.search(title):
        return RemoteType.remote, FieldSource.rules, f"title={job.title}"
    return None


def _labels(job: Job) -> list[tuple[str, str]]:
    """The location labels an ATS gives: the posting's locations, then Greenhouse's office names (a board
    files a role under an office called "Remote" while its location names only a city). Offices count only
    when every one names a mode: a role filed under a building and under "Remote" states neither."""
    offices = job.extra.get("offices") if isinstance(job.extra.get("offices"), list) else []
    names = [n for o in offices if isinstance(o, dict) and isinstance(n := o.get("name"), str)]
    if any(not (_REMOTE.search(n.lower()) or _HYBRID.search(n.lower())) for n in names):
        names = []  # filed under a real office too ("HQ - San Francisco" and "Remote - US"): either may be filled
    return [("location", v) for v in job.locations] + [("offices", n) for n in names]


def _strong(body: str, text: textscan.Scanned) -> tuple[RemoteType, str] | None:
    best: tuple[RemoteType, re.Match[str]] | None = None
    for mode, pattern, hints in _STRONG_RE:
        m = text.find(pattern, hints)
        if m is not None and (best is None or m.start() < best[1].start()):
            best = (mode, m)
    return None if best is None else (best[0], _quote(body, best[1]))


def _weak(body: str, text: textscan.Scanned) -> tuple[RemoteType, FieldSource, str] | None:
    """Mode words anywhere in the role's text, when nothing explicit was found."""
    for mode, pattern, hints in _WEAK:
        m = text.find(pattern, hints)
        if m is None:
            continue
        if mode is RemoteType.remote and text.find(_ONSITE, _ONSITE_HINTS):
            continue  # "remote" and "on-site" both named: nothing settles it
        return mode, FieldSource.rules, f"body: {_quote(body, m)!r}"
    return None


def _quote(body: str, m: re.Match[str]) -> str:
    """The sentence around a match, at most ~15 words, verbatim."""
    m_start, m_end = m.start(), m.end()
    start = max(body.rfind(sep, 0, m_start) for sep in (". ", "\n", "; ", "! ")) + 1
    ends = [i for i in (body.find(sep, m_end) for sep in (". ", "\n", "; ")) if i != -1]
    sentence = body[start : min(ends) if ends else len(body)].strip(" -•*").rstrip(".")
    words = sentence.split()
    if len(words) <= _QUOTE_WORDS:
        return sentence
    hit = len(body[start:m_start].split())
    lo = max(0, min(hit - 4, len(words) - _QUOTE_WORDS))
    return " ".join(words[lo : lo + _QUOTE_WORDS])
