"""Grounding: every item a summary returns must be backed by a verbatim span of the cleaned article.

:class:`Grounder` locates evidence in one article (both NFC): first an exact match, then one bounded
fallback on a folded copy that ignores case, whitespace, punctuation and old/new tone placement
("uỷ"/"ủy"). The folded copy maps positions back to the cleaned text, so every located item gets
its ``span``, and the evidence returned is the article's own text at that span. :func:`ground_summary` is the last step of every engine: it sets spans, drops what is not in
the article (recording why in ``warnings``) and checks numbers against their evidence.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cached_property

from .models import ArticleSummary, Finding, NumericResult, Span
from .numbers import result_values
from .text import new_tone_placement

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
            # Only counts and percentages are results: a year, date, period or document number is not.
            present = result_values(evidence)
            values = [v for v in (item.value, item.value_min, item.value_max) if v is not None]
            if not values or any(round(float(v), 4) not in present for v in values):
                warnings.append(f"dropped number {values}: no such count or percentage in {evidence[:80]!r}")
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
