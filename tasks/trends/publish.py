"""Writing a trends report where people look: JSON, markdown and PNG charts under `reports/trends/`."""

from __future__ import annotations

from pathlib import Path

from extractors.trends.views import to_markdown
from schemas.trends import TrendsReport
from tasks.trends.charts import write_charts


def report_folder(reports_dir: Path, report: TrendsReport) -> Path:
    """`reports/trends/<last day of the window>/`: one folder per window, rewritten if run again."""
    return reports_dir / "trends" / report.until.date().isoformat()


def write_report(report: TrendsReport, folder: Path) -> tuple[Path, list[Path]]:
    """trends.json, the charts, then trends.md linking them; returns the markdown and chart paths."""
    charts = write_charts(report, folder)
    (folder / "trends.json").write_text(report.model_dump_json(indent=2))
    markdown = folder / "trends.md"
    markdown.write_text(to_markdown(report, [c.name for c in charts]))
    return markdown, charts
