"""A scripted OpenAI-compatible chat-completions responder for tests (no model, no network).

Each request gets the next scripted step (the last one repeats); every request body is kept, so tests
can assert the number of calls, what was re-asked, and that no API error ever reached a prompt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

Step = httpx.Response | Callable[[httpx.Request], httpx.Response]


def completion(
    answer: Any, *, finish: str = "stop", prompt_tokens: int = 300, completion_tokens: int = 120
) -> httpx.Response:
    content = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    return httpx.Response(200, json={
        "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "scripted",
        "choices": [{"index": 0, "finish_reason": finish, "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    })  # fmt: skip


def status(
    code: int, headers: dict[str, str] | None = None, message: str = "scripted error"
) -> httpx.Response:
    return httpx.Response(
        code, headers=headers or {}, json={"error": {"message": message, "type": "scripted"}}
    )


def timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("scripted timeout", request=request)


class Script:
    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(json.loads(request.content))
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        return step(request) if callable(step) else step

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)
