"""An OpenAI-compatible server on 127.0.0.1 for command-line tests: every request gets ``respond()``'s
answer (an ``httpx.Response``, e.g. from ``responder.completion``), and every request body is kept."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx


@contextmanager
def serve(respond: Callable[[], httpx.Response]) -> Iterator[tuple[str, list[dict]]]:
    """Yields the base URL (``http://127.0.0.1:PORT/v1``) and the list of request bodies received."""
    bodies: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            bodies.append(json.loads(self.rfile.read(int(self.headers["content-length"]))))
            answer = respond()
            self.send_response(answer.status_code)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/v1", bodies
    finally:
        httpd.shutdown()


def refusal(status: int = 401) -> httpx.Response:
    """An OpenAI-style error answer."""
    return httpx.Response(status, json={"error": {"message": "bad key", "type": "invalid_request_error"}})
