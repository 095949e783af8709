"""The OpenAI Batch API path against a fake provider: prepare, submit, status, collect (with live re-asks)."""

import copy
import json

import httpx
import pytest
from texts import ARTICLE, GOOD_ANSWER

from summarizer.batch import openai as openai_batch
from summarizer.errors import ConfigError
from summarizer.settings import Settings
from summarizer.testing import completion

KEY = "sk-batch-test-0000000000000000"


class FakeProvider:
    """Just enough of the files, batches and chat-completions endpoints."""

    def __init__(self):
        self.uploaded = b""
        self.status = "in_progress"
        self.output_lines: list[str] = []
        self.chat_calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/files") and request.method == "POST":
            self.uploaded = request.content
            return httpx.Response(200, json={"id": "file-in", "object": "file", "bytes": len(request.content),
                                             "created_at": 0, "filename": "requests.jsonl", "purpose": "batch",
                                             "status": "processed"})  # fmt: skip
        if path.endswith("/batches") and request.method == "POST":
            return httpx.Response(200, json=self.batch())
        if "/batches/" in path:
            return httpx.Response(200, json=self.batch())
        if path.endswith("/files/file-out/content"):
            return httpx.Response(200, text="\n".join(self.output_lines))
        if path.endswith("/chat/completions"):
            self.chat_calls += 1
            return httpx.Response(200, json=completion(GOOD_ANSWER))
        return httpx.Response(404, json={"error": {"message": f"no {path}"}})

    def batch(self):
        done = self.status == "completed"
        return {"id": "batch-1", "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "file-in",
                "completion_window": "24h", "status": self.status, "created_at": 0,
                "output_file_id": "file-out" if done else None, "error_file_id": None,
                "request_counts": {"total": 2, "completed": 2 if done else 0, "failed": 0}}  # fmt: skip


def _answer_line(custom_id: str, answer: dict) -> str:
    body = completion(answer, prompt_tokens=500, completion_tokens=100)
    return json.dumps({"id": "r", "custom_id": custom_id, "response": {"status_code": 200, "body": body}})


def test_batch_api_round_trip_validates_answers_and_reasks_failures_live(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(
        ARTICLE.replace("Những năm qua,", "Những năm qua (bài thứ hai),"), encoding="utf-8"
    )
    (folder / "empty.txt").write_text("")
    settings = Settings(
        engine="llm", model="gpt-test", base_url="http://provider.test/v1", api_key=KEY, mode="json"
    )
    fake = FakeProvider()
    client = httpx.Client(transport=httpx.MockTransport(fake))

    path, count = openai_batch.prepare(folder, out, settings)
    requests = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert count == 2 and {r["url"] for r in requests} == {"/v1/chat/completions"}
    assert all(r["body"]["model"] == "gpt-test" and r["body"]["response_format"] == {"type": "json_object"}
               and "<article>" in r["body"]["messages"][-1]["content"] for r in requests)  # fmt: skip
    assert KEY not in path.read_text(encoding="utf-8")

    assert openai_batch.submit(out, settings, http_client=client) == "batch-1"
    assert b"custom_id" in fake.uploaded
    assert openai_batch.status(out, settings, http_client=client)["status"] == "in_progress"
    with pytest.raises(ConfigError, match="not completed"):
        openai_batch.collect(folder, out, settings, http_client=client)

    bad = copy.deepcopy(GOOD_ANSWER)
    bad["solutions"][0]["evidence"] = "một câu không có trong bài"
    ids = {r["body"]["messages"][-1]["content"].count("bài thứ hai"): r["custom_id"] for r in requests}
    fake.output_lines = [_answer_line(ids[0], GOOD_ANSWER), _answer_line(ids[1], bad)]
    fake.status = "completed"
    report = openai_batch.collect(
        folder, out, settings, http_client=client, http_transport=httpx.MockTransport(fake)
    )

    assert (report.total, report.ok, report.skipped) == (3, 2, 1)
    assert fake.chat_calls == 1  # only the invalid answer was re-asked live
    records = {
        r["source"]["path"]: r for r in map(json.loads, (out / "summaries.jsonl").read_text().splitlines())
    }
    a, b = records["a.txt"], records["b.txt"]
    assert a["attempts"] == 1 and a["usage"] == {"prompt_tokens": 500, "completion_tokens": 100, "calls": 1}
    assert b["attempts"] == 2 and b["usage"]["calls"] == 2 and b["usage"]["prompt_tokens"] == 800
    for r in (a, b):
        assert r["engine"] == "llm:gpt-test" and r["summary"]["solutions"][0]["span"]
        assert "một câu không có" not in json.dumps(r["summary"], ensure_ascii=False)
    assert (out / "summaries.csv").is_file()

    # the finished articles are in the run store: a normal batch afterwards has nothing left to do
    from summarizer import summarize_folder

    assert summarize_folder(folder, out, settings=settings).cached == 3


def test_prepare_needs_a_model_and_submit_needs_prepare(tmp_path):
    with pytest.raises(ConfigError, match="--model"):
        openai_batch.prepare(tmp_path, tmp_path / "out", Settings(engine="offline"))
    with pytest.raises(ConfigError, match="prepare"):
        openai_batch.submit(tmp_path, Settings(model="m", api_key=KEY))
