"""A scripted model for tests: no network, no key, no model weights.

``summarizer``'s answers are checked against the article, so a test of a pipeline built on it needs a
model that answers like one, grounded or not, and fails like a server does::

    from summarizer.testing import ScriptedModel, rate_limited, ungrounded

    def test_my_pipeline(scripted_model):           # the pytest fixture (a fresh ScriptedModel)
        scripted_model.script(rate_limited(), ungrounded(ANSWER), ANSWER)
        summary = summarizer.summarize(text, engine=scripted_model.engine())
        assert scripted_model.calls == 3 and scripted_model.requests[2].is_reask

A model is fed *steps*, one per HTTP request (the last one repeats): an answer (a ``dict`` in the
shape of the answer schema, or a ``str`` sent as is), a fault (:func:`rate_limited`,
:func:`server_error`, :func:`timeout`, :func:`truncated`; :func:`ungrounded` spoils an answer), an
``httpx.Response``, or a function of the :class:`ModelRequest` that returns any of these. It answers in
whatever instructor mode the request was made in (a tool call for ``tools``, a fenced block for
``md_json``, JSON text otherwise).

:meth:`ScriptedModel.engine` gives an engine that talks to it through an ``httpx`` transport (no
socket). :meth:`ScriptedModel.serve` serves it on 127.0.0.1 for code that builds its own engine from
settings in another process (``summarize_folder``'s worker processes, a CLI in a subprocess); the
server answers a bounded number of requests and stops by itself.

Needs the ``[llm]`` extra (``httpx`` comes with ``openai``): without it, importing this module raises an
``ImportError`` that says how to install it (the modules themselves are imported only when a model
answers). The fixture is registered for pytest by this package's ``pytest11`` entry point.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .errors import missing_extra
from .settings import Settings

for _module in ("openai", "instructor", "httpx"):  # found, not imported: pytest loads this at start-up
    if importlib.util.find_spec(_module) is None:
        _missing = ModuleNotFoundError(f"No module named {_module!r}", name=_module)
        raise ImportError(str(missing_extra("summarizer.testing", "llm", _missing)), name=_module)

__all__ = [
    "Fault",
    "ModelRequest",
    "ScriptedModel",
    "completion",
    "http_error",
    "grounded_in",
    "rate_limited",
    "server_error",
    "timeout",
    "truncated",
    "ungrounded",
]

#: A quote no article contains: what :func:`ungrounded` adds to an answer.
INVENTED_QUOTE = "Chi bộ đã kết nạp 999 đảng viên trong một ngày"


@dataclass(frozen=True)
class ModelRequest:
    """One chat-completion request the model received (the body the library sent)."""

    body: dict[str, Any]

    @property
    def model(self) -> str:
        return str(self.body.get("model", ""))

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def mode(self) -> str:
        """The instructor mode the request was made in: ``tools``, ``json_schema``, ``json`` (a JSON-object
        response format) or ``md_json`` (neither: the prompt asks for a fenced block)."""
        if self.body.get("tools"):
            return "tools"
        kind = str((self.body.get("response_format") or {}).get("type"))
        return {"json_schema": "json_schema", "json_object": "json"}.get(kind, "md_json")

    @property
    def _article_index(self) -> int:
        """The article's message: the first user message after the worked example's answer (or the last
        user message when there is no example)."""
        messages = self.messages
        for i, message in enumerate(messages):
            if message.get("role") == "user" and any(m.get("role") == "assistant" for m in messages[:i]):
                return i
        return max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=0)

    @property
    def article(self) -> str:
        """The text of the message that carries the article (or one part of it)."""
        content = self.messages[self._article_index].get("content") if self.messages else ""
        return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)

    @property
    def is_reask(self) -> bool:
        """Whether this request re-asks after a rejected answer (messages follow the article's)."""
        return len(self.messages) > self._article_index + 1

    @property
    def feedback(self) -> str:
        """What the re-ask told the model was wrong ('' for a first ask)."""
        if not self.is_reask:
            return ""
        return "\n".join(
            str(m.get("content") or "")
            for m in self.messages[self._article_index + 1 :]
            if m.get("role") in ("user", "tool")
        )


@dataclass(frozen=True)
class Fault:
    """A scripted failure: an HTTP error status (429, 5xx, 401...), a timeout, or a cut-off answer."""

    kind: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    message: str = ""
    answer: Any = None
    keep: int = 0


def http_error(status: int, message: str = "scripted error", headers: dict[str, str] | None = None) -> Fault:
    """An error answer with this status and an OpenAI-style error body carrying ``message``."""
    return Fault("status", status, headers or {}, message)


def rate_limited(retry_after: float = 0.0) -> Fault:
    """A 429 with ``Retry-After`` (seconds): the engine waits and retries, it is not a re-ask."""
    return http_error(429, "scripted rate limit", {"retry-after": f"{retry_after:g}"})


def server_error(status: int = 503) -> Fault:
    """A 5xx: retried with backoff by the engine's transport."""
    return http_error(status, f"scripted {status}")


def timeout() -> Fault:
    """A request that never gets an answer (through :meth:`ScriptedModel.serve`: a dropped connection)."""
    return Fault("timeout")


def truncated(answer: Any, keep: int = 400) -> Fault:
    """``answer`` cut after ``keep`` characters with ``finish_reason=length`` (the output-token limit)."""
    return Fault("truncated", answer=answer, keep=keep)


def ungrounded(answer: dict[str, Any], quote: str = INVENTED_QUOTE) -> dict[str, Any]:
    """A copy of ``answer`` with one more solution whose quote is not in any article: the engine re-asks
    (or, out of re-asks, drops it)."""
    spoiled = copy.deepcopy(answer)
    spoiled.setdefault("solutions", []).append(
        {"category": "other", "text": "Bịa ra", "text_en": "Invented", "evidence": quote}
    )
    return spoiled


def grounded_in(answer: dict[str, Any], text: str) -> dict[str, Any]:
    """``answer`` with only the items whose quote is in ``text`` (what a good model answers for one part
    of a long article)."""
    kept = copy.deepcopy(answer)
    for key in ("difficulties", "solutions", "numeric_results"):
        kept[key] = [item for item in kept.get(key, []) if item.get("evidence", "") in text]
    return kept


Step = Any  # dict | str | Fault | httpx.Response | Callable[[ModelRequest], Step]


def completion(
    answer: Any,
    request: ModelRequest | None = None,
    *,
    finish: str = "stop",
    prompt_tokens: int = 300,
    completion_tokens: int = 120,
) -> dict[str, Any]:
    """A chat-completion body answering with ``answer``, shaped for the mode of ``request`` when given
    (a tool call, a fenced block) and as JSON text otherwise."""
    content = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if request is not None and request.mode == "tools":
        choice = request.body.get("tool_choice")
        name = (
            choice["function"]["name"]
            if isinstance(choice, dict)
            else request.body["tools"][0]["function"]["name"]
        )
        message = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_0", "type": "function", "function": {"name": name, "arguments": content}}]}  # fmt: skip
        finish = "tool_calls" if finish == "stop" else finish
    elif request is not None and request.mode == "md_json":
        message["content"] = f"```json\n{content}\n```"  # md_json asks for a fenced block
    return {
        "id": "chatcmpl-scripted", "object": "chat.completion", "created": 0,
        "model": request.model if request else "scripted",
        "choices": [{"index": 0, "finish_reason": finish, "message": message}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }  # fmt: skip


class ScriptedModel:
    """An OpenAI-compatible chat model that answers from a script and keeps every request it got."""

    def __init__(self, *steps: Step, prompt_tokens: int = 300, completion_tokens: int = 120) -> None:
        self.prompt_tokens, self.completion_tokens = prompt_tokens, completion_tokens
        self._lock = threading.Lock()
        self.requests: list[ModelRequest] = []
        #: The waits the engines of :meth:`engine` chose between transport retries (they never sleep).
        self.waits: list[float] = []
        #: Exceptions raised by step functions (each was answered with a 500).
        self.errors: list[Exception] = []
        self._steps: list[Step] = []
        self.script(*steps)

    def script(self, *steps: Step) -> ScriptedModel:
        """Replace the steps still to come (the last one repeats for every further request)."""
        with self._lock:
            self._steps = list(steps)
        return self

    @property
    def calls(self) -> int:
        """HTTP requests received (transport retries and re-asks included)."""
        return len(self.requests)

    def _next(self, body: dict[str, Any]) -> tuple[ModelRequest, Step]:
        request = ModelRequest(body)
        with self._lock:
            self.requests.append(request)
            if not self._steps:
                raise AssertionError("the scripted model was given no answer: ScriptedModel(answer, ...)")
            step = self._steps.pop(0) if len(self._steps) > 1 else self._steps[0]
        while callable(step) and not isinstance(step, Fault):
            try:
                step = step(request)
            except Exception as exc:  # a bug in the test's function: a 500 the test can see in .errors
                self.errors.append(exc)
                return request, http_error(500, f"the scripted model's function failed: {exc!r}")
        return request, step

    def respond(self, body: dict[str, Any]) -> tuple[int, dict[str, str], bytes | None]:
        """(status, headers, body bytes, or ``None`` for a timeout) for one request body: the socket-free
        transport and the 127.0.0.1 server both answer with it."""
        request, step = self._next(body)
        if hasattr(step, "status_code") and hasattr(step, "content"):  # an httpx.Response, sent as is
            return step.status_code, dict(step.headers), step.content
        if isinstance(step, Fault) and step.kind == "timeout":
            return 0, {}, None
        if isinstance(step, Fault) and step.kind == "status":
            error = {"error": {"message": step.message, "type": "scripted"}}
            return step.status, step.headers, json.dumps(error).encode()
        finish = "stop"
        if isinstance(step, Fault):  # truncated
            text = (
                step.answer if isinstance(step.answer, str) else json.dumps(step.answer, ensure_ascii=False)
            )
            step, finish = text[: step.keep], "length"
        answer = completion(step, request, finish=finish, prompt_tokens=self.prompt_tokens,
                            completion_tokens=self.completion_tokens)  # fmt: skip
        return 200, {}, json.dumps(answer, ensure_ascii=False).encode("utf-8")

    def transport(self) -> Any:
        """An ``httpx`` transport that answers in process (no socket); sync and async clients alike."""
        import httpx

        def handle(request: httpx.Request) -> httpx.Response:
            code, headers, content = self.respond(json.loads(request.content or b"{}"))
            if content is None:
                raise httpx.ReadTimeout("scripted timeout", request=request)
            return httpx.Response(
                code, headers={"content-type": "application/json", **headers}, content=content
            )

        return httpx.MockTransport(handle)

    def settings(self, **overrides: Any) -> Settings:
        """Settings for an LLM engine that talks to this model (``overrides`` win)."""
        options: dict[str, Any] = {"engine": "llm", "model": "scripted",
                                   "base_url": "http://scripted.invalid/v1", "mode": "json", **overrides}  # fmt: skip
        return Settings(**options)

    def engine(self, settings: Settings | None = None, **overrides: Any) -> Any:
        """An LLM engine that talks to this model through :meth:`transport`. Transport retries do not
        sleep (their waits are kept in :attr:`waits`), so a test of a 429 takes no time."""
        from .engines.llm.engine import LLMEngine

        async def no_wait(seconds: float) -> None:
            self.waits.append(seconds)

        return LLMEngine(
            settings or self.settings(**overrides), http_transport=self.transport(), sleep=no_wait
        )

    @contextmanager
    def serve(self, *, max_requests: int = 1000, seconds: float = 300.0) -> Iterator[str]:
        """Serve this model on 127.0.0.1 (a free port) and yield its base URL (``http://127.0.0.1:N/v1``).

        The server answers at most ``max_requests`` requests (then 503) and shuts itself down after
        ``seconds`` even if the ``with`` block never ends."""
        model = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                code: int
                headers: dict[str, str]
                data: bytes | None
                if model.calls >= max_requests:
                    code, headers, data = 503, {}, b'{"error": {"message": "scripted server: request limit"}}'
                else:
                    code, headers, data = model.respond(json.loads(raw or b"{}"))
                if data is None:  # a timeout: the connection drops without an answer
                    self.close_connection = True
                    return
                self.send_response(code)
                for name, value in {"content-type": "application/json", **headers}.items():
                    if name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        stopper = threading.Timer(seconds, server.shutdown)
        stopper.daemon = True
        threading.Thread(target=server.serve_forever, name="scripted-model", daemon=True).start()
        stopper.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}/v1"
        finally:
            stopper.cancel()
            server.shutdown()
            server.server_close()


def _scripted_model() -> ScriptedModel:
    """A fresh :class:`ScriptedModel` with no steps yet: give it some with ``.script(...)``."""
    return ScriptedModel()


try:  # the fixture, for pytest (which loads this module as a plugin); the kit works without pytest
    import pytest
except ImportError:  # pragma: no cover
    pass
else:
    scripted_model = pytest.fixture(_scripted_model, name="scripted_model")
