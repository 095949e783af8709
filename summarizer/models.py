"""The output contract (``../shared/CONTRACT.md``, schema version 1) as Pydantic models.

Field names are fixed by the contract: fields may be added, never renamed or dropped.
``schemas/*.json`` is generated from these models (``summarizer schema --write``) and a test fails
when the checked-in files drift from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from .errors import Fault

SCHEMA_VERSION = "1"

Number = int | float
Level = Literal["province", "district", "commune"]
Span = tuple[int, int]
#: How an item's evidence was found in the article (see :mod:`summarizer.align`).
Alignment = Literal["exact", "repaired", "fuzzy"]
#: How a model's record was obtained: its first answer passed, it passed after re-asks, or the last
#: answer was salvaged (only its grounded items kept). ``None`` for engines that ask no model.
Obtained = Literal["first_answer", "reasked", "salvaged"]
#: What kind of figure a number is: what happened or exists, a goal (plan, quota, forecast), or a
#: typical rate over a longer stretch ("bình quân mỗi năm").
Basis = Literal["actual", "target", "average"]
#: Whose figure it is: the article's whole main locality or organisation, or a lower unit or subgroup.
Scope = Literal["main", "part"]
#: ``[from, to]`` calendar years the article states for a figure; ``to`` is None for "đến nay".
Years = tuple[int, int | None]


class Valued(Protocol):
    """A figure as a model or a record states it: one value, or a range, or both."""

    @property
    def value(self) -> Number | None: ...
    @property
    def value_min(self) -> Number | None: ...
    @property
    def value_max(self) -> Number | None: ...


def stated_values(figure: Valued) -> list[Number]:
    """The numbers a figure states (its value and its range's ends, those given), in that order: what
    grounding checks against the quote and what prose may repeat."""
    return [v for v in (figure.value, figure.value_min, figure.value_max) if v is not None]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class LocalityCodes(_Model):
    """Official (GSO) codes of the units named: legacy ones for a three-level locality, the July 2025
    ones for a two-level (post-reorganisation) locality."""

    province: str | None = None
    district: str | None = None
    commune: str | None = None


class CurrentUnit(_Model):
    """The unit after the July 2025 reorganisation (34 provinces, no districts)."""

    province: str | None = None
    commune: str | None = None
    province_code: str | None = None
    commune_code: str | None = None
    province_type: str | None = None
    commune_type: str | None = None


class FormerUnit(_Model):
    """A legacy unit (63 provinces, with districts) that a post-July-2025 unit was formed from."""

    province: str | None = None
    district: str | None = None
    commune: str | None = None
    province_code: str | None = None
    district_code: str | None = None
    commune_code: str | None = None


class Locality(_Model):
    """The article's main subject locality, resolved against the official administrative units."""

    province: str | None = Field(None, description="Bare province name, e.g. 'Sơn La' (no 'tỉnh').")
    district: str | None = Field(None, description="Bare district name, e.g. 'Sốp Cộp' (no 'huyện').")
    commune: str | None = Field(None, description="Bare commune name, e.g. 'Mường Lạn' (no 'xã').")
    level: Level | None = Field(None, description="The most specific level the article is about.")
    codes: LocalityCodes = Field(default_factory=LocalityCodes)
    current: CurrentUnit | None = None
    province_type: str | None = Field(
        None, description="The province-level unit word: 'tỉnh' or 'thành phố' (centrally governed city)."
    )
    district_type: str | None = Field(
        None, description="The district-level unit word: 'huyện', 'quận', 'thị xã' or 'thành phố'."
    )
    commune_type: str | None = Field(
        None, description="The commune-level unit word: 'xã', 'phường', 'thị trấn' or 'đặc khu'."
    )
    evidence: str | None = Field(None, description="A verbatim mention of the locality in the article.")
    span: Span | None = None
    latitude: float | None = None
    longitude: float | None = None
    note: str | None = Field(None, description="Why the locality is partial, e.g. an ambiguous name.")
    formerly: list[FormerUnit] = Field(
        default_factory=list,
        description="For a post-July-2025 commune or ward: the legacy units it was formed from, so that "
        "articles written before and after the reorganisation can be joined on the same ground.",
    )


class Finding(_Model):
    """A difficulty or a solution stated in the article."""

    text: str = Field(description="Short Vietnamese paraphrase.")
    text_en: str | None = Field(None, description="Short English rendering.")
    category: str = Field(description="Taxonomy code, e.g. 'youth_migration' or 'training_classes'.")
    evidence: str = Field(description="Verbatim span of the cleaned article text.")
    span: Span | None = None
    alignment: Alignment | None = Field(
        None, description="How the evidence was found: exact, repaired (quotes, case, prefixes...) or fuzzy."
    )


class NumericResult(_Model):
    """A quantity about party organisations, members, admissions, targets or candidates."""

    value: Number | None = None
    value_min: Number | None = None
    value_max: Number | None = None
    unit: str | None = None
    metric: str = "other"
    period: str | None = None
    subject: str | None = None
    qualifier: str | None = Field(None, description="'hơn', 'gần', 'khoảng'... as written.")
    evidence: str
    span: Span | None = None
    alignment: Alignment | None = Field(
        None, description="How the evidence was found: exact, repaired (quotes, case, prefixes...) or fuzzy."
    )
    basis: Basis = Field(
        "actual",
        description="'actual' (what happened or exists, including the share of a target reached), "
        "'target' (goal, plan, quota, requirement, forecast) or 'average' (a yearly rate over several years).",
    )
    scope: Scope = Field(
        "main",
        description="'main' (the whole of the article's main locality or organisation) or 'part' (a lower "
        "or other unit, or a subgroup such as 'trong đó 122 nữ').",
    )
    years: Years | None = Field(
        None,
        description="[from, to] as the article states them for this figure; to is null for 'đến nay'; "
        "null when no time is stated. Never inferred from the publication date.",
    )
    key: bool = Field(
        False,
        description="True on at most one figure: the main scope's actual count of members admitted over "
        "the most recent stated period (the headline figure).",
    )


class ArticleSummary(_Model):
    """The structured summary of one article."""

    schema_version: str = SCHEMA_VERSION
    title: str | None = None
    title_en: str | None = Field(
        None, description="The title in English (a model's; briefs compose one otherwise)."
    )
    published: dt.date | None = None
    language: str = "vi"
    relevant: bool = True
    locality: Locality | None = None
    difficulties: list[Finding] = Field(default_factory=list)
    solutions: list[Finding] = Field(default_factory=list)
    numeric_results: list[NumericResult] = Field(default_factory=list)
    summary_vi: str = ""
    summary_en: str = ""
    warnings: list[str] = Field(default_factory=list)
    has_diacritics: bool | None = Field(
        None,
        description="False when the article is written without Vietnamese marks (as forum reposts are); "
        "None when too short to tell.",
    )


class SourceInfo(_Model):
    path: str
    sha256: str
    bytes: int
    encoding: str | None = None
    kind: Literal["text", "html"] | None = None


class ErrorInfo(_Model):
    type: str
    message: str
    #: What the failure says about the model server, for fail-fast. Travels with the record within a run
    #: (worker processes pickle records) and is never written out: not part of the contract.
    fault: SkipJsonSchema[Fault | None] = Field(None, exclude=True, repr=False)


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
        )


Status = Literal["ok", "failed", "skipped"]


class BatchRecord(_Model):
    """One line of ``summaries.jsonl``: what happened to one input file."""

    source: SourceInfo
    status: Status
    engine: str
    summary: ArticleSummary | None = None
    error: ErrorInfo | None = None
    usage: Usage = Field(default_factory=Usage)
    schema_version: str = SCHEMA_VERSION
    engine_version: str | None = None
    attempts: int = Field(0, description="Model answers requested (validation re-asks included); 0 offline.")
    raw_answer: str | None = Field(
        None, description="The model's last raw answer when it was salvaged or failed (bounded in length)."
    )
    obtained: Obtained | None = Field(
        None,
        description="first_answer, reasked (valid after re-asks) or salvaged (grounded items of the last "
        "answer kept); null for engines that ask no model.",
    )
