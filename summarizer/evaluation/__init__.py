"""Scoring summaries against gold annotations (``summarizer eval`` and :func:`evaluate`).

    from summarizer import evaluate

    report = evaluate("out", "gold")  # a batch output folder and a gold folder
    print(report.overall, report.numbers.f1)

Gold format: docs/GOLD_FORMAT.md. Matching rules: :mod:`summarizer.evaluation.match`.
"""

from .gold import Gold, init_gold, load_gold_dir
from .results import ArticleScore, Counts, EvalReport, ItemNote
from .score import evaluate, score_article

__all__ = [
    "ArticleScore",
    "Counts",
    "EvalReport",
    "Gold",
    "ItemNote",
    "evaluate",
    "init_gold",
    "load_gold_dir",
    "score_article",
]
