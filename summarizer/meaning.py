"""What figures mean, checked whatever the engine: the key figure is re-derived by one rule, and years a
figure claims must be written where they govern it. Pure functions on the models; the grounding stage
calls them on every summary.
"""

from __future__ import annotations

import datetime as dt

from .models import NumericResult
from .vietnamese.periods import latest_year, written_years
from .vietnamese.text import excerpt

__all__ = ["backed_years", "with_key"]


def _rank(item: NumericResult, now: int | None) -> tuple[float, int, int, int]:
    """Most recent period first; then a single year over a multi-year total ending the same year; then a
    figure written exactly over a rounded one ("hơn 3.400"); figures with no stated period last."""
    if item.years is None:
        return (float("-inf"), 0, 0, 0)
    start, end = item.years
    # A period running "đến nay" ends at the article's time (unknown: after every stated year).
    last = end if end is not None else (now if now is not None else float("inf"))
    return (float(last), int(end is not None and start == end), int(item.qualifier is None), start)


def key_candidate(item: NumericResult) -> bool:
    """Whether a figure may be the key: the main unit's actual count of members admitted."""
    return item.metric == "members_admitted" and item.basis == "actual" and item.scope == "main"


def with_key(
    numbers: list[NumericResult], published: dt.date | None = None, text: str | None = None
) -> list[NumericResult]:
    """``numbers`` with ``key`` set on exactly the figure the rule chooses (none without a candidate).

    The article's time, which ends a "đến nay" period, is its publication year, else the latest year it
    states (``text``)."""
    now = published.year if published else (latest_year(text) if text else None)
    candidates = [i for i, n in enumerate(numbers) if key_candidate(n)]
    # Reading order breaks the last ties: the earlier statement (a lead) is the one an editor quotes.
    chosen = max(candidates, key=lambda i: (_rank(numbers[i], now), -i)) if candidates else None
    return [
        n if n.key == (i == chosen) else n.model_copy(update={"key": i == chosen})
        for i, n in enumerate(numbers)
    ]


def backed_years(
    numbers: list[NumericResult], text: str, title: str | None, warnings: list[str]
) -> list[NumericResult]:
    """``numbers`` with every claimed ``years`` that is not written in the figure's sentence or its
    governing lead (heading, table caption, paragraph or article lead; :mod:`summarizer.vietnamese.periods`)
    cleared to None, each clearing said in ``warnings``. Figures without a span are left as they are."""
    out = []
    for n in numbers:
        if n.years is None or n.span is None:
            out.append(n)
            continue
        written = written_years(text, n.span[0], title)
        if all(y is None or y in written for y in n.years):
            out.append(n)
            continue
        warnings.append(
            f"cleared years {list(n.years)} of {excerpt(n.evidence, 60)!r}: not written where they govern it"
        )
        out.append(n.model_copy(update={"years": None}))
    return out
