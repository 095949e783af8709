"""Grounded, structured summaries of Vietnamese news articles about party-member development.

>>> import summarizer
>>> summary = summarizer.summarize(article_text)            # one article (text, bytes or a Path)
>>> report = summarizer.summarize_folder("articles", out="out")  # a folder -> out/summaries.jsonl
>>> print(summarizer.render_brief(summary, lang="en", fmt="md"))
"""

from .api import asummarize, summarize
from .batch import BatchReport, summarize_folder
from .engines import Engine, get_engine
from .errors import (
    BinaryInputError,
    ConfigError,
    DecodeError,
    EmptyInputError,
    EngineError,
    LoadError,
    SummarizerError,
    TooLargeError,
)
from .evaluation import EvalReport, evaluate
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
from .report import render_brief, render_digest
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
    "Engine",
    "EngineError",
    "EvalReport",
    "Finding",
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
    "get_engine",
    "render_brief",
    "render_digest",
    "summarize",
    "summarize_folder",
]
