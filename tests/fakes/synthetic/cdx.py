"""Realistic CDX JSON lines for the ATS hosts, shaped like Common Crawl's (for tests and benchmarks)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

_HOST_PATHS: tuple[tuple[str, str], ...] = (
    ("boards.greenhouse.io", "/{t}/jobs/{n}"),
    ("boards.greenhouse.io", "/{t}"),
    ("job-boards.greenhouse.io", "/{t}/jobs/{n}?gh_jid={n}"),
    ("boards.eu.greenhouse.io", "/{t}"),
    ("boards.greenhouse.io", "/embed/job_board?for={t}&b=https%3A%2F%2Fexample.com"),
    ("boards-api.greenhouse.io", "/v1/boards/{t}/jobs"),
    ("jobs.lever.co", "/{t}/{u}"),
    ("jobs.lever.co", "/{t}/{u}/apply"),
    ("jobs.ashbyhq.com", "/{T}/{u}"),
    ("boards.greenhouse.io", "/assets/application-{n}.css"),
    ("jobs.lever.co", "/robots.txt"),
)
_STATUS = ("200", "200", "200", "200", "301", "404")


def _urlkey(host: str, path: str) -> str:
    return ",".join(reversed(host.split("."))) + ")" + path.lower()


def cdx_line(
    host: str,
    path: str,
    crawl: str,
    rng: random.Random,
    status: str | None = None,
    warc: tuple[str, int, int] | None = None,
) -> str:
    """One line as the index prints it (`output=json`), key order included; `warc` is (file, offset, length)."""
    status = status or rng.choice(_STATUS)
    record: dict[str, str] = {
        "urlkey": _urlkey(host, path),
        "timestamp": f"2025{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 235959):06d}",
        "url": f"https://{host}{path}",
        "mime": "text/html",
        "mime-detected": "text/html",
        "status": status,
        "digest": "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(32)),
        "length": str(rng.randint(900, 40000)),
        "offset": str(rng.randint(0, 1_000_000_000)),
        "filename": f"crawl-data/{crawl}/segments/1754151279781.29/warc/{crawl}-20250804083340-00340.warc.gz",
    }
    if warc is not None:
        record |= {"filename": warc[0], "offset": str(warc[1]), "length": str(warc[2])}
    if status == "200":
        record |= {"languages": "eng", "encoding": "UTF-8"}
    elif status == "301":
        record["redirect"] = f"https://{host}/"
    return json.dumps(record)


def synthetic_lines(n: int, boards: int, crawl: str = "CC-MAIN-2025-33", seed: int = 7) -> Iterator[str]:
    """`n` lines over about `boards` companies spread across every ATS host."""
    rng = random.Random(seed)
    tokens = [f"company{i}" for i in range(max(1, boards))]
    for _ in range(n):
        host, pattern = rng.choice(_HOST_PATHS)
        t = rng.choice(tokens)
        path = pattern.format(
            t=t, T=t.capitalize(), n=rng.randint(1_000_000, 9_999_999), u=f"{rng.getrandbits(64):016x}"
        )
        yield cdx_line(host, path, crawl, rng)
