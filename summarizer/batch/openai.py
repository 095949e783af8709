"""Summarise at the provider's scale and batch price: the OpenAI Batch API.

``prepare`` writes one chat-completion request per pending article (the exact body the live engine
would send, prepared by instructor) to ``OUT/openai-batch/requests.jsonl``; ``submit`` uploads it and
starts the batch; ``status`` polls it; ``collect`` downloads the answers and turns them into records
through the same validators as a live run. An answer that does not validate (or a request that
failed) is re-asked live, through the normal engine with its re-ask loop, so every record is grounded
or salvaged exactly as in ``summarizer batch``. The run store, exports and report are the batch's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..engines import Engine
from ..engines.llm import LLMEngine
from ..engines.llm.convert import usage_of
from ..errors import ConfigError
from ..models import BatchRecord, Usage
from ..pipeline import grounded, run_engine
from ..record import prepare_article, record_failed, record_ok
from ..settings import Settings
from .executors import Todo
from .run import BatchReport, plan, run_batch
from .store import STORE_NAME, RunStore

FOLDER = "openai-batch"
ENDPOINT = "/v1/chat/completions"


def _engine(settings: Settings, http_transport: Any = None) -> LLMEngine:
    if settings.resolved_engine() != "llm":
        raise ConfigError("the OpenAI Batch API needs the llm engine: pass --model (and --engine llm)")
    return LLMEngine(settings.model_copy(update={"engine": "llm"}), http_transport=http_transport)


def _client(settings: Settings, http_client: Any = None) -> Any:
    import openai

    key = settings.api_key.get_secret_value() if settings.api_key else None
    if not key:
        raise ConfigError("the OpenAI Batch API needs a key: set OPENAI_API_KEY")
    return openai.OpenAI(api_key=key, base_url=settings.endpoint, max_retries=3, http_client=http_client)


def prepare(input_dir: Path, out_dir: Path, settings: Settings) -> tuple[Path, int]:
    """Write the requests of every article not done yet; returns the file and the number of requests.

    Articles longer than ``max_chars_per_call`` are left to ``collect``, which summarises them live in parts.
    """
    engine = _engine(settings)
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
        lines.append(
            json.dumps(
                {"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body}, ensure_ascii=False
            )
        )
    path = folder / "requests.jsonl"
    write_atomically(path, lines)
    (folder / "prepared.json").write_text(json.dumps({"engine": engine.name, "version": engine.version}))
    return path, len(lines)


def submit(out_dir: Path, settings: Settings, *, http_client: Any = None) -> str:
    """Upload the prepared requests and start the batch; returns its id (kept in ``state.json``)."""
    folder = out_dir / FOLDER
    requests = folder / "requests.jsonl"
    if not requests.is_file():
        raise ConfigError(f"{requests} not found: run `summarizer openai-batch prepare` first")
    client = _client(settings, http_client)
    with requests.open("rb") as fh:
        uploaded = client.files.create(file=fh, purpose="batch")
    batch = client.batches.create(input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window="24h",
                                  metadata={"tool": "summarizer"})  # fmt: skip
    (folder / "state.json").write_text(json.dumps({"batch_id": batch.id, "input_file_id": uploaded.id}))
    return str(batch.id)


def status(out_dir: Path, settings: Settings, *, http_client: Any = None) -> dict[str, Any]:
    """The batch's status and request counts, as the provider reports them."""
    batch = _client(settings, http_client).batches.retrieve(_state(out_dir)["batch_id"])
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
    batch = client.batches.retrieve(_state(out_dir)["batch_id"])
    if batch.status != "completed":
        raise ConfigError(
            f"batch {batch.id} is {batch.status}, not completed: check `summarizer openai-batch status`"
        )
    answers: dict[str, Any] = {}
    for file_id in (batch.output_file_id, batch.error_file_id):
        if file_id:
            for line in client.files.content(file_id).text.splitlines():
                if line.strip():
                    item = json.loads(line)
                    answers[item["custom_id"]] = item
    engine = _engine(settings, http_transport)

    def executor(todo: Todo, run_settings: Settings, _: Engine) -> Iterator[tuple[str, BatchRecord]]:
        for file, source, key in todo:
            yield key, _record(file, source, run_settings, engine, answers.get(key))

    return run_batch(input_dir, out_dir, settings, engine, executor)


def _record(file: Path, source: Any, settings: Settings, engine: LLMEngine, answer: Any) -> BatchRecord:
    from openai.types.chat import ChatCompletion

    prepared = prepare_article(file, source, settings, engine)
    if isinstance(prepared, BatchRecord):
        return prepared
    article, source = prepared
    spent = Usage()
    response = (answer or {}).get("response") or {}
    if response.get("status_code") == 200:
        completion = ChatCompletion.model_validate(response["body"])
        spent = usage_of(completion).model_copy(update={"calls": 1})
        result = engine.from_completion(article, completion, spent)
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
    state: dict[str, Any] = json.loads(path.read_text())
    return state
