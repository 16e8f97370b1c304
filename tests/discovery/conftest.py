"""A small Common Crawl and a small set of ATS boards, laid out so every discovery path is taken once."""

from __future__ import annotations

import os
import random
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# cdx-toolkit reads these when first imported: short pauses and few retries against local servers
os.environ.setdefault("CDXT_DEFAULT_MIN_RETRY_INTERVAL", "0.05")
os.environ.setdefault("CDXT_MAX_ERRORS", "1")
os.environ.setdefault("CDXT_CACHE_DIR", tempfile.mkdtemp(prefix="jobmine-cdxt-") + os.sep)

import pytest

from schemas.settings import Settings
from tests.conftest import REAL_FIXTURES
from tests.fakes.ats_server import AtsServer, Reply, redirect
from tests.fakes.cc_server import CcServer
from tests.fakes.synthetic.cdx import cdx_line
from tests.fakes.warc_fixtures import warc_file

NEW, PREV, OLD = "CC-MAIN-2025-47", "CC-MAIN-2025-43", "CC-MAIN-2017-51"
GH = "boards.greenhouse.io/*"
WARC_NAME = f"crawl-data/{NEW}/segments/1754151279781.29/warc/{NEW}-20251110083340-00001.warc.gz"
PAGES = {
    "https://boards.greenhouse.io/stripe": (
        '<title>Jobs at Stripe</title><a href="https://www.linkedin.com/company/stripe">in</a>'
        '<a href="https://stripe.com/">Stripe</a>'
    ),
    "https://jobs.ashbyhq.com/Ramp": '<meta property="og:site_name" content="Ramp"><title>Ramp Jobs</title>',
}
HOSTILE = [
    "https://boards.greenhouse.io/evil.example",
    "https://boards.greenhouse.io/stripe%2F..%2Fadmin",
    "https://boards.greenhouse.io/embed/job_board?for=..%2Fv1",
]


def _lines(rng: random.Random, crawl: str, urls: list[str], status: str = "200") -> list[str]:
    out = []
    for url in urls:
        host, _, path = url.removeprefix("https://").partition("/")
        out.append(cdx_line(host, "/" + path, crawl, rng, status=status))
    return out


def build_world(cc: CcServer, api: AtsServer) -> None:
    rng = random.Random(11)
    data, pointers = warc_file(PAGES)
    cc.warcs[WARC_NAME] = data
    page_lines = []
    for url in PAGES:
        host, _, path = url.removeprefix("https://").partition("/")
        offset, length = pointers[url]
        page_lines.append(
            cdx_line(host, "/" + path, NEW, rng, status="200", warc=(WARC_NAME, offset, length))
        )
    real = (REAL_FIXTURES / "cc_cdx_commoncrawl.org.jsonl").read_text().splitlines()
    cc.lines[(NEW, GH)] = [
        page_lines[0],
        *_lines(rng, NEW, [f"https://boards.greenhouse.io/stripe/jobs/{n}" for n in range(4)]),
        *_lines(
            rng,
            NEW,
            [
                "https://boards.greenhouse.io/embed/job_board?for=acme",
                "https://boards.greenhouse.io/people-ai",
                "https://boards.greenhouse.io/stripe-old",
                "https://boards.greenhouse.io/assets/app.css",
            ],
        ),
        *_lines(rng, NEW, HOSTILE),
        *real[:2],
    ]
    cc.lines[(NEW, "job-boards.greenhouse.io/*")] = _lines(
        rng, NEW, ["https://job-boards.greenhouse.io/anthropic"]
    )
    cc.lines[(NEW, "jobs.ashbyhq.com/*")] = [
        page_lines[1],
        *_lines(rng, NEW, ["https://jobs.ashbyhq.com/Ramp/1", "https://jobs.ashbyhq.com/etched"]),
    ]
    cc.lines[(PREV, GH)] = _lines(
        rng, PREV, ["https://boards.greenhouse.io/stripe", "https://boards.greenhouse.io/gone"]
    )
    cc.lines[(OLD, "jobs.lever.co/*")] = _lines(
        rng, OLD, ["https://jobs.lever.co/palantir/abc"], status="200"
    )
    boards: dict[tuple[str, str], Path | Reply] = {
        ("greenhouse", "stripe"): REAL_FIXTURES / "greenhouse_jobs_stripe.json",
        ("greenhouse", "anthropic"): REAL_FIXTURES / "greenhouse_jobs_anthropic.json",
        ("greenhouse", "acme"): Reply(429, b'{"error":"try later"}', (("Retry-After", "1"),)),
        ("greenhouse", "gone"): Reply(404, b'{"status":404,"error":"Not Found"}'),
        ("greenhouse", "stripe-old"): redirect("https://boards-api.greenhouse.io/v1/boards/stripe/jobs"),
        ("ashby", "Ramp"): REAL_FIXTURES / "ashby_jobboard_ramp.json",
        ("ashby", "etched"): REAL_FIXTURES / "ashby_jobboard_etched.json",
        ("lever", "palantir"): REAL_FIXTURES / "lever_postings_palantir.json",
        ("lever", "people-ai"): REAL_FIXTURES / "lever_postings_people-ai.json",  # found only by probing
    }
    for (source, token), answer in boards.items():
        api.set_board(source, token, answer)


class TrapProxy:
    """Stands in for the whole outside world: any request that is not to a local server lands here."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        trap = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                trap.hits.append(f"{self.command} {self.path}")
                self.send_response(403)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_CONNECT = do_POST = do_HEAD = _any

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def cc() -> Iterator[CcServer]:
    with CcServer(REAL_FIXTURES) as server:
        yield server


@pytest.fixture
def board_api() -> Iterator[AtsServer]:
    with AtsServer() as server:
        yield server


@pytest.fixture
def world(cc: CcServer, board_api: AtsServer) -> tuple[CcServer, AtsServer]:
    build_world(cc, board_api)
    return cc, board_api


@pytest.fixture
def outside(monkeypatch: pytest.MonkeyPatch) -> Iterator[TrapProxy]:
    trap = TrapProxy()
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(var, trap.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    yield trap
    trap.close()


def discovery_overrides(cc: CcServer, api: AtsServer, cache_dir: Path) -> dict[str, object]:
    return {
        "cc_index_url": cc.url,
        "cc_data_url": cc.url,
        "greenhouse_api_url": api.url,
        "lever_api_url": api.url,
        "ashby_api_url": api.url,
        "discovery_newest_crawls": 2,
        "discovery_older_crawls": [OLD],
        "discovery_cache_dir": cache_dir,
        "http_timeout_s": 5.0,
        # validation goes through the scrape stage's polite client: test-sized pauses, no rate
        "retry_backoff_s": [0.01, 0.02],
        "request_jitter_s": 0.0,
        "host_rate_per_s": 0.0,
    }


@pytest.fixture
def disc_settings(settings: Settings, world: tuple[CcServer, AtsServer], tmp_path: Path) -> Settings:
    cc, api = world
    return settings.model_copy(update=discovery_overrides(cc, api, tmp_path / "cdxt"))
