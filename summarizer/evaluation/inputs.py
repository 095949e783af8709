"""Where an evaluation's inputs come from: a run's records, and the article texts they were made from.

Article text is read with the library's own loader (``summarizer.load``), so evidence is checked
against the same NFC text the engines quoted from; for a saved page that is the page's article text,
not every visible string (see docs/GOLD_FORMAT.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ConfigError, SummarizerError
from ..load import load_file
from ..models import BatchRecord

# The names summarizer.batch and summarizer.store write; not imported from there so that evaluation
# depends only on the contract (models) and the loader, not on how a batch runs.
SUMMARIES = "summaries.jsonl"
STORE = "runs.sqlite"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def summaries_path(out: Path) -> Path:
    """``OUT/summaries.jsonl`` for an output folder; a ``.jsonl`` file is taken as it is."""
    path = out if out.suffix == ".jsonl" else out / SUMMARIES
    if not path.is_file():
        raise ConfigError(f"{path} not found; run `summarizer batch INPUT_DIR --out {out}` first")
    return path


def read_records(out: Path) -> list[BatchRecord]:
    """The records of a run (``OUT/summaries.jsonl``), with the line number of any bad line."""
    path = summaries_path(out)
    records = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(BatchRecord.model_validate_json(line))
            except ValidationError as exc:
                raise ConfigError(
                    f"{path}:{number} is not a summaries.jsonl record: {exc.errors()[0]['msg']}"
                ) from exc
    return records


def as_records(items: Iterable[BatchRecord | Mapping[str, Any]]) -> list[BatchRecord]:
    """Records given in memory, as models or as the dicts ``summaries.jsonl`` holds."""
    return [i if isinstance(i, BatchRecord) else BatchRecord.model_validate(i) for i in items]


def run_input(out: Path) -> Path:
    """The input folder of the latest run into ``out`` (from its run store), which must still exist."""
    store = out / STORE
    if not store.is_file():
        raise ConfigError(f"{out} has no {STORE} to find the articles from; pass --articles DIR")
    try:
        # Read-only, so evaluating never creates or locks a store a batch may be writing.
        with sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True) as db:
            row = db.execute("SELECT input FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error as exc:
        raise ConfigError(f"cannot read {store} ({exc}); pass --articles DIR") from exc
    if row is None:
        raise ConfigError(f"{store} records no run; pass --articles DIR")
    folder = Path(row[0])
    if not folder.is_dir():
        # A relative input is relative to where the batch ran, which we cannot know.
        raise ConfigError(f"the run's input folder {folder} is not there (any more); pass --articles DIR")
    return folder


def find_article(folder: Path, stem: str, relative: str | None = None) -> Path | None:
    """The article file for a record (its path under the input folder) or, failing that, ``<stem>.*``."""
    if relative and (folder / relative).is_file():
        return folder / relative
    found = sorted(p for p in folder.glob(f"{stem}.*") if p.suffix.lower() in ARTICLE_SUFFIXES)
    return found[0] if found else None


def article_text(path: Path | None) -> tuple[str | None, str | None]:
    """(text, None) for a readable article, (None, why not) otherwise: a bad file is noted, not fatal."""
    if path is None:
        return None, "article file not found"
    try:
        return load_file(path).text, None
    except (SummarizerError, OSError) as exc:
        return None, f"article not readable: {exc}"
