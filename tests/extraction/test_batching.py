"""The tier-1 batch plan with a scripted call: splitting, pooling, giving up, isolating suspicious items."""

from __future__ import annotations

import random

from extractors.llm.batching import GroupResult, run_batches


def _caller(bad, log):
    def call_groups(groups):
        out = []
        for group in groups:
            log.append(list(group))
            good = {k: k.upper() for k in group if not bad(k, group)}
            out.append(GroupResult(good=good, bad={k: "bad" for k in group if k not in good}))
        return out

    return call_groups


def test_all_good_is_one_call_per_batch():
    log = []
    out = run_batches([f"p{i}" for i in range(45)], str, _caller(lambda k, g: False, log), 20, 3)
    assert out.calls == 3 and [len(g) for g in log] == [20, 20, 5] and len(out.answers) == 45


def test_whole_batch_failure_splits_in_halves():
    log, state = [], {"first": True}

    def bad(k, group):
        return len(group) == 20 and state["first"]

    def caller(groups):
        res = _caller(bad, log)(groups)
        state["first"] = False
        return res

    out = run_batches([f"p{i}" for i in range(20)], str, caller, 20, 3)
    assert [len(g) for g in log] == [20, 10, 10] and len(out.answers) == 20 and not out.failed


def test_a_posting_that_always_fails_is_given_up_after_its_attempts_and_tried_alone_last():
    log = []
    out = run_batches([f"p{i}" for i in range(10)], str, _caller(lambda k, g: k == "p3", log), 20, 3)
    assert out.failed == {"p3": "bad"} and len(out.answers) == 9
    assert log[-1] == ["p3"] and sum("p3" in g for g in log) == 3


def test_suspicious_items_never_share_a_call():
    log = []
    run_batches(
        [f"p{i}" for i in range(5)], str, _caller(lambda k, g: False, log), 20, 3, alone=lambda k: k == "p2"
    )
    assert ["p2"] in log and all("p2" not in g or len(g) == 1 for g in log)


def test_five_percent_bad_answers_stay_under_60_calls_per_1000():
    rng = random.Random(5)
    out = run_batches(
        [f"p{i}" for i in range(1000)], str, _caller(lambda k, g: rng.random() < 0.05, []), 20, 3
    )
    assert out.calls <= 60 and len(out.answers) + len(out.failed) == 1000
