"""The public Python API: summarise one article, or a whole folder (see :mod:`summarizer.batch`)."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

from .clean import CleanArticle, clean
from .engine import Engine, EngineResult, get_engine
from .errors import SummarizerError
from .load import Document, load_bytes, load_file
from .models import ArticleSummary, BatchRecord, ErrorInfo, SourceInfo, Status, Usage
from .settings import Settings


def _document(article: str | Path | bytes, settings: Settings) -> Document:
    if isinstance(article, Path):
        return load_file(article, max_bytes=settings.max_bytes)
    if isinstance(article, bytes):
        return load_bytes(article, max_bytes=settings.max_bytes)
    # A str is article text, never a file name: untrusted text must not choose what we read.
    return load_bytes(article.encode("utf-8"), name="<text>", max_bytes=settings.max_bytes)


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
    doc = _document(article, settings)
    cleaned = clean(doc.text, title=doc.title, published=doc.published)
    return (engine or get_engine(settings)).summarize(cleaned).summary


async def asummarize(
    article: str | Path | bytes,
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
) -> ArticleSummary:
    """:func:`summarize` for callers with their own event loop: model engines await the server, the
    offline engine runs in a worker thread, so the loop is never blocked."""
    settings = settings or Settings()
    doc = await asyncio.to_thread(_document, article, settings)
    cleaned = clean(doc.text, title=doc.title, published=doc.published)
    return (await (engine or get_engine(settings)).asummarize(cleaned)).summary


def source_info(path: Path, display: str) -> SourceInfo:
    """Path, size and SHA-256 of a file, hashed in chunks (a huge file is never read whole)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return SourceInfo(path=display, sha256=digest.hexdigest(), bytes=path.stat().st_size)


def summarize_file_record(path: Path, source: SourceInfo, settings: Settings, engine: Engine) -> BatchRecord:
    """Summarise one file into a batch record; never raises for a bad file."""
    prepared = prepare_article(path, source, settings, engine)
    if isinstance(prepared, BatchRecord):
        return prepared
    article, source = prepared
    try:
        return record_ok(source, engine, engine.summarize(article))
    except Exception as exc:
        return record_failed(source, engine, exc)


async def asummarize_file_record(
    path: Path, source: SourceInfo, settings: Settings, engine: Engine
) -> BatchRecord:
    """:func:`summarize_file_record` for an event loop: the model call is awaited."""
    prepared = prepare_article(path, source, settings, engine)
    if isinstance(prepared, BatchRecord):
        return prepared
    article, source = prepared
    try:
        return record_ok(source, engine, await engine.asummarize(article))
    except Exception as exc:
        return record_failed(source, engine, exc)


def prepare_article(
    path: Path, source: SourceInfo, settings: Settings, engine: Engine
) -> tuple[CleanArticle, SourceInfo] | BatchRecord:
    """The cleaned article, or the record of why the file could not be read."""
    try:
        doc = load_file(path, max_bytes=settings.max_bytes)
    except Exception as exc:
        return record_failed(source, engine, exc)
    source = source.model_copy(update={"encoding": doc.encoding, "kind": doc.kind})
    return clean(doc.text, title=doc.title, published=doc.published), source


def record_ok(source: SourceInfo, engine: Engine, result: EngineResult) -> BatchRecord:
    return BatchRecord(source=source, status="ok", engine=engine.name, summary=result.summary, usage=result.usage,
                       engine_version=engine.version, attempts=result.attempts, raw_answer=result.raw_answer)  # fmt: skip


def record_failed(source: SourceInfo, engine: Engine, exc: Exception) -> BatchRecord:
    """A failed or skipped record; a bug (any other exception) costs one article, not the batch."""
    status: Status = "failed"
    if isinstance(exc, SummarizerError):
        status, message = exc.status, str(exc)
    elif isinstance(exc, OSError):
        message = f"cannot read {source.path}: {exc.strerror or exc}"
    else:
        message = f"internal error ({type(exc).__name__}): {exc}"
    usage = getattr(exc, "usage", None)
    return BatchRecord(source=source, status=status, engine=engine.name, engine_version=engine.version,
                       error=ErrorInfo(type=type(exc).__name__, message=message),
                       usage=usage if isinstance(usage, Usage) else Usage(),
                       attempts=getattr(exc, "attempts", 0), raw_answer=getattr(exc, "raw_answer", None))  # fmt: skip
