"""The HTML evaluation report (``summarizer eval --html FILE``): one self-contained page.

The template is ``templates/eval.html.j2`` (shipped as ``summarizer.templates``). Autoescape is on
for it: every quote, paraphrase and article id comes from articles or models and is untrusted.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2

from .meaning import PARTS
from .report import fmt_figure
from .results import KINDS, EvalReport

TEMPLATE = "eval.html.j2"


def _environment() -> jinja2.Environment:
    templates = resources.files("summarizer.templates")

    def load(name: str) -> str | None:
        resource = templates.joinpath(name)
        return resource.read_text(encoding="utf-8") if resource.is_file() else None

    # StrictUndefined: a renamed field fails the tests instead of silently rendering blank.
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(load), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip


def render_html(report: EvalReport) -> str:
    """The report as a page: overall figures, then per article its misses and false hits with quotes."""
    figures = [(name, fmt_figure(name, value)) for name, value in report.figures().items()]
    articles = sorted(report.articles, key=lambda a: a.score)  # the worst first: that is where to look
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(report=report, figures=figures, articles=articles, kinds=KINDS, parts=PARTS)
    )


def write_html(report: EvalReport, path: Path) -> Path:
    """Write :func:`render_html` to ``path`` (its folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path
