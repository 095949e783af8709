"""The folder digest: one self-contained HTML page over a batch's records, light enough for 10 000 of them.

Aggregates come first (stories by province, year and category, with the admissions they report), then a
map with one marker per place sized by its number of stories, then the numeric results as a table that
the page pages, filters (province, metric, category) and sorts (by value within each metric) from one
compact JSON block, so the page holds each title once rather than once per row. Syndicated copies of a
story are grouped (:mod:`.dedupe`) and counted once, with their copies listed. No script or style is
fetched from anywhere. Untrusted text (titles, quotes, place and category names) is escaped by Jinja in
the page and enters the table only through ``textContent``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from .. import wording
from ..models import BatchRecord, NumericResult
from ..vietnamese import taxonomy
from ..vietnamese.gazetteer import get_gazetteer
from ..vietnamese.numbers import format_number
from .aggregate import Aggregates, aggregate, province_of
from .brief import place
from .dedupe import Story, group_stories
from .render import environment, safe_stem, write_text

DIGEST_NAME = "digest.html"
_SCALE = 40.0  # SVG units per degree of latitude


class _Projection:
    """Longitude/latitude to SVG coordinates over the gazetteer's extent (equirectangular, scaled at 16°N)."""

    def __init__(self, points: list[tuple[float, float]]) -> None:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        self.lat0, self.lon0 = max(lats) + 0.2, min(lons) - 0.2
        self.kx = _SCALE * math.cos(math.radians(16))
        self.width = round((max(lons) + 0.2 - self.lon0) * self.kx)
        self.height = round((self.lat0 - min(lats) + 0.2) * _SCALE)

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return round((lon - self.lon0) * self.kx, 1), round((self.lat0 - lat) * _SCALE, 1)


def _map(stories: list[Story]) -> dict[str, Any]:
    """The commune points as one SVG path, and one marker per place, its area proportional to its stories."""
    points = get_gazetteer().points
    project = _Projection(points)
    basemap = "".join("M{} {}h0".format(*project(lat, lon)) for lat, lon in points)
    places: dict[tuple[float, float], dict[str, Any]] = {}
    for story in stories:
        loc = story.record.summary.locality if story.record.summary else None
        if loc is None or loc.latitude is None or loc.longitude is None:
            continue
        x, y = project(loc.latitude, loc.longitude)
        marker = places.setdefault((x, y), {"x": x, "y": y, "n": 0, "label": place(loc, "en")})
        marker["n"] += 1
    markers = sorted(places.values(), key=lambda m: -m["n"])  # the largest drawn first, under the rest
    # Area proportional to the stories: 3 units of radius for one story, the largest marker at most 30.
    k = min(3.0, 30 / math.sqrt(markers[0]["n"])) if markers else 3.0
    for m in markers:
        m["r"] = round(max(1.5, k * math.sqrt(m["n"])), 1)
    return {"width": project.width, "height": project.height, "basemap": basemap, "markers": markers}


def _table_data(stories: list[Story], briefs_dir: str | None) -> dict[str, Any]:
    """Everything the detail table shows, each title, label and period once, rows as index tuples."""
    metrics = {m: i for i, m in enumerate(taxonomy.METRICS)}
    categories = {c: i for i, c in enumerate(sorted({f.category for st in stories if st.record.summary
                  for f in (*st.record.summary.difficulties, *st.record.summary.solutions)}))}  # fmt: skip
    provinces = {p: i for i, p in enumerate(sorted({province_of(st.record.summary) for st in stories
                                                    if st.record.summary}))}  # fmt: skip
    periods: dict[str, int] = {"": 0}
    shapes: dict[str, int] = {}
    articles, rows = [], []
    for i, story in enumerate(stories):
        s = story.record.summary
        assert s is not None
        cats = sorted({categories[f.category] for f in (*s.difficulties, *s.solutions)})
        stem = safe_stem(story.record.source.path) if briefs_dir else ""
        articles.append([s.title or story.record.source.path, provinces[province_of(s)], stem, cats,
                         len(story.copies)])  # fmt: skip
        for n in s.numeric_results:
            metric = metrics.setdefault(n.metric, len(metrics))
            period = periods.setdefault(wording.period(n, "en") or n.period or "", len(periods))
            value = n.value if n.value is not None else n.value_min
            rows.append([i, metric, value, shapes.setdefault(_shape(n), len(shapes)), period])
    return {
        "briefs_dir": briefs_dir or "",
        "metrics": [f"{taxonomy.metric_label(m, 'vi')} / {taxonomy.metric_label(m, 'en')}" for m in metrics],
        "categories": [f"{taxonomy.label(c, 'vi')} / {taxonomy.label(c, 'en')}" for c in categories],
        "provinces": list(provinces),
        "periods": list(periods),
        "shapes": list(shapes),
        "articles": articles,
        "rows": rows,
    }


def _shape(n: NumericResult) -> str:
    """How a value is shown, with '{}' where the page writes a whole number ('over {} party members'), so
    10 000 rows share a few dozen strings; other values (ranges, decimals) are written out whole."""
    text = wording.meaning(n, "en", wording.value_en(n))
    whole = n.value is not None and float(n.value).is_integer()
    return text.replace(format_number(n.value, "en"), "{}", 1) if whole else text.replace("{}", "{ }")


def _json_for_script(data: Any) -> Markup:
    """JSON that cannot end the ``<script>`` element holding it, whatever the strings in it say."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _link(record: BatchRecord, briefs_dir: str | None) -> dict[str, str | None]:
    """A record as the page links it: its source path, and its brief when briefs are written."""
    href = f"{briefs_dir}/{quote(safe_stem(record.source.path))}.html" if briefs_dir else None
    title = record.summary.title if record.summary and record.summary.title else None
    return {"path": record.source.path, "title": title or record.source.path, "href": href}


def _apart(agg: Aggregates, briefs_dir: str | None) -> dict[str, list[dict[str, Any]]]:
    """Multi-year totals and conflicts, each figure linked to its story's brief."""
    multi = [
        {"story": _link(r, briefs_dir), "place": place(r.summary.locality if r.summary else None, "en"),
         "value": f"{wording.value_vi(n)} / {wording.value_en(n)}", "period": wording.period(n, "en") or ""}
        for r, n in agg.multi_year
    ]  # fmt: skip
    conflicts = [
        {"unit": c.unit, "metric": c.metric, "period": c.period,
         "claims": [{"value": cl.value, **_link(cl.record, briefs_dir)} for cl in c.claims]}
        for c in agg.conflicts
    ]  # fmt: skip
    return {"multi_year": multi, "conflicts": conflicts}


def _copies(stories: list[Story], briefs_dir: str | None) -> list[dict[str, Any]]:
    return [
        {
            "title": st.record.summary.title if st.record.summary else None,
            "copies": [_link(r, briefs_dir) for r in (st.record, *st.copies)],
        }  # fmt: skip
        for st in stories
        if st.copies
    ]


def render_digest(records: Iterable[BatchRecord], *, briefs_dir: str | None = "briefs") -> str:
    """The digest page for a batch's records (``briefs_dir``: where per-article briefs are linked)."""
    records = list(records)
    ok = [r for r in records if r.status == "ok" and r.summary is not None]
    relevant = [r for r in ok if r.summary and r.summary.relevant]
    stories = group_stories(relevant)
    agg = aggregate(stories)
    context = {
        "counts": {
            "files": len(records),
            "ok": len(ok),
            "relevant": len(relevant),
            "stories": len(stories),
            "copies": len(relevant) - len(stories),
            "failed": sum(r.status == "failed" for r in records),
            "skipped": sum(r.status == "skipped" for r in records),
        },
        "agg": agg,
        **_apart(agg, briefs_dir),
        "map": _map(stories),
        "data": _json_for_script(_table_data(stories, briefs_dir)),
        "syndicated": _copies(stories, briefs_dir),
        "engines": sorted({r.engine for r in ok}),
    }
    return environment().get_template("digest.html.j2").render(**context)


def write_digest(records: Iterable[BatchRecord], out_dir: Path, *, briefs_dir: str | None = "briefs") -> Path:
    """Write ``digest.html`` atomically (a full disk or a crash keeps the previous page)."""
    path = out_dir / DIGEST_NAME
    write_text(path, render_digest(records, briefs_dir=briefs_dir))
    return path
