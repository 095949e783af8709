"""Grounded, structured summaries of Vietnamese news articles about party-member development.

>>> import summarizer
>>> summary = summarizer.summarize(article_text)            # one article (text, bytes or a Path)
>>> report = summarizer.summarize_folder("articles", out="out")  # a folder -> out/summaries.jsonl
>>> print(summarizer.render_brief(summary, lang="en", fmt="md"))
"""

from .api import asummarize, summarize
from .batch import BatchReport, summarize_folder
from .brief import render_brief
from .digest import render_digest
from .errors import (
    BinaryInputError,
    ConfigError,
    DecodeError,
    EmptyInputError,
    EngineError,
    GroundingError,
    LoadError,
    SummarizerError,
    TooLargeError,
)
from .evaluate import EvalReport, evaluate
from .models import (
    SCHEMA_VERSION,
    ArticleSummary,
    BatchRecord,
    CurrentUnit,
    Finding,
    Locality,
    LocalityCodes,
    NumericResult,
    SourceInfo,
    Usage,
)
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSummary",
    "BatchRecord",
    "BatchReport",
    "BinaryInputError",
    "ConfigError",
    "CurrentUnit",
    "DecodeError",
    "EmptyInputError",
    "EngineError",
    "EvalReport",
    "Finding",
    "GroundingError",
    "LoadError",
    "Locality",
    "LocalityCodes",
    "NumericResult",
    "Settings",
    "SourceInfo",
    "SummarizerError",
    "TooLargeError",
    "Usage",
    "__version__",
    "asummarize",
    "evaluate",
    "render_brief",
    "render_digest",
    "summarize",
    "summarize_folder",
]
