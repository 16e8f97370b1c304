"""Job function from title and department: ordered keyword rules, the most specific first."""

from __future__ import annotations

import re
from functools import lru_cache

from schemas.extracted import JobFunction

_RULES: list[tuple[JobFunction, str]] = [
    # an officer's function is the area the title names ("Chief Technology Officer", "CFO")
    (
        JobFunction.engineering,
        r"\bcto\b|chief (?:technology|technical|product and technology) officer|\bswe\b",
    ),
    (JobFunction.it, r"\bcio\b|chief information officer"),
    (JobFunction.security, r"\bciso\b|chief (?:information )?security officer"),
    (JobFunction.finance, r"\bcfo\b"),
    (JobFunction.marketing, r"\bcmo\b"),
    (JobFunction.sales, r"\bcro\b|chief (?:revenue|sales|commercial) officer"),
    (JobFunction.hr, r"\bchro\b|chief (?:people|human resources|talent) officer"),
    (JobFunction.operations, r"\bcoo\b|chief operating officer"),
    # care and teaching assistants assist patients and pupils, not an office: no business function
    (
        JobFunction.other,
        r"\b(?:medical|dental|nursing|veterinary|pharmacy|teaching|teacher|classroom) assistant",
    ),
    (
        JobFunction.operations,
        r"\badministrative|executive assistant|office (?:coordinator|manager)|chief of staff",
    ),
    # audit and deal desk (pricing and contract approval) are finance even when they name data or sales
    (JobFunction.finance, r"\baudit|deal desk|deal pricing|\bsox\b|internal controls?\b|\bf&s\b"),
    (JobFunction.legal, r"\bcounsel\b|attorney|paralegal|lawyer"),  # "Commercial Counsel" is legal, not sales
    # a UX or front-end engineer builds the product's interface, an ML engineer ships models: engineering
    (
        JobFunction.engineering,
        r"\b(?:ux|ui|front[- ]?end|machine learning|ml|ai)(?: software)? (?:engineer|developer)",
    ),
    (JobFunction.design, r"\b(?:ux|user|design) research"),  # research done for design
    (JobFunction.it, r"\bit support|\bdesktop support|\bhelp ?desk|\bservice desk"),  # before "support"
    (JobFunction.gtm_engineering, r"\bgtm engineer|go[- ]to[- ]market engineer|growth engineer"),
    (
        JobFunction.solutions_engineering,
        r"\bsolutions? (?:engineer|architect|consultant)|technical consultant|sales engineer|pre-?sales|forward deployed",
    ),
    # an account manager grows accounts and carries a quota; a technical account manager supports them
    (JobFunction.customer_success, r"\btechnical account manage(?:r|ment)|\btam\b"),
    # a finance partner or lead of strategic finance is finance, though "partner" and "GTM" name sales below
    (
        JobFunction.finance,
        r"\bfinanc\w* (?:&|and) strategy|strategic finance|\bfinance (?:business )?(?:partner|lead)",
    ),
    # the people team's own roles, before "support" and "onboarding" name a customer's
    (
        JobFunction.hr,
        r"\bemployee relations|\bpeople (?:support|operations|ops|partner|team)|\bnew hire|"
        r"\blearning (?:architect|partner|and development|& development)|talent development",
    ),
    (JobFunction.sales, r"\baccount manager"),
    (JobFunction.revops, r"\brev(?:enue)? ?ops|revenue (?:operations|systems)"),
    (JobFunction.sales_ops, r"\bsales (?:ops|operations|enablement|strategy)|commission"),
    (JobFunction.product_marketing, r"\bproduct marketing|\bpmm\b"),
    (
        JobFunction.customer_success,
        r"\b(?:customer|client) success|\bcsm\b|customer experience|onboarding|implementation|support|klienta|"
        r"professional services",
    ),
    (
        JobFunction.security,
        r"\bsecurity|\bsoc\b|threat|cyber|infosec|offensive|red team|\bc?sirt\b|detection engineer|incident response",
    ),
    (
        JobFunction.hr,
        r"\brecruit|talent|\bpeople\b|\bhr\b|human resources|\bhrbp\b|(?<!sales )compensation|total rewards",
    ),
    (
        JobFunction.data,
        r"\bdata (?:engineer|scien|analy|platform|infrastructure|governance|quality|steward)|analytics|machine learning|"
        r"\bml\b|business intelligence|\bbi\b",
    ),
    (
        JobFunction.data,
        r"\b(?:ingenier[oa]|analista|cient[íi]fic[oa]|engenheir[oa]|ingegnere) de (?:datos|dados|dati)\b|"
        r"\bdaten(?:analyst|ingenieur|wissenschaftler)|\banalityk danych|\bdata[- ]analyst",
    ),
    (JobFunction.research, r"\bresearch|scientist|fellows? program"),
    (JobFunction.design, r"\bdesigner\b"),  # "Brand Designer", "Marketing Designer": the craft decides
    (
        JobFunction.marketing,
        r"\bmarketing|campaigns?\b|brand|content|seo|demand gen|communications|growth(?! sales)|social media|events?\b|"
        r"community|copywriter|copy writer",
    ),
    (
        JobFunction.sales,
        r"\baccount executive|\brenewals\b|\bsales(?!force)|\bsdr\b|\bbdr\b|business development|partner(?:ship)?s?\b|\bgtm\b(?! financ)|account director|hunter|grower|commercial|"
        r"\bvertrieb|verkauf|außendienst|\bventas\b|\bvendas\b|\bvendite\b|sprzedaż|sprzedaży|handlowiec|\bvendeur|\bvendedor",
    ),
    # a legal entity's books are finance ("Legal Entity Controller")
    (JobFunction.legal, r"\blegal(?! entit)|compliance|privacy|regulatory"),
    (
        JobFunction.finance,
        r"\bfinanc|accountant|accounting|accounts (?:payable|receivable)|bookkeep|controller|\bfp&a\b|\btax\b|treasury|payroll|audit|procurement|"
        r"strategic sourcing|sourcing (?:analyst|manager|specialist)|\bcollections\b|"
        r"actuar|underwrit|investment bank|\bbuyer\b|"
        r"\bfinanzen|\bfinanzas|\bfinanças|\bfinanza\b|\bfinanse|księgow|buchhalt|comptab|contab(?:le|ilidad|ilidade|ile)",
    ),
    (JobFunction.design, r"\bdesigner|\bux\b|\bui\b|creative|product design|visual design|graphic design"),
    (
        JobFunction.it,
        r"\bit\b|helpdesk|help desk|systems? administrator|administrator system|sysadmin|desktop|end user|workplace tech",
    ),
    (
        JobFunction.engineering,
        r"\bengineer|developer|software|devops|\bsre\b|programmer|architect|\bdev\b|engineering|technical|firmware|hardware|technologist|"
        r"\btech lead|entwickler|d[ée]veloppeu(?:r|se)|desarrollador|programista|sviluppatore|desenvolvedor|ing[ée]nieur|"
        r"ingenier[oa]|engenheir[oa]|ingegnere|inżynier|informatiker",
    ),
    (JobFunction.product, r"\bproduct (?:manager|management|owner|lead|director)|\bproduct\b"),
    (
        JobFunction.operations,
        r"\boperations|assistant|\boffice\b|business partner|program manager|project manager|logistics|supply chain|facilities|\bg&a\b|maintenance|\bclaims?\b|\bvendor|warehouse|fulfil?ment|store manager|retail|"
        r"project coordinator|cashier|barista|\bcook\b|\bchef\b|\bdriver\b|forklift",
    ),
]
_QUALIFIER = re.compile(r",\s|\s[|\-–—]\s")
_COMPILED = [(fn, re.compile(p, re.IGNORECASE)) for fn, p in _RULES]
# Role nouns that many teams use: an account manager in Customer Success, a program manager in Marketing work
# in that team. Their department decides when it names one of these functions.
_GENERIC_ROLE = re.compile(
    r"\b(?:account|program|project) manager\b|\bonboarding (?:coordinator|specialist)\b", re.IGNORECASE
)
_TEAM_FUNCTIONS = frozenset(
    [
        JobFunction.customer_success,
        JobFunction.marketing,
        JobFunction.finance,
        JobFunction.hr,
        JobFunction.legal,
    ]
)


@lru_cache(maxsize=8192)  # a board repeats its titles and departments: 23 searches per text, once per pair
def classify(title: str, department: str | None) -> JobFunction | None:
    """The function named by the title's role words, else the whole title, else the department; None when
    none says. What follows ", " / " - " / " | " names a segment, team or product line ("Account Executive -
    Enterprise, Growth", "Campaigns Manager, Treasury"): it decides only when the role words do not. A role
    noun that many teams use (account, program or project manager) takes the function of its department when
    that names a team's function ("Account Manager" in Customer Success)."""
    role = _QUALIFIER.split(title, maxsplit=1)[0]
    found = _first(role) or _first(title)
    team = _first(department) if department else None
    # only when the role's other words name no function ("Marketing Project Manager" stays marketing)
    if (
        team in _TEAM_FUNCTIONS
        and team is not found
        and _GENERIC_ROLE.search(role)
        and _first(_GENERIC_ROLE.sub(" ", role)) is None
    ):
        return team
    return found or team


def _first(text: str) -> JobFunction | None:
    for fn, pattern in _COMPILED:
        if pattern.search(text):
            return fn
    return None
