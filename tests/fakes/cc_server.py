"""A local Common Crawl: `collinfo.json`, per-crawl CDX APIs (paged, real error bodies) and WARC files (ranges).

Fed with the real recorded index answers in the shared fixtures and with lines generated for the ATS hosts.
It records every request, can answer 503 "Slow Down" a few times, and can hold one page open (to kill a run
in the middle of a unit).
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

_INDEX = re.compile(r"^/(CC-MAIN-\d{4}-\d{2})-index$")
_RANGE = re.compile(r"^bytes=(\d+)-(\d+)$")


class CcServer:
    def __init__(self, fixtures: Path, page_size: int = 5) -> None:
        self.collinfo_src = json.loads((fixtures / "cc_collinfo.json").read_text())
        self.no_captures = (fixtures / "cc_cdx_404_no_captures.json").read_text()
        self.page_size = page_size
        self.lines: dict[tuple[str, str], list[str]] = defaultdict(list)  # (crawl, pattern) → lines
        self.warcs: dict[str, bytes] = {}  # filename → bytes
        self.requests: list[str] = []
        self.user_agents: set[str] = set()
        self.slow_down: dict[str, int] = {}  # pattern → 503s still to send
        self.hold: tuple[str, str, int] | None = None  # (crawl, pattern, page) to hold open
        self.held = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def crawl_ids(self) -> list[str]:
        return [c["id"] for c in self.collinfo_src]

    def __enter__(self) -> CcServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def index_requests(self, crawl: str | None = None) -> list[str]:
        return [r for r in self.requests if "-index?" in r and (crawl is None or crawl in r)]

    def _collinfo(self) -> bytes:
        out = [
            {**c, "cdx-api": f"{self.url}/{c['id']}-index", "timegate": f"{self.url}/{c['id']}/"}
            for c in self.collinfo_src
        ]
        return json.dumps(out, indent=2).encode()

    def _index(self, crawl: str, params: dict[str, list[str]]) -> tuple[int, bytes]:
        pattern = params.get("url", [""])[0]
        lines = self.lines.get((crawl, pattern), [])
        pages = (len(lines) + self.page_size - 1) // self.page_size
        if params.get("showNumPages") == ["true"]:
            return 200, json.dumps({"pages": pages, "pageSize": self.page_size, "blocks": pages}).encode()
        if not lines:
            return 404, json.dumps({"message": f"No Captures found for: {pattern}"}).encode()
        page = int(params.get("page", ["0"])[0])
        if page >= pages:
            msg = f"Page {page} invalid: First Page is 0, Last Page is {pages - 1}"
            return 400, json.dumps({"message": msg}).encode()
        if self.hold == (crawl, pattern, page):
            self.held.set()
            self.release.wait(60)
        chunk = lines[page * self.page_size : (page + 1) * self.page_size]
        return 200, ("\n".join(chunk) + "\n").encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                params = parse_qs(parts.query)
                with server._lock:
                    server.requests.append(self.path)
                    server.user_agents.add(self.headers.get("User-Agent", ""))
                    pattern = params.get("url", [""])[0]
                    slow = server.slow_down.get(pattern, 0)
                    if slow:
                        server.slow_down[pattern] = slow - 1
                if slow:
                    return self._send(
                        503,
                        b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
                        "application/xml",
                    )
                if parts.path == "/collinfo.json":
                    return self._send(200, server._collinfo())
                m = _INDEX.match(parts.path)
                if m:
                    status, body = server._index(m.group(1), params)
                    return self._send(status, body, "text/x-ndjson" if status == 200 else "application/json")
                data = server.warcs.get(parts.path.lstrip("/"))
                if data is None:
                    return self._send(404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml")
                r = _RANGE.match(self.headers.get("Range", ""))
                if r is None:
                    return self._send(200, data, "application/octet-stream")
                start, end = int(r.group(1)), min(int(r.group(2)), len(data) - 1)
                self._send(
                    206,
                    data[start : end + 1],
                    "application/octet-stream",
                    {"Content-Range": f"bytes {start}-{end}/{len(data)}"},
                )

            def _send(
                self,
                status: int,
                body: bytes,
                ctype: str = "application/json",
                extra: dict[str, str] | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
