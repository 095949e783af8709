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

import heapq
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from rapidfuzz import fuzz

from .models import Alignment, Span
from .vietnamese.text import new_tone_placement

#: The least similarity (0-100) at which a quote is aligned fuzzily; below it the quote is not found.
FUZZY_THRESHOLD = 92.0
#: Quotes shorter than this (folded) are found exactly or after repair, never fuzzily.
FUZZY_MIN_CHARS = 24

_SEPARATOR = re.compile(r"[^\w ]|_")
_SPACES = re.compile(r" {2,}")
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|…)\s*")
# A sentence end inside the gap between two parts of an ellipsis-joined quote.
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_MAX_GAP = 400  # characters the skipped words of an ellipsis-joined quote may cover
_MAX_TRIES = 20  # places tried for the first part of an ellipsis-joined quote
_BUCKET = 16  # characters: votes for a quote's start within this distance are for the same place
_MAX_PAIR_HITS = 4  # occurrences of one word pair that vote (a common phrase says little)
_NUMBERS = re.compile(r"\d+")
# Words that turn a claim into its opposite (folded text: lower case, marks kept; plain forms for reposts).
_NEGATION = re.compile(r"(?<!\w)(?:không|chưa|chẳng|chả|khong|chua)(?!\w)")
_PLACES_TRIED = 3  # the places with most votes where the quote is aligned


@dataclass(frozen=True)
class Located:
    """Where a quote is (``[start, end)`` in the NFC article text) and how it was found."""

    span: Span
    alignment: Alignment


class Folded:
    """A text lower-cased with every run of whitespace and punctuation made one space, tones in
    new-style places. Only runs longer than one character shift positions; they are found (lazily, the
    first time a position is mapped) to map folded positions to the original and back. Grounding's
    figure windows cut an accent-free copy folded this way (:func:`summarizer.prose.words_between`)."""

    def __init__(self, text: str) -> None:
        # Every separator (not a letter or digit) becomes a space, one for one, then runs of spaces
        # become one; only those runs shift positions.
        self._spaced = _SEPARATOR.sub(" ", text)
        folded = _SPACES.sub(" ", self._spaced)
        lowered = folded.lower()
        self.text = new_tone_placement(lowered) if len(lowered) == len(folded) else folded

    @cached_property
    def _runs(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Where each run starts in the folded text, what it and those before removed, and where it starts
        and ends in the original."""
        spans = [m.span() for m in _SPACES.finditer(self._spaced)]
        shifts = list(accumulate(end - start - 1 for start, end in spans))  # removed up to each run's end
        starts = [
            start - (shift - (end - start - 1)) for (start, end), shift in zip(spans, shifts, strict=True)
        ]
        return starts, shifts, [a for a, _ in spans], [b for _, b in spans]

    def original(self, pos: int) -> int:
        """The original offset of folded position ``pos`` (a run maps to its first character)."""
        starts, shifts, _, _ = self._runs
        i = bisect_right(starts, pos - 1) - 1
        return pos + (shifts[i] if i >= 0 else 0)

    def position(self, offset: int) -> int:
        """The folded position of original ``offset`` (inside a run: the run's one space)."""
        starts, shifts, run_starts, run_ends = self._runs
        k = bisect_right(run_starts, offset) - 1
        if k < 0:
            return offset
        if offset < run_ends[k]:
            return starts[k]
        return offset - shifts[k]

    def span(self, start: int, end: int) -> Span:
        """The original ``[start, end)`` of folded ``[start, end)`` (``end > start``)."""
        return (self.original(start), self.original(end - 1) + 1)


def _needle(text: str) -> str:
    return Folded(text).text.strip()


class Grounder:
    """Locates evidence strings in one cleaned article text."""

    def __init__(self, text: str) -> None:
        self.text = unicodedata.normalize("NFC", text)

    @cached_property
    def _folded(self) -> Folded:
        return Folded(self.text)

    def locate(self, evidence: str) -> Span | None:
        """``[start, end)`` of ``evidence`` in the text by :meth:`align`, or ``None``."""
        found = self.align(evidence)
        return found.span if found else None

    def writes(self, text: str) -> bool:
        """Whether the article writes ``text`` itself: exactly, or but for case, whitespace, punctuation
        and tone placement (never fuzzily, where a changed word could be an invented one)."""
        text = unicodedata.normalize("NFC", text or "").strip()
        # A quote with its first letter capitalised (a sentence made of it) is the common case: no folding.
        if not text or text in self.text or text[0].lower() + text[1:] in self.text:
            return bool(text)
        needle = _needle(text)
        return len(needle) >= 3 and needle in self._folded.text

    def align(self, evidence: str, near: Span | None = None) -> Located | None:
        """Where ``evidence`` is and how it was found (exact, repaired, fuzzy), or ``None``.

        ``near`` is where the item says its evidence is: taken when the text there is the evidence, so a
        quote written twice keeps its own place. Otherwise the first exact occurrence that starts and ends
        at word edges is taken ("93 chi bộ" is not the end of "393 chi bộ"), else the first at all."""
        evidence = unicodedata.normalize("NFC", evidence or "").strip()
        if not evidence:
            return None
        if (
            near is not None
            and 0 <= near[0] < near[1] <= len(self.text)
            and self.text[near[0] : near[1]] == evidence
        ):
            return Located(near, "exact")
        exact = self._exact(evidence)
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

    def _exact(self, evidence: str) -> int:
        """The start of the first occurrence of ``evidence`` at word edges, else of the first one, else -1."""
        first = at = self.text.find(evidence)
        while at >= 0 and not self._at_word_edges(at, at + len(evidence)):
            at = self.text.find(evidence, at + 1)
        return first if at < 0 else at

    def _at_word_edges(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` neither starts inside a word or number nor ends inside one."""
        text = self.text
        return not (
            (start > 0 and text[start].isalnum() and text[start - 1].isalnum())
            or (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())
        )

    def _parts_in_order(self, parts: list[str]) -> Span | None:
        """The span from the first part to the last, each found after the previous one, with at most one
        sentence end between the first part's start and the last part's end."""
        folded = self._folded
        first = folded.text.find(parts[0])
        for _ in range(_MAX_TRIES):
            if first < 0:
                break
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
        # Each word pair of the quote found in the article votes for where the quote would start there.
        # A quote that is merely misspelt has most of its pairs as they are; one the article does not
        # contain has few, and never pays for the alignment. Pairs found in many places (a common
        # phrase) vote only when no rarer pair does.
        words = needle.split(" ")
        pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        firsts, misses = [], 0
        for pair in pairs:
            firsts.append(text.find(pair))
            misses += firsts[-1] < 0
            if misses * 2 > len(pairs):
                return None
        rare: dict[int, int] = defaultdict(int)
        common: dict[int, int] = defaultdict(int)
        offset = 0
        for word, pair, first in zip(words, pairs, firsts, strict=False):
            hits = _occurrences(text, pair, first)
            for pos in hits:
                (rare if len(hits) < _MAX_PAIR_HITS else common)[(pos - offset) // _BUCKET] += 1
            offset += len(word) + 1
        votes = rare or common
        digits = _NUMBERS.findall(needle)
        windows = []
        for bucket in heapq.nlargest(_PLACES_TRIED, votes, key=votes.__getitem__):
            lo = max(0, (bucket - 1) * _BUCKET - len(needle) // 4)
            window = text[lo : (bucket + 2) * _BUCKET + len(needle) + len(needle) // 4]
            found = fuzz.partial_ratio_alignment(needle, window, score_cutoff=FUZZY_THRESHOLD - 10)
            if found is not None:
                windows.append((found.score, lo + found.dest_start, lo + found.dest_end))
        best: tuple[float, int, int] = (0.0, 0, 0)
        for _, start, end in sorted(windows, reverse=True):
            start, end = self._best_bounds(needle, start, end)
            score = fuzz.ratio(needle, text[start:end]) if end > start else 0.0
            # A quote is a few characters off, never a different figure: its numbers are the span's
            # (in order; one it left out is no harm, the evidence becomes the article's text). Nor the
            # opposite claim: "đã hoàn thành" is 93% like "chưa hoàn thành", so negations must agree.
            if (
                score >= FUZZY_THRESHOLD
                and _in_order(digits, _NUMBERS.findall(text, start, end))
                and _NEGATION.findall(needle) == _NEGATION.findall(text, start, end)
            ):
                best = (score, start, end)
                break
        if not best[0]:
            return None
        return self._folded.span(best[1], best[2])

    def _best_bounds(self, needle: str, start: int, end: int) -> tuple[int, int]:
        """The word-aligned ``[start, end)`` near a partial alignment most similar to the whole quote
        (the window the partial alignment finds has the quote's length, not the article span's: a
        dropped word leaves one of its ends short). Word starts and ends nearby are tried."""
        text = self._folded.text
        slack = max(8, len(needle) // 5)
        starts = [p + 1 for p in _spaces(text, max(0, start - slack) - 1, start + slack)]
        ends = _spaces(text, max(start + 1, end - slack), end + slack)
        if start - slack <= 0:
            starts.insert(0, 0)
        if end + slack >= len(text):
            ends.append(len(text))
        end = max(ends, key=lambda e: fuzz.ratio(needle, text[start:e]) if e > start else -1.0, default=end)
        start = max(starts, key=lambda s: fuzz.ratio(needle, text[s:end]) if end > s else -1.0, default=start)
        return start, end


def _spaces(text: str, lo: int, hi: int) -> list[int]:
    """Positions of the spaces of ``text`` in ``[lo, hi]``."""
    out = []
    pos = text.find(" ", max(lo, 0))
    while 0 <= pos <= hi:
        out.append(pos)
        pos = text.find(" ", pos + 1)
    return out


def _occurrences(text: str, pair: str, pos: int) -> list[int]:
    """Where ``pair`` starts in ``text`` from its first occurrence ``pos``, the first :data:`_MAX_PAIR_HITS`."""
    out: list[int] = []
    while pos >= 0 and len(out) < _MAX_PAIR_HITS:
        out.append(pos)
        pos = text.find(pair, pos + 1)
    return out


def _in_order(part: list[str], whole: list[str]) -> bool:
    """Whether ``part`` is ``whole`` with some items left out."""
    rest = iter(whole)
    return all(item in rest for item in part)
