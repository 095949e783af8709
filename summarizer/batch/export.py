"""Exports of a batch's records besides the contract's JSONL: CSV for spreadsheets, Parquet for data tools.

One row per item (difficulty, solution or numeric result) with its article's locality repeated, and one
``article`` row for a record with no items (failed and skipped files included), so every input shows up.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..models import BatchRecord
from .atomic import replaced

COLUMNS = [
    "source", "status", "engine", "title", "published", "province", "district", "commune", "level",
    "item", "category", "text", "text_en", "value", "value_min", "value_max", "qualifier", "unit", "period",
    "basis", "scope", "years_from", "years_to", "key", "evidence", "span_start", "span_end", "error",
]  # fmt: skip
"""A number's row says what it means (``basis``, ``scope``, ``years_from``/``years_to``, ``key``), so a
spreadsheet can sum key figures by year without adding targets, averages or one commune's count."""


def rows(records: Iterable[BatchRecord]) -> Iterator[dict[str, Any]]:
    """Flat rows, one per item (see the module docstring)."""
    for r in records:
        s = r.summary
        loc = s.locality if s and s.locality else None
        base = {
            "source": r.source.path, "status": r.status, "engine": r.engine,
            "title": s.title if s else None, "published": s.published.isoformat() if s and s.published else None,
            "province": loc.province if loc else None, "district": loc.district if loc else None,
            "commune": loc.commune if loc else None, "level": loc.level if loc else None,
            "error": r.error.message if r.error else None,
        }  # fmt: skip
        items: list[dict[str, Any]] = []
        if s:
            for kind, findings in (("difficulty", s.difficulties), ("solution", s.solutions)):
                items += [{"item": kind, "category": f.category, "text": f.text, "text_en": f.text_en,
                           "evidence": f.evidence, "span_start": f.span[0] if f.span else None,
                           "span_end": f.span[1] if f.span else None} for f in findings]  # fmt: skip
            items += [{"item": "number", "category": n.metric, "value": n.value, "value_min": n.value_min,
                       "value_max": n.value_max, "qualifier": n.qualifier, "unit": n.unit, "period": n.period,
                       "basis": n.basis, "scope": n.scope, "years_from": n.years[0] if n.years else None,
                       "years_to": n.years[1] if n.years else None, "key": n.key, "evidence": n.evidence,
                       "span_start": n.span[0] if n.span else None, "span_end": n.span[1] if n.span else None}
                      for n in s.numeric_results]  # fmt: skip
        for item in items or [{"item": "article", "text": s.summary_vi if s else None}]:
            row = base | item
            yield {column: row.get(column) for column in COLUMNS}


# A cell that starts with one of these is a formula to Excel and LibreOffice (OWASP's "CSV injection";
# the full-width forms are read as formulas too): text copied from an article or a model must not run.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def inert(value: Any) -> Any:
    """``value`` as a spreadsheet shows it without evaluating it: text that a spreadsheet would read as a
    formula gets a leading apostrophe, as OWASP recommends; numbers and everything else are kept."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(records: Iterable[BatchRecord], path: Path) -> int:
    """UTF-8 with a BOM, so Excel shows Vietnamese correctly, every text cell :func:`inert`, written
    atomically; returns the number of rows."""
    count = 0
    with replaced(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows(records):
            writer.writerow({column: inert(value) for column, value in row.items()})
            count += 1
    return count


def require_parquet() -> None:
    """Fail before a long run, not after it, when Parquet was asked for without pyarrow."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise ConfigError("Parquet export needs pyarrow: pip install pyarrow") from exc


def write_parquet(records: Iterable[BatchRecord], path: Path) -> int:
    require_parquet()
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(list(rows(records)))
    with replaced(path) as tmp:
        pq.write_table(table, tmp)
    return table.num_rows
