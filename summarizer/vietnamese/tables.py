"""Tables written as text: rows of cells split by " | " (what loading makes of an HTML ``<table>``) or by
tabs, one row a line. One rule says what a table is (:func:`table_lines`): cleaning keeps those lines, and
the offline engine reads their figures (:func:`table_figures`) with the column header as what is counted
and the row label as the unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..models import Basis, NumericResult, Scope, Years
from .numbers import parse_number
from .periods import stated_periods, years_for
from .text import lower_same_length, strip_marks

_SEPARATOR = re.compile(r"\t|\s*\|\s*")
# A cell's figure, with its unit when the cell writes one ("14 đảng viên").
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)\s*(%?)(?:\s+([^\d\t|]+))?")
# Columns that number the rows ("STT | Đơn vị | ...") are no figures.
_ROW_NUMBER = re.compile(r"s[oố]?\s*tt|tt|#|stt", re.I)
# A row that sums the table for the whole unit ("Cộng", "Tổng cộng", "Toàn tỉnh"); "Cộng 6 xã" sums only
# some of the lower units, so it is a part.
_TOTAL = re.compile(
    strip_marks(
        r"(?:tổng cộng|tổng số|tổng|cộng|toàn (?:tỉnh|huyện|thành phố|quận|thị xã|xã|phường|đảng bộ))(?!\s*\d)"
    )
)
_METRICS = [  # (header words, metric), matched on the header without marks, then on the table's caption
    (strip_marks(r"kết nạp|kết quả|đảng viên mới"), "members_admitted"),
    (strip_marks(r"quần chúng|đối tượng|cảm tình"), "candidates_trained"),
    (strip_marks(r"chi bộ"), "party_cells"),
    (strip_marks(r"tổ chức cơ sở đảng|đảng bộ cơ sở"), "party_orgs"),
    (strip_marks(r"đảng viên"), "members_total"),
]
_PLAN = re.compile(strip_marks(r"chỉ tiêu|kế hoạch|mục tiêu|dự kiến"))
_SHARE = re.compile(strip_marks(r"tỷ lệ|tỉ lệ|so với|%"))


def split_cells(line: str) -> list[str] | None:
    """The cells of a table row, or None for a line that is not one (fewer than two cells)."""
    if "\t" not in line and "|" not in line:
        return None
    cells = [c.strip() for c in _SEPARATOR.split(line.strip().strip("|"))]
    return cells if len(cells) >= 2 else None


def table_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that form tables: two or more lines in a row with the same number of cells (or
    fewer: a line loses its empty last cells when it is stripped), one of them holding a number. A share line
    ("Facebook | Zalo") or a breadcrumb holds none, or is alone."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        cells = split_cells(lines[i])
        j = i + 1
        while cells and j < len(lines) and (row := split_cells(lines[j])) and len(row) <= len(cells):
            j += 1
        run = range(i, j)
        if cells and j - i >= 2 and any(_has_number(split_cells(lines[k]) or []) for k in run):
            out.update(run)
        i = j
    return out


def _has_number(cells: list[str]) -> bool:
    return any(_NUMBER.fullmatch(c) for c in cells[1:])


@dataclass(frozen=True)
class _Row:
    start: int
    cells: list[tuple[int, int]]  # [start, end) of each cell in the text


def _tables(text: str) -> Iterator[tuple[int, list[_Row]]]:
    """(start of the text before the table, rows) for every table of ``text``."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    lines = [text[a:b] for a, b in spans]
    rows = sorted(table_lines(lines))
    group: list[int] = []
    for k in rows + [-1]:
        if group and (k < 0 or k != group[-1] + 1):
            yield (spans[group[0] - 1][0] if group[0] else 0), [_row(text, *spans[g]) for g in group]
            group = []
        group.append(k)


def _row(text: str, start: int, end: int) -> _Row:
    bounds, pos = [], start
    for m in _SEPARATOR.finditer(text, start, end):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, end))
    cells = [(a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip())) for a, b in bounds]
    # "| a | b |": the outer bars open and close no cell.
    while cells and cells[0][0] >= cells[0][1]:
        cells.pop(0)
    while cells and cells[-1][0] >= cells[-1][1]:
        cells.pop()
    return _Row(start, cells)


def _metric(words: str, share: bool) -> str | None:
    if share:
        return "target_pct" if _PLAN.search(words) or _SHARE.search(words) else "other"
    return next((metric for rx, metric in _METRICS if re.search(rx, words)), None)


def table_figures(text: str, title: str | None = None) -> list[NumericResult]:
    """The figures in the tables of ``text``: what the column header counts (else the table's caption or
    introducing sentence), for the unit the row names (a part; a total row is the main unit)."""
    out: list[NumericResult] = []
    for intro, rows in _tables(text):
        header = rows[0]
        head = [strip_marks(lower_same_length(text[a:b])) for a, b in header.cells]
        if _has_number([text[a:b] for a, b in header.cells]):
            head = [""] * len(header.cells)
        body = rows[1:] if any(head) else rows
        context = strip_marks(lower_same_length(text[intro : header.start]))
        for row in body:
            out += _row_figures(text, row, header if any(head) else None, head, context, title)
    return out


def _row_figures(
    text: str, row: _Row, header: _Row | None, head: list[str], context: str, title: str | None
) -> list[NumericResult]:
    out: list[NumericResult] = []
    labels = [(a, b) for a, b in row.cells if not _NUMBER.fullmatch(text[a:b])]
    if not labels:
        return out
    label = text[labels[0][0] : labels[0][1]]
    total = _TOTAL.match(strip_marks(lower_same_length(label))) is not None
    scope: Scope = "main" if total else "part"
    for c, (a, b) in enumerate(row.cells):
        m = _NUMBER.fullmatch(text[a:b])
        column = head[c] if c < len(head) else ""
        if m is None or _ROW_NUMBER.fullmatch(column.strip()):
            continue
        share = bool(m.group(2)) or bool(_SHARE.search(column))
        unit = strip_marks(lower_same_length(m.group(3) or ""))
        metric = _metric(column, share) or _metric(unit, share) or _metric(context, share) or "other"
        basis: Basis = "target" if _PLAN.search(column) and not share else "actual"
        try:
            value = parse_number(m.group(1))
        except ValueError:
            continue
        out.append(
            NumericResult(
                value=value,
                unit="%" if share else ("đảng viên" if metric.startswith("members") else None),
                metric=metric,
                subject=label,
                evidence=text[row.start : b],
                span=(row.start, b),
                basis=basis,
                scope=scope,
                years=_column_years(text, header, c) or years_for(text, a, b, title),
            )
        )
    return out


def _column_years(text: str, header: _Row | None, column: int) -> Years | None:
    """The years a column's header states ("Năm 2024"), which govern every figure under it."""
    if header is None or column >= len(header.cells):
        return None
    a, b = header.cells[column]
    found = [p.years for p in stated_periods(text) if a <= p.start and p.end <= b]
    return found[0] if found else None
