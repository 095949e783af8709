"""The answer a model is asked to fill: its schema, the repairs that make a right answer valid however
it is written (a prefixed place, a number as a string with its unit, years as text), and salvage.

The schema's validator hands an answer to :mod:`.review`, which checks it against the article it
answers (passed through a ContextVar) with the grounding stage's rules and raises only for what is worth
a re-ask. The rules themselves are :mod:`summarizer.ground`'s.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import re
from typing import Any, Protocol

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

from ...ground import bare_place_name
from ...vietnamese.numbers import parse_number


class Reviewer(Protocol):
    """What an answer is checked against while it is validated (:class:`.review.Asking`)."""

    def reask_lines(self, answer: Answer) -> list[str]: ...


# The article an answer is validated against. Not passed as instructor's ``context``, which would also
# render every message (the untrusted article included) as a Jinja template; a ContextVar is private to
# each asyncio task, so concurrent articles never see each other's article. It holds a Reviewer, so this
# module never imports the review that imports it.
ASKING: contextvars.ContextVar[Reviewer | None] = contextvars.ContextVar("summarizer_asking", default=None)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


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
    category: str = Field("other", description="Taxonomy code.")
    text: str = Field("", description="Short Vietnamese paraphrase.")
    text_en: str = Field("", description="English translation of text.")
    evidence: str = Field(description="Exact quote from the article.")


class AnswerNumber(BaseModel):
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    unit: str = Field("", description="What is counted, in the article's words ('đảng viên', '%').")
    metric: str = "other"
    period: str | None = Field(None, description="The period as the article writes it ('năm 2023').")
    subject: str | None = None
    evidence: str = Field(description="Exact quote from the article that contains the number.")
    basis: str = Field("actual", description="actual, target or average.")
    scope: str = Field("main", description="main or part.")
    years: list[int | None] | None = Field(None, description="[from, to]; to null for 'đến nay'.")
    key: bool = Field(False, description="True on the one headline figure.")

    @field_validator("value", "value_min", "value_max", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        """A number written as a string ("12", "3.753", "3.753 đảng viên", "124,3%") is that number:
        repaired here, never re-asked."""
        if isinstance(value, str):
            m = _NUMBER.search(value)
            with contextlib.suppress(ValueError):
                return parse_number(m.group()) if m else value
        return value

    @field_validator("basis", "scope", "unit", "metric", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("years", mode="before")
    @classmethod
    def _years(cls, value: Any) -> Any:
        """``2023``, ``"2023"``, ``"2016 - nay"`` and ``[2023]`` are years too: read, not re-asked."""
        if isinstance(value, int):
            return [value, value]
        if isinstance(value, str):
            found = [int(y) for y in _YEAR.findall(value)]
            return [found[0], found[-1] if len(found) > 1 or "nay" not in value else None] if found else None
        if isinstance(value, list) and len(value) == 1:
            return [value[0], value[0]]
        if isinstance(value, list) and len(value) > 2:
            return value[:2]
        return value


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

    @field_validator("title_en", "summary_vi", "summary_en", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        return "" if value is None else value

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Generated once: instructor asks for it on every call (it is the same for every article)."""
        return json.loads(_schema(cls, args, tuple(sorted(kwargs.items()))))  # a fresh copy, cheaply

    @model_validator(mode="after")
    def _grounded_in_the_article(self, info: ValidationInfo) -> Answer:
        # An explicit context (even empty, as salvage passes) wins over the article being asked about.
        asking = ASKING.get() if info.context is None else None
        if asking is not None:
            lines = asking.reask_lines(self)
            if lines:
                raise PydanticCustomError(_NOT_BACKED, "{problems}", {"problems": "\n".join(lines)})
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
