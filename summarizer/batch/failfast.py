"""Fail-fast for model batches: a server that cannot be reached, or refuses the key, stops the batch
after a few articles instead of failing every one of them after its retries."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import Fault
from ..models import BatchRecord
from ..settings import Settings

#: A batch stops after this many articles in a row could not reach the model server or were refused
#: (a local address that refuses the connection stops it at once: see :class:`~summarizer.errors.Fault`).
FAIL_FAST_AFTER = Fault.UNREACHABLE.streak


def endpoint(settings: Settings) -> str:
    """The model server the settings point at, without any credentials written into the URL."""
    parts = urlsplit(settings.endpoint)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return parts._replace(netloc=netloc, query="", fragment="").geturl()


class FailFast:
    """Counts the articles in a row that failed because of the server (unreachable, refused), by the
    typed :class:`~summarizer.errors.Fault` their records carry."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.streak = 0

    def check(self, record: BatchRecord) -> str | None:
        """None to go on; the message to stop with once the streak is long enough."""
        fault = record.error.fault if record.error else None
        self.streak = self.streak + 1 if fault is not None else 0
        if fault is None or record.error is None or self.streak < fault.streak:
            return None
        # The record's message comes from the transport, which redacts the key.
        detail = re.sub(r"\s+", " ", record.error.message)
        row = f" for {self.streak} articles in a row" if self.streak > 1 else ""
        return (f"stopped: the model server at {endpoint(self.settings)} {fault.value}{row} ({detail}); "
                "check --base-url, that the server is running, and the API key")  # fmt: skip
