"""Prompts for the LLM engines, from the versioned files in ``prompts/`` (shipped as ``summarizer.prompts``).

The prompt version is a hash of those files, so editing a prompt changes every LLM record's engine
version and the run store redoes the articles (nothing summarised by an old prompt is served as new).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

import jinja2

from ...guard import neutralise
from ...vietnamese import taxonomy

PROMPT_FILES = ("system.j2", "user.j2", "example_article.txt", "example_answer.json")


@lru_cache(maxsize=1)
def _files() -> dict[str, str]:
    root = resources.files("summarizer.prompts")
    return {name: root.joinpath(name).read_text(encoding="utf-8") for name in PROMPT_FILES}


@lru_cache(maxsize=1)
def prompt_version() -> str:
    """A short hash of every prompt file: part of the LLM engine's version."""
    digest = hashlib.sha256()
    for name, text in sorted(_files().items()):
        digest.update(name.encode() + b"\0" + text.encode())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    # Prompts are plain text for a model, not HTML: no autoescaping, and the article is passed as is.
    return jinja2.Environment(
        loader=jinja2.DictLoader(_files()), undefined=jinja2.StrictUndefined, keep_trailing_newline=False
    )


@lru_cache(maxsize=1)
def _preamble() -> tuple[tuple[str, str], ...]:
    """The messages before the article (system prompt and the worked example): the same for every call."""
    env = _environment()
    system = env.get_template("system.j2").render(
        difficulty_codes=taxonomy.codes("difficulty"),
        solution_codes=taxonomy.codes("solution"),
        metric_codes=list(taxonomy.METRICS),
    )
    example = env.get_template("user.j2").render(
        text=_files()["example_article.txt"].strip(), part=0, parts=0
    )
    example_answer = json.dumps(json.loads(_files()["example_answer.json"]), ensure_ascii=False)
    return (("system", system), ("user", example), ("assistant", example_answer))


def build_messages(text: str, *, part: int = 0, parts: int = 0) -> list[dict[str, str]]:
    """System prompt, one worked example, then the article (or one part of a long article), its text that
    addresses a model (orders, role markers, fake delimiters) neutralised: the article is data."""
    article = _environment().get_template("user.j2").render(text=neutralise(text), part=part, parts=parts)
    return [{"role": role, "content": content} for role, content in _preamble()] + [
        {"role": "user", "content": article}
    ]
