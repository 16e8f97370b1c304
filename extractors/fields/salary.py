"""Salary ranges from ATS fields or text, kept as stated (amounts, currency, interval); annual USD is only a
derived column. Rules, by class (tests/gold/README.md, "salary"):

- an ambiguous sign ($, kr, ¥) takes the currency of the posting's country; an explicit code wins;
- mis-encoded signs ("Â£", UTF-8 read as Latin-1) are repaired before parsing;
- the interval is the one stated, in the languages postings use; a bare range gets one by its size;
- of several ranges (pay zones, per-city tables) the one whose label names the posting's location wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.fields import textscan
from extractors.fields.salary_units import (
    ANNUAL_FACTOR,
    CODES,
    LEVER_INTERVALS,
    USD_PER_UNIT,
    interval_after,
    interval_before,
    local_currency,
    repair,
    symbol_currency,
)
from schemas.job import FieldSource, Job

__all__ = ["USD_PER_UNIT", "Salary", "annual_usd", "from_custom_fields", "from_fields", "from_text"]

# Indian grouping ("12,00,000") first, then thousands groups with optional cents ("106,600.00", "50.000,00",
# Swiss "120'000").
_AMOUNT = (
    r"(\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[,.\s'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s*([kK])?"
)
_SIGN = r"US\$|CA\$|C\$|A\$|NZ\$|S\$|HK\$|R\$|\$|€|£|¥|₹|₪|Rs\.?"
_CUR = rf"({_SIGN}|{CODES})"
_DASH = r"\s*(?:-|–|—|(?i:to|and|bis|do|à|a))\s*"
# A unit may follow each bound ("$45/hr - $55/hr"); the one after the second is read as the interval.
_BOUND_UNIT = r"(?:\s?/\s?(?i:hr|hour|h|yr|year|annum|mo|month|week|wk|day))?"
# The code may be written after each bound as well as before it: "$100,000 USD - $130,000 USD".
_RANGE = re.compile(
    rf"{_CUR}\s?{_AMOUNT}(?:\s?(?:{CODES})\b)?{_BOUND_UNIT}{_DASH}{_CUR}?\s?{_AMOUNT}(?:\s*({CODES}))?"
)
# "8 000 - 12 000 PLN", "45 000 - 55 000 kr", "50.000 € - 60.000 €": the currency comes after the amounts.
_RANGE_SUFFIX = re.compile(rf"(){_AMOUNT}\s*(?:€|zł)?{_DASH}(){_AMOUNT}\s*({CODES}|zł|€|£|kr\.?|(?i:pln))")
# "from $85,000/year in our lowest market up to $160,000/year in our highest": a range spread over a sentence.
# "zwischen 60.000 und 75.000 Euro", "entre 45k€ et 55k€": a range between two figures, the currency after.
_SPAN_SUFFIX = re.compile(
    rf"(?i:between|zwischen|entre|tra|między)\s+(){_AMOUNT}\s*(?:€|zł)?\s+(?i:and|und|et|y|e|a)\s+(){_AMOUNT}"
    rf"\s*({CODES}|zł|€|£|(?i:euros?|pln)\b)"
)
# Substrings of the words that open `_SPAN_SUFFIX`, in any case: most texts hold none, and the pattern (a
# case-insensitive alternation) is slow to run.
_BETWEEN_HINTS = ("etween", "ETWEEN", "wischen", "WISCHEN", "ntre", "NTRE", "tra ", "TRA ", "iędzy", "IĘDZY")
_SPAN = re.compile(
    rf"(?i:from|between)\s+{_CUR}\s?{_AMOUNT}(?:\s*(?:/|per\s+)\w+)?[^$€£\n]{{0,60}}?"
    rf"\s(?i:up to|to|and)\s+{_CUR}\s?{_AMOUNT}(?:\s*({CODES}))?"
)
# One figure, kept only when it is plainly pay: a pay word before it on its line ("Salary: $95,000"), or an
# hourly rate ("$28.50 per hour"). "Up to"/"from" figures are open ranges, not kept.
_SINGLE = re.compile(rf"{_CUR}\s?{_AMOUNT}(?!\s*(?:-|–|—)\s*\d)(?:\s*({CODES}))?")
_PAY_WORD = re.compile(
    r"(?i:salary|base pay|pay rate|hourly rate|hourly pay|wage|compensation|\bpay\b)[^.\n]{0,30}$"
)
_SENTENCE = re.compile(r"[.;!?]\s+(?=\S)")
# A clause ends at a comma too: "OTE $200,000 (50/50 split), base $100,000" states the base pay after the OTE.
_CLAUSE = re.compile(r"[.;,!?]\s+(?=\S)")
# A line that opens with the figure (after a bullet or an open end): what a pay heading above it names.
_FIGURE_FIRST = re.compile(r"[\s*•-]*(?i:(?:up to|from|starting (?:at|from)|at least)\s+)?$")
_OR_MORE = re.compile(r"[kK]?\+")
# "$30/hour and up", "$95,000 per year or more": the figure is the bottom of an open range.
_AND_UP = re.compile(r"^[^.;\n\d]{0,16}?\b(?i:and (?:up|above)(?! to)|or (?:more|higher|above))\b")
# The pay word right after a single figure: "$95k+ base", "$150,000 base salary".
_PAY_AFTER = re.compile(r"^\+?\s*(?:USD\s*)?(?i:base\b|(?:annual |yearly )?(?:base )?salary\b)")
# "base $100,000": the word right before a figure.
_BASE = re.compile(r"(?i:\bbase)\s*:?\s*$")
# A heading line that names the pay, with the figure on the line under it ("Compensation" / "Up to $140,000").
_PAY_HEADING = re.compile(
    r"^\W*(?i:(?:base |annual |hourly )?(?:salary|pay|compensation|wage|gehalt|salaire|salario|salário|"
    r"wynagrodzenie|rémunération|retribuzione|lön)(?: range)?)\W*$"
)
_SINGLE_NOT_PAY = re.compile(
    r"(?i:toward|rent\b|per (?:seat|user|licen[cs]e|referral)|\bsave|saving|cost|price)"
)
# A figure that bounds the pay on one side only ("up to $150,000", "from £45k", "starting at $25/hour"): stated
# with the other bound empty (tests/gold/README.md, "salary").
_OPEN_END = re.compile(
    r"(?i:(?P<top>up to|max(?:imum)?(?: of)?)|(?P<bottom>from|starting (?:at|from)|starts? at|at least|"
    r"min(?:imum)?(?: of)?)|or more)"
    # "Maximum salary:", "Minimum salary of"
    r"(?i:\s+(?:annual |yearly |hourly |base )?(?:salary|pay|compensation|wage|rate)(?:\s+of)?)?\s*:?\s*$"
)
# Lakhs: "12-18 LPA", "₹25L - ₹35L", "25 to 35 lakhs".
_LAKH = re.compile(
    r"₹?\s?(\d+(?:\.\d+)?)\s*(?i:l\b|lakhs?\b|lpa\b)?\s*(?:-|–|to)\s*₹?\s?(\d+(?:\.\d+)?)\s*(?i:lpa|lakhs?|l\b)"
)
# Japanese pay in units of 10,000 yen: "年収 800万円～1200万円" (a year), "月給 30万円〜40万円" (a month).
_MAN_YEN = re.compile(r"(\d+(?:\.\d+)?)\s*万円?\s*(?:-|–|～|〜|~)\s*(\d+(?:\.\d+)?)\s*万円")
_LAKH_TAIL = re.compile(r"^\s*(?i:lpa|lakhs?|l\b)")  # "₹12-18 LPA" is lakhs a year, read by _LAKH
_BARE = re.compile(rf"^\s*{_AMOUNT}\s*(?:-|–|—|to)\s*{_AMOUNT}\s*$")
_NOT_PAY = re.compile(
    r"(?i:stipend|credit|subsidy|allowance|budget(?!ed\s+(?:compensation|salary|pay|base))|reimburs|sign[- ]?on|signing|referral|bonus|raised|funding|"
    r"revenue|valuation|spend|\barr\b|\bote\b|on-target)"
)
_ON_TARGET = re.compile(r"(?i:\bon[- ]target earnings\b|\bincludes? commission\b)|\bOTE\b")
_BASE_NOTE = re.compile(r"(?i)\bbase (?:salary|pay)\b")
# A base/commission split after the range ("$230K to $250K, with a 60/40 split") makes it on-target earnings
_TAIL_NOT_PAY = re.compile(
    r"^\s*(?i:m\b|mm\b|bn?\b|million|billion|in (?:funding|revenue|arr)|\+ in|"
    r",?\s*(?:with\s+)?(?:an?\s+)?\d{2}\s*/\s*\d{2}\s+(?:split|base))"
)
_CODE_SET = frozenset(CODES.split("|"))
_SUFFIX_SIGNS = frozenset((*_CODE_SET, "zł", "€", "£", "kr", "pln", "Euro", "euro", "Euros", "euros"))
# Substrings a salary cannot be written without; also where the range patterns are run.
_SIGNS = (
    "$",
    "€",
    "£",
    "¥",
    "₹",
    "₪",
    "Rs",
    "zł",
    "kr",
    "lakh",
    "LPA",
    "lpa",
    "万円",
    "pln",
    "Â",
    "â‚",
    *sorted(_CODE_SET),
)


# Any of the signs, in one pass: most texts hold none, and one automaton pass is cheaper than a substring test
# per sign (or one regex of all: 20 -> 4 us per bench posting).
_ANY_SIGN = textscan.Alternation(_SIGNS)
# "Euro" counts as a word only ("75.000 Euro", not "European"): looked for apart, as a word, so that the scan
# for the signs above stays one literal alternation.
_EURO_WORD = re.compile(r"\b[Ee]uros?\b")
_SALARY_FIELD = re.compile(r"(?i)salary|pay range|compensation|wage")
# A place label in parentheses right after a range: "$150,000 - $180,000 (San Francisco, New York)".
_LABEL_AFTER = re.compile(r"[^\S\n]*(?:USD|EUR|GBP|CAD)?[^\S\n]*\(([^()\n]{2,80})\)")
# The label of the range for every place the others do not name.
_REST = re.compile(r"\b(?:all )?other\b|\brest of\b|\belsewhere\b|\ball remaining\b|\banywhere else\b")


@dataclass(frozen=True)
class Salary:
    """A range as stated (currency, interval) and its annual USD equivalent."""

    min_amount: float | None  # None: "up to" the maximum
    max_amount: float | None  # None: "from" the minimum
    currency: str
    interval: str
    min_usd: int | None
    max_usd: int | None


def annual_usd_factor(currency: str, interval: str) -> float | None:
    """Annual USD per one unit of `currency` paid per `interval` (None when either is not known)."""
    rate = USD_PER_UNIT.get(currency.upper())
    factor = ANNUAL_FACTOR.get(interval)
    if rate is None or factor is None:
        return None
    return factor * rate


def annual_usd(amount: float, currency: str, interval: str) -> int | None:
    factor = annual_usd_factor(currency, interval)
    return None if factor is None else round(amount * factor)


def _make(lo: float | None, hi: float | None, currency: str, interval: str) -> Salary:
    return Salary(
        lo,
        hi,
        currency,
        interval,
        None if lo is None else annual_usd(lo, currency, interval),
        None if hi is None else annual_usd(hi, currency, interval),
    )


def for_posting(job: Job, country: str | None, places: Sequence[str]) -> tuple[Salary | None, FieldSource]:
    """The posting's salary: the ATS's structured range, else a pay custom field, else the text."""
    s = job.structured
    found = from_fields(s.salary_min, s.salary_max, s.salary_currency, s.salary_interval, country)
    if found is None:
        found = from_custom_fields(job.extra.get("customField"), country)
    if found is not None:
        return found, FieldSource.ats
    return from_text(job.description_text, country, places), FieldSource.rules


def from_fields(
    lo: float | None, hi: float | None, currency: str | None, interval: str | None, country: str | None = None
) -> Salary | None:
    """A salary from an ATS's structured range (Lever `salaryRange`, Ashby compensation). A range with one
    bound stays open on the other side, as one written so in the text does ("from $120k" states no maximum):
    filling the missing bound with the stated one would report a single figure the ATS never gave."""
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None:
        lo, hi = min(lo, hi), max(lo, hi)
    cur = (currency or local_currency(country) or "USD").upper()
    unit = LEVER_INTERVALS.get(interval or "", interval or "year")
    return _make(lo, hi, cur, unit)


def on_target(note: object) -> bool:
    """Whether an ATS's own words about its pay range (Lever `salaryDescriptionPlain`: "The on-target earnings
    (OTE) for this position ranges from ... The OTE range listed ... includes commission") say the range is
    on-target earnings: base plus commission is not the base pay, and on-target pay alone is no salary
    (tests/gold/README.md, "salary")."""
    return isinstance(note, str) and _ON_TARGET.search(note) is not None and _BASE_NOTE.search(note) is None


def from_custom_fields(fields: object, country: str | None) -> Salary | None:
    """A range in an ATS custom field labelled as pay (SmartRecruiters `customField` "Salary Range":
    "106,600.00-142,100.00"): no sign, so the currency is the country's."""
    if not isinstance(fields, list):
        return None
    for item in fields:
        if not isinstance(item, dict) or not _SALARY_FIELD.search(str(item.get("fieldLabel") or "")):
            continue
        value = str(item.get("valueLabel") or "")
        found = from_text(value, country) or _bare(value, country)
        if found is not None:
            return found
    return None


def from_text(text: str, country: str | None = None, places: Sequence[str] = ()) -> Salary | None:
    """The salary range written in prose for the posting's location (`places`: its city, state and country
    names), e.g. `$120,000 - $150,000`, `£60k–£75k per year`, `8 000 - 12 000 zł brutto miesięcznie`."""
    signs = _signs(text)
    if not signs:
        return None
    if "Â" in signs or "â‚" in signs:
        text = repair(text)
        signs = _signs(text)
    found = _candidates(text, country, signs)
    if not found:
        return None
    if len(found) > 1 and places:
        return _for_place(text, found, places)
    return found[0][2]


def _signs(text: str) -> list[str]:
    """The currency signs and codes a text holds, each once, in order of first use."""
    signs = list(dict.fromkeys(_ANY_SIGN.findall(text)))
    if "uro" in text:
        signs += dict.fromkeys(m.group(0) for m in _EURO_WORD.finditer(text))
    return signs


def _for_place(text: str, found: list[tuple[int, int, Salary]], places: Sequence[str]) -> Salary:
    """Of several ranges, the one whose label names the posting's place. A range's label is the text before it
    since the previous range and that range's label ("Zone 1 (SF, NYC): $X", "For remote candidates the range
    is $Y") and the parenthesis right after it ("£70,000 - £90,000 (London) / £60,000 - £80,000 (rest of UK)").
    When no label names the place, the range for everywhere else ("all other US locations", "rest of UK");
    else the first."""
    lowered: list[str] = []
    previous_end = 0
    for start, end, _ in found:
        after = _LABEL_AFTER.match(text, end)
        lowered.append(
            f"{text[max(previous_end, start - 160) : start]} {after.group(1) if after else ''}".lower()
        )
        previous_end = after.end() if after else end
    for label, (_, _, salary) in zip(lowered, found, strict=True):
        if any(p in label for p in places):
            return salary
    rest = next(
        (salary for label, (_, _, salary) in zip(lowered, found, strict=True) if _REST.search(label)), None
    )
    return rest or found[0][2]


def _candidates(text: str, country: str | None, signs: list[str]) -> list[tuple[int, int, Salary]]:
    """Every range on the lines that hold a currency sign or code (ranges never span lines)."""
    matches: list[re.Match[str]] = []
    suffix = any(sign in _SUFFIX_SIGNS for sign in signs)
    between = suffix and any(word in text for word in _BETWEEN_HINTS)
    for start, end in textscan.lines_with(signs, text):
        matches += _RANGE.finditer(text, start, end)
        if suffix:
            matches += _RANGE_SUFFIX.finditer(text, start, end)
        matches += _SPAN.finditer(text, start, end)
        if between:
            matches += _SPAN_SUFFIX.finditer(text, start, end)
    matches.sort(key=lambda m: m.start())
    out: list[tuple[int, int, Salary]] = []
    last_end = -1
    for match in matches:
        if match.start() < last_end:
            continue  # the suffix pattern re-reads a range the prefix pattern already took
        salary = _from_match(text, match, country)
        if salary is not None:
            out.append((match.start(), match.end(), salary))
            last_end = match.end()
    for match in (
        _LAKH.finditer(text) if ("lakh" in text or "LPA" in text or "lpa" in text or "₹" in text) else ()
    ):
        lo, hi = float(match.group(1)) * 100_000, float(match.group(2)) * 100_000
        if lo <= hi:
            out.append((match.start(), match.end(), _make(lo, hi, "INR", "year")))
    for match in _MAN_YEN.finditer(text) if "万円" in text else ():
        lo, hi = float(match.group(1)) * 10_000, float(match.group(2)) * 10_000
        head = text[max(0, match.start() - 20) : match.start()]
        if lo <= hi:
            unit = "month" if "月" in head else "year" if "年" in head else _bare_interval(hi, "JPY")
            out.append((match.start(), match.end(), _make(lo, hi, "JPY", unit)))
    if not matches and not out:  # a range refused as not pay (OTE, funding) leaves no single figure either
        out = _singles(text, country, signs)
    return sorted(out, key=lambda found: found[0])


def _singles(text: str, country: str | None, signs: list[str]) -> list[tuple[int, int, Salary]]:
    """Single figures stated as pay, for postings that give no range: `min == max`, or one bound of an open
    range ("up to $150,000": no minimum; "from $60,000": no maximum)."""
    out: list[tuple[int, int, Salary]] = []
    for start, end in textscan.lines_with(signs, text):
        for match in _SINGLE.finditer(text, start, end):
            cur1, digits, k, cur2 = match.groups()
            amount = _amount(digits, k)
            head = text[max(start, match.start() - 60) : match.start()]
            tail = text[match.end() : min(end, match.end() + 40)]
            open_end = _OPEN_END.search(head)
            if amount is None or amount == 0 or (open_end is not None and open_end.lastgroup is None):
                continue  # "5 or more $..." bounds nothing
            clause = _CLAUSE.split(head)[-1]
            if _NOT_PAY.search(clause) or _NOT_PAY.search(tail) or _TAIL_NOT_PAY.match(tail):
                continue
            stated = interval_after(tail)
            if not (
                stated == "hour"  # an hourly figure is a wage
                or _PAY_WORD.search(head)
                or _PAY_AFTER.match(tail)
                or _BASE.search(clause)
                or (
                    _FIGURE_FIRST.match(text, start, match.start())
                    and _PAY_HEADING.match(text[max(0, start - 80) : start].rstrip().rsplit("\n", 1)[-1])
                )
            ):
                continue
            if _SINGLE_NOT_PAY.search(head) or _SINGLE_NOT_PAY.search(tail):
                continue
            signs_here = [c for c in (cur2, cur1) if c]
            explicit = next((c for c in signs_here if c in _CODE_SET), None)
            currency = explicit or symbol_currency(signs_here[0] if signs_here else "$", country)
            if currency is None:
                continue
            unit = stated or interval_before(head) or _bare_interval(amount, currency)
            if unit == "year" and amount < 1000:
                continue
            lo = None if open_end is not None and open_end.lastgroup == "top" else amount
            # "from $60,000", or "$140,000+" (the sign on the figure; "$100,000 + equity" adds): no maximum
            or_more = _OR_MORE.match(text, match.end(2)) is not None or _AND_UP.match(tail) is not None
            bottom = or_more or (open_end is not None and open_end.lastgroup == "bottom")
            hi = None if bottom else amount
            out.append((match.start(), match.end(), _make(lo, hi, currency, unit)))
    return out


def _from_match(text: str, match: re.Match[str], country: str | None) -> Salary | None:
    cur1, a1, k1, cur2, a2, k2, cur3 = match.groups()
    lo, hi = _amount(a1, k1 or k2), _amount(a2, k2)
    if lo is None or hi is None or hi < lo or hi == 0:
        return None
    head = text[max(0, match.start() - 60) : match.start()]
    tail = text[match.end() : match.end() + 40]
    line_head = _SENTENCE.split(head.rsplit("\n", 1)[-1])[-1]  # "OTE ... (50/50 split). Base salary: $X - $Y"
    if _NOT_PAY.search(line_head) or _TAIL_NOT_PAY.match(tail) or _LAKH_TAIL.match(tail):
        return None
    signs = [c for c in (cur3, cur1, cur2) if c]
    explicit = next((c for c in signs if c in _CODE_SET), None)
    currency = explicit or symbol_currency(signs[0] if signs else "$", country)
    if currency is None:
        return None
    unit = interval_after(tail) or interval_before(head) or _bare_interval(hi, currency)
    if unit == "year" and hi < 1000:
        return None
    return _make(lo, hi, currency, unit)


def _bare(value: str, country: str | None) -> Salary | None:
    match = _BARE.match(value)
    currency = local_currency(country) or "USD"
    if match is None:
        return None
    lo, hi = (
        _amount(match.group(1), match.group(2) or match.group(4)),
        _amount(match.group(3), match.group(4)),
    )
    if lo is None or hi is None or hi < lo:
        return None
    return _make(lo, hi, currency, _bare_interval(hi, currency))


def _bare_interval(hi: float, currency: str) -> str:
    """A range with no stated unit, by size: hour below 200, month below 15,000, or below what 15,000 US
    dollars are worth in a currency of smaller units (a Polish "15 000 - 20 000 PLN" is a month's pay: no
    annual salary there is that low), and at least 1,000,000 for INR and JPY."""
    if hi < 200:
        return "hour"
    rate = USD_PER_UNIT.get(currency)
    month_below = max(15_000, 15_000 / rate if rate else 0, 1_000_000 if currency in ("INR", "JPY") else 0)
    return "month" if hi < month_below else "year"


def _amount(digits: str, k: str | None) -> float | None:
    digits = digits.strip()
    cents = re.match(r"^(.*\d)[.,](\d{1,2})$", digits)
    whole, frac = (cents.group(1), cents.group(2)) if cents else (digits, "")
    whole = re.sub(r"[,.\s'’]", "", whole)
    if not whole.isdigit():
        return None
    value = float(whole) + (float(f"0.{frac}") if frac else 0.0)
    return value * 1000 if k else value
