"""How tier-1 batches are formed and retried, with the call itself injected (no I/O here).

A call answers a group of postings; the valid answers are kept and the postings whose answers failed
validation are retried: a whole group that failed is split in halves, the few bad postings of a mostly good
group are pooled with those of other groups and re-batched. A posting that has used its attempts (the last
ones alone in its call) is given up and escalated. This keeps calls near `postings / batch_size` when a few
answers are bad, instead of one extra call per bad answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
A = TypeVar("A")


@dataclass
class GroupResult(Generic[A]):
    """What one call gave back: answers by key, and a failure reason for every other key."""

    good: dict[str, A]
    bad: dict[str, str]


@dataclass
class BatchOutcome(Generic[A]):
    answers: dict[str, A] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    calls: int = 0


def run_batches(
    items: Sequence[T],
    key: Callable[[T], str],
    call_groups: Callable[[list[list[T]]], list[GroupResult[A]]],
    batch_size: int,
    max_attempts: int,
    alone: Callable[[T], bool] = lambda _: False,
) -> BatchOutcome[A]:
    """Answer every item in as few calls as the failures allow; `alone` items never share a call."""
    out: BatchOutcome[A] = BatchOutcome()
    attempts: dict[str, int] = {}
    shared = [i for i in items if not alone(i)]
    groups = _chunks(shared, batch_size) + [[i] for i in items if alone(i)]
    while groups:
        results = call_groups(groups)
        out.calls += len(groups)
        pool: list[T] = []
        next_groups: list[list[T]] = []
        for group, result in zip(groups, results, strict=True):
            out.answers |= result.good
            retry = []
            for item in group:
                k = key(item)
                if k in result.good:
                    continue
                attempts[k] = attempts.get(k, 0) + 1
                if attempts[k] >= max_attempts:
                    out.failed[k] = result.bad.get(k, "no_answer")
                else:
                    retry.append(item)
            if retry and len(retry) == len(group) and len(group) > 1:
                half = (len(group) + 1) // 2
                next_groups += [retry[:half], retry[half:]]
            elif any(alone(i) for i in retry):
                next_groups += [[i] for i in retry]
            else:
                pool += retry
        # The last try of a posting is made alone, so one bad neighbour cannot sink it.
        last = [i for i in pool if attempts[key(i)] == max_attempts - 1]
        rest = [i for i in pool if attempts[key(i)] < max_attempts - 1]
        groups = next_groups + _chunks(rest, batch_size) + [[i] for i in last]
    return out


def _chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
