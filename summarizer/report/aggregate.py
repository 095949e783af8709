"""What the digest counts and sums, over stories (syndicated copies counted once).

Only comparable figures are added: each story contributes at most its key figure (the main locality's
actual admissions over the most recent stated period, ``NumericResult.key``), and only when that figure
covers a single stated year. Multi-year totals are listed apart, never added to single years; targets,
averages and part figures are never summed. Where two stories give different figures for the same unit,
metric and years, the digest shows them side by side as a conflict.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .. import wording
from ..models import ArticleSummary, BatchRecord, NumericResult
from ..vietnamese import taxonomy
from .dedupe import Story

UNKNOWN = "?"


@dataclass
class Row:
    """One line of an aggregate table: its label, the stories it counts and the admissions they report."""

    label: str
    stories: int = 0
    admitted: float = 0
    reporting: int = 0  # stories whose single-year key figure is in ``admitted``
    bar: float | None = None  # the bar's length in percent of the table's largest (None: no bar)


@dataclass
class Table:
    """An aggregate table and what its bars show ('' when there are none: every row is the same)."""

    rows: list[Row] = field(default_factory=list)
    bar_of: str = ""


@dataclass
class Claim:
    """One story's figure in a conflict: the record (for its brief) and the value as shown."""

    record: BatchRecord
    value: str


@dataclass
class Conflict:
    """Different figures from different stories for the same unit, metric and years."""

    unit: str
    metric: str
    period: str
    claims: list[Claim]


@dataclass
class Aggregates:
    provinces: Table = field(default_factory=Table)
    years: Table = field(default_factory=Table)
    difficulties: Table = field(default_factory=Table)
    solutions: Table = field(default_factory=Table)
    admitted_total: float = 0
    multi_year: list[tuple[BatchRecord, NumericResult]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def key_figure(summary: ArticleSummary) -> NumericResult | None:
    """The story's key figure when it is an exact count of the main locality's actual admissions."""
    n = wording.key_figure(summary.numeric_results)
    return n if n is not None and n.value is not None and n.unit != "%" else None


def single_year(n: NumericResult | None) -> int | None:
    """The year a figure covers when it covers exactly one stated year."""
    return n.years[0] if n is not None and n.years is not None and n.years[0] == n.years[1] else None


def province_of(summary: ArticleSummary) -> str:
    loc = summary.locality
    return loc.province if loc and loc.province else UNKNOWN


def _with_bars(rows: list[Row]) -> Table:
    """Bars show the measure that differs between rows: stories, else admissions, else nothing."""
    for measure, label in (("stories", "stories"), ("admitted", "admissions")):
        values = [getattr(r, measure) for r in rows]
        if len(set(values)) > 1 and max(values) > 0:
            for r in rows:
                r.bar = round(100 * getattr(r, measure) / max(values), 1)
            return Table(rows, label)
    return Table(rows)


Unit = tuple[str, str, str]  # (province, district, commune), lower case, '' where not named


def _unit_key(summary: ArticleSummary) -> Unit | None:
    loc = summary.locality
    if loc is None or not (loc.province or loc.commune):
        return None
    return ((loc.province or "").lower(), (loc.district or "").lower(), (loc.commune or "").lower())


def _above(unit: Unit) -> list[Unit]:
    """The units that contain this one: its district, its province."""
    p, d, c = unit
    return [u for u in ((p, d, "") if c and d else None, (p, "", "") if d or c else None) if u]


def counted(figures: list[tuple[int, Unit, int, float]]) -> dict[int, float]:
    """Which single-year key figures a total may add, by story index: one per unit and year (stories that
    agree count once; stories that disagree are a conflict and are not added), and none of a unit whose
    province or district reports the same year (the larger unit's figure already holds it)."""
    by_unit: dict[tuple[Unit, int], list[tuple[int, float]]] = defaultdict(list)
    for story, unit, year, value in figures:
        by_unit[(unit, year)].append((story, value))
    out = {}
    for (unit, year), claims in by_unit.items():
        if len({v for _, v in claims}) > 1 or any((up, year) in by_unit for up in _above(unit)):
            continue
        out[claims[0][0]] = claims[0][1]
    return out


def _value_key(n: NumericResult) -> tuple[float | None, float | None, float | None]:
    return (n.value, n.value_min, n.value_max)


def conflicts(stories: list[Story]) -> list[Conflict]:
    """Stories that give the same unit, metric and stated years different actual figures of their main
    locality (each story counted once; a story repeating itself is not a conflict)."""
    groups: dict[tuple[Unit, str, tuple[int, int | None]], list[tuple[BatchRecord, NumericResult]]]
    groups = defaultdict(list)
    for story in stories:
        s = story.record.summary
        unit = _unit_key(s) if s else None
        if s is None or unit is None:
            continue
        seen: set[tuple[str, tuple[int, int | None]]] = set()
        for n in s.numeric_results:
            if n.basis != "actual" or n.scope != "main" or n.years is None or (n.metric, n.years) in seen:
                continue
            seen.add((n.metric, n.years))
            groups[(unit, n.metric, n.years)].append((story.record, n))
    out = []
    for (_, metric, years), claims in groups.items():
        if len({_value_key(n) for _, n in claims}) < 2:
            continue
        summary = claims[0][0].summary
        assert summary is not None
        where = f"{wording.place(summary.locality, 'vi')} / {wording.place(summary.locality, 'en')}"
        label = f"{taxonomy.metric_label(metric, 'vi')} / {taxonomy.metric_label(metric, 'en')}"
        shown = [Claim(r, f"{wording.value_vi(n)} / {wording.value_en(n)}") for r, n in claims]
        out.append(Conflict(where, label, wording.years_text(years, "en"), shown))
    return sorted(out, key=lambda c: (c.unit, c.metric, c.period))


def aggregate(stories: list[Story]) -> Aggregates:
    """Stories by province, year and category, with the admissions their single-year key figures
    report, largest first; multi-year key figures and conflicts apart."""
    tables: dict[str, dict[str, Row]] = defaultdict(dict)
    out = Aggregates()
    singles = []
    for i, story in enumerate(stories):
        s = story.record.summary
        assert s is not None
        figure, unit = key_figure(s), _unit_key(s)
        year = single_year(figure)
        if figure is not None and figure.value is not None and year is not None and unit is not None:
            singles.append((i, unit, year, float(figure.value)))
        elif figure is not None and year is None and figure.years is not None:
            out.multi_year.append((story.record, figure))
    added = counted(singles)
    for i, story in enumerate(stories):
        s = story.record.summary
        assert s is not None
        count = added.get(i)
        year = single_year(key_figure(s)) if count is not None else None
        out.admitted_total += count or 0
        keys = {
            "provinces": [province_of(s)],
            "years": [str(year)] if year is not None else [],
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
    for name in ("provinces", "difficulties", "solutions"):
        rows = sorted(tables[name].values(), key=lambda r: (-r.stories, r.label))
        setattr(out, name, _with_bars(rows))
    out.years = _with_bars(sorted(tables["years"].values(), key=lambda r: r.label, reverse=True))
    for finished in (out.difficulties, out.solutions):
        for row in finished.rows:
            row.label = f"{taxonomy.label(row.label, 'vi')} / {taxonomy.label(row.label, 'en')}"
    out.conflicts = conflicts(stories)
    return out
