"""`jobmine discover parse-url`, `import-csv` and `list` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.cli.main import main
from schemas.settings import Settings


def test_parse_url_prints_one_verdict_per_url(capsys: pytest.CaptureFixture[str]) -> None:
    urls = ["https://boards.greenhouse.io/stripe/jobs/1", "https://jobs.ashbyhq.com/Ramp", "https://x.io/a"]
    assert main(["discover", "parse-url", *urls]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "greenhouse\tstripe",
        "ashby\tRamp",
        "reject\thost_not_an_ats_board_host",
    ]
    assert main(["discover", "parse-url", "--json", "https://jobs.lever.co/palantir/x"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert (row["source_type"], row["token"], row["reason"]) == ("lever", "palantir", None)


def test_import_csv_registers_candidates_and_reports_refused_rows(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBMINE_DATABASE_URL", settings.pg_dsn)
    csv = tmp_path / "candidates.csv"
    csv.write_text("url,source_type,token\nhttps://jobs.lever.co/palantir,,\n,ashby,Ramp\n,lever,../etc\n")
    assert main(["discover", "import-csv", str(csv)]) == 0
    out = capsys.readouterr()
    assert "2 candidates (2 new), 1 rows refused" in out.out
    assert "reject\tline 4\ttoken: token_has_dot" in out.err
    assert main(["discover", "import-csv", str(csv)]) == 0  # twice: nothing new
    assert "(0 new)" in capsys.readouterr().out
    assert main(["discover", "list", "--status", "pending"]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["ashby:Ramp", "lever:palantir"]


def test_import_csv_bad_input_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discover", "import-csv", str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("name,age\nx,1\n")
    assert main(["discover", "import-csv", str(bad)]) == 2
    assert "needs a header" in capsys.readouterr().err
