"""Every benchmark still runs: each `bench/*.py` at a tiny scale must end with one JSON object."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SCRIPTS = sorted(p for p in BENCH.glob("*.py") if not p.name.startswith("_"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_benchmark_runs_at_tiny_scale(script: Path, tmp_path: Path):
    env = {**os.environ, "JOBMINE_REPORTS_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, str(script), "--scale", "0.001"],
        capture_output=True,
        text=True,
        timeout=900,  # chaos runs whole pipelines even at its tiny scale
        env=env,
        cwd=BENCH.parent,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    last = proc.stdout.strip().splitlines()[-1]
    result = json.loads(last)
    assert isinstance(result, dict) and result, last
