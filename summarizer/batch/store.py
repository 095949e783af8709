"""The run store: a SQLite file next to the output that remembers every finished article.

One row per input, keyed by its relative path and a cache key (content hash + engine name and version +
schema version), committed as soon as the article is done. Re-running the same command skips what is
done, re-does what failed; a killed run loses nothing it finished. ``summaries.jsonl`` is always
written from the store, atomically (:mod:`.atomic`), so it is never half-written.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..models import SCHEMA_VERSION, BatchRecord

STORE_NAME = "runs.sqlite"
SUMMARIES_NAME = "summaries.jsonl"
#: Left in every output folder, so that discovery never reads a run's outputs back as articles.
MARKER_NAME = ".summarizer-output"


def _records_and_runs(db: sqlite3.Connection) -> None:
    """The tables as they were before the store had versions (a store made then already has them)."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS records (path TEXT NOT NULL, cache_key TEXT NOT NULL, status TEXT NOT NULL, "
        "record TEXT NOT NULL, finished_at REAL NOT NULL, PRIMARY KEY (path, cache_key))"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at REAL NOT NULL, "
        "finished_at REAL, engine TEXT NOT NULL, input TEXT NOT NULL, report TEXT)"
    )


def _latest_record_index(db: sqlite3.Connection) -> None:
    """Each input's latest record (what ``failures`` lists) found from an index, not by reading every row."""
    db.execute("CREATE INDEX IF NOT EXISTS records_latest ON records (path, finished_at)")


#: The store's schema, as named steps applied in order and recorded in the ``migrations`` table (the way
#: Simon Willison's ``llm`` evolves its database). Append new steps; never edit or reorder applied ones.
#: ``PRAGMA user_version`` holds how many are applied, so a store from a newer summarizer is refused.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_records_and_runs, _latest_record_index)
STORE_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations this store lacks, in one transaction; returns their names. An up-to-date
    store is only read (no write lock is taken)."""
    if _version(db) == STORE_VERSION:
        return []
    db.execute("BEGIN IMMEDIATE")
    try:
        _version(db)  # again, under the lock: another process may have migrated it meanwhile
        db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
        applied = {name for (name,) in db.execute("SELECT name FROM migrations")}
        done = []
        for step in MIGRATIONS:
            if step.__name__ not in applied:
                step(db)
                db.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (step.__name__, time.time())
                )
                done.append(step.__name__)
        db.execute(f"PRAGMA user_version = {STORE_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return done


def _version(db: sqlite3.Connection) -> int:
    """The store's schema version (migrations applied); one from a newer summarizer is refused."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > STORE_VERSION:
        raise _NewerStore(version)
    return version


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write. In a read-only folder a WAL store's shared-memory file cannot be
    made, so the store is then opened as immutable (nothing can be writing it there)."""
    if not path.is_file():
        raise OutputError(f"{path} not found")
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if _damaged(exc):
            raise
        db.close()
        db = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
    return db


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether sqlite says the file itself is bad (rather than the disk or folder around it)."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+; before, the type alone tells
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    return not isinstance(exc, sqlite3.OperationalError)


class _NewerStore(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(f"it has schema version {version}, newer than this summarizer's {STORE_VERSION}")


def cache_key(sha256: str, engine: str, engine_version: str) -> str:
    raw = f"{sha256}|{engine}|{engine_version}|schema{SCHEMA_VERSION}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


class RunStore:
    """Finished records of every run into one output folder.

    ``readonly=True`` (``runs``, ``failures``) never writes: it works on a store in a read-only folder
    and never migrates (an older store is read as it is: every migration keeps the old queries valid).
    """

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        with self._guarded():
            if readonly:
                self._db = _open_readonly(path)
                _version(self._db)
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            fresh = not path.exists()
            (path.parent / MARKER_NAME).write_text("summarizer output folder: not read as articles\n")
            # One connection per store, used from the batch's main thread only.
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            migrate(self._db)
            summaries = path.parent / SUMMARIES_NAME
            if fresh and summaries.is_file():
                self._db.execute("BEGIN")
                self.adopt(summaries)
                self._db.execute("COMMIT")

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """sqlite's faults as one clear error each: a damaged file says to move it aside, a full disk (or a
        read-only folder) says what to free or fix, a store from a newer summarizer says so."""
        try:
            yield
        except _NewerStore as exc:
            raise OutputError(
                f"the run store {self.path} was made by a newer summarizer ({exc}); upgrade summarizer, or "
                "use another --out"
            ) from None
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not _damaged(exc):
                raise OutputError(
                    f"cannot write the run store {self.path}: {exc}; free some disk space (or fix the folder's "
                    "permissions) and run the same command again: what was stored before is kept"
                ) from None
            raise OutputError(
                f"the run store {self.path} is damaged ({exc}): move it aside (mv {self.path} "
                f"{self.path}.damaged) and run again; the articles finished before are in "
                f"{self.path.parent / 'summaries.jsonl'} and are summarised again"
            ) from None
        except OSError as exc:
            raise OutputError(f"cannot write the run store {self.path}: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple = ()) -> Iterator[tuple]:
        with self._guarded():
            yield from self._db.execute(sql, params)

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        with self._guarded():
            return self._db.execute(sql, params)

    def done(self, path: str, key: str) -> BatchRecord | None:
        """The finished record for this input and cache key; failures are not 'done' (they are retried)."""
        sql = "SELECT record FROM records WHERE path = ? AND cache_key = ? AND status != 'failed'"
        row = next(self._rows(sql, (path, key)), None)
        return BatchRecord.model_validate_json(row[0]) if row else None

    def put(self, key: str, record: BatchRecord) -> None:
        self._write(
            "INSERT OR REPLACE INTO records (path, cache_key, status, record, finished_at) VALUES (?, ?, ?, ?, ?)",
            (record.source.path, key, record.status, record.model_dump_json(), time.time()),
        )

    def start_run(self, engine: str, input_dir: str) -> int:
        cur = self._write(
            "INSERT INTO runs (started_at, engine, input) VALUES (?, ?, ?)", (time.time(), engine, input_dir)
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, report: dict) -> None:
        self._write(
            "UPDATE runs SET finished_at = ?, report = ? WHERE id = ?",
            (time.time(), json.dumps(report), run_id),
        )

    def runs(self) -> list[RunInfo]:
        """Every run into this folder, oldest first (an unfinished run was killed or interrupted)."""
        rows = self._rows("SELECT id, started_at, finished_at, engine, input, report FROM runs ORDER BY id")
        return [RunInfo(i, start, end, engine, source, json.loads(report) if report else {})
                for i, start, end, engine, source, report in rows]  # fmt: skip

    def failures(self) -> Iterator[BatchRecord]:
        """The latest record of each input that failed, was skipped or was salvaged, in path order."""
        rows = self._rows(
            "SELECT record FROM records r WHERE finished_at = "
            "(SELECT MAX(finished_at) FROM records WHERE path = r.path) ORDER BY path"
        )
        for (line,) in rows:
            record = BatchRecord.model_validate_json(line)
            if record.status != "ok" or is_salvaged(record):
                yield record

    def records(self, wanted: Iterable[tuple[str, str]]) -> Iterable[BatchRecord]:
        """Records for the given (path, cache key) pairs, in the given order (missing ones are skipped)."""
        for line in self.lines(wanted):
            yield BatchRecord.model_validate_json(line)

    def lines(self, wanted: Iterable[tuple[str, str]]) -> Iterable[str]:
        """:meth:`records` as the JSON they were stored as (a ``summaries.jsonl`` line each)."""
        for path, key in wanted:
            row = next(
                self._rows("SELECT record FROM records WHERE path = ? AND cache_key = ?", (path, key)), None
            )
            if row:
                yield row[0]

    def adopt(self, summaries: Path) -> int:
        """Take the ``ok`` records of an earlier ``summaries.jsonl`` into this (new) store, under the cache key
        they were made with, so a store moved aside costs no finished article; returns how many.

        A line that is not a record, or a record without an engine version, is left out (it is re-done)."""
        adopted = 0
        with summaries.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    record = BatchRecord.model_validate_json(line)
                except ValueError:
                    continue
                if record.status == "ok" and record.engine_version and record.source.sha256:
                    key = cache_key(record.source.sha256, record.engine, record.engine_version)
                    self.put(key, record)
                    adopted += 1
        return adopted


@dataclass(frozen=True)
class RunInfo:
    """One ``summarizer batch`` run as the store remembers it."""

    id: int
    started_at: float
    finished_at: float | None
    engine: str
    input: str
    report: dict


def is_salvaged(record: BatchRecord) -> bool:
    """Whether a record's summary was salvaged from an answer that never fully validated (its ``obtained``)."""
    return record.obtained == "salvaged"


def salvage_reason(record: BatchRecord) -> str:
    """What a salvaged record's warnings say (why it was salvaged, what was dropped), or a generic note."""
    return "; ".join(record.summary.warnings if record.summary else []) or "salvaged"
