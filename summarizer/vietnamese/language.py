"""Which language an article is written in, cheaply: the script of its letters, then its commonest words.

Vietnamese typed without diacritics is still Vietnamese (``"vi"``); :func:`detect_language` says so apart,
since the stages then match their vocabulary on a folded copy of the text.
"""

from __future__ import annotations

import re
from collections import Counter

from .text import has_diacritics, strip_marks

# Letters of other scripts, by Unicode block: a text mostly in one of them is in that language.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("zh", r"[\u4e00-\u9fff]"),
    ("ja", r"[\u3040-\u30ff]"),
    ("ko", r"[\uac00-\ud7af]"),
    ("ru", r"[\u0400-\u04ff]"),
    ("th", r"[\u0e00-\u0e7f]"),
    ("lo", r"[\u0e80-\u0eff]"),
    ("km", r"[\u1780-\u17ff]"),
)
_SCRIPT_RX = [(code, re.compile(rx)) for code, rx in _SCRIPTS]
# One class, not an alternation of classes: ``re`` then skips through a Latin text in C.
_ANY_SCRIPT = re.compile("[" + "".join(rx[1:-1] for _, rx in _SCRIPTS) + "]")
# The commonest function words, written without diacritics (how they look folded, or typed plain).
_WORDS: dict[str, frozenset[str]] = {
    "vi": frozenset((
        "cua", "va", "cac", "nhung", "duoc", "trong", "la", "co", "cho", "voi", "da", "khong", "mot", "nguoi",
        "tai", "xa", "huyen", "tinh", "dang", "vien", "nam", "nay", "cong", "tac", "phat", "trien", "ket",
        "nap", "chi", "bo", "den", "tu", "theo", "ve",
    )),
    "en": frozenset((
        "the", "and", "of", "to", "in", "is", "for", "that", "with", "was", "on", "are", "by", "from", "this",
        "have", "has", "were", "be",
    )),
    "fr": frozenset((
        "le", "la", "les", "des", "et", "est", "une", "dans", "pour", "que", "qui", "sur", "par", "avec", "du", "au",
    )),
}  # fmt: skip
# Each word, with the languages it belongs to in the order above: one look-up per word of the text.
_LANGUAGES_OF = {
    word: tuple(lang for lang, vocabulary in _WORDS.items() if word in vocabulary)
    for words in _WORDS.values()
    for word in words
}
#: Names of the languages detected, in Vietnamese and in English (for messages about an article).
_NAMES: dict[str, tuple[str, str]] = {
    "vi": ("tiếng Việt", "Vietnamese"), "en": ("tiếng Anh", "English"), "fr": ("tiếng Pháp", "French"),
    "zh": ("tiếng Trung", "Chinese"), "ja": ("tiếng Nhật", "Japanese"), "ko": ("tiếng Hàn", "Korean"),
    "ru": ("tiếng Nga", "Russian"), "th": ("tiếng Thái", "Thai"), "lo": ("tiếng Lào", "Lao"),
    "km": ("tiếng Khmer", "Khmer"),
}  # fmt: skip
_SAMPLE = 2000  # characters read: the opening of an article says which language it is in
_WORD = re.compile(r"[a-z]+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def detect_language(text: str) -> tuple[str, bool]:
    """(ISO 639-1 code or "und", whether the text carries diacritics) for an article's text."""
    marked = has_diacritics(text) is not False  # too short to tell: read it as written
    text = text[:_SAMPLE]
    foreign = len(_ANY_SCRIPT.findall(text))
    if foreign:  # a Latin text has none: its letters need not be counted
        letters = len(_NOT_LETTERS.sub("", text)) or 1
        if foreign / letters > 0.3:
            for code, rx in _SCRIPT_RX:
                if len(rx.findall(text)) / letters > 0.3:
                    return code, marked
    # Distinct words in the order they first occur, so languages enter ``counts`` in the order of their
    # first word, which breaks ties.
    counts: Counter[str] = Counter()
    for word, n in Counter(_WORD.findall(strip_marks(text).lower())).items():
        for lang in _LANGUAGES_OF.get(word, ()):
            counts[lang] += n
    if not counts:
        return "und", marked
    best, hits = counts.most_common(1)[0]
    return (best if hits >= 3 else "und"), marked


def language_name(code: str) -> tuple[str, str]:
    """(Vietnamese name, English name) of a language code from :func:`detect_language`."""
    return _NAMES.get(code, (f"ngôn ngữ {code}", f"another language ({code})"))
