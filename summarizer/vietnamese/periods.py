"""The calendar years an article states for a figure: one rule, read by the offline engine to fill a
figure's ``years`` and by the grounding stage to check the years a model claims.

Where a figure's years may come from (:func:`governing_context`): its own sentence, the first sentence of
its paragraph, the short unpunctuated lines just above the paragraph (a heading, a table's caption, header
and rows), the sentence that introduces a table, and the title. Never the publication date, and not the
article's first sentence, which as often looks back ("Nhiệm kỳ 2015 - 2020, ...") as it frames the article.
A sentence that speaks of the present ("hiện có", "đến nay") without a year states none.

How years are written (:func:`stated_periods`): "năm 2023" -> (2023, 2023), "nhiệm kỳ 2020 - 2025" ->
(2020, 2025), "quý I/2024" and "6 tháng đầu năm 2024" -> (2024, 2024), "từ năm 2016 đến nay" ->
(2016, None), "từ đầu nhiệm kỳ 2020 - 2025 đến hết năm 2022" -> (2020, 2022). A year compared against
("so với năm 2023") or one that only bounds what came before it ("trước năm 2020") states no period.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from ..models import Years
from .numbers import find_quantities
from .text import plain_lower, strip_marks

_TERMINAL = tuple('.!?:;…"”’)»')
# Matched on the lower-cased text without marks (same offsets), so text typed without them reads alike.
_SINCE = re.compile(
    strip_marks(r"\s*(?:\)\s*)?,?\s*(?:đến|tới|cho đến)\s+(?:nay|hiện nay|hiện tại|thời điểm này)\b")
)
_UNTIL = re.compile(
    strip_marks(
        r"\s*(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+|tháng\s+\d{1,2}\s*/\s*|quý\s+[ivx]+\s*/\s*)?(\d{4})(?!\d)"
    )
)
_COMPARED = re.compile(strip_marks(r"(?:so với|hơn|bằng|trước)\s+(?:cùng kỳ\s+)?(?:năm\s+)?$"))
_NOW = re.compile(strip_marks(r"hiện có|hiện nay|hiện tại|đến nay|tới nay"))
_YEAR_IN_DATE = re.compile(r"(\d{4})\s*$")


@dataclass(frozen=True)
class Period:
    """Years stated at ``[start, end)`` of a text."""

    start: int
    end: int
    years: Years


@lru_cache(maxsize=4)
def stated_periods(text: str) -> tuple[Period, ...]:
    """Every period the text states, in reading order (offsets are the text's)."""
    low = plain_lower(text)
    atoms: list[Period] = []
    for q in find_quantities(text):
        if q.kind == "year" and isinstance(q.value, int):
            years: Years = (q.value, q.value)
        elif q.kind == "period" and isinstance(q.value_min, int) and isinstance(q.value_max, int):
            years = (q.value_min, q.value_max)
        elif q.kind == "date" and (m := _YEAR_IN_DATE.search(q.raw)) and 1900 <= int(m.group(1)) <= 2100:
            years = (int(m.group(1)), int(m.group(1)))
        else:
            continue
        if _COMPARED.search(low, max(0, q.start - 30), q.start):
            continue
        atoms.append(Period(q.start, q.end, years))
    out: list[Period] = []
    skip_to = -1
    for i, atom in enumerate(atoms):
        if atom.start < skip_to:
            continue
        if _SINCE.match(low, atom.end, atom.end + 40):
            out.append(Period(atom.start, atom.end, (atom.years[0], None)))
        elif (m := _UNTIL.match(low, atom.end, atom.end + 40)) and i + 1 < len(atoms):
            out.append(Period(atom.start, atoms[i + 1].end, (atom.years[0], int(m.group(1)))))
            skip_to = atoms[i + 1].end
        else:
            out.append(atom)
    return tuple(out)


# Cached: every figure of an article asks for the same article's paragraphs (and their starts, to bisect).
@lru_cache(maxsize=4)
def _paragraphs(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    paras = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    return paras, tuple(a for a, _ in paras)


def _is_line(text: str) -> bool:
    """A heading, caption or table row: short and without a sentence's closing punctuation."""
    stripped = text.strip()
    return len(stripped) < 200 and (not stripped.endswith(_TERMINAL) or "\t" in stripped or "|" in stripped)


def _sentence_at(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The sentence of ``text[start:end]`` that holds ``pos`` (cut at ". ", "! ", "? ")."""
    a = max(text.rfind(". ", start, pos), text.rfind("! ", start, pos), text.rfind("? ", start, pos))
    a = start if a < 0 else a + 2
    ends = [
        e for e in (text.find(". ", pos, end), text.find("! ", pos, end), text.find("? ", pos, end)) if e >= 0
    ]
    return a, (min(ends) + 1 if ends else end)


def governing_context(text: str, pos: int) -> list[tuple[int, int]]:
    """The ranges of ``text`` whose years may govern a figure at ``pos``, nearest first: its sentence, its
    paragraph's first sentence, the lines just above the paragraph (headings, a table's caption and rows)
    and the sentence that introduces them."""
    paras, starts = _paragraphs(text)
    if not paras:
        return []
    i = max(bisect_right(starts, pos) - 1, 0)
    start, end = paras[i]
    return [_sentence_at(text, start, end, pos), *_around_paragraph(text, i)]


# Cached: the figures of a paragraph share everything but their own sentence.
@lru_cache(maxsize=256)
def _around_paragraph(text: str, i: int) -> tuple[tuple[int, int], ...]:
    """:func:`governing_context` of paragraph ``i`` after the figure's own sentence."""
    paras, _ = _paragraphs(text)
    start, end = paras[i]
    out = [_sentence_at(text, start, end, start)]
    j = i - 1
    # The lines above (nearest first): at most a table's worth, up to the paragraph that introduces them.
    while j >= 0 and i - j <= 40 and _is_line(text[paras[j][0] : paras[j][1]]):
        out.append(paras[j])
        j -= 1
    # A table row is also governed by the sentence that introduces the table ("... năm 2022 như sau:");
    # a paragraph under a heading is not governed by the section before the heading.
    if j >= 0 and _is_line(text[start:end]):
        a, b = paras[j]
        out.append(_sentence_at(text, a, b, max(b - 1, a)))
    return tuple(out)


def years_for(text: str, start: int, end: int, title: str | None = None) -> Years | None:
    """The years the article states for a figure at ``text[start:end]``: in its sentence the nearest
    period before it (else the first after it), else the first one stated in the governing context
    (:func:`governing_context`), else in the title."""
    ranges = governing_context(text, start)
    if not ranges:
        return _title_years(title)
    a, b = ranges[0]
    within = _periods_within(text, a, b)
    before = [p for p in within if p.end <= start]
    if before:
        return before[-1].years
    after = [p for p in within if p.start >= end]
    if after:
        return after[0].years
    if _NOW.search(plain_lower(text), a, start):
        return None
    for a, b in ranges[1:]:
        found = _periods_within(text, a, b)
        if found:
            return found[0].years
    return _title_years(title)


def _periods_within(text: str, a: int, b: int) -> tuple[Period, ...]:
    """The periods stated wholly inside ``text[a:b]``, in reading order (looked up by start)."""
    periods = stated_periods(text)
    i = bisect_left(periods, a, key=_start)
    j = bisect_right(periods, b, lo=i, key=_start)
    return tuple(p for p in periods[i:j] if p.end <= b)


_start = attrgetter("start")


def _title_years(title: str | None) -> Years | None:
    found = stated_periods(title) if title else ()
    return found[0].years if found else None


def written_years(text: str, start: int, title: str | None = None) -> set[int]:
    """Every year written in the context that governs a figure at ``start`` (and in the title): the only
    years a figure may claim."""
    out: set[int] = set()
    periods = stated_periods(text)
    for a, b in governing_context(text, start):
        out |= {y for p in periods if a <= p.start and p.end <= b for y in p.years if y is not None}
    if title:
        out |= {y for p in stated_periods(title) for y in p.years if y is not None}
    return out


def latest_year(text: str) -> int | None:
    """The latest year the text states: the article's time when it has no publication date."""
    years = [y for p in stated_periods(text) for y in p.years if y is not None]
    return max(years) if years else None
