"""Bilingual briefs of one article, in Markdown or HTML, from any engine's summary.

Templates live in ``templates/`` (shipped as ``summarizer.templates``). Everything that comes from an
article or a model is untrusted: HTML templates are autoescaped, and the Markdown filter escapes HTML
and table pipes, so a ``<script>`` in an article stays text wherever the brief is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from ..models import ArticleSummary, BatchRecord, Finding, Locality
from ..vietnamese import taxonomy
from .render import environment, safe_stem

Lang = Literal["vi", "en"]
Fmt = Literal["md", "html"]

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "untitled": "(không có tiêu đề)", "published": "Ngày đăng", "locality": "Địa bàn",
        "current": "Sau sắp xếp 7/2025", "source": "Tệp nguồn", "engine": "Công cụ tóm tắt",
        "summary": "Tóm tắt", "figures": "Số liệu chính", "metric": "Chỉ số", "value": "Giá trị",
        "period": "Thời gian", "evidence": "Trích dẫn", "difficulties": "Khó khăn", "solutions": "Giải pháp",
        "not_relevant": "Bài viết không về công tác phát triển đảng viên.", "unknown": "chưa xác định",
        "province": "tỉnh", "district": "huyện", "commune": "xã",
    },
    "en": {
        "untitled": "(untitled)", "published": "Published", "locality": "Locality",
        "current": "Since the July 2025 reorganisation", "source": "Source file", "engine": "Summarised by",
        "summary": "Summary", "figures": "Key figures", "metric": "Metric", "value": "Value",
        "period": "Period", "evidence": "Quote", "difficulties": "Difficulties", "solutions": "Solutions",
        "not_relevant": "The article is not about party-member development.", "unknown": "not determined",
        "province": "province", "district": "district", "commune": "commune",
    },
}  # fmt: skip


def place(loc: Locality | None, lang: Lang) -> str:
    """'Lũng Cú (xã), Đồng Văn (huyện), Hà Giang (tỉnh)' in the brief's language."""
    labels = LABELS[lang]
    if loc is None or not (loc.province or loc.commune):
        return labels["unknown"] + (f" ({loc.note})" if loc and loc.note else "")
    parts = [(loc.commune, "commune"), (loc.district, "district"), (loc.province, "province")]
    return ", ".join(f"{name} ({labels[level]})" for name, level in parts if name)


def _current(loc: Locality | None) -> str | None:
    if loc is None or loc.current is None or not loc.current.province:
        return None
    return ", ".join(p for p in (loc.current.commune, loc.current.province) if p)


def _finding(f: Finding, lang: Lang) -> dict[str, str]:
    label = taxonomy.label(f.category, lang)
    text = f.text if lang == "vi" else (f.text_en if f.text_en and f.text_en != label else "")
    if text.rstrip("…").lower() in f.evidence.lower():  # an extractive paraphrase is the quote itself
        text = ""
    return {"label": label, "text": text, "evidence": f.evidence}


def brief_context(
    summary: ArticleSummary, lang: Lang, *, source: str = "", engine: str = ""
) -> dict[str, Any]:
    """Everything a brief template shows, already in ``lang``."""
    return {
        "lang": lang,
        "L": LABELS[lang],
        "title": summary.title,
        "published": summary.published.isoformat() if summary.published else None,
        "place": place(summary.locality, lang),
        "current": _current(summary.locality),
        "source": source,
        "engine": engine or "?",
        "relevant": summary.relevant,
        "summary": summary.summary_vi if lang == "vi" else summary.summary_en,
        "figures": [
            {
                "metric": taxonomy.metric_label(n.metric, lang),
                "value": taxonomy.number_text(n, lang),
                "period": n.period,
                "evidence": n.evidence,
            }  # fmt: skip
            for n in summary.numeric_results
        ],
        "difficulties": [_finding(f, lang) for f in summary.difficulties],
        "solutions": [_finding(f, lang) for f in summary.solutions],
    }


def render_brief(
    summary: ArticleSummary,
    lang: Lang = "vi",
    fmt: Fmt = "md",
    *,
    source: str = "",
    engine: str = "",
) -> str:
    """Render one article's brief.

    ``fmt="md"`` gives the brief in ``lang``; ``fmt="html"`` gives one page with both languages side by
    side, ``lang`` first. ``source`` and ``engine`` are shown as given (the batch passes the record's).
    """
    env = environment()
    if fmt == "md":
        return env.get_template("brief.md.j2").render(
            **brief_context(summary, lang, source=source, engine=engine)
        )
    if fmt == "html":
        order: list[Lang] = [lang, "en" if lang == "vi" else "vi"]
        columns = [brief_context(summary, lg, source=source, engine=engine) for lg in order]
        return env.get_template("brief.html.j2").render(columns=columns)
    raise ValueError(f"fmt must be 'md' or 'html', not {fmt!r}")


def write_briefs(records: Iterable[BatchRecord], out_dir: Path) -> list[Path]:
    """Write ``<stem>.vi.md``, ``<stem>.en.md`` and ``<stem>.html`` for every summarised record."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for record in records:
        if record.summary is None:
            continue
        stem = safe_stem(record.source.path)
        meta = {"source": record.source.path, "engine": record.engine}
        for name, text in (
            (f"{stem}.vi.md", render_brief(record.summary, "vi", "md", **meta)),
            (f"{stem}.en.md", render_brief(record.summary, "en", "md", **meta)),
            (f"{stem}.html", render_brief(record.summary, "vi", "html", **meta)),
        ):
            path = out_dir / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
