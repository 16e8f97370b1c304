"""Stage fixtures: real postings parsed from the recorded payloads, and settings for the LLM tiers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from extractors.ats import parse_board
from extractors.fields.rules_fields import extract_fields
from extractors.llm import plan as llm_plan
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
        "ollama_url": ollama,
        "ollama_timeout_s": 2.0,
        "openai_base_url": f"{openai}/v1" if openai else "http://127.0.0.1:9/v1",
        "openai_api_key": SecretStr("sk-test-not-a-real-key") if openai else None,
        "openai_timeout_s": 2.0,
        "openai_http_retries": 1,
        "reports_dir": tmp / "reports",
    }
    return base.model_copy(update=update | kw)
