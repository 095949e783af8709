"""Vietnamese text normalisation shared by the stages that compare names and quotes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..models import Level

# Old-style tone placement ("hoá", "uỷ") and new style ("hóa", "ủy") both occur in articles and in the
# dataset; names are compared after moving the tone to the new-style position in open syllables.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_TONE_RE = re.compile("(" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹđ])")


#: Words written before a place's name that say what kind of unit it is ("tỉnh Sơn La", "TP. Huế"), with
#: the levels of unit each may name. A party committee ("huyện ủy") names its unit too; villages ("thôn",
#: "bản", "ấp") are in no official list, so they name no level. The one list of administrative prefixes.
UNIT_WORDS: dict[str, tuple[Level, ...]] = {
    "tỉnh ủy": ("province",), "tỉnh uỷ": ("province",), "thành ủy": ("province", "district"),
    "thành uỷ": ("province", "district"), "huyện ủy": ("district",), "huyện uỷ": ("district",),
    "thị ủy": ("district",), "thị uỷ": ("district",), "quận ủy": ("district",), "quận uỷ": ("district",),
    "thành phố": ("province", "district"), "tp.": ("province", "district"), "tp": ("province", "district"),
    "tỉnh": ("province",),
    "thị xã": ("district",), "huyện": ("district",), "quận": ("district",),
    "thị trấn": ("commune",), "phường": ("commune",), "xã": ("commune",), "đặc khu": ("commune",),
    "thôn": (), "bản": (), "ấp": (),
}  # fmt: skip


def without_unit_word(name: str, *, villages: bool = False) -> str:
    """``name`` (NFC, trimmed) without the unit word it opens with: 'tỉnh Sơn La' -> 'Sơn La', 'TP. Cần Thơ'
    -> 'Cần Thơ'; committees ("huyện ủy") are kept, village words only with ``villages=True``."""
    name = unicodedata.normalize("NFC", name).strip()
    match = _UNIT_WORD_VILLAGES.match(name) if villages else _UNIT_WORD.match(name)
    return name[match.end() :] if match else name


def _unit_word_pattern(words: list[str]) -> re.Pattern[str]:
    longest_first = sorted(words, key=len, reverse=True)  # "thị xã" before "xã"
    return re.compile(
        r"^(?:tp\.\s*|(?:" + "|".join(map(re.escape, longest_first)) + r")\s+)(?=\S)(?!(?:ủy|uỷ)(?!\w))",
        re.IGNORECASE,
    )


_UNITS_ONLY = [w for w, levels in UNIT_WORDS.items() if levels and " ủy" not in w and " uỷ" not in w]
_UNIT_WORD = _unit_word_pattern(_UNITS_ONLY)
_UNIT_WORD_VILLAGES = _unit_word_pattern(_UNITS_ONLY + [w for w, levels in UNIT_WORDS.items() if not levels])


def new_tone_placement(text: str) -> str:
    """Lower-case text with old-style tones moved ("hoá" -> "hóa", "uỷ" -> "ủy"); never changes its length."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group(1)], text)


@lru_cache(maxsize=8192)  # place names recur: every mention and every unit compared
def tone_norm(name: str) -> str:
    """Lower-case NFC name with new-style tone placement and single spaces."""
    s = new_tone_placement(unicodedata.normalize("NFC", name).lower().strip())
    return re.sub(r"\s+", " ", s)


def fold(name: str) -> str:
    """Accent-free key: 'Sốp Cộp' -> 'sopcop'."""
    return "".join(c for c in accent_free(name) if c.isalnum())


def accent_free(text: str) -> str:
    """Lower-case ``text`` without tone and vowel marks, "đ" as "d", in any Unicode form: the one way
    accents are folded (:func:`strip_marks` does it keeping case and offsets)."""
    return strip_marks(unicodedata.normalize("NFC", text)).lower()


def _plain_char(c: str) -> str:
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    base = unicodedata.normalize("NFD", c)[0]
    return base if len(base) == 1 else c


# Every precomposed Vietnamese letter maps to one plain letter, so a stripped text keeps its offsets.
_PLAIN = {
    c: _plain_char(c)
    for c in map(chr, range(0xC0, 0x1EFA))
    if unicodedata.category(c).startswith("L") and _plain_char(c).isascii()
}
_PLAIN_TABLE = str.maketrans(_PLAIN)
_MARKED = re.compile("[" + "".join(sorted(_PLAIN)) + "]")


def strip_marks(text: str) -> str:
    """``text`` (NFC) without tone and vowel marks, "đ" as "d", case kept: "Hướng Hóa" -> "Huong Hoa".

    Character for character, so an offset in the stripped text is the same offset in ``text``: a match
    found on the diacritic-free form quotes the article's own characters.
    """
    return text.translate(_PLAIN_TABLE)


@lru_cache(maxsize=16)  # asked by the locality resolver and by the pipeline for the same text
def has_diacritics(text: str) -> bool | None:
    """Whether Vietnamese ``text`` is written with its marks (``None`` when it has too few letters to
    tell). Forum reposts drop every mark; a marked text has them on three letters in ten or so, so a
    stray marked name or quote in a plain text does not count."""
    sample = text[:4000]  # a repost is plain throughout: its opening tells
    marked = len(_MARKED.findall(sample))
    if marked >= 20 and marked >= 0.1 * len(sample):  # so many, whatever the letters: no need to count them
        return True
    letters = sum(map(str.isalpha, sample))
    if letters < 20:
        return None
    return marked / letters >= 0.1


def folded_view(text: str, folded: bool | None = None) -> tuple[str, bool]:
    """The copy of ``text`` patterns are matched on, and whether it is folded: lower case, stripped of its
    marks when the text is written without them (forum reposts; measured when ``folded`` is None), with
    the text's offsets. The one place that decides when a text is read folded."""
    if folded is None:
        folded = has_diacritics(text) is False
    return lower_same_length(strip_marks(text) if folded else text), folded


def names_place(text: str, name: str) -> bool:
    """Whether ``text`` names the place ``name`` as a whole word: with its marks (tone placement and
    case aside), or, where the text is written without marks, stripped of them. A marked text that
    spells another name ("Hương Lộc" for "Hướng Lộc") does not name it."""
    needle = strip_marks(tone_norm(name))
    if not needle:
        return False
    haystack = strip_marks(text).lower()
    wanted = tone_norm(name)
    for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack):
        written = text[m.start() : m.end()]
        if written.isascii() or tone_norm(written) == wanted:
            return True
    return False


@lru_cache(maxsize=4)  # asked for the same article by the period reader and by grounding
def plain_lower(text: str) -> str:
    """``text`` lower-cased and without marks, with its offsets (:func:`lower_same_length` of
    :func:`strip_marks`): what cues written without marks are matched on."""
    return lower_same_length(strip_marks(text))


def lower_same_length(text: str) -> str:
    """``text.lower()`` when that keeps every offset (it does for Vietnamese), else lowered letter by letter
    where a letter's lower case is one character."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# \w is Unicode-aware: it holds every Vietnamese letter (a test checks), and no mark or symbol that
# a range such as "à-ỹ" would let in ("÷" is in that range).
_LETTER = r"\w"
#: What must come before a word's first letter.
WORD_START = rf"(?<!{_LETTER})"
#: What must follow a word's last letter.
WORD_END = rf"(?!{_LETTER})"


def one_of(anywhere: str = "", *, words: str = "", whole: bool = True) -> str:
    """A regex matching any of ``anywhere`` ("a|b|c", plain or with groups) wherever it occurs, or any of
    ``words`` at a word start (and, when ``whole``, ending a word); earlier alternatives are preferred, as
    in ``a|b|(?<!letter)(?:c|d)(?!letter)``, which it matches exactly as.

    Why not write that: ``re`` tries a pattern that opens with a look-behind at every position of a text,
    and tries a long alternation branch by branch. Here the look-behind goes after each word's first letter
    (``c(?<!\\wc)hưa``), and alternatives are merged on their common leading letters
    (``t(?:ập trung|ăng cường)``), so ``re`` jumps in C from one possible first letter to the next and
    tests few branches there: two to five times faster on an article. Every word must start with a letter.
    """
    branches = [e for b in _split_alternatives(anywhere) for e in _expanded(b)] if anywhere else []
    for b in _split_alternatives(words) if words else []:
        if not b[0].isalpha():
            raise ValueError(f"every word must start with a letter: {b!r}")
        branches.append(f"{b[0]}(?<!{_LETTER}{b[0]}){b[1:]}{WORD_END if whole else ''}")
    return _merged(branches)


_MAX_EXPANSION = 24  # branches one branch may become: "(?:a|b)(?:c|d)..." grows as a product


def _expanded(branch: str) -> list[str]:
    """``branch`` as branches that each open with a literal character where it opens with a group of
    alternatives or a look-behind: "(?:làm|đi làm) công nhân" -> ["làm công nhân", "đi làm công nhân"],
    "(?:quay )?về" -> ["quay về", "về"], "(?<!lựa )chọn" -> ["c(?<!(?:lựa )c)họn"]. Same matches in the same
    order of preference; ``re`` skips in C the positions where no branch's first character is (it cannot
    when a single branch opens otherwise). A branch it cannot rewrite is kept as it is."""
    out = _expand(branch)
    return out if out is not None and len(out) <= _MAX_EXPANSION else [branch]


def _expand(branch: str) -> list[str] | None:
    look = re.match(r"\(\?<([!=])", branch)
    if branch.startswith("(?:") or look:
        close = _closing(branch)
        if close is None:
            return None
        after = branch[close + 1 :]
        if look:  # a look-behind, then a plain letter: test it one character later, with that letter
            head = after[:1]
            if not head or head in _META or after[1:2] in ("*", "+", "?", "{"):
                return None
            inner = branch[len(look.group()) : close]
            return [f"{head}(?<{look.group(1)}(?:{inner}){re.escape(head)}){after[1:]}"]
        inner = branch[3:close]
        optional = after.startswith("?")
        if optional and after[1:2] in ("?", "+"):
            return None  # lazy or possessive: the order of preference would change
        if after[:1] in ("*", "+", "{"):
            return None
        rest = after[1:] if optional else after
        if optional and not rest:
            return None
        out: list[str] = []
        for alternative in _split_alternatives(inner) + ([""] if optional else []):
            more = _expand(alternative + rest) if (alternative + rest)[:1] == "(" else [alternative + rest]
            if more is None or not alternative + rest:
                return None
            out += more
        return out
    return [branch]


def _closing(pattern: str) -> int | None:
    """Where the group that opens ``pattern`` closes (escapes and character classes skipped)."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _split_alternatives(alternatives: str) -> list[str]:
    """ "a|b(?:c|d)|e" -> ["a", "b(?:c|d)", "e"]: split at the top level only."""
    branches, depth, start, i = [], 0, 0, 0
    while i < len(alternatives):
        ch = alternatives[i]
        if ch == "\\":
            i += 1
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(alternatives[start:i])
            start = i + 1
        i += 1
    branches.append(alternatives[start:])
    return branches


_STARTS_WORD = re.compile(
    re.escape(f"(?<!{_LETTER}") + r"\w\)"
)  # what one_of puts after a word's first letter
_META = frozenset("\\.^$*+?{}[]|()")


def _merged(branches: list[str]) -> str:
    """``branches`` as one non-capturing alternation, merged on common leading literal characters.

    A branch's head is its first character (not quantified), with the look-behind that makes it a word's
    first letter if it has one. Branches are merged with their neighbours by head, up to the next branch
    with no head or with a head that could match where another one of the run does (same first letter,
    one a word start and one not). Heads of one run never match at the same position, so regrouping them
    keeps the order of preference between the branches that can."""
    parts: list[str] = []
    run: dict[str, list[str]] = {}

    def flush() -> None:
        for head, tails in run.items():
            parts.append(head + (tails[0] if len(tails) == 1 else _merged(tails)))
        run.clear()

    for b in branches:
        if b and b[0] not in _META and (len(b) == 1 or b[1] not in "*+?{"):
            start = _STARTS_WORD.match(b, 1)
            head = b[: start.end()] if start else b[0]
            if any(other != head and other[0] == head[0] for other in run):
                flush()
            run.setdefault(head, []).append(b[len(head) :])
        else:
            flush()
            parts.append(b)
    flush()
    return "(?:" + "|".join(parts) + ")"


def excerpt(text: str, limit: int = 80) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" when cut: what a warning
    quotes, so a reader never sees a word cut in half ("…chức cơ sở đảng với 168 chi bộ…")."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"
