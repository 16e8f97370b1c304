"""A local Greenhouse / Lever / Ashby list API for validation and probing, answering from real payloads.

Each board is a file, a bare status (404 with the ATS's real body, 429, 500) or a redirect. Anything else
is 404; every request is recorded so tests can say what was (and was not) asked.
"""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROUTES = {
    "greenhouse": re.compile(r"^/v1/boards/([^/]+)/jobs$"),
    "lever": re.compile(r"^/v0/postings/([^/]+)$"),
    "ashby": re.compile(r"^/posting-api/job-board/([^/]+)$"),
}
NOT_FOUND = {
    "greenhouse": b'{"status":404,"error":"Not Found"}',
    "lever": b'{"ok":false,"error":"Document not found"}',
    "ashby": b'{"success":false,"error":"Job board not found"}',
}


class BoardApiServer:
    def __init__(self) -> None:
        self.boards: dict[tuple[str, str], Path | int | str] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> BoardApiServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def asked(self) -> list[tuple[str, str]]:
        out = []
        for path in self.requests:
            for source, route in ROUTES.items():
                m = route.match(urlsplit(path).path)
                if m:
                    out.append((source, m.group(1)))
        return out

    def _answer(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        for source, route in ROUTES.items():
            m = route.match(path)
            if not m:
                continue
            spec = self.boards.get((source, m.group(1)))
            if isinstance(spec, Path):
                return 200, spec.read_bytes(), {}
            if isinstance(spec, str):
                return 301, b"", {"Location": spec}
            if isinstance(spec, int) and spec != 404:
                return spec, b'{"error":"try later"}', {"Retry-After": "1"}
            return 404, NOT_FOUND[source], {}
        return 404, b"not found", {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no delayed-ACK stall after each body, as on real hosts

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(self.path)
                status, body, headers = server._answer(urlsplit(self.path).path)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
