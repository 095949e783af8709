"""Bilingual briefs of one article, in Markdown or HTML, from any engine's summary.

Templates live in ``templates/`` (shipped as ``summarizer.templates``). Everything that comes from an
article or a model is untrusted: HTML templates are autoescaped, and the Markdown filter escapes HTML
and table pipes, so a ``<script>`` in an article stays text wherever the brief is shown.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from .. import wording
from ..models import ArticleSummary, BatchRecord, Finding, Locality, NumericResult
from ..vietnamese import taxonomy
from . import english
from .render import environment, safe_stem, write_text

Lang = Literal["vi", "en"]
Fmt = Literal["md", "html"]

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "untitled": "(không có tiêu đề)", "published": "Ngày đăng", "locality": "Địa bàn",
        "current": "Sau sắp xếp 7/2025", "original_title": "Tiêu đề gốc", "source": "Tệp nguồn", "engine": "Công cụ tóm tắt",
        "summary": "Tóm tắt", "figures": "Số liệu chính", "metric": "Chỉ số", "value": "Giá trị",
        "period": "Thời gian", "evidence": "Trích dẫn", "difficulties": "Khó khăn", "solutions": "Giải pháp",
        "not_relevant": "Bài viết không về công tác phát triển đảng viên.", "unknown": "chưa xác định",
    },
    "en": {
        "untitled": "(untitled)", "published": "Published", "locality": "Locality",
        "current": "Since the July 2025 reorganisation", "original_title": "Original title", "source": "Source file", "engine": "Summarised by",
        "summary": "Summary", "figures": "Key figures", "metric": "Metric", "value": "Value",
        "period": "Period", "evidence": "Quote", "difficulties": "Difficulties", "solutions": "Solutions",
        "not_relevant": "The article is not about party-member development.", "unknown": "not determined",
    },
}  # fmt: skip


def place(loc: Locality | None, lang: Lang) -> str:
    """'phường Mỹ Thượng, thành phố Huế' / 'Mỹ Thượng ward, Huế city' (:func:`summarizer.wording.place`),
    or 'not determined' with the engine's note."""
    named = wording.place(loc, lang) if loc and (loc.province or loc.commune) else ""
    if named:
        return named
    return LABELS[lang]["unknown"] + (f" ({loc.note})" if loc and loc.note else "")


def _current(loc: Locality | None, lang: Lang) -> str | None:
    if loc is None or loc.current is None or not loc.current.province:
        return None
    return wording.place(loc.current, lang)


def _finding(f: Finding, lang: Lang, summary: ArticleSummary) -> dict[str, str]:
    label = taxonomy.label(f.category, lang)
    text = f.text if lang == "vi" else english.finding_en(f, summary)
    if text.rstrip("…").lower() in f.evidence.lower():  # an extractive paraphrase is the quote itself
        text = ""
    return {"label": label, "text": text, "evidence": f.evidence}


def _value(n: NumericResult, lang: Lang) -> str:
    """The value as what it means: 'target: 25–30 party members a year', 'Pha Long commune: 11 …'."""
    return wording.meaning(n, lang, wording.value_en(n) if lang == "en" else wording.value_vi(n))


def brief_context(
    summary: ArticleSummary, lang: Lang, *, source: str = "", engine: str = ""
) -> dict[str, Any]:
    """Everything a brief template shows, already in ``lang``."""
    return {
        "lang": lang,
        "L": LABELS[lang],
        "title": summary.title if lang == "vi" else english.headline_en(summary),
        "original_title": summary.title if lang == "en" else None,
        "published": summary.published.isoformat() if summary.published else None,
        "place": place(summary.locality, lang),
        "current": _current(summary.locality, lang),
        "source": source or None,  # a summary that did not come from a batch has neither: not shown
        "engine": engine or None,
        "relevant": summary.relevant,
        "summary": summary.summary_vi if lang == "vi" else summary.summary_en,
        "figures": [
            {
                "metric": taxonomy.metric_label(n.metric, lang),
                "value": _value(n, lang),
                "period": wording.period(n, lang),
                "evidence": n.evidence,
            }  # fmt: skip
            for n in summary.numeric_results
        ],
        "difficulties": [_finding(f, lang, summary) for f in summary.difficulties],
        "solutions": [_finding(f, lang, summary) for f in summary.solutions],
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
    side, ``lang`` first. ``source`` and ``engine`` are shown as given (the batch passes the record's),
    and left out when not given.
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


@dataclass
class WrittenBriefs:
    """What :func:`write_briefs` left in the folder: every brief file, and how many it (re)wrote."""

    paths: list[Path] = field(default_factory=list)
    rewritten: int = 0


MANIFEST_NAME = ".briefs.json"
"""Beside the briefs: for each stem, a hash of what its files were rendered from."""


@lru_cache(maxsize=1)
def _renderer_version() -> str:
    """A hash of the templates, this package's report code and the wording it uses: a new renderer
    rewrites every brief."""
    h = hashlib.sha256()
    items = [
        *resources.files("summarizer.templates").iterdir(),
        *resources.files("summarizer.report").iterdir(),
    ]
    items.append(resources.files("summarizer").joinpath("wording.py"))
    for item in sorted(items, key=lambda t: t.name):
        if item.is_file() and item.name.endswith((".j2", ".py")):
            h.update(item.name.encode() + b"\0" + item.read_bytes())
    return h.hexdigest()


def write_briefs(
    records: Iterable[BatchRecord],
    out_dir: Path,
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> WrittenBriefs:
    """Write ``<stem>.vi.md``, ``<stem>.en.md`` and ``<stem>.html`` for every summarised record.

    Each file is written atomically. A record whose briefs were rendered from the same record by the
    same renderer (recorded in ``.briefs.json``) and are all still there is not rendered again.
    ``on_progress(done, total)`` is called after each record.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST_NAME
    try:
        previous: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    done: dict[str, str] = {}
    result = WrittenBriefs()
    summarised = [r for r in records if r.summary is not None]
    version = _renderer_version()
    for i, record in enumerate(summarised, 1):
        assert record.summary is not None
        stem = safe_stem(record.source.path)
        paths = [out_dir / f"{stem}.vi.md", out_dir / f"{stem}.en.md", out_dir / f"{stem}.html"]
        key = hashlib.sha256((version + record.model_dump_json()).encode()).hexdigest()
        if previous.get(stem) != key or not all(p.is_file() for p in paths):
            meta = {"source": record.source.path, "engine": record.engine}
            texts = (
                render_brief(record.summary, "vi", "md", **meta),
                render_brief(record.summary, "en", "md", **meta),
                render_brief(record.summary, "vi", "html", **meta),
            )
            for path, text in zip(paths, texts, strict=True):
                write_text(path, text, fsync=False)
            result.rewritten += len(paths)
        done[stem] = key
        result.paths += paths
        if on_progress:
            on_progress(i, len(summarised))
    write_text(manifest_path, json.dumps(done, sort_keys=True))
    return result
