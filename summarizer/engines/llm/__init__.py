"""Model engines over any OpenAI-compatible server: :mod:`.prompts` builds the messages, :mod:`.transport`
makes the call, :mod:`.answer` is the schema the model fills and its re-ask messages, :mod:`.convert`
turns an answer into the contract's summary, and :mod:`.engine` runs the loop."""

from .engine import LLMEngine, default_mode

__all__ = ["LLMEngine", "default_mode"]
