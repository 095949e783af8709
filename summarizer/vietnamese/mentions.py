"""Place mentions in an article: where they are, how they chain into addresses, which name the past.

- A mention is a unit word and a capitalised name ("huyện Sốp Cộp", "Đảng ủy xã Mường Lạn", "Huyện ủy
  Văn Bàn", "Pha Long (Mường Khương)"). A text written without marks ("xa Huong Loc, huyen Huong Hoa")
  is read with the same unit words stripped of theirs: matching runs on :func:`~.text.strip_marks` of
  the text, which keeps every offset, so a mention always quotes the article's own characters.
- Mentions that follow each other with only a comma or "và/của/thuộc" between them form an address
  ("xã Mậu A, tỉnh Lào Cai" names a post-2025 unit; "xã Tân Lập, huyện Lạc Sơn" a legacy one).
- A history line names the past: "trước đây thuộc huyện Bố Trạch", "thuộc huyện Văn Yên cũ",
  "được sáp nhập từ các phường …", "xã Tân Lập, huyện Lạc Sơn (nay là xã Mường Vang)". Its mentions
  are flagged ``history``: they say where the place used to belong, not where the subject acts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteer import UnitLevel
from .text import UNIT_WORDS, strip_marks

CAP = r"[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"
_SYL = rf"{CAP}[a-zà-ỹđ]*"
_NAME = rf"(?:{_SYL}(?:[ ]{_SYL}){{0,3}}|\d{{1,2}}\b)"
_WORD_BEFORE = r"(?<!\w)"
_WORD_AFTER = r"(?!\w)"
PREFIXES: list[tuple[str, tuple[UnitLevel, ...]]] = [
    (word, levels) for word, levels in UNIT_WORDS.items() if levels
]
GENERIC_LEVEL: dict[str, UnitLevel] = {
    "tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district",
    "xã": "commune", "phường": "commune", "thị trấn": "commune",
}  # fmt: skip
# Cues before an address that name what a unit was formed from or used to belong to. Each opens with a
# plain letter: the pattern is told which (see ``_opening``).
_PAST_BEFORE = (
    r"trước (?:đây|kia|đó|(?:khi )?(?:sắp xếp|sáp nhập|hợp nhất)|(?:ngày )?1/7/2025)"
    r"(?:,? (?:là|thuộc|của|đảng bộ|đảng ủy|đảng uỷ))?,?",
    *(
        rf"{verb} (?:từ|trên cơ sở)"
        for verb in ("sáp nhập", "hợp nhất", "hình thành", "thành lập", "sắp xếp", "nhập")
    ),
    r"trên cơ sở (?:sắp xếp|sáp nhập|hợp nhất|nhập)(?: lại)?(?: toàn bộ)?",
)
# Words allowed between such a cue and its first mention ("sáp nhập từ các phường", "từ ba xã").
_CUE_GAP = r"(?:\s+(?:các|toàn bộ|một phần|của|hai|ba|bốn|năm|sáu|\d+))*\s+"
# After an address: "... cũ" (the former unit), "(nay là ...)" (the address before it is the past).
_OLD_AFTER = r"\s+cũ" + _WORD_AFTER
_NOW_AFTER = r"\s*[(,]\s*nay (?:là|thuộc)" + _WORD_AFTER
# Words that date an article after the July 2025 reorganisation when no address does.
_AFTER_2025 = (
    r"chính quyền (?:địa phương )?hai cấp",
    "01/0?7/2025",
    "1/0?7/2025",
    "01-0?7-2025",
    "1-0?7-2025",
)
# Between the mentions of one address or list: commas, "và/của/thuộc", an opening bracket ("xã A (tỉnh
# B)"), bare names ("các phường Vị Xuyên, Cửa Bắc và phường Năng Tĩnh"), "cũ" after a former unit.
_JOIN = r"\s*(?:cũ\s*)?(?:,\s*{name}\s*)*[,(]?\s*(?:(?:và|của|thuộc)\s+)?(?:các\s+)?"


def _first_letters(alternatives: Iterable[str]) -> str:
    """The characters the alternatives open with, in both cases: the class :func:`_led` opens with."""
    firsts = {a[:1] for a in alternatives}
    if not all(f.isalnum() for f in firsts):
        raise ValueError(f"every alternative must open with a plain character: {sorted(firsts)}")
    return "".join(sorted({c for f in firsts for c in (f.lower(), f.upper())}))


def _led(alternatives: list[str], word_start: bool, not_after: tuple[str, ...] = ()) -> str:
    """``(?<!\\w)(?<!w1 )(?<!w2 )(?i:a|b|…)`` (the first look-behind when ``word_start``, one for
    each word of ``not_after``), written so ``re`` can skip through a text; each alternative is a regex
    that opens with a plain character.

    Why: ``re`` jumps in C from one possible first character to the next only when a pattern opens with
    a case-sensitive character class; any other opening (a look-behind, a case-insensitive letter) is
    tried at every position. So the pattern opens with the class of first characters, then checks the
    character before that one, then tries only the alternatives that open with the character found (a
    look-behind re-reads it without regard to case). Alternatives that open with different letters
    never match at one position, so grouping them keeps the order in which the others are tried. Exact
    as long as no other character equals a first character without regard to case ("ſ" does "s"):
    a test checks the letters in use. (:func:`.text.one_of` does this for words matched with their case:
    a unit word is matched in any case, and its name after it with its capital.)
    """
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        groups.setdefault(a[0].lower(), []).append(a[1:])
    # Checked after the first character: one character further back.
    before = r"(?<!\w.)" * word_start + "".join(f"(?<!{re.escape(w)} .)" for w in not_after)
    branches = "|".join(f"(?<={re.escape(f)})(?:{'|'.join(rest)})" for f, rest in groups.items())
    return f"[{re.escape(_first_letters(alternatives))}]{before}(?i:{branches})"


def _opening(alternatives: Iterable[str]) -> str:
    """A look-ahead for the characters the alternatives open with (any case), put before a pattern made
    of them: most positions of a text fail it at once, before the pattern's look-behinds and alternatives
    are tried there. Unlike :func:`_led`, exact for any letters."""
    return "(?=(?i:[" + re.escape(_first_letters(alternatives)) + "]))"


class _Patterns:
    """The compiled patterns for one script: with marks, or stripped of them (as reposts write)."""

    def __init__(self, plain: bool) -> None:
        form = strip_marks if plain else (lambda s: s)
        prefixes: dict[str, tuple[UnitLevel, ...]] = {}
        for prefix, levels in PREFIXES:
            prefixes.setdefault(form(prefix), levels)
        self.levels = prefixes
        self.mention = re.compile(
            r"(?P<prefix>"
            + _led([re.escape(p) for p in prefixes], word_start=True)
            + r")\s+(?P<name>"
            + _NAME
            + ")"
        )
        # "Pha Long (Mường Khương)", "Mậu A, Lào Cai": the unit above, in brackets or after a comma
        self.paren = re.compile(
            r"\s*\((?P<name>" + _NAME + r")\)|,\s*(?P<bare>" + _NAME + r")(?!\w|\s+" + CAP + ")"
        )
        generic = {form(w): lvl for w, lvl in GENERIC_LEVEL.items()}
        # Without marks "xa" is also "far", "tinh" "tình", "quan" "quần", "phuong" "phương": those
        # count only in "Dang uy xa", "toan tinh", "cua phuong" or opening a sentence ("Xa co ...").
        shared = {"xa", "tinh", "quan", "phuong"} if plain else set()
        words = [re.escape(w) for w in generic if w not in shared]
        words += [f"{w}(?<={before} {w})" for w in sorted(shared) for before in ("bo", "uy", "toan", "cua")]
        words += [f"{w[0]}(?-i:(?<={w[0]}){w[1:]})" for w in ("Xa", "Phuong") if shared]  # that very case
        self.generic_level = generic
        not_plural = tuple(form(w) for w in ("các", "những", "nhiều"))
        self.generic = re.compile(
            "(?P<word>" + _led(words, word_start=True, not_after=not_plural) + r")(?:\s+(?i:ủy|uỷ|uy))?+"
            + _WORD_AFTER + r"(?!\s+" + CAP + r")"
        )  # fmt: skip
        past = [form(cue) for cue in _PAST_BEFORE]
        self.past_before = re.compile(
            _opening(past) + _WORD_BEFORE + "(?i:" + "|".join(past) + ")" + form(_CUE_GAP) + "$"
        )
        # Without marks "cu" is also "cử" (to send): only a "cu" that ends the phrase is "cũ".
        old = r"\s+cu(?=\s*[,.;:)]|\s*$|\s+(?:cua|va|thuoc|nay|truoc)\b)" if plain else _OLD_AFTER
        self.old_after = re.compile(old)
        self.now_after = re.compile(form(_NOW_AFTER))
        self.join = re.compile(form(_JOIN).format(name=_NAME))
        self.after_2025 = re.compile(_led([form(a) for a in _AFTER_2025], word_start=False))


@lru_cache(maxsize=2)
def patterns(plain: bool) -> _Patterns:
    """The patterns for text with marks (``plain=False``) or without them."""
    return _Patterns(plain)


@dataclass
class Mention:
    """A unit word and a name, where they are in the text, and what its surroundings say about it."""

    name: str
    levels: tuple[UnitLevel, ...]
    start: int
    end: int
    text: str
    parent: str | None = None  # "Pha Long (Mường Khương)", "Mậu A, Lào Cai": the unit above it, bare
    #: where the mention ends with its parent: the next part of an address, or a history word, follows there
    tail: int = 0
    in_title: bool = False
    history: bool = False  # named by a history line: a former unit, not where the subject acts
    chain: list[Mention] = field(default_factory=list, repr=False)  # the address it belongs to


def find_mentions(text: str, *, in_title: bool = False, plain: bool = False) -> list[Mention]:
    """Prefixed place mentions in reading order, with their addresses and history flags.

    ``plain``: the text is written without marks; unit words are matched without theirs too.
    """
    pat = patterns(plain)
    scan = strip_marks(text) if plain else text
    out: list[Mention] = []
    for m in pat.mention.finditer(scan):
        prefix = m.group("prefix").lower()
        name = text[m.start("name") : m.end("name")]
        if name.isdigit() and prefix not in ("phường", "quận", "phuong", "quan"):
            continue
        paren = pat.paren.match(scan, m.end())
        group = paren and ("name" if paren.group("name") else "bare")
        parent = text[paren.start(group) : paren.end(group)] if paren and group else None
        out.append(Mention(name, pat.levels[prefix], m.start(), m.end(), text[m.start() : m.end()],
                           parent, paren.end() if paren else m.end(), in_title))  # fmt: skip
    _chain(out, scan, pat)
    _mark_history(out, scan, pat)
    return out


def _chain(mentions: list[Mention], scan: str, pat: _Patterns) -> None:
    """Group mentions that follow each other as one address ("xã A, huyện B, tỉnh C")."""
    current: list[Mention] = []
    for i, mention in enumerate(mentions):
        if i and pat.join.fullmatch(scan, mentions[i - 1].tail, mention.start):
            current.append(mention)
        else:
            current = [mention]
        mention.chain = current


def _mark_history(mentions: list[Mention], scan: str, pat: _Patterns) -> None:
    """Flag the addresses a history cue names (before them, or "cũ"/"(nay là" after them)."""
    for mention in mentions:
        chain = mention.chain
        if mention is not chain[0]:
            continue
        before = scan[max(0, mention.start - 80) : mention.start]
        if pat.past_before.search(before) or pat.now_after.match(scan, chain[-1].tail):
            for m in chain:
                m.history = True
        for j, m in enumerate(chain):
            if pat.old_after.match(scan, m.tail):
                # "thuộc huyện Bạch Thông cũ của tỉnh Bắc Kạn": the old unit and what follows it.
                for old in chain[j:]:
                    old.history = True
