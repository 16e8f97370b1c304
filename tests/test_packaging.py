"""jobmine as users get it: the wheel built from this checkout, installed on its own.

The wheel must hold everything the pipeline reads at run time (prompts, named SQL, the search mapping,
the migrations, the skills list) and nothing that is not product code (tests/, the fakes, infra/, the
dev services). Installed into a folder of its own and run with a clean path (no checkout, no editable
finder, no `jobmine-checkout.pth`, from an empty working folder), the settings build, the prompts load,
`jobmine --version` runs and the checkout-only commands say in one line that they need a checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("flows", "tasks", "extractors", "schemas", "prompts")


def source_tree(dest: Path) -> Path:
    """The checkout's files as git sees them (tracked, plus new ones not ignored), copied to `dest`: the
    wheel is built from what would be committed, never from a stale `build/` or egg-info."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = source_tree(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)], check=True)
    [built] = out.glob("jobmine-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    return target


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def checkout_files(pattern: str) -> set[str]:
    """Files of the product packages in this checkout matching `pattern`, as wheel paths."""
    return {p.relative_to(REPO).as_posix() for pkg in PACKAGES for p in (REPO / pkg).rglob(pattern)}


def test_wheel_ships_the_runtime_data_and_no_tests_or_dev_tooling(wheel):
    names = wheel_names(wheel)
    prompts = {n for n in checkout_files("*.md") if n.startswith("prompts/")}
    assert prompts and prompts <= names
    sql = checkout_files("*.sql")
    assert len(sql) >= 5 and sql <= names
    assert {
        "tasks/search/mapping.json",
        "tasks/storage/migrations/env.py",
        "tasks/storage/migrations/script.py.mako",
        "extractors/fields/data/skills.csv",
        "extractors/fields/data/cities.tsv",
        "prompts/__init__.py",
    } <= names
    versions = {
        p.relative_to(REPO).as_posix() for p in (REPO / "tasks/storage/migrations/versions").glob("*.py")
    }
    assert versions and versions <= names
    api_assets = checkout_files("templates/*") | checkout_files("static/*")
    assert api_assets <= names  # the API's templates and static files, when it has any
    tops = {n.split("/", 1)[0] for n in names if not n.startswith("jobmine-")}
    assert tops == set(PACKAGES), tops
    for forbidden in ("tests/", "infra/", "bench/", "docs/"):
        assert not [n for n in names if n.startswith(forbidden)], forbidden
    assert not [n for n in names if "fakes" in n or "ats_server" in n or n.endswith("local/services.py")]


def run_installed(site: Path, cwd: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -I -S` with only the installed wheel and the venv's third-party packages on the path:
    -S skips site.py, so no .pth file (the editable finder, `jobmine-checkout.pth`) runs; -I drops the
    working folder and PYTHON* variables. JOBMINE_* variables are dropped too, so defaults are tested."""
    purelib = sysconfig.get_paths()["purelib"]
    prelude = f"import sys; sys.path[:0] = [{str(site)!r}, {purelib!r}]\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBMINE_")}
    env |= {"PREFECT_HOME": str(cwd / ".prefect"), "HOME": str(cwd), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-I", "-S", "-c", prelude + textwrap.dedent(code), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_installed_wheel_runs_without_the_checkout(installed, tmp_path):
    code = """
        import importlib, json, sys
        out = {}
        for name in ("tests.fakes.ats_server", "infra.local.services", "tests", "infra"):
            try:
                importlib.import_module(name)
                out[name] = "imported"
            except ModuleNotFoundError:
                out[name] = "missing"
        import flows, schemas
        from schemas.settings import Settings
        from tasks.extract.prompts import load_prompt
        s = Settings()
        out["files"] = [flows.__file__, schemas.__file__]
        out["dirs"] = [str(s.state_dir), str(s.reports_dir), str(s.discovery_cache_dir)]
        out["prompts"] = {name: load_prompt(None, name) for name in sys.argv[1:]}
        from extractors.fields.locations import parse_locations  # reads the gazetteer shipped as data
        out["country"] = parse_locations(["Warszawa"])[0].country
        print(json.dumps(out))
    """
    prompts = {p.stem: p.read_text() for p in (REPO / "prompts").glob("*.md")}
    proc = run_installed(installed, tmp_path, code, *prompts)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    for name in ("tests.fakes.ats_server", "infra.local.services", "tests", "infra"):
        assert out[name] == "missing", name
    assert all(f.startswith(str(installed)) for f in out["files"]), out["files"]
    cwd = tmp_path.resolve()
    assert out["dirs"] == [str(cwd / ".jobmine"), str(cwd / "reports"), str(cwd / ".jobmine" / "cdx-cache")]
    assert out["prompts"] == prompts
    assert out["country"] == "PL"


@pytest.mark.parametrize(
    ("args", "needs"),
    [
        (["services", "status"], "`jobmine services` needs a jobmine checkout"),
        (["demo"], "`jobmine demo` needs a jobmine checkout"),
        (["eval"], "`jobmine eval` reads the gold set from a jobmine checkout"),
        (["deploy", "--pool", "local", "--print-template"], "pass --project-dir"),
    ],
)
def test_installed_cli_says_what_needs_a_checkout(installed, tmp_path, args, needs):
    cli = "from flows.cli.main import run\nrun()\n"
    proc = run_installed(installed, tmp_path, cli, *args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert needs in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_installed_cli_prints_its_version(installed, tmp_path):
    proc = run_installed(installed, tmp_path, "from flows.cli.main import run\nrun()\n", "--version")
    assert proc.returncode == 0, proc.stderr
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert proc.stdout.strip() == f"jobmine {project['version']}"
