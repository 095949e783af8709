"""Summarise at the provider's scale and batch price: the OpenAI Batch API.

``prepare`` writes one chat-completion request per pending article (the exact body the live engine
would send, prepared by instructor) to ``OUT/openai-batch/requests.jsonl``; ``submit`` uploads it and
starts the batch; ``status`` polls it; ``collect`` downloads the answers and turns them into records
through the same validators as a live run. An answer that does not validate (or a request that
failed) is re-asked live, through the normal engine with its re-ask loop, so every record is grounded
or salvaged exactly as in ``summarizer batch``. The run store, exports and report are the batch's own.

Each request's ``custom_id`` is its article's cache key and a hash of its path, so byte-identical files
are distinct requests, and each answer finds its article again. A results line that cannot be read (cut
short, not JSON, without ``custom_id``, an answer that is not a completion) leaves its article to be
asked live, never the whole collect. The provider's errors are one line each, with no key in them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..engines import Engine
from ..engines.llm import LLMEngine
from ..engines.llm.convert import usage_of
from ..errors import ConfigError, LLMAuthError, LLMRequestError, LLMTransportError
from ..models import BatchRecord, Usage
from ..pipeline import grounded, run_engine
from ..record import prepare_article, record_failed, record_ok
from ..redaction import add_secret, redact
from ..settings import Settings
from .atomic import write_atomically
from .executors import Todo
from .run import BatchReport, check_folders, plan, run_batch
from .store import STORE_NAME, RunStore

FOLDER = "openai-batch"
ENDPOINT = "/v1/chat/completions"

_log = logging.getLogger(__name__)


def _engine(settings: Settings, http_transport: Any = None) -> LLMEngine:
    if settings.resolved_engine() != "llm":
        raise ConfigError("the OpenAI Batch API needs the llm engine: pass --model (and --engine llm)")
    return LLMEngine(settings.model_copy(update={"engine": "llm"}), http_transport=http_transport)


def _client(settings: Settings, http_client: Any = None) -> Any:
    import openai

    key = settings.api_key.get_secret_value() if settings.api_key else None
    if not key:
        raise ConfigError("the OpenAI Batch API needs a key: set OPENAI_API_KEY")
    add_secret(key)
    return openai.OpenAI(api_key=key, base_url=settings.base_url, max_retries=3, http_client=http_client)


def prepare(input_dir: Path, out_dir: Path, settings: Settings) -> tuple[Path, int]:
    """Write the requests of every article not done yet; returns the file and the number of requests.

    Articles longer than ``max_chars_per_call`` are left to ``collect``, which summarises them live in parts.
    """
    engine = _engine(settings)
    check_folders(input_dir, out_dir)
    folder = out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with RunStore(out_dir / STORE_NAME) as store:
        work = plan(input_dir, out_dir, engine, store)
    lines = []
    for file, source, key in work.todo:
        prepared = prepare_article(file, source, settings, engine)
        if isinstance(prepared, BatchRecord) or len(prepared[0].text) > settings.max_chars_per_call:
            continue  # unreadable files get their record at collect; long ones are done live
        body = engine.request_body(prepared[0].text)
        request = {"custom_id": request_id(source.path, key), "method": "POST", "url": ENDPOINT, "body": body}
        lines.append(json.dumps(request, ensure_ascii=False))
    path = folder / "requests.jsonl"
    write_atomically(path, lines)
    (folder / "prepared.json").write_text(json.dumps({"engine": engine.name, "version": engine.version}))
    return path, len(lines)


def request_id(path: str, key: str) -> str:
    """An article's ``custom_id``: unique per file (the Batch API rejects a repeated one), even for files
    with the same bytes, and found again at collect from the article's path and cache key."""
    return f"{key}-{hashlib.sha256(path.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


@contextmanager
def _provider(settings: Settings) -> Iterator[None]:
    """The provider's faults as one-line engine errors, with the key (and any credential in the URL) taken
    out of the provider's message."""
    import openai

    try:
        yield
    except openai.APIStatusError as exc:
        detail = redact(str(exc))
        if exc.status_code in (401, 403):
            raise LLMAuthError(f"the provider refused the API key ({exc.status_code}): check OPENAI_API_KEY. "
                               f"{detail}") from None  # fmt: skip
        raise LLMRequestError(f"the provider rejected the request ({exc.status_code}): {detail}") from None
    except openai.APIError as exc:
        where = redact(settings.base_url or "https://api.openai.com/v1")
        raise LLMTransportError(f"cannot reach the provider at {where}: {redact(str(exc))}") from None


def submit(out_dir: Path, settings: Settings, *, http_client: Any = None) -> str:
    """Upload the prepared requests and start the batch; returns its id (kept in ``state.json``)."""
    folder = out_dir / FOLDER
    requests = folder / "requests.jsonl"
    if not requests.is_file():
        raise ConfigError(f"{requests} not found: run `summarizer openai-batch prepare` first")
    client = _client(settings, http_client)
    with requests.open("rb") as fh, _provider(settings):
        uploaded = client.files.create(file=fh, purpose="batch")
        batch = client.batches.create(input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window="24h",
                                      metadata={"tool": "summarizer"})  # fmt: skip
    (folder / "state.json").write_text(json.dumps({"batch_id": batch.id, "input_file_id": uploaded.id}))
    return str(batch.id)


def status(out_dir: Path, settings: Settings, *, http_client: Any = None) -> dict[str, Any]:
    """The batch's status and request counts, as the provider reports them."""
    client = _client(settings, http_client)
    with _provider(settings):
        batch = client.batches.retrieve(_state(out_dir)["batch_id"])
    counts = batch.request_counts
    return {
        "id": batch.id,
        "status": batch.status,
        "completed": getattr(counts, "completed", 0),
        "failed": getattr(counts, "failed", 0),
        "total": getattr(counts, "total", 0),
    }


def collect(
    input_dir: Path,
    out_dir: Path,
    settings: Settings,
    *,
    http_client: Any = None,
    http_transport: Any = None,
) -> BatchReport:
    """Turn a completed batch's answers into records (re-asking live what does not validate)."""
    client = _client(settings, http_client)
    with _provider(settings):
        batch = client.batches.retrieve(_state(out_dir)["batch_id"])
        if batch.status != "completed":
            raise ConfigError(
                f"batch {batch.id} is {batch.status}, not completed: check `summarizer openai-batch status`"
            )
        texts = [client.files.content(f).text for f in (batch.output_file_id, batch.error_file_id) if f]
    answers = read_results(texts)
    engine = _engine(settings, http_transport)

    def executor(todo: Todo, run_settings: Settings, _: Engine) -> Iterator[tuple[str, BatchRecord]]:
        for file, source, key in todo:
            answer = answers.get(request_id(source.path, key))
            yield key, _record(file, source, run_settings, engine, answer)

    return run_batch(input_dir, out_dir, settings, engine, executor)


def read_results(texts: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The answers of results files by ``custom_id``. A line that is not a JSON object with a string
    ``custom_id`` is left out (its article is asked live), and how many were is logged."""
    answers: dict[str, dict[str, Any]] = {}
    unread = 0
    for text in texts:
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:  # cut short, or not JSON
                item = None
            if isinstance(item, dict) and isinstance(item.get("custom_id"), str):
                answers[item["custom_id"]] = item
            else:
                unread += 1
    if unread:
        _log.warning("%d results lines could not be read; their articles are asked live", unread)
    return answers


def _completion(answer: dict[str, Any] | None) -> Any:
    """The chat completion in a results line, or None when it holds none (an error, or not a completion)."""
    from openai.types.chat import ChatCompletion
    from pydantic import ValidationError

    response = (answer or {}).get("response")
    if not isinstance(response, dict) or response.get("status_code") != 200:
        return None
    try:
        completion = ChatCompletion.model_validate(response.get("body"))
    except ValidationError:
        return None
    return completion if completion.choices else None


def _record(file: Path, source: Any, settings: Settings, engine: LLMEngine, answer: Any) -> BatchRecord:
    prepared = prepare_article(file, source, settings, engine)
    if isinstance(prepared, BatchRecord):
        return prepared
    article, source = prepared
    spent = Usage()
    completion = _completion(answer)
    if completion is not None:
        spent = usage_of(completion).model_copy(update={"calls": 1})
        try:
            result = engine.from_completion(article, completion, spent)
        except Exception as exc:  # an answer that breaks the reader is not an answer: asked live below
            _log.warning("the batch answer for %s could not be read (%s); asking live", source.path, exc)
            result = None
        if result is not None:
            return record_ok(source, engine, grounded(result, article))
    try:  # not answered, or not valid: the live engine re-asks with the validator's messages
        result = run_engine(engine, article)
    except Exception as exc:
        return record_failed(source, engine, exc)
    result.usage = result.usage + spent
    result.attempts += spent.calls
    return record_ok(source, engine, result)


def _state(out_dir: Path) -> dict[str, Any]:
    path = out_dir / FOLDER / "state.json"
    if not path.is_file():
        raise ConfigError(f"{path} not found: run `summarizer openai-batch submit` first")
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"{path} cannot be read ({exc}): run `summarizer openai-batch submit` again"
        ) from None
    if not isinstance(state, dict) or not isinstance(state.get("batch_id"), str):
        raise ConfigError(f"{path} names no batch: run `summarizer openai-batch submit` again")
    return state
