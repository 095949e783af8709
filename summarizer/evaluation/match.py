"""Matching rules: when a predicted item counts as a gold item.

Everything here is pure and works on plain strings and numbers, so the rules can be tested on their
own and read in one place. The rules are those of the shared reference scorer (``score.py``), so the
headline figures agree with it; ``docs/GOLD_FORMAT.md`` lists where this module deliberately goes
further (rounding tolerance, number words) and why none of it moves the headline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

#: Two quotes match when the Dice overlap of their syllable sets reaches this...
DICE_THRESHOLD = 0.4
#: ...or when one contains the other and the shorter is at least this many characters long (a quote
#: that long is a real clause, not a stray "đảng viên").
CONTAIN_MIN_CHARS = 12
#: A predicted quote this close to a gold noise string (or containing it) is a boilerplate leak. Stricter
#: than matching because noise strings are short titles: 0.4 would flag ordinary sentences.
NOISE_THRESHOLD = 0.6

# Longest first, so "thị xã" is stripped before "xã" could be.
_PLACE_PREFIXES = sorted(
    ("thành phố", "tp.", "tp", "tỉnh", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn", "đặc khu",
     "thôn", "bản", "ấp"),
    key=len, reverse=True,
)  # fmt: skip
_SYLLABLE = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

P = TypeVar("P")
G = TypeVar("G")


def nfc(text: str) -> str:
    """NFC form: legacy files write tone marks as separate characters, gold is pasted composed."""
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """Lower case, NFC, every run of whitespace one space: the form in which quotes are compared."""
    return _SPACE.sub(" ", nfc(text)).strip().lower()


def place_key(name: str | None) -> str | None:
    """A place name as compared: lower case, without its administrative prefix ('huyện Mai Châu' -> 'mai châu')."""
    if not name:
        return None
    key = nfc(name).strip().lower()
    for prefix in _PLACE_PREFIXES:
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1 :].strip()
            break
    return _SPACE.sub(" ", key) or None


def syllables(text: str) -> list[str]:
    """Vietnamese words are written syllable by syllable, so syllables are the unit of overlap."""
    return _SYLLABLE.findall(nfc(text).lower())


def dice(a: str, b: str) -> float:
    """Dice coefficient of the two quotes' syllable sets (0 when either is empty)."""
    sa, sb = set(syllables(a)), set(syllables(b))
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def contains(a: str, b: str) -> bool:
    """One quote holds the other (syllable-wise) and the shorter one is long enough to mean something."""
    ja, jb = " ".join(syllables(a)), " ".join(syllables(b))
    if not ja or not jb or min(len(ja), len(jb)) < CONTAIN_MIN_CHARS:
        return False
    return ja in jb or jb in ja


def quote_score(pred: str, gold: str, threshold: float = DICE_THRESHOLD) -> float | None:
    """How well a predicted quote matches a gold one, or None when it does not match at all.

    Containment outranks any overlap (it adds 1), so a prediction that quotes a longer or shorter
    stretch of the same sentence is paired before one that merely shares words.
    """
    d = dice(pred, gold)
    c = contains(pred, gold)
    if not c and d < threshold:
        return None
    return d + (1.0 if c else 0.0)


def grounded(evidence: str, article: str) -> bool:
    """The quote is in the article text, whitespace and case aside."""
    return bool(evidence.strip()) and squash(evidence) in squash(article)


def is_noise(evidence: str, noise: Sequence[str]) -> bool:
    """The quote is (close to) one of the strings gold marks as page boilerplate."""
    return any(dice(evidence, n) >= NOISE_THRESHOLD or contains(evidence, n) for n in noise)


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") or "e" in text else len(text.split(".")[1])


def same_value(pred: float, gold: float) -> bool:
    """Equal, or equal once the prediction is rounded to the decimals the gold value was written with.

    '86,2%' may come back as 86.2 or as 86.19999 (a model computing a share): both are the article's
    86,2. Whole gold numbers get no tolerance, so 80.4 is never '80' (a different claim).
    """
    if abs(pred - gold) < 1e-6:
        return True
    places = _decimals(gold)
    return places > 0 and abs(round(pred, places) - gold) < 1e-6


def same_number(pred: tuple[float, float], gold: tuple[float, float]) -> bool:
    """A value is the range (v, v); a range only matches the same range, a value only the same value."""
    return same_value(pred[0], gold[0]) and same_value(pred[1], gold[1])


@dataclass(frozen=True)
class Pairing:
    """The outcome of a one-to-one matching: which prediction went to which gold item."""

    pairs: tuple[tuple[int, int, float], ...]  # (pred index, gold index, score)
    n_pred: int
    n_gold: int

    @property
    def matched_pred(self) -> set[int]:
        return {p for p, _, _ in self.pairs}

    @property
    def matched_gold(self) -> set[int]:
        return {g for _, g, _ in self.pairs}

    def unmatched_pred(self) -> list[int]:
        return [i for i in range(self.n_pred) if i not in self.matched_pred]

    def unmatched_gold(self) -> list[int]:
        return [j for j in range(self.n_gold) if j not in self.matched_gold]


def pair_up(
    pred: Sequence[P],
    gold: Sequence[G],
    score: Callable[[P, G], float | None],
    optional: Callable[[G], bool] = lambda g: False,
) -> Pairing:
    """Greedy one-to-one matching: the best-scoring candidate pair first, each side used once.

    Greedy rather than optimal on purpose: it is what the reference scorer does, so counts agree,
    and with syllable overlaps the two hardly ever differ. On equal scores a required gold item is
    taken before an ``optional`` one (the prediction earns credit rather than being absorbed; the
    reference breaks such ties by list position), then the earlier prediction and gold item, so a
    duplicated prediction is the one left over (a false hit).
    """
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            s = score(p, g)
            if s is not None:
                candidates.append((-s, optional(g), i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for neg, _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j, -neg))
    return Pairing(tuple(pairs), len(pred), len(gold))


def pair_in_order(
    pred: Sequence[P],
    gold: Sequence[G],
    score: Callable[[P, G], float | None],
) -> Pairing:
    """Numbers' matching: each prediction in turn takes the best-scoring gold item still free (the first
    on equal scores). The reference scorer pairs numbers this way; pairing them as :func:`pair_up` does
    can give a value's prediction another gold copy of that value, which moves the MEANING figures."""
    used: set[int] = set()
    pairs = []
    for i, p in enumerate(pred):
        best: tuple[float, int] | None = None
        for j, g in enumerate(gold):
            if j in used:
                continue
            s = score(p, g)
            if s is not None and (best is None or s > best[0]):
                best = (s, j)
        if best is not None:
            used.add(best[1])
            pairs.append((i, best[1], best[0]))
    return Pairing(tuple(pairs), len(pred), len(gold))
