"""The answer a model is asked to fill, and what is wrong with one, phrased for the model to fix.

The schema's validator checks an answer against the article it answers (passed through a ContextVar):
evidence must be in the article, values written in their evidence, places official and named there.
The rules themselves are :mod:`summarizer.ground`'s; this module only turns them into re-ask messages.
"""

from __future__ import annotations

import contextvars
import functools
import json
from typing import Any

from instructor import ResponseSchema
from pydantic import BaseModel, Field, ValidationError, ValidationInfo, model_validator

from ...ground import Grounder, unmentioned_place, value_problem
from ...vietnamese.gazetteer import Gazetteer, get_gazetteer


class AnswerLocality(BaseModel):
    province: str | None = None
    district: str | None = None
    commune: str | None = None


class AnswerFinding(BaseModel):
    category: str = Field(description="Taxonomy code.")
    text: str = Field("", description="Short Vietnamese paraphrase.")
    text_en: str = Field("", description="English translation of text.")
    evidence: str = Field(description="Exact quote from the article.")


class AnswerNumber(BaseModel):
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    unit: str = ""
    metric: str = "other"
    period: str | None = None
    subject: str | None = None
    evidence: str = Field(description="Exact quote from the article that contains the number.")


# The article an answer is validated against. Not passed as instructor's ``context``, which would also
# render every message (the untrusted article included) as a Jinja template; a ContextVar is private
# to each asyncio task, so concurrent articles never see each other's article.
ARTICLE: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "summarizer_article", default=None
)


class Answer(ResponseSchema):
    """What the model is asked to return (the contract's fields it can fill)."""

    relevant: bool = True
    title_en: str = Field("", description="The article's title in English.")
    locality: AnswerLocality = Field(default_factory=AnswerLocality)
    difficulties: list[AnswerFinding] = Field(default_factory=list)
    solutions: list[AnswerFinding] = Field(default_factory=list)
    numeric_results: list[AnswerNumber] = Field(default_factory=list)
    summary_vi: str = ""
    summary_en: str = ""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Generated once: instructor asks for it on every call (it is the same for every article)."""
        return json.loads(_schema(cls, args, tuple(sorted(kwargs.items()))))  # a fresh copy, cheaply

    @model_validator(mode="after")
    def _grounded_in_the_article(self, info: ValidationInfo) -> Answer:
        # An explicit context (even empty, as salvage passes) wins over the article being asked about.
        context = info.context if info.context is not None else (ARTICLE.get() or {})
        grounder = context.get("grounder")
        if grounder is not None:
            problems = answer_problems(self, grounder, context.get("gazetteer") or get_gazetteer())
            if problems:
                raise ValueError(
                    "The answer does not match the article. Fix these and answer again:\n- "
                    + "\n- ".join(problems[:15])
                )
        return self


@functools.lru_cache(maxsize=8)
def _schema(model: type[BaseModel], args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> str:
    return json.dumps(BaseModel.model_json_schema.__func__(model, *args, **dict(kwargs)))  # type: ignore[attr-defined]


def answer_problems(answer: Answer, grounder: Grounder, gaz: Gazetteer) -> list[str]:
    """What is wrong with an answer, phrased for the model to fix."""
    problems: list[str] = []
    for field_name in ("difficulties", "solutions"):
        for i, item in enumerate(getattr(answer, field_name)):
            if grounder.locate(item.evidence) is None:
                problems.append(
                    f"{field_name}[{i}].evidence {item.evidence[:100]!r} is not in the article: "
                    "copy the exact words of the article"
                )
    for i, n in enumerate(answer.numeric_results):
        span = grounder.locate(n.evidence)
        if span is None:
            problems.append(f"numeric_results[{i}].evidence {n.evidence[:100]!r} is not in the article")
            continue
        values = [v for v in (n.value, n.value_min, n.value_max) if v is not None]
        problem = value_problem(values, grounder.text[span[0] : span[1]])
        if problem:
            problems.append(
                f"numeric_results[{i}]: {problem} (years, dates and document numbers are not results)"
            )
    loc = answer.locality
    _, place_problems = gaz.resolve_names(loc.province, loc.district, loc.commune)
    problems += [f"locality: {p}; give official names without 'tỉnh/huyện/xã'" for p in place_problems]
    unmentioned = unmentioned_place(loc.district, loc.commune, grounder, loc.province)
    if unmentioned:
        problems.append(
            f"locality: {unmentioned!r} is not mentioned in this article; give the article's own place"
        )
    return problems


def json_object(raw: str | None) -> Any:
    """The JSON object in a model's answer (fenced, or with prose around it), or ``None``."""
    if not raw:
        return None
    text = raw.strip()
    if text.startswith("```"):
        text = text.strip("`").split("\n", 1)[-1]
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        return json.loads(text[start : end + 1])
    except json.JSONDecodeError:
        return None


def lenient(raw: str | None) -> Answer | None:
    """The last answer parsed without validation context, for salvage (None when it is not JSON at all)."""
    data = json_object(raw)
    if data is None:
        return None
    try:
        return Answer.model_validate(data, context={})  # the schema only: grounding comes after
    except ValidationError:
        return _fields_that_parse(data)


def _fields_that_parse(data: Any) -> Answer | None:
    """Keep the list items that fit the schema when the answer as a whole does not."""
    if not isinstance(data, dict):
        return None
    kept: dict[str, Any] = {}
    for key, item_model in (
        ("difficulties", AnswerFinding),
        ("solutions", AnswerFinding),
        ("numeric_results", AnswerNumber),
    ):
        items = data.get(key)
        if isinstance(items, list):
            kept[key] = []
            for item in items:
                try:
                    kept[key].append(item_model.model_validate(item))
                except ValidationError:
                    continue
    for key in ("title_en", "summary_vi", "summary_en"):
        if isinstance(data.get(key), str):
            kept[key] = data[key]
    return Answer.model_validate(kept, context={})
