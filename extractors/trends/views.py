"""A trends report as tables and markdown: what the CLI prints, the demo ends with and the artifact shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractors.trends.shaping import opened_closed_series
from schemas.trends import TrendsReport


def weekly_table(report: TrendsReport) -> list[dict[str, Any]]:
    """One row per week, summed over the values shown."""
    s = opened_closed_series(report.weekly)
    return [
        {"week": w.date().isoformat(), "opened": o, "closed": c, "open": op, "stale": st}
        for w, o, c, op, st in zip(s["weeks"], s["opened"], s["closed"], s["open"], s["stale"], strict=True)
    ]


def tables(report: TrendsReport) -> dict[str, list[dict[str, Any]]]:
    return {
        "weekly": weekly_table(report),
        "salary": [b.model_dump() for b in report.salary],
        "time_open": [t.model_dump() for t in report.time_open],
        "rising_skills": [s.model_dump() for s in report.rising_skills],
        "freshness": [report.freshness.model_dump()] if report.freshness else [],
    }


def _md_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> list[str]:
    if not rows:
        return ["(none)"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in rows:
        lines.append("| " + " | ".join("" if r.get(c) is None else str(r.get(c)) for c in columns) + " |")
    return lines


def to_markdown(report: TrendsReport, charts: Sequence[str] = ()) -> str:
    """The weekly report: freshness, weekly counts, salary bands, time open, rising skills, chart links."""
    t = tables(report)
    out = [
        f"# jobmine trends {report.since.date()} .. {report.until.date()}",
        f"Filters: {report.filters or 'none'}; figures behind fewer than {report.min_count} postings are hidden.",
        "",
        "## Freshness (stale: board not fetched lately, neither open nor closed)",
        *_md_table(t["freshness"], ["open", "stale", "closed", "ghost", "reposted"]),
        "",
        "## Postings per week",
        *_md_table(t["weekly"], ["week", "opened", "closed", "open", "stale"]),
        "",
        f"## Salary (as stated; annual USD is a converted view; {report.salary_hidden} small groups hidden)",
        *_md_table(
            t["salary"][:15],
            [
                "job_function",
                "seniority",
                "country",
                "currency",
                "interval",
                "count",
                "p25",
                "p50",
                "p75",
                "p50_annual_usd",
            ],
        ),
        "",
        "## Days open (first seen to closed)",
        *_md_table(
            t["time_open"], ["dimension", "value", "count", "p25_days", "p50_days", "p75_days", "p90_days"]
        ),
        "",
        "## Rising skills (share of new postings, this period vs the one before)",
        *_md_table(
            t["rising_skills"], ["skill", "now_count", "before_count", "now_share", "before_share", "ratio"]
        ),
    ]
    if charts:
        out += ["", "## Charts", *(f"- [{c.rsplit('/', 1)[-1]}]({c})" for c in charts)]
    return "\n".join(out) + "\n"


def short_text(report: TrendsReport, last_weeks: int = 6) -> str:
    """A few lines for a terminal: freshness, the last weeks' counts, the top rising skills."""
    lines = [f"Trends {report.since.date()} .. {report.until.date()} (filters: {report.filters or 'none'})"]
    if report.freshness:
        f = report.freshness
        lines.append(
            f"now: {f.open} open, {f.stale} stale, {f.closed} closed; {f.ghost} ghost suspects, {f.reposted} reposts"
        )
    rows = weekly_table(report)[-last_weeks:]
    if rows:
        lines.append(f"{'week':<12}{'opened':>8}{'closed':>8}{'open':>8}{'stale':>8}")
        lines += [
            f"{r['week']:<12}{r['opened']:>8}{r['closed']:>8}{r['open']:>8}{r['stale']:>8}" for r in rows
        ]
    if report.rising_skills:
        top = ", ".join(
            f"{s.skill} x{s.ratio}" if s.ratio else f"{s.skill} (new)" for s in report.rising_skills[:5]
        )
        lines.append(f"rising skills: {top}")
    return "\n".join(lines)
