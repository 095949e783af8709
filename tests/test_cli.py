"""Habits users bring from other CLIs (stdin, several files, -o, --format, -v, --log-file, -h, model flags
on every model command) and the run history (`runs`, `failures`)."""

import json
import logging
import typing

import pytest
from httpserver import refusal, serve
from responder import completion
from texts import ARTICLE, GOOD_ANSWER
from typer.testing import CliRunner

from summarizer.batch.store import RunStore
from summarizer.cli import app
from summarizer.cli.common import Engine, Mode
from summarizer.models import ArticleSummary, BatchRecord, SourceInfo
from summarizer.settings import EngineName, Settings
from summarizer.settings import Mode as SettingsMode

KEY = "sk-cli-habits-secret-00000000000000"


def run(*args: str, **kwargs):
    result = CliRunner().invoke(app, list(args), **kwargs)
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_summarize_dash_reads_standard_input():
    r = run("summarize", "-", input=ARTICLE.encode("utf-16"))  # bytes, in any supported encoding
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["locality"]["district"] == "Tân Sơn"


def test_summarize_takes_several_files_one_json_line_each_and_goes_on_after_a_failure(tmp_path, article):
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE.replace("Tân Sơn", "Thanh Sơn"), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = run("summarize", str(article), str(empty), str(other))
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [line["path"] for line in lines] == [str(article), str(other)]
    assert lines[0]["summary"]["locality"]["district"] == "Tân Sơn"
    assert r.exit_code == 1 and "error: " + str(empty) in r.output  # an input failed: exit 1


def test_summarize_output_file_and_markdown_format(tmp_path, article):
    target = tmp_path / "brief.md"
    r = run("summarize", str(article), "-o", str(target), "--format", "md", "--lang", "en")
    assert r.exit_code == 0 and r.stdout == "" and f"wrote {target}" in r.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("#") and "Tân Sơn" in text
    r = run("summarize", str(article), "--output", str(target))
    ArticleSummary.model_validate_json(target.read_text(encoding="utf-8"))


def test_dash_h_is_help_everywhere():
    for command in ([], ["summarize"], ["batch"], ["runs"], ["openai-batch"], ["openai-batch", "prepare"]):
        r = run(*command, "-h")
        assert (
            r.exit_code == 0 and r.output.startswith("Usage:") and r.output == run(*command, "--help").output
        )


@pytest.mark.parametrize(
    "command", [["summarize"], ["batch"], ["openai-batch", "prepare"], ["openai-batch", "collect"]]
)
def test_every_command_that_calls_a_model_takes_the_model_flags(command):
    text = run(*command, "--help").output
    for flag in ("--model", "--base-url", "--mode", "--temperature", "--timeout", "--max-retries"):
        assert flag in text, (command, flag)


def test_model_flags_reach_the_request(monkeypatch, article):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with serve(lambda: completion(GOOD_ANSWER)) as (url, bodies):
        r = run("summarize", str(article), "--model", "m", "--base-url", url, "--temperature", "0.4",
                "--mode", "json", "--max-retries", "0", "--timeout", "5")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert bodies[0]["temperature"] == 0.4 and bodies[0]["response_format"] == {"type": "json_object"}


def test_a_refused_request_names_the_server_never_the_key(monkeypatch, article):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with serve(refusal) as (url, _):
        r = run("summarize", str(article), "--model", "m", "--base-url", url)
    assert r.exit_code == 1 and f"(model server: {url})" in r.output and KEY not in r.output


def test_the_cli_choices_are_the_settings_choices():
    assert typing.get_args(Engine) == typing.get_args(EngineName)
    assert typing.get_args(Mode) == typing.get_args(SettingsMode)


def test_flags_and_environment_map_onto_one_settings_object(monkeypatch):
    from summarizer.cli.common import settings

    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "7")
    monkeypatch.setenv("SUMMARIZER_TEMPERATURE", "0.2")
    config = settings(temperature=0.9, mode=None)
    assert isinstance(config, Settings) and (config.timeout, config.temperature, config.mode) == (
        7,
        0.9,
        "auto",
    )


# --- logs -------------------------------------------------------------------------------------------------


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _failing_batch(tmp_path, monkeypatch, *flags: str, after: tuple[str, ...] = ()):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with serve(refusal) as (url, _):
        return run(
            *flags,
            "batch",
            str(folder),
            "--out",
            str(tmp_path / "o"),
            "--model",
            "m",
            "--base-url",
            url,
            "-q",
            *after,
        )


def test_library_logs_stay_off_the_terminal_unless_asked(tmp_path, monkeypatch, restore_logging):
    quiet = _failing_batch(tmp_path, monkeypatch)
    assert quiet.exit_code == 0 and "instructor" not in quiet.output
    loud = _failing_batch(tmp_path, monkeypatch, "-v")
    assert "instructor" in loud.output and "refused the API key" in loud.output


def test_log_file_gets_library_logs_and_never_the_key(tmp_path, monkeypatch, restore_logging):
    log = tmp_path / "run.log"
    r = _failing_batch(tmp_path, monkeypatch, "-vv", "--log-file", str(log))
    assert r.exit_code == 0
    text = log.read_text(encoding="utf-8")
    assert "ERROR instructor" in text and "DEBUG" in text  # nothing silenced for good
    assert KEY not in text and KEY not in r.output


def test_verbose_and_log_file_work_after_the_command_too(tmp_path, monkeypatch, restore_logging):
    log = tmp_path / "after.log"
    r = _failing_batch(tmp_path, monkeypatch, after=("-v", "--log-file", str(log)))
    assert r.exit_code == 0 and "instructor" in r.output
    assert "ERROR instructor" in log.read_text(encoding="utf-8") and "DEBUG" not in log.read_text(
        encoding="utf-8"
    )
    both = tmp_path / "both.log"
    r = _failing_batch(tmp_path, monkeypatch, "-v", after=("-v", "--log-file", str(both)))
    assert r.exit_code == 0 and "DEBUG" in both.read_text(encoding="utf-8")  # -v before and -v after: -vv


# --- run history --------------------------------------------------------------------------------------


def test_runs_lists_every_run_with_its_counts(tmp_path, article):
    folder, out = article.parent, tmp_path / "out"
    assert run("batch", str(folder), "--out", str(out), "-q").exit_code == 0
    assert run("batch", str(folder), "--out", str(out), "-q").exit_code == 0
    with RunStore(out / "runs.sqlite") as store:
        store.start_run("offline", str(folder))  # a run that never finished (killed)
    r = run("runs", str(out))
    rows = r.stdout.splitlines()[1:]
    assert r.exit_code == 0 and len(rows) == 3
    assert rows[0].split()[4:10] == ["1", "1", "0", "0", "0", "done"]  # total ok failed skipped cached ended
    assert rows[1].split()[4:10] == ["1", "1", "0", "0", "1", "done"]
    assert rows[2].split()[3] == "killed"


def test_failures_lists_failed_and_salvaged_records_with_their_reasons(tmp_path, monkeypatch):
    out = tmp_path / "o"
    r = _failing_batch(tmp_path, monkeypatch)
    assert r.exit_code == 0 and "1 × failed: a.txt: the server refused the API key (401)" in r.output
    salvaged = BatchRecord(
        source=SourceInfo(path="[b].txt", sha256="0" * 64, bytes=1), status="ok", engine="llm:m",
        summary=ArticleSummary(warnings=["salvaged: 2 re-asks did not validate; kept 3 items"]), obtained="salvaged",
    )  # fmt: skip
    with RunStore(out / "runs.sqlite") as store:
        store.put("k", salvaged)
    lines = run("failures", str(out)).stdout.splitlines()
    assert lines[0].startswith("[b].txt\tsalvaged\tsalvaged: 2 re-asks did not validate")
    path, status, reason = lines[1].split("\t")
    assert (path, status) == ("a.txt", "failed") and reason.startswith("LLMAuthError: the server refused")
    assert len(lines) == 2


def test_a_record_s_obtained_field_also_marks_it_salvaged():
    from summarizer.batch.store import is_salvaged

    class WithObtained(BatchRecord):  # the field a model engine's records may carry
        obtained: str | None = None

    source = SourceInfo(path="a.txt", sha256="0" * 64, bytes=1)
    salvaged = WithObtained(
        source=source, status="ok", engine="llm:m", summary=ArticleSummary(), obtained="salvaged"
    )
    passed = WithObtained(
        source=source, status="ok", engine="llm:m", summary=ArticleSummary(), obtained="reasked"
    )
    assert is_salvaged(salvaged) and not is_salvaged(passed)
