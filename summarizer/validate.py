"""Grounding: every item a summary returns must be backed by a verbatim span of the cleaned article.

:class:`Grounder` locates evidence in one article: first an exact match on a whitespace-folded copy of
the text, then a bounded fallback that also ignores punctuation and old/new tone placement
("uỷ"/"ủy"). Both copies keep an index back to the cleaned text, so every located item gets its
``span``. :func:`ground_summary` is the last step of every engine: it sets spans, drops what is not in
the article (recording why in ``warnings``) and checks numbers against their evidence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property

from .models import ArticleSummary, Finding, NumericResult, Span
from .numbers import result_values
from .text import tone_norm

_PUNCT = re.compile(r"[\W_]", re.UNICODE)


def _fold_with_map(text: str, drop_punct: bool) -> tuple[str, list[int]]:
    """Lower-cased text with whitespace runs folded to one space (and punctuation dropped if asked),
    plus, for each kept character, its index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace() or (drop_punct and _PUNCT.match(ch)):
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            index.append(i)
            pending_space = False
        chars.append(ch.lower())
        index.append(i)
    folded = "".join(chars)
    if drop_punct:
        # Tone placement changes no lengths ("uỷ" <-> "ủy"), so the index map stays valid.
        folded = tone_norm(folded)
    return folded, index


class Grounder:
    """Locates evidence strings in one cleaned article text."""

    def __init__(self, text: str) -> None:
        self.text = unicodedata.normalize("NFC", text)

    @cached_property
    def _ws(self) -> tuple[str, list[int]]:
        return _fold_with_map(self.text, drop_punct=False)

    @cached_property
    def _loose(self) -> tuple[str, list[int]]:
        return _fold_with_map(self.text, drop_punct=True)

    def locate(self, evidence: str, near: int = 0) -> Span | None:
        """``[start, end)`` of ``evidence`` in the text, or ``None`` if it is not there.

        ``near`` prefers the occurrence at or after that offset (items are usually in reading order).
        """
        evidence = unicodedata.normalize("NFC", evidence or "").strip()
        if not evidence:
            return None
        exact = self.text.find(evidence, near)
        if exact < 0:
            exact = self.text.find(evidence)
        if exact >= 0:
            return (exact, exact + len(evidence))
        for folded_text, index, drop in (
            (*self._ws, False),
            (*self._loose, True),
        ):
            needle, _ = _fold_with_map(evidence, drop_punct=drop)
            if len(needle) < 3:
                return None
            pos = folded_text.find(needle)
            if pos >= 0:
                return (index[pos], index[pos + len(needle) - 1] + 1)
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
