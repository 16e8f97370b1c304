"""The search page's state: one URL query holds everything, and every link is that query changed once.

Keeping the whole state in the URL makes a search shareable and the back button exact; the functions
here only edit lists of (name, value) pairs, so they cannot put anything but query parameters in a link.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from extractors.fields.salary import USD_PER_UNIT

Pairs = list[tuple[str, str]]
PAGE_FACETS = (
    "company",
    "remote_type",
    "seniority",
    "job_function",
    "employment_type",
    "country",
    "city",
    "skills",
    "tools",
    "source",
)
FACET_LABELS = {
    "company": "Company",
    "remote_type": "Remote",
    "seniority": "Seniority",
    "job_function": "Job function",
    "employment_type": "Employment type",
    "country": "Country",
    "city": "City",
    "skills": "Skills",
    "tools": "Tools",
    "source": "Source",
}
PAGING = ("search_after", "page")  # dropped by every change that makes a new search
_ANNUAL = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}


def link(pairs: Pairs) -> str:
    return "?" + urlencode(pairs) if pairs else "?"


def fresh(pairs: Pairs) -> Pairs:
    return [(k, v) for k, v in pairs if k not in PAGING]


def toggle(pairs: Pairs, name: str, value: str) -> str:
    """The link that adds `name=value`, or removes it when present."""
    base = fresh(pairs)
    if (name, value) in base:
        return link([p for p in base if p != (name, value)])
    return link([*base, (name, value)])


def toggle_exclude(pairs: Pairs, name: str, value: str) -> str:
    """The link that leaves `value` out (and no longer asks for it), or stops leaving it out."""
    base = [p for p in fresh(pairs) if p != (name, value)]
    pair = ("exclude", f"{name}={value}")
    if pair in pairs:
        return link([p for p in base if p != pair])
    return link([*base, pair])


def without(pairs: Pairs, *names: str) -> Pairs:
    return [(k, v) for k, v in fresh(pairs) if k not in names]


def next_page(pairs: Pairs, cursor: str, page: int) -> str:
    return link([*fresh(pairs), ("search_after", cursor), ("page", str(page + 1))])


def facet_rows(counts: dict[str, int], name: str, pairs: Pairs, limit: int = 12) -> list[dict[str, Any]]:
    """Values of one facet with their counts and links; chosen and excluded values first."""
    chosen = [v for k, v in pairs if k == name]
    excluded = [v.split("=", 1)[1] for k, v in pairs if k == "exclude" and v.startswith(f"{name}=")]
    values = list(dict.fromkeys([*chosen, *excluded, *list(counts)[:limit]]))
    return [
        {
            "value": v,
            "count": counts.get(v, 0),
            "chosen": v in chosen,
            "excluded": v in excluded,
            "include_link": toggle(pairs, name, v),
            "exclude_link": toggle_exclude(pairs, name, v),
        }
        for v in values
    ]


def active_filters(pairs: Pairs) -> list[dict[str, str]]:
    """Chips for the filters in force, each with the link that removes it."""
    chips = []
    for k, v in fresh(pairs):
        if k in FACET_LABELS:
            chips.append({"label": f"{FACET_LABELS[k]}: {v}", "link": toggle(pairs, k, v)})
        elif k == "exclude" and "=" in v:
            name, value = v.split("=", 1)
            chips.append(
                {
                    "label": f"not {FACET_LABELS.get(name, name)}: {value}",
                    "link": toggle_exclude(pairs, name, value),
                }
            )
    return chips


def _amount(value: float, currency: str) -> str:
    """A number in the currency's own symbol when it has a common one (the code goes after the range)."""
    text = f"{value / 1000:.0f}k" if value >= 10_000 else f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
    return _SYMBOL.get(currency, "") + text


def salary_text(lo_usd: int | None, hi_usd: int | None, currency: str | None, interval: str | None) -> str:
    """Pay in the posting's own currency and period, from the annual USD the index keeps."""
    if lo_usd is None and hi_usd is None:
        return ""
    cur = (currency or "USD").upper()
    per = interval if interval in _ANNUAL else "year"
    factor = USD_PER_UNIT.get(cur)
    if factor is None:
        cur, factor = "USD", 1.0
    lo, hi = ((None if v is None else v / factor / _ANNUAL[per]) for v in (lo_usd, hi_usd))
    if lo is None and hi is not None:
        span = f"up to {_amount(hi, cur)}"  # an open range, as the posting states it
    elif hi is None and lo is not None:
        span = f"from {_amount(lo, cur)}"
    elif lo is not None and hi is not None and round(lo) != round(hi):
        span = f"{_amount(lo, cur)}–{_amount(hi, cur)}"
    else:
        span = _amount(lo if lo is not None else hi, cur)  # type: ignore[arg-type]
    code = "" if cur in _SYMBOL else f" {cur}"
    return f"{span}{code} / {per}"
