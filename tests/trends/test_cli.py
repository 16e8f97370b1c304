"""`jobmine trends` and `jobmine export` through the command's own entry point."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from flows.cli import main as cli
from tests.trends.conftest import insert


def test_trends_command_prints_table_json_and_writes_charts(settings, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("JOBMINE_DATABASE_URL", settings.pg_dsn)
    insert(
        settings.pg_dsn,
        [
            {"first_seen": "2026-11-03", "last_seen": "2026-12-02", "skills": ["rust"]},
            {"first_seen": "2026-11-10", "closed": "2026-11-20"},
        ],
    )
    args = ["trends", "--refresh", "--until", "2026-11-30", "--weeks", "4", "--min-count", "1"]
    assert cli.main([*args, "--plot", str(tmp_path / "charts")]) == 0
    out = capsys.readouterr().out
    assert "2026-11-16         0       1       1       0" in out  # the week the second posting closed
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == [
        "opened_closed.png",
        "rising_skills.png",
        "salary_bands.png",
    ]
    assert cli.main([*args, "--json", "--filter", "company=Nobody"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["filters"] == {"company": ["Nobody"]} and sum(p["opened"] for p in report["weekly"]) == 0
    assert cli.main([*args, "--filter", "colour=red"]) == 2


def test_export_command_writes_both_datasets(settings, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("JOBMINE_DATABASE_URL", settings.pg_dsn)
    insert(settings.pg_dsn, [{"first_seen": "2026-11-03", "closed": "2026-11-05"}])
    assert cli.main(["export", "--to", str(tmp_path), "--since", "2026-11-01", "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)
    assert [(x["dataset"], x["rows"]) for x in lines] == [("postings", 1), ("ledger", 2)]
    assert cli.main(["export", "--to", str(tmp_path), "--format", "xml"]) == 2
    assert pq.read_table(tmp_path / "ledger").column("event").to_pylist() == ["opened", "closed"]
