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


def test_extract_with_tier_ollama_uses_the_configured_tier1_host(capsys, monkeypatch):
    with FakeOllama(good_batch) as server:
        monkeypatch.setenv("JOBMINE_TIER1_URL", server.url)
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


def test_eval_prints_dev_and_test_per_field_and_keeps_test_details_hidden(capsys):
    assert main(["eval", "--json", "--fixtures", str(REAL_FIXTURES)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["splits"]) == {"dev", "test"}
    dev = report["splits"]["dev"]
    assert dev["skills"]["n"] >= 40 and report["splits"]["test"]["skills"]["n"] >= 25
    for name in ("salary", "remote_type", "employment_type", "seniority", "country", "job_function"):
        assert set(dev[name]) >= {"accuracy", "precision", "recall", "coverage"}
    assert {"trap_share", "not_in_taxonomy"} <= set(dev["skills"])
    # the labelled skills each posting names: at most those the taxonomy holds, and most of them
    skills = dev["skills"]
    assert (
        skills["labelled"] / 2 < skills["named_in_posting"] <= skills["labelled"] - skills["not_in_taxonomy"]
    )
    assert main(["eval", "--split", "test", "--show-errors", "--fixtures", str(REAL_FIXTURES)]) == 2
    assert "frozen" in capsys.readouterr().err
    assert main(["eval", "--split", "dev", "--show-errors", "--fixtures", str(REAL_FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "not in taxonomy" in out and '"id": "' in out and "split test" not in out
