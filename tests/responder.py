"""The first scripted responder's names, kept for the tests written against them; they are thin wrappers
of the public kit, :mod:`summarizer.testing`, which new tests use directly (``ScriptedModel``)."""

from __future__ import annotations

from typing import Any

import httpx

from summarizer import testing


def completion(
    answer: Any, *, finish: str = "stop", prompt_tokens: int = 300, completion_tokens: int = 120
) -> httpx.Response:
    """A 200 chat completion carrying ``answer`` as JSON text."""
    body = testing.completion(
        answer, finish=finish, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens
    )
    return httpx.Response(200, json=body)


def status(
    code: int, headers: dict[str, str] | None = None, message: str = "scripted error"
) -> httpx.Response:
    """An OpenAI-style error answer."""
    return httpx.Response(
        code, headers=headers or {}, json={"error": {"message": message, "type": "scripted"}}
    )


def timeout(request: testing.ModelRequest) -> testing.Fault:
    """A step (used uncalled, as ``Script(timeout, ...)``) that times out."""
    return testing.timeout()


class Script:
    """A :class:`~summarizer.testing.ScriptedModel` whose ``requests`` are the raw request bodies."""

    def __init__(self, *steps: Any) -> None:
        self.model = testing.ScriptedModel(*steps)

    @property
    def requests(self) -> list[dict[str, Any]]:
        return [r.body for r in self.model.requests]

    @property
    def waits(self) -> list[float]:
        return self.model.waits

    def transport(self) -> httpx.MockTransport:
        return self.model.transport()

    def engine(self, **settings: Any) -> Any:
        return self.model.engine(**settings)
