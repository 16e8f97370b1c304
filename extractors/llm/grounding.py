"""Keep only what the posting states: a model's salary, years and skills are checked against the text it read.

A language model asked for a field the rules left open fills it: measured on the gold set, the local 270M
model states salaries no posting gives (salary precision 0.36-0.43 on the test split against 0.73 for the
rules alone) and adds skills nobody asked for (skills precision 0.35-0.38 against 0.69), while it adds no
correct skill the rules miss. A stated value leaves a trace in the text; a guessed one does not:
- a salary bound is a number written in the text ("120,000", "120k", "120.000", "45.50");
- a minimum of years is a number of years written in the text ("5+ years", "three years"; the units and
  number words of the years rules, `seniority.years_written`);
- a skill or tool is named in the text: a taxonomy name where the rules' matcher accepts it there (by any of
  its aliases: "JS" for JavaScript; not "Go" in "go-to-market"), any other name as written.
- a remote type is kept with its evidence only when that evidence is a quote of the text or of an ATS value
  the posting has, and names the mode as a location label would (`remote.names`): the small model cites
  "workplaceType=onsite" for postings whose ATS says nothing;
- an employment type is kept when the text holds a word the rules read a title by (`employment.names`:
  "internship", "part-time", "befristet"...);
- a job function is kept when the title or department names it, as the rules read them (the rules' own job
  function is passed in). The rules ask the model only where they name none ("Personal Trainer", "Open
  Application", "MBA Intern"): the small model then guesses from the duties, and on the dev split it guessed wrong on all seven such postings ("hr" and
  "finance" for personal trainers, "data" for a locker-room associate).
Fields a model infers rather than reads (seniority, country) are left to the schema's checks.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.fields import employment, remote, seniority, taxonomy
from schemas.extracted import ExtractedFields, JobFunction
from schemas.job import EmploymentType, RemoteType

SALARY_FIELDS = ("salary_min", "salary_max", "salary_currency", "salary_interval")
# A number as pay is written: thousands grouped by comma, dot, space or narrow space ("120,000", "120.000",
# "120 000"), or not at all, an optional two-digit fraction, an optional "k".
_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:([,.\s\u00a0\u202f])\d{3})(?:\2\d{3})*|\d+)(?:[.,](\d{1,2}))?(?!\d)\s?([kK])?"
)
_SPACES = re.compile(r"\s+")


def grounded(
    answer: ExtractedFields, text: str, tax: taxonomy.Taxonomy, named: JobFunction | None = None
) -> tuple[ExtractedFields, list[str]]:
    """The answer without the values `text` does not state, and the names of the fields it lost (a skill
    or tool counts once per name dropped). `text` is what the model read: title, posting text, and the ATS
    values it may cite (`ats_lines`); `named` is the job function the rules read from the title and department,
    if any."""
    update: dict[str, Any] = {}
    dropped: list[str] = []
    if answer.job_function not in (JobFunction.other, named):
        update["job_function"] = JobFunction.other
        dropped.append("job_function")
    stated = [v for v in (answer.salary_min, answer.salary_max) if v is not None]
    found = amounts(text) if stated else set()
    if stated and not all(any(abs(f - v) < 0.5 for f in found) for v in stated):
        update |= dict.fromkeys(SALARY_FIELDS) | {"salary_min_usd": None, "salary_max_usd": None}
        dropped.append("salary")
    folded = _SPACES.sub(" ", text).lower()
    years = answer.years_experience_min
    if years is not None and years not in seniority.years_written(folded):
        update["years_experience_min"] = None
        dropped.append("years_experience_min")
    if answer.remote_type is not RemoteType.unknown and not _mode_stated(answer, folded):
        update |= {"remote_type": RemoteType.unknown, "remote_evidence": None}
        dropped.append("remote_type")
    kind = answer.employment_type
    if kind is not EmploymentType.unknown and not employment.names(kind, folded):
        update["employment_type"] = EmploymentType.unknown
        dropped.append("employment_type")
    in_text = _Named(text, tax)
    for name in ("skills", "tools"):
        values: list[str] = getattr(answer, name)
        kept = [v for v in values if in_text.holds(v)]
        if len(kept) < len(values):
            update[name] = kept
            dropped += [name] * (len(values) - len(kept))
    return (answer.model_copy(update=update) if update else answer), dropped


def canonical(answer: ExtractedFields, tax: taxonomy.Taxonomy) -> ExtractedFields:
    """The answer's skills and tools under the taxonomy's names and kinds: a model writes "JS", "python" or
    "Snowflake" among skills, the rules write JavaScript, Python and Snowflake among tools, and facets and
    trends count one name per skill. Names the taxonomy lacks stay as written, where the model put them."""
    out: dict[str, list[str]] = {"skill": [], "tool": []}
    for kind, values in (("skill", answer.skills), ("tool", answer.tools)):
        for value in values:
            entry = tax.by_key.get(" ".join(t.lower() for t in taxonomy.tokens(value)))
            name, where = (entry.canonical, entry.kind) if entry is not None else (value, kind)
            if name not in out[where]:
                out[where].append(name)
    if out["skill"] == answer.skills and out["tool"] == answer.tools:
        return answer
    return answer.model_copy(update={"skills": out["skill"], "tools": out["tool"]})


def _mode_stated(answer: ExtractedFields, folded: str) -> bool:
    """The evidence quotes what the model read and names the mode, as a location label would."""
    evidence = _SPACES.sub(" ", answer.remote_evidence or "").strip().lower()
    return bool(evidence) and evidence in folded and remote.names(answer.remote_type, evidence)


def amounts(text: str) -> set[float]:
    """Every number the text writes as an amount could be written, read both ways where the separator is
    ambiguous ("120.000" is 120000 in German, 120 in English; both are kept)."""
    out: set[float] = set()
    for m in _AMOUNT.finditer(text):
        whole, sep, cents, k = m.group(1), m.group(2), m.group(3), m.group(4)
        scale = 1000 if k else 1
        grouped = float(re.sub(r"\D", "", whole))
        out.add((grouped + (int(cents) / 10 ** len(cents) if cents else 0)) * scale)
        if sep in (".", ",") and whole.count(sep) == 1:  # "120.000" or "1,5": a decimal separator too
            out.add(float(whole.replace(sep, ".")) * scale)
    return out


class _Named:
    """Whether a skill or tool is named in the text. A name of the taxonomy counts where the rules' matcher
    accepts it in this text, by any of its aliases ("JS" for JavaScript): its context rules stand, so "Go" in
    "go-to-market" or a product named in a list of teams is not a skill because a model said so. Any other
    name counts when its words are written there in a row, in any case."""

    def __init__(self, text: str, tax: taxonomy.Taxonomy) -> None:
        self._joined = f" {' '.join(t.lower() for t in taxonomy.tokens(text))} "
        skills, tools = taxonomy.match(text, tax)
        self._accepted = {*skills, *tools}
        self._tax = tax

    def holds(self, name: str) -> bool:
        key = " ".join(t.lower() for t in taxonomy.tokens(name))
        if not key:
            return False
        entry = self._tax.by_key.get(key)
        if entry is not None:
            return entry.canonical in self._accepted
        return f" {key} " in self._joined


def ats_lines(workplace_type: str | None, locations: list[str]) -> str:
    """The ATS values a remote type's evidence may cite, written as the prompt asks it to cite them."""
    lines = [f"workplaceType={workplace_type}"] if workplace_type else []
    return "\n".join([*lines, *(f"location={loc}" for loc in locations)])
