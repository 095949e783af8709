"""The HTTP side of model engines: the raw chat-completion call, its transport retries and rate limits.

Kept apart from the validation loop (instructor's re-asks), so call counts and cassettes tell the truth:
429 (honouring ``Retry-After``), 5xx, timeouts and dropped connections are retried here with capped
exponential backoff and jitter; 400/401/403/404 fail at once, and so does a connection refused on this
machine (no server runs there: the batch stops at its first article). The ``openai`` client's own retries are
off. An API error never reaches the prompt.

Every call has a total deadline: the HTTP client's timeout is per read, so a server that sends a byte
every few seconds would otherwise hold a call forever. An answer that cannot be read (invalid UTF-8,
JSON nested too deep to decode) is a failed call, never a model answer to salvage.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import time
from collections.abc import Awaitable, Callable
from typing import Any

from ...errors import (
    EngineError,
    LLMAuthError,
    LLMConnectionRefusedError,
    LLMRequestError,
    LLMTransportError,
)


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
        deadline: float | None = None,
    ) -> None:
        self._create = create
        #: Seconds one call may take in all, however slowly its answer trickles in (``None``: no limit).
        self.deadline = deadline
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
            if _nothing_listening(exc):
                return False
            return isinstance(
                exc, (openai.APITimeoutError, openai.APIConnectionError, EmptyCompletion, DeadlineExceeded)
            )

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
                    response = await self._call(kwargs)
                    if not hasattr(response, "choices"):
                        raise LLMRequestError("the server's answer is not a chat completion (is --base-url an "
                                              "OpenAI-compatible /v1 endpoint?)")  # fmt: skip
                    if not response.choices:
                        raise EmptyCompletion("the server answered with no choices")
                    self.answers += 1
                    if self.limiter is not None:
                        self.limiter.spent(getattr(getattr(response, "usage", None), "total_tokens", 0) or 0)
                    return response
        except (openai.APIError, EmptyCompletion, DeadlineExceeded) as exc:
            raise self._error(exc) from None
        raise AssertionError("unreachable")  # pragma: no cover

    async def _call(self, kwargs: dict[str, Any]) -> Any:
        """One HTTP call within the deadline; an answer that cannot be decoded is an engine error."""
        call = asyncio.ensure_future(self._create(**kwargs))
        try:
            done, _ = await asyncio.wait({call}, timeout=self.deadline)
        finally:
            call.cancel()  # past the deadline, or this coroutine was cancelled: the call goes too
        if not done:
            await asyncio.wait({call})  # let it close its connection
            raise DeadlineExceeded(f"no complete answer within {self.deadline:g}s")
        try:
            return call.result()
        except (ValueError, RecursionError) as exc:  # invalid UTF-8, JSON not JSON or nested too deep
            detail = self.redact(f"{type(exc).__name__}: {exc}")[:300]
            raise LLMRequestError(
                f"the server's answer could not be read as a chat completion ({detail}); check --base-url",
                attempts=self.answers,
            ) from None

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
        if _nothing_listening(exc):
            url = exc.request.url  # type: ignore[attr-defined]
            return LLMConnectionRefusedError(f"connection refused by {url.host}:{url.port}", **known)
        if isinstance(exc, openai.APIResponseValidationError):
            return LLMRequestError(f"the server's answer is not a chat completion: {detail}", **known)
        return LLMTransportError(f"gave up after {self.calls} calls ({detail}); "
                                 f"waited {sum(self.waits):.1f}s in all", **known)  # fmt: skip


@functools.cache
def ssl_context() -> Any:
    """The TLS context httpx would build for every client (certifi's CAs, ``SSL_CERT_FILE`` honoured),
    built once per process: loading the CAs costs 50 ms, and every event loop needs its own client."""
    import httpx

    return httpx.create_ssl_context()


class EmptyCompletion(Exception):
    """A 200 answer with no choices: treated like a server error (retried)."""


class DeadlineExceeded(Exception):
    """A call outlasted its total deadline (an answer trickling in): treated like a timeout (retried)."""


def _nothing_listening(exc: BaseException) -> bool:
    """A connection this machine refused: no server runs at that port, and no retry will start one (a
    remote host may refuse for a moment while it restarts, so that is retried)."""
    import openai

    request = getattr(exc, "request", None) if isinstance(exc, openai.APIConnectionError) else None
    host = request.url.host if request is not None else ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return local
        cause = cause.__cause__ or cause.__context__
    return False


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
