"""Grounding, the pipeline stage every engine's output passes through, and the one home of its rules.

- Evidence is located in the article by :class:`~summarizer.align.Grounder`: exactly, after harmless
  repairs (case, whitespace, quotes, punctuation, tone placement, " ... " joins) or fuzzily (a few
  characters off). Every located item gets its ``span``, its evidence becomes the article's own text at
  that span, and ``alignment`` says how it was found.
- An item quoted from text that addresses a model (:mod:`summarizer.guard`) is dropped.
- A figure's values must be written as a count or a percentage in its evidence
  (:func:`value_problem`): years, dates, periods, document numbers, ages and money are not results.
  A figure implausible against the article's own totals (:mod:`summarizer.plausible`) is dropped. Its
  ``unit``, ``period``, ``subject`` and ``qualifier`` are short and written in its sentence, or cleared.
- A place must be named in the article, or contain a place the article names (:func:`unmentioned_place`).
- Free text is bounded and checked sentence by sentence (:mod:`summarizer.prose`); English fields must be
  English. A summary left empty is composed from the grounded fields.

:func:`check_summary` applies them all and returns what the article backs with the typed
:class:`~summarizer.problems.Problem` list; :func:`ground_summary` (the stage) turns the problems into
``warnings``. A model engine reads the same problems to decide what to re-ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .align import Grounder, Located
from .compose import summaries
from .guard import inside_planted, masked
from .meaning import backed_years, with_key
from .models import ArticleSummary, Finding, Locality, NumericResult, Span, stated_values
from .plausible import implausible
from .problems import Kind, Problem
from .prose import ProseFacts, accent_free, checked_prose, near_miss, prose_problem, words_between
from .vietnamese import taxonomy
from .vietnamese.gazetteer import get_gazetteer, news_tag_province
from .vietnamese.mentions import find_mentions
from .vietnamese.numbers import result_values
from .vietnamese.text import excerpt, names_place, without_unit_word

__all__ = [
    "Grounded",
    "Grounder",
    "Located",
    "bare_place_name",
    "check_summary",
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

#: Longest kept ``unit``, ``period``, ``subject`` and ``qualifier`` of a figure (characters).
MAX_FIELD_CHARS = 60
_SENTENCE_END = re.compile(r"[.!?\n]")
#: How far before a figure a field may come from (its sentence's start, a lead or heading above it).
_GOVERNING_CHARS = 600


def value_problem(values: list[float | int], text: str, span: Span | None = None) -> str | None:
    """Why ``values`` are not a result backed by the evidence ``text[span]`` (all of ``text`` without a
    span), or ``None`` when every one is written there as a count or a percentage (years, dates, periods
    and document numbers do not count). Numbers are read where the evidence stands in ``text``."""
    if not values:
        return "it has no value"
    start, end = span or (0, len(text))
    present = result_values(text, start, end)
    if any(round(float(v), 4) not in present for v in values):
        return (
            f"{values} is not written as a count or percentage in its evidence {excerpt(text[start:end])!r}"
        )
    return None


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
    name it when it writes "Hương Hóa" (:func:`~summarizer.vietnamese.text.names_place`). Text that
    addresses a model (:mod:`summarizer.guard`) names no place."""
    deepest = commune or district or province
    text = masked(grounder.text)
    if not deepest or names_place(text, deepest):
        return None
    if deepest == province and (
        news_tag_province(text) == province or accent_free(province) in _units_holding_mentions(text)
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
    return frozenset(accent_free(n) for n in names if n)


@dataclass
class Grounded:
    """What the article backs of a summary, and every :class:`~summarizer.problems.Problem` found."""

    summary: ArticleSummary
    problems: list[Problem]


def ground_summary(summary: ArticleSummary, text: str, grounder: Grounder | None = None) -> ArticleSummary:
    """Set spans and drop every item whose evidence is not in ``text``; record each drop in ``warnings``.

    Evidence is replaced by the exact article text at its span, so what is returned is verbatim. Free
    text is then bounded and checked against the article and the kept items (see the module doc).
    """
    grounded = check_summary(summary, text, grounder)
    warnings = grounded.summary.warnings + [p.warning for p in grounded.problems]
    return grounded.summary.model_copy(update={"warnings": warnings})


def check_summary(summary: ArticleSummary, text: str, grounder: Grounder | None = None) -> Grounded:
    """:func:`ground_summary`'s work, with what was dropped, cut or cleared as typed problems (the
    summary's own ``warnings`` are kept as they were)."""
    g = grounder or Grounder(text)
    problems: list[Problem] = []
    # What a figure means is checked too: claimed years must be written where they govern the figure,
    # and the key figure is re-derived by the one rule, whatever the engine marked.
    meant: list[str] = []
    numbers = backed_years(_keep_numbers(summary.numeric_results, g, problems), g.text, summary.title, meant)
    numbers = with_key(numbers, summary.published, g.text)
    problems += [Problem(Kind.FIELD_NOT_FROM_EVIDENCE, "numeric_results", w, w) for w in meant]
    locality = _grounded_locality(summary.locality, g, problems)
    values = (v for n in numbers for v in stated_values(n))
    facts = ProseFacts(g, values, _place_names(locality))
    difficulties = _keep_findings(summary.difficulties, "difficulty", g, facts, problems)
    solutions = _keep_findings(summary.solutions, "solution", g, facts, problems)
    summary_vi = checked_prose(summary.summary_vi, MAX_SUMMARY_CHARS, facts, "summary_vi", problems)
    summary_en = checked_prose(
        summary.summary_en, MAX_SUMMARY_CHARS, facts, "summary_en", problems, english=True
    )
    title_en = checked_prose(
        summary.title_en or "", MAX_TITLE_CHARS, facts, "title_en", problems, english=True
    )
    if summary.relevant and not (summary_vi and summary_en):
        composed_vi, composed_en = summaries(locality, difficulties, solutions, numbers)
        summary_vi, summary_en = summary_vi or composed_vi, summary_en or composed_en
    update = {"difficulties": difficulties, "solutions": solutions, "numeric_results": numbers,
              "locality": locality, "summary_vi": summary_vi, "summary_en": summary_en,
              "title_en": title_en or None}  # fmt: skip
    return Grounded(summary.model_copy(update=update), problems)


def _located(
    evidence: str, what: str, where: str, g: Grounder, problems: list[Problem], near: Span | None = None
) -> tuple[Located, str] | None:
    """The evidence's place in the article (``near``, the span the item claims, when the evidence is
    written there) and the article's text there, or ``None`` (a problem said)."""
    found = g.align(evidence, near)
    if found is None:
        # An invented quote is worth a re-ask; a slip in copying one (a word dropped, marks lost) is not.
        kind = Kind.QUOTE_MISCOPIED if near_miss(evidence, g.text) else Kind.QUOTE_NOT_FOUND
        problems.append(Problem(kind, where, f"the evidence {evidence[:100]!r} is not in the article",
                                f"dropped {what} not found in the article: {excerpt(evidence)!r}"))  # fmt: skip
        return None
    if inside_planted(found.span, g.text):
        problems.append(Problem(Kind.PLANTED, where, "its evidence is text that addresses a model",
                                f"dropped {what} quoted from text addressed to a model: {excerpt(evidence)!r}"))  # fmt: skip
        return None
    return found, g.text[found.span[0] : found.span[1]]


def _keep_numbers(items: list[NumericResult], g: Grounder, problems: list[Problem]) -> list[NumericResult]:
    kept, where, seen = [], [], set()
    for i, item in enumerate(items):
        at = f"numeric_results[{i}]"
        found = _located(item.evidence, "number", at, g, problems, item.span)
        if found is None:
            continue
        (span, alignment), evidence = (found[0].span, found[0].alignment), found[1]
        values = [v for v in (item.value, item.value_min, item.value_max) if v is not None]
        problem = value_problem(values, g.text, span)
        if problem:
            problems.append(
                Problem(Kind.VALUE_NOT_WRITTEN, at, problem, f"dropped number {values}: {problem}")
            )
            continue
        # The same quote written twice (a lead restated in the body) is one figure.
        key = (item.value, item.value_min, item.value_max, item.unit, item.metric, evidence)
        if key in seen:
            continue
        seen.add(key)
        fields = _short_fields(item, _sentence_words(g.text, span), at, problems)
        kept.append(
            item.model_copy(update={"evidence": evidence, "span": span, "alignment": alignment, **fields})
        )
        where.append(at)
    # The meaning rules (basis, scope, years, key) apply to the figures kept here.
    bad = implausible(kept)
    for i, why in bad.items():
        problems.append(
            Problem(
                Kind.IMPLAUSIBLE, where[i], why, f"dropped number {excerpt(kept[i].evidence, 60)!r}: {why}"
            )
        )
    return [n for i, n in enumerate(kept) if i not in bad]


def _short_fields(item: NumericResult, words: str, at: str, problems: list[Problem]) -> dict[str, str | None]:
    """``unit``, ``period``, ``subject`` and ``qualifier`` that are short and written in the figure's
    sentence or just before it; any other is cleared (a field is a few of the article's words, not a sentence of prose)."""
    cleared: dict[str, str | None] = {}
    for name in ("unit", "period", "subject", "qualifier"):
        value = getattr(item, name)
        if not value or value == "%":
            continue
        if len(value) > MAX_FIELD_CHARS or accent_free(value) not in words:
            cleared[name] = None
            problems.append(Problem(Kind.FIELD_NOT_FROM_EVIDENCE, f"{at}.{name}", f"{excerpt(value, 60)!r} is not a few words of its sentence",
                                    f"cleared the {name} of a figure: not a few words of its sentence: {excerpt(value, 60)!r}"))  # fmt: skip
    return cleared


def _sentence_words(text: str, span: tuple[int, int]) -> str:
    """The words (:func:`~summarizer.prose.accent_free`) of the sentence or line around ``span``, with the
    text just before it that may govern it (a lead, a heading, the table row's header)."""
    stop = _SENTENCE_END.search(text, span[1])
    return words_between(text, max(0, span[0] - _GOVERNING_CHARS), stop.start() if stop else len(text))


def _keep_findings(
    items: list[Finding], what: str, g: Grounder, facts: ProseFacts, problems: list[Problem]
) -> list[Finding]:
    kept, seen = [], set()
    field = "difficulties" if what == "difficulty" else "solutions"
    for i, item in enumerate(items):
        found = _located(item.evidence, what, f"{field}[{i}]", g, problems, item.span)
        if found is None or found[1] in seen:  # the same quote written twice is one finding
            continue
        seen.add(found[1])
        text = checked_prose(item.text, MAX_ITEM_TEXT_CHARS, facts, f"{what} text", problems)
        text_en = checked_prose(
            item.text_en or "", MAX_ITEM_TEXT_CHARS, facts, f"{what} text_en", problems, english=True
        )
        # What replaces a dropped paraphrase is backed by construction: the quote, the category's label.
        kept.append(item.model_copy(update={
            "evidence": found[1], "span": found[0].span, "alignment": found[0].alignment,
            "text": text or found[1], "text_en": text_en or taxonomy.label(item.category, "en")}))  # fmt: skip
    return kept


def _grounded_locality(loc: Locality | None, g: Grounder, problems: list[Problem]) -> Locality | None:
    if loc is None or not loc.evidence:
        return loc
    span = g.locate(loc.evidence)
    if span is None:
        problems.append(Problem(Kind.QUOTE_NOT_FOUND, "locality.evidence", "not in the article",
                                f"locality evidence not found in the article: {excerpt(loc.evidence)!r}"))  # fmt: skip
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
