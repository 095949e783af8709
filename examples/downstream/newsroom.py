"""Tally party-member admissions per province from news articles, with summarizer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import summarizer


def admitted(summary: summarizer.ArticleSummary) -> int:
    """Members admitted according to one article (ranges count their lower end)."""
    values = [n.value if n.value is not None else n.value_min for n in summary.numeric_results
              if n.metric == "members_admitted"]  # fmt: skip
    return int(sum(v for v in values if v is not None))


def tally(texts: list[str], engine: Any = None) -> Counter[str]:
    """Admissions per province over some article texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        summary = summarizer.summarize(text, engine=engine)
        if summary.relevant and summary.locality and summary.locality.province:
            counts[summary.locality.province] += admitted(summary)
    return counts


def tally_folder(folder: Path, out: Path, settings: summarizer.Settings) -> Counter[str]:
    """The same over a folder, with summarizer's batch (worker processes, a run store)."""
    summarizer.summarize_folder(folder, out, settings=settings)
    counts: Counter[str] = Counter()
    for line in (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines():
        record = summarizer.BatchRecord.model_validate_json(line)
        if record.summary and record.summary.locality and record.summary.locality.province:
            counts[record.summary.locality.province] += admitted(record.summary)
    return counts
