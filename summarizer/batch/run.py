"""Summarise a folder: plan (discover, hash, look up the run store) -> execute (the pending articles, see
:mod:`.executors`) -> finish (``summaries.jsonl`` and the exports, written from the store).

Only this process writes the run store, as records arrive, so a killed run loses nothing it finished.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..engines import Engine, get_engine
from ..errors import ConfigError
from ..models import BatchRecord, SourceInfo
from ..record import record_failed, source_info
from ..settings import Settings
from .atomic import remove_leftovers, write_lines
from .discover import discover
from .executors import Todo, execute
from .export import require_parquet, write_csv, write_parquet
from .lock import locked
from .store import STORE_NAME, RunStore, cache_key

SUMMARIES_NAME = "summaries.jsonl"
CSV_NAME = "summaries.csv"
PARQUET_NAME = "summaries.parquet"
OUTPUTS = (SUMMARIES_NAME, CSV_NAME, PARQUET_NAME)

#: How the pending articles of a batch are turned into (cache key, record) pairs.
Executor = Callable[[Todo, Settings, Engine], Iterable[tuple[str, BatchRecord]]]


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


@dataclass
class Plan:
    """What a batch has to do: every input's (path, cache key) in order, and the inputs not done yet."""

    wanted: list[tuple[str, str]] = field(default_factory=list)
    todo: Todo = field(default_factory=list)
    cached: list[BatchRecord] = field(default_factory=list)
    #: Inputs not read: unreadable files and folders, links not followed (see :mod:`.discover`).
    unreadable: list[tuple[str, BatchRecord]] = field(default_factory=list)


def plan(
    input_dir: Path,
    out_dir: Path,
    engine: Engine,
    store: RunStore,
    *,
    force: bool = False,
    follow_symlinks: bool = False,
) -> Plan:
    """Hash every input file and look it up in the run store (``force`` ignores the store)."""
    result = Plan()
    for file, problem in discover(input_dir, exclude=out_dir, follow_symlinks=follow_symlinks):
        display = file.relative_to(input_dir).as_posix()
        if problem is None:
            try:
                source = source_info(file, display)
            except OSError as exc:
                problem = exc
        if problem is not None:
            key = cache_key("unreadable:" + display, engine.name, engine.version)
            result.wanted.append((display, key))
            result.unreadable.append(
                (key, record_failed(SourceInfo(path=display, sha256="", bytes=0), engine, problem))
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
) -> BatchReport:
    """Summarise every file under ``path`` into ``out/summaries.jsonl`` (one line per file, stable order),
    ``out/summaries.csv`` (one row per item) and, with ``parquet=True``, ``out/summaries.parquet``.

    Finished articles are kept in ``out/runs.sqlite``: a re-run skips them (``force=True`` re-does all)
    and re-does failures. ``on_start(total)`` and ``on_record(record)`` report progress.
    """
    settings = settings or Settings()
    return run_batch(path, out, settings, get_engine(settings), execute, force=force, parquet=parquet,
                     on_record=on_record, on_start=on_start)  # fmt: skip


def run_batch(
    path: str | Path,
    out: str | Path,
    settings: Settings,
    engine: Engine,
    executor: Executor,
    *,
    force: bool = False,
    parquet: bool = False,
    on_record: Callable[[BatchRecord], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchReport:
    """Plan, execute with ``executor``, finish: the steps every batch shares (the OpenAI Batch API's
    collect step brings its own executor)."""
    input_dir, out_dir = Path(path), Path(out)
    if not input_dir.is_dir():
        raise ConfigError(f"{input_dir} is not a folder; pass the folder that holds the articles")
    if parquet:
        require_parquet()
    started = time.perf_counter()
    report = BatchReport(engine=engine.name, output=out_dir / SUMMARIES_NAME)

    with locked(out_dir), RunStore(out_dir / STORE_NAME) as store:
        remove_leftovers(out_dir, OUTPUTS)
        run_id = store.start_run(engine.name, str(input_dir))
        work = plan(input_dir, out_dir, engine, store, force=force, follow_symlinks=settings.follow_symlinks)
        report.total = len(work.wanted)
        if on_start:
            on_start(report.total)
        summarised_keys: dict[str, str] = {}

        def finish(key: str | None, record: BatchRecord) -> None:
            if key is not None:
                if record.source.sha256:
                    # Stored under the bytes actually summarised: a file changed since planning must not
                    # leave its new summary under its old hash, to be served "from cache" for the old bytes.
                    key = cache_key(record.source.sha256, engine.name, engine.version)
                    summarised_keys[record.source.path] = key
                store.put(key, record)
            report.add(record)
            if on_record:
                on_record(record)

        report.cached = len(work.cached)
        for record in work.cached:
            finish(None, record)
        for key, record in work.unreadable:
            finish(key, record)
        for key, record in executor(work.todo, settings, engine):
            finish(key, record)

        wanted = [(path, summarised_keys.get(path, key)) for path, key in work.wanted]
        write_lines(report.output, store.lines(wanted))
        write_csv(store.records(wanted), out_dir / CSV_NAME)
        if parquet:
            write_parquet(store.records(wanted), out_dir / PARQUET_NAME)
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, {k: v for k, v in vars(report).items() if k != "output"})
    return report
