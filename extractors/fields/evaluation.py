"""Accuracy of an extraction against the blind gold set v2 (tests/gold/README.md): per field accuracy,
precision, recall and coverage; skills scored through the taxonomy, with the share of trap words extracted.

A prediction of null/unknown is an abstention: it lowers recall and coverage, never precision. Gold skills are
free names; each is mapped to a canonical through the taxonomy's names and aliases, and one the taxonomy
lacks counts as a miss (reported as `not_in_taxonomy`, so a gap in the taxonomy is visible as such).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from extractors.fields import taxonomy as tax_mod
from schemas.extracted import JobExtracted

EXACT_FIELDS = ("remote_type", "employment_type", "seniority", "country", "job_function", "years_min")
FIELDS = ("salary", "salary_usd", *EXACT_FIELDS, "seniority_evidenced", "skills")
# Issue targets (test split): the headline metric of each field; skills also have precision and trap limits.
TARGETS = {
    "salary": 0.95,
    "remote_type": 0.95,
    "employment_type": 0.95,
    "seniority_evidenced": 0.85,
    "country": 0.97,
    "skills": 0.70,
}
SKILLS_PRECISION_TARGET, TRAP_SHARE_LIMIT = 0.85, 0.05
_ABSTAIN = (None, "unknown")


@dataclass
class FieldScore:
    """Counts for one field over the postings that label it."""

    total: int = 0
    exact: int = 0
    predicted: int = 0
    labelled: int = 0
    correct: int = 0
    predicted_postings: int = 0
    # skills only
    not_in_taxonomy: int = 0
    # Labelled skills of the taxonomy that the posting names in one of the taxonomy's forms: what matching
    # names can find at most. The rest are written in other words ("a fast, precise writer on technical
    # topics" for Technical writing) or not in the taxonomy. None when the postings' texts were not given.
    named: int | None = None
    traps: int = 0
    traps_extracted: int = 0

    @property
    def accuracy(self) -> float:
        return self.exact / self.total if self.total else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0

    @property
    def coverage(self) -> float:
        """Share of postings with a value (skills: share of postings with at least one)."""
        return self.predicted_postings / self.total if self.total else 0.0

    @property
    def named_share(self) -> float:
        return (self.named or 0) / self.labelled if self.labelled else 0.0

    @property
    def trap_share(self) -> float:
        return self.traps_extracted / self.traps if self.traps else 0.0

    def as_dict(self, name: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n": self.total,
            "accuracy": round(self.accuracy, 4),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "coverage": round(self.coverage, 4),
        }
        if name == "skills":
            out |= {"labelled": self.labelled, "not_in_taxonomy": self.not_in_taxonomy}
            if self.named is not None:
                out |= {"named_in_posting": self.named, "named_share": round(self.named_share, 4)}
            out |= {"traps": self.traps, "trap_share": round(self.trap_share, 4)}
        return out


@dataclass
class Scored:
    """Scores per field, and for each posting the fields it got wrong (shown only for the dev split)."""

    fields: dict[str, FieldScore]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {name: s.as_dict(name) for name, s in self.fields.items()}


def predicted(ext: JobExtracted, name: str) -> Any:
    """The extraction's value for a gold field name."""
    if name == "salary":
        if ext.salary_min is None and ext.salary_max is None:
            return None
        return (
            _num(ext.salary_min),
            _num(ext.salary_max),
            ext.salary_currency,
            ext.salary_interval,
        )
    if name == "salary_usd":
        return None if ext.salary_min_usd is None else (ext.salary_min_usd, ext.salary_max_usd)
    value = ext.years_experience_min if name == "years_min" else getattr(ext, name)
    return value.value if hasattr(value, "value") else value


def wanted(labels: dict[str, Any], name: str) -> Any:
    """The gold value in the same shape as `predicted`."""
    if name == "salary":
        s = labels.get("salary")
        return None if not s else (_num(s["min"]), _num(s["max"]), s["currency"], s["interval"])
    if name == "salary_usd":
        s = labels.get("salary")
        usd = (s or {}).get("annual_usd")
        return tuple(usd) if usd else None
    if name == "seniority_evidenced":
        return labels["seniority"]
    return labels.get(name)


def score(
    pairs: list[tuple[str, JobExtracted, dict[str, Any]]],
    tax: tax_mod.Taxonomy,
    texts: Mapping[str, str] | None = None,
) -> Scored:
    """Scores over (posting id, extraction, labels) triples. With `texts` (posting id -> title and
    description), the skills score also counts the labelled skills each posting names (`FieldScore.named`)."""
    out = Scored(fields={name: FieldScore() for name in FIELDS})
    names = _names(tax)
    forms = _forms(tax) if texts is not None else {}
    named = 0
    for posting_id, ext, labels in pairs:
        wrong: dict[str, Any] = {}
        for name in FIELDS[:-1]:
            if name == "seniority_evidenced":
                if labels.get("seniority_evidence", "none") == "none":
                    continue
                got = predicted(ext, "seniority")
            else:
                got = predicted(ext, name)
            want = wanted(labels, name)
            if not _exact(out.fields[name], got, want, name == "salary_usd"):
                wrong[name] = {"want": want, "got": got}
        skills = _skills(out.fields["skills"], ext, labels, names, tax)
        text = texts.get(posting_id) if texts is not None else None
        if text is not None and "skills" in labels:
            named += _named(labels["skills"], text, names, forms)
        if skills:
            wrong["skills"] = skills
        if wrong:
            out.errors.append({"id": posting_id, "title": ext.role_title, **wrong})
    if texts is not None:
        out.fields["skills"].named = named
    return out


def table(scored: Scored) -> str:
    lines = [
        "| field | n | accuracy | precision | recall | coverage | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, s in scored.fields.items():
        target = TARGETS.get(name)
        headline = s.recall if name == "skills" else s.accuracy
        mark = "" if target is None else f"{target:.2f} {'ok' if headline >= target else 'MISS'}"
        lines.append(
            f"| {name} | {s.total} | {s.accuracy:.3f} | {s.precision:.3f} | {s.recall:.3f} | {s.coverage:.3f} |"
            f" {mark} |"
        )
    sk = scored.fields["skills"]
    named = (
        f", {sk.named} named in the posting in a form the taxonomy holds ({sk.named_share:.3f} of them: what"
        " matching names alone can find)"
        if sk.named is not None
        else ""
    )
    lines.append(
        f"\nskills: {sk.labelled} labelled, {sk.not_in_taxonomy} not in taxonomy (counted as misses){named}; "
        f"trap words extracted {sk.traps_extracted}/{sk.traps} = {sk.trap_share:.3f} "
        f"(limit {TRAP_SHARE_LIMIT:.2f}); precision target {SKILLS_PRECISION_TARGET:.2f}"
    )
    return "\n".join(lines)


def _num(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _exact(s: FieldScore, got: Any, want: Any, near: bool = False) -> bool:
    s.total += 1
    has_got, has_want = got not in _ABSTAIN, want not in _ABSTAIN
    s.predicted += has_got
    s.predicted_postings += has_got
    s.labelled += has_want
    # Annual USD is derived by rounding: a dollar either way is the same figure.
    hit = got == want or (near and has_got and has_want and _close(got, want))
    s.exact += hit
    s.correct += hit and has_got
    return hit


def _close(got: tuple, want: tuple) -> bool:
    return all(
        (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 1)
        for a, b in zip(got, want, strict=True)
    )


def _names(tax: tax_mod.Taxonomy) -> dict[str, str]:
    """Lower-cased canonical name or alias key -> canonical (lower-cased)."""
    return {key: entry.canonical.lower() for key, entry in tax.by_key.items()}


def _forms(tax: tax_mod.Taxonomy) -> dict[str, list[str]]:
    """Canonical (lower-cased) -> every form it is matched by, as lower-cased token sequences."""
    return {canonical.lower(): keys for canonical, keys in tax.aliases().items()}


def _named(labelled: list[str], text: str, names: dict[str, str], forms: dict[str, list[str]]) -> int:
    """How many of the labelled skills (each canonical once) the text names in one of the taxonomy's forms,
    as whole tokens, anywhere in it."""
    spaced = f" {' '.join(tax_mod.tokens(text.lower()))} "
    wanted = {_canonical(name, names) for name in labelled} - {None}
    return sum(any(f" {form} " in spaced for form in forms.get(canon, ())) for canon in wanted if canon)


def _canonical(name: str, names: dict[str, str]) -> str | None:
    return names.get(" ".join(w.lower() for w in tax_mod.tokens(name)))


def _skills(
    s: FieldScore, ext: JobExtracted, labels: dict[str, Any], names: dict[str, str], tax: tax_mod.Taxonomy
) -> dict[str, Any]:
    if "skills" not in labels:
        return {}
    got = {x.lower() for x in ext.skills + ext.tools}
    want: set[str] = set()
    unknown: list[str] = []
    for name in labels["skills"]:
        canon = _canonical(name, names)
        if canon is None:
            unknown.append(name)
        else:
            want.add(canon)
    s.total += 1
    s.exact += got == want and not unknown
    s.predicted += len(got)
    s.predicted_postings += bool(got)
    s.labelled += len(want) + len(unknown)
    s.not_in_taxonomy += len(unknown)
    s.correct += len(got & want)
    traps = []
    for word in labels.get("trap_words", []):
        s.traps += 1
        skills, tools = tax_mod.match(word, tax)
        canon = {_canonical(word, names), *(c.lower() for c in skills + tools)}
        if (canon - want) & got:
            s.traps_extracted += 1
            traps.append(word)
    if got == want and not unknown and not traps:
        return {}
    return {
        "missed": sorted(want - got),
        "not_in_taxonomy": unknown,
        "extra": sorted(got - want),
        "traps_extracted": traps,
    }
