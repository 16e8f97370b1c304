"""Versioned prompt files (`prompts/<name>.v<N>.md`), read when a tier starts.

They ship inside the package (the `prompts` package's data, read through importlib.resources), so an
installed wheel finds them wherever it lives; `JOBMINE_PROMPTS_DIR` swaps in another folder of them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from schemas.errors import ConfigError


def load_prompt(prompts_dir: Path | None, name: str) -> str:
    """The text of `<name>.md` from `prompts_dir`, or from the shipped prompts when it is None; a missing
    file is a configuration error."""
    path = (prompts_dir if prompts_dir is not None else resources.files("prompts")) / f"{name}.md"
    if not path.is_file():
        where = prompts_dir if prompts_dir is not None else "the installed package"
        raise ConfigError(f"prompt {name!r} not found in {where} (set JOBMINE_PROMPTS_DIR)")
    return path.read_text(encoding="utf-8")
