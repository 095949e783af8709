"""Summarise a folder: plan (discover, hash, look up the run store) -> execute (the pending articles, see
:mod:`.executors`) -> finish (``summaries.jsonl`` and the exports, written from the store).

Only this process writes the run store, as records arrive, so a killed run loses nothing it finished.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import remove_leftovers, write_atomically
from ..engines import Engine, get_engine
from ..errors import BatchInterrupted, BatchStopped, ConfigError
from ..models import BatchRecord, SourceInfo
from ..record import record_failed, source_info
from ..settings import Settings
from .discover import check_input, discover, display_name
from .executors import Todo, execute
from .export import require_parquet, write_csv, write_parquet
from .failfast import FailFast
from .lock import locked
from .store import STORE_NAME, SUMMARIES_NAME, RunStore, cache_key

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
    #: Of the ``ok`` ones, records salvaged from an answer that never fully validated.
    salvaged: int = 0
    failed: int = 0
    skipped: int = 0
    cached: int = 0
    seconds: float = 0.0
    engine: str = ""
    output: Path = field(default_factory=Path)
    #: How the run ended: "done", "interrupted" (Ctrl-C) or "stopped" (fail-fast).
    ended: str = "done"
    #: Why files failed or were skipped: reason -> count. Equal faults group: file names and numbers
    #: (attempts, seconds waited) are left out of the key; ``examples`` holds each key's first message.
    reasons: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, record: BatchRecord) -> None:
        setattr(self, record.status, getattr(self, record.status) + 1)
        self.salvaged += record.status == "ok" and record.obtained == "salvaged"
        if record.error is not None:
            reason = failure_reason(record)
            key = re.sub(r"\d+(?:[.,]\d+)*", "#", reason)
            self.reasons[key] += 1
            self.examples.setdefault(key, reason)

    def grouped_reasons(self) -> list[tuple[str, int]]:
        """(an example message, how many files) for each kind of failure, most frequent first."""
        return [(self.examples[key], count) for key, count in self.reasons.most_common()]

    def recount(self, records: Iterable[BatchRecord]) -> None:
        """Count ``records`` afresh (the cache count stays): the store is the truth after a Ctrl-C, which
        may land between storing a record and counting it."""
        self.ok = self.salvaged = self.failed = self.skipped = 0
        self.reasons.clear()
        self.examples.clear()
        for record in records:
            self.add(record)

    @property
    def done(self) -> int:
        """Files with a record (finished now or earlier)."""
        return self.ok + self.failed + self.skipped

    def line(self) -> str:
        """One line: counts, time, rate (when anything was summarised), engine and output."""
        worked = self.done - self.cached
        rate = f" ({worked / self.seconds:.1f}/s)" if worked and self.seconds else ""
        salvaged = f" ({self.salvaged} of them salvaged)" if self.salvaged else ""
        return (
            f"{self.total} files: {self.ok} ok{salvaged}, {self.failed} failed, {self.skipped} skipped "
            f"({self.cached} from cache) in {self.seconds:.1f}s{rate} with {self.engine} -> {self.output}"
        )


def failure_reason(record: BatchRecord) -> str:
    """A failed or skipped record's reason, with its own file name taken out so that equal faults group."""
    if record.error is None:
        return ""
    message = record.error.message
    for name in {record.source.path, Path(record.source.path).name} - {""}:
        message = message.replace(name, "…")
    return f"{record.status}: {message}"


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
        display = display_name(file, input_dir)
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
    engine: Engine | None = None,
    force: bool = False,
    parquet: bool = False,
    on_record: Callable[[BatchRecord], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_finishing: Callable[[], None] | None = None,
) -> BatchReport:
    """Summarise every file under ``path`` into ``out/summaries.jsonl`` (one line per file, stable order),
    ``out/summaries.csv`` (one row per item) and, with ``parquet=True``, ``out/summaries.parquet``.

    Finished articles are kept in ``out/runs.sqlite``: a re-run skips them (``force=True`` re-does all)
    and re-does failures. ``on_start(total)``, ``on_record(record)`` and ``on_finishing()`` (the outputs
    are being written) report progress. ``engine`` (by default the one ``settings`` name) summarises every
    article, in worker processes too.

    A model batch stops early, with :class:`~summarizer.errors.BatchStopped`, when
    ``failfast.FAIL_FAST_AFTER`` articles in a row could not reach the server or were refused (the first,
    when a local address refuses the connection); on Ctrl-C it
    writes what is done and raises :class:`~summarizer.errors.BatchInterrupted`. Both carry the report,
    and a re-run resumes.
    """
    settings = settings or Settings()
    return run_batch(path, out, settings, engine or get_engine(settings), execute, force=force, parquet=parquet,
                     on_record=on_record, on_start=on_start, on_finishing=on_finishing)  # fmt: skip


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
    on_finishing: Callable[[], None] | None = None,
) -> BatchReport:
    """Plan, execute with ``executor``, finish: the steps every batch shares (the OpenAI Batch API's
    collect step brings its own executor)."""
    input_dir, out_dir = Path(path), Path(out)
    check_folders(input_dir, out_dir)
    if parquet:
        require_parquet()
    started = time.perf_counter()
    report = BatchReport(engine=engine.name, output=out_dir / SUMMARIES_NAME)
    stop: str | None = None
    interrupted = False

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
        fail_fast = FailFast(settings)
        results = iter(executor(work.todo, settings, engine))
        try:
            for key, record in results:
                finish(key, record)
                if stop := fail_fast.check(record):
                    break
        except KeyboardInterrupt:
            # Finish writing: what is done goes to summaries.jsonl, and the next run resumes from the store.
            interrupted = True
        finally:
            close = getattr(results, "close", None)  # a generator: its executor stops taking new articles
            if close is not None:
                close()

        report.ended = "interrupted" if interrupted else "stopped" if stop else "done"
        wanted = [(path, summarised_keys.get(path, key)) for path, key in work.wanted]
        if interrupted:
            report.recount(store.records(wanted))
        if on_finishing:
            on_finishing()
        write_atomically(report.output, store.lines(wanted))
        write_csv(store.records(wanted), out_dir / CSV_NAME)
        if parquet:
            write_parquet(store.records(wanted), out_dir / PARQUET_NAME)
        report.seconds = time.perf_counter() - started
        store.finish_run(
            run_id, {k: v for k, v in vars(report).items() if k not in ("output", "reasons", "examples")}
        )
    if interrupted:
        raise BatchInterrupted(report)
    if stop:
        raise BatchStopped(stop, report)
    return report


def check_folders(input_dir: Path, out_dir: Path) -> None:
    """A :class:`ConfigError` for an input that is not a folder or an output that cannot become one."""
    if not input_dir.exists():
        raise ConfigError(f"{input_dir} does not exist; pass the folder that holds the articles")
    if not input_dir.is_dir():
        raise ConfigError(f"{input_dir} is not a folder; pass the folder that holds the articles")
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"--out {out_dir} is a file; pass a folder (it is created if missing)")
    check_input(input_dir, out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # under a file, or not writable
        raise ConfigError(f"--out {out_dir} cannot be created as a folder: {exc.strerror or exc}") from None
