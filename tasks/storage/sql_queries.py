"""Named SQL queries kept in .sql files, loaded once per process when first asked for."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_SQL_DIR = Path(__file__).resolve().parents[1]  # names are relative to `tasks/`: "scrape/scrape.sql"
_NAME = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


@cache
def load(filename: str = "storage/queries.sql") -> dict[str, str]:
    """Queries of a file by name; a `-- name: x` line starts each one."""
    text = (_SQL_DIR / filename).read_text()
    parts = _NAME.split(text)
    return {name: body.strip() for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def query(name: str, filename: str = "storage/queries.sql") -> str:
    return load(filename)[name]
