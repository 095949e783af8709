"""Grounding, the pipeline stage every engine's output passes through, and the one home of its rules.

- Evidence is located in the article: :class:`Grounder` tries an exact match, then one bounded fallback
  on a folded copy that ignores case, whitespace, punctuation and old/new tone placement ("uỷ"/"ủy").
  The folded copy maps positions back to the cleaned text, so every located item gets its ``span`` and
  its evidence becomes the article's own text at that span.
- A figure's values must be written as a count or a percentage in its evidence
  (:func:`value_problem`): years, dates and document numbers are not results.
- A place must be named in the article (:func:`unmentioned_place`).

:func:`ground_summary` applies them all: it sets spans, drops what fails (saying why in ``warnings``)
and returns only what the article backs. Model engines call the same rules to decide what to re-ask.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cached_property

from .models import ArticleSummary, Finding, NumericResult, Span
from .vietnamese.gazetteer import news_tag_province
from .vietnamese.numbers import result_values
from .vietnamese.text import names_place, new_tone_placement

# What becomes one space: runs of two or more separators (whitespace and punctuation), and single ones
# other than a space (a lone space already is what it would become; skipping it keeps the scan cheap).
_SEPARATORS = re.compile(r"[\W_]{2,}|[^\w ]|_")
_LONG_SEPARATORS = re.compile(r"[\W_]{2,}")


class _Folded:
    """A text lower-cased with every run of whitespace and punctuation made one space, tones in
    new-style places. Only runs longer than one character shift positions; they are
    found (lazily, the first time a match is mapped back) to map folded positions to the original."""

    def __init__(self, text: str) -> None:
        self._source = text
        folded = _SEPARATORS.sub(" ", text)
        lowered = folded.lower()
        self.text = new_tone_placement(lowered) if len(lowered) == len(folded) else folded

    @cached_property
    def _runs(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []  # where each long run starts in the folded text
        shifts: list[int] = []  # characters removed up to and including that run
        removed = 0
        for m in _LONG_SEPARATORS.finditer(self._source):
            starts.append(m.start() - removed)
            removed += m.end() - m.start() - 1
            shifts.append(removed)
        return starts, shifts

    def original(self, pos: int) -> int:
        """The original offset of folded position ``pos`` (a run maps to its first character)."""
        starts, shifts = self._runs
        i = bisect_right(starts, pos - 1) - 1
        return pos + (shifts[i] if i >= 0 else 0)


class Grounder:
    """Locates evidence strings in one cleaned article text."""

    def __init__(self, text: str) -> None:
        self.text = unicodedata.normalize("NFC", text)

    @cached_property
    def _folded(self) -> _Folded:
        return _Folded(self.text)

    def locate(self, evidence: str) -> Span | None:
        """``[start, end)`` of the first occurrence of ``evidence`` in the text, or ``None``."""
        evidence = unicodedata.normalize("NFC", evidence or "").strip()
        if not evidence:
            return None
        exact = self.text.find(evidence)
        if exact >= 0:
            return (exact, exact + len(evidence))
        needle = _Folded(evidence).text.strip()
        if len(needle) < 3:
            return None
        folded = self._folded
        pos = folded.text.find(needle)
        if pos < 0:
            return None
        return (folded.original(pos), folded.original(pos + len(needle) - 1) + 1)


def value_problem(values: list[float | int], evidence: str) -> str | None:
    """Why ``values`` are not a result backed by ``evidence``, or ``None`` when every one is written there
    as a count or a percentage (years, dates, periods and document numbers do not count)."""
    if not values:
        return "it has no value"
    present = result_values(evidence)
    if any(round(float(v), 4) not in present for v in values):
        return f"{values} is not written as a count or percentage in its evidence {evidence[:80]!r}"
    return None


def unmentioned_place(
    district: str | None, commune: str | None, grounder: Grounder, province: str | None = None
) -> str | None:
    """The most specific place name given that the article never mentions (a province may be inferred
    from a district or commune the article names; alone, it must be named, or be its newspaper's tag).

    An article written without marks names "Hướng Hóa" when it writes "Huong Hoa"; one written with
    them does not name it when it writes "Hương Hóa"."""
    deepest = commune or district
    if deepest:
        return None if names_place(grounder.text, deepest) else deepest
    if province and not names_place(grounder.text, province) and news_tag_province(grounder.text) != province:
        return province
    return None


def ground_summary(summary: ArticleSummary, text: str, grounder: Grounder | None = None) -> ArticleSummary:
    """Set spans and drop every item whose evidence is not in ``text``; record each drop in ``warnings``.

    Evidence is replaced by the exact article text at its span, so what is returned is verbatim.
    """
    g = grounder or Grounder(text)
    warnings = list(summary.warnings)

    def keep_findings(items: list[Finding], what: str) -> list[Finding]:
        kept, seen = [], set()
        for item in items:
            span = g.locate(item.evidence)
            if span is None:
                warnings.append(f"dropped {what} not found in the article: {item.evidence[:80]!r}")
                continue
            if span in seen:
                continue
            seen.add(span)
            kept.append(item.model_copy(update={"evidence": g.text[span[0] : span[1]], "span": span}))
        return kept

    def keep_numbers(items: list[NumericResult]) -> list[NumericResult]:
        kept, seen = [], set()
        for item in items:
            span = g.locate(item.evidence)
            if span is None:
                warnings.append(f"dropped number not found in the article: {item.evidence[:80]!r}")
                continue
            evidence = g.text[span[0] : span[1]]
            values = [v for v in (item.value, item.value_min, item.value_max) if v is not None]
            problem = value_problem(values, evidence)
            if problem:
                warnings.append(f"dropped number {values}: {problem}")
                continue
            key = (item.value, item.value_min, item.value_max, item.unit, item.metric, span)
            if key in seen:
                continue
            seen.add(key)
            kept.append(item.model_copy(update={"evidence": evidence, "span": span}))
        return kept

    update: dict = {
        "difficulties": keep_findings(summary.difficulties, "difficulty"),
        "solutions": keep_findings(summary.solutions, "solution"),
        "numeric_results": keep_numbers(summary.numeric_results),
    }
    loc = summary.locality
    if loc is not None and loc.evidence:
        span = g.locate(loc.evidence)
        if span is None:
            warnings.append(f"locality evidence not found in the article: {loc.evidence[:80]!r}")
            update["locality"] = loc.model_copy(update={"evidence": None, "span": None})
        else:
            update["locality"] = loc.model_copy(update={"evidence": g.text[span[0] : span[1]], "span": span})
    update["warnings"] = warnings
    return summary.model_copy(update=update)
