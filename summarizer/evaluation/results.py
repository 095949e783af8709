"""What an evaluation found, as typed data: counts, per-article scores and the report over a run.

Kept apart from the scoring code so tests and users can read a report (``report.numbers.f1``,
``report.overall``) without caring how it was computed, and so the JSON shape lives in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..models import Level, Usage
from .meaning import PARTS, Meaning

LEVELS: tuple[Level, ...] = ("province", "district", "commune")
KINDS = ("numbers", "difficulties", "solutions")


@dataclass
class Counts:
    """True positives, false positives, misses, and optional gold items that were predicted (neither)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.optional + other.optional
        )

    # With nothing predicted precision is 1 if nothing was missed either, and recall is 1 with nothing to
    # find: an article with no gold difficulties and none predicted is perfect, not 0/0.
    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}  # fmt: skip


@dataclass
class ItemNote:
    """A gold item that was missed, or a prediction that matched nothing, with its closest counterpart."""

    evidence: str
    label: str = ""  # the value for numbers, the paraphrase for predicted findings
    optional: bool = False
    nearest: str | None = None
    nearest_score: float = 0.0


@dataclass
class ArticleScore:
    """The evaluation of one gold-annotated article."""

    id: str
    status: str  # "ok" | "failed" | "skipped" | "missing" (no record for this gold file)
    relevant: bool = True
    irrelevant_flagged: bool | None = None  # only for articles gold marks as not relevant
    locality: dict[str, bool] = field(default_factory=dict)  # level -> hit, for the levels gold names
    locality_current: dict[str, bool] = field(default_factory=dict)  # also accepting 2025 units
    locality_names: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # level -> (gold, said)
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    misses: dict[str, list[ItemNote]] = field(default_factory=lambda: {k: [] for k in KINDS})
    false_hits: dict[str, list[ItemNote]] = field(default_factory=lambda: {k: [] for k in KINDS})
    evidence_total: int = 0
    ungrounded: list[str] = field(default_factory=list)
    numbers_total: int = 0
    numbers_not_in_text: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    gold_problems: list[str] = field(default_factory=list)
    text_checked: bool = False  # False when the article text could not be read
    error: str | None = None
    usage: Usage = field(default_factory=Usage)
    cost: float | None = None
    meaning: Meaning = field(default_factory=Meaning)  # what the matched figures and findings mean

    @property
    def grounded(self) -> int:
        return self.evidence_total - len(self.ungrounded)

    @property
    def locality_accuracy(self) -> float:
        return sum(self.locality.values()) / len(self.locality) if self.locality else 1.0

    def parts(self) -> dict[str, float]:
        """The four parts of this article's score (locality accuracy and the three F1s)."""
        return {"locality": self.locality_accuracy, **{k: self.counts[k].f1 for k in KINDS}}

    @property
    def score(self) -> float:
        """This article's share of the headline: mean of locality accuracy and the three F1s.

        An irrelevant article scores 1 when flagged and 0 when not (it has nothing else to score).
        """
        if not self.relevant:
            return float(bool(self.irrelevant_flagged))
        return sum(self.parts().values()) / 4

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["counts"] = {k: c.to_dict() for k, c in self.counts.items()}
        data["score"] = round(self.score, 4)
        data["usage"] = self.usage.model_dump()
        data["meaning"] = self.meaning.to_dict()
        return data


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


@dataclass
class EvalReport:
    """A run scored against gold: per-article scores and the figures over all of them.

    ``overall`` is the headline (mean of locality accuracy and the F1 of numbers, difficulties and
    solutions), the same definition as the shared reference scorer's ``OVERALL``.
    """

    articles: list[ArticleScore]
    without_gold: list[str] = field(default_factory=list)  # records no gold file covers (not scored)
    run_usage: Usage = field(default_factory=Usage)  # every record of the run, gold or not
    run_cost: float | None = None
    label: str = ""

    @property
    def relevant(self) -> list[ArticleScore]:
        return [a for a in self.articles if a.relevant]

    def locality_hits(self, level: Level | None = None, *, current: bool = False) -> tuple[int, int]:
        """(hits, total) over the levels gold names, for one level or all."""
        hits = total = 0
        for a in self.relevant:
            table = a.locality_current if current else a.locality
            for lvl, hit in table.items():
                if level is None or lvl == level:
                    hits, total = hits + hit, total + 1
        return hits, total

    @property
    def locality_accuracy(self) -> float:
        return _ratio(*self.locality_hits())

    def counts(self, kind: str) -> Counts:
        """Counts of one kind ("numbers", "difficulties", "solutions") summed over the articles."""
        total = Counts()
        for a in self.relevant:
            total = total + a.counts[kind]
        return total

    @property
    def numbers(self) -> Counts:
        return self.counts("numbers")

    @property
    def difficulties(self) -> Counts:
        return self.counts("difficulties")

    @property
    def solutions(self) -> Counts:
        return self.counts("solutions")

    @property
    def overall(self) -> float:
        return (self.locality_accuracy + sum(self.counts(k).f1 for k in KINDS)) / 4

    @property
    def evidence_total(self) -> int:
        return sum(a.evidence_total for a in self.relevant if a.text_checked)

    @property
    def grounded(self) -> int:
        return sum(a.grounded for a in self.relevant if a.text_checked)

    @property
    def grounding_rate(self) -> float | None:
        """Share of predicted quotes found in the article text; None when no text could be checked."""
        checked = any(a.text_checked for a in self.relevant)
        return _ratio(self.grounded, self.evidence_total) if checked else None

    @property
    def numbers_not_in_text(self) -> tuple[int, int]:
        checked = [a for a in self.relevant if a.text_checked]
        return sum(len(a.numbers_not_in_text) for a in checked), sum(a.numbers_total for a in checked)

    @property
    def noise_leaks(self) -> int:
        return sum(len(a.leaks) for a in self.relevant)

    @property
    def irrelevant_flagged(self) -> tuple[int, int]:
        marked = [a for a in self.articles if not a.relevant]
        return sum(bool(a.irrelevant_flagged) for a in marked), len(marked)

    @property
    def meaning(self) -> Meaning:
        """The MEANING figures over the relevant articles (as the reference scorer counts them)."""
        total = Meaning()
        for a in self.relevant:
            total = total + a.meaning
        return total

    def figures(self) -> dict[str, float | None]:
        """The report's headline figures by name (what ``--compare`` puts side by side)."""
        figs: dict[str, float | None] = {"overall": self.overall, "locality_acc": self.locality_accuracy}
        meaning = self.meaning
        figs["meaning"] = meaning.overall
        figs.update({f"meaning_{part}": meaning.share(part) for part in PARTS})
        for level in LEVELS:
            hits, total = self.locality_hits(level)
            figs[f"locality_{level}"] = _ratio(hits, total) if total else None
        figs["locality_acc_current_units"] = _ratio(*self.locality_hits(current=True))
        for kind in KINDS:
            c = self.counts(kind)
            figs.update({f"{kind}_p": c.precision, f"{kind}_r": c.recall, f"{kind}_f1": c.f1})
        figs["grounding_rate"] = self.grounding_rate
        wrong, total = self.numbers_not_in_text
        figs["numbers_not_in_text"] = float(wrong)
        figs["noise_leaks"] = float(self.noise_leaks)
        flagged, marked = self.irrelevant_flagged
        figs["irrelevant_flagged"] = _ratio(flagged, marked) if marked else None
        figs["calls"] = float(self.run_usage.calls)
        figs["tokens"] = float(self.run_usage.prompt_tokens + self.run_usage.completion_tokens)
        figs["cost_usd"] = self.run_cost
        return figs

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (what ``summarizer eval --json`` prints)."""
        wrong, total = self.numbers_not_in_text
        flagged, marked = self.irrelevant_flagged
        return {
            "label": self.label,
            "figures": {k: (None if v is None else round(v, 4)) for k, v in self.figures().items()},
            "locality_hits": {lvl: list(self.locality_hits(lvl)) for lvl in LEVELS},
            "counts": {k: self.counts(k).to_dict() for k in KINDS},
            "grounded_evidence": f"{self.grounded}/{self.evidence_total}",
            "numbers_not_in_text": f"{wrong}/{total}",
            "irrelevant_flagged": f"{flagged}/{marked}",
            "meaning": self.meaning.to_dict(),
            "run_usage": self.run_usage.model_dump(),
            "articles": [a.to_dict() for a in self.articles],
            "without_gold": self.without_gold,
        }
