"""Every module and name the shipped code imports exists in the *lowest* version pyproject.toml allows.

The floor wheels (or sdists) are fetched with pip, without dependencies, into a cache, and read as
archives: no install. A floor older than what the code uses (`instructor>=1.6` while the code imports
`instructor.v2`) fails here with the module or name that is missing.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
SHIPPED = ("flows", "tasks", "extractors", "schemas")
CACHE = Path.home() / ".cache" / "jobmine-dependency-floors"


def code_imports() -> dict[str, set[str]]:
    """Imported module path -> names imported from it (empty for `import x.y`), over shipped code."""
    found: dict[str, set[str]] = defaultdict(set)
    for folder in SHIPPED:
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        found[alias.name]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found[node.module] |= {a.name for a in node.names}
    return found


def floors() -> dict[str, Requirement]:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    return {md.distribution(r.name).metadata["Name"].lower(): r for r in map(Requirement, deps)}


def floor_version(req: Requirement) -> str | None:
    for spec in req.specifier:
        if spec.operator in (">=", "==", "~="):
            return spec.version
    return None


def archive_files(dist: str, version: str) -> dict[str, str]:
    """Path inside the package -> source text, from the floor's wheel or sdist."""
    target = CACHE / f"{dist}-{version}"
    if not target.is_dir() or not any(target.iterdir()):
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "-d",
                str(target),
                f"{dist}=={version}",
            ],
            check=True,
            timeout=600,
        )
    archive = next(target.iterdir())
    files: dict[str, str] = {}
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if name.endswith(".py"):
                    files[name] = z.read(name).decode("utf-8", "replace")
    else:
        with tarfile.open(archive) as t:
            for member in t.getmembers():
                if member.name.endswith(".py") and (f := t.extractfile(member)):
                    files[member.name.split("/", 1)[1]] = f.read().decode("utf-8", "replace")
    return {re.sub(r"^(src|lib)/", "", k): v for k, v in files.items()}


def module_source(files: dict[str, str], module: str) -> str | None:
    base = module.replace(".", "/")
    return files.get(f"{base}.py", files.get(f"{base}/__init__.py"))


def test_every_import_exists_in_the_declared_minimum_version():
    owners = md.packages_distributions()
    declared = floors()
    missing: list[str] = []
    by_dist: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for module, names in code_imports().items():
        for dist in owners.get(module.split(".")[0], []):
            if dist.lower() in declared:
                by_dist[dist.lower()].append((module, names))
    assert "instructor" in by_dist and "httpx" in by_dist  # the reading works
    for dist, imports in sorted(by_dist.items()):
        version = floor_version(declared[dist])
        assert version, f"{dist} has no lower bound in pyproject.toml"
        files = archive_files(dist, version)
        for module, names in imports:
            source = module_source(files, module)
            if source is None:
                missing.append(f"{dist}=={version} has no module {module}")
                continue
            for name in names:
                if module_source(files, f"{module}.{name}") is None and not re.search(rf"\b{name}\b", source):
                    missing.append(f"{dist}=={version}: {module} has no {name}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("dist", ["instructor"])
def test_the_check_catches_a_floor_that_is_too_old(dist: str):
    """instructor 1.6 predates `instructor.v2`: the check must see that."""
    assert module_source(archive_files(dist, "1.6.0"), "instructor.v2.core.hooks") is None
