"""What the digest counts and sums, over stories (syndicated copies counted once).

Every figure here says what it counts: stories per province, category and year, and the sum of the
admission counts the stories report (exact counts only: ranges and percentages are not added up).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..models import ArticleSummary
from ..vietnamese import taxonomy
from .dedupe import Story

UNKNOWN = "?"


@dataclass
class Row:
    """One line of an aggregate table: its label, the stories it counts and the admissions they report."""

    label: str
    stories: int = 0
    admitted: float = 0
    reporting: int = 0  # stories that report an admission count


@dataclass
class Aggregates:
    provinces: list[Row] = field(default_factory=list)
    years: list[Row] = field(default_factory=list)
    difficulties: list[Row] = field(default_factory=list)
    solutions: list[Row] = field(default_factory=list)
    admitted_total: float = 0


def year_of(summary: ArticleSummary) -> str:
    """The year a story is about: its publication year, else the latest year in its figures' periods."""
    if summary.published:
        return str(summary.published.year)
    years = [
        y for n in summary.numeric_results for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", n.period or "")
    ]
    return max(years) if years else UNKNOWN


def admitted(summary: ArticleSummary) -> float | None:
    """The admissions a story reports: the largest exact count (a district's total includes its
    communes', so adding them up would count members twice); None when it reports none."""
    counts = [n.value for n in summary.numeric_results
              if n.metric == "members_admitted" and n.value is not None and n.unit != "%"]  # fmt: skip
    return max(counts) if counts else None


def province_of(summary: ArticleSummary) -> str:
    loc = summary.locality
    return loc.province if loc and loc.province else UNKNOWN


def aggregate(stories: list[Story]) -> Aggregates:
    """Stories and admissions by province, year and category, largest first."""
    tables: dict[str, dict[str, Row]] = defaultdict(dict)
    total = 0.0
    for story in stories:
        s = story.record.summary
        assert s is not None
        count = admitted(s)
        total += count or 0
        keys = {
            "provinces": [province_of(s)],
            "years": [year_of(s)],
            "difficulties": sorted({f.category for f in s.difficulties}),
            "solutions": sorted({f.category for f in s.solutions}),
        }
        for table, labels in keys.items():
            for label in labels:
                row = tables[table].setdefault(label, Row(label))
                row.stories += 1
                if count is not None:
                    row.admitted += count
                    row.reporting += 1
    out = Aggregates(admitted_total=total)
    for table in ("provinces", "difficulties", "solutions"):
        setattr(out, table, sorted(tables[table].values(), key=lambda r: (-r.stories, r.label)))
    out.years = sorted(tables["years"].values(), key=lambda r: r.label, reverse=True)
    for table in ("difficulties", "solutions"):
        for row in getattr(out, table):
            row.label = f"{taxonomy.label(row.label, 'vi')} / {taxonomy.label(row.label, 'en')}"
    return out
