"""The clause model's typed form: per kind, one weight per named feature and a probability threshold.

A model is built from plain data (what ``bench/offline_training.py`` writes into :mod:`.weights`) and checked
there, once: every kind has as many weights as the model names features, and a threshold strictly between
0 and 1. The classifier then refuses a model fitted on other features than its own (:meth:`ClauseModel.check`).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...vietnamese.taxonomy import Kind

KINDS: tuple[Kind, ...] = ("difficulty", "solution")


@dataclass(frozen=True)
class KindWeights:
    """A logistic regression for one kind: ``coef`` in the order of the model's features."""

    coef: tuple[float, ...]
    threshold: float

    def probability(self, x: Sequence[float]) -> float:
        z = sum(map(operator.mul, self.coef, x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def margin(self, x: Sequence[float]) -> float:
        """How far the probability of ``x`` passes the threshold (negative: it does not)."""
        return self.probability(x) - self.threshold


@dataclass(frozen=True)
class ClauseModel:
    """Two logistic regressions over the same named features, one per kind."""

    features: tuple[str, ...]
    difficulty: KindWeights
    solution: KindWeights

    def __post_init__(self) -> None:
        for kind in KINDS:
            w = self.weights(kind)
            if len(w.coef) != len(self.features):
                raise ValueError(f"{kind}: {len(w.coef)} weights for {len(self.features)} features")
            if not 0.0 < w.threshold < 1.0:
                raise ValueError(
                    f"{kind}: threshold {w.threshold} is not a probability strictly inside (0, 1)"
                )

    def weights(self, kind: Kind) -> KindWeights:
        return self.difficulty if kind == "difficulty" else self.solution

    def check(self, features: Sequence[str]) -> None:
        """Raise ``ValueError`` unless the model was fitted on exactly ``features``, in that order."""
        if tuple(features) != self.features:
            missing = sorted(set(features) ^ set(self.features))
            raise ValueError(f"the model was fitted on other features (differing: {missing or 'the order'})")

    def decide(self, x: Sequence[float]) -> Kind | None:
        """The kind of ``x`` that passes its threshold by more, or None when neither passes."""
        d, s = self.difficulty.margin(x), self.solution.margin(x)
        if max(d, s) < 0:
            return None
        return "difficulty" if d >= s else "solution"

    def as_dict(self) -> dict[str, object]:
        """Plain data (JSON-ready): what :meth:`from_dict` reads back."""
        return {"features": list(self.features)} | {
            kind: {"coef": list(self.weights(kind).coef), "threshold": self.weights(kind).threshold}
            for kind in KINDS
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ClauseModel:
        """Read plain data, refusing any other shape (``ValueError``)."""
        features = data.get("features")
        if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
            raise ValueError("features: a list of names is expected")
        kinds = {}
        for kind in KINDS:
            params = data.get(kind)
            if not isinstance(params, Mapping):
                raise ValueError(f"{kind}: a mapping with coef and threshold is expected")
            coef, threshold = params.get("coef"), params.get("threshold")
            if not isinstance(coef, list) or not all(isinstance(c, int | float) for c in coef):
                raise ValueError(f"{kind}: coef must be a list of numbers")
            if not isinstance(threshold, int | float):
                raise ValueError(f"{kind}: threshold must be a number")
            kinds[kind] = KindWeights(tuple(float(c) for c in coef), float(threshold))
        return cls(tuple(features), kinds["difficulty"], kinds["solution"])
