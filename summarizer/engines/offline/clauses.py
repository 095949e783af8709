"""Clause splitting for the offline engine: sentences cut into the clauses that can each be a difficulty,
a solution or neither.

Sentences are split at ``;``, at list colons, after reported-speech prefixes ("X cho biết:"), at cause lists
("nguyên nhân do A, B, C") and between coordinated actions ("rà soát ... và giao ...").
Cuts fall only at punctuation or before a whole word, never inside one. Every clause keeps its offsets into
the cleaned text, so its evidence and span are exact. Patterns are matched on ``view``: the text itself, or
its diacritic-free copy (same length) for articles typed without diacritics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...vietnamese.sentences import Sentence, split_sentences
from .lexicon import lexicon

_SEMICOLON = re.compile(r";")
_LIST_COLON = re.compile(r":\s")
_STRIP = ' ,;:.-–…"“”'


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    sentence: str
    #: index of the sentence the clause belongs to, in the article's sentence list
    index: int = 0


_SYLLABLE = re.compile(r"\w+")


def syllables(text: str) -> int:
    """Number of syllables (words between spaces and punctuation) of ``text``."""
    return len(_SYLLABLE.findall(text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip(_STRIP))
    chunk = chunk.strip(_STRIP)
    return (start + lead, start + lead + len(chunk)) if chunk else None


def clauses(
    text: str, sentences: list[Sentence] | None = None, view: str | None = None, folded: bool = False
) -> list[Clause]:
    """Clauses of every sentence of ``text``, with offsets into ``text``."""
    lx = lexicon(folded)
    view = text if view is None else view
    out: list[Clause] = []
    for index, sent in enumerate(split_sentences(text) if sentences is None else sentences):
        pieces = [(sent.start, sent.end)]
        pieces = _split_all(view, pieces, _SEMICOLON)
        pieces = _split_all(view, pieces, _LIST_COLON)
        for start, end in pieces:
            # ("^" anchors at the start of the whole string even with a pos argument: match slices.)
            speech = lx["SPEECH"].match(view[start:end])
            if speech and start + speech.end() < end:
                start += speech.end()
            lead = lx["LEADING"].match(view[start:end])
            if lead:
                start += lead.end()
            frame = lx["FRAME_PREFIX"].match(view, start, end)
            if frame:
                start = frame.end()
            for cs, ce in _split_causes(view, start, end, folded):
                span = _trimmed(text, cs, ce)
                if span and syllables(text[span[0] : span[1]]) >= 3:
                    out.append(Clause(span[0], span[1], text[span[0] : span[1]], sent.text, index))
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


def _split_causes(text: str, start: int, end: int, folded: bool) -> list[tuple[int, int]]:
    """'..., nguyên nhân do A, B, C' -> the lead and each cause (short causes merged with the next)."""
    m = lexicon(folded)["CAUSE"].search(text, start, end)
    if not m:
        return _split_actions(text, start, end, folded)
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
        if merged and lexicon(folded)["CONTINUES"].match(text, s):  # "A chưa quan tâm, còn ngại khó"
            merged[-1] = (merged[-1][0], e)
            continue
        merged.append((s, e))
    if pending is not None:
        merged.append((pending, end))
    return parts + merged


def _split_actions(text: str, start: int, end: int, folded: bool) -> list[tuple[int, int]]:
    """Split coordinated measures ('rà soát ... và giao ...') when both sides are substantial.

    At a comma only before a verb that opens a new measure ("..., phấn đấu ...", "..., giao ..."): a comma before
    another verb mostly continues the same measure ('mở lớp ..., mời báo cáo viên về dạy')."""
    lx = lexicon(folded)
    cuts = sorted(
        [*lx["SPLIT_COORD"].finditer(text, start, end), *lx["SPLIT_LIST"].finditer(text, start, end)],
        key=lambda m: m.start(),
    )
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in cuts:
        if m.re is lx["SPLIT_LIST"] and lx["ENDS_WITH_ACTION"].search(text, cur, m.start()):
            continue  # "rà soát, lập danh sách nguồn": a bare verb before the comma shares the object after it
        if m.re is lx["SPLIT_LIST"] and lx["TARGET_OPEN"].search(text, cur, m.start()):
            comma = text.find(",", m.end(), end)
            if lx["COUNT"].search(text, m.end(), end if comma < 0 else comma):
                continue  # "phấn đấu kết nạp 50 đảng viên, thành lập mới 2 chi bộ": one goal, its targets listed
        if syllables(text[cur : m.start()]) >= 8 and syllables(text[m.end() : end]) >= 8:
            pieces.append((cur, m.start()))
            cur = m.end()  # the next measure starts at its verb, without "và" or the comma
    pieces.append((cur, end))
    return pieces
