"""A real Prefect server of its own for the deployment tests (its own PREFECT_HOME and SQLite file)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port


@dataclass
class PrefectServer:
    url: str
    home: Path

    def env(self, **extra: str) -> dict[str, str]:
        """Environment of a process that talks to this server (a CLI command, a worker)."""
        return (
            os.environ
            | {
                "PREFECT_API_URL": self.url,
                "PREFECT_HOME": str(self.home),
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "PREFECT_LOGGING_LEVEL": "INFO",
            }
            | extra
        )


@pytest.fixture(scope="module")
def real_prefect(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    server = PrefectServer(url=f"http://127.0.0.1:{port}/api", home=home)
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={k: v for k, v in server.env().items() if k != "PREFECT_API_URL"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 240  # a loaded machine can take minutes
        while True:
            try:
                if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Prefect server did not start:\n{(home / 'server.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextmanager
def use_server(server: PrefectServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[PrefectServer]:
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME, temporary_settings

    for key, value in server.env().items():
        if key.startswith("PREFECT_"):
            monkeypatch.setenv(key, value)
    with temporary_settings({PREFECT_API_URL: server.url, PREFECT_HOME: server.home}):
        try:
            yield server
        finally:
            _flush_to(server)


def _flush_to(server: PrefectServer) -> None:
    """Send the events and logs this process queued for `server` while it is still up: a worker left
    holding them for a stopped server would stall a later `drain_all` (the session's test harness)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    EventsWorker.drain_all(timeout=30)
    APILogWorker.drain_all(timeout=30)


@pytest.fixture
def prefect_api(real_prefect: PrefectServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[PrefectServer]:
    """In-process Prefect clients (and child processes) of this test use the real server."""
    with use_server(real_prefect, monkeypatch):
        yield real_prefect
