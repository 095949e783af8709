"""One article (or one part of it) asked of the model through ``instructor``: a validated answer, or the
last answer salvaged with a note on why, or the error that no answer can come from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...errors import EngineError, LLMRequestError, ModelRefusalError
from ...models import Usage
from ...settings import Settings
from .answer import ASKING, Answer, lenient
from .convert import completion_text, refusal_of, usage_of
from .review import Asking
from .transport import Transport

#: The longest raw answer kept in a record (characters); a longer one is cut, and the record says so.
MAX_RAW_ANSWER_CHARS = 20_000


def bounded_raw(raw: str, warnings: list[str] | None = None) -> str:
    """``raw`` cut to :data:`MAX_RAW_ANSWER_CHARS`, the cut said in ``warnings`` when given."""
    if len(raw) <= MAX_RAW_ANSWER_CHARS:
        return raw
    if warnings is not None:
        warnings.append(f"raw_answer cut to {MAX_RAW_ANSWER_CHARS} of {len(raw)} characters")
    return raw[:MAX_RAW_ANSWER_CHARS]


@dataclass
class Asked:
    """What one ask gave: the answer (``None`` when nothing could be read), its usage, and, when it was
    salvaged, the raw last answer and the note saying why."""

    answer: Answer | None
    usage: Usage
    raw: str | None = None
    note: str | None = None


async def ask(
    patched: Any,
    messages: list[dict[str, str]],
    asking: Asking,
    settings: Settings,
    transport: Transport,
    redact: Callable[[str], str],
) -> Asked:
    """A validated answer, or the salvageable last answer with its raw text and a note on why."""
    from instructor.core.exceptions import (
        IncompleteOutputException,
        InstructorRetryException,
        TokenBudgetError,
    )

    token = ASKING.set(asking)
    try:
        answer = await patched(response_model=Answer, max_retries=settings.max_retries,
                               token_budget=settings.max_tokens_per_article, model=settings.model,
                               messages=messages, temperature=settings.temperature,
                               max_tokens=settings.max_output_tokens)  # fmt: skip
    except IncompleteOutputException as exc:
        raw = completion_text(exc.last_completion)
        note = ("salvaged: the model's output was cut off (finish_reason=length); raise "
                "--max-output-tokens or lower --max-chars-per-call")  # fmt: skip
        return Asked(lenient(raw), usage_of(exc.last_completion), raw, note)
    except InstructorRetryException as exc:
        cause = exc.__cause__
        usage = usage_of(None, exc.total_usage)
        if isinstance(cause, EngineError):  # the transport gave up: no re-ask can help
            cause.usage = usage.model_copy(update={"calls": transport.calls})
            raise cause from None
        last = exc.failed_attempts[-1].completion if exc.failed_attempts else exc.last_completion
        if last is None:  # no answer ever arrived: a failed call, not a model's answer to salvage
            raise LLMRequestError(f"no answer could be read from the server: {redact(str(cause or exc))[:300]}",
                                  attempts=transport.answers, usage=usage) from None  # fmt: skip
        raw = completion_text(last)
        refusal = refusal_of(last)
        if refusal:
            raise ModelRefusalError(f"the model refused: {redact(refusal)}", attempts=transport.answers,
                                    raw_answer=bounded_raw(redact(raw or "")), usage=usage) from None  # fmt: skip
        why = ("the per-article token budget was reached" if isinstance(exc, TokenBudgetError)
               else f"no valid answer after {transport.answers} attempts")  # fmt: skip
        return Asked(
            lenient(raw),
            usage,
            raw,
            f"salvaged: {why}; kept only the items of the last answer found in the article",
        )
    finally:
        ASKING.reset(token)
    usage = usage_of(None, getattr(answer, "_total_usage", None))
    if asking.stalled:
        note = (
            "salvaged: a re-ask made no progress (the same problems again); kept only what the article backs"
        )
        return Asked(answer, usage, None, note)
    return Asked(answer, usage)
