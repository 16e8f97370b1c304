"""The import-linter contracts in pyproject.toml hold on this tree and catch each kind of violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("flows", "tasks", "extractors", "schemas", "tests", "infra")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_the_tree_keeps_every_contract():
    result = lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("KEPT") == 3


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("extractors/fields/salary.py", "import httpx", "do no I/O"),
        ("schemas/job.py", "import psycopg", "do no I/O"),
        ("extractors/text/hashing.py", "import tasks.resources", "Layers"),
        ("tasks/http/client.py", "import flows.pipeline", "Layers"),
        ("tasks/resources.py", "import tests.fakes.ats_server", "never import tests or infra"),
    ],
)
def test_a_violation_breaks_its_contract(tmp_path, module, line, broken):
    for name in PACKAGES:
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.json*"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}\n")
    result = lint(tmp_path)
    assert result.returncode == 1
    assert any(broken in row and "BROKEN" in row for row in result.stdout.splitlines()), result.stdout
