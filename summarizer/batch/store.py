"""The run store: a SQLite file next to the output that remembers every finished article.

One row per input, keyed by its relative path and a cache key (content hash + engine name and version +
schema version), committed as soon as the article is done. Re-running the same command skips what is
done, re-does what failed; a killed run loses nothing it finished. ``summaries.jsonl`` is always
written from the store, atomically (:mod:`summarizer.atomic`), so it is never half-written.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..models import SCHEMA_VERSION, BatchRecord

STORE_NAME = "runs.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    path TEXT NOT NULL,
    cache_key TEXT NOT NULL,
    status TEXT NOT NULL,
    record TEXT NOT NULL,
    finished_at REAL NOT NULL,
    PRIMARY KEY (path, cache_key)
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at REAL NOT NULL,
    finished_at REAL,
    engine TEXT NOT NULL,
    input TEXT NOT NULL,
    report TEXT
);
"""


def cache_key(sha256: str, engine: str, engine_version: str) -> str:
    raw = f"{sha256}|{engine}|{engine_version}|schema{SCHEMA_VERSION}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


class RunStore:
    """Finished records of every run into one output folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._writing():
            path.parent.mkdir(parents=True, exist_ok=True)
            # One connection per store, used from the batch's main thread only.
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A full disk (or a read-only folder) is one clear error, not a traceback of sqlite's."""
        try:
            yield
        except (sqlite3.OperationalError, OSError) as exc:
            raise OutputError(
                f"cannot write the run store {self.path}: {exc}; free some disk space (or fix the folder's "
                "permissions) and run the same command again: what was stored before is kept"
            ) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def done(self, path: str, key: str) -> BatchRecord | None:
        """The finished record for this input and cache key; failures are not 'done' (they are retried)."""
        row = self._db.execute(
            "SELECT record FROM records WHERE path = ? AND cache_key = ? AND status != 'failed'", (path, key)
        ).fetchone()
        return BatchRecord.model_validate_json(row[0]) if row else None

    def put(self, key: str, record: BatchRecord) -> None:
        with self._writing():
            self._db.execute(
                "INSERT OR REPLACE INTO records (path, cache_key, status, record, finished_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (record.source.path, key, record.status, record.model_dump_json(), time.time()),
            )

    def start_run(self, engine: str, input_dir: str) -> int:
        with self._writing():
            cur = self._db.execute(
                "INSERT INTO runs (started_at, engine, input) VALUES (?, ?, ?)",
                (time.time(), engine, input_dir),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, report: dict) -> None:
        with self._writing():
            self._db.execute(
                "UPDATE runs SET finished_at = ?, report = ? WHERE id = ?",
                (time.time(), json.dumps(report), run_id),
            )

    def runs(self) -> list[RunInfo]:
        """Every run into this folder, oldest first (an unfinished run was killed or interrupted)."""
        rows = self._db.execute(
            "SELECT id, started_at, finished_at, engine, input, report FROM runs ORDER BY id"
        )
        return [RunInfo(i, start, end, engine, source, json.loads(report) if report else {})
                for i, start, end, engine, source, report in rows]  # fmt: skip

    def failures(self) -> Iterator[BatchRecord]:
        """The latest record of each input that failed or was salvaged, in path order."""
        rows = self._db.execute(
            "SELECT record FROM records r WHERE finished_at = "
            "(SELECT MAX(finished_at) FROM records WHERE path = r.path) ORDER BY path"
        )
        for (line,) in rows:
            record = BatchRecord.model_validate_json(line)
            if record.status == "failed" or is_salvaged(record):
                yield record

    def records(self, wanted: Iterable[tuple[str, str]]) -> Iterable[BatchRecord]:
        """Records for the given (path, cache key) pairs, in the given order (missing ones are skipped)."""
        for line in self.lines(wanted):
            yield BatchRecord.model_validate_json(line)

    def lines(self, wanted: Iterable[tuple[str, str]]) -> Iterable[str]:
        """:meth:`records` as the JSON they were stored as (a ``summaries.jsonl`` line each)."""
        for path, key in wanted:
            row = self._db.execute(
                "SELECT record FROM records WHERE path = ? AND cache_key = ?", (path, key)
            ).fetchone()
            if row:
                yield row[0]


@dataclass(frozen=True)
class RunInfo:
    """One ``summarizer batch`` run as the store remembers it."""

    id: int
    started_at: float
    finished_at: float | None
    engine: str
    input: str
    report: dict


def _salvage_notes(record: BatchRecord) -> list[str]:
    return [w for w in (record.summary.warnings if record.summary else []) if "salvaged" in w]


def is_salvaged(record: BatchRecord) -> bool:
    """Whether a record's summary was salvaged from an answer that never fully validated: its
    ``obtained`` field says so (where the record has one), or one of its warnings does."""
    return getattr(record, "obtained", None) == "salvaged" or bool(_salvage_notes(record))


def salvage_reason(record: BatchRecord) -> str:
    """Why a record was salvaged: its warnings about it, or a generic note."""
    return "; ".join(_salvage_notes(record)) or "salvaged"
