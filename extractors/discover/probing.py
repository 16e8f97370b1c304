"""Cross-ATS candidates: a company known on one ATS (token or website domain) is tried on the others."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from extractors.ats import spec_of
from schemas.job import BoardRef

_DROP_SUFFIXES = ("-careers", "-jobs", "careers", "jobs")


def candidates(
    known: Iterable[Mapping[str, str | None]], targets: Iterable[str], already: set[tuple[str, str]]
) -> list[BoardRef]:
    """Boards worth one polite request: each known company's names on every other target ATS, new ones only."""
    out: dict[tuple[str, str], BoardRef] = {}
    target_list = list(dict.fromkeys(targets))
    for row in known:
        source, token = str(row["source_type"]), str(row["token"])
        for name in names_of(token, row.get("company_domain")):
            for target in target_list:
                if target == source:
                    continue
                key = (target, spec_of(target).norm_token(name))
                if key in already or key in out:
                    continue
                try:
                    out[key] = BoardRef(source_type=target, token=key[1])  # type: ignore[arg-type]
                except ValueError:
                    continue
    return sorted(out.values(), key=lambda b: (b.source_type, b.token))


def names_of(token: str, domain: str | None) -> list[str]:
    """The token, the token without a careers suffix, and the domain's first label (`stripe.com` → `stripe`)."""
    names = [token]
    for suffix in _DROP_SUFFIXES:
        if token.lower().endswith(suffix) and len(token) > len(suffix) + 1:
            names.append(token[: -len(suffix)].rstrip("-_"))
    if domain:
        label = domain.lower().removeprefix("www.").split(".")[0]
        if label:
            names.append(label)
    return list(dict.fromkeys(n for n in names if n))
