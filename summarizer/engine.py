"""What every engine provides, and how the configured one is chosen."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol

from . import offline
from .clean import CleanArticle
from .errors import ConfigError
from .models import ArticleSummary, Usage
from .settings import Settings


@dataclass
class EngineResult:
    """A summary and what it cost: usage across every call, attempts, and the last raw model answer."""

    summary: ArticleSummary
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    raw_answer: str | None = None


class Engine(Protocol):
    """Turns a cleaned article into a grounded summary."""

    #: Recorded in every batch record (``"offline"``, ``"llm:<model>"``).
    name: str
    #: Part of the run-store cache key: a new version re-does cached articles.
    version: str

    def summarize(self, article: CleanArticle) -> EngineResult: ...

    async def asummarize(self, article: CleanArticle) -> EngineResult: ...


class OfflineEngine:
    """The embedded extractive engine (no model, no network)."""

    name = offline.ENGINE_NAME
    version = offline.ENGINE_VERSION

    def summarize(self, article: CleanArticle) -> EngineResult:
        return EngineResult(offline.summarize_clean(article))

    async def asummarize(self, article: CleanArticle) -> EngineResult:
        return await asyncio.to_thread(self.summarize, article)  # CPU-bound: keep it off the event loop


def get_engine(settings: Settings) -> Engine:
    """The engine the settings ask for; a clear error when it is not available yet."""
    kind = settings.resolved_engine()
    if kind == "offline":
        return OfflineEngine()
    if kind == "llm":
        try:
            from .llm import LLMEngine
        except ImportError as exc:
            raise ConfigError(
                f"the llm engine needs the [llm] extra: pip install 'summarizer[llm]' ({exc})"
            ) from exc
        return LLMEngine(settings)
    from .local import LocalEngine

    return LocalEngine(settings)
