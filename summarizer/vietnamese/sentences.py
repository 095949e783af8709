"""Sentence segmentation for Vietnamese news text, with character offsets.

Rules rather than a model: sentences end at ``. ! ? …`` followed by an upper-case start, at a line
break, or at a period glued to the next sentence ("nay.Những", common in scraped teasers). Titles and
abbreviations ("TP.", "Q.", "ThS."), initials, decimals ("124,3", "1.234") and dates ("quý I/2022")
never end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "tp", "q", "p", "tx", "tt", "h", "ts", "ths", "pgs", "gs", "bs", "ks", "cn", "ncs", "th.s",
    "st", "mr", "mrs", "dr", "v.v", "vv", "tr", "no", "ông", "bà", "đ/c", "đc",
}  # fmt: skip
# Not "số": "dân tộc thiểu số.", "đa số.", "dân số." end sentences; a document's number is written "số 14".
# End punctuation, optional closing quotes/brackets, then either whitespace before an upper-case
# start (or an opening quote, digit or dash) or an upper-case letter glued to the period.
_BOUNDARY = re.compile(
    r"(?P<end>[.!?…]+[\"”’»)\]]*)"
    r"(?:(?P<space>\s+)(?=[\"“‘«(\[\-–—•]?[A-ZĐÀ-Ỹ0-9])|(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ]))",
    re.UNICODE,
)
# The word (or dotted chain, "v.v") just before a boundary, matched on the text before it read backwards:
# one anchored match, where a search for a word at the end tried every position before it.
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)", re.UNICODE)
# How far back a boundary looks for the word it follows. Bounded, so splitting stays linear in the line's
# length (a 4 MB one-line file took minutes when every boundary searched the whole line before it); no
# abbreviation or initial is anywhere near this long.
_LOOKBACK = 64


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        line = para.group()  # once: each call copies the line
        for m in _BOUNDARY.finditer(line):
            if not _ends_sentence(line, m):
                continue
            _add(out, text, start, para.start() + m.end("end"))
            start = para.start() + m.end()
        _add(out, text, start, para.end())
    return out


def _ends_sentence(para: str, m: re.Match[str]) -> bool:
    end = m.start()
    backwards = _WORD_BEFORE.match(para[max(0, end - _LOOKBACK) : end][::-1])
    if m.group("end").startswith("."):
        if backwards is None:
            # "năm 2022. Sau đó" ends a sentence; "2.Nội dung" glued to a digit is a list number.
            return m.group("space") is not None or not para[end - 1 : end].isdigit()
        w = backwards.group(1)[::-1]
        if w.lower() in _ABBREVIATIONS or (len(w) == 1 and w.isupper()):
            return False
        if m.group("space") is None and (w.isupper() or len(w) < 2):
            return False  # "TP.HCM", "Q.1"
    return True


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + chunk.index(stripped)
        out.append(Sentence(s, s + len(stripped), stripped))
