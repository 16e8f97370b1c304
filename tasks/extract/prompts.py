"""Versioned prompt files (`prompts/<name>.v<N>.md`), read when a tier starts."""

from __future__ import annotations

from pathlib import Path

from schemas.errors import ConfigError


def load_prompt(prompts_dir: Path, name: str) -> str:
    """The text of `prompts_dir/<name>.md`; a missing file is a configuration error."""
    path = prompts_dir / f"{name}.md"
    if not path.is_file():
        raise ConfigError(f"prompt {name!r} not found at {path} (set JOBMINE_PROMPTS_DIR)")
    return path.read_text()
