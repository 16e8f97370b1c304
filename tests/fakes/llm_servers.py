"""Local servers that speak Ollama's `/api/chat` and OpenAI's `/v1/chat/completions` wire formats.

Each test scripts them with a `reply(request_json) -> Reply` function; the default answers well. They count
tokens the way the real servers report them (`prompt_eval_count` / `eval_count`, `usage`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    content: str | None = None  # the model's text (Ollama message.content / OpenAI content or tool args)
    status: int = 200
    delay_s: float = 0.0
    error: str = "rate limited"
    finish: str = "stop"  # "length": the output bound was reached (Ollama done_reason / OpenAI finish_reason)


OLLAMA_DEFAULT_CTX = 2048


def tokens(text: str) -> int:
    return max(1, len(text) // 4)


def good_answer(posting: dict[str, Any], pid: str | None = None) -> dict[str, Any]:
    """A valid answer for one posting as the prompt describes it."""
    text = posting.get("text", "")
    quote = text[:24].strip()
    out: dict[str, Any] = {
        "summary": f"Works as {posting.get('title', 'a hire')} at {posting.get('company', 'the company')}.",
        "key_functions_hired_for": ["ship work", "support customers"],
        "highlights": [
            {
                "label": "requirement",
                "text": quote,
                "start_char": text.index(quote),
                "end_char": text.index(quote) + len(quote),
            }
        ]
        if quote
        else [],
        "confidence": 0.9,
        "needs_tier2": False,
    }
    if "skills" in posting.get("ask", []):
        out["skills"] = ["Python"]
    if "job_function" in posting.get("ask", []):
        out["job_function"] = "engineering"
    if pid is not None:
        out["id"] = pid
    return out


def good_batch(request: dict[str, Any]) -> Reply:
    postings = json.loads(request["messages"][-1]["content"])["postings"]
    return Reply(json.dumps({"postings": [good_answer(p, p["id"]) for p in postings]}))


def first_user(request: dict[str, Any]) -> dict[str, Any]:
    """The posting sent in a request (re-asks append messages after it)."""
    return json.loads(next(m["content"] for m in request["messages"] if m["role"] == "user"))


def good_single(request: dict[str, Any]) -> Reply:
    return Reply(json.dumps(good_answer(first_user(request))))


@dataclass
class FakeServer:
    reply: Callable[[dict[str, Any]], Reply]
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""

    def __enter__(self) -> FakeServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                server.requests.append(body)
                status, payload, delay = server.handle(self.path, body)
                if delay:
                    time.sleep(delay)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any], float]:
        raise NotImplementedError


class FakeOllama(FakeServer):
    def handle(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any], float]:
        assert path == "/api/chat", path
        r = self.reply(body)
        if r.status != 200:
            return r.status, {"error": r.error}, r.delay_s
        prompt = "".join(m["content"] for m in body["messages"])
        # Ollama cuts a prompt longer than the window from the front and counts what it kept; without
        # `num_ctx` the window is its default, 2,048 tokens on many installs.
        window = int(body.get("options", {}).get("num_ctx", OLLAMA_DEFAULT_CTX))
        return (
            200,
            {
                "model": body["model"],
                "created_at": "2026-11-21T00:00:00Z",
                "message": {"role": "assistant", "content": r.content},
                "done": True,
                "done_reason": r.finish,
                "total_duration": 1_000_000,
                "prompt_eval_count": min(tokens(prompt), window),
                "eval_count": tokens(r.content or ""),
            },
            r.delay_s,
        )


class FakeOpenAI(FakeServer):
    def handle(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any], float]:
        assert path == "/v1/chat/completions", path
        r = self.reply(body)
        if r.status != 200:
            return (
                r.status,
                {"error": {"message": r.error, "type": "rate_limit_error", "code": None}},
                r.delay_s,
            )
        prompt = "".join(str(m.get("content") or "") for m in body["messages"])
        message: dict[str, Any] = {"role": "assistant", "content": r.content}
        finish = r.finish
        if body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": name, "arguments": r.content}}
                ],
            }
            finish = "tool_calls"
        usage = {"prompt_tokens": tokens(prompt), "completion_tokens": tokens(r.content or "")}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return (
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 1_700_000_000,
                "model": body["model"],
                "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                "usage": usage,
            },
            r.delay_s,
        )
