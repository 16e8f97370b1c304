"""Views of run reports: the markdown and tables the Prefect UI shows, and what changed between two runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schemas.report import RunReport


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    first = rows[0] if rows else [""] * len(header)
    align = ["---:" if isinstance(v, int | float) else "---" for v in first]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    return out + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def tables(report: RunReport) -> dict[str, list[dict[str, object]]]:
    """One list of rows per table artifact; also the source of the markdown."""
    return {
        "counts": [{"count": k, "value": v} for k, v in report.counts.items()],
        "tiers": [
            {
                "tier": t.tier,
                "postings": t.postings,
                "calls": t.calls,
                "tokens_in": t.tokens_in,
                "tokens_out": t.tokens_out,
                "cache_hits": t.cache_hits,
                "latency_p50_ms": t.latency_p50_ms,
                "latency_p95_ms": t.latency_p95_ms,
                "failures": ", ".join(f"{k}: {v}" for k, v in sorted(t.failures.items())),
                "escalation_rate": t.escalation_rate,
                "usd": t.usd,
                "note": " ".join(filter(None, [t.model, t.note])),
            }
            for t in report.tiers
        ],
        "timings": [{"stage": k, "seconds": v} for k, v in report.timings_s.items()],
        "failures": [
            {"board": b.board, "stage": b.stage, "reason": b.reason, "detail": (b.detail or "")[:200]}
            for b in report.failures
        ],
        "dead-letters": [{"reason": k, "items": v} for k, v in sorted(report.dead_letters.items())],
        "skills": [{"skill": s, "postings": n} for s, n in report.top_skills()],
        "alerts": [{"outcome": k, "messages": v} for k, v in sorted(report.deliveries.items())],
        "recovered": [{"run": k, "reason": v} for k, v in sorted(report.recovered.items())],
    }


def render(report: RunReport) -> str:
    views = tables(report)
    head = report.headline()
    lines = [f"# jobmine {report.flow} run `{report.run_id}`", ""]
    lines += [*_table(list(head), [list(head.values())]), ""]
    lines += [
        f"**Estimated LLM cost:** ${report.total_usd:.4f}"
        f" (${report.usd_per_1000_postings:.4f} per 1,000 postings)",
        "",
    ]
    sections = [
        ("Counts", "counts"),
        ("Extraction tiers", "tiers"),
        ("Time per stage (s)", "timings"),
        ("Dead letters", "dead-letters"),
        ("Top skills", "skills"),
        ("Saved-search alerts", "alerts"),
        ("Recovered from dead runs (marked crashed)", "recovered"),
    ]
    for title, key in sections:
        rows = views[key]
        if rows:
            lines += [f"## {title}", "", *_table(list(rows[0]), [list(r.values()) for r in rows]), ""]
    if views["failures"]:
        lines += ["## Failures by reason", ""]
        lines += _table(["reason", "boards"], [[k, v] for k, v in report.failures_by_reason().items()])
        lines += ["", "## Failures", ""]
        lines += _table(list(views["failures"][0]), [list(r.values()) for r in views["failures"]])
    else:
        lines.append("No failures.")
    return "\n".join(lines) + "\n"


def compare(a: RunReport, b: RunReport) -> list[dict[str, object]]:
    """Every figure that differs between run `a` and run `b` (headline, counts, tiers, timings)."""
    rows: list[dict[str, object]] = []

    def add(section: str, name: str, old: float, new: float) -> None:
        if old != new:
            rows.append({"section": section, "name": name, "a": old, "b": new, "delta": round(new - old, 6)})

    for name, value in b.headline().items():
        add("headline", name, a.headline()[name], value)
    for key in sorted(a.counts.keys() | b.counts.keys()):
        add("counts", key, a.counts.get(key, 0), b.counts.get(key, 0))
    tiers_a, tiers_b = {t.tier: t for t in a.tiers}, {t.tier: t for t in b.tiers}
    for tier in sorted(tiers_a.keys() | tiers_b.keys()):
        ta, tb = tiers_a.get(tier), tiers_b.get(tier)
        for field in ("postings", "calls", "tokens_in", "tokens_out", "cache_hits", "usd"):
            add("tiers", f"{tier}.{field}", getattr(ta, field, 0), getattr(tb, field, 0))
    add("cost", "total_usd", a.total_usd, b.total_usd)
    add("cost", "usd_per_1000_postings", a.usd_per_1000_postings, b.usd_per_1000_postings)
    for reason in sorted(a.failures_by_reason().keys() | b.failures_by_reason().keys()):
        add("failures", reason, a.failures_by_reason().get(reason, 0), b.failures_by_reason().get(reason, 0))
    for stage in sorted(a.timings_s.keys() | b.timings_s.keys()):
        add("timings_s", stage, a.timings_s.get(stage, 0.0), b.timings_s.get(stage, 0.0))
    return rows


def render_compare(a: RunReport, b: RunReport) -> str:
    rows = compare(a, b)
    lines = [f"# {a.flow} run `{a.run_id}` (a) → {b.flow} run `{b.run_id}` (b)", ""]
    if not rows:
        return "\n".join([*lines, "No differences."]) + "\n"
    return "\n".join(lines + _table(list(rows[0]), [list(r.values()) for r in rows])) + "\n"
