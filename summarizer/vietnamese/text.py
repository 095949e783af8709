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
