"""The LLM engines: an article and the answer schema go through ``instructor`` to a model; the answer is
validated against the article itself, re-asked on failure, and salvaged rather than invented.

Two loops, kept apart so call counts and cassettes tell the truth:

- **transport** (:class:`Transport`, ``tenacity``): 429 (honouring ``Retry-After``), 5xx, timeouts and
  dropped connections are retried with capped exponential backoff and jitter around the raw HTTP call;
  400/401/403/404 fail at once. The ``openai`` client's own retries are off. An API error never
  reaches the prompt.
- **validation** (``instructor``): the answer is parsed into :class:`Answer`, whose validator checks it
  against the article passed as validation context (evidence verbatim, numbers in their evidence and not
  years, places real and nested). A failure goes back to the model with a message it can act on.

After ``max_retries`` re-asks (or when the per-article token budget would be exceeded, or the output was
truncated) the engine *salvages*: it keeps the items of the last answer that pass, records what it
dropped in ``warnings``, and never returns an ungrounded item. The offline engine's locality and numbers
fill gaps and flag figures the model missed.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
import time
import warnings as _warnings
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from instructor import ResponseSchema
from pydantic import BaseModel, Field, ValidationError, ValidationInfo, model_validator

from . import offline, taxonomy
from .clean import CleanArticle
from .engine import EngineResult
from .errors import (
    ConfigError,
    EngineError,
    LLMAuthError,
    LLMRequestError,
    LLMTransportError,
    ModelRefusalError,
)
from .gazetteer import Gazetteer, get_gazetteer
from .locality import locality_of, resolve_locality
from .models import ArticleSummary, Finding, Locality, NumericResult, Usage
from .numbers import result_values
from .prompting import build_messages, prompt_version
from .sentences import split_sentences
from .settings import Settings
from .validate import Grounder, ground_summary

MODES = ("tools", "json", "json_schema", "md_json")

# --- the answer a model fills ------------------------------------------------------------------------


class AnswerLocality(BaseModel):
    province: str | None = None
    district: str | None = None
    commune: str | None = None


class AnswerFinding(BaseModel):
    category: str = Field(description="Taxonomy code.")
    text: str = Field("", description="Short Vietnamese paraphrase.")
    text_en: str = Field("", description="English translation of text.")
    evidence: str = Field(description="Exact quote from the article.")


class AnswerNumber(BaseModel):
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    unit: str = ""
    metric: str = "other"
    period: str | None = None
    subject: str | None = None
    evidence: str = Field(description="Exact quote from the article that contains the number.")


# The article an answer is validated against. Not passed as instructor's ``context``, which would also
# render every message (the untrusted article included) as a Jinja template; a ContextVar is private
# to each asyncio task, so concurrent articles never see each other's article.
_ARTICLE: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "summarizer_article", default=None
)


class Answer(ResponseSchema):
    """What the model is asked to return (the contract's fields it can fill)."""

    relevant: bool = True
    locality: AnswerLocality = Field(default_factory=AnswerLocality)
    difficulties: list[AnswerFinding] = Field(default_factory=list)
    solutions: list[AnswerFinding] = Field(default_factory=list)
    numeric_results: list[AnswerNumber] = Field(default_factory=list)
    summary_vi: str = ""
    summary_en: str = ""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Generated once: instructor asks for it on every call (it is the same for every article)."""
        return json.loads(_schema(cls, args, tuple(sorted(kwargs.items()))))  # a fresh copy, cheaply

    @model_validator(mode="after")
    def _grounded_in_the_article(self, info: ValidationInfo) -> Answer:
        # An explicit context (even empty, as salvage passes) wins over the article being asked about.
        context = info.context if info.context is not None else (_ARTICLE.get() or {})
        grounder = context.get("grounder")
        if grounder is not None:
            problems = answer_problems(self, grounder, context.get("gazetteer") or get_gazetteer())
            if problems:
                raise ValueError(
                    "The answer does not match the article. Fix these and answer again:\n- "
                    + "\n- ".join(problems[:15])
                )
        return self


@functools.lru_cache(maxsize=8)
def _schema(model: type[BaseModel], args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> str:
    return json.dumps(BaseModel.model_json_schema.__func__(model, *args, **dict(kwargs)))  # type: ignore[attr-defined]


def answer_problems(answer: Answer, grounder: Grounder, gaz: Gazetteer) -> list[str]:
    """What is wrong with an answer, phrased for the model to fix."""
    problems: list[str] = []
    for field_name in ("difficulties", "solutions"):
        for i, item in enumerate(getattr(answer, field_name)):
            if grounder.locate(item.evidence) is None:
                problems.append(
                    f"{field_name}[{i}].evidence {item.evidence[:100]!r} is not in the article: "
                    "copy the exact words of the article"
                )
    for i, n in enumerate(answer.numeric_results):
        span = grounder.locate(n.evidence)
        if span is None:
            problems.append(f"numeric_results[{i}].evidence {n.evidence[:100]!r} is not in the article")
            continue
        present = result_values(grounder.text[span[0] : span[1]])
        values = [v for v in (n.value, n.value_min, n.value_max) if v is not None]
        if not values:
            problems.append(f"numeric_results[{i}] has no value")
        elif any(round(float(v), 4) not in present for v in values):
            problems.append(
                f"numeric_results[{i}]: {values} is not written as a count or percentage in its evidence "
                f"{n.evidence[:80]!r} (years, dates and document numbers are not results)"
            )
    loc = answer.locality
    _, place_problems = gaz.resolve_names(loc.province, loc.district, loc.commune)
    problems += [f"locality: {p}; give official names without 'tỉnh/huyện/xã'" for p in place_problems]
    unmentioned = _unmentioned_place(loc, grounder)
    if unmentioned:
        problems.append(
            f"locality: {unmentioned!r} is not mentioned in this article; give the article's own place"
        )
    return problems


def _unmentioned_place(loc: AnswerLocality, grounder: Grounder) -> str | None:
    """The most specific place name given that the article never mentions (a province may be inferred)."""
    deepest = loc.commune or loc.district
    if deepest and grounder.locate(deepest) is None:
        return deepest
    return None


# --- transport -----------------------------------------------------------------------------------------


class RateLimiter:
    """Requests and tokens per minute over a sliding minute, shared by every call of one engine.

    Slots are reserved before waiting, so concurrent coroutines never overshoot; no lock is needed
    because nothing awaits between reading and reserving.
    """

    def __init__(
        self,
        requests_per_minute: int | None,
        tokens_per_minute: int | None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rpm, self.tpm, self.clock = requests_per_minute, tokens_per_minute, clock
        self._requests: list[float] = []
        self._tokens: list[tuple[float, int]] = []

    def delay(self) -> float:
        """Seconds to wait before the next request; the request's slot is reserved."""
        now = self.clock()
        self._requests = [t for t in self._requests if t > now - 60]
        self._tokens = [(t, n) for t, n in self._tokens if t > now - 60]
        wait = 0.0
        if self.rpm and len(self._requests) >= self.rpm:
            wait = max(wait, self._requests[-self.rpm] + 60 - now)
        if self.tpm:
            used = sum(n for _, n in self._tokens)
            for t, n in self._tokens:  # wait until enough of the window's tokens have aged out
                if used < self.tpm:
                    break
                wait = max(wait, t + 60 - now)
                used -= n
        self._requests.append(now + wait)
        return wait

    def spent(self, tokens: int) -> None:
        if self.tpm and tokens:
            self._tokens.append((self.clock(), tokens))


class Transport:
    """The raw chat-completion call with transport retries; counts every HTTP call it makes.

    A fault that outlasts the retries, or one no retry can fix, leaves as an :class:`EngineError` whose
    message says what to do and has ``redact`` applied, so nothing downstream (instructor's logs
    included) ever sees a server message that echoes a key.
    """

    def __init__(
        self,
        create: Callable[..., Awaitable[Any]],
        *,
        retries: int = 4,
        cap: float = 60.0,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        redact: Callable[[str], str] = lambda text: text,
        model: str = "",
        limiter: RateLimiter | None = None,
    ) -> None:
        self._create = create
        self.retries = retries
        self.cap = cap
        self.sleep = sleep
        self.redact = redact
        self.model = model
        self.limiter = limiter
        self.calls = 0
        #: Completions received (model answers), as opposed to calls made.
        self.answers = 0
        #: The waits chosen between attempts, in seconds (tests and logs read them).
        self.waits: list[float] = []

    async def create(self, **kwargs: Any) -> Any:
        """One chat completion, retried through transport faults."""
        import openai
        from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

        backoff = wait_exponential_jitter(initial=1, max=self.cap, jitter=1)

        def wait(state: Any) -> float:
            exc = state.outcome.exception() if state.outcome else None
            chosen = _retry_after(exc)
            return min(chosen, self.cap) if chosen is not None else backoff(state)

        async def sleep(seconds: float) -> None:
            # Recorded here, not in wait(): tenacity computes a wait even when it then stops.
            self.waits.append(seconds)
            await self.sleep(seconds)

        def retryable(exc: BaseException) -> bool:
            if isinstance(exc, openai.APIStatusError):
                return exc.status_code == 429 or exc.status_code >= 500
            return isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, _EmptyCompletion))

        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self.retries + 1),
                wait=wait,
                retry=retry_if_exception(retryable),
                sleep=sleep,
                reraise=True,
            ):
                with attempt:
                    if self.limiter is not None and (pause := self.limiter.delay()) > 0:
                        await self.sleep(pause)
                    self.calls += 1
                    response = await self._create(**kwargs)
                    if not hasattr(response, "choices"):
                        raise LLMRequestError("the server's answer is not a chat completion (is --base-url an "
                                              "OpenAI-compatible /v1 endpoint?)")  # fmt: skip
                    if not response.choices:
                        raise _EmptyCompletion("the server answered with no choices")
                    self.answers += 1
                    if self.limiter is not None:
                        self.limiter.spent(getattr(getattr(response, "usage", None), "total_tokens", 0) or 0)
                    return response
        except (openai.APIError, _EmptyCompletion) as exc:
            raise self._error(exc) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _error(self, exc: Exception) -> EngineError:
        """The engine error for a fault no retry fixed, with a message that says what to do."""
        import openai

        detail = self.redact(str(exc)) or type(exc).__name__
        status = getattr(exc, "status_code", None)
        known: dict[str, Any] = {"attempts": self.answers}
        if isinstance(exc, openai.AuthenticationError):
            return LLMAuthError(
                f"the server refused the API key (401): check OPENAI_API_KEY. {detail}", **known
            )
        if isinstance(exc, openai.PermissionDeniedError):
            return LLMAuthError(f"the key may not use this model (403): {detail}", **known)
        if isinstance(exc, openai.NotFoundError):
            return LLMAuthError(f"model {self.model!r} or the endpoint was not found (404): check --model and "
                                f"--base-url. {detail}", **known)  # fmt: skip
        if status is not None and status < 500 and status != 429:
            return LLMRequestError(f"the server rejected the request ({status}): {detail}", **known)
        if isinstance(exc, openai.APIResponseValidationError):
            return LLMRequestError(f"the server's answer is not a chat completion: {detail}", **known)
        return LLMTransportError(f"gave up after {self.calls} calls ({detail}); "
                                 f"waited {sum(self.waits):.1f}s in all", **known)  # fmt: skip


@functools.cache
def _ssl_context() -> Any:
    """The TLS context httpx would build for every client (certifi's CAs, ``SSL_CERT_FILE`` honoured),
    built once per process: loading the CAs costs 50 ms, and every event loop needs its own client."""
    import httpx

    return httpx.create_ssl_context()


class _Captured(Exception):
    """Raised by a capturing create to stop instructor once the request is prepared."""


class _EmptyCompletion(Exception):
    """A 200 answer with no choices: treated like a server error (retried)."""


def _retry_after(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    for name in ("retry-after-ms", "retry-after"):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value)
        except ValueError:
            return None
        return seconds / 1000 if name.endswith("ms") else seconds
    return None


# --- the engine -------------------------------------------------------------------------------------


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


class LLMEngine:
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
                base_url=self.settings.base_url,
                max_retries=0,  # tenacity owns retries, so every HTTP call is counted and recorded
                timeout=self.settings.timeout,
                http_client=httpx.AsyncClient(transport=self._http_transport, timeout=self.settings.timeout)
                if self._http_transport is not None
                else openai.DefaultAsyncHttpxClient(verify=_ssl_context(), timeout=self.settings.timeout),
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
                              model=self.settings.model or "", limiter=self._limiter)  # fmt: skip
        patched = instructor.patch(create=transport.create, mode=_instructor_mode(self.mode))
        grounder = Grounder(article.text)
        gaz = get_gazetteer()
        chunks = _chunks(article.text, self.settings.max_chars_per_call)
        answers: list[Answer] = []
        notes: list[str] = []
        usage = Usage()
        raw: str | None = None
        for part, chunk in enumerate(chunks, start=1):
            messages = build_messages(chunk, part=part if len(chunks) > 1 else 0, parts=len(chunks))
            answer, chunk_usage, chunk_raw, note = await self._ask(
                patched, messages, grounder, gaz, transport
            )
            usage = usage + chunk_usage
            if note:
                notes.append(note)
                raw = chunk_raw
            if answer is not None:
                answers.append(answer)
        usage.calls = transport.calls
        summary = to_summary(_merge(answers), article, grounder, gaz, notes)
        if self._secret and self._secret in summary.model_dump_json():  # a model echoing the key
            summary = ArticleSummary.model_validate(_map_strings(summary.model_dump(), self._redact))
        return EngineResult(summary, usage, transport.answers, self._redact(raw) if raw else None)

    async def _ask(
        self,
        patched: Any,
        messages: list[dict[str, str]],
        grounder: Grounder,
        gaz: Gazetteer,
        transport: Transport,
    ) -> tuple[Answer | None, Usage, str | None, str | None]:
        """A validated answer, or the salvageable last answer with its raw text and a note on why."""
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        token = _ARTICLE.set({"grounder": grounder, "gazetteer": gaz})
        try:
            with _warnings.catch_warnings():
                _warnings.simplefilter("ignore")
                answer = await patched(
                    response_model=Answer,
                    max_retries=self.settings.max_retries,
                    token_budget=self.settings.max_tokens_per_article,
                    model=self.settings.model,
                    messages=messages,
                    temperature=self.settings.temperature,
                    max_tokens=self.settings.max_output_tokens,
                )
        except IncompleteOutputException as exc:
            raw = _completion_text(exc.last_completion)
            note = ("salvaged: the model's output was cut off (finish_reason=length); raise "
                    "--max-output-tokens or lower --max-chars-per-call")  # fmt: skip
            return _lenient(raw), usage_of(exc.last_completion), raw, note
        except InstructorRetryException as exc:
            cause = exc.__cause__
            usage = usage_of(None, exc.total_usage)
            if isinstance(cause, EngineError):  # the transport gave up: no re-ask can help
                cause.usage = usage.model_copy(update={"calls": transport.calls})
                raise cause from None
            last = exc.failed_attempts[-1].completion if exc.failed_attempts else exc.last_completion
            raw = _completion_text(last)
            refusal = _refusal(last)
            if refusal:
                raise ModelRefusalError(f"the model refused: {self._redact(refusal)}", attempts=transport.answers,
                                        raw_answer=self._redact(raw or ""), usage=usage) from None  # fmt: skip
            why = ("the per-article token budget was reached" if "Budget" in type(exc).__name__
                   else f"no valid answer after {transport.answers} attempts")  # fmt: skip
            return (
                _lenient(raw),
                usage,
                raw,
                f"salvaged: {why}; kept only the items of the last answer found in the article",
            )
        finally:
            _ARTICLE.reset(token)
        return answer, usage_of(None, getattr(answer, "_total_usage", None)), None, None

    def warm_up(self) -> None:
        """Do now the one-off work of a first request: instructor and the HTTP stack import most of
        themselves lazily, at a cost of about 0.3 s of CPU. A batch calls this before it forks its worker
        processes, so they start with it done instead of each paying it on its first article."""
        import anyio
        import httpcore  # noqa: F401  (httpx imports its connection pool on first use)

        self.request_body("warm-up")
        _ssl_context()
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
        text = _completion_text(completion)
        data = _json_object(text)
        if data is None:
            return None
        grounder, gaz = Grounder(article.text), get_gazetteer()
        try:
            answer = Answer.model_validate(data, context={"grounder": grounder, "gazetteer": gaz})
        except ValidationError:
            return None
        return EngineResult(to_summary(answer, article, grounder, gaz, []), usage, 1, None)

    def _redact(self, text: str) -> str:
        return text.replace(self._secret, "***") if self._secret else text


def _map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """``fn`` applied to every string value of nested dicts and lists (keys untouched)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {k: _map_strings(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_strings(v, fn) for v in value]
    return value


def _chunks(text: str, max_chars: int) -> list[str]:
    """The text itself, or parts of at most ``max_chars`` cut at sentence ends (never mid-sentence)."""
    if len(text) <= max_chars:
        return [text]
    parts: list[str] = []
    start = 0
    end = 0
    for s in split_sentences(text):
        if s.end - start > max_chars and end > start:
            parts.append(text[start:end])
            start = s.start
        end = s.end
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def _merge(answers: list[Answer]) -> Answer | None:
    """Answers for the parts of one article as one answer (duplicates go when evidence is grounded)."""
    if not answers:
        return None
    if len(answers) == 1:
        return answers[0]
    first_place = next(
        (a.locality for a in answers if a.locality.province or a.locality.commune), AnswerLocality()
    )
    return Answer(
        relevant=any(a.relevant for a in answers),
        locality=first_place,
        difficulties=[d for a in answers for d in a.difficulties],
        solutions=[s for a in answers for s in a.solutions],
        numeric_results=[n for a in answers for n in a.numeric_results],
        summary_vi=" ".join(a.summary_vi for a in answers if a.summary_vi),
        summary_en=" ".join(a.summary_en for a in answers if a.summary_en),
    )


def to_summary(
    answer: Answer | None, article: CleanArticle, grounder: Grounder, gaz: Gazetteer, notes: list[str]
) -> ArticleSummary:
    """The contract's summary from a (possibly salvaged) answer: every item re-grounded, gaps filled."""
    answer = answer or Answer(relevant=True)
    warnings = list(notes)
    unit, _ = gaz.resolve_names(answer.locality.province, answer.locality.district, answer.locality.commune)
    if _unmentioned_place(answer.locality, grounder):
        unit = None
    locality: Locality | None
    if unit is not None:
        locality = locality_of(unit, article.text, gaz)
    else:
        locality = resolve_locality(article.text, article.title, gaz)
        if answer.locality.province or answer.locality.commune:
            warnings.append(
                "the model's locality is not an official unit named in the article; the offline resolver's is used"
            )

    def finding(item: AnswerFinding, kind: taxonomy.Kind) -> Finding:
        code = (
            item.category
            if item.category in taxonomy.codes(kind)
            else taxonomy.categorize(item.evidence, kind)
        )
        return Finding(text=item.text or item.evidence, text_en=item.text_en or taxonomy.label(code, "en"),
                       category=code, evidence=item.evidence)  # fmt: skip

    numbers = [
        NumericResult(
            value=_num(n.value),
            value_min=_num(n.value_min),
            value_max=_num(n.value_max),
            unit=n.unit or None,
            metric=n.metric if n.metric in taxonomy.METRICS else "other",
            period=n.period,
            subject=n.subject,
            evidence=n.evidence,
        )  # fmt: skip
        for n in answer.numeric_results
        if any(v is not None for v in (n.value, n.value_min, n.value_max))
    ]
    summary = ArticleSummary(
        title=article.title,
        published=article.published,
        relevant=answer.relevant,
        locality=locality,
        difficulties=[finding(d, "difficulty") for d in answer.difficulties],
        solutions=[finding(s, "solution") for s in answer.solutions],
        numeric_results=numbers,
        summary_vi=answer.summary_vi,
        summary_en=answer.summary_en,
        warnings=warnings,
    )
    summary = ground_summary(summary, article.text, grounder)
    if summary.relevant:
        reported = {round(float(v), 4) for n in summary.numeric_results for v in (n.value, n.value_min, n.value_max)
                    if v is not None}  # fmt: skip
        missed = [n.evidence for n in offline.extract_numbers(article.text)
                  if any(v is not None and round(float(v), 4) not in reported for v in (n.value, n.value_min, n.value_max))]  # fmt: skip
        if missed:
            summary.warnings.append(
                "figures in the article the model did not report: " + "; ".join(missed[:10])
            )
    return summary


def _num(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _completion_text(completion: Any) -> str | None:
    """What the model said: the message content or the tool call's arguments."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return calls[0].function.arguments
    return getattr(message, "content", None)


def _refusal(completion: Any) -> str | None:
    try:
        return completion.choices[0].message.refusal or None
    except (AttributeError, IndexError, TypeError):
        return None


def _json_object(raw: str | None) -> Any:
    """The JSON object in a model's answer (fenced, or with prose around it), or ``None``."""
    if not raw:
        return None
    text = raw.strip()
    if text.startswith("```"):
        text = text.strip("`").split("\n", 1)[-1]
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        return json.loads(text[start : end + 1])
    except json.JSONDecodeError:
        return None


def _lenient(raw: str | None) -> Answer | None:
    """The last answer parsed without validation context, for salvage (None when it is not JSON at all)."""
    data = _json_object(raw)
    if data is None:
        return None
    try:
        return Answer.model_validate(data, context={})  # the schema only: grounding comes after
    except ValidationError:
        return _fields_that_parse(data)


def _fields_that_parse(data: Any) -> Answer | None:
    """Keep the list items that fit the schema when the answer as a whole does not."""
    if not isinstance(data, dict):
        return None
    kept: dict[str, Any] = {}
    for key, item_model in (
        ("difficulties", AnswerFinding),
        ("solutions", AnswerFinding),
        ("numeric_results", AnswerNumber),
    ):
        items = data.get(key)
        if isinstance(items, list):
            kept[key] = []
            for item in items:
                try:
                    kept[key].append(item_model.model_validate(item))
                except ValidationError:
                    continue
    for key in ("summary_vi", "summary_en"):
        if isinstance(data.get(key), str):
            kept[key] = data[key]
    return Answer.model_validate(kept, context={})


def usage_of(completion: Any, total: Any = None) -> Usage:
    """Tokens of one completion, or of instructor's running total across re-asks when given."""
    u = total if total is not None else getattr(completion, "usage", None)
    return Usage(
        prompt_tokens=getattr(u, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(u, "completion_tokens", 0) or 0,
    )
