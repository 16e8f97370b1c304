"""Skills and tools from a canonical taxonomy (`extractors/fields/data/skills.csv`), matched on word boundaries.

Matching is by token n-grams, not by one big regex: the text is split into word tokens once and each token
that can start an alias is looked up in a dict, so the cost does not grow with the taxonomy's size. Aliases
that are also ordinary words ("Go", "Spark", "Excel") are flagged case-sensitive in the data file and may
name words that cancel them when they come next ("Go to market" is not the language).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, compress, islice
from pathlib import Path

from extractors.fields import skill_context, textscan

DATA_FILE = Path(__file__).parent / "data" / "skills.csv"
# Possessive quantifiers: a token is the greedy path's first match anyway, so the engine never needs to
# backtrack into one (same tokens, fewer steps).
_TOKEN = re.compile(r"\.?[^\W_][\w+#]*+(?:[.&'][^\W_][\w+#]*+)*+")
# The same token pattern as a split: separators and tokens alternate, so one pass gives both the tokens and
# (by summing lengths) their offsets.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
# On ASCII text `\w` means the same with the ASCII flag, which the engine checks without Unicode look-ups.
_TOKEN_SPLIT_ASCII = re.compile(_TOKEN_SPLIT.pattern, re.ASCII)

# A discipline named right after a degree ("BS in Electrical Engineering") is a degree, and one followed by
# "team" ("with the mechanical engineering team") names colleagues: neither is a skill asked of the hire.
_DISCIPLINE_HEADS = frozenset(
    [
        "engineering",
        "science",
        "sciences",
        "mathematics",
        "physics",
        "chemistry",
        "economics",
        "statistics",
        "design",
    ]
)
_LIST_BREAK = skill_context.LIST_BREAK
# Coordinated modifiers of one head noun ("unit and integration testing", "frontend/backend development").
_CONJUNCTIONS = skill_context.CONJUNCTIONS
_JOINS = re.compile(r"\s*[/&+]\s*")
_COMMA = re.compile(r",\s*")
# An acronym as the data file writes it ("FPGA", "GPU", "CRM"): its plural names it too ("FPGAs").
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
# A product named by its domain or "JS" suffix ("Node.js", "ReactJS", "Temporal.io", "Remix.run") is no ordinary
# word in any case: its entry is case-sensitive for the bare name ("Node", "React", "Express"), and postings write
# "node.js", "nodejs" and "reactjs" as often as the vendor's spelling.
_ANY_CASE_FORM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:\.(?:js|io|run)|[a-z]JS)")


@dataclass(frozen=True)
class Entry:
    """One canonical skill or tool and the rules its aliases are matched by."""

    canonical: str
    kind: str  # "skill" or "tool"
    case_sensitive: bool
    not_next: frozenset[str] = frozenset()
    not_prev: frozenset[str] = frozenset()  # words before an alias that make it an ordinary word ("a swift")
    exact_forms: frozenset[str] = frozenset()
    language: bool = False  # a spoken language (flag `lang`)
    # A field of study ("Mechanical engineering") or a company function (flag `dept`: "Customer success"): not a
    # skill after "degree in", before "team", or in a list of people to work with.
    discipline: bool = False
    field_of_study: bool = False  # a subject also taught as a degree (flag `field`: "Statistics", "Robotics")
    # A one-word alias counts only with one of these words close by (flag `near`: "Word" beside "Excel").
    near: frozenset[str] = frozenset()
    # Lower-cased forms of a case-sensitive entry that match in any case: see `_ANY_CASE_FORM`.
    any_case_forms: frozenset[str] = frozenset()


@dataclass
class Taxonomy:
    """Aliases keyed by their lower-cased token sequence; `prefixes` holds every leading run of an alias's
    tokens, so a scan grows an n-gram only while some alias still starts that way (no joins of n-grams that
    cannot match)."""

    entries: list[Entry]
    by_key: dict[str, Entry] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    language_names: frozenset[str] = frozenset()
    # Word -> the words that may follow it in an alias: common words that start some alias ("a" of "A/B
    # testing", "the") are dismissed with one set test when the next word continues none.
    followers: dict[str, frozenset[str]] = field(default_factory=dict)

    def aliases(self) -> dict[str, list[str]]:
        """Canonical name -> every alias key (for seeding `skill_aliases`)."""
        out: dict[str, list[str]] = {}
        for key, entry in self.by_key.items():
            out.setdefault(entry.canonical, []).append(key)
        return out


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _key(words: list[str]) -> str:
    return " ".join(w.lower() for w in words)


@cache
def load(path: Path = DATA_FILE) -> Taxonomy:
    """The taxonomy of a CSV file (canonical, kind, aliases separated by |, flags); loaded once."""
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    tax = Taxonomy(entries=[])
    later: list[tuple[str, Entry]] = []
    for row in rows:
        flags = dict(
            ([*part.split("=", 1), ""])[:2] for part in (row.get("flags") or "").split(";") if part.strip()
        )
        forms = [row["canonical"], *(a for a in (row.get("aliases") or "").split("|") if a.strip())]
        plurals = [f"{f}s" for f in forms if _ACRONYM.fullmatch(f)]
        entry = Entry(
            canonical=row["canonical"],
            kind=row["kind"],
            case_sensitive="cs" in flags,
            not_next=frozenset(w.lower() for w in flags.get("not_next", "").split("|") if w),
            not_prev=frozenset(w.lower() for w in flags.get("not_prev", "").split("|") if w),
            exact_forms=frozenset(" ".join(tokens(f)) for f in forms + plurals),
            any_case_forms=frozenset(
                f.lower() for f in forms if "cs" in flags and _ANY_CASE_FORM.fullmatch(f)
            ),
            language="lang" in flags,
            discipline="dept" in flags
            or (
                len(tokens(row["canonical"])) > 1
                and tokens(row["canonical"])[-1].lower() in _DISCIPLINE_HEADS
            ),
            field_of_study="field" in flags,
            near=frozenset(w.lower() for w in flags.get("near", "").split("|") if w),
        )
        tax.entries.append(entry)
        for form in forms:
            _add_key(tax, form, entry)
        later.extend((form, entry) for form in plurals)
    for form, entry in later:  # plurals of acronyms ("FPGAs"), where no alias owns the word already
        _add_key(tax, form, entry)
    tax.language_names = frozenset(e.canonical for e in tax.entries if e.language)
    pairs: dict[str, set[str]] = {}
    for prefix in tax.prefixes:
        first, _, rest = prefix.partition(" ")
        pairs.setdefault(first, set()).update([rest.split(" ", 1)[0]] if rest else [])
    tax.followers = {first: frozenset(nxt) for first, nxt in pairs.items()}
    return tax


def _add_key(tax: Taxonomy, form: str, entry: Entry) -> None:
    words = tokens(form)
    if not words:
        return
    tax.by_key.setdefault(_key(words), entry)
    lowered = [w.lower() for w in words]
    tax.prefixes.update(" ".join(lowered[:k]) for k in range(1, len(lowered) + 1))


def languages(text: str, taxonomy: Taxonomy) -> list[str]:
    """The spoken languages a text names (canonical names)."""
    if not text:
        return []
    skills, _ = match(text, taxonomy)
    return [s for s in skills if s in taxonomy.language_names]


def match(text: str, taxonomy: Taxonomy) -> tuple[list[str], list[str]]:
    """(skills, tools) named in the text, canonical names in order of first mention."""
    ascii = text.isascii()
    split = (_TOKEN_SPLIT_ASCII if ascii else _TOKEN_SPLIT).split
    words: Sequence[str]
    if ascii or textscan.lowers_in_place(text):
        # Lower-casing keeps every token's bounds: the lower-cased text is split once, and a token's own case
        # (read by the few case-sensitive aliases) is cut from the text when asked for.
        parts = split(text.lower())
        offsets = _TokenOffsets(parts)
        lower = parts[1::2]
        words = _CasedTokens(text, parts, offsets)
    else:
        parts = split(text)
        offsets = _TokenOffsets(parts)
        words = parts[1::2]
        lower = _lowered(text, words)
    found: dict[str, Entry] = {}
    i, n = 0, len(words)
    by_key, prefixes, followers = taxonomy.by_key, taxonomy.prefixes, taxonomy.followers
    # Only tokens that start some alias are looked at: their indices are picked out at C speed.
    for at in compress(range(n), map(prefixes.__contains__, lower)):
        if at < i:
            continue  # inside the alias matched last
        i, key = at, lower[at]
        if key not in by_key and (at + 1 == n or lower[at + 1] not in followers[key]):
            continue  # starts an alias that the next word does not continue: nothing matches here
        best, best_size, size = None, 0, 1
        while True:  # grow the n-gram while it is still the start of some alias; keep the longest accepted
            entry = by_key.get(key)
            if entry is not None and skill_context.accepted(entry, words, lower, parts, i, i + size):
                # A name of several words never spans a list break ("Product, Design and ..."). Break
                # characters are never token characters, so only the separators between its words are read.
                if size > 1 and _LIST_BREAK.search("".join(parts[2 * i + 2 : 2 * (i + size) - 1 : 2])):
                    break
                best, best_size = entry, size
            if i + size >= n:
                break
            key = f"{key} {lower[i + size]}"
            if key not in prefixes:
                break
            size += 1
        if best is None:
            continue
        end = i + best_size
        # A name kept at an earlier mention stays kept: its context rules are not read again ("Python" in the
        # summary, the requirements and the stack of a long posting). A name refused there is read again.
        if best.canonical in found:
            i += best_size
            continue
        # Sentence rules read the text around the name, from its tokens' character offsets.
        listed = skill_context.beside_department(best, lower, parts, i, end)
        if not (listed or skill_context.needs_text(best, lower, end)) or not skill_context.rejected_in_text(
            best, text, offsets.start(i), offsets.start(end - 1) + len(parts[2 * end - 1]), listed
        ):
            found[best.canonical] = best
        if (
            best_size > 1
            and i > 1
            and best.canonical in found
            and not (best.discipline or best.field_of_study)
        ):
            for entry in _sharing_head(taxonomy, words, lower, parts, i, end):
                found.setdefault(entry.canonical, entry)
        i += best_size
    skills = [c for c, e in found.items() if e.kind == "skill"]
    tools = [c for c, e in found.items() if e.kind == "tool"]
    return skills, tools


def _sharing_head(
    taxonomy: Taxonomy, words: Sequence[str], lower: list[str], parts: list[str], i: int, end: int
) -> list[Entry]:
    """The names that share the head noun of the name found at tokens [i, end), written before it with the
    head left out: "unit and integration testing" names Unit testing, "frontend/backend development"
    Frontend development, "unit, integration and end-to-end testing" Unit and Integration testing,
    "mid-market and SMB sales" Mid-market sales. A modifier (one or two words) is joined by "and"/"or" or by
    "/" or "&"; further ones before it by commas. Only a modifier that makes a name of the taxonomy counts."""
    head = lower[end - 1]
    out: list[Entry] = []
    j, joined = i, False  # j: first token of the last item taken; joined: "and"/"or" seen
    while j > 1:
        before = parts[2 * j]  # the separator in front of token j
        if lower[j - 1] in _CONJUNCTIONS and not joined and _LIST_BREAK.search(before) is None:
            x, sep = j - 2, parts[2 * (j - 1)]  # "X and Y": X ends at token j - 2
            joined = True
        elif _JOINS.fullmatch(before) or (joined and _COMMA.fullmatch(before)):
            x, sep = j - 1, ""
        else:
            break
        if sep and _LIST_BREAK.search(sep) and not _COMMA.fullmatch(sep):  # an Oxford comma may precede "and"
            break
        entry, start = None, x
        for first in (x - 1, x):  # the two-word modifier first ("mid-market"), then the one word
            if first < 0 or (first < x and _LIST_BREAK.search(parts[2 * x])):
                continue
            entry = taxonomy.by_key.get(f"{' '.join(lower[first : x + 1])} {head}")
            if entry is not None:
                start = first
                break
        if entry is None or entry.discipline or entry.field_of_study:
            break
        if skill_context.accepted(entry, words, lower, parts, start, end):
            out.append(entry)
        j = start
    return out


class _TokenOffsets:
    """Where each token of a split text starts (`parts`: separators and tokens alternating, token k is
    `parts[2k + 1]`), summed only as far as the furthest token asked for."""

    __slots__ = ("_summing", "_sums")

    def __init__(self, parts: list[str]) -> None:
        self._summing = accumulate(map(len, parts), initial=0)  # sum j: where part j starts
        self._sums: list[int] = []

    def start(self, k: int) -> int:
        if len(self._sums) <= 2 * k + 1:
            self._sums += islice(self._summing, 2 * k + 2 - len(self._sums))
        return self._sums[2 * k + 1]


class _CasedTokens(Sequence[str]):
    """The tokens of a text in their own case, where the lower-cased text was split (`parts`; each token has
    the same bounds in the text): each is cut from the text when read."""

    __slots__ = ("_offsets", "_parts", "_text")

    def __init__(self, text: str, parts: list[str], offsets: _TokenOffsets) -> None:
        self._text, self._parts, self._offsets = text, parts, offsets

    def __len__(self) -> int:
        return len(self._parts) // 2

    def __getitem__(self, k: int) -> str:  # type: ignore[override]
        start = self._offsets.start(k)
        return self._text[start : start + len(self._parts[2 * k + 1])]


def _lowered(text: str, words: list[str]) -> list[str]:
    """The lower-cased tokens of text whose lower-casing may move or merge characters: the text is tokenized
    again once folded, token by token when that changes the count."""
    folded = text.lower()
    lower = tokens(folded) if len(folded) == len(text) else [w.lower() for w in words]
    return lower if len(lower) == len(words) else [w.lower() for w in words]
