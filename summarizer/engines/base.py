"""What every engine is: a cleaned article in, an :class:`EngineResult` out.

An engine only extracts. Grounding is not its duty: the pipeline passes whatever it returns through
:mod:`summarizer.ground` before a record is made, so no engine can skip it.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ..clean import CleanArticle
from ..models import ArticleSummary, Obtained, Usage

#: Where a batch runs an engine: ``processes`` (CPU-bound: a pool of worker processes), ``event_loop``
#: (waits on a server: event loops, spread over processes when the batch is large), ``one_process``
#: (holds something too large to copy, such as a model in memory: one event loop in this process).
Placement = Literal["processes", "event_loop", "one_process"]


@dataclass
class EngineResult:
    """A summary and what it cost: usage across every call, attempts, the last raw model answer, and how
    a model's answer was obtained (see :data:`summarizer.models.Obtained`)."""

    summary: ArticleSummary
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    raw_answer: str | None = None
    obtained: Obtained | None = None


class Engine(ABC):
    """Turns a cleaned article into a summary. Subclasses set :attr:`name` and :attr:`version` and
    implement :meth:`summarize` (and :meth:`asummarize` when they wait on a server); the rest has
    sensible defaults.

    A batch runs the engine it is given everywhere, worker processes included: forked workers inherit
    it, spawned ones (macOS, Windows) receive a pickled copy once per process, so an engine must be
    picklable there, or drop what cannot be pickled (clients, locks) in ``__getstate__`` and rebuild it
    on first use.
    """

    #: Recorded in every batch record (``"offline"``, ``"llm:<model>"``).
    name: str = ""
    #: Part of the run-store cache key: a new version re-does cached articles.
    version: str = ""
    placement: ClassVar[Placement] = "event_loop"

    @abstractmethod
    def summarize(self, article: CleanArticle) -> EngineResult:
        """The summary of one cleaned article, not yet grounded (the pipeline grounds it)."""

    async def asummarize(self, article: CleanArticle) -> EngineResult:
        """:meth:`summarize` for an event loop; by default in a worker thread, so the loop is never blocked."""
        return await asyncio.to_thread(self.summarize, article)

    def warm_up(self) -> None:
        """Do the one-off work of a first article now (a batch calls it once before forking workers)."""
        return None  # an engine with nothing to load has nothing to do

    async def aclose(self) -> None:
        """Release what this event loop's calls opened (HTTP clients); batches call it for you."""
        return None  # an engine that opens nothing has nothing to release
