"""From a model's answer to the contract's :class:`~summarizer.ArticleSummary` (not grounded yet: the
pipeline's grounding stage drops whatever the article does not back), with the problems that only a
model's answer can have: a place that is not official, not named in the article, or not the article's
dominant place, and ``relevant=false`` for an article plainly on the topic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...clean import CleanArticle
from ...ground import Grounder, unmentioned_place
from ...guard import masked
from ...models import ArticleSummary, Finding, Locality, NumericResult, stated_values
from ...problems import Kind, Problem
from ...prose import accent_free
from ...vietnamese import taxonomy
from ...vietnamese.gazetteer import Gazetteer
from ...vietnamese.locality import locality_of, resolve_locality
from .answer import Answer, AnswerFinding, AnswerNumber

_ADMISSION = re.compile(r"kết nạp|ket nap", re.IGNORECASE)
_MEMBERS = re.compile(r"đảng viên|dang vien", re.IGNORECASE)
_PLAIN_PREFIX = re.compile(
    r"^(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa|thi tran|phuong|xa|dac khu)\s+(?=\S)", re.IGNORECASE
)


@dataclass
class Draft:
    """A summary from an answer, and the answer's place and relevance problems."""

    summary: ArticleSummary
    problems: list[Problem]


def dominant_place(article: CleanArticle, gaz: Gazetteer) -> Locality | None:
    """The offline resolver's main locality, read without the text that addresses a model."""
    return resolve_locality(masked(article.text), article.title, gaz)


def plainly_on_topic(text: str) -> bool:
    """Strong evidence of relevance: admissions and members named again and again (an article that only
    mentions them in passing is not plainly about party-member development)."""
    return len(_ADMISSION.findall(text)) >= 3 and len(_MEMBERS.findall(text)) >= 5


def draft(
    answer: Answer | None,
    article: CleanArticle,
    grounder: Grounder,
    gaz: Gazetteer,
    dominant: Locality | None,
) -> Draft:
    """The summary an answer gives, and what is wrong with its place and relevance (each also a warning)."""
    answer = answer or Answer(relevant=True)
    problems: list[Problem] = []
    locality = _locality(answer, article, grounder, gaz, dominant, problems)
    if not answer.relevant and plainly_on_topic(masked(article.text)):
        problems.append(Problem(Kind.RELEVANCE_DISAGREES, "relevant", "the article reports admissions and members throughout",
                                "the model said the article is off-topic although it reports admissions and members throughout"))  # fmt: skip
    summary = ArticleSummary(
        title=article.title,
        title_en=" ".join(answer.title_en.split()) or None,  # one line, like the title
        published=article.published,
        relevant=answer.relevant,
        locality=locality,
        difficulties=[_finding(d, "difficulty") for d in answer.difficulties],
        solutions=[_finding(s, "solution") for s in answer.solutions],
        numeric_results=[_number(n) for n in answer.numeric_results if stated_values(n)],
        summary_vi=answer.summary_vi,
        summary_en=answer.summary_en,
        warnings=[p.warning for p in problems],
    )
    return Draft(summary, problems)


def _locality(
    answer: Answer,
    article: CleanArticle,
    grounder: Grounder,
    gaz: Gazetteer,
    dominant: Locality | None,
    problems: list[Problem],
) -> Locality | None:
    loc = answer.locality
    given = ", ".join(p for p in (loc.commune, loc.district, loc.province) if p)
    if not given:
        return dominant
    unit, place_problems = gaz.resolve_names(loc.province, loc.district, loc.commune)
    if place_problems:  # "tinh Son La": a prefix written without marks, repaired rather than re-asked
        plain = [
            _PLAIN_PREFIX.sub("", n) if n and n.isascii() else n
            for n in (loc.province, loc.district, loc.commune)
        ]
        retry = gaz.resolve_names(*plain)
        if len(retry[1]) < len(place_problems):
            unit, place_problems = retry
    fallback = "; the offline resolver's place is used"
    for p in place_problems:
        problems.append(
            Problem(Kind.PLACE_NOT_OFFICIAL, "locality", p, f"the model's locality: {p}{fallback}")
        )
    if unit is None:
        return dominant
    # The official names, so that "Sop Cop" from a model is the article's "Sốp Cộp".
    official = locality_of(unit, article.text, gaz)
    unnamed = unmentioned_place(official.district, official.commune, grounder, official.province)
    if unnamed:
        problems.append(Problem(Kind.PLACE_NOT_NAMED, "locality", f"{unnamed!r} is not named in this article",
                                f"the model's locality ({given}) is not an official unit named in the article{fallback}"))  # fmt: skip
        return dominant
    if dominant is not None and dominant.province and not _same_province(official, dominant):
        problems.append(Problem(Kind.PLACE_DISAGREES, "locality",
                                f"{given} is not where the article as a whole is ({dominant.province})",
                                f"the model's locality ({given}) disagrees with the article's dominant place "
                                f"({dominant.province}){fallback}"))  # fmt: skip
        return dominant
    return official


def _same_province(a: Locality, b: Locality) -> bool:
    names = {accent_free(n) for n in (a.province, a.current.province if a.current else None) if n}
    return bool(
        names & {accent_free(n) for n in (b.province, b.current.province if b.current else None) if n}
    )


def _finding(item: AnswerFinding, kind: taxonomy.Kind) -> Finding:
    # A category outside the taxonomy is repaired from the quote, never re-asked.
    code = (
        item.category if item.category in taxonomy.codes(kind) else taxonomy.categorize(item.evidence, kind)
    )
    return Finding(text=item.text or item.evidence, text_en=item.text_en or taxonomy.label(code, "en"),
                   category=code, evidence=item.evidence)  # fmt: skip


def _number(n: AnswerNumber) -> NumericResult:
    years = tuple(n.years) if n.years and len(n.years) == 2 and n.years[0] is not None else None
    return NumericResult(
        value=_num(n.value),
        value_min=_num(n.value_min),
        value_max=_num(n.value_max),
        unit=n.unit or None,
        metric=n.metric if n.metric in taxonomy.METRICS else "other",
        period=n.period or None,
        subject=n.subject or None,
        evidence=n.evidence,
        basis=n.basis if n.basis in ("actual", "target", "average") else "actual",
        scope=n.scope if n.scope in ("main", "part") else "main",
        years=years,
        key=n.key,
    )


def _num(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value
