"""Fail-fast decides by the typed fault a record carries, never by an error's class name (issue #24, item
2), and a local server that refuses the connection stops a batch at its first article (issue #23, item 4)."""

import socket

import pytest
from texts import ARTICLE

from summarizer import summarize_folder
from summarizer.batch.failfast import FAIL_FAST_AFTER, FailFast
from summarizer.errors import BatchStopped, Fault, LLMAuthError, LLMTransportError, SummarizerError
from summarizer.models import BatchRecord, ErrorInfo, SourceInfo
from summarizer.record import record_failed
from summarizer.settings import Settings

KEY = "sk-failfast-test-secret-000000000000"
SOURCE = SourceInfo(path="a.txt", sha256="", bytes=0)


class _Engine:
    name, version = "llm:m", "1"


def failed(exc: Exception) -> BatchRecord:
    return record_failed(SOURCE, _Engine(), exc)  # type: ignore[arg-type]


def ok() -> BatchRecord:
    return BatchRecord(source=SOURCE, status="ok", engine="e")


def test_the_fault_is_typed_and_set_by_the_error_class():
    assert failed(LLMTransportError("gave up")).error.fault is Fault.UNREACHABLE
    assert failed(LLMAuthError("401")).error.fault is Fault.REFUSED
    assert failed(SummarizerError("the article's own fault")).error.fault is None
    assert failed(ValueError("a bug")).error.fault is None


def test_the_fault_is_never_written_out():
    line = failed(LLMTransportError("gave up")).model_dump_json()
    assert "fault" not in line and BatchRecord.model_validate_json(line).error.fault is None


def test_a_record_named_like_a_server_fault_but_without_one_does_not_count():
    check = FailFast(Settings())
    named = BatchRecord(
        source=SOURCE, status="failed", engine="e", error=ErrorInfo(type="LLMTransportError", message="x")
    )
    assert all(check.check(named) is None for _ in range(2 * FAIL_FAST_AFTER))


def test_server_faults_in_a_row_stop_the_batch_and_any_other_record_resets_the_streak():
    check = FailFast(Settings(base_url="http://h/v1"))
    for _ in range(5):  # scattered faults: a long batch goes on
        for _ in range(FAIL_FAST_AFTER - 1):
            assert check.check(failed(LLMTransportError("gave up"))) is None
        assert check.check(ok()) is None
        assert check.check(failed(LLMTransportError("gave up"))) is None
        assert check.check(failed(ValueError("a bug"))) is None
    for _ in range(FAIL_FAST_AFTER - 1):
        assert check.check(failed(LLMAuthError("refused"))) is None
    stop = check.check(failed(LLMAuthError("refused")))
    assert (
        stop and "http://h/v1 refused the request" in stop and f"{FAIL_FAST_AFTER} articles in a row" in stop
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_local_server_that_refuses_the_connection_stops_the_batch_at_the_first_article(
    tmp_path, monkeypatch, host
):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        (folder / f"a{i:02}.txt").write_text(ARTICLE.replace("4.120", str(4000 + i)), encoding="utf-8")
    url = f"http://{host}:{closed_port()}/v1"
    # The default retries: a refused local connection is not retried, so no backoff is waited through.
    settings = Settings(engine="llm", model="m", base_url=url, concurrency=2, workers=1)
    with pytest.raises(BatchStopped) as stopped:
        summarize_folder(folder, tmp_path / "out", settings=settings)
    message = str(stopped.value)
    assert message.startswith(f"stopped: the model server at {url} could not be reached")
    assert "connection refused" in message and "in a row" not in message and KEY not in message
    lines = (tmp_path / "out" / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    assert 1 <= len(lines) <= 2  # the first record stops it; at most the other article then in flight follows
    assert stopped.value.report.failed == len(lines)
