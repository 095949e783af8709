"""One input file into one line of ``summaries.jsonl`` (a :class:`~summarizer.models.BatchRecord`).

A bad file, a failed model call or a bug costs one record, never the batch: every fault becomes a
``failed`` or ``skipped`` record with a message that says what to do.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

from .budget import article_budget, expired
from .clean import CleanArticle
from .engines.base import Engine, EngineResult
from .errors import SummarizerError
from .load import load_file
from .models import BatchRecord, ErrorInfo, SourceInfo, Status, Usage
from .names import printable_name
from .pipeline import arun_engine, prepare, run_engine
from .redaction import redact
from .settings import Settings


def source_info(path: Path, display: str) -> SourceInfo:
    """Path, size and SHA-256 of a file, hashed in chunks (a huge file is never read whole)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return SourceInfo(path=display, sha256=digest.hexdigest(), bytes=path.stat().st_size)


def prepare_article(
    path: Path, source: SourceInfo, settings: Settings, engine: Engine
) -> tuple[CleanArticle, SourceInfo] | BatchRecord:
    """The cleaned article and its source as actually read, or the record of why it could not be read.

    The source's hash and size are those of the bytes loaded, not of an earlier look at the file: a file
    changed since then is recorded as what was summarised."""
    try:
        doc = load_file(path, max_bytes=settings.max_bytes)
    except Exception as exc:
        return record_failed(source, engine, exc)
    source = source.model_copy(
        update={"encoding": doc.encoding, "kind": doc.kind, "sha256": doc.sha256, "bytes": doc.size}
    )
    return prepare(doc), source


def summarize_file_record(path: Path, source: SourceInfo, settings: Settings, engine: Engine) -> BatchRecord:
    """Summarise one file into a batch record within the article's time budget; never raises for a bad file."""
    try:
        with article_budget(settings.article_seconds, source.path):
            prepared = prepare_article(path, source, settings, engine)
            if isinstance(prepared, BatchRecord):
                return prepared
            article, source = prepared
            return record_ok(source, engine, run_engine(engine, article))
    except Exception as exc:
        return record_failed(source, engine, exc)


async def asummarize_file_record(
    path: Path, source: SourceInfo, settings: Settings, engine: Engine
) -> BatchRecord:
    """:func:`summarize_file_record` for an event loop: the model call is awaited, the budget is a timeout."""
    try:
        return await asyncio.wait_for(_asummarize(path, source, settings, engine), settings.article_seconds)
    except asyncio.TimeoutError:
        return record_failed(source, engine, expired(source.path, settings.article_seconds))


async def _asummarize(path: Path, source: SourceInfo, settings: Settings, engine: Engine) -> BatchRecord:
    prepared = prepare_article(path, source, settings, engine)
    if isinstance(prepared, BatchRecord):
        return prepared
    article, source = prepared
    try:
        return record_ok(source, engine, await arun_engine(engine, article))
    except Exception as exc:
        return record_failed(source, engine, exc)


def record_ok(source: SourceInfo, engine: Engine, result: EngineResult) -> BatchRecord:
    return BatchRecord(source=source, status="ok", engine=engine.name, summary=result.summary, usage=result.usage,
                       engine_version=engine.version, attempts=result.attempts, raw_answer=result.raw_answer,
                       obtained=result.obtained)  # fmt: skip


def record_failed(source: SourceInfo, engine: Engine, exc: Exception) -> BatchRecord:
    """A failed or skipped record; a bug (any other exception) costs one article, not the batch."""
    status: Status = "failed"
    if isinstance(exc, SummarizerError):
        status, message = exc.status, str(exc)
    elif isinstance(exc, OSError):
        message = f"cannot read {source.path}: {exc.strerror or exc}"
    else:
        message = f"internal error ({type(exc).__name__}): {exc}"
    # A name that is not UTF-8 (in a loader's message) stays storable; a key in a message is never stored.
    message = redact(printable_name(message))
    usage = getattr(exc, "usage", None)
    return BatchRecord(source=source, status=status, engine=engine.name, engine_version=engine.version,
                       error=ErrorInfo(type=type(exc).__name__, message=message),
                       usage=usage if isinstance(usage, Usage) else Usage(),
                       attempts=getattr(exc, "attempts", 0), raw_answer=getattr(exc, "raw_answer", None))  # fmt: skip
