"""The folder digest: one self-contained HTML page over a batch's records.

Counts by province, the most frequent difficulty and solution categories, a sortable table of every
numeric result and a map of the article localities. Charts and map are Plotly figures with plotly.js
embedded once in the page, so it works with no network; the map's background is the gazetteer's own
commune coordinates, not tiles or shapes from a CDN. Untrusted text (titles, quotes) is escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..models import BatchRecord
from ..vietnamese import taxonomy
from ..vietnamese.gazetteer import get_gazetteer
from .brief import place
from .render import environment, safe_stem

DIGEST_NAME = "digest.html"
_CONFIG = {"displaylogo": False, "responsive": True}


def _figure_html(fig: Any) -> Markup:
    import plotly.io as pio

    # Plotly writes the figure's JSON into a <script> with "<" and "/" escaped, so text cannot close it.
    return Markup(pio.to_html(fig, full_html=False, include_plotlyjs=False, config=_CONFIG))


def _bar(counts: list[tuple[str, int]], title: str, color: str) -> Markup:
    import plotly.graph_objects as go

    labels = [escape(label) for label, _ in reversed(counts)]
    fig = go.Figure(go.Bar(x=[n for _, n in reversed(counts)], y=labels, orientation="h", marker_color=color))
    fig.update_layout(
        title=title, height=120 + 28 * max(len(counts), 1), margin={"l": 10, "r": 10, "t": 40, "b": 30}
    )
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(tick0=0, dtick=max(1, -(-max((n for _, n in counts), default=1) // 5)))  # whole counts
    return _figure_html(fig)


def _map(ok: list[BatchRecord]) -> Markup:
    import plotly.graph_objects as go

    lats, lons = zip(*get_gazetteer().points, strict=True)
    fig = go.Figure(
        go.Scatter(
            x=lons,
            y=lats,
            mode="markers",
            marker={"size": 2, "color": "#c8c8c8"},
            hoverinfo="skip",
            name="communes",
        )  # fmt: skip
    )
    located = [r for r in ok if r.summary and r.summary.locality and r.summary.locality.latitude is not None]
    fig.add_trace(
        go.Scatter(
            x=[r.summary.locality.longitude for r in located],  # type: ignore[union-attr]
            y=[r.summary.locality.latitude for r in located],  # type: ignore[union-attr]
            mode="markers",
            marker={"size": 12, "color": "#c0392b", "line": {"width": 1, "color": "white"}},
            text=[
                escape(f"{r.summary.title or r.source.path} — {place(r.summary.locality, 'vi')}")  # type: ignore[union-attr]
                for r in located
            ],  # fmt: skip
            hoverinfo="text",
            name="articles",
        )
    )
    fig.update_layout(
        title="Địa bàn các bài viết / Article localities", height=720, showlegend=False,
        margin={"l": 10, "r": 10, "t": 40, "b": 10}, plot_bgcolor="white",
    )  # fmt: skip
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    return _figure_html(fig)


def render_digest(records: Iterable[BatchRecord], *, briefs_dir: str | None = "briefs") -> str:
    """The digest page for a batch's records (``briefs_dir``: where per-article briefs are linked)."""
    import plotly.offline

    records = list(records)
    ok = [r for r in records if r.status == "ok" and r.summary is not None]
    relevant = [r for r in ok if r.summary and r.summary.relevant]
    provinces = Counter(
        (
            r.summary.locality.province
            if r.summary and r.summary.locality and r.summary.locality.province
            else "?"
        )
        for r in relevant
    )
    diff = Counter(f.category for r in relevant if r.summary for f in r.summary.difficulties)
    sol = Counter(f.category for r in relevant if r.summary for f in r.summary.solutions)

    def bilingual(counts: Counter[str]) -> list[tuple[str, int]]:
        return [
            (f"{taxonomy.label(c, 'vi')} / {taxonomy.label(c, 'en')}", n) for c, n in counts.most_common(10)
        ]

    rows = [
        {
            "article": r.summary.title or r.source.path,
            "brief": f"{briefs_dir}/{safe_stem(r.source.path)}.html" if briefs_dir else None,
            "province": r.summary.locality.province if r.summary.locality else None,
            "metric": f"{taxonomy.metric_label(n.metric, 'vi')} / {taxonomy.metric_label(n.metric, 'en')}",
            "value": n.value if n.value is not None else n.value_min,
            "shown": taxonomy.number_text(n, "vi"),
            "period": n.period,
            "evidence": n.evidence,
        }
        for r in relevant
        if r.summary
        for n in r.summary.numeric_results
    ]
    context = {
        "plotly_js": Markup(plotly.offline.get_plotlyjs()),
        "counts": {
            "files": len(records),
            "ok": len(ok),
            "relevant": len(relevant),
            "failed": sum(r.status == "failed" for r in records),
            "skipped": sum(r.status == "skipped" for r in records),
        },
        "provinces_chart": _bar(
            provinces.most_common(), "Bài viết theo tỉnh / Articles by province", "#2c7fb8"
        ),
        "difficulties_chart": _bar(
            bilingual(diff), "Khó khăn thường gặp / Most frequent difficulties", "#e6550d"
        ),
        "solutions_chart": _bar(bilingual(sol), "Giải pháp thường gặp / Most frequent solutions", "#31a354"),
        "map": _map(relevant),
        "rows": rows,
        "engines": sorted({r.engine for r in ok}),
    }
    return environment().get_template("digest.html.j2").render(**context)


def write_digest(records: Iterable[BatchRecord], out_dir: Path, *, briefs_dir: str | None = "briefs") -> Path:
    path = out_dir / DIGEST_NAME
    path.write_text(render_digest(records, briefs_dir=briefs_dir), encoding="utf-8")
    return path
