"""`jobmine services`: a second `up` is a no-op, external services are left alone."""

from __future__ import annotations

from flows.cli import main as cli
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
