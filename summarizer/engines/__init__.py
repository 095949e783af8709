"""The engines, looked up by name: ``offline`` (embedded, the default), ``llm`` (any OpenAI-compatible
server) and ``local`` (a GGUF model in this process). Each is imported only when asked for, so a missing
extra is one clear :class:`~summarizer.errors.ConfigError`, whichever engine needs it."""

from __future__ import annotations

import importlib

from ..errors import ConfigError
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
    except ImportError as exc:
        raise ConfigError(
            f"the {kind} engine needs the [{extra}] extra: pip install 'summarizer[{extra}]' "
            f"from the project's checkout or wheel (missing: {exc.name or exc})"
        ) from exc
    engine: Engine = (
        getattr(module, class_name)() if kind == "offline" else getattr(module, class_name)(settings)
    )
    return engine
