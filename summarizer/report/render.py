"""What every report shares: one Jinja2 environment over the bundled templates, the filters that keep
untrusted text inert, and safe file names.

Everything that comes from an article or a model is untrusted: HTML templates are autoescaped, and the
Markdown filter escapes HTML and table pipes, so a ``<script>`` in an article stays text wherever a
report is shown.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2

_MD_ESCAPES = str.maketrans({"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "\\|"})


def _md(value: Any) -> str:
    """Untrusted text for Markdown: no raw HTML, no table breaks, one line."""
    return re.sub(r"\s+", " ", str(value)).strip().translate(_MD_ESCAPES)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment over the bundled templates (autoescape on for ``*.html.j2``)."""
    templates = resources.files("summarizer.templates")

    def load(name: str) -> str | None:
        resource = templates.joinpath(name)
        return resource.read_text(encoding="utf-8") if resource.is_file() else None

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _md
    return env


def safe_stem(source_path: str) -> str:
    """A file name for a record's briefs: 'sub/a b.txt' -> 'sub__a_b'. Never a path outside the folder."""
    stem = source_path.rsplit(".", 1)[0] if "." in source_path.rsplit("/", 1)[-1] else source_path
    stem = stem.replace("\\", "/").replace("/", "__")
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "article"
    return stem[:150]
