"""Clause splitting for the offline engine: sentences cut into the clauses that can each be a difficulty,
a solution or neither.

Sentences are split at ``;``, at list colons, after reported-speech prefixes ("X cho biết:"), at cause lists
("nguyên nhân do A, B, C") and between coordinated actions ("rà soát ... và giao ..."). Every clause keeps
its offsets into the cleaned text, so its evidence and span are exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...vietnamese.sentences import Sentence, split_sentences
from .lexicon import CAUSE, FRAME_PREFIX, LEADING, SPEECH, SPLIT_COORD

_SEMICOLON = re.compile(r";")
_LIST_COLON = re.compile(r":\s")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    sentence: str


def syllables(text: str) -> int:
    return len(re.findall(r"[\wà-ỹđ]+", text))


def _trimmed(text: str, start: int, end: int) -> Clause | None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip(' ,;:.-–…"“”'))
    chunk = chunk.strip(' ,;:.-–…"“”')
    if not chunk:
        return None
    return Clause(start + lead, start + lead + len(chunk), chunk, "")


def clauses(text: str, sentences: list[Sentence] | None = None) -> list[Clause]:
    """Clauses of every sentence of ``text``, with offsets into ``text``."""
    out: list[Clause] = []
    for sent in split_sentences(text) if sentences is None else sentences:
        pieces = [(sent.start, sent.end)]
        pieces = _split_all(text, pieces, _SEMICOLON)
        pieces = _split_all(text, pieces, _LIST_COLON)
        for start, end in pieces:
            piece = text[start:end]
            speech = SPEECH.match(piece)
            if speech and speech.end() < len(piece):
                start += speech.end()
            piece = text[start:end]
            lead = LEADING.match(piece)
            if lead:
                start += lead.end()
            frame = FRAME_PREFIX.match(text, start, end)
            if frame:
                start = frame.end()
            for cs, ce in _split_causes(text, start, end):
                c = _trimmed(text, cs, ce)
                if c and syllables(c.text) >= 3:
                    out.append(Clause(c.start, c.end, c.text, sent.text))
    return out


def _split_all(text: str, pieces: list[tuple[int, int]], sep: re.Pattern[str]) -> list[tuple[int, int]]:
    out = []
    for start, end in pieces:
        cur = start
        for m in sep.finditer(text, start, end):
            out.append((cur, m.start()))
            cur = m.end()
        out.append((cur, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _split_causes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'..., nguyên nhân do A, B, C' -> the lead and each cause (short causes merged with the next)."""
    m = CAUSE.search(text, start, end)
    if not m:
        return _split_actions(text, start, end)
    parts = [(start, m.start())]
    items: list[tuple[int, int]] = []
    cur = m.end()
    for comma in re.finditer(r",\s+", text[m.end() : end]):
        items.append((cur, m.end() + comma.start()))
        cur = m.end() + comma.end()
    items.append((cur, end))
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for s, e in items:
        s = pending if pending is not None else s
        pending = None
        if syllables(text[s:e]) < 6 and (s, e) != items[-1] and e != end:
            pending = s
            continue
        merged.append((s, e))
    if pending is not None:
        merged.append((pending, end))
    return parts + merged


def _split_actions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split coordinated measures ('rà soát ... và giao ...') when both sides are substantial."""
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in SPLIT_COORD.finditer(text, start, end):
        if syllables(text[cur : m.start()]) >= 8 and syllables(text[m.end() : end]) >= 8:
            pieces.append((cur, m.start()))
            cur = m.end()  # the next measure starts at its verb, without "và"
    pieces.append((cur, end))
    return pieces
