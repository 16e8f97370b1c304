"""Chaos: kill `jobmine pipeline` (its whole process group) at a random moment, run it again, and check
that the rerun converges: the end state equals a clean run's, no hang, nothing left running or held.

    python bench/chaos.py --trials 20 [--boards 60] [--seed 7]

One clean run first gives the reference state and the run's duration D; each trial then kills a fresh
run after a time drawn uniformly from [0.05 D, 0.95 D] (seeded), reruns it and compares. The default
local setup is used: the ephemeral Prefect server, its SQLite in a PREFECT_HOME shared by the trial's
two runs, killed with the run. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import uuid
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault(
    "JOBMINE_REAL_FIXTURES", str(Path(__file__).resolve().parents[2] / "shared/fixtures/real")
)

import psycopg

from schemas.settings import Settings
from tasks.search.index import SearchIndex
from tests.fakes.ats_server import AtsServer
from tests.recovery import harness

HANG_FACTOR = 3.0  # a rerun slower than this many clean runs (+20 s) counts as a hang


def fresh_settings(base: Settings, tmp: Path) -> Settings:
    name = f"jobmine_chaos_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    info = psycopg.conninfo.conninfo_to_dict(base.pg_dsn) | {"dbname": name}
    return base.model_copy(
        update={
            "database_url": psycopg.conninfo.make_conninfo(**info),
            "opensearch_url": base.os_url,
            "index_alias": f"jobmine-chaos-{uuid.uuid4().hex[:10]}",
            "raw_store": f"file://{tmp / 'raw'}",
            "reports_dir": tmp / "reports",
        }
    )


def drop(base: Settings, settings: Settings) -> None:
    name = psycopg.conninfo.conninfo_to_dict(settings.pg_dsn)["dbname"]
    with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    client = SearchIndex(settings.os_url, settings.index_alias).client
    client.indices.delete(index=f"{settings.index_alias}-v*", ignore_unavailable=True, allow_no_indices=True)
    client.indices.delete_index_template(name=f"{settings.index_alias}-template", ignore=[404])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--boards", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of trials and boards")
    parser.add_argument(
        "--prefect",
        choices=["ephemeral", "server"],
        default="ephemeral",
        help="each run's own ephemeral server (killed with it), or one Prefect server for all runs",
    )
    args = parser.parse_args()
    trials = round(args.trials * args.scale)
    boards_n = max(2, round(args.boards * args.scale))
    rng = random.Random(args.seed)
    base = Settings()
    results = []
    with tempfile.TemporaryDirectory(prefix="jobmine-chaos-") as tmpdir, ExitStack() as stack:
        tmp = Path(tmpdir)
        api_url, shared_home = None, None
        if args.prefect == "server":  # one server outlives every kill: the lease path, not the lost one
            from prefect.server.api.server import SubprocessASGIServer

            shared_home = tmp / "prefect"
            os.environ["PREFECT_HOME"] = str(shared_home)
            server = SubprocessASGIServer()
            server.start(timeout=600)
            stack.callback(server.stop)
            api_url = server.api_url

        def home(path: Path) -> Path:
            return shared_home or path

        (tmp / "ats").mkdir()
        boards = harness.lay_out_boards(tmp / "ats", boards_n)
        with AtsServer(tmp / "ats") as ats:
            ref_settings = fresh_settings(base, tmp / "clean")
            try:
                clean = harness.run_pipeline(
                    harness.pipeline_env(ref_settings, ats.url, home(tmp / "clean/prefect"), api_url), boards
                )
                if clean.returncode != 0:
                    raise SystemExit(f"the clean run failed: {clean.stderr[-2000:]}")
                reference = harness.end_state(ref_settings)
            finally:
                drop(base, ref_settings)
            for n in range(trials):
                kill_after = clean.wall_s * rng.uniform(0.05, 0.95)
                trial = tmp / f"trial{n}"
                settings = fresh_settings(base, trial)
                env = harness.pipeline_env(settings, ats.url, home(trial / "prefect"), api_url)
                try:
                    killed = harness.run_pipeline(env, boards, kill_after_s=kill_after)
                    rerun = harness.run_pipeline(env, boards)
                    left = {
                        k: v for k, v in harness.leftovers(settings, home(trial / "prefect")).items() if v
                    }
                    state = harness.end_state(settings) if rerun.returncode == 0 else {}
                    differs = sorted(k for k in reference if state.get(k) != reference[k])
                    same = rerun.returncode == 0 and not differs
                    for key in differs[:3]:  # enough to see what differs, on stderr
                        extra, missing = harness.difference(state.get(key, []), reference[key])
                        print(
                            json.dumps({"trial": n, key: {"extra": extra, "missing": missing}}),
                            file=sys.stderr,
                        )
                    hang = rerun.wall_s > HANG_FACTOR * clean.wall_s + 20
                    results.append(
                        {
                            "trial": n,
                            "kill_after_s": round(kill_after, 2),
                            "killed": killed.returncode == -9,
                            "rerun_s": round(rerun.wall_s, 2),
                            "converged": same and not hang and not left,
                            "hang": hang,
                            "residue": sorted(left),
                            "differs": differs,
                            "recovered_runs": len(harness.crashed_runs(settings)),
                        }
                    )
                finally:
                    drop(base, settings)
                print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print(
        json.dumps(
            {
                "trials": trials,
                "boards": boards_n,
                "seed": args.seed,
                "clean_run_s": round(clean.wall_s, 2),
                "converged": sum(r["converged"] for r in results),
                "killed_before_the_end": sum(r["killed"] for r in results),
                "hangs": sum(r["hang"] for r in results),
                "with_residue": sum(bool(r["residue"]) for r in results),
                "prefect": args.prefect,
                "max_rerun_s": max((r["rerun_s"] for r in results), default=0.0),
            }
        )
    )


if __name__ == "__main__":
    main()
