"""Keys never reach the terminal, a log file, an exception message or a record: not from the key setting,
not from the base URL's user part or query, not from a server's answer echoing them."""

import json
import logging

import httpx
import pytest
from httpserver import serve
from test_cli import restore_logging  # noqa: F401 - a fixture
from texts import ARTICLE
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.redaction import RedactingFilter, add_secret, redact

ENV_KEY = "sk-env-redaction-0000000000000"
USER_SECRET = "sk-userinfo-redaction-1111111111"
QUERY_SECRET = "qs-query-redaction-2222222222"  # not shaped like a key: found by where it was given


def test_redact_takes_out_keys_userinfo_query_credentials_and_headers():
    text = ("POST http://bob:hunter2hunter2@host.test/v1?api-key=abcdefgh123&x=1 Authorization: Bearer "
            "tok_ABCDEFGH12345 key sk-proj-ABCDEFGH12345 {'api_key': 'zzzzzzzzzzzz'} known-secret-value-9")  # fmt: skip
    add_secret("known-secret-value-9")
    clean = redact(text)
    for secret in ("hunter2hunter2", "abcdefgh123", "tok_ABCDEFGH12345", "ABCDEFGH12345", "zzzzzzzzzzzz",
                   "known-secret-value-9"):  # fmt: skip
        assert secret not in clean
    assert "http://***@host.test/v1?api-key=***&x=1" in clean
    assert redact("Tân Sơn kết nạp 210 đảng viên; task-abcdefghij.txt") == (
        "Tân Sơn kết nạp 210 đảng viên; task-abcdefghij.txt"
    )


def test_the_filter_redacts_message_arguments_and_exceptions():
    logger = logging.getLogger("redaction-test")
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(self.format(record))

    handler = Keep()
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    try:
        logger.warning("request to %s", "http://u:sk-in-args-12345678@h/v1")
        try:
            raise ValueError("server said: bad key sk-in-exception-12345678")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = "\n".join(seen)
    assert "sk-in-args-12345678" not in text and "sk-in-exception-12345678" not in text
    assert "ValueError" in text and "http://***@h/v1" in text


def test_a_key_in_the_base_url_or_echoed_by_the_server_never_reaches_terminal_or_log(
    tmp_path,
    monkeypatch,
    restore_logging,  # noqa: F811 - the fixture
):
    monkeypatch.setenv("OPENAI_API_KEY", ENV_KEY)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    echo = f"invalid credentials {ENV_KEY} {USER_SECRET} {QUERY_SECRET}"

    def respond() -> httpx.Response:
        return httpx.Response(400, json={"error": {"message": echo, "type": "invalid_request_error"}})

    with serve(respond) as (url, _):
        base = url.replace("http://", f"http://user:{USER_SECRET}@") + f"?api-key={QUERY_SECRET}"
        for verbose in ("-v", "-vv"):
            log = tmp_path / f"run{verbose}.log"
            r = CliRunner().invoke(app, [verbose, "batch", str(folder), "--out", str(tmp_path / "o"), "--force",
                                         "--model", "m", "--base-url", base, "--log-file", str(log), "-q"])  # fmt: skip
            assert r.exit_code == 0, r.output
            logged = log.read_text(encoding="utf-8")
            assert "HTTP Request" in logged  # httpx's request line, with the URL, was logged
            records = (tmp_path / "o" / "summaries.jsonl").read_text(encoding="utf-8")
            assert json.loads(records)["status"] == "failed"
            for secret in (ENV_KEY, USER_SECRET, QUERY_SECRET):
                assert secret not in r.output and secret not in logged and secret not in records, (
                    verbose,
                    secret,
                )


@pytest.fixture(autouse=True)
def _forget_secrets(monkeypatch):
    from summarizer import redaction

    monkeypatch.setattr(redaction, "_known", set())
