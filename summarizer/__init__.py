"""Grounded, structured summaries of Vietnamese news articles about party-member development.

>>> import summarizer
>>> summary = summarizer.summarize(article_text)            # one article (text, bytes or a Path)
>>> report = summarizer.summarize_folder("articles", out="out")  # a folder -> out/summaries.jsonl
>>> print(summarizer.render_brief(summary, lang="en", fmt="md"))

The names below are imported on first use (PEP 562), so ``import summarizer`` and the command line start
fast; ``from summarizer import X`` works as usual.
"""

import importlib as _importlib
import typing as _typing

__version__ = "0.1.0"

#: public name -> the module that defines it
_LAZY = {
    "asummarize": "api", "summarize": "api",
    "BatchReport": "batch", "summarize_folder": "batch",
    "Engine": "engines", "get_engine": "engines",
    "ArticleTimeoutError": "errors", "BatchInterrupted": "errors", "BatchStopped": "errors",
    "BinaryInputError": "errors", "ConfigError": "errors", "DecodeError": "errors",
    "EmptyInputError": "errors", "EngineError": "errors", "Fault": "errors", "LLMAuthError": "errors",
    "LLMConnectionRefusedError": "errors", "LLMRequestError": "errors", "LLMTransportError": "errors",
    "LoadError": "errors", "ModelRefusalError": "errors", "OutputBusyError": "errors",
    "OutputError": "errors", "SkippedInputError": "errors", "SummarizerError": "errors",
    "TooLargeError": "errors",
    "EvalReport": "evaluation", "evaluate": "evaluation",
    "SCHEMA_VERSION": "models", "ArticleSummary": "models", "BatchRecord": "models", "CurrentUnit": "models",
    "Finding": "models", "Locality": "models", "LocalityCodes": "models", "NumericResult": "models",
    "SourceInfo": "models", "Usage": "models",
    "render_brief": "report", "render_digest": "report",
    "Settings": "settings",
}  # fmt: skip

__all__ = [
    "ArticleSummary",
    "ArticleTimeoutError",
    "BatchInterrupted",
    "BatchRecord",
    "BatchReport",
    "BatchStopped",
    "BinaryInputError",
    "ConfigError",
    "CurrentUnit",
    "DecodeError",
    "EmptyInputError",
    "Engine",
    "EngineError",
    "EvalReport",
    "Fault",
    "Finding",
    "LLMAuthError",
    "LLMConnectionRefusedError",
    "LLMRequestError",
    "LLMTransportError",
    "LoadError",
    "Locality",
    "LocalityCodes",
    "ModelRefusalError",
    "NumericResult",
    "OutputBusyError",
    "OutputError",
    "SCHEMA_VERSION",
    "Settings",
    "SkippedInputError",
    "SourceInfo",
    "SummarizerError",
    "TooLargeError",
    "Usage",
    "asummarize",
    "evaluate",
    "get_engine",
    "render_brief",
    "render_digest",
    "summarize",
    "summarize_folder",
    "__version__",
]


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


if _typing.TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    from .api import asummarize, summarize
    from .batch import BatchReport, summarize_folder
    from .engines import Engine, get_engine
    from .errors import (
        ArticleTimeoutError,
        BatchInterrupted,
        BatchStopped,
        BinaryInputError,
        ConfigError,
        DecodeError,
        EmptyInputError,
        EngineError,
        Fault,
        LLMAuthError,
        LLMConnectionRefusedError,
        LLMRequestError,
        LLMTransportError,
        LoadError,
        ModelRefusalError,
        OutputBusyError,
        OutputError,
        SkippedInputError,
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
