"""What every report shares: one Jinja2 environment over the bundled templates, the filters that keep
untrusted text inert, and safe file names.

Everything that comes from an article or a model is untrusted: HTML templates are autoescaped, and the
Markdown filter escapes HTML, table pipes and link/image brackets, so neither a ``<script>`` nor a
``[x](javascript:…)`` or ``![](http://…)`` in an article does anything wherever a report is shown.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from ..batch.atomic import write_atomically
from ..names import cut_bytes

# One pass, so an article's own backslash cannot un-escape the bracket after it.
_MD_ESCAPES = str.maketrans(
    {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "\\|", "\\": "\\\\", "[": "\\[", "]": "\\]", "`": "\\`"}
)


def _md(value: Any) -> str:
    """Untrusted text for Markdown: no raw HTML, no links or images, no code spans, no table breaks, one line."""
    return re.sub(r"\s+", " ", str(value)).strip().translate(_MD_ESCAPES)


def _md_code(value: Any) -> str:
    """Untrusted text as a Markdown code span (nothing inside is markup), fenced longer than any backtick run."""
    text = re.sub(r"\s+", " ", str(value)).strip()
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""  # CommonMark strips one space each side
    return f"{fence}{pad}{text}{pad}{fence}"


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
    env.filters["md_code"] = _md_code
    return env


#: In bytes: a file system limits a name's bytes (255 on most), and a brief's name adds a suffix and, while
#: it is written, a temporary prefix and tail (see :mod:`summarizer.batch.atomic`).
_MAX_STEM = 120


def safe_stem(source_path: str) -> str:
    """A file name for a record's briefs, unique and stable, never a path outside the folder.

    A path that is already a safe file name is kept whole, extension included ('a.txt' -> 'a.txt', so
    'a.html' stays apart); any other is made safe and given a short hash of the path itself
    ('sub/a b.txt' -> 'sub__a_b.txt-<hash>'), so 'a b.txt', 'a_b.txt', 'sub/x.txt', 'sub__x.txt' and
    long names sharing a prefix never overwrite each other.
    """
    stem = source_path.replace("\\", "/").replace("/", "__")
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._-") or "article"
    if stem == source_path and len(stem.encode("utf-8", "surrogatepass")) <= _MAX_STEM:
        return stem
    digest = hashlib.sha256(source_path.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{cut_bytes(stem, _MAX_STEM)}-{digest}"


def write_text(path: Path, text: str, *, fsync: bool = True) -> None:
    """Write a report atomically (temporary file, then rename): a full disk or a crash keeps the old file."""
    write_atomically(path, [text.removesuffix("\n")], fsync=fsync)
