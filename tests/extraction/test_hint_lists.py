"""Every body rule runs its pattern only on the lines that hold one of its hint words (`textscan`), so a hint
list must name a word of every match, or the pattern's other alternatives are dead: "40 hr/week" was never
read as full-time (hints "hour", "hrs"), "modalidad remota" never as remote (hint "remoto"), "3+ years as a
people manager" never as managing people (hints "team", "group"). Strings are drawn from each pattern
itself, so a new alternative is checked the day it is written."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.fields import boilerplate, employment, remote, rules, seniority, skill_context

RULES: list[tuple[str, re.Pattern[str], Sequence[str]]] = [
    *(
        (f"employment strong {kind.value}", pattern, hints)
        for kind, hints, pattern in employment._STRONG_TEXT
    ),
    *((f"employment weak {kind.value}", pattern, hints) for kind, hints, pattern in employment._WEAK_TEXT),
    ("employment labelled", employment._LABELLED, employment._LABEL_HINTS),
    *((f"remote strong {mode.value}", pattern, hints) for mode, pattern, hints in remote._STRONG_RE),
    *((f"remote weak {mode.value}", pattern, hints) for mode, pattern, hints in remote._WEAK),
    *((f"boilerplate {label}", pattern, hints) for label, pattern, hints in boilerplate._PROSE_KINDS),
    ("boilerplate benefit bullet", boilerplate._BENEFIT_LINE, boilerplate._BENEFIT_HINTS),
    *((f"not asked {hints[0]}", pattern, hints) for hints, pattern in skill_context._NOT_ASKED_RE),
    ("manages people", seniority._MANAGES_PEOPLE, seniority._TEAM_HINTS),
]
# Not listed: the years unit (`seniority._UNIT`), whose hints " ans" and " lat" carry their space on purpose
# (bare, they are inside "plans" and "latest" on nearly every line); the unit after a digit, a bracket or a
# dash at a line's start is left unread.


@pytest.mark.parametrize(("name", "pattern", "hints"), RULES, ids=[name for name, _, _ in RULES])
# Hypothesis warns when the global `random` state moves during a draw. Drawing from a pattern never touches it
# (this file alone runs without the warning): in the full suite, other code running in the process moves it.
@pytest.mark.filterwarnings(
    "ignore:Do not use the `random` module inside strategies:hypothesis.errors.HypothesisDeprecationWarning"
)
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(data=st.data())
def test_every_match_of_a_body_rule_is_on_a_line_holding_one_of_its_hints(
    name: str, pattern: re.Pattern[str], hints: Sequence[str], data: st.DataObject
) -> None:
    text = data.draw(st.from_regex(pattern, fullmatch=False))
    for m in pattern.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        line = text[start : len(text) if end == -1 else end]
        assert any(h in line for h in hints), f"{name}: {m.group(0)!r} holds none of {hints}"


def test_each_hint_list_is_one_the_one_pass_scan_reads():
    """The rules read their lines through one automaton scan per text (`textscan.Vocabulary`), which knows
    only the lists it was built from: each list checked above is one of them."""
    vocabularies = {
        "employment": rules._BODY_HINTS,
        "remote": rules._BODY_HINTS,
        "manages": rules._BODY_HINTS,
        "boilerplate": boilerplate._PROSE_VOCABULARY,
        "not asked": skill_context._NOT_ASKED_VOCABULARY,
    }
    for name, _, hints in RULES:
        vocabulary = next(v for prefix, v in vocabularies.items() if name.startswith(prefix))
        assert vocabulary.mask(hints) is not None, name
