"""One exception hierarchy for the whole library, rooted in :class:`SummarizerError`::

    SummarizerError
    ├── ConfigError            the settings do not make sense
    ├── OutputError            the output folder cannot be written (also an OSError)
    │   └── OutputBusyError    another run holds it
    ├── LoadError              an input could not become article text
    │   ├── EmptyInputError        (skipped)
    │   ├── TooLargeError          (skipped)
    │   ├── BinaryInputError       (skipped)
    │   ├── SkippedInputError      (skipped: links, pipes, devices)
    │   └── DecodeError
    ├── EngineError            an engine could not produce a summary
    │   ├── ArticleTimeoutError    the article outlasted its time budget
    │   ├── ModelRefusalError      the model refused to answer
    │   ├── LLMRequestError        the server rejected the request
    │   ├── LLMAuthError           the server refused the key or the model       (fault: REFUSED)
    │   └── LLMTransportError      the server could not be reached in time       (fault: UNREACHABLE)
    │       └── LLMConnectionRefusedError   nothing listens at a local address        (fault: NOTHING_LISTENING)
    └── BatchStopped           a batch stopped early (fail-fast)

    BatchInterrupted (a KeyboardInterrupt, not a SummarizerError): Ctrl-C, once the outputs are written.

Every error carries a message that tells the user what to do next. Batch code turns them into
``{"type": ..., "message": ...}`` records instead of letting them stop the run; what a failure says about
the model server travels with the record as a typed :class:`Fault`, never as a class name to compare.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar, Literal


class Fault(enum.Enum):
    """What an article's failure says about the model server rather than the article; fail-fast stops a
    batch after ``streak`` such articles in a row."""

    #: The server could not be reached, or kept failing, through every retry.
    UNREACHABLE = "could not be reached"
    #: The server refused the key or the model: no retry or later article can help.
    REFUSED = "refused the request"
    #: A local address refused the connection: no server is running there, the first article shows it.
    NOTHING_LISTENING = "could not be reached: nothing listens there"

    @property
    def streak(self) -> int:
        """Articles in a row with this fault that stop a batch."""
        return 1 if self is Fault.NOTHING_LISTENING else 3


class SummarizerError(Exception):
    """Base class of every error raised on purpose by ``summarizer``."""

    #: ``"failed"`` or ``"skipped"``: how a batch records a file that raised this error.
    status: Literal["failed", "skipped"] = "failed"
    #: What this error says about the model server (None: the fault is the article's own).
    fault: ClassVar[Fault | None] = None


class ConfigError(SummarizerError):
    """The settings do not make sense (unknown engine, missing model name, bad URL...)."""


class OutputError(SummarizerError, OSError):
    """The output folder cannot be written (a full disk, a read-only folder) or is in use by another run.

    Also an ``OSError``, which is what it replaces, so code that catches that keeps working."""


class OutputBusyError(OutputError):
    """Another run holds the output folder's lock."""


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


class SkippedInputError(LoadError):
    """An entry of the input folder not read on purpose: a link leaving the folder, a link to a folder, a
    pipe or a device."""

    status = "skipped"


class DecodeError(LoadError):
    """The bytes could not be decoded with any supported Vietnamese encoding."""


class EngineError(SummarizerError):
    """An engine could not produce a summary.

    Carries what the attempt cost, so a failed record still shows the calls made, the tokens used and
    the model's last raw answer (with secrets redacted).
    """

    def __init__(
        self, message: str, *, attempts: int = 0, raw_answer: str | None = None, usage: object = None
    ):
        super().__init__(message)
        self.attempts = attempts
        self.raw_answer = raw_answer
        self.usage = usage


class LLMAuthError(EngineError):
    """The server refused the credentials or the model (401, 403, 404): retrying cannot help."""

    fault = Fault.REFUSED


class LLMRequestError(EngineError):
    """The server rejected the request (400) or answered with something that is not a completion."""


class LLMTransportError(EngineError):
    """Rate limits, server errors, timeouts or dropped connections outlasted every transport retry."""

    fault = Fault.UNREACHABLE


class LLMConnectionRefusedError(LLMTransportError):
    """A server on this machine refused the connection: nothing listens at that port, which no retry fixes."""

    fault = Fault.NOTHING_LISTENING


class ArticleTimeoutError(EngineError):
    """One article took longer than ``Settings.article_seconds``: it fails alone, the batch goes on."""


class ModelRefusalError(EngineError):
    """The model refused to answer."""


class BatchStopped(SummarizerError):
    """A batch stopped early because the model server is unreachable or refuses the key.

    Everything finished before the stop is kept in the run store and ``summaries.jsonl``; ``report`` is the
    :class:`~summarizer.batch.BatchReport` of what was done.
    """

    def __init__(self, message: str, report: Any = None):
        super().__init__(message)
        self.report = report


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch, raised once what was finished has been written out (``report`` says what)."""

    def __init__(self, report: Any = None):
        super().__init__()
        self.report = report


def missing_extra(what: str, extra: str, exc: ImportError) -> ConfigError:
    """The error for an optional dependency that is not installed, saying how to install it from this
    project (``summarizer`` on PyPI is an unrelated package, so ``pip install summarizer[...]`` is wrong)."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    checkout = str(root) if (root / "pyproject.toml").is_file() else "/path/to/the/summarizer/checkout"
    return ConfigError(
        f"{what} needs the [{extra}] extra (missing module: {exc.name or exc}); install it from the project: "
        f"pip install '{checkout}[{extra}]'"
    )
