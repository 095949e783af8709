"""What every engine provides, and how the configured one is chosen."""

from __future__ import annotations

from typing import Protocol

from . import offline
from .clean import CleanArticle
from .errors import ConfigError
from .models import ArticleSummary, Usage
from .settings import Settings


class Engine(Protocol):
    """Turns a cleaned article into a grounded summary."""

    #: Recorded in every batch record (``"offline"``, ``"llm:<model>"``).
    name: str
    #: Part of the run-store cache key: a new version re-does cached articles.
    version: str

    def summarize(self, article: CleanArticle) -> tuple[ArticleSummary, Usage]: ...


class OfflineEngine:
    """The embedded extractive engine (no model, no network)."""

    name = offline.ENGINE_NAME
    version = offline.ENGINE_VERSION

    def summarize(self, article: CleanArticle) -> tuple[ArticleSummary, Usage]:
        return offline.summarize_clean(article), Usage()


def get_engine(settings: Settings) -> Engine:
    """The engine the settings ask for; a clear error when it is not available yet."""
    kind = settings.resolved_engine()
    if kind == "offline":
        return OfflineEngine()
    raise ConfigError(
        f"the {kind!r} engine is not available in this version of summarizer; "
        "use --engine offline (the default when no model is configured)"
    )
