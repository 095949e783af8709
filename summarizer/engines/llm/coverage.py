"""Figures in the article that a model did not report: a warning, so a reader knows what to check."""

from __future__ import annotations

from ...clean import CleanArticle
from ...models import ArticleSummary, stated_values
from ...vietnamese.figures import extract_numbers


def unreported(kept: ArticleSummary, article: CleanArticle) -> str | None:
    """A warning naming the article's figures whose values no kept (grounded) figure has, or ``None``."""
    if not kept.relevant:
        return None
    reported = {round(float(v), 4) for n in kept.numeric_results for v in stated_values(n)}
    missed = [n.evidence for n in extract_numbers(article.text)
              if any(round(float(v), 4) not in reported for v in stated_values(n))]  # fmt: skip
    return "figures in the article the model did not report: " + "; ".join(missed[:10]) if missed else None
