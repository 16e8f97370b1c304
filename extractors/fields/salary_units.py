"""Currencies, intervals and text repair for salary parsing: which currency a sign means in which country,
which words state an interval (in the languages postings use), and the fixed USD table for the derived column."""

from __future__ import annotations

import re

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
# Codes read as stated; those outside the table above get no annual-USD figure.
CODES = "|".join(
    [*USD_PER_UNIT, "CNY", "CZK", "HUF", "RON", "KRW", "AED", "SAR", "TWD", "THB", "IDR", "MYR", "VND", "ARS",
     "CLP", "COP", "PEN", "EGP", "NGN", "KES", "UAH", "BGN"]
)  # fmt: skip
ANNUAL_FACTOR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
LEVER_INTERVALS = {
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-wage": "day",
    "per-hour-wage": "hour",
}

_EURO = [
    "AT",
    "BE",
    "CY",
    "DE",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PT",
    "SI",
    "SK",
]
_LOCAL = {
    **dict.fromkeys(_EURO, "EUR"),
    "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "MX": "MXN", "HK": "HKD", "GB": "GBP",
    "CH": "CHF", "IN": "INR", "JP": "JPY", "CN": "CNY", "PL": "PLN", "SE": "SEK", "NO": "NOK", "DK": "DKK",
    "BR": "BRL", "IL": "ILS", "ZA": "ZAR", "CZ": "CZK", "HU": "HUF", "RO": "RON", "KR": "KRW", "AE": "AED",
    "SA": "SAR", "TW": "TWD", "TH": "THB", "ID": "IDR", "MY": "MYR", "VN": "VND", "AR": "ARS", "CL": "CLP",
    "CO": "COP", "PE": "PEN", "EG": "EGP", "NG": "NGN", "KE": "KES", "UA": "UAH", "BG": "BGN",
}  # fmt: skip
_DOLLAR_COUNTRIES = {"US", "CA", "AU", "NZ", "SG", "MX", "HK"}
_FIXED_SIGNS = {
    "US$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "NZ$": "NZD", "S$": "SGD", "HK$": "HKD",
    "R$": "BRL", "₪": "ILS",
    "€": "EUR", "£": "GBP", "₹": "INR", "RS": "INR", "RS.": "INR", "ZŁ": "PLN", "PLN": "PLN", "EURO": "EUR",
    "EUROS": "EUR",
}  # fmt: skip
# UTF-8 signs read as Latin-1 / Windows-1252 ("Â£60,000"), and the dashes and spaces that come with them.
_MOJIBAKE = {
    "Â£": "£", "Â¥": "¥", "Â€": "€", "â‚¬": "€", "â‚¹": "₹", "Ã©": "é", "Å‚": "ł", "zÅ‚": "zł",
    "â€“": "–", "â€”": "—", "Â\xa0": " ", "Â ": " ",
}  # fmt: skip
_MOJIBAKE_RE = re.compile("|".join(re.escape(k) for k in sorted(_MOJIBAKE, key=len, reverse=True)))

_UNITS = [  # (interval, words that state it), matched lower-case
    (
        "hour",
        r"hour|hr\b|hourly|/ ?h\b|stundenlohn|pro stunde|godz|de l.heure|/heure|por hora|la hora|timme|per uur|all.ora",
    ),
    (
        "month",
        r"month|mo\b|monthly|mies|monat|par mois|mensuel|al mes|por mes|mensual|mån|måned|maand|mês|mensa|al mese|mensil",
    ),
    ("week", r"week|wk\b|weekly|woche|semaine|semana|tydzień"),
    ("day", r"\bday\b|daily|per diem|/ ?d\b|tag\b|jour|día|dzień"),
    (
        "year",
        r"year|yr\b|annum|annual|yearly|jahr|jährlich|rocznie|rok\b|par an\b|annuel|al año|anual|/år|per år|året|jaar|por año|ao ano|por ano|annu[oi]\b",
    ),
]
_UNIT_RE = [(unit, re.compile(words)) for unit, words in _UNITS]
_TAIL = re.compile(
    r"^[\s,.)]*(?:[A-Z]{3}\b|zł|kr\.?|pln|gross|net|brutto|netto|b2b|uop|\+ ?vat|\(|/|per|an?\b|each|\s)*"
)


def repair(text: str) -> str:
    """Mis-encoded currency signs back to the sign they were."""
    if "Â" not in text and "â" not in text and "Ã" not in text and "Å" not in text:
        return text
    return _MOJIBAKE_RE.sub(lambda m: _MOJIBAKE[m.group(0)], text)


def local_currency(country: str | None) -> str | None:
    return _LOCAL.get((country or "").upper())


def symbol_currency(sign: str, country: str | None) -> str | None:
    """The ISO code a sign means in a posting located in `country` ("$" in Canada is CAD)."""
    sign = sign.strip()
    upper = sign.upper()
    if upper in _FIXED_SIGNS:
        return _FIXED_SIGNS[upper]
    if re.fullmatch(r"[A-Z]{3}", sign):
        return sign
    country = (country or "").upper()
    if sign == "$":
        return _LOCAL[country] if country in _DOLLAR_COUNTRIES else "USD"
    if upper in ("KR", "KR."):
        return _LOCAL.get(country) if country in ("SE", "NO", "DK") else "SEK"
    if sign == "¥":
        return "CNY" if country == "CN" else "JPY"
    return None


def interval_after(tail: str) -> str | None:
    """The interval stated right after a range ("/year", "per hour", "PLN brutto miesięcznie")."""
    lead = _TAIL.match(tail)
    rest = tail[lead.end() if lead else 0 :].lower()[:16]
    if not rest and lead is None:
        return None
    window = (tail[: lead.end()] if lead else "").lower() + rest
    return _first_unit(window)


def interval_before(head: str) -> str | None:
    """The interval named in the label before a range ("Hourly pay range:", "Annual salary")."""
    label = head.rsplit("\n", 1)[-1].lower()[-40:]
    return (
        _first_unit(label)
        if re.search(r"pay|salary|rate|range|wage|compensation|gehalt|wynagrodzenie", label)
        else None
    )


def _first_unit(window: str) -> str | None:
    best: tuple[int, str] | None = None
    for unit, pattern in _UNIT_RE:
        m = pattern.search(window)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), unit)
    return best[1] if best else None
