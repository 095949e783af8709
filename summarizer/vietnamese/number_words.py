"""Numbers written in words ("hai" = 2, "mười lăm" = 15, "hai mươi mốt" = 21): how articles spell out the
small counts that :mod:`.numbers` reads as values like digits."""

from __future__ import annotations

_UNITS_WORDS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}  # fmt: skip


def parse_number_words(words: str) -> int:
    """Parse a number written in words: ``'mười lăm'`` -> 15, ``'hai mươi mốt'`` -> 21, ``'một trăm'`` -> 100.

    Covers 0-999 999, which is what articles spell out. Raises ``ValueError`` otherwise.
    """
    tokens = words.lower().split()
    if not tokens or tokens[0] in ("mốt", "lăm", "nhăm", "tư", "mươi", "linh", "lẻ"):
        raise ValueError(f"not a number: {words!r}")
    for scale in ("nghìn", "ngàn"):
        if scale in tokens:
            i = tokens.index(scale)
            high = _below_thousand(tokens[:i]) if i else 1
            return high * 1000 + (_below_thousand(tokens[i + 1 :]) if tokens[i + 1 :] else 0)
    return _below_thousand(tokens)


def _below_thousand(tokens: list[str]) -> int:
    value, digit = 0, None
    for tok in tokens:
        if tok == "trăm":
            value += (1 if digit is None else digit) * 100
            digit = None
        elif tok == "mươi":
            if digit is None:
                raise ValueError("'mươi' needs a digit before it")
            value += digit * 10
            digit = None
        elif tok == "mười":
            value += 10
        elif tok in ("linh", "lẻ"):
            continue
        elif tok in _UNITS_WORDS and digit is None:
            digit = _UNITS_WORDS[tok]
        else:
            raise ValueError(f"not a number word here: {tok!r}")
    return value + (digit or 0)
