"""One article through the pipeline, top to bottom: load -> clean -> engine -> ground.

Grounding is a stage, not an engine's duty: whatever an engine returns passes through
:func:`summarizer.ground.ground_summary` here, so no engine can return an item the article does not back.
"""

from __future__ import annotations

from pathlib import Path

from .clean import CleanArticle, clean
from .engines.base import Engine, EngineResult
from .ground import ground_summary
from .load import Document, load_bytes, load_file
from .settings import Settings
from .vietnamese.text import has_diacritics


def load(article: str | Path | bytes, settings: Settings) -> Document:
    """The document for a ``Path`` (a file), ``bytes`` (any supported encoding) or ``str`` (article text)."""
    if isinstance(article, Path):
        return load_file(article, max_bytes=settings.max_bytes)
    if isinstance(article, bytes):
        return load_bytes(article, max_bytes=settings.max_bytes)
    # A str is article text, never a file name: untrusted text must not choose what we read.
    return load_bytes(article.encode("utf-8"), name="<text>", max_bytes=settings.max_bytes)


def prepare(doc: Document) -> CleanArticle:
    """The cleaned article that evidence spans refer to."""
    return clean(doc.text, title=doc.title, published=doc.published)


def grounded(result: EngineResult, article: CleanArticle) -> EngineResult:
    """The engine's result with every item checked against the article (the grounding stage)."""
    result.summary = ground_summary(result.summary, article.text)
    result.summary.has_diacritics = has_diacritics(article.text)
    return result


def run_engine(engine: Engine, article: CleanArticle) -> EngineResult:
    """The engine's grounded result for one cleaned article."""
    return grounded(engine.summarize(article), article)


async def arun_engine(engine: Engine, article: CleanArticle) -> EngineResult:
    """:func:`run_engine` for an event loop."""
    return grounded(await engine.asummarize(article), article)
