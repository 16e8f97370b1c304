"""The version of the rules tier: a digest of its code and data files.

The extraction signature names it, so a release that changes any rule, taxonomy entry or gazetteer row
extracts the stored postings again on the next run (the rules are cheap; a model's stored answers come back
from the answer cache). A number kept by hand would have to be remembered at every change of the rules.
"""

from __future__ import annotations

from functools import cache
from hashlib import sha256
from pathlib import Path

_HERE = Path(__file__).parent


@cache
def rules_version() -> str:
    """`rules.<12 hex>` of the installed rules, computed once per process."""
    return version_of(_HERE)


def version_of(root: Path) -> str:
    """`rules.<12 hex>` of the rules package at `root`: the same for the same rules, whatever the checkout or
    install path."""
    digest = sha256()
    files = [*root.glob("*.py"), *root.glob("data/*.csv"), *root.glob("data/*.tsv")]
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"rules.{digest.hexdigest()[:12]}"
