"""A local server that speaks the five ATS APIs, with the faults real hosts have: for tests and benchmarks.

Boards are payload bytes keyed by (source type, token); list endpoints page the way each API does
(Lever `skip`/`limit`, SmartRecruiters `offset`/`limit`, with per-posting details). A script per path
can answer 429 with Retry-After, 5xx bursts, deny pages or hang past the client's timeout, and the
server counts requests and the most requests it ever had in flight at once.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

_ROUTES: list[tuple[str, re.Pattern[str]]] = [
    ("greenhouse", re.compile(r"^/v1/boards/([^/]+)/jobs/?$")),
    ("greenhouse-departments", re.compile(r"^/v1/boards/([^/]+)/departments/?$")),
    ("greenhouse-offices", re.compile(r"^/v1/boards/([^/]+)/offices/?$")),
    ("lever", re.compile(r"^/v0/postings/([^/]+)/?$")),
    ("ashby", re.compile(r"^/posting-api/job-board/([^/]+)/?$")),
    ("smartrecruiters", re.compile(r"^/v1/companies/([^/]+)/postings/?$")),
    ("smartrecruiters-detail", re.compile(r"^/v1/companies/([^/]+)/postings/([^/]+)/?$")),
    ("workable", re.compile(r"^/api/v1/widget/accounts/([^/]+)/?$")),
]
_NOT_FOUND = {
    "greenhouse": b'{"status":404,"error":"Not Found"}',
    "lever": b'{"ok":false,"error":"Document not found"}',
    "ashby": b'{"success":false,"errorInfo":{"code":"job_board_not_found"}}',
    "smartrecruiters": b'{"code":"NOT_FOUND","message":"Company not found"}',
    "workable": b'{"error":"Not found"}',
}


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a status, headers and body, or a hang of `hang_s` seconds."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    hang_s: float = 0.0


class AtsApiServer:
    """Serve boards on 127.0.0.1 as the real APIs do; `eu=True` boards live under the `/eu` prefix."""

    def __init__(self, latency_s: float = 0.0, robots_txt: str | None = None) -> None:
        self.latency_s = latency_s
        self.robots_txt = robots_txt
        self.boards: dict[tuple[str, str], tuple[bytes, str]] = {}
        self.generator: Callable[[str, str], bytes | None] | None = None
        self.details: dict[tuple[str, str], bytes] = {}
        self.scripts: dict[str, deque[Reply]] = {}
        self.requests: Counter[str] = Counter()
        self.arrivals: dict[str, list[float]] = {}  # monotonic arrival times per path
        self.user_agents: set[str] = set()
        self.in_flight = 0
        self.max_in_flight = 0
        self.busy_s = 0.0  # summed time requests spent in flight: busy_s / wall = mean concurrency
        self._lock = threading.Lock()
        self._parsed: dict[tuple[str, str], object] = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._httpd.request_queue_size = 128
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> AtsApiServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> AtsApiServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_board(
        self, source: str, token: str, body: bytes, content_type: str = "application/json", eu: bool = False
    ) -> None:
        key = (f"eu/{source}" if eu else source, token)
        with self._lock:
            self.boards[key] = (body, content_type)
            self._parsed.pop(key, None)

    def remove_board(self, source: str, token: str) -> None:
        with self._lock:
            self.boards.pop((source, token), None)
            self._parsed.pop((source, token), None)

    def script(self, path: str, *replies: Reply) -> None:
        """Answer the next requests to `path` with these replies, in order, then serve normally."""
        with self._lock:
            self.scripts.setdefault(path, deque()).extend(replies)

    def _next_scripted(self, path: str) -> Reply | None:
        with self._lock:
            queue = self.scripts.get(path)
            return queue.popleft() if queue else None

    def _board(self, source: str, token: str) -> tuple[bytes, str] | None:
        found = self.boards.get((source, token))
        if found is None and self.generator is not None and not source.startswith("eu/"):
            body = self.generator(source, token)
            found = (body, "application/json") if body is not None else None
        return found

    def resolve(self, path: str, query: dict[str, list[str]]) -> Reply:
        if path == "/__stats":
            stats = {"requests": sum(self.requests.values()), "max_in_flight": self.max_in_flight}
            return Reply(200, json.dumps({**stats, "busy_s": self.busy_s}).encode())
        if path == "/robots.txt":
            if self.robots_txt is None:
                return Reply(404, b"not found", (("Content-Type", "text/plain"),))
            return Reply(200, self.robots_txt.encode(), (("Content-Type", "text/plain"),))
        prefix = ""
        if path.startswith("/eu/"):
            prefix, path = "eu/", path[3:]
        for route, pattern in _ROUTES:
            match = pattern.match(path)
            if match:
                return self._answer(prefix, route, match.groups(), query)
        return Reply(404, b"not found", (("Content-Type", "text/plain"),))

    def _answer(self, prefix: str, route: str, groups: tuple[str, ...], query: dict[str, list[str]]) -> Reply:
        source = route.split("-")[0]
        if route == "smartrecruiters-detail":
            body = self.details.get((groups[0], groups[1]))
            return Reply(200, body) if body is not None else Reply(404, _NOT_FOUND[source])
        found = self._board(prefix + source, groups[0])
        if found is None:
            return Reply(404, _NOT_FOUND[source])
        body, ctype = found
        if route.startswith("greenhouse-"):
            return Reply(200, json.dumps({route.split("-")[1]: []}).encode())
        if ctype == "application/json" and source in ("lever", "smartrecruiters"):
            body = self._page(prefix + source, groups[0], body, query)
        return Reply(200, body, (("Content-Type", ctype),))

    def _page(self, source: str, token: str, body: bytes, query: dict[str, list[str]]) -> bytes:
        try:
            parsed = self._parsed.get((source, token)) or json.loads(body)
        except ValueError:
            return body  # a broken board is served broken
        self._parsed[(source, token)] = parsed
        if source.endswith("lever"):
            if "limit" not in query or not isinstance(parsed, list):
                return body
            skip, limit = int(query.get("skip", ["0"])[0]), int(query["limit"][0])
            return json.dumps(parsed[skip : skip + limit], ensure_ascii=False).encode()
        if not isinstance(parsed, dict) or not isinstance(parsed.get("content"), list):
            return body
        offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", ["100"])[0])
        items = parsed["content"]
        page = {
            "offset": offset,
            "limit": limit,
            "totalFound": len(items),
            "content": items[offset : offset + limit],
        }
        return json.dumps(page, ensure_ascii=False).encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # As real API front ends do: without TCP_NODELAY the last segment of every body waits for
            # the client's delayed ACK (~40 ms on Linux), a stall no ATS host has.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path == "/__stats":
                    self._send(server.resolve(parts.path, {}))
                    return
                with server._lock:
                    server.requests[parts.path] += 1
                    server.arrivals.setdefault(parts.path, []).append(time.monotonic())
                    server.user_agents.add(self.headers.get("User-Agent", ""))
                    # robots.txt is fetched outside the host's slots: the in-flight count is the API's
                    api = parts.path != "/robots.txt"
                    server.in_flight += api
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                started = time.perf_counter()
                try:
                    reply = server._next_scripted(parts.path) or server.resolve(
                        parts.path, parse_qs(parts.query)
                    )
                    # latency counts from arrival, so building a big answer does not add to it
                    time.sleep(max(0.0, server.latency_s + reply.hang_s - (time.perf_counter() - started)))
                    self._send(reply)
                finally:
                    with server._lock:
                        server.in_flight -= api
                        server.busy_s += time.perf_counter() - started

            def _send(self, reply: Reply) -> None:
                headers = dict(reply.headers)
                headers.setdefault("Content-Type", "application/json")
                self.send_response(reply.status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                try:
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (a timeout test): nothing to answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
