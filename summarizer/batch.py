"""Summarise a folder: discover files, skip what the run store already has, run the rest, export.

The offline engine is CPU-bound, so large batches run in worker processes; results come back to this
process, which alone writes the run store and, at the end, ``summaries.jsonl``.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import asummarize_file_record, record_failed, source_info, summarize_file_record
from .engine import Engine, OfflineEngine, get_engine
from .errors import ConfigError
from .export import require_parquet, write_csv, write_parquet
from .gazetteer import get_gazetteer
from .models import BatchRecord, SourceInfo
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


Todo = list[tuple[Path, SourceInfo, str]]
Runner = Callable[[Todo, Settings, Engine], Iterator[tuple[str, BatchRecord]]]


@dataclass
class Plan:
    """What a batch has to do: every input's (path, cache key) in order, and the inputs not done yet."""

    wanted: list[tuple[str, str]] = field(default_factory=list)
    todo: Todo = field(default_factory=list)
    cached: list[BatchRecord] = field(default_factory=list)
    unreadable: list[tuple[str, BatchRecord]] = field(default_factory=list)


def plan(input_dir: Path, out_dir: Path, engine: Engine, store: RunStore, *, force: bool = False) -> Plan:
    """Hash every input file and look it up in the run store (``force`` ignores the store)."""
    result = Plan()
    for file in discover(input_dir, exclude=out_dir):
        display = file.relative_to(input_dir).as_posix()
        try:
            source = source_info(file, display)
        except OSError as exc:
            key = cache_key("unreadable:" + display, engine.name, engine.version)
            result.wanted.append((display, key))
            result.unreadable.append(
                (key, record_failed(SourceInfo(path=display, sha256="", bytes=0), engine, exc))
            )
            continue
        key = cache_key(source.sha256, engine.name, engine.version)
        result.wanted.append((display, key))
        cached = None if force else store.done(display, key)
        if cached is not None:
            result.cached.append(cached)
        else:
            result.todo.append((file, source, key))
    return result


def summarize_folder(
    path: str | Path,
    out: str | Path,
    *,
    settings: Settings | None = None,
    force: bool = False,
    parquet: bool = False,
    on_record: Callable[[BatchRecord], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    runner: Runner | None = None,
) -> BatchReport:
    """Summarise every file under ``path`` into ``out/summaries.jsonl`` (one line per file, stable order),
    ``out/summaries.csv`` (one row per item) and, with ``parquet=True``, ``out/summaries.parquet``.

    Finished articles are kept in ``out/runs.sqlite``: a re-run skips them (``force=True`` re-does all)
    and re-does failures. ``on_start(total)`` and ``on_record(record)`` report progress. ``runner``
    replaces how pending articles are summarised (the OpenAI Batch API's collect step is one).
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

    with RunStore(out_dir / STORE_NAME) as store:
        run_id = store.start_run(engine.name, str(input_dir))
        work = plan(input_dir, out_dir, engine, store, force=force)
        report.total = len(work.wanted)
        if on_start:
            on_start(report.total)

        def finish(key: str | None, record: BatchRecord) -> None:
            if key is not None:
                store.put(key, record)
            report.add(record)
            if on_record:
                on_record(record)

        report.cached = len(work.cached)
        for record in work.cached:
            finish(None, record)
        for key, record in work.unreadable:
            finish(key, record)
        for key, record in (runner or _run)(work.todo, settings, engine):
            finish(key, record)

        write_atomically(report.output, store.lines(work.wanted))
        write_csv(store.records(work.wanted), out_dir / CSV_NAME)
        if parquet:
            write_parquet(store.records(work.wanted), out_dir / PARQUET_NAME)
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, {k: v for k, v in vars(report).items() if k != "output"})
    return report


def _run(todo: Todo, settings: Settings, engine: Engine) -> Iterator[tuple[str, BatchRecord]]:
    """Records in completion order, from whichever runner fits the engine and the batch size.

    The offline engine is CPU-bound: worker processes. Model engines wait on a server: event loops
    with ``concurrency`` articles in flight; their client libraries still cost milliseconds of CPU per
    request, so large batches spread the loops over ``workers`` processes too (not the local engine,
    which would load its model in every process).
    """
    workers = settings.workers or os.cpu_count() or 1
    parallel = workers > 1 and len(todo) >= _MIN_PARALLEL
    if isinstance(engine, OfflineEngine):
        if not parallel:
            for file, source, key in todo:
                yield key, summarize_file_record(file, source, settings, engine)
            return
        with _ready_to_fork(engine):
            yield from _run_offline_processes(todo, settings, workers)
    elif parallel and not getattr(engine, "in_process_only", False):
        with _ready_to_fork(engine):
            yield from _run_loop_processes(todo, settings, workers)
    else:
        yield from _run_loop_thread(todo, settings, engine)


@contextmanager
def _ready_to_fork(engine: Engine) -> Iterator[None]:
    """Do once, before worker processes are forked, what each would otherwise do on its first article:
    load the gazetteer and warm the engine up. The heap is frozen meanwhile, as Python's documentation
    advises before a fork: a worker's garbage collections then never walk (and so never copy) the
    200 000 objects it inherits, which took 0.1 s of CPU in every worker. Nothing to share when
    processes are spawned instead of forked."""
    if multiprocessing.get_start_method() != "fork":
        yield
        return
    get_gazetteer()
    warm_up = getattr(engine, "warm_up", None)
    if warm_up is not None:
        warm_up()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _run_offline_processes(todo: Todo, settings: Settings, workers: int) -> Iterator[tuple[str, BatchRecord]]:
    # A bounded window of futures keeps memory flat however many files there are.
    window = workers * 4
    pending: dict[Future[str], str] = {}
    items = iter(todo)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while True:
            for file, source, key in items:
                pending[pool.submit(_offline_work, file, source, settings)] = key
                if len(pending) >= window:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                key = pending.pop(fut)
                yield key, BatchRecord.model_validate_json(fut.result())


def _offline_work(file: Path, source: SourceInfo, settings: Settings) -> str:
    return summarize_file_record(file, source, settings, get_engine(settings)).model_dump_json()


# Seconds between the starts of one event loop's workers. Started together, their answers come back
# together, and a loop serves such a burst in turns (each await yields to the next answer), so every
# answer in it waits for nearly all the others, and the bunch stays together for many rounds: in
# bench/batch_llm.py the first round's answers waited 220 ms to be handled, the tenth's still 17 ms,
# against 12 ms once spread. The cost is at most concurrency x 25 ms, once, at the start.
_SPACING = 0.025


async def _drive(
    todo: Sequence[tuple[Path, SourceInfo, str]],
    settings: Settings,
    engine: Engine,
    concurrency: int,
    emit: Callable[[str, BatchRecord], None],
) -> None:
    """``concurrency`` workers share one iterator over the files, so at most that many articles (and
    their texts) are in memory at once, however large the folder. Workers start ``_SPACING`` apart."""
    items = iter(todo)

    async def worker(slot: int) -> None:
        await asyncio.sleep(slot * _SPACING)
        for file, source, key in items:
            emit(key, await asummarize_file_record(file, source, settings, engine))

    try:
        await asyncio.gather(*(worker(slot) for slot in range(min(concurrency, len(todo)))))
    finally:
        close = getattr(engine, "aclose", None)
        if close is not None:
            await close()


_DONE = "done"


def _drain(results: Any, producers: int) -> Iterator[tuple[str, BatchRecord]]:
    """Records from a queue fed by ``producers`` runners, each ending with _DONE or an error."""
    finished = 0
    while finished < producers:
        item = results.get()
        if item == _DONE:
            finished += 1
        elif isinstance(item, BaseException):
            raise item
        else:
            key, record = item
            yield key, record if isinstance(record, BatchRecord) else BatchRecord.model_validate_json(record)


def _run_loop_thread(todo: Todo, settings: Settings, engine: Engine) -> Iterator[tuple[str, BatchRecord]]:
    """One event loop in a helper thread; this thread writes the store as records arrive."""
    results: queue.Queue[Any] = queue.Queue()

    def run() -> None:
        try:
            asyncio.run(
                _drive(todo, settings, engine, settings.concurrency, lambda k, r: results.put((k, r)))
            )
        except BaseException as exc:  # surfaced in the batch's own thread
            results.put(exc)
        results.put(_DONE)

    thread = threading.Thread(target=run, name="summarizer-batch", daemon=True)
    thread.start()
    yield from _drain(results, 1)
    thread.join()


def _run_loop_processes(todo: Todo, settings: Settings, workers: int) -> Iterator[tuple[str, BatchRecord]]:
    """``workers`` processes, each an event loop with its share of ``concurrency``; the settings are
    pickled to them (a JSON dump would mask the API key)."""
    ctx = multiprocessing.get_context()
    results = ctx.Queue()
    # Never more in flight than asked for: `concurrency` split over at most that many processes.
    n = min(workers, settings.concurrency)
    shares = [settings.concurrency // n + (i < settings.concurrency % n) for i in range(n)]
    procs = [
        ctx.Process(target=_loop_process, args=(todo[i::n], settings, shares[i], results), daemon=True)
        for i in range(n)
    ]
    for proc in procs:
        proc.start()
    try:
        yield from _drain(results, len(procs))
    finally:
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()


def _loop_process(todo: Todo, settings: Settings, concurrency: int, results: Any) -> None:
    try:
        engine = get_engine(settings)
        asyncio.run(
            _drive(todo, settings, engine, concurrency, lambda k, r: results.put((k, r.model_dump_json())))
        )
    except BaseException as exc:
        results.put(RuntimeError(f"a batch worker process failed: {exc!r}"))
    results.put(_DONE)
