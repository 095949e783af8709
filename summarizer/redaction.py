"""Secrets never reach a terminal, a log file, an exception message or a record.

A key can hide in more places than the key setting: in the base URL's user part
(``http://user:sk-…@host/v1``) or its query (``?api-key=…``), in an ``Authorization`` header that a
debug log prints, or in a server's answer that echoes it. :func:`redact` takes all of those out of a
text; :class:`RedactingFilter` applies it to every log record a handler emits (message, arguments,
exception and stack text), whichever library logged it (httpx's request line at ``-v``, openai's debug
lines at ``-vv``).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlsplit

MASK = "***"

#: Where a key may be given to the library (Settings reads the same variables).
KEY_VARIABLES = ("OPENAI_API_KEY", "SUMMARIZER_API_KEY")
# Shorter values are placeholders ("x", "none") that also occur in ordinary text.
_MIN_SECRET = 8

_CREDENTIAL_PARAMS = r"api[-_]?key|key|token|access[-_]?token|secret|password|sig|signature"
_PATTERNS = (
    # the user part of a URL: scheme://user:password@host or scheme://token@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@"), rf"\1{MASK}@"),
    # a query or form parameter that carries a credential
    (re.compile(rf"(?i)([?&;](?:{_CREDENTIAL_PARAMS})=)[^&#\s'\"]+"), rf"\1{MASK}"),
    # an Authorization header or bearer token, as a debug log or an error may print it
    (re.compile(r"(?i)\b(bearer|basic)\s+[a-z0-9._~+/=-]{8,}"), rf"\1 {MASK}"),
    (
        re.compile(
            r"(?i)(['\"]?(?:authorization|api[-_]?key|x-api-key)['\"]?\s*[:=]\s*['\"]?)[^'\"\s,}]{8,}"
        ),
        rf"\1{MASK}",
    ),
    # OpenAI-style keys anywhere (sk-..., sk-proj-...)
    (re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"), f"sk-{MASK}"),
)

_known: set[str] = set()


def add_secret(secret: str | None) -> None:
    """Remember a secret (a key the library was given) so that :func:`redact` takes it out wherever it is."""
    if secret and len(secret) >= _MIN_SECRET:
        _known.add(secret)


def add_url(url: str | None) -> None:
    """Remember the credentials in a URL (its user part, its credential query parameters), so that a
    server echoing one is redacted too."""
    if not url:
        return
    parts = urlsplit(url)
    for secret in (parts.username, parts.password):
        add_secret(secret)
    for name, value in parse_qsl(parts.query):
        if re.fullmatch(_CREDENTIAL_PARAMS, name, re.IGNORECASE):
            add_secret(value)


def _secrets(extra: Iterable[str]) -> list[str]:
    found = set(_known) | {s for s in extra if s and len(s) >= _MIN_SECRET}
    found |= {v for name in KEY_VARIABLES if len(v := os.environ.get(name, "")) >= _MIN_SECRET}
    return sorted(found, key=len, reverse=True)  # a longer secret first: it may contain a shorter one


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` without keys: the given and known secrets, URL user parts, credential query parameters,
    authorization headers and ``sk-`` keys are each replaced by ``***``."""
    for secret in _secrets(secrets):
        text = text.replace(secret, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """A handler filter that redacts every record it lets through (and never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info:
            # Formatted once here, redacted; a formatter prints exc_text as it is.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
