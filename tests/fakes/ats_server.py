"""One local server speaking every ATS API jobmine reads, with the faults real hosts have.

Its routes, paging and 404 bodies come from the ATS modules' `SPEC`s (`extractors.ats`), so a path is
written once for connectors, discovery and this fake. Boards are payloads keyed by (source type,
token): set in memory, made by a `generator`, or read from `{root}/{source}/{token}.json` (`.html`
for a deny page). Boards set with `eu=True` live under the `/eu` prefix (the EU host in tests). A
script per path can answer any status with Retry-After, 5xx bursts, deny pages or hang past the
client's timeout; the server counts requests and the most it ever had in flight at once.
"""

from __future__ import annotations

import json
import threading
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from extractors.ats import ATS
from extractors.ats.spec import AtsSpec
from schemas.settings import Settings

_TEXT = (("Content-Type", "text/plain"),)
DRIP_MAX_S = 30.0  # a dripping answer ends here at the latest, so a client with no deadline still ends
_FILES = ((".json", "application/json"), (".html", "text/html; charset=utf-8"))
_ROUTES = [(spec, name, pattern) for spec in ATS.values() for name, pattern in spec.routes().items()]


@dataclass(frozen=True)
class Reply:
    """One answer: a status, headers and body, or a hang of `hang_s` seconds first.

    With `drip_s`, the headers go out at once (announcing a huge body) and then `body` is sent again and
    again, one write every `drip_s` seconds, until the client hangs up (or `DRIP_MAX_S` passes).
    """

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    hang_s: float = 0.0
    drip_s: float = 0.0


def redirect(location: str, status: int = 301) -> Reply:
    return Reply(status, b"", (("Location", location),))


def slow_drip(every_s: float = 0.2, chunk: bytes = b'{"jobs": [ ') -> Reply:
    """A JSON answer whose body never ends: a few bytes every `every_s` seconds."""
    return Reply(200, chunk, (("Content-Type", "application/json"),), drip_s=every_s)


@cache
def gzip_bomb(inflated_mb: int = 1024) -> Reply:
    """`Content-Encoding: gzip`, about a thousandth of `inflated_mb` on the wire, zeros when inflated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: the gzip container
    block = bytes(2**20)
    body = b"".join(packer.compress(block) for _ in range(inflated_mb)) + packer.flush()
    headers = (("Content-Type", "application/json"), ("Content-Encoding", "gzip"))
    return Reply(200, body, headers)


class AtsServer:
    """Serve boards on 127.0.0.1 as the real APIs do; use as a context manager or start()/stop()."""

    def __init__(
        self, root: Path | None = None, latency_s: float = 0.0, robots_txt: str | None = None
    ) -> None:
        self.root = root
        self.latency_s = latency_s
        self.robots_txt = robots_txt
        self.boards: dict[tuple[str, str], Reply] = {}
        self.generator: Callable[[str, str], bytes | None] | None = None
        self.details: dict[tuple[str, str], bytes] = {}
        self.scripts: dict[str, deque[Reply]] = {}
        self.requests: Counter[str] = Counter()  # by path
        self.arrivals: dict[str, list[float]] = {}  # monotonic arrival times by path
        self.log: list[str] = []  # every request target, query included, in order
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

    def start(self) -> AtsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> AtsServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_board(
        self,
        source: str,
        token: str,
        body: bytes | Path | Reply,
        content_type: str = "application/json",
        eu: bool = False,
    ) -> None:
        """A board's answer: its payload (bytes or a file), or a whole `Reply` (a status, a redirect)."""
        if isinstance(body, Path):
            body = body.read_bytes()
        reply = body if isinstance(body, Reply) else Reply(200, body, (("Content-Type", content_type),))
        key = (f"eu/{source}" if eu else source, token)
        with self._lock:
            self.boards[key] = reply
            self._parsed.pop(key, None)

    def remove_board(self, source: str, token: str) -> None:
        with self._lock:
            self.boards.pop((source, token), None)
            self._parsed.pop((source, token), None)

    def script(self, path: str, *replies: Reply) -> None:
        """Answer the next requests to `path` with these replies, in order, then serve normally."""
        with self._lock:
            self.scripts.setdefault(path, deque()).extend(replies)

    @staticmethod
    def route(path: str) -> tuple[AtsSpec, str, dict[str, str]] | None:
        """The ATS, endpoint name (`list`, `detail`, ...) and path values of a request path."""
        for spec, name, pattern in _ROUTES:
            match = pattern.match(path.removeprefix("/eu") if path.startswith("/eu/") else path)
            if match:
                return spec, name, match.groupdict()
        return None

    def asked(self) -> list[tuple[str, str]]:
        """(source type, token) of every list request, in order."""
        out = []
        for target in self.log:
            found = self.route(urlsplit(target).path)
            if found and found[1] == "list":
                out.append((found[0].source_type, found[2]["token"]))
        return out

    def resolve(self, path: str, query: dict[str, list[str]]) -> Reply:
        if path == "/__stats":
            stats = {"requests": sum(self.requests.values()), "max_in_flight": self.max_in_flight}
            return Reply(200, json.dumps({**stats, "busy_s": self.busy_s}).encode())
        if path == "/robots.txt":
            if self.robots_txt is None:
                return Reply(404, b"not found", _TEXT)
            return Reply(200, self.robots_txt.encode(), _TEXT)
        found = self.route(path)
        if found is None:
            return Reply(404, b"not found", _TEXT)
        spec, name, values = found
        prefix = "eu/" if path.startswith("/eu/") else ""
        if name == "detail":
            body = self.details.get((values["token"], values["id"]))
            return Reply(200, body) if body is not None else Reply(404, spec.not_found_body)
        board = self._board(prefix + spec.source_type, values["token"])
        if board is None:
            return Reply(404, spec.not_found_body)
        if name != "list":  # an extra document of the board (Greenhouse departments, offices)
            return Reply(200, json.dumps({name: []}).encode())
        if board.status == 200 and dict(board.headers).get("Content-Type") == "application/json":
            return Reply(200, self._page(spec, prefix, values["token"], board.body, query), board.headers)
        return board

    def _board(self, source: str, token: str) -> Reply | None:
        found = self.boards.get((source, token))
        if found is None and self.generator is not None and not source.startswith("eu/"):
            body = self.generator(source, token)
            found = Reply(200, body, (("Content-Type", "application/json"),)) if body is not None else None
        if found is None and self.root is not None and not source.startswith("eu/"):
            for suffix, ctype in _FILES:
                file = self.root / source / f"{token}{suffix}"
                if file.is_file() and file.parent == self.root / source:
                    return Reply(200, file.read_bytes(), (("Content-Type", ctype),))
        return found

    def _page(
        self, spec: AtsSpec, prefix: str, token: str, body: bytes, query: dict[str, list[str]]
    ) -> bytes:
        """One page of a board whose API pages (Lever skip/limit, SmartRecruiters offset/limit)."""
        paging = spec.paging
        if paging is None:
            return body
        limit = query.get(paging.limit_param, [paging.default_limit])[0]
        if limit is None:
            return body
        key = (prefix + spec.source_type, token)
        try:
            parsed: Any = self._parsed.get(key) or json.loads(body)
        except ValueError:
            return body  # a broken board is served broken
        self._parsed[key] = parsed
        shaped = isinstance(parsed, list) if paging.items_key is None else isinstance(parsed, dict)
        if not shaped or (paging.items_key and not isinstance(parsed.get(paging.items_key), list)):
            return body
        page = paging.page(parsed, int(query.get(paging.start_param, ["0"])[0]), int(limit))
        # a page that is the whole recorded payload goes out as recorded, byte for byte
        return body if page == parsed else json.dumps(page, ensure_ascii=False).encode()

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
                    server.log.append(self.path)
                    server.user_agents.add(self.headers.get("User-Agent", ""))
                    # robots.txt is fetched outside the host's slots: the in-flight count is the API's
                    api = parts.path != "/robots.txt"
                    server.in_flight += api
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                started = time.perf_counter()
                try:
                    with server._lock:
                        queue = server.scripts.get(parts.path)
                        scripted = queue.popleft() if queue else None
                    reply = scripted or server.resolve(parts.path, parse_qs(parts.query))
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
                self.send_header("Content-Length", str(2**40 if reply.drip_s else len(reply.body)))
                self.end_headers()
                try:
                    if reply.drip_s:
                        self._drip(reply)
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (a timeout test): nothing to answer

            def _drip(self, reply: Reply) -> None:
                self.close_connection = True  # the announced length is never reached
                ends = time.monotonic() + DRIP_MAX_S
                while time.monotonic() < ends:
                    self.wfile.write(reply.body)
                    self.wfile.flush()
                    time.sleep(reply.drip_s)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def pointed_at(url: str, eu: bool = True) -> dict[str, object]:
    """Settings updates that send every ATS to this server (EU hosts under `/eu`, or none)."""
    urls = {source: url for source in ATS}
    if eu:
        urls |= {f"{s}_eu": f"{url}/eu" for s, spec in ATS.items() if spec.eu_api_url}
    named = {f"{key}_api_url": None for key in urls if f"{key}_api_url" in Settings.model_fields}
    return {**named, "ats_api_urls": urls}  # the named fields would win over the mapping: clear them
