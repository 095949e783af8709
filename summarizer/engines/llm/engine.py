"""The LLM engine: an article and the answer schema go through ``instructor`` to a model; the answer is
validated against the article itself, re-asked when that matters, and salvaged rather than invented.

Two loops, kept apart so call counts and cassettes tell the truth: the **transport** loop
(:mod:`.transport`) retries what the network and the server got wrong; the **validation** loop
(``instructor``, :mod:`.ask`) re-asks what the model got wrong that matters (:mod:`.review`).

After ``max_retries`` re-asks, a re-ask that made no progress, a token budget reached or a truncated
output, the engine *salvages*: it keeps the last answer, which the grounding stage then filters like any
other. This module only runs the steps: parts (:mod:`.chunks`), asks, the summary (:mod:`.draft`),
unreported figures (:mod:`.coverage`), redaction and the outcome.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import ValidationError

from ...clean import CleanArticle
from ...errors import ConfigError
from ...ground import Grounder, check_summary
from ...models import ArticleSummary, Obtained, Usage
from ...settings import Settings
from ...vietnamese.gazetteer import get_gazetteer
from ..base import Engine, EngineResult
from .answer import Answer, json_object
from .ask import MAX_RAW_ANSWER_CHARS, Asked, ask, bounded_raw
from .chunks import chunks, merge
from .convert import completion_text, map_strings
from .coverage import unreported
from .prompts import build_messages, prompt_version
from .review import Asking, reask_lines
from .transport import RateLimiter, Transport, ssl_context

__all__ = ["MAX_RAW_ANSWER_CHARS", "LLMEngine", "default_mode"]


class _Captured(Exception):
    """Raised by a capturing create to stop instructor once the request is prepared."""


def default_mode(base_url: str | None) -> str:
    """Tool calling for OpenAI itself; JSON mode (grammar-constrained on llama.cpp) for compatible servers."""
    return "tools" if not base_url or "api.openai.com" in base_url else "json"


def _instructor_mode(mode: str) -> Any:
    import instructor

    return {
        "tools": instructor.Mode.TOOLS,
        "json": instructor.Mode.JSON,
        "json_schema": instructor.Mode.JSON_SCHEMA,
        "md_json": instructor.Mode.MD_JSON,
    }[mode]


class LLMEngine(Engine):
    """Any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp server, LM Studio, OpenRouter).

    The engine is asynchronous at its core (:meth:`asummarize`, used by batches with bounded
    concurrency); :meth:`summarize` runs it to completion for synchronous callers.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        http_transport: Any = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        create: Callable[..., Awaitable[Any]] | None = None,
    ) -> None:
        if not settings.model:
            raise ConfigError("the llm engine needs a model name: pass --model or set SUMMARIZER_MODEL")
        self.settings = settings
        self.mode = settings.mode if settings.mode != "auto" else default_mode(settings.base_url)
        self.name = f"llm:{settings.model}"
        self.version = f"prompt-{prompt_version()}+{self.mode}"
        key = settings.api_key.get_secret_value() if settings.api_key else ""
        # Real keys are long; a placeholder such as "x" or "none" for a local server is not a secret,
        # and redacting it would mangle every article that contains those letters.
        self._secret = key if len(key) >= 8 else None
        self._http_transport = http_transport
        self._create = create
        self._sleep = sleep
        self._limiter = (
            RateLimiter(settings.requests_per_minute, settings.tokens_per_minute)
            if settings.requests_per_minute or settings.tokens_per_minute
            else None
        )
        # One client per event loop: an httpx connection pool belongs to the loop that opened it.
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()

    def __getstate__(self) -> dict[str, Any]:
        # A spawned batch worker gets a pickled copy (see Engine): clients belong to the event loop that
        # opened them, so the copy opens its own.
        return {k: v for k, v in self.__dict__.items() if k != "_clients"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _clients=weakref.WeakKeyDictionary())

    def _loop_create(self) -> Callable[..., Awaitable[Any]]:
        if self._create is not None:
            return self._create
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            import httpx
            import openai

            client = openai.AsyncOpenAI(
                api_key=self._secret or "not-needed",  # local servers accept any key
                base_url=self.settings.endpoint,
                max_retries=0,  # tenacity owns retries, so every HTTP call is counted and recorded
                timeout=self.settings.timeout,
                http_client=httpx.AsyncClient(transport=self._http_transport, timeout=self.settings.timeout)
                if self._http_transport is not None
                else openai.DefaultAsyncHttpxClient(verify=ssl_context(), timeout=self.settings.timeout),
            )
            self._clients[loop] = client
        from openai.types.chat import ChatCompletion

        async def create(**kwargs: Any) -> Any:
            # The same request as chat.completions.create (byte for byte: the cassettes match on body),
            # without re-walking the already-built params against the client's TypedDicts, which cost
            # a quarter of this library's CPU per article in bench/batch_llm.py.
            return await client.post("/chat/completions", body=kwargs, cast_to=ChatCompletion)

        return create

    async def aclose(self) -> None:
        """Close this event loop's HTTP client (batches and :meth:`summarize` do it for you)."""
        client = self._clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.close()

    def summarize(self, article: CleanArticle) -> EngineResult:
        async def once() -> EngineResult:
            try:
                return await self.asummarize(article)
            finally:
                await self.aclose()

        return asyncio.run(once())

    async def asummarize(self, article: CleanArticle) -> EngineResult:
        import instructor

        transport = Transport(self._loop_create(), retries=self.settings.transport_retries,
                              cap=self.settings.retry_cap_seconds, sleep=self._sleep, redact=self._redact,
                              model=self.settings.model or "", limiter=self._limiter,
                              deadline=self.settings.timeout)  # fmt: skip
        patched = instructor.patch(create=transport.create, mode=_instructor_mode(self.mode))
        asking = Asking(article, Grounder(article.text), get_gazetteer())
        parts = chunks(article.text, self.settings.max_chars_per_call)
        asked: list[Asked] = []
        for part, chunk in enumerate(parts, start=1):
            messages = build_messages(chunk, part=part if len(parts) > 1 else 0, parts=len(parts))
            asked.append(await ask(patched, messages, asking, self.settings, transport, self._redact))
        usage = sum((a.usage for a in asked), Usage())
        usage.calls = transport.calls
        notes = [a.note for a in asked if a.note]
        summary = self._summary(asking, [a.answer for a in asked if a.answer is not None], notes, article)
        raw = next((a.raw for a in reversed(asked) if a.raw), None)
        kept = bounded_raw(self._redact(raw), summary.warnings) if raw else None
        obtained: Obtained = (
            "salvaged" if notes else "reasked" if transport.answers > len(parts) else "first_answer"
        )
        return EngineResult(summary, usage, transport.answers, kept, obtained)

    def _summary(
        self, asking: Asking, answers: list[Answer], notes: list[str], article: CleanArticle
    ) -> ArticleSummary:
        """The answers' summary, with the notes, the figures the model did not report, and no secret."""
        answer = merge(answers)
        drafted = (
            asking.last
            if len(answers) == 1 and asking.last is not None and not notes
            else asking.draft(answer)
        )
        summary = drafted.summary.model_copy(update={"warnings": notes + drafted.summary.warnings})
        missed = unreported(check_summary(summary, article.text, asking.grounder).summary, article)
        if missed:
            summary.warnings.append(missed)
        if self._secret and self._secret in summary.model_dump_json():  # a model echoing the key
            summary = ArticleSummary.model_validate(map_strings(summary.model_dump(), self._redact))
        return summary

    def warm_up(self) -> None:
        """Do now the one-off work of a first request: instructor and the HTTP stack import most of
        themselves lazily, at a cost of about 0.3 s of CPU. A batch calls this before it forks its worker
        processes, so they start with it done instead of each paying it on its first article."""
        import anyio
        import httpcore  # noqa: F401  (httpx imports its connection pool on first use)

        self.request_body("warm-up")
        ssl_context()
        asyncio.run(anyio.sleep(0))  # loads anyio's asyncio backend, which httpcore's locks need

    def request_body(self, text: str) -> dict[str, Any]:
        """The chat-completion request this engine would send for ``text`` (for the OpenAI Batch API):
        instructor prepares it as for a live call, and a capturing ``create`` keeps it instead of sending."""
        import instructor
        from instructor.core.exceptions import InstructorRetryException

        captured: dict[str, Any] = {}

        def capture(**kwargs: Any) -> Any:
            captured.update(kwargs)
            raise _Captured

        patched = instructor.patch(create=capture, mode=_instructor_mode(self.mode))
        quiet = logging.getLogger("instructor")
        level, quiet.level = quiet.level, logging.CRITICAL  # the capture is not an API failure worth logging
        try:
            patched(response_model=Answer, max_retries=0, model=self.settings.model, messages=build_messages(text),
                    temperature=self.settings.temperature, max_tokens=self.settings.max_output_tokens)  # fmt: skip
        except InstructorRetryException as exc:
            if not isinstance(exc.__cause__, _Captured):
                raise
        finally:
            quiet.level = level
        return captured

    def from_completion(self, article: CleanArticle, completion: Any, usage: Usage) -> EngineResult | None:
        """A record from one completion obtained elsewhere (the Batch API): grounded and validated like a
        live answer, or ``None`` when it does not pass (the caller re-asks)."""
        data = json_object(completion_text(completion))
        if data is None:
            return None
        try:
            answer = Answer.model_validate(data, context={})
        except ValidationError:
            return None
        asking = Asking(article, Grounder(article.text), get_gazetteer())
        if reask_lines(answer, asking):
            return None
        return EngineResult(self._summary(asking, [answer], [], article), usage, 1, None, "first_answer")

    def _redact(self, text: str) -> str:
        return text.replace(self._secret, "***") if self._secret else text
