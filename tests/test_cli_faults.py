"""Every fault a new user met (issue #13), each run through the command: a one-line message, the documented
exit code (0 ok, 1 inputs failed, 2 usage or configuration, 130 aborted), and never a traceback."""

import json
import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from httpserver import refusal, serve
from texts import ARTICLE
from typer.testing import CliRunner

from summarizer.cli import app

KEY = "sk-fault-test-secret-0000000000000"


def run(*args: str, **kwargs):
    """The command's result, asserting it ended by its own exit (never an exception's traceback)."""
    result = CliRunner().invoke(app, list(args), **kwargs)
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def one_error_line(result) -> str:
    """The single `error:` line of the output."""
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    return errors[0]


def folder_of(tmp_path: Path, n: int, name: str = "in") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02}.txt").write_text(ARTICLE.replace("4.120", str(4000 + i)), encoding="utf-8")
    return folder


# --- square brackets are text, never markup -------------------------------------------------------------


def test_a_missing_llm_extra_names_the_extra_and_how_to_install_it_from_the_project(tmp_path, monkeypatch):
    for name in [
        m for m in sys.modules if m == "instructor" or m.startswith(("instructor.", "summarizer.engines.l"))
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "instructor", None)  # importing it now fails, as without the extra
    r = run(
        "batch", str(folder_of(tmp_path, 1)), "--out", str(tmp_path / "o"), "--engine", "llm", "--model", "m"
    )
    line = one_error_line(r)
    assert r.exit_code == 2 and "[llm] extra" in line and "missing module: instructor" in line
    # From the project (the checkout's path when installed from one in place), never `pip install
    # summarizer[llm]`: `summarizer` on PyPI is an unrelated project.
    assert re.search(r"pip install '/\S+\[llm\]'", line) and "'summarizer[" not in line


def test_an_output_folder_with_brackets_is_reported_as_typed(tmp_path):
    out = tmp_path / "runs" / "[first]"
    r = run("batch", str(folder_of(tmp_path, 1)), "--out", str(out), "-q")
    assert r.exit_code == 0 and f"{out}/summaries.jsonl" in r.output


def test_a_missing_input_folder_with_brackets_is_named_and_said_not_to_exist(tmp_path):
    r = run("batch", str(tmp_path / "[x]"), "--out", str(tmp_path / "o"))
    assert r.exit_code == 2 and f"{tmp_path}/[x] does not exist" in one_error_line(r)
    (tmp_path / "file").write_text("x")
    r = run("batch", str(tmp_path / "file"), "--out", str(tmp_path / "o"))
    assert r.exit_code == 2 and "is not a folder" in one_error_line(r)


def test_help_keeps_the_env_hints():
    r = run("batch", "--help")
    text = " ".join(r.output.split())  # help is wrapped to the terminal's width
    assert r.exit_code == 0 and "[env: SUMMARIZER_MODEL]" in text and "[env: SUMMARIZER_MODE]" in text
    assert run("batch", "-h").output == r.output


def test_clean_removed_prints_markup_like_text_as_is(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE.replace("fb yt zl tw", "[/red] [bold]tin khác[/bold]"), encoding="utf-8")
    r = run("clean", str(article), "--removed")
    assert r.exit_code == 0 and "[/red] [bold]tin khác[/bold]" in r.output


# --- messages, not tracebacks ---------------------------------------------------------------------------


def test_the_local_engine_without_its_extra_is_one_message(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    r = run("summarize", str(article), "--engine", "local")
    assert r.exit_code == 2 and "[local] extra" in one_error_line(r) and "[local]'" in one_error_line(r)


def test_openai_batch_prepare_without_the_llm_extra_is_one_message(tmp_path, monkeypatch):
    for name in [
        m for m in sys.modules if m == "openai" or m.startswith(("openai.", "summarizer.batch.openai"))
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "openai", None)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    r = run(
        "openai-batch", "prepare", str(folder_of(tmp_path, 1)), "--out", str(tmp_path / "o"), "--model", "m"
    )
    assert r.exit_code == 2 and "[llm] extra" in one_error_line(r) and "openai" in one_error_line(r)


def test_out_pointing_at_a_file_or_under_one_is_one_message(tmp_path):
    folder = folder_of(tmp_path, 1)
    (tmp_path / "taken").write_text("x")
    r = run("batch", str(folder), "--out", str(tmp_path / "taken"))
    assert r.exit_code == 2 and "is a file" in one_error_line(r)
    r = run("batch", str(folder), "--out", str(tmp_path / "taken" / "sub"))
    assert r.exit_code == 2 and "cannot be created" in one_error_line(r)


def test_clean_on_a_missing_file_says_so(tmp_path):
    r = run("clean", str(tmp_path / "nope.txt"))
    line = one_error_line(r)
    assert r.exit_code == 2 and "nope.txt does not exist" in line and "Errno" not in line


@pytest.mark.parametrize(
    "args",
    [
        ["summarize", "{tmp}/missing.txt"],
        ["clean", "{tmp}/missing.txt"],
        ["batch", "{tmp}/missing", "--out", "{tmp}/o"],
        ["brief", "{tmp}/missing"],
        ["runs", "{tmp}/missing"],
        ["failures", "{tmp}/missing"],
        [
            "openai-batch",
            "prepare",
            "{tmp}/missing",
            "--out",
            "{tmp}/o",
            "--model",
            "m",
            "--base-url",
            "http://h/v1",
        ],
        ["batch", "{tmp}", "--out", "{tmp}/o", "--concurrency", "0"],
        ["batch", "{tmp}", "--out", "{tmp}/o", "--mode", "telepathy"],
        ["summarize", "--no-such-flag", "x"],
    ],
)
def test_a_usage_or_configuration_error_exits_2_whatever_the_command(tmp_path, args):
    r = run(*[a.format(tmp=tmp_path) for a in args])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output


# --- fail-fast ------------------------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_server_stops_the_batch_with_one_message_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("SUMMARIZER_TRANSPORT_RETRIES", "0")  # the test need not wait for backoffs
    folder, out = folder_of(tmp_path, 7), tmp_path / "out"
    url = f"http://127.0.0.1:{closed_port()}/v1"
    r = run(
        "batch", str(folder), "--out", str(out), "--model", "m", "--base-url", url, "--concurrency", "1", "-q"
    )
    line = one_error_line(r)
    assert r.exit_code == 2 and url in line and "could not be reached" in line and "--base-url" in line
    assert KEY not in r.output
    lines = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1  # nothing listens on this machine: the first refused connection stops it
    assert "1 × failed:" in r.output  # the reason, grouped, on the terminal
    assert run("runs", str(out)).stdout.splitlines()[1].split()[9] == "stopped"


def test_a_refused_key_stops_the_batch_and_keeps_what_was_finished(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    folder, out = folder_of(tmp_path, 7), tmp_path / "out"
    (folder / "0notes.bin").write_bytes(b"\x00\x01" * 100)  # a skipped file, finished before any request
    with serve(refusal) as (url, bodies):
        r = run("batch", str(folder), "--out", str(out), "--model", "m", "--base-url", f"http://u:{KEY}@{url[7:]}",
                "--concurrency", "1", "-q")  # fmt: skip
    line = one_error_line(r)
    assert r.exit_code == 2 and "refused the request" in line and url in line and KEY not in r.output
    assert 3 <= len(bodies) <= 4  # three refusals stop it; at most the one article then in flight follows
    records = [json.loads(x) for x in (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in records].count("skipped") == 1 and len(records) == 4


def test_equal_faults_group_whatever_their_file_names_and_figures():
    from summarizer.batch import BatchReport
    from summarizer.models import BatchRecord, ErrorInfo, SourceInfo

    def failed(path: str, message: str) -> BatchRecord:
        error = ErrorInfo(type="LLMTransportError", message=message)
        return BatchRecord(
            source=SourceInfo(path=path, sha256="", bytes=0), status="failed", engine="e", error=error
        )

    report = BatchReport()
    report.add(failed("a.txt", "gave up after 5 calls (Connection error.); waited 16.4s in all"))
    report.add(failed("b.txt", "gave up after 5 calls (Connection error.); waited 17.1s in all"))
    report.add(failed("c.txt", "cannot read c.txt: Permission denied"))
    report.add(failed("d.txt", "cannot read d.txt: Permission denied"))
    assert report.grouped_reasons() == [
        ("failed: gave up after 5 calls (Connection error.); waited 16.4s in all", 2),
        ("failed: cannot read …: Permission denied", 2),
    ]


def test_a_missing_openai_key_is_reported_before_any_request(tmp_path, monkeypatch):
    for name in ("OPENAI_API_KEY", "SUMMARIZER_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    r = run("batch", str(folder_of(tmp_path, 2)), "--out", str(tmp_path / "o"), "--model", "gpt-4o-mini")
    assert r.exit_code == 2 and "OPENAI_API_KEY" in one_error_line(r)
    assert not (tmp_path / "o" / "runs.sqlite").exists()  # nothing started
    r = run("summarize", str(article), "--model", "gpt-4o-mini")
    assert r.exit_code == 2 and "OPENAI_API_KEY" in one_error_line(r)


# --- Ctrl-C ---------------------------------------------------------------------------------------------

SLOW_CLI = textwrap.dedent(
    """
    import sys, time
    from summarizer.batch import executors
    real = executors.summarize_file_record
    def slow(*args):
        time.sleep(0.1)
        return real(*args)
    executors.summarize_file_record = slow
    from summarizer.cli import app
    sys.argv[0] = "summarizer"
    app()
    """
)


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_writes_what_is_done_and_says_how_to_resume(tmp_path):
    n = 40
    folder, out = folder_of(tmp_path, n), tmp_path / "out"
    command = [
        sys.executable,
        "-c",
        SLOW_CLI,
        "batch",
        str(folder),
        "--out",
        str(out),
        "--workers",
        "1",
        "-q",
    ]
    # A job a shell starts in the background ignores SIGINT, and so would this child: it is restored.
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible)
    store, done, deadline = out / "runs.sqlite", 0, time.time() + 60
    while time.time() < deadline and done < 3:
        time.sleep(0.05)
        try:
            with sqlite3.connect(store) as db:
                done = db.execute("SELECT count(*) FROM records").fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            continue
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted:" in stderr and "run the same command again" in stderr
    saved = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    assert 3 <= len(saved) < n and f"{len(saved)} of {n} files are done" in stderr

    again = run("batch", str(folder), "--out", str(out), "--workers", "1", "-q")
    assert again.exit_code == 0 and f"({len(saved)} from cache)" in again.output
    history = [row.split() for row in run("runs", str(out)).stdout.splitlines()[1:]]
    assert [row[9] for row in history] == ["interrupted", "done"]


# --- smaller inconsistencies ----------------------------------------------------------------------------


def test_an_empty_folder_is_a_warning(tmp_path):
    r = run("batch", str(folder_of(tmp_path, 0)), "--out", str(tmp_path / "o"), "-q")
    assert r.exit_code == 0 and "warning: no files found" in r.output


def test_summaries_jsonl_gets_the_same_mode_as_the_other_outputs(tmp_path):
    out = tmp_path / "o"
    assert run("batch", str(folder_of(tmp_path, 1)), "--out", str(out), "-q").exit_code == 0
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (out / "summaries.jsonl", out / "summaries.csv")}
    umask = os.umask(0)
    os.umask(umask)
    assert modes == {"summaries.jsonl": 0o666 & ~umask, "summaries.csv": 0o666 & ~umask}


def test_the_progress_bar_counts_tokens_only_for_model_engines():
    from summarizer.cli.batch import _progress

    def texts(progress):
        return " ".join(getattr(column, "text_format", "") for column in progress.columns)

    assert "tokens" not in texts(_progress(tokens=False, quiet=True))
    assert "tokens" in texts(_progress(tokens=True, quiet=True))


def test_a_fully_cached_run_shows_no_rate(tmp_path):
    folder, out = folder_of(tmp_path, 2), tmp_path / "o"
    first = run("batch", str(folder), "--out", str(out), "-q")
    assert "/s)" in first.output
    again = run("batch", str(folder), "--out", str(out), "-q")
    assert "(2 from cache)" in again.output and "/s)" not in again.output


def test_the_batch_says_it_is_writing_once_every_file_is_done(tmp_path):
    from summarizer import summarize_folder

    seen: list[str] = []
    out = tmp_path / "o"

    def finishing() -> None:
        seen.append(f"{len(records)} records, summaries.jsonl exists: {(out / 'summaries.jsonl').exists()}")

    records: list = []
    summarize_folder(folder_of(tmp_path, 3), out, on_record=records.append, on_finishing=finishing)
    assert seen == ["3 records, summaries.jsonl exists: False"]


# --- skipped files are named ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"), [("sub/report.pdf", "sub/report.pdf"), ("bad\x1b[31mname.pdf", "bad\\x1b[31mname.pdf")]
)
def test_a_file_skipped_alone_is_named_relative_to_the_input_and_escaped(tmp_path, name, shown):
    folder = folder_of(tmp_path, 1)
    (folder / name).parent.mkdir(exist_ok=True)
    (folder / name).write_bytes(b"%PDF-1.4 not an article")
    (folder / "e1.txt").write_text("")
    r = run("batch", str(folder), "--out", str(tmp_path / "o"), "-q")
    assert r.exit_code == 0, r.output
    assert (
        f"  1 × skipped: {shown} is a PDF document" in r.output
        and "  1 × skipped: e1.txt is empty" in r.output
    )
    assert "\x1b" not in r.output and str(tmp_path) not in r.output.split("\n", 1)[1]


def test_a_reason_shared_by_several_files_is_shown_once_without_their_names(tmp_path):
    folder = folder_of(tmp_path, 1)
    (folder / "e1.txt").write_text("")
    (folder / "e2.txt").write_text("")
    r = run("batch", str(folder), "--out", str(tmp_path / "o"), "-q")
    assert "  2 × skipped: … is empty" in r.output and "e1.txt" not in r.output


def test_failures_lists_skipped_files_too(tmp_path):
    folder = folder_of(tmp_path, 1)
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 not an article")
    run("batch", str(folder), "--out", str(tmp_path / "o"), "-q")
    r = run("failures", str(tmp_path / "o"))
    lines = [line.split("\t") for line in r.stdout.splitlines()]
    assert [(line[0], line[1]) for line in lines] == [("report.pdf", "skipped")]
    assert "PDF document" in lines[0][2]


def test_summarize_names_an_unreadable_file_once(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4 not an article")
    r = run("summarize", str(pdf))
    assert r.exit_code == 1 and one_error_line(r).count(str(pdf)) == 1


# --- the schema command's folder -------------------------------------------------------------------------


def test_schema_ignores_an_unrelated_schemas_folder_in_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "batch_record.schema.json").write_text("{}")
    monkeypatch.chdir(tmp_path)
    r = run("schema")
    assert r.exit_code == 0, r.output
    assert "source" in json.loads(r.stdout)["properties"]


def test_schema_write_never_creates_a_folder_it_was_not_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("schema", "--write")
    assert r.exit_code == 2 and "--dir" in one_error_line(r)
    assert list(tmp_path.iterdir()) == []


def test_schema_writes_and_checks_the_folder_it_is_given(tmp_path):
    target = tmp_path / "mine"
    assert run("schema", "--write", "--dir", str(target)).exit_code == 0
    assert run("schema", "--dir", str(target)).exit_code == 0
    (target / "batch_record.schema.json").write_text("{}")
    r = run("schema", "--dir", str(target))
    assert r.exit_code == 1 and "batch_record.schema.json" in one_error_line(r)


# --- standard input is read bounded (issue 25, item 13) ---------------------------------------------------


@pytest.mark.parametrize("command", ["summarize", "clean"])
def test_standard_input_is_read_no_further_than_max_bytes(command):
    cli = subprocess.Popen(
        [sys.executable, "-c", "from summarizer.cli import app; app()", command, "-", "--max-bytes", "1000"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    written = 0
    try:
        while written < 20_000_000:  # a command that reads it all takes all of it
            cli.stdin.write(b"a" * 65536)
            cli.stdin.flush()
            written += 65536
    except BrokenPipeError:  # the command stopped reading and ended
        pass
    if written >= 20_000_000:
        cli.kill()  # it is still waiting for the end of its input
    _, err = cli.communicate(timeout=60)
    assert written < 2_000_000, f"{written:,} bytes of standard input taken"
    assert cli.returncode == 1 and "standard input is over the 1,000-byte limit" in err.decode()
