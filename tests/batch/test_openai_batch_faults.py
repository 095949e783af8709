"""The OpenAI Batch API path under faults: byte-identical files, results files with bad lines, a provider
that refuses the key and echoes it."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from texts import ARTICLE, GOOD_ANSWER
from typer.testing import CliRunner

from summarizer.batch import openai as openai_batch
from summarizer.cli import app
from summarizer.errors import ConfigError, LLMAuthError
from summarizer.settings import Settings

from .test_openai_batch import KEY, FakeProvider, _answer_line


def _settings(base_url: str = "http://provider.test/v1") -> Settings:
    return Settings(engine="llm", model="gpt-test", base_url=base_url, api_key=KEY, mode="json")


def _folder(tmp_path, names: list[str], *, same: bool = False):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, name in enumerate(names):
        text = ARTICLE if same else ARTICLE.replace("Những năm qua,", f"Những năm qua ({i}),")
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _collect(folder, out, fake: FakeProvider):
    client = httpx.Client(transport=httpx.MockTransport(fake))
    openai_batch.submit(out, _settings(), http_client=client)
    fake.status = "completed"
    return openai_batch.collect(folder, out, _settings(), http_client=client,
                                http_transport=httpx.MockTransport(fake))  # fmt: skip


def _records(out) -> dict[str, dict]:
    lines = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["source"]["path"]: r for r in map(json.loads, lines)}


def test_byte_identical_files_get_unique_request_ids_that_map_back(tmp_path):
    folder, out = _folder(tmp_path, ["a.txt", "b.txt", "c.txt"], same=True), tmp_path / "out"
    path, count = openai_batch.prepare(folder, out, _settings())
    ids = [json.loads(line)["custom_id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert count == 3 and len(set(ids)) == 3
    fake = FakeProvider()
    fake.output_lines = [_answer_line(i, GOOD_ANSWER) for i in ids]
    report = _collect(folder, out, fake)
    assert report.ok == 3 and fake.chat_calls == 0  # every answer found its article: nothing asked live
    assert all(r["usage"]["prompt_tokens"] == 500 for r in _records(out).values())


def test_bad_results_lines_leave_their_articles_to_a_live_ask_and_summaries_are_written(tmp_path):
    names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    folder, out = _folder(tmp_path, names), tmp_path / "out"
    path, _ = openai_batch.prepare(folder, out, _settings())
    ids = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        request = json.loads(line)
        index = next(i for i in range(len(names)) if f"({i})" in request["body"]["messages"][-1]["content"])
        ids[names[index]] = request["custom_id"]
    good = _answer_line(ids["a.txt"], GOOD_ANSWER)
    fake = FakeProvider()
    fake.output_lines = [
        good,
        json.dumps(
            {"custom_id": ids["b.txt"], "response": {"status_code": 200, "body": {"not": "a completion"}}}
        ),
        json.dumps({"custom_id": ids["c.txt"], "response": "a string, not a response"}),
        json.dumps({"response": {"status_code": 200, "body": {}}}),  # no custom_id
        "this line is not JSON",
        json.dumps(["a", "list"]),
        json.dumps({"custom_id": 7, "response": None}),
        _answer_line(ids["e.txt"], GOOD_ANSWER).replace('"choices"', '"no_choices"'),
        _answer_line(ids["d.txt"], GOOD_ANSWER)[:120],  # the last line, cut short
    ]
    report = _collect(folder, out, fake)
    records = _records(out)
    assert sorted(records) == names and report.ok == 6
    assert records["a.txt"]["attempts"] == 1 and fake.chat_calls == 5  # b..f asked live


def test_bad_results_lines_whose_live_ask_fails_are_failed_records(tmp_path):
    folder, out = _folder(tmp_path, ["a.txt", "b.txt"]), tmp_path / "out"
    path, _ = openai_batch.prepare(folder, out, _settings())
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])["custom_id"]

    class Failing(FakeProvider):
        def __call__(self, request):
            if request.url.path.endswith("/chat/completions"):
                return httpx.Response(400, json={"error": {"message": "no"}})
            return super().__call__(request)

    fake = Failing()
    fake.output_lines = [
        json.dumps({"custom_id": first, "response": {"status_code": 200, "body": "garbage"}}),
        "{",
    ]
    report = _collect(folder, out, fake)
    assert (report.ok, report.failed) == (0, 2)
    assert all(r["status"] == "failed" for r in _records(out).values())


# --- a provider that refuses the key and echoes it ---------------------------------------------------


class _Refusing(BaseHTTPRequestHandler):
    def _refuse(self) -> None:
        body = json.dumps({"error": {"message": f"Incorrect API key provided: {KEY}", "type": "invalid_request_error",
                                     "code": "invalid_api_key"}}).encode()  # fmt: skip
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _refuse  # noqa: N815 - the http.server API

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing_provider():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/v1"
    finally:
        httpd.shutdown()


def test_a_refused_key_is_one_line_with_exit_2_and_never_printed(tmp_path, monkeypatch, refusing_provider):
    folder, out = _folder(tmp_path, ["a.txt"]), tmp_path / "out"
    openai_batch.prepare(folder, out, _settings())
    (out / "openai-batch" / "state.json").write_text(json.dumps({"batch_id": "batch-1"}))
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    flags = ["--model", "gpt-test", "--base-url", refusing_provider]
    for args in (["submit", str(out)], ["status", str(out)], ["collect", str(folder), "--out", str(out)]):
        r = CliRunner().invoke(app, ["openai-batch", *args, *flags])
        assert r.exit_code == 2, (args, r.output)
        assert KEY not in r.output and "Traceback" not in r.output
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "refused the API key (401)" in lines[0], (args, r.output)
    with pytest.raises(LLMAuthError) as caught:
        openai_batch.status(out, _settings(refusing_provider))
    assert KEY not in str(caught.value)


@pytest.mark.parametrize("state", ["{", "[]", '{"batch_id": 7}'])
def test_a_damaged_state_file_is_a_clear_error(tmp_path, state):
    (tmp_path / "openai-batch").mkdir()
    (tmp_path / "openai-batch" / "state.json").write_text(state)
    with pytest.raises(ConfigError, match="submit` again"):
        openai_batch.status(
            tmp_path, _settings(), http_client=httpx.Client(transport=httpx.MockTransport(FakeProvider()))
        )
