"""Vietnamese text normalisation shared by the stages that compare names and quotes."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("hoá", "uỷ") and new style ("hóa", "ủy") both occur in articles and in the
# dataset; names are compared after moving the tone to the new-style position in open syllables.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_TONE_RE = re.compile("(" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹđ])")


def new_tone_placement(text: str) -> str:
    """Lower-case text with old-style tones moved ("hoá" -> "hóa", "uỷ" -> "ủy"); never changes its length."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group(1)], text)


def tone_norm(name: str) -> str:
    """Lower-case NFC name with new-style tone placement and single spaces."""
    s = new_tone_placement(unicodedata.normalize("NFC", name).lower().strip())
    return re.sub(r"\s+", " ", s)


def fold(name: str) -> str:
    """Accent-free key: 'Sốp Cộp' -> 'sopcop'."""
    s = unicodedata.normalize("NFD", name.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c))


def _base_char(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    base = unicodedata.normalize("NFD", ch)[0]
    return base if len(base) == 1 else ch


# Every precomposed Vietnamese letter (Latin-1 Supplement to Latin Extended Additional) to its base letter.
_FOLD_TABLE = {cp: _base_char(chr(cp)) for cp in range(0xC0, 0x1F00) if _base_char(chr(cp)) != chr(cp)}


def fold_chars(text: str) -> str:
    """``text`` with diacritics removed letter by letter ('Đảng ủy' -> 'Dang uy'); same length as ``text``,
    so offsets found in the folded copy are offsets in the original."""
    return text.translate(_FOLD_TABLE)


_MARKED = re.compile("[" + "".join(chr(cp) for cp in _FOLD_TABLE) + "]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def has_diacritics(text: str) -> bool:
    """False for Vietnamese typed without diacritics: (almost) no letter carries a mark."""
    letters = len(_NOT_LETTERS.sub("", text))
    return letters < 40 or len(_MARKED.findall(text)) / letters >= 0.02


def lower_same_length(text: str) -> str:
    """``text.lower()`` when that keeps every offset (it does for Vietnamese), else lowered letter by letter
    where a letter's lower case is one character."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
