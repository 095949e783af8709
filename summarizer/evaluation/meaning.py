"""The MEANING figures: over the items matched to gold, does the run say what each figure means?

The definitions are gold format 2's ("What a figure means", docs/GOLD_FORMAT.md), counted as the shared
reference scorer counts them, so ``summarizer eval`` and ``score.py`` print the same MEANING:

- ``basis`` and ``scope``: matched figures whose value agrees with gold (a missing one reads "actual",
  "main");
- ``years``: matched figures whose gold states years: ``from`` agrees, and ``to`` where gold gives one;
- ``key``: relevant articles where the run's key figure is the one paired with gold's key (or both have
  none; two or more keys count as none chosen);
- ``category``: matched difficulties and solutions whose category agrees with the one gold gives;
- ``MEANING``: the mean of the five (a part with nothing to count adds 0).

An article's figures count only when its gold annotates meaning on some number, its findings only where
gold gives a category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Finding, NumericResult
from .gold import GoldItem, GoldNumber

PARTS = ("basis", "scope", "years", "key", "category")


@dataclass
class Meaning:
    """Agreements out of checks, per part; ``annotated`` once any gold item says what it means."""

    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    checks: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    annotated: bool = False

    def count(self, part: str, agrees: bool) -> None:
        self.checks[part] += 1
        self.hits[part] += agrees

    def __add__(self, other: Meaning) -> Meaning:
        return Meaning(
            {p: self.hits[p] + other.hits[p] for p in PARTS},
            {p: self.checks[p] + other.checks[p] for p in PARTS},
            self.annotated or other.annotated,
        )

    def share(self, part: str) -> float | None:
        """Agreement on one part; None when there was nothing to check."""
        return self.hits[part] / self.checks[part] if self.checks[part] else None

    @property
    def overall(self) -> float | None:
        """MEANING: the mean of the five shares (an unchecked part counts 0); None when gold says nothing."""
        if not self.annotated:
            return None
        return sum(self.share(p) or 0.0 for p in PARTS) / len(PARTS)

    def to_dict(self) -> dict[str, object]:
        return {
            "overall": None if self.overall is None else round(self.overall, 4),
            **{p: None if (s := self.share(p)) is None else round(s, 4) for p in PARTS},
            "counts": {p: f"{self.hits[p]}/{self.checks[p]}" for p in PARTS},
        }


def _years_agree(said: tuple[int, int | None] | None, gold: tuple[int, int | None]) -> bool:
    return said is not None and said[0] == gold[0] and (gold[1] is None or said[1] == gold[1])


def _the_key(flags: Sequence[bool]) -> int | None:
    chosen = [i for i, flag in enumerate(flags) if flag]
    return chosen[0] if len(chosen) == 1 else None


def numbers_meaning(
    meaning: Meaning, pred: Sequence[NumericResult], gold: Sequence[GoldNumber], pairs: set[tuple[int, int]]
) -> None:
    """Count basis, scope, years and key for one article's figures, ``pairs`` being (pred, gold) indexes."""
    if not any(g.annotates_meaning for g in gold):
        return
    meaning.annotated = True
    for i, j in sorted(pairs):
        said, wanted = pred[i], gold[j]
        meaning.count("basis", said.basis == wanted.basis)
        meaning.count("scope", said.scope == wanted.scope)
        if wanted.years is not None:
            meaning.count("years", _years_agree(said.years, wanted.years))
    gold_key, said_key = _the_key([g.key for g in gold]), _the_key([n.key for n in pred])
    if gold_key is None:
        meaning.count("key", said_key is None)
    else:
        meaning.count("key", (said_key, gold_key) in pairs)


def findings_meaning(
    meaning: Meaning, pred: Sequence[Finding], gold: Sequence[GoldItem], pairs: set[tuple[int, int]]
) -> None:
    """Count category agreement over one article's matched difficulties (or solutions)."""
    for i, j in sorted(pairs):
        if gold[j].category is not None:
            meaning.annotated = True
            meaning.count("category", pred[i].category == gold[j].category)
