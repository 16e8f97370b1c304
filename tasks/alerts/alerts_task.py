"""The alerts stage's Prefect task: new matches claimed, webhooks sent, safe to rerun."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from schemas.alerts import AlertsSummary
from schemas.settings import Settings
from tasks.alerts.run import run_alerts
from tasks.search.index import SearchIndex
from tasks.storage.database import Database


@task(name="deliver-alerts", cache_policy=NO_CACHE)
def deliver_alerts(db: Database, index: SearchIndex, settings: Settings, run_id: str) -> AlertsSummary:
    """Each posting alerts a saved search at most once, however often this runs."""
    return run_alerts(db, index, settings, run_id)
