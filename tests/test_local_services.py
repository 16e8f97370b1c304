"""`jobmine services`: a second `up` is a no-op, external services are left alone."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading

from flows.cli import main as cli
from infra.local.llm_service import LocalLlm
from infra.local.services import services


def test_up_is_idempotent_on_running_services(base_settings, capsys):
    pg, opensearch = services(base_settings)
    pid_before = opensearch.pidfile.read_text() if opensearch.pidfile.exists() else None
    postmaster_before = (
        (pg.data / "postmaster.pid").read_text() if (pg.data / "postmaster.pid").exists() else None
    )
    assert cli.main(["services", "up"]) == 0
    out = capsys.readouterr().out
    states = dict(line.split()[:2] for line in out.strip().splitlines())
    assert set(states) == {"postgresql", "opensearch"}
    assert set(states.values()) <= {"running", "external"}
    after_pid = opensearch.pidfile.read_text() if opensearch.pidfile.exists() else None
    assert after_pid == pid_before
    if postmaster_before is not None:
        assert (pg.data / "postmaster.pid").read_text() == postmaster_before


def test_external_services_are_not_started_or_stopped(base_settings):
    external = base_settings.model_copy(
        update={
            "database_url": "postgresql://someone@db.example:5432/x",
            "opensearch_url": "http://search.example:9200",
            "tier1_url": "http://llm.example:8000/v1",
        }
    )
    for svc in services(external, llm=True):
        assert svc.up().state == "external"
        assert svc.down().state == "external"


def test_a_busy_model_server_we_started_counts_as_running(base_settings, tmp_path):
    """The model server answers one request at a time: while it works through a long batch, `/models` does
    not answer within the health check, and `services up` must not take its port for another program's."""
    hold = threading.Event()

    class Busy(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hold.wait(10)  # busy: no answer within the health check's 2 s
            self.send_response(503)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Busy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # a process whose command line is the model server's (what `up` starts), standing for ours
    ours = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "llama_cpp.server"])
    try:
        settings = base_settings.model_copy(
            update={"state_dir": tmp_path, "tier1_url": None, "llm_port": server.server_address[1]}
        )
        llm = LocalLlm(settings)
        llm.home.mkdir(parents=True)
        assert llm.status().state == "stopped"  # no pid file: the port is someone else's
        llm.pidfile.write_text(str(ours.pid))
        assert llm.status().state == "running"
        assert llm.up().state == "running"  # not "port taken by another program"
        llm.pidfile.write_text(str(os.getpid()))  # a live process that is not the model server
        assert llm.status().state == "stopped"
    finally:
        hold.set()
        ours.kill()
        server.shutdown()
