"""The public Python API for one article (folders: :func:`summarizer.batch.summarize_folder`)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from .engines import Engine, get_engine
from .models import ArticleSummary
from .pipeline import arun_engine, load, prepare, run_engine
from .settings import Settings


def summarize(
    article: str | Path | bytes,
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
) -> ArticleSummary:
    """Summarise one article.

    ``article`` is the article text (``str``), raw bytes in any supported encoding (text or HTML), or a
    ``Path`` to a file. Raises a :class:`~summarizer.errors.SummarizerError` subclass when the input
    cannot be read or summarised. Every returned item is grounded in the cleaned article text.
    """
    settings = settings or Settings()
    cleaned = prepare(load(article, settings))
    return run_engine(engine or get_engine(settings), cleaned).summary


async def asummarize(
    article: str | Path | bytes,
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
) -> ArticleSummary:
    """:func:`summarize` for callers with their own event loop: model engines await the server, the
    offline engine runs in a worker thread, so the loop is never blocked."""
    settings = settings or Settings()
    doc = await asyncio.to_thread(load, article, settings)
    return (await arun_engine(engine or get_engine(settings), prepare(doc))).summary
