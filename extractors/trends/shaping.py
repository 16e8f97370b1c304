"""Turning trend query rows into the report: windows, filter parameters, suppression, ratios.

No I/O: the SQL in `tasks/trends/trends.sql` counts, this decides what is shown and how.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from extractors.fields.salary import annual_usd_factor
from extractors.search.query import FACET_FIELDS, field_name
from schemas.errors import ConfigError
from schemas.trends import RisingSkill, SalaryBand, TimeOpen, TrendsRequest, WeeklyPoint

_ALIASES = {"source_type": "source"}
# Public search filter names (aliases folded): the parameters of `filtered` in trends.sql.
FILTER_PARAMS = tuple(name for name in FACET_FIELDS if name not in _ALIASES)
WEEK = timedelta(days=7)


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 UTC of the week holding `moment`."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    day = utc.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def window(until: datetime | None, weeks: int, now: datetime) -> tuple[datetime, datetime]:
    """[since, until): whole weeks ending at the first Monday at or after `until` (default: now)."""
    end = until or now
    start_of_week = week_start(end)
    stop = start_of_week if start_of_week == end.astimezone(UTC) else start_of_week + WEEK
    return stop - weeks * WEEK, stop


def filter_params(req: TrendsRequest) -> dict[str, Any]:
    """The typed parameters of `filtered`: a list per filter, None where there is no filter."""
    params: dict[str, Any] = dict.fromkeys(FILTER_PARAMS)
    for name, values in req.filters.items():
        public = _ALIASES.get(field_name(name), name)
        if public not in params:
            raise ConfigError(f"trends cannot filter on {name!r}; choose from {list(FILTER_PARAMS)}")
        if values:
            params[public] = [*(params[public] or []), *values]
    params["salary_min"], params["salary_max"] = req.salary_min, req.salary_max
    params["posted_since"] = req.posted_since
    return params


def weekly_points(rows: Iterable[Mapping[str, Any]]) -> list[WeeklyPoint]:
    """The weekly rows as points (the SQL already kept the `top` values with the most openings)."""
    return [
        WeeklyPoint(
            week=r["week"],
            value=r["value"],
            opened=r["opened"],
            closed=r["closed"],
            open=r["alive"] - r["stale"],
            stale=r["stale"],
        )
        for r in rows
    ]


def salary_bands(rows: Iterable[Mapping[str, Any]], min_count: int) -> tuple[list[SalaryBand], int]:
    """Groups with at least `min_count` postings, with the stated-unit figures; and how many were hidden.

    Inside one (currency, interval) group the annual-USD figure is the stated amount times one constant,
    so a percentile converts back exactly; an unknown currency or interval has no stated figure."""
    shown, hidden = [], 0
    for r in rows:
        if r["n"] < min_count:
            hidden += 1
            continue
        factor = annual_usd_factor(r["currency"], r["interval"])
        usd = [float(x) for x in r["usd"]]
        stated = [round(x / factor, 2) if factor else None for x in usd]
        shown.append(
            SalaryBand(
                job_function=r["job_function"],
                seniority=r["seniority"],
                country=r["country"],
                currency=r["currency"],
                interval=r["interval"],
                count=r["n"],
                p25=stated[0],
                p50=stated[1],
                p75=stated[2],
                p25_annual_usd=round(usd[0]),
                p50_annual_usd=round(usd[1]),
                p75_annual_usd=round(usd[2]),
            )
        )
    return shown, hidden


def time_open(rows: Iterable[Mapping[str, Any]], min_count: int, top: int) -> list[TimeOpen]:
    """Per dimension, the `top` values with most closings, each resting on at least `min_count`."""
    out: list[TimeOpen] = []
    per_dimension: dict[str, int] = defaultdict(int)
    for r in sorted(rows, key=lambda r: (-r["n"], r["dimension"], r["value"])):
        if r["n"] < min_count or per_dimension[r["dimension"]] >= top:
            continue
        per_dimension[r["dimension"]] += 1
        days = [round(float(d), 2) for d in r["days"]]
        out.append(
            TimeOpen(
                dimension=r["dimension"],
                value=r["value"],
                count=r["n"],
                p25_days=days[0],
                p50_days=days[1],
                p75_days=days[2],
                p90_days=days[3],
                share_within_7d=round(r["within_7d"] / r["n"], 4),
                share_within_30d=round(r["within_30d"] / r["n"], 4),
            )
        )
    return out


def rising_skills(rows: Sequence[Mapping[str, Any]], min_count: int, top: int) -> list[RisingSkill]:
    """Skills whose share of new postings grew most from the previous period to this one.

    Only skills asked for by at least `min_count` new postings this period; ties keep the larger count."""
    out = []
    for r in rows:
        if r["now_n"] < min_count or not r["now_total"]:
            continue
        now_share = r["now_n"] / r["now_total"]
        before_share = r["before_n"] / r["before_total"] if r["before_total"] else 0.0
        ratio = round(now_share / before_share, 4) if before_share else None
        out.append(
            RisingSkill(
                skill=r["skill"],
                now_count=r["now_n"],
                before_count=r["before_n"],
                now_share=round(now_share, 4),
                before_share=round(before_share, 4),
                ratio=ratio,
            )
        )
    out.sort(key=lambda s: (s.ratio is not None, -(s.ratio or 0.0), -s.now_count, s.skill))
    return out[:top]


def opened_closed_series(points: Sequence[WeeklyPoint]) -> dict[str, list[Any]]:
    """Chart data: weeks and, summed over values, postings opened, closed, open and stale."""
    weeks = sorted({p.week for p in points})
    index = {w: i for i, w in enumerate(weeks)}
    series: dict[str, list[Any]] = {"weeks": weeks}
    for key in ("opened", "closed", "open", "stale"):
        totals = [0] * len(weeks)
        for p in points:
            totals[index[p.week]] += getattr(p, key)
        series[key] = totals
    return series


def salary_by_function(bands: Sequence[SalaryBand], top: int) -> tuple[str, str, list[SalaryBand]]:
    """Chart data: the most common stated (currency, interval), one band per job function in it.

    One unit per chart, so hourly and annual figures never share an axis; a function's band pools its
    seniorities and countries as the largest group of that function (no averaging of percentiles)."""
    units: dict[tuple[str, str], int] = defaultdict(int)
    for b in bands:
        if b.p50 is not None:
            units[(b.currency, b.interval)] += b.count
    if not units:
        return "", "", []
    currency, interval = max(units, key=lambda u: (units[u], u))
    best: dict[str, SalaryBand] = {}
    for b in bands:
        if (b.currency, b.interval) == (currency, interval) and b.count > getattr(
            best.get(b.job_function), "count", 0
        ):
            best[b.job_function] = b
    chosen = sorted(best.values(), key=lambda b: -(b.p50 or 0))[:top]
    return currency, interval, chosen
