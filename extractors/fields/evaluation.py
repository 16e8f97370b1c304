"""Accuracy of an extraction against hand labels: exact match for enums and salary, F1 for skills."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.extracted import JobExtracted

# Field name in the gold labels -> how to read the predicted value.
EXACT_FIELDS = ("salary", "remote_type", "employment_type", "seniority", "country", "job_function")
SET_FIELDS = ("skills",)
TARGETS = {
    "salary": 0.95,
    "remote_type": 0.90,
    "employment_type": 0.95,
    "seniority": 0.85,
    "country": 0.95,
    "skills": 0.80,
}
_ABSTAIN = (None, "unknown", [], ())


@dataclass
class FieldScore:
    """Counts for one field; a prediction of null/unknown is an abstention, not a wrong answer."""

    predicted: int = 0
    labelled: int = 0
    correct: float = 0.0
    exact: int = 0
    total: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        """Share of postings whose value equals the label exactly (abstaining right on unlabelled ones counts)."""
        return self.exact / self.total if self.total else 1.0


def predicted(ext: JobExtracted, name: str) -> Any:
    if name == "salary":
        return None if ext.salary_min_usd is None else [ext.salary_min_usd, ext.salary_max_usd]
    if name == "skills":
        return sorted({s.lower() for s in ext.skills + ext.tools})
    value = getattr(ext, name)
    return value.value if hasattr(value, "value") else value


def score(pairs: list[tuple[JobExtracted, dict[str, Any]]]) -> dict[str, FieldScore]:
    """Scores per field over (extraction, labels) pairs; a field absent from a posting's labels is skipped."""
    out = {name: FieldScore() for name in (*EXACT_FIELDS, *SET_FIELDS)}
    for ext, labels in pairs:
        for name in EXACT_FIELDS:
            if name in labels:
                _exact(out[name], predicted(ext, name), labels[name])
        for name in SET_FIELDS:
            if name in labels:
                _set(out[name], predicted(ext, name), labels[name])
    return out


def table(scores: dict[str, FieldScore]) -> str:
    lines = [
        "| field | n | accuracy | precision | recall | F1 | target |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in scores.items():
        target = TARGETS.get(name)
        headline = s.f1 if name in SET_FIELDS else s.accuracy
        mark = "" if target is None else (" ok" if headline >= target else " MISS")
        lines.append(
            f"| {name} | {s.total} | {s.accuracy:.3f} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
            f" {'' if target is None else f'{target:.2f}'}{mark} |"
        )
    return "\n".join(lines)


def _exact(s: FieldScore, got: Any, want: Any) -> None:
    s.total += 1
    s.predicted += got not in _ABSTAIN
    s.labelled += want not in _ABSTAIN
    hit = got == want
    s.exact += hit
    s.correct += hit and got not in _ABSTAIN


def _set(s: FieldScore, got: list[str], want: list[str]) -> None:
    g, w = set(got), {x.lower() for x in want}
    s.total += 1
    s.exact += g == w
    s.predicted += len(g)
    s.labelled += len(w)
    s.correct += len(g & w)
