"""PNG charts of a trends report (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from extractors.trends.shaping import opened_closed_series, salary_by_function
from schemas.trends import TrendsReport


def _save(fig: Figure, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def opened_closed(report: TrendsReport, path: Path) -> Path:
    """Bars of postings opened and closed per week; lines of open and stale at each week's end."""
    s = opened_closed_series(report.weekly)
    labels = [w.strftime("%b %d") for w in s["weeks"]]
    x = range(len(labels))
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.bar([i - 0.2 for i in x], s["opened"], width=0.4, label="opened", color="#2b8cbe")
    ax.bar([i + 0.2 for i in x], s["closed"], width=0.4, label="closed", color="#e34a33")
    ax.set_ylabel("postings per week")
    ax.set_xticks(list(x), labels, rotation=45, ha="right")
    ax2 = ax.twinx()
    ax2.plot(list(x), s["open"], color="#31a354", marker="o", label="open at week end")
    ax2.plot(list(x), s["stale"], color="#969696", marker=".", linestyle="--", label="stale at week end")
    ax2.set_ylabel("postings open / stale")
    ax2.set_ylim(bottom=0)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles, [str(h.get_label()) for h in handles], loc="upper left", fontsize=8)
    ax.set_title(f"Postings opened and closed per week (weeks starting Monday, UTC), {report.by}")
    return _save(fig, path)


def salary_bands(report: TrendsReport, path: Path, top: int = 10) -> Path:
    """p25-p75 bands with the median, one per job function, in one stated currency and interval."""
    currency, interval, bands = salary_by_function(report.salary, top)
    fig, ax = plt.subplots(figsize=(9, 0.5 * max(len(bands), 2) + 1.5))
    if not bands:
        ax.text(0.5, 0.5, f"no salary group with at least {report.min_count} postings", ha="center")
        ax.set_axis_off()
        return _save(fig, path)
    bands = list(reversed(bands))  # highest median on top
    y = range(len(bands))
    ax.barh(list(y), [b.p75 - b.p25 for b in bands], left=[b.p25 for b in bands], color="#9ecae1", height=0.5)
    ax.scatter([b.p50 for b in bands], list(y), color="#08519c", zorder=3, label="median")
    low, high = min(b.p25 for b in bands), max(b.p75 for b in bands)
    ax.set_xlim(low - 0.08 * (high - low or high), high + 0.08 * (high - low or high))  # bars never touch
    labels = [f"{b.job_function} ({b.seniority}, {b.country}) n={b.count}" for b in bands]
    ax.set_yticks(list(y), labels, fontsize=8)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel(f"{currency} per {interval}, as stated (band: 25th to 75th percentile)")
    ax.set_title("Salary bands per job function (largest group of each)")
    ax.legend(loc="lower right", fontsize=8)
    return _save(fig, path)


def rising_skills(report: TrendsReport, path: Path) -> Path:
    """Share of new postings asking for each rising skill: this period against the one before."""
    skills = list(reversed(report.rising_skills))
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(skills), 2) + 1.5))
    if not skills:
        ax.text(0.5, 0.5, "no skill with enough new postings", ha="center")
        ax.set_axis_off()
        return _save(fig, path)
    y = range(len(skills))
    ax.barh(
        [i + 0.2 for i in y],
        [100 * s.now_share for s in skills],
        height=0.4,
        label="this period",
        color="#31a354",
    )
    ax.barh(
        [i - 0.2 for i in y],
        [100 * s.before_share for s in skills],
        height=0.4,
        label="period before",
        color="#bdbdbd",
    )
    labels = [
        f"{s.skill} (x{s.ratio:.2f}, n={s.now_count})" if s.ratio else f"{s.skill} (new, n={s.now_count})"
        for s in skills
    ]
    ax.set_yticks(list(y), labels, fontsize=8)
    ax.set_xlabel("% of new postings asking for it")
    ax.set_title("Top rising skills")
    ax.legend(loc="lower right", fontsize=8)
    return _save(fig, path)


def write_charts(report: TrendsReport, folder: Path) -> list[Path]:
    """The three charts of the weekly report, into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        opened_closed(report, folder / "opened_closed.png"),
        salary_bands(report, folder / "salary_bands.png"),
        rising_skills(report, folder / "rising_skills.png"),
    ]
