"""`jobmine extract` and `jobmine eval` from the shell, on the real recorded payloads."""

from __future__ import annotations

import json

from flows.cli.main import main
from tests.conftest import REAL_FIXTURES
from tests.fakes.llm_servers import FakeOllama, good_batch


def test_extract_prints_one_json_line_per_posting_with_field_tiers(capsys):
    assert main(["extract", "file", "lever", str(REAL_FIXTURES / "lever_postings_people-ai.json")]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 4
    director = next(x for x in lines if x["role_title"] == "Director of IT")
    assert (director["salary_min_usd"], director["salary_max_usd"]) == (200000, 270000)
    assert director["field_tiers"]["salary_min_usd"] == "ats"
    assert director["seniority"] == "director" and director["field_tiers"]["seniority"] == "rules"


def test_extract_with_tier_ollama_uses_the_configured_host(capsys, monkeypatch):
    with FakeOllama(good_batch) as server:
        monkeypatch.setenv("JOBMINE_OLLAMA_URL", server.url)
        code = main(
            [
                "extract",
                "file",
                "lever",
                str(REAL_FIXTURES / "lever_postings_people-ai.json"),
                "--tier",
                "ollama",
            ]
        )
    assert code == 0 and len(server.requests) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(x["field_tiers"]["summary"] == "ollama" for x in lines)


def test_bad_input_is_one_clear_error(tmp_path, capsys):
    bad = tmp_path / "board.json"
    bad.write_text("<html>nope</html>")
    assert main(["extract", "file", "greenhouse", str(bad)]) == 2
    assert "html_body" in capsys.readouterr().err
    assert main(["extract", "file", "lever", str(tmp_path / "missing.json")]) == 2
    assert (
        main(
            [
                "extract",
                "file",
                "lever",
                str(REAL_FIXTURES / "lever_postings_people-ai.json"),
                "--tier",
                "openai",
            ]
        )
        == 2
    )
    assert "JOBMINE_OPENAI_API_KEY" in capsys.readouterr().err


def test_eval_rules_tier_meets_the_targets_on_the_gold_set(capsys):
    assert main(["eval", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["postings"] >= 60
    fields = report["fields"]
    assert fields["salary"]["accuracy"] >= 0.95
    assert fields["remote_type"]["accuracy"] >= 0.90
    assert fields["employment_type"]["accuracy"] >= 0.95
    assert fields["seniority"]["accuracy"] >= 0.85
    assert fields["country"]["accuracy"] >= 0.95
    assert fields["skills"]["f1"] >= 0.80
