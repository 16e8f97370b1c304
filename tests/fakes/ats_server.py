"""A local server that speaks the Greenhouse and Lever board APIs, for the demo, tests and benchmarks.

It serves payload files from a folder laid out as `{root}/{source_type}/{token}.json` (or `.html`
for a deny page), answers unknown boards with each API's real 404 body, and counts what it was asked.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

_ROUTES = {
    "greenhouse": re.compile(r"^/v1/boards/([^/]+)/jobs/?$"),
    "lever": re.compile(r"^/v0/postings/([^/]+)/?$"),
}
_NOT_FOUND = {
    "greenhouse": b'{"status":404,"error":"Not Found"}',
    "lever": b'{"ok":false,"error":"Document not found"}',
}


class AtsServer:
    """Serve boards from `root` on 127.0.0.1; use as a context manager or start()/stop()."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root
        self.requests: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._httpd.daemon_threads = True
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

    def _resolve(self, path: str) -> tuple[int, str, bytes]:
        for source, route in _ROUTES.items():
            match = route.match(path)
            if not match:
                continue
            token = match.group(1)
            for suffix, ctype in ((".json", "application/json"), (".html", "text/html; charset=utf-8")):
                candidate = self.root / source / f"{token}{suffix}"
                if candidate.is_file() and candidate.parent == self.root / source:
                    return 200, ctype, candidate.read_bytes()
            return 404, "application/json", _NOT_FOUND[source]
        return 404, "text/plain", b"not found"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no delayed-ACK stall after each body, as on real hosts

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                with server._lock:
                    server.requests[path] += 1
                    server.user_agents.add(self.headers.get("User-Agent", ""))
                status, ctype, body = server._resolve(path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
