"""Browser tests of the search page: a real `jobmine api` app (uvicorn on a free port) over PostgreSQL and
OpenSearch filled by the real pipeline from recorded boards, driven by Playwright in Debian's chromium.

A missing chromium fails the session loudly: these tests never skip.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from flows.pipeline import pipeline
from schemas.report import RunReport
from schemas.settings import Settings
from tasks.api.app import create_app
from tests.conftest import fixture_boards, free_port, scratch_search_env
from tests.fakes.ats_server import AtsServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIRST_BOARDS = {
    "greenhouse:anthropic": "greenhouse_jobs_anthropic.json",
    "greenhouse:stripe": "greenhouse_jobs_stripe.json",
    "lever:palantir": "lever_postings_palantir.json",
}
LATER_BOARDS = {
    "lever:people-ai": "lever_postings_people-ai.json",
    "greenhouse:duolingo": "greenhouse_jobs_duolingo.json",
    "greenhouse:homepl": "greenhouse_jobs_homepl.json",
    "greenhouse:generalassembly": "greenhouse_jobs_generalassembly_2013.json",
}


@dataclass
class WebEnv:
    settings: Settings
    ats: AtsServer
    ats_root: Path
    url: str = ""

    def run_pipeline(self, boards: dict[str, str]) -> RunReport:
        fixture_boards(self.ats_root, boards)
        urls = {"greenhouse_api_url": self.ats.url, "lever_api_url": self.ats.url}
        return pipeline(boards=list(boards), settings=self.settings.model_copy(update=urls))


class LiveApi:
    """`create_app(settings)` served by uvicorn in a thread, as `jobmine api` serves it."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveApi:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the API did not come up within 30 s")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def web_env(
    base_settings: Settings, template_db: str, prefect_server: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebEnv]:
    """A module's own database and alias, filled by one pipeline run over real recorded boards, served live."""
    tmp = tmp_path_factory.mktemp("web")
    root = tmp / "ats"
    root.mkdir()
    with (
        scratch_search_env(
            base_settings,
            template_db,
            raw_store=f"file://{tmp / 'raw'}",
            reports_dir=tmp / "reports",
            alert_webhook_allow=["127.0.0.1/32"],
            alert_backoff_s=0.05,
        ) as settings,
        AtsServer(root) as ats,
    ):
        env = WebEnv(settings, ats, root)
        report = env.run_pipeline(FIRST_BOARDS)
        assert report.counts["boards_ok"] == len(FIRST_BOARDS), report.failures
        with LiveApi(settings) as api:
            env.url = api.url
            yield env


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file() or shutil.which("chromium") is None:
        pytest.fail(
            f"chromium not found at {CHROMIUM}: `apt-get install chromium` (.ci/run does it)", pytrace=False
        )
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots of the main states, kept under the test run's temporary folder."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def page(browser: Browser, web_env: WebEnv) -> Iterator[Page]:
    context = browser.new_context(base_url=web_env.url, viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on(
        "request",
        lambda req: (
            errors.append(f"external request {req.url}")
            if not req.url.startswith(web_env.url) and not req.url.startswith("data:")
            else None
        ),
    )
    yield tab
    context.close()
    assert not errors, errors  # no script errors, nothing fetched from another host (works offline)
