"""Stage fixtures: real postings parsed from the recorded payloads, and settings for the LLM tiers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from extractors.ats import parse_board
from extractors.fields.rules_fields import extract_fields
from extractors.llm import plan as llm_plan
from infra.local.llm_service import running, tier_settings
from schemas.job import BoardRef, Job
from schemas.settings import Settings
from tests.conftest import REAL_FIXTURES


def real_jobs(filename: str, source: str, token: str) -> list[Job]:
    return parse_board((REAL_FIXTURES / filename).read_bytes(), BoardRef(source_type=source, token=token))


@pytest.fixture(scope="session")
def palantir() -> list[Job]:
    return real_jobs("lever_postings_palantir.json", "lever", "palantir")


@pytest.fixture(scope="session")
def real_postings() -> list[Job]:
    """Postings with text from three boards (Greenhouse and Lever)."""
    return (
        real_jobs("greenhouse_jobs_duolingo.json", "greenhouse", "duolingo")
        + real_jobs("lever_postings_palantir.json", "lever", "palantir")
        + real_jobs("lever_postings_people-ai.json", "lever", "people-ai")
    )


def distinct(jobs: list[Job], chars: int = 4000) -> list[Job]:
    """Postings whose prompts differ (the tiers ask identical texts once)."""
    seen: dict[str, Job] = {}
    for job in jobs:
        seen.setdefault(llm_plan.prompt_input(job, extract_fields(job), chars).key, job)
    return list(seen.values())


def llm_settings(
    base: Settings, tmp: Path, ollama: str | None = None, openai: str | None = None, **kw
) -> Settings:
    update = {
        "tier1_url": ollama,
        "tier1_timeout_s": 2.0,
        "openai_base_url": f"{openai}/v1" if openai else "http://127.0.0.1:9/v1",
        "openai_api_key": SecretStr("sk-test-not-a-real-key") if openai else None,
        "openai_timeout_s": 2.0,
        "openai_http_retries": 1,
        "reports_dir": tmp / "reports",
    }
    return base.model_copy(update=update | kw)


@pytest.fixture(scope="session")
def local_llm(base_settings: Settings) -> Iterator[str]:
    """The real model server of `jobmine services up --llm` (OpenAI-compatible base URL). `make test` has
    started it; otherwise it is started here (installed on first use) and stopped after the session. A
    machine that cannot run it fails these tests: they are never skipped."""
    with running(base_settings) as url:
        yield url


def real_model_settings(base: Settings, url: str, **kw) -> Settings:
    """Tier 1 (and tier 2) on the local model, every call bounded: short texts, few output tokens."""
    bounded = {
        "tier1_text_chars": 500,
        "tier1_max_tokens": 160,
        "tier1_batch_size": 3,
        "tier1_max_attempts": 2,
        # a timed-out call is not re-sent, and a CI machine is busy: a generous bound keeps the answer
        "tier1_timeout_s": 300.0,
    }
    return tier_settings(base, url).model_copy(update=bounded | kw)


def short_postings(jobs: list[Job], n: int) -> list[Job]:
    """The `n` distinct postings with the shortest texts (keeps the model's work small)."""
    return sorted(distinct(jobs), key=lambda j: (len(j.description_text), j.job_uid))[:n]
