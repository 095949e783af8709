"""`summarizer batch --engine llm --base-url ...` against an OpenAI-compatible server on 127.0.0.1."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from texts import ARTICLE, GOOD_ANSWER
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.testing import completion


class _Server(BaseHTTPRequestHandler):
    bodies: list[dict] = []
    headers_seen: list[str] = []

    def do_POST(self):  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        type(self).bodies.append(body)
        type(self).headers_seen.append(self.headers.get("authorization", ""))
        answer = json.dumps(completion(GOOD_ANSWER)).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def test_batch_against_a_local_openai_compatible_server(tmp_path, monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (folder / "empty.txt").write_text("")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-cli-test-secret-000000000000")
        url = f"http://127.0.0.1:{server.server_port}/v1"
        out = tmp_path / "out"
        result = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "--engine", "llm",
                                          "--base-url", url, "--model", "scripted", "-q"])  # fmt: skip
        assert result.exit_code == 0, result.output
        records = {
            r["source"]["path"]: r
            for r in map(json.loads, (out / "summaries.jsonl").read_text().splitlines())
        }
        ok = records["a.txt"]
        assert ok["status"] == "ok" and ok["engine"] == "llm:scripted" and ok["attempts"] == 1
        assert ok["usage"] == {"prompt_tokens": 300, "completion_tokens": 120, "calls": 1}
        assert ok["engine_version"].startswith("prompt-")
        assert records["empty.txt"]["status"] == "skipped" and len(_Server.bodies) == 1
        assert _Server.headers_seen == [
            "Bearer sk-cli-test-secret-000000000000"
        ]  # the key goes to the server...
        assert "sk-cli-test-secret" not in (out / "summaries.jsonl").read_text()  # ...and nowhere else
        assert "sk-cli-test-secret" not in (out / "runs.sqlite").read_bytes().decode("latin-1")

        for i in range(30):  # a batch big enough for the pool: one shared engine, the key intact
            (folder / f"b{i:02}.txt").write_text(
                f"{ARTICLE}\nBài số {i} trong loạt bài về công tác này.\n", encoding="utf-8"
            )
        big = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "--engine", "llm", "--base-url", url,
                                       "--model", "scripted", "--concurrency", "4", "-q"])  # fmt: skip
        assert big.exit_code == 0, big.output
        lines = (out / "summaries.jsonl").read_text().splitlines()
        assert len(lines) == 32 and sum('"status":"ok"' in line for line in lines) == 31
        assert (
            set(_Server.headers_seen) == {"Bearer sk-cli-test-secret-000000000000"}
            and len(_Server.bodies) == 31
        )

        again = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "--engine", "llm",
                                         "--base-url", url, "--model", "scripted", "-q"])  # fmt: skip
        assert again.exit_code == 0 and len(_Server.bodies) == 31  # cached: zero calls
    finally:
        server.shutdown()
