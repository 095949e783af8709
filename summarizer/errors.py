"""One exception hierarchy for the whole library, rooted in :class:`SummarizerError`.

Every error carries a message that tells the user what to do next. Batch code turns them into
``{"type": ..., "message": ...}`` records instead of letting them stop the run.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class of every error raised on purpose by ``summarizer``."""

    #: ``"failed"`` or ``"skipped"``: how a batch records a file that raised this error.
    status = "failed"


class ConfigError(SummarizerError):
    """The settings do not make sense (unknown engine, missing model name, bad URL...)."""


class LoadError(SummarizerError):
    """An input file could not be turned into article text."""


class EmptyInputError(LoadError):
    """The file is empty or holds only whitespace/markup."""

    status = "skipped"


class TooLargeError(LoadError):
    """The file is larger than ``Settings.max_bytes``."""

    status = "skipped"


class BinaryInputError(LoadError):
    """The file is not text (an image, a PDF, an archive...)."""

    status = "skipped"


class DecodeError(LoadError):
    """The bytes could not be decoded with any supported Vietnamese encoding."""


class EngineError(SummarizerError):
    """An engine could not produce a summary."""


class GroundingError(SummarizerError):
    """An item's evidence could not be found in the article text."""
