"""From a model's (possibly salvaged) answer to the contract's :class:`~summarizer.ArticleSummary`, and
the helpers that read a completion: its text, its refusal, its token usage."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...clean import CleanArticle
from ...ground import Grounder, unmentioned_place, value_problem
from ...models import ArticleSummary, Finding, Locality, NumericResult, Usage, stated_values
from ...vietnamese import taxonomy
from ...vietnamese.figures import extract_numbers
from ...vietnamese.gazetteer import Gazetteer
from ...vietnamese.locality import locality_of, resolve_locality
from .answer import Answer, AnswerFinding, AnswerLocality


def merge(answers: list[Answer]) -> Answer | None:
    """Answers for the parts of one article as one answer (duplicates go when evidence is grounded)."""
    if not answers:
        return None
    if len(answers) == 1:
        return answers[0]
    first_place = next(
        (a.locality for a in answers if a.locality.province or a.locality.commune), AnswerLocality()
    )
    return Answer(
        relevant=any(a.relevant for a in answers),
        title_en=next((a.title_en for a in answers if a.title_en), ""),
        locality=first_place,
        difficulties=[d for a in answers for d in a.difficulties],
        solutions=[s for a in answers for s in a.solutions],
        numeric_results=[n for a in answers for n in a.numeric_results],
        summary_vi=" ".join(a.summary_vi for a in answers if a.summary_vi),
        summary_en=" ".join(a.summary_en for a in answers if a.summary_en),
    )


def to_summary(
    answer: Answer | None, article: CleanArticle, grounder: Grounder, gaz: Gazetteer, notes: list[str]
) -> ArticleSummary:
    """The contract's summary from a (possibly salvaged) answer, gaps filled by the offline resolver.

    Not grounded yet: the pipeline's grounding stage drops whatever the article does not back."""
    answer = answer or Answer(relevant=True)
    warnings = list(notes)
    loc = answer.locality
    unit, _ = gaz.resolve_names(loc.province, loc.district, loc.commune)
    if unmentioned_place(loc.district, loc.commune, grounder, loc.province):
        unit = None  # a place the article never names (nor anything inside it) is not the article's
    locality: Locality | None
    if unit is not None:
        locality = locality_of(unit, article.text, gaz)
    else:
        locality = resolve_locality(article.text, article.title, gaz)
        given = ", ".join(p for p in (loc.commune, loc.district, loc.province) if p)
        if given:
            warnings.append(f"the model's locality ({given}) is not an official unit named in the article; "
                            "the offline resolver's is used")  # fmt: skip

    def finding(item: AnswerFinding, kind: taxonomy.Kind) -> Finding:
        code = (
            item.category
            if item.category in taxonomy.codes(kind)
            else taxonomy.categorize(item.evidence, kind)
        )
        return Finding(text=item.text or item.evidence, text_en=item.text_en or taxonomy.label(code, "en"),
                       category=code, evidence=item.evidence)  # fmt: skip

    numbers = [
        NumericResult(
            value=_num(n.value),
            value_min=_num(n.value_min),
            value_max=_num(n.value_max),
            unit=n.unit or None,
            metric=n.metric if n.metric in taxonomy.METRICS else "other",
            period=n.period,
            subject=n.subject,
            evidence=n.evidence,
        )  # fmt: skip
        for n in answer.numeric_results
        if stated_values(n)
    ]
    summary = ArticleSummary(
        title=article.title,
        title_en=" ".join(answer.title_en.split()) or None,  # one line, like the title
        published=article.published,
        relevant=answer.relevant,
        locality=locality,
        difficulties=[finding(d, "difficulty") for d in answer.difficulties],
        solutions=[finding(s, "solution") for s in answer.solutions],
        numeric_results=numbers,
        summary_vi=answer.summary_vi,
        summary_en=answer.summary_en,
        warnings=warnings,
    )
    if summary.relevant:
        reported = {round(float(v), 4) for n in summary.numeric_results if _backed(n, grounder)
                    for v in stated_values(n)}  # fmt: skip
        missed = [n.evidence for n in extract_numbers(article.text)
                  if any(round(float(v), 4) not in reported for v in stated_values(n))]  # fmt: skip
        if missed:
            summary.warnings.append(
                "figures in the article the model did not report: " + "; ".join(missed[:10])
            )
    return summary


def _backed(n: NumericResult, grounder: Grounder) -> bool:
    """Whether the grounding stage will keep this figure (so the model did report it)."""
    span = grounder.locate(n.evidence)
    return span is not None and value_problem(stated_values(n), grounder.text[span[0] : span[1]]) is None


def _num(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


def completion_text(completion: Any) -> str | None:
    """What the model said: the message content or the tool call's arguments."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return calls[0].function.arguments
    return getattr(message, "content", None)


def refusal_of(completion: Any) -> str | None:
    try:
        return completion.choices[0].message.refusal or None
    except (AttributeError, IndexError, TypeError):
        return None


def usage_of(completion: Any, total: Any = None) -> Usage:
    """Tokens of one completion, or of instructor's running total across re-asks when given."""
    u = total if total is not None else getattr(completion, "usage", None)
    return Usage(
        prompt_tokens=getattr(u, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(u, "completion_tokens", 0) or 0,
    )


def map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """``fn`` applied to every string value of nested dicts and lists (keys untouched)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {k: map_strings(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [map_strings(v, fn) for v in value]
    return value
