"""Summarise a folder: discover files, skip what the run store already has, run the rest, export.

The offline engine is CPU-bound, so large batches run in worker processes; results come back to this
process, which alone writes the run store and, at the end, ``summaries.jsonl``.
"""

from __future__ import annotations

import asyncio
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import asummarize_file_record, source_info, summarize_file_record
from .engine import Engine, OfflineEngine, get_engine
from .errors import ConfigError
from .export import require_parquet, write_csv, write_parquet
from .models import BatchRecord, ErrorInfo, SourceInfo
from .settings import Settings
from .store import STORE_NAME, RunStore, cache_key, write_atomically

SUMMARIES_NAME = "summaries.jsonl"
CSV_NAME = "summaries.csv"
PARQUET_NAME = "summaries.parquet"
# Below this many articles, starting worker processes (each loads the gazetteer) costs more than it saves.
_MIN_PARALLEL = 24


@dataclass
class BatchReport:
    """What a batch did."""

    total: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    cached: int = 0
    seconds: float = 0.0
    engine: str = ""
    output: Path = field(default_factory=Path)

    def add(self, record: BatchRecord) -> None:
        setattr(self, record.status, getattr(self, record.status) + 1)

    def line(self) -> str:
        rate = (self.total - self.cached) / self.seconds if self.seconds else 0.0
        return (
            f"{self.total} files: {self.ok} ok, {self.failed} failed, {self.skipped} skipped "
            f"({self.cached} from cache) in {self.seconds:.1f}s ({rate:.1f}/s) with {self.engine} -> {self.output}"
        )


def discover(input_dir: Path, exclude: Path | None = None) -> Iterator[Path]:
    """Regular files under ``input_dir`` in a stable order, hidden files and the output folder left out."""
    excluded = exclude.resolve() if exclude else None
    for root, dirs, files in os.walk(input_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (Path(root, d).resolve() != excluded))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root, name)


def summarize_folder(
    path: str | Path,
    out: str | Path,
    *,
    settings: Settings | None = None,
    force: bool = False,
    parquet: bool = False,
    on_record: Callable[[BatchRecord], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchReport:
    """Summarise every file under ``path`` into ``out/summaries.jsonl`` (one line per file, stable order),
    ``out/summaries.csv`` (one row per item) and, with ``parquet=True``, ``out/summaries.parquet``.

    Finished articles are kept in ``out/runs.sqlite``: a re-run skips them (``force=True`` re-does all)
    and re-does failures. ``on_start(total)`` and ``on_record(record)`` report progress.
    """
    settings = settings or Settings()
    input_dir, out_dir = Path(path), Path(out)
    if not input_dir.is_dir():
        raise ConfigError(f"{input_dir} is not a folder; pass the folder that holds the articles")
    engine = get_engine(settings)
    if parquet:
        require_parquet()
    started = time.perf_counter()
    report = BatchReport(engine=engine.name, output=out_dir / SUMMARIES_NAME)
    files = list(discover(input_dir, exclude=out_dir))
    report.total = len(files)
    if on_start:
        on_start(len(files))

    def finish(key: str, record: BatchRecord, store: RunStore) -> None:
        store.put(key, record)
        report.add(record)
        if on_record:
            on_record(record)

    with RunStore(out_dir / STORE_NAME) as store:
        run_id = store.start_run(engine.name, str(input_dir))
        wanted: list[tuple[str, str]] = []
        todo: list[tuple[Path, SourceInfo, str]] = []
        for file in files:
            display = file.relative_to(input_dir).as_posix()
            try:
                source = source_info(file, display)
            except OSError as exc:
                key = cache_key("unreadable:" + display, engine.name, engine.version)
                wanted.append((display, key))
                finish(key, _unreadable(display, exc, engine), store)
                continue
            key = cache_key(source.sha256, engine.name, engine.version)
            wanted.append((display, key))
            cached = None if force else store.done(display, key)
            if cached is not None:
                report.cached += 1
                report.add(cached)
                if on_record:
                    on_record(cached)
            else:
                todo.append((file, source, key))

        for key, record in _run(todo, settings, engine):
            finish(key, record, store)

        write_atomically(report.output, (r.model_dump_json() for r in store.records(wanted)))
        write_csv(store.records(wanted), out_dir / CSV_NAME)
        if parquet:
            write_parquet(store.records(wanted), out_dir / PARQUET_NAME)
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, {k: v for k, v in vars(report).items() if k != "output"})
    return report


def _unreadable(display: str, exc: OSError, engine: Engine) -> BatchRecord:
    return BatchRecord(
        source=SourceInfo(path=display, sha256="", bytes=0),
        status="failed",
        engine=engine.name,
        engine_version=engine.version,
        error=ErrorInfo(type=type(exc).__name__, message=f"cannot read {display}: {exc.strerror or exc}"),
    )


def _run(
    todo: list[tuple[Path, SourceInfo, str]], settings: Settings, engine: Engine
) -> Iterator[tuple[str, BatchRecord]]:
    """Records in completion order: worker processes for the CPU-bound offline engine, an event loop
    with ``concurrency`` articles in flight for model engines (their time is spent waiting)."""
    if not isinstance(engine, OfflineEngine):
        yield from _run_async(todo, settings, engine)
        return
    workers = settings.workers or os.cpu_count() or 1
    if workers <= 1 or len(todo) < _MIN_PARALLEL:
        for file, source, key in todo:
            yield key, summarize_file_record(file, source, settings, engine)
        return
    # A bounded window of futures keeps memory flat however many files there are.
    window = workers * 4
    pending: dict[Future[str], str] = {}
    items = iter(todo)
    settings_json = settings.model_dump_json()  # workers rebuild the engine; the offline one needs no secret
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while True:
            for file, source, key in items:
                pending[pool.submit(_work, str(file), source.model_dump_json(), settings_json)] = key
                if len(pending) >= window:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                key = pending.pop(fut)
                yield key, BatchRecord.model_validate_json(fut.result())


def _work(file: str, source_json: str, settings_json: str) -> str:
    settings = Settings.model_validate_json(settings_json)
    source = SourceInfo.model_validate_json(source_json)
    return summarize_file_record(Path(file), source, settings, get_engine(settings)).model_dump_json()


_DONE = object()


def _run_async(
    todo: list[tuple[Path, SourceInfo, str]], settings: Settings, engine: Engine
) -> Iterator[tuple[str, BatchRecord]]:
    """Run the articles on an event loop in a helper thread; this thread writes the store as they finish.

    ``concurrency`` workers share one iterator over the files, so at most that many articles (and their
    texts) are in memory at once, however large the folder.
    """
    finished: queue.Queue[Any] = queue.Queue()

    async def drive() -> None:
        items = iter(todo)

        async def worker() -> None:
            for file, source, key in items:
                finished.put((key, await asummarize_file_record(file, source, settings, engine)))

        try:
            await asyncio.gather(*(worker() for _ in range(settings.concurrency)))
        finally:
            close = getattr(engine, "aclose", None)
            if close is not None:
                await close()

    def run() -> None:
        try:
            asyncio.run(drive())
        except BaseException as exc:  # surfaced in the batch's own thread below
            finished.put(exc)
        finished.put(_DONE)

    thread = threading.Thread(target=run, name="summarizer-batch", daemon=True)
    thread.start()
    while (item := finished.get()) is not _DONE:
        if isinstance(item, BaseException):
            raise item
        yield item
    thread.join()
