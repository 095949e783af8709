"""Reading a completion: its text, its refusal, its token usage; and mapping every string of an answer
(to redact a key a model echoed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...models import Usage


def completion_text(completion: Any) -> str | None:
    """What the model said: the message content or the tool call's arguments."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return calls[0].function.arguments
    return getattr(message, "content", None)


def refusal_of(completion: Any) -> str | None:
    try:
        return completion.choices[0].message.refusal or None
    except (AttributeError, IndexError, TypeError):
        return None


def usage_of(completion: Any, total: Any = None) -> Usage:
    """Tokens of one completion, or of instructor's running total across re-asks when given."""
    u = total if total is not None else getattr(completion, "usage", None)
    return Usage(
        prompt_tokens=getattr(u, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(u, "completion_tokens", 0) or 0,
    )


def map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """``fn`` applied to every string value of nested dicts and lists (keys untouched)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {k: map_strings(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [map_strings(v, fn) for v in value]
    return value
