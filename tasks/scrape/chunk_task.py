"""The scrape stage's Prefect task: one chunk of boards."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from schemas.job import BoardRef
from tasks.scrape.board import BoardResult, ScrapeContext
from tasks.scrape.lanes import run_chunk


@task(name="scrape-boards", cache_policy=NO_CACHE, task_run_name="scrape {label}")
def scrape_boards(ctx: ScrapeContext, boards: list[BoardRef], label: str) -> list[BoardResult]:
    """A chunk of boards, several at a time, each all-or-nothing."""
    return run_chunk(ctx, boards, ctx.res.settings.scrape_workers)
