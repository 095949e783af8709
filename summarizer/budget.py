"""A time budget for one article (``Settings.article_seconds``), so no single input can hold a batch.

How it is enforced depends on where the article runs:

- in the main thread of a process (the offline engine's worker processes, a small batch summarised in
  the batch's own thread): ``SIGALRM``. The alarm interrupts Python code and regular-expression matching
  (``re`` checks for signals as it goes) wherever the article is, and raises here, so the worker is not
  replaced: it records the failure and takes the next article. A call stuck in C code that never checks
  for signals is the one thing it cannot stop.
- in an event loop (model engines): :func:`asyncio.wait_for` around the article, which cancels its
  pending model calls. Each call also has its own deadline (``Settings.timeout``, see
  :mod:`summarizer.engines.llm.transport`).
- in any other thread no alarm can be delivered, and the article runs unbounded.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import ArticleTimeoutError


class _Expired(BaseException):
    """Raised by the alarm; a BaseException, so no ``except Exception`` on the way swallows it."""


def expired(name: str, seconds: float) -> ArticleTimeoutError:
    """The error of an article that outlasted its budget."""
    return ArticleTimeoutError(
        f"{name} took longer than the {seconds:g}-second budget of one article and was given up; "
        "raise it with SUMMARIZER_ARTICLE_SECONDS if this really is one article"
    )


@contextmanager
def article_budget(seconds: float, name: str) -> Iterator[None]:
    """Raise :class:`ArticleTimeoutError` when the block outlasts ``seconds`` (see the module docstring)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = [True]

    def expire(signum: int, frame: object) -> None:
        if armed[0]:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    # Fires again every second until disarmed, in case the first alarm landed in code that caught it.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        try:
            yield
        finally:
            armed[0] = False
    except _Expired:
        raise expired(name, seconds) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
