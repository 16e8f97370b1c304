"""The accuracy gate: the rules tier on the frozen test split of gold set v2 may not fall below the
recorded baseline (tests/gold/v2/baseline.json) by more than the tolerance, field by field."""

from __future__ import annotations

import json

import pytest

from schemas.errors import ConfigError
from schemas.settings import Settings
from tasks.extract import gold
from tests.conftest import REAL_FIXTURES


def test_rules_tier_holds_its_baseline_on_the_test_split():
    baseline = json.loads(gold.BASELINE.read_text())
    assert baseline["tier"] == "rules" and baseline["split"] == "test"
    scored = gold.evaluate(Settings(), "rules", "test", REAL_FIXTURES)
    assert scored.fields["skills"].total >= 25, "the test split lost postings"
    assert gold.regressions(scored.as_dict(), baseline["fields"]) == []


def test_the_test_split_never_returns_per_posting_results():
    assert gold.evaluate(Settings(), "rules", "test", REAL_FIXTURES).errors == []
    dev = gold.evaluate(Settings(), "rules", "dev", REAL_FIXTURES)
    assert dev.errors and all(e["id"] for e in dev.errors)


def test_a_drop_beyond_the_tolerance_fails_the_gate():
    base = {"remote_type": {"accuracy": 0.9, "precision": 0.9, "recall": 0.9}, "skills": {"trap_share": 0.04}}
    now = {
        "remote_type": {"accuracy": 0.89, "precision": 0.85, "recall": 0.9},
        "skills": {"accuracy": 0, "precision": 0, "recall": 0, "trap_share": 0.07},
    }
    found = gold.regressions(now, base)
    assert found == [
        "remote_type.precision 0.850 < baseline 0.900",
        "skills.trap_share 0.070 > baseline 0.040",
    ]
    assert gold.regressions({}, base)[0] == "remote_type: missing from the evaluation"


def test_unknown_split_is_a_clear_error():
    with pytest.raises(ConfigError, match="split"):
        gold.load_gold(gold.GOLD, REAL_FIXTURES, "train")
