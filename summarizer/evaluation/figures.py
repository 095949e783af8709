"""Numbers as written in Vietnamese text, to check that a predicted number is really in the article.

The contract says every numeric result appears in the article. Checking that needs the set of values
the article writes: digits in Vietnamese notation ('3.753' = 3753, '124,3' = 124.3), digits scaled by
a magnitude word ('1,2 triệu') and number words ('mười lăm', 'hai mươi'), which gold treats as values
too. The reference scorer reads digits only, so a value written in words counts there as 'not in
the text'; here it does not (see docs/GOLD_FORMAT.md).
"""

from __future__ import annotations

import re

from .match import nfc

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
_SCALED = re.compile(r"(\d+(?:[.,]\d+)*)\s*(nghìn|ngàn|triệu|tỷ|tỉ)\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")

_UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8,
          "chín": 9, "mốt": 1, "lăm": 5, "tư": 4}  # fmt: skip
# 'năm' is also 'year', 'tư' also 'fourth'; 'mốt' and 'lăm' only occur after a ten. Alone they are
# not read as numbers, or every article would 'contain' a 5.
_NOT_ALONE = {"năm", "tư", "mốt", "lăm"}
_NUMBER_WORDS = set(_UNITS) | {"mười", "mươi", "trăm", "linh", "lẻ"}


def parse_number(token: str) -> float:
    """One number in Vietnamese notation: '.' groups thousands, ',' is the decimal point.

    '3.753' -> 3753, '124,3' -> 124.3, '1.234,5' -> 1234.5; '2.5' (not a thousands group) -> 2.5.
    """
    if "," in token:
        return float(token.replace(".", "").replace(",", "."))
    if _THOUSANDS.fullmatch(token):
        return float(token.replace(".", ""))
    return float(token)


def _phrases(text: str) -> list[list[str]]:
    """Runs of number words, split at punctuation and where a digit word follows a digit word
    ('hai ba' is two numbers, 'hai mươi ba' one)."""
    phrases: list[list[str]] = []
    for segment in re.split(r"[^\w\s]+", text.lower()):
        current: list[str] = []
        for word in segment.split():
            if word not in _NUMBER_WORDS or (word in _UNITS and current and current[-1] in _UNITS):
                if current:
                    phrases.append(current)
                current = [word] if word in _NUMBER_WORDS else []
            else:
                current.append(word)
        if current:
            phrases.append(current)
    return phrases


def _phrase_value(words: list[str]) -> float | None:
    """'hai mươi lăm' -> 25, 'mười hai' -> 12, 'một trăm linh năm' -> 105; None for a lone 'năm'."""
    if len(words) == 1 and words[0] in _NOT_ALONE:
        return None
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "mười":
            current += 10
        elif word == "mươi":
            current *= 10
        elif word == "trăm":
            total, current = total + current * 100, 0
    return float(total + current) if total + current else None


def _word_numbers(text: str) -> set[float]:
    values = (_phrase_value(phrase) for phrase in _phrases(text))
    return {v for v in values if v is not None}


def numbers_in(text: str) -> set[float]:
    """Every value the text writes, rounded to 4 decimals (the precision values are compared at)."""
    text = nfc(text)
    found: set[float] = set()
    for token in _DIGITS.findall(text):
        try:
            found.add(round(parse_number(token), 4))
        except ValueError:  # '1.2.3,4,5' is not a number in any notation
            continue
    for token, word in _SCALED.findall(text):
        try:
            found.add(round(parse_number(token) * _SCALES[word.lower()], 4))
        except ValueError:
            continue
    return found | _word_numbers(text)


def number_key(
    value: float | None, value_min: float | None = None, value_max: float | None = None
) -> tuple[float, float] | None:
    """An item's number as a (low, high) pair: a single value v is (v, v); None when it has none.

    A half-open range (only a minimum or a maximum) is read as that one value, as the reference does.
    """
    lo = None if value_min is None else round(float(value_min), 4)
    hi = None if value_max is None else round(float(value_max), 4)
    if lo is not None and hi is not None:
        return (lo, hi)
    if value is not None:
        v = round(float(value), 4)
        return (v, v)
    one = lo if lo is not None else hi
    return None if one is None else (one, one)


def in_text(key: tuple[float, float], present: set[float]) -> bool:
    """Both ends of the value (or range) are written in the article."""
    return key[0] in present and key[1] in present
