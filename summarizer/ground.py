"""Grounding, the pipeline stage every engine's output passes through, and the one home of its rules.

- Evidence is located in the article by :class:`~summarizer.align.Grounder`: exactly, after harmless
  repairs (case, whitespace, quotes, punctuation, tone placement, " ... " joins) or fuzzily (a few
  characters off). Every located item gets its ``span``, its evidence becomes the article's own text at
  that span, and ``alignment`` says how it was found.
- A figure's values must be written as a count or a percentage in its evidence
  (:func:`value_problem`): years, dates, periods, document numbers, ages and money are not results.
- A place must be named in the article, or contain a place the article names (:func:`unmentioned_place`).
- Free text (``summary_vi``, ``summary_en``, ``title_en``, each finding's ``text`` / ``text_en``) is bounded in length
  and checked sentence by sentence (:func:`prose_problem`): every number in it is a value of a grounded
  item or written in the article, every place it names is named in the article (or is the record's
  locality). A failing sentence is dropped; a summary left empty is composed from the grounded fields.

:func:`ground_summary` applies them all: it sets spans, drops what fails (saying why in ``warnings``)
and returns only what the article backs. Model engines call the same rules to decide what to re-ask.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from functools import lru_cache

from .align import Grounder, Located
from .compose import summaries
from .meaning import backed_years, with_key
from .models import ArticleSummary, Finding, Locality, NumericResult, stated_values
from .vietnamese import taxonomy
from .vietnamese.gazetteer import get_gazetteer, news_tag_province
from .vietnamese.mentions import find_mentions
from .vietnamese.numbers import parse_number, result_values
from .vietnamese.text import accent_free, names_place, without_unit_word

__all__ = [
    "Grounder",
    "Located",
    "bare_place_name",
    "ground_summary",
    "prose_problem",
    "unmentioned_place",
    "value_problem",
]

#: Longest kept ``summary_vi`` / ``summary_en`` and finding ``text`` / ``text_en`` (characters).
MAX_SUMMARY_CHARS = 2_000
MAX_ITEM_TEXT_CHARS = 500
#: Longest kept ``title_en`` (characters).
MAX_TITLE_CHARS = 300

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_CAP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME_RUN = re.compile(rf"[{_CAP}][\w]*(?:[ -][{_CAP}][\w]*)+")
_PROSE_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+(?=\s|$)|$)|\S+")
_NON_WORD = re.compile(r"[\W_]+")


def value_problem(values: list[float | int], evidence: str) -> str | None:
    """Why ``values`` are not a result backed by ``evidence``, or ``None`` when every one is written there
    as a count or a percentage (years, dates, periods and document numbers do not count)."""
    if not values:
        return "it has no value"
    present = result_values(evidence)
    if any(round(float(v), 4) not in present for v in values):
        return f"{values} is not written as a count or percentage in its evidence {evidence[:80]!r}"
    return None


def _accent_free(text: str) -> str:
    """Lower-case, accents and punctuation gone, words space-separated with a space at each end."""
    return f" {_NON_WORD.sub(' ', accent_free(text)).strip()} "


def mentioned(name: str, grounder: Grounder) -> bool:
    """Whether the article names ``name`` (whole words; case, punctuation and accents aside, so an English
    "Son La" is the article's "Sơn La")."""
    key = _accent_free(name)
    return key.strip() != "" and key in _article_words(grounder.text)


@lru_cache(maxsize=4)
def _article_words(text: str) -> str:
    return _accent_free(text)


def bare_place_name(name: str) -> str:
    """A place name without its administrative prefix: 'tỉnh Sơn La' -> 'Sơn La', 'TP. Cần Thơ' -> 'Cần Thơ'
    (the contract's names are bare; a model that adds the prefix is right, only differently written)."""
    return without_unit_word(name)


def unmentioned_place(
    district: str | None, commune: str | None, grounder: Grounder, province: str | None = None
) -> str | None:
    """The most specific place name given when the article never names it, else ``None``.

    A place is accepted when the article names it or it contains a place the article names: the deepest
    level given must be named (whether the others contain it is the gazetteer's check); a province given
    alone may instead hold a district or commune the article names, or be its newspaper's tag. An article
    written without marks names "Hướng Hóa" when it writes "Huong Hoa"; one written with them does not
    name it when it writes "Hương Hóa" (:func:`~summarizer.vietnamese.text.names_place`)."""
    deepest = commune or district or province
    if not deepest or names_place(grounder.text, deepest):
        return None
    if deepest == province and (
        news_tag_province(grounder.text) == province
        or _accent_free(province) in _units_holding_mentions(grounder.text)
    ):
        return None
    return deepest


@lru_cache(maxsize=4)
def _units_holding_mentions(text: str) -> frozenset[str]:
    """The provinces (accent-free) that hold a place the article names with its prefix
    ("xã Pha Long (Mường Khương)" -> Mường Khương, Lào Cai)."""
    gaz = get_gazetteer()
    names: set[str] = set()
    for mention in find_mentions(text):
        units = [u for level in mention.levels for u in gaz.lookup(mention.name, level)]
        units += gaz.lookup(mention.parent, "district") if mention.parent else []
        names |= {u.province for u in units}
    return frozenset(_accent_free(n) for n in names if n)


def _number_readings(token: str) -> set[float]:
    """What a number written in prose may mean: Vietnamese ("3.753", "124,3") or English ("3,753")."""
    readings = set()
    with contextlib.suppress(ValueError):
        readings.add(round(float(parse_number(token)), 4))
    with contextlib.suppress(ValueError):
        readings.add(round(float(token.replace(",", "")), 4))
    return readings


class _ProseFacts:
    """What prose may say about one article: its numbers and places (worked out only when needed)."""

    def __init__(self, grounder: Grounder, values: Iterable[float], places: Iterable[str | None]) -> None:
        self.grounder = grounder
        self.values = {round(float(v), 4) for v in values}
        self.places = {_accent_free(p) for p in places if p}
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
        return _accent_free(name) in self.places or mentioned(name, self.grounder)


def prose_problem(sentence: str, facts: _ProseFacts) -> str | None:
    """Why one sentence of free text is not backed by the article, or ``None``."""
    if sentence not in facts.problems:
        facts.problems[sentence] = _prose_problem(sentence, facts)
    return facts.problems[sentence]


def _prose_problem(sentence: str, facts: _ProseFacts) -> str | None:
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


def _checked_prose(text: str, limit: int, facts: _ProseFacts, what: str, warnings: list[str]) -> str:
    """``text`` bounded to ``limit`` characters (whole sentences) without its unbacked sentences."""
    if not text:
        return ""
    if len(text) > limit:
        warnings.append(f"{what} cut to {limit} of {len(text)} characters")
    kept: list[str] = []
    size = 0
    for m in _PROSE_SENTENCE.finditer(text[: limit + 1]):
        sentence = m.group().strip()
        if not sentence:
            continue
        if size + len(sentence) > limit:
            break
        # A sentence the article itself writes is backed by construction (the offline engine's paraphrase
        # is its quote): only the model's own words need reading number by number, place by place.
        problem = None if facts.grounder.writes(sentence) else prose_problem(sentence, facts)
        if problem:
            warnings.append(f"dropped a sentence of {what}: {problem}: {sentence[:80]!r}")
            continue
        kept.append(sentence)
        size += len(sentence) + 1
    return " ".join(kept)


def ground_summary(summary: ArticleSummary, text: str, grounder: Grounder | None = None) -> ArticleSummary:
    """Set spans and drop every item whose evidence is not in ``text``; record each drop in ``warnings``.

    Evidence is replaced by the exact article text at its span, so what is returned is verbatim. Free
    text is then bounded and checked against the article and the kept items (see the module doc).
    """
    g = grounder or Grounder(text)
    warnings = list(summary.warnings)

    def located(evidence: str, what: str) -> tuple[Located, str] | None:
        found = g.align(evidence)
        if found is None:
            warnings.append(f"dropped {what} not found in the article: {evidence[:80]!r}")
            return None
        return found, g.text[found.span[0] : found.span[1]]

    def keep_numbers(items: list[NumericResult]) -> list[NumericResult]:
        kept, seen = [], set()
        for item in items:
            found = located(item.evidence, "number")
            if found is None:
                continue
            (span, alignment), evidence = (found[0].span, found[0].alignment), found[1]
            values = stated_values(item)
            problem = value_problem(values, evidence)
            if problem:
                warnings.append(f"dropped number {values}: {problem}")
                continue
            key = (item.value, item.value_min, item.value_max, item.unit, item.metric, span)
            if key in seen:
                continue
            seen.add(key)
            kept.append(item.model_copy(update={"evidence": evidence, "span": span, "alignment": alignment}))
        return kept

    # What a figure means is checked too: claimed years must be written where they govern the figure,
    # and the key figure is re-derived by the one rule, whatever the engine marked.
    numbers = backed_years(keep_numbers(summary.numeric_results), g.text, summary.title, warnings)
    numbers = with_key(numbers, summary.published, g.text)
    locality = _grounded_locality(summary.locality, g, warnings)
    facts = _ProseFacts(
        g,
        (v for n in numbers for v in stated_values(n)),
        _place_names(locality),
    )

    def keep_findings(items: list[Finding], what: str) -> list[Finding]:
        kept, seen = [], set()
        for item in items:
            found = located(item.evidence, what)
            if found is None or found[0].span in seen:
                continue
            seen.add(found[0].span)
            text = _checked_prose(item.text, MAX_ITEM_TEXT_CHARS, facts, f"{what} text", warnings)
            text_en = _checked_prose(
                item.text_en or "", MAX_ITEM_TEXT_CHARS, facts, f"{what} text_en", warnings
            )
            # What replaces a dropped paraphrase is backed by construction: the quote, the category's label.
            kept.append(item.model_copy(update={
                "evidence": found[1], "span": found[0].span, "alignment": found[0].alignment,
                "text": text or found[1], "text_en": text_en or taxonomy.label(item.category, "en")}))  # fmt: skip
        return kept

    difficulties = keep_findings(summary.difficulties, "difficulty")
    solutions = keep_findings(summary.solutions, "solution")
    summary_vi = _checked_prose(summary.summary_vi, MAX_SUMMARY_CHARS, facts, "summary_vi", warnings)
    summary_en = _checked_prose(summary.summary_en, MAX_SUMMARY_CHARS, facts, "summary_en", warnings)
    title_en = _checked_prose(summary.title_en or "", MAX_TITLE_CHARS, facts, "title_en", warnings) or None
    if summary.relevant and not (summary_vi and summary_en):
        composed_vi, composed_en = summaries(locality, difficulties, solutions, numbers)
        summary_vi, summary_en = summary_vi or composed_vi, summary_en or composed_en
    return summary.model_copy(
        update={
            "difficulties": difficulties,
            "solutions": solutions,
            "numeric_results": numbers,
            "locality": locality,
            "summary_vi": summary_vi,
            "summary_en": summary_en,
            "title_en": title_en,
            "warnings": warnings,
        }
    )


def _grounded_locality(loc: Locality | None, g: Grounder, warnings: list[str]) -> Locality | None:
    if loc is None or not loc.evidence:
        return loc
    span = g.locate(loc.evidence)
    if span is None:
        warnings.append(f"locality evidence not found in the article: {loc.evidence[:80]!r}")
        return loc.model_copy(update={"evidence": None, "span": None})
    return loc.model_copy(update={"evidence": g.text[span[0] : span[1]], "span": span})


def _place_names(loc: Locality | None) -> list[str | None]:
    """The record's own locality, which prose may name (a province inferred from a named commune)."""
    if loc is None:
        return []
    current = loc.current
    return [loc.province, loc.district, loc.commune] + (
        [current.province, current.commune] if current else []
    )
