"""The answer a model is asked to fill, and what is wrong with one, phrased for the model to fix.

The schema's validator checks an answer against the article it answers (passed through a ContextVar):
evidence must be in the article, values written in their evidence, places official and named there.
The rules themselves are :mod:`summarizer.ground`'s; this module only turns them into re-ask messages.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
from typing import Any

from instructor import ResponseSchema
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ...ground import Grounder, bare_place_name, unmentioned_place, value_problem
from ...models import stated_values
from ...vietnamese.gazetteer import Gazetteer, get_gazetteer
from ...vietnamese.numbers import parse_number


class AnswerLocality(BaseModel):
    province: str | None = None
    district: str | None = None
    commune: str | None = None

    @field_validator("province", "district", "commune", mode="before")
    @classmethod
    def _bare(cls, name: Any) -> Any:
        """'tỉnh Sơn La' is 'Sơn La': a prefix is repaired here, never re-asked."""
        return bare_place_name(name) if isinstance(name, str) else name


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

    @field_validator("value", "value_min", "value_max", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        """A number written as a string ("12", "3.753") is that number: repaired here, never re-asked."""
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return parse_number(value)
        return value


# The article an answer is validated against. Not passed as instructor's ``context``, which would also
# render every message (the untrusted article included) as a Jinja template; a ContextVar is private
# to each asyncio task, so concurrent articles never see each other's article.
ARTICLE: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "summarizer_article", default=None
)


class Answer(ResponseSchema):
    """What the model is asked to return (the contract's fields it can fill)."""

    # The re-ask shows the model pydantic's text of the error: without the input echoed back in it.
    model_config = ConfigDict(hide_input_in_errors=True)

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
                raise PydanticCustomError(_NOT_BACKED, "{problems}", {"problems": "\n".join(problems)})
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _one_line_per_problem(cls, data: Any, handler: Any) -> Any:
        """Every problem (of the schema or of grounding) as one line saying what to change: this text is
        what the model reads on a re-ask. A custom error type carries no documentation link, and the
        model's answer is not echoed back (``hide_input_in_errors``)."""
        try:
            return handler(data)
        except ValidationError as exc:
            raise PydanticCustomError(
                "answer_needs_fixing",
                "Fix these and answer again (keep everything else as it was):\n{problems}\n",
                {"problems": "\n".join(f"- {line}" for line in problem_lines(exc)[:15])},
            ) from None


_NOT_BACKED = "answer_not_backed_by_the_article"


def problem_lines(exc: ValidationError) -> list[str]:
    """One line per problem of a failed validation, without pydantic's input echo or links."""
    lines: list[str] = []
    for error in exc.errors(include_url=False, include_input=False, include_context=False):
        if error["type"] in (_NOT_BACKED, "answer_needs_fixing"):
            lines += [line.removeprefix("- ") for line in error["msg"].splitlines() if line.strip()]
            continue
        where = ".".join(str(part) for part in error["loc"]) or "answer"
        lines.append(f"{where}: {error['msg']}")
    return lines


@functools.lru_cache(maxsize=8)
def _schema(model: type[BaseModel], args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> str:
    return json.dumps(BaseModel.model_json_schema.__func__(model, *args, **dict(kwargs)))  # type: ignore[attr-defined]


def answer_problems(answer: Answer, grounder: Grounder, gaz: Gazetteer) -> list[str]:
    """What is wrong with an answer, one line per problem, each saying what to change.

    Harmless deviations (quotes, case, punctuation, a prefix, a few characters) are repaired by the
    grounding rules and never make a problem: only what the article does not back is re-asked."""
    problems: list[str] = []
    for field_name in ("difficulties", "solutions"):
        for i, item in enumerate(getattr(answer, field_name)):
            if grounder.locate(item.evidence) is None:
                problems.append(f"{field_name}[{i}].evidence {item.evidence[:100]!r} is not in the article: "
                                "copy the article's exact words, or remove the item")  # fmt: skip
    for i, n in enumerate(answer.numeric_results):
        span = grounder.locate(n.evidence)
        if span is None:
            problems.append(f"numeric_results[{i}].evidence {n.evidence[:100]!r} is not in the article: "
                            "copy the article's exact words, or remove the item")  # fmt: skip
            continue
        values = stated_values(n)
        problem = value_problem(values, grounder.text[span[0] : span[1]])
        if problem:
            problems.append(f"numeric_results[{i}]: {problem}: give the count written there, or remove the "
                            "item (years, dates, periods, document numbers, ages and money are not results)")  # fmt: skip
    loc = answer.locality
    _, place_problems = gaz.resolve_names(loc.province, loc.district, loc.commune)
    problems += [f"locality: {p}: give the official name" for p in place_problems]
    unmentioned = unmentioned_place(loc.district, loc.commune, grounder, loc.province)
    if unmentioned:
        problems.append(f"locality: {unmentioned!r} is not named in this article: give the place the article is "
                        "about, or null")  # fmt: skip
    return problems


def json_object(raw: str | None) -> Any:
    """The JSON object in a model's answer (fenced, or with prose around it), or ``None``: instructor's own
    extraction, which takes the last complete object (an object quoted from the article earlier in the
    answer cannot stand in for it) and bounds its work on hostile input."""
    from instructor.utils import extract_json_from_codeblock

    if not raw:
        return None
    try:
        data = json.loads(extract_json_from_codeblock(raw))
    except ValueError:  # no JSON, or over instructor's size or depth limits (JSONDecodeError included)
        return None
    return data if isinstance(data, dict) else None


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
