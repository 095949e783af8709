"""Free text of a summary (``summary_vi``, ``summary_en``, ``title_en``, a finding's ``text`` / ``text_en``),
checked sentence by sentence: every number in it is a value of a grounded item or written in the article,
every place it names is named in the article (or is the record's locality), and the English fields are
English. The grounding stage (:mod:`summarizer.ground`) applies it; a failing sentence is dropped."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .align import Folded, Grounder
from .problems import Kind, Problem
from .vietnamese.gazetteer import get_gazetteer
from .vietnamese.mentions import CAP
from .vietnamese.numbers import parse_number, result_values
from .vietnamese.text import accent_free as fold_accents
from .vietnamese.text import excerpt, plain_lower

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_RUN = re.compile(rf"{CAP}[\w]*(?:[ -]{CAP}[\w]*)+")
_PROSE_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+(?=\s|$)|$)|\S+")
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W\d_]+")
# Vietnamese words that English prose never uses, written plain (a Vietnamese text typed without marks).
_VI_PLAIN = frozenset(
    [
        "cua",
        "va",
        "cac",
        "nhung",
        "duoc",
        "trong",
        "la",
        "co",
        "cho",
        "voi",
        "da",
        "khong",
        "mot",
        "nguoi",
        "nay",
        "den",
        "theo",
        "ve",
    ]
)


@lru_cache(maxsize=4096)  # names and figures' fields recur across an article
def accent_free(text: str) -> str:
    """Lower-case, accents and punctuation gone, words space-separated with a space at each end."""
    return f" {_NON_WORD.sub(' ', fold_accents(text)).strip()} "


def words_between(text: str, start: int, end: int) -> str:
    """``accent_free(text[start:end])``, cut from one fold of the whole text: grounding reads a window
    around every figure, and folding each window anew was a tenth of the offline engine's time."""
    if not unicodedata.is_normalized("NFC", text):  # an NFC text folds as plain_lower does, offsets kept
        return accent_free(text[start:end])
    folded = _folded(text)
    return f" {folded.text[folded.position(start) : folded.position(end)].strip()} "


@lru_cache(maxsize=4)
def _folded(text: str) -> Folded:
    return Folded(plain_lower(text))


def mentioned(name: str, grounder: Grounder) -> bool:
    """Whether the article names ``name`` (whole words; case, punctuation and accents aside, so an English
    "Son La" is the article's "Sơn La")."""
    key = accent_free(name)
    return key.strip() != "" and key in _article_words(grounder.text)


@lru_cache(maxsize=4)
def _article_words(text: str) -> str:
    return accent_free(text)


def near_miss(quote: str, text: str) -> bool:
    """Whether a quote not found in ``text`` is still mostly the article's words in the article's order
    (half of its word triples or more, accents aside): a slip in copying, not an invented quote."""
    words = accent_free(quote).split()
    triples = [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    if not triples:
        return False
    article = _article_words(text)
    return sum(f" {t} " in article for t in triples) * 2 >= len(triples)


@lru_cache(maxsize=1024)  # the offline engine's English is its categories' labels, over and over
def is_english(text: str) -> bool:
    """Whether ``text`` reads as English: its lower-case words (names aside, which keep their marks in
    English) rarely carry Vietnamese marks, and no plain Vietnamese function words stand in for English."""
    words = [w for w in _WORD.findall(text) if not w[0].isupper()]
    if not words:
        return True
    marked = sum(1 for w in words if not w.isascii())
    plain_vi = sum(1 for w in words if w in _VI_PLAIN)
    return marked * 5 < len(words) and plain_vi * 5 < len(words)


def _number_readings(token: str) -> set[float]:
    """What a number written in prose may mean: Vietnamese ("3.753", "124,3") or English ("3,753")."""
    readings = set()
    with contextlib.suppress(ValueError):
        readings.add(round(float(parse_number(token)), 4))
    with contextlib.suppress(ValueError):
        readings.add(round(float(token.replace(",", "")), 4))
    return readings


class ProseFacts:
    """What prose may say about one article: its numbers and places (worked out only when needed)."""

    def __init__(self, grounder: Grounder, values: Iterable[float], places: Iterable[str | None]) -> None:
        self.grounder = grounder
        self.values = {round(float(v), 4) for v in values}
        self.places = {accent_free(p) for p in places if p}
        self._article_tokens: set[str] | None = None
        self._article_values: set[float] | None = None
        # Labels and stock phrases recur across an article's items: each is read once.
        self.problems: dict[str, str | None] = {}

    def number_ok(self, token: str) -> bool:
        readings = _number_readings(token)
        if readings & self.values:
            return True
        text = self.grounder.text
        if self._article_tokens is None:
            self._article_tokens = set(_DIGITS.findall(text))
        if token in self._article_tokens:  # written in the article as it is: every reading is backed
            return True
        if self._article_values is None:
            self._article_values = result_values(text) | {
                r for t in self._article_tokens for r in _number_readings(t)
            }
        return bool(readings & self._article_values)

    def place_ok(self, name: str) -> bool:
        return accent_free(name) in self.places or mentioned(name, self.grounder)


def prose_problem(sentence: str, facts: ProseFacts) -> str | None:
    """Why one sentence of free text is not backed by the article, or ``None``.

    A sentence the article itself writes is backed by construction (the offline engine's paraphrase is
    its quote): only the model's own words need reading number by number, place by place."""
    if sentence not in facts.problems:
        written = facts.grounder.writes(sentence)
        facts.problems[sentence] = None if written else _prose_problem(sentence, facts)
    return facts.problems[sentence]


def _prose_problem(sentence: str, facts: ProseFacts) -> str | None:
    for token in _DIGITS.findall(sentence):
        if not facts.number_ok(token):
            return f"the number {token} is neither a grounded value nor written in the article"
    gaz = None
    for m in _NAME_RUN.finditer(sentence):
        words = m.group().replace("-", " ").split()
        for size in range(min(4, len(words)), 1, -1):
            for i in range(len(words) - size + 1):
                name = " ".join(words[i : i + size])
                gaz = gaz or get_gazetteer()
                is_place = any(gaz.lookup(name, level) for level in ("province", "district", "commune"))
                if is_place and not facts.place_ok(name):
                    return f"the place {name!r} is not named in the article"
    return None


def checked_prose(
    text: str, limit: int, facts: ProseFacts, what: str, problems: list[Problem], *, english: bool = False
) -> str:
    """``text`` bounded to ``limit`` characters (whole sentences) without its unbacked sentences; for an
    English field, nothing when it is not English. What was cut or dropped goes to ``problems``."""
    if not text:
        return ""
    if english and not is_english(text):
        problems.append(Problem(Kind.NOT_ENGLISH, what, "it is not English",
                                f"dropped {what}: not English: {excerpt(text)!r}"))  # fmt: skip
        return ""
    if len(text) > limit:
        problems.append(Problem(Kind.TOO_LONG, what, f"longer than {limit} characters",
                                f"{what} cut to {limit} of {len(text)} characters"))  # fmt: skip
    kept: list[str] = []
    size = 0
    for m in _PROSE_SENTENCE.finditer(text[: limit + 1]):
        sentence = m.group().strip()
        if not sentence:
            continue
        if size + len(sentence) > limit:
            break
        problem = prose_problem(sentence, facts)
        if problem:
            problems.append(Problem(Kind.UNBACKED_PROSE, what, problem,
                                    f"dropped a sentence of {what}: {problem}: {excerpt(sentence)!r}"))  # fmt: skip
            continue
        kept.append(sentence)
        size += len(sentence) + 1
    return " ".join(kept)
