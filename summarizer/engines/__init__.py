"""The engines, looked up by name: ``offline`` (embedded, the default), ``llm`` (any OpenAI-compatible
server) and ``local`` (a GGUF model in this process). Each is imported only when asked for, so a missing
extra is one clear :class:`~summarizer.errors.ConfigError`, whichever engine needs it."""

from __future__ import annotations

import importlib

from ..errors import missing_extra
from ..settings import Settings
from .base import Engine, EngineResult, Placement

__all__ = ["Engine", "EngineResult", "Placement", "get_engine"]

# name -> (module, class, the extra that brings its dependencies)
_ENGINES = {
    "offline": ("summarizer.engines.offline", "OfflineEngine", None),
    "llm": ("summarizer.engines.llm", "LLMEngine", "llm"),
    "local": ("summarizer.engines.local", "LocalEngine", "local"),
}


def get_engine(settings: Settings) -> Engine:
    """The engine the settings ask for; a :class:`ConfigError` that says what to install when its extra is
    missing."""
    kind = settings.resolved_engine()
    module_name, class_name, extra = _ENGINES[kind]
    try:
        module = importlib.import_module(module_name)
        cls = getattr(module, class_name)
        # Engines may import their extra's heavier modules when built (llama_cpp for local).
        engine: Engine = cls() if kind == "offline" else cls(settings)
    except ImportError as exc:
        raise missing_extra(f"the {kind} engine", extra or kind, exc) from exc
    if kind == "llm":
        settings.check_key()  # before any request: a missing key would otherwise show only as 401s
    return engine
