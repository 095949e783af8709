"""Where a quote is in an article: exact, repaired, or fuzzily aligned (the mechanics of grounding).

:meth:`Grounder.align` tries, in order, and says which one found the quote:

1. ``exact``: the quote is a substring of the (NFC) article text.
2. ``repaired``: harmless deviations undone. On a folded copy of both that ignores case, whitespace,
   punctuation (so wrapping quotes, a final period, typographic apostrophes) and old/new tone
   placement ("uỷ"/"ủy"); or, for a quote joined with " ... ", its parts found in order within one
   sentence or two adjacent ones. The span then runs from the first part's start to the last part's
   end: one verbatim span of the article (the contract has one ``evidence`` and one ``span``), which
   includes the words the quote skipped.
3. ``fuzzy``: a quote that differs from the article by a few characters (a dropped word, a wrong
   diacritic) is aligned to its best-matching span when the similarity reaches :data:`FUZZY_THRESHOLD`
   (rapidfuzz's normalised Indel similarity, on the folded copies). Quotes shorter than
   :data:`FUZZY_MIN_CHARS` are never fuzzy: a short phrase resembles too many places.

Whatever way a quote is found, the caller replaces it with the article's own characters at the span,
so evidence stays verbatim and its span exact.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from rapidfuzz import fuzz

from .models import Span
from .vietnamese.text import new_tone_placement

Alignment = Literal["exact", "repaired", "fuzzy"]

#: The least similarity (0-100) at which a quote is aligned fuzzily; below it the quote is not found.
FUZZY_THRESHOLD = 92.0
#: Quotes shorter than this (folded) are found exactly or after repair, never fuzzily.
FUZZY_MIN_CHARS = 24

# What becomes one space: runs of two or more separators (whitespace and punctuation), and single ones
# other than a space (a lone space already is what it would become; skipping it keeps the scan cheap).
_SEPARATORS = re.compile(r"[\W_]{2,}|[^\w ]|_")
_LONG_SEPARATORS = re.compile(r"[\W_]{2,}")
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|…)\s*")
# A sentence end inside the gap between two parts of an ellipsis-joined quote.
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_MAX_GAP = 400  # characters the skipped words of an ellipsis-joined quote may cover


@dataclass(frozen=True)
class Located:
    """Where a quote is (``[start, end)`` in the NFC article text) and how it was found."""

    span: Span
    alignment: Alignment


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

    def span(self, start: int, end: int) -> Span:
        """The original ``[start, end)`` of folded ``[start, end)`` (``end > start``)."""
        return (self.original(start), self.original(end - 1) + 1)


def _needle(text: str) -> str:
    return _Folded(text).text.strip()


class Grounder:
    """Locates evidence strings in one cleaned article text."""

    def __init__(self, text: str) -> None:
        self.text = unicodedata.normalize("NFC", text)

    @cached_property
    def _folded(self) -> _Folded:
        return _Folded(self.text)

    def locate(self, evidence: str) -> Span | None:
        """``[start, end)`` of ``evidence`` in the text by :meth:`align`, or ``None``."""
        found = self.align(evidence)
        return found.span if found else None

    def align(self, evidence: str) -> Located | None:
        """Where ``evidence`` is and how it was found (exact, repaired, fuzzy), or ``None``."""
        evidence = unicodedata.normalize("NFC", evidence or "").strip()
        if not evidence:
            return None
        exact = self.text.find(evidence)
        if exact >= 0:
            return Located((exact, exact + len(evidence)), "exact")
        needle = _needle(evidence)
        if len(needle) < 3:
            return None
        folded = self._folded
        pos = folded.text.find(needle)
        if pos >= 0:
            return Located(folded.span(pos, pos + len(needle)), "repaired")
        parts = [p for p in (_needle(p) for p in _ELLIPSIS.split(evidence)) if p]
        if len(parts) > 1:
            joined = self._parts_in_order(parts)
            return Located(joined, "repaired") if joined else None
        fuzzy = self._fuzzy(needle)
        return Located(fuzzy, "fuzzy") if fuzzy else None

    def _parts_in_order(self, parts: list[str]) -> Span | None:
        """The span from the first part to the last, each found after the previous one, with at most one
        sentence end between the first part's start and the last part's end."""
        folded = self._folded
        first = folded.text.find(parts[0])
        while first >= 0:
            end = first + len(parts[0])
            for part in parts[1:]:
                nxt = folded.text.find(part, end, end + _MAX_GAP + len(part))
                if nxt < 0:
                    break
                end = nxt + len(part)
            else:
                span = folded.span(first, end)
                if len(_SENTENCE_END.findall(self.text, span[0], span[1] - 1)) <= 1:
                    return span
            first = folded.text.find(parts[0], first + 1)
        return None

    def _fuzzy(self, needle: str) -> Span | None:
        """The best-matching span of a long enough quote, when it is similar enough (see module doc)."""
        if len(needle) < FUZZY_MIN_CHARS:
            return None
        text = self._folded.text
        words = needle.split()
        # Cheap gate: most word pairs of a quote that is merely misspelt are in the article as they are;
        # a quote the article does not contain never pays for the alignment.
        pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        if sum(p in text for p in pairs) * 2 < len(pairs):
            return None
        found = fuzz.partial_ratio_alignment(needle, text, score_cutoff=FUZZY_THRESHOLD - 10)
        if found is None:
            return None
        start, end = self._best_bounds(needle, found.dest_start, found.dest_end)
        if end <= start or fuzz.ratio(needle, text[start:end]) < FUZZY_THRESHOLD:
            return None
        return self._folded.span(start, end)

    def _best_bounds(self, needle: str, start: int, end: int) -> tuple[int, int]:
        """The word-aligned ``[start, end)`` near a partial alignment most similar to the whole quote
        (the window the partial alignment finds has the quote's length, not the article span's)."""
        text = self._folded.text
        slack = max(8, len(needle) // 6)
        starts = [s for s in range(max(0, start - slack), min(len(text), start + slack) + 1)
                  if s == 0 or text[s - 1] == " "]  # fmt: skip
        ends = [e for e in range(max(0, end - slack), min(len(text), end + slack) + 1)
                if e == len(text) or text[e] == " "]  # fmt: skip
        best = (-1.0, start, end)
        for s in starts:
            for e in ends:
                if e > s:
                    score = fuzz.ratio(needle, text[s:e])
                    if score > best[0]:
                        best = (score, s, e)
        return best[1], best[2]
