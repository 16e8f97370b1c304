"""The `jobmine` command's conventions: --version, global options on either side of the subcommand,
--json results, one-line errors, and a progress display only a terminal sees."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib.metadata import version

from flows.cli import main as cli
from flows.cli.common import Cli
from tests.conftest import REAL_FIXTURES

URL = "https://jobs.lever.co/palantir/x"


def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"jobmine {version('jobmine')}\n"


def test_a_prefect_home_in_a_folder_not_made_yet_is_made(monkeypatch, tmp_path, capsys):
    """Prefect makes its home without parents; its temporary server then cannot open its database."""
    home = tmp_path / "not" / "made" / "prefect"
    monkeypatch.setenv("PREFECT_HOME", str(home))
    assert cli.main(["--version"]) == 0
    assert home.is_dir()


def test_global_json_before_or_after_the_subcommand(capsys):
    assert cli.main(["--json", "discover", "parse-url", URL]) == 0
    before = capsys.readouterr().out
    assert cli.main(["discover", "parse-url", URL, "--json", "-v"]) == 0
    after = capsys.readouterr().out
    assert before == after and json.loads(after)["token"] == "palantir"
    assert cli.main(["discover", "parse-url", URL]) == 0
    assert capsys.readouterr().out == "lever\tpalantir\n"


def test_usage_error_is_one_line_and_exit_2(capsys):
    assert cli.main(["scrape", "--source", "nope"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "'nope' is not one of" in err[0] and "jobmine scrape --help" in err[0]
    assert cli.main(["no-such-command"]) == 2
    assert capsys.readouterr().err.startswith("jobmine: error: No such command")


def test_db_load_json_and_no_progress_when_stderr_is_not_a_terminal(
    settings, db, monkeypatch, capsys, tmp_path
):
    monkeypatch.setenv("JOBMINE_DATABASE_URL", settings.pg_dsn)
    assert cli.main(["parse", "greenhouse", str(REAL_FIXTURES / "greenhouse_jobs_stripe.json")]) == 0
    lines = capsys.readouterr().out.splitlines()
    jsonl = tmp_path / "stripe.jsonl"
    jsonl.write_text("\n".join(lines) + "\n")
    assert cli.main(["db", "load", str(jsonl), "--batch", "7", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""  # captured stderr is no terminal: no bar, no escape codes
    assert json.loads(out)["counts"] == {"inserted": len(lines), "updated": 0, "unchanged": 0}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_counts_and_rate_on_a_terminal_only():
    screen = Terminal()
    with Cli(json=False).progress(screen) as progress:
        assert progress is not None
        for done in range(1, 11):
            progress("boards", done, 40)
    assert "boards" in screen.getvalue() and "10/40" in screen.getvalue()
    with Cli(quiet=True).progress(Terminal()) as progress:
        assert progress is None
    with Cli().progress(io.StringIO()) as progress:
        assert progress is None


def test_services_outside_a_checkout_say_so_in_one_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "infra.local.services", None)  # as if the checkout were absent
    assert cli.main(["services", "status"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "jobmine: error: `jobmine services` needs a jobmine checkout (run it from one after `make install`)"
    ]


def test_output_piped_into_head_ends_quietly():
    payload = REAL_FIXTURES / "lever_postings_palantir.json"  # ~300 KB of JSON lines: more than a pipe holds
    proc = subprocess.run(
        [
            "bash",
            "-c",
            f"{sys.executable} -m flows.cli.main parse lever {payload} | head -n 1; "
            "echo status=${PIPESTATUS[0]}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    first, status = proc.stdout.splitlines()
    assert json.loads(first)["source_type"] == "lever"
    assert status == "status=141" and proc.stderr == ""  # ended by SIGPIPE, as `cat` would be; no traceback


def test_a_write_to_a_socket_the_peer_closed_is_an_error_the_run_handles_not_its_death():
    # Inside a command, a keep-alive connection the other side dropped: the write must fail as an error
    # (httpx reopens the connection), not end the process before it can clean up.
    script = """
import socket, threading, time
import flows.cli.main as cli

def command():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    threading.Thread(target=lambda: server.accept()[0].close()).start()
    conn = socket.create_connection(server.getsockname())
    time.sleep(0.2)
    try:
        for _ in range(50):
            conn.send(b"x" * 1000)
            time.sleep(0.02)
    except OSError as exc:
        print("handled", type(exc).__name__)
    return 0

cli.main = command
cli.run()
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout.split()[0]) == (0, "handled"), (proc.returncode, proc.stderr)


def test_the_index_flow_reports_progress_through_prefect(prefect_server, settings, db):
    from flows.index import index
    from tests.storage.conftest import load_postings

    load_postings(db, 0, 30)
    seen: list[tuple[str, int, int | None]] = []
    assert index(settings=settings, progress=lambda *call: seen.append(call)).indexed == 30
    assert seen and seen[-1] == ("jobs indexed", 30, 30)
    seen.clear()
    assert index(rebuild=True, settings=settings, progress=lambda *call: seen.append(call)).indexed == 30
    assert seen[-1] == ("jobs indexed", 30, 30) and all(total == 30 for _, _, total in seen)
