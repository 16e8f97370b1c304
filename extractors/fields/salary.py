"""Salary ranges from ATS fields or text, annualized and converted to USD."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Mid-market rates to USD as of 2026-11-02 (ECB reference rates, rounded); a dated table, not live FX.
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.16,
    "GBP": 1.31,
    "CAD": 0.71,
    "AUD": 0.65,
    "CHF": 1.24,
    "INR": 0.0113,
    "JPY": 0.0065,
    "SGD": 0.77,
    "PLN": 0.27,
    "SEK": 0.105,
    "NOK": 0.099,
    "DKK": 0.155,
    "BRL": 0.185,
    "MXN": 0.054,
    "NZD": 0.57,
    "ILS": 0.30,
    "ZAR": 0.057,
    "HKD": 0.128,
}
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "zł": "PLN"}
_HOURS_PER_YEAR = 2080
_ANNUAL_FACTOR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": _HOURS_PER_YEAR}
_LEVER_INTERVALS = {
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-wage": "day",
    "per-hour-wage": "hour",
}

_AMOUNT = r"(\d{1,3}(?:[,.\s]\d{3})+|\d+(?:\.\d+)?)\s*([kK])?"
_CODES = "USD|EUR|GBP|CAD|AUD|CHF|PLN|INR|JPY|SGD|SEK|NOK|DKK|BRL|MXN|NZD|ILS|ZAR|HKD"
_CODE_LIST = (*_CODES.split("|"), "zł", "€")
_CUR = rf"(US\$|CA\$|C\$|A\$|S\$|\$|€|£|{_CODES})"
# Case-sensitive on purpose: IGNORECASE makes the currency alternation ~100x slower; words are (?i:...).
_PER = r"(?:\s*(?i:per|/|an|a|each)\s*(?i:(year|yr|annum|hour|hr|month|mo|week|day)))?"
_RANGE = re.compile(rf"{_CUR}\s?{_AMOUNT}\s*(?:-|–|—|(?i:to))\s*{_CUR}?\s?{_AMOUNT}(?:\s*({_CODES}))?{_PER}")
# "8 000 - 12 000 PLN per month": the currency comes after both amounts.
_RANGE_SUFFIX = re.compile(
    rf"(){_AMOUNT}\s*(?:-|–|—|(?i:to))\s*(){_AMOUNT}\s*({_CODES}|zł|€)"
    rf"(?:\s*(?i:gross|net|brutto|netto))?{_PER}"
)
_PREFIX_CURRENCY = {"US$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "S$": "SGD"}


@dataclass(frozen=True)
class Salary:
    """A range as stated (currency, interval) and its annual USD equivalent."""

    min_amount: float
    max_amount: float
    currency: str
    interval: str
    min_usd: int | None
    max_usd: int | None


def annual_usd_factor(currency: str, interval: str) -> float | None:
    """Annual USD per one unit of `currency` paid per `interval` (None when either is not known)."""
    rate = USD_PER_UNIT.get(currency.upper())
    factor = _ANNUAL_FACTOR.get(interval)
    if rate is None or factor is None:
        return None
    return factor * rate


def annual_usd(amount: float, currency: str, interval: str) -> int | None:
    factor = annual_usd_factor(currency, interval)
    return None if factor is None else round(amount * factor)


def from_fields(
    lo: float | None, hi: float | None, currency: str | None, interval: str | None
) -> Salary | None:
    """A salary from an ATS's structured range (Lever `salaryRange`, Ashby compensation)."""
    if lo is None and hi is None:
        return None
    lo, hi = lo if lo is not None else hi, hi if hi is not None else lo
    assert lo is not None and hi is not None
    lo, hi = min(lo, hi), max(lo, hi)
    cur = (currency or "USD").upper()
    unit = _LEVER_INTERVALS.get(interval or "", interval or "year")
    return Salary(lo, hi, cur, unit, annual_usd(lo, cur, unit), annual_usd(hi, cur, unit))


def from_text(text: str) -> Salary | None:
    """The first salary range written in prose, e.g. `$120,000 - $150,000` or `£60k–£75k per year`."""
    codes = [c for c in _CODE_LIST if c in text]
    if not codes and not any(sym in text for sym in "$€£"):
        return None  # most texts: one substring scan instead of two regex passes
    matches = list(_RANGE.finditer(text))
    if codes:
        matches = sorted([*matches, *_RANGE_SUFFIX.finditer(text)], key=lambda m: m.start())
    for match in matches:
        cur1, a1, k1, cur2, a2, k2, cur3, per = match.groups()
        lo, hi = _amount(a1, k1 or k2), _amount(a2, k2)
        if lo is None or hi is None or hi < lo:
            continue
        currency = _currency(cur1 or cur2 or cur3 or "$")
        unit = _unit(per) if per else ("hour" if hi < 500 else "year")
        if unit == "year" and hi < 1000:
            continue
        return Salary(lo, hi, currency, unit, annual_usd(lo, currency, unit), annual_usd(hi, currency, unit))
    return None


def _amount(digits: str, k: str | None) -> float | None:
    cleaned = re.sub(r"[,.\s](?=\d{3}\b)", "", digits)
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value * 1000 if k else value


def _currency(token: str) -> str:
    token = token.strip()
    upper = token.upper()
    return _PREFIX_CURRENCY.get(upper) or _SYMBOLS.get(token) or upper


def _unit(per: str) -> str:
    per = per.lower()
    return {"yr": "year", "annum": "year", "hr": "hour", "mo": "month"}.get(per, per)
