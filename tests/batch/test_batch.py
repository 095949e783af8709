import hashlib
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from texts import ARTICLE
from typer.testing import CliRunner

from summarizer import summarize_folder
from summarizer.cli import app
from summarizer.engines.offline import OfflineEngine
from summarizer.settings import Settings


def _mixed_folder(root: Path) -> Path:
    d = root / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (d / "empty.txt").write_bytes(b"")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (d / "huge.txt").write_bytes(b"x" * 5000)
    (d / ".hidden").write_text("ignored")
    return d


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_mixed_folder_gives_one_record_per_file_and_exit_0(tmp_path):
    folder = _mixed_folder(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["batch", str(folder), "--out", str(out), "--max-bytes", "4000", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    records = _lines(out / "summaries.jsonl")
    assert [r["source"]["path"] for r in records] == [
        "empty.txt",
        "good.txt",
        "huge.txt",
        "image.png",
        "sub/utf16.txt",
    ]
    status = {r["source"]["path"]: r["status"] for r in records}
    assert status == {
        "empty.txt": "skipped",
        "good.txt": "ok",
        "huge.txt": "skipped",
        "image.png": "skipped",
        "sub/utf16.txt": "ok",
    }
    for r in records:
        assert r["engine"] == "offline" and r["usage"] == {
            "prompt_tokens": 0,
            "completion_tokens": 0,
            "calls": 0,
        }
        assert (r["summary"] is None) == (r["status"] != "ok")
        assert (r["error"] is None) == (r["status"] == "ok")
        assert len(r["source"]["sha256"]) == 64
    assert "PNG" in next(r for r in records if r["source"]["path"] == "image.png")["error"]["message"]


def test_strict_exits_1_when_a_file_failed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8\x00")  # a UTF-16 BOM with a broken surrogate
    runner = CliRunner()
    assert runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "o1"), "-q"]).exit_code == 0
    assert (
        runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "o2"), "-q", "--strict"]).exit_code
        == 1
    )


def test_cache_hit_runs_no_engine_and_force_runs_all(tmp_path, monkeypatch):
    folder = _mixed_folder(tmp_path)
    out = tmp_path / "out"
    first = summarize_folder(folder, out, settings=Settings(max_bytes=4000))
    assert (first.total, first.ok, first.skipped, first.cached) == (5, 2, 3, 0)
    before = (out / "summaries.jsonl").read_bytes()

    calls = []
    original = OfflineEngine.summarize
    monkeypatch.setattr(OfflineEngine, "summarize", lambda self, a: calls.append(a) or original(self, a))
    second = summarize_folder(folder, out, settings=Settings(max_bytes=4000))
    assert second.cached == 5 and calls == []
    assert (out / "summaries.jsonl").read_bytes() == before

    changed = ARTICLE.replace("kết nạp được 210 đảng viên", "kết nạp được 230 đảng viên")
    (folder / "good.txt").write_text(changed, encoding="utf-8")  # a changed input is redone...
    third = summarize_folder(folder, out, settings=Settings(max_bytes=4000))
    assert third.cached == 4 and len(calls) == 1
    [good] = [r for r in _lines(out / "summaries.jsonl") if r["source"]["path"] == "good.txt"]
    assert good["source"]["sha256"] == hashlib.sha256(changed.encode("utf-8")).hexdigest()  # ...and written
    values = {n["value"] for n in good["summary"]["numeric_results"]}
    assert 230 in values and 210 not in values

    forced = summarize_folder(folder, out, settings=Settings(max_bytes=4000), force=True)
    assert forced.cached == 0 and len(calls) == 3


def test_new_engine_version_invalidates_the_cache(tmp_path, monkeypatch):
    folder = _mixed_folder(tmp_path)
    out = tmp_path / "out"
    summarize_folder(folder, out, settings=Settings(max_bytes=4000))
    monkeypatch.setattr(OfflineEngine, "version", "test-next")
    assert summarize_folder(folder, out, settings=Settings(max_bytes=4000)).cached == 0


def test_one_failing_article_does_not_stop_the_batch(tmp_path, monkeypatch):
    folder = _mixed_folder(tmp_path)
    original = OfflineEngine.summarize

    def flaky(self, article):
        if "Tân Sơn" in article.text and not getattr(flaky, "done", False):
            flaky.done = True
            raise RuntimeError("boom")
        return original(self, article)

    monkeypatch.setattr(OfflineEngine, "summarize", flaky)
    report = summarize_folder(folder, tmp_path / "out", settings=Settings(max_bytes=4000))
    assert (report.ok, report.failed) == (1, 1)
    failed = [r for r in _lines(tmp_path / "out" / "summaries.jsonl") if r["status"] == "failed"]
    assert failed[0]["error"]["type"] == "RuntimeError" and "boom" in failed[0]["error"]["message"]
    # the failure is retried by the next run, the success is not
    again = summarize_folder(folder, tmp_path / "out", settings=Settings(max_bytes=4000))
    assert (again.ok, again.failed, again.cached) == (2, 0, 4)


SLOW_RUN = textwrap.dedent(
    """
    import sys, time
    from summarizer import summarize_folder
    from summarizer.batch import executors
    from summarizer.settings import Settings
    real = executors.summarize_file_record
    def slow(*args):
        time.sleep(0.05)
        return real(*args)
    executors.summarize_file_record = slow
    summarize_folder(sys.argv[1], sys.argv[2], settings=Settings(workers=1))
    """
)


def test_a_killed_run_loses_nothing_and_the_next_completes_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    n = 60
    for i in range(n):
        (folder / f"a{i:03}.txt").write_text(ARTICLE.replace("4.120", f"{4000 + i}"), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(folder), str(out)], cwd=tmp_path)
    store = out / "runs.sqlite"
    deadline = time.time() + 60
    done = 0
    while time.time() < deadline and done < 10:
        time.sleep(0.1)
        if store.exists():
            try:
                with sqlite3.connect(store) as db:
                    done = db.execute("SELECT count(*) FROM records").fetchone()[0]
            except sqlite3.OperationalError:
                continue
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 10 <= done < n, "the run should have been killed mid-way"
    assert not (out / "summaries.jsonl").exists()  # never half-written

    report = summarize_folder(folder, out, settings=Settings(workers=1))
    assert report.cached >= 10 and report.ok == n
    records = _lines(out / "summaries.jsonl")
    assert sorted(r["source"]["path"] for r in records) == [f"a{i:03}.txt" for i in range(n)]
    assert len({r["source"]["path"] for r in records}) == n


def test_parallel_workers_give_the_same_records_as_one_process(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        (folder / f"a{i:02}.txt").write_text(ARTICLE.replace("210", str(200 + i)), encoding="utf-8")
    summarize_folder(folder, tmp_path / "one", settings=Settings(workers=1))
    summarize_folder(folder, tmp_path / "two", settings=Settings(workers=2))
    assert (tmp_path / "one" / "summaries.jsonl").read_text() == (
        tmp_path / "two" / "summaries.jsonl"
    ).read_text()


def test_summarize_command_prints_the_summary_json(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(f)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["locality"]["district"] == "Tân Sơn" and data["schema_version"] == "1"


def test_cli_errors_are_clear(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "does not exist" in r.output
    r = runner.invoke(app, ["summarize", str(tmp_path / "missing.txt")])
    assert r.exit_code == 2 and "does not exist" in r.output
    (tmp_path / "in").mkdir()
    r = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--engine", "llm"])
    assert r.exit_code == 2 and "needs a model name" in r.output and "--model" in r.output
    r = runner.invoke(
        app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--concurrency", "0"]
    )
    assert r.exit_code == 2 and "concurrency" in r.output and "greater than or equal to 1" in r.output
    r = runner.invoke(
        app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--mode", "telepathy"]
    )
    assert r.exit_code == 2 and "mode" in r.output


@pytest.mark.parametrize("name", ["examples"])
def test_examples_batch(tmp_path, examples_dir, name):
    report = summarize_folder(examples_dir, tmp_path / name)
    assert report.total == report.ok == len(list(examples_dir.iterdir()))


def test_csv_has_a_bom_and_one_row_per_item_and_every_file(tmp_path):
    import csv

    folder = _mixed_folder(tmp_path)
    out = tmp_path / "out"
    summarize_folder(folder, out, settings=Settings(max_bytes=4000))
    raw = (out / "summaries.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    records = _lines(out / "summaries.jsonl")
    items = sum(
        len(r["summary"][k])
        for r in records
        if r["summary"]
        for k in ("difficulties", "solutions", "numeric_results")
    )
    assert len(rows) == items + 3  # the three skipped files have one 'article' row each
    assert {r["source"] for r in rows} == {r["source"]["path"] for r in records}
    numbers = [r for r in rows if r["item"] == "number"]
    assert any(
        r["value"] == "4120" and r["unit"] == "đảng viên" and r["province"] == "Phú Thọ" for r in numbers
    )
    skipped = {r["source"]: r["error"] for r in rows if r["status"] == "skipped"}
    assert skipped == {
        r["source"]["path"]: r["error"]["message"] for r in records if r["status"] == "skipped"
    }


def test_parquet_without_pyarrow_fails_before_the_run(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError("no pyarrow here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    folder = _mixed_folder(tmp_path)
    from summarizer.errors import ConfigError

    with pytest.raises(ConfigError, match="pip install pyarrow"):
        summarize_folder(folder, tmp_path / "out", parquet=True)
    assert not (tmp_path / "out" / "summaries.jsonl").exists()


def test_a_changed_prompt_invalidates_the_llm_cache(tmp_path, monkeypatch):
    from texts import GOOD_ANSWER

    from summarizer.engines.llm import prompts as prompting
    from summarizer.testing import ScriptedModel

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    script = ScriptedModel(GOOD_ANSWER)
    settings = script.settings()

    def run():
        engine = script.engine(settings)
        monkeypatch.setattr("summarizer.batch.run.get_engine", lambda s: engine)
        return summarize_folder(folder, tmp_path / "out", settings=settings)

    assert run().cached == 0 and len(script.requests) == 1
    assert run().cached == 1 and len(script.requests) == 1  # unchanged: zero calls

    files = prompting._files()
    monkeypatch.setattr(
        prompting, "_files", lambda: {**files, "system.j2": files["system.j2"] + "\nBe brief."}
    )
    prompting.prompt_version.cache_clear()
    try:
        assert run().cached == 0 and len(script.requests) == 2  # an edited prompt is a new cache key
    finally:
        monkeypatch.undo()
        prompting.prompt_version.cache_clear()


@contextmanager
def _model_server(on_request):
    """The scripted model on 127.0.0.1 answering GOOD_ANSWER; ``on_request()`` runs in the thread of each
    request before it is answered. Yields the server's base URL."""
    from texts import GOOD_ANSWER

    from summarizer.testing import ScriptedModel

    with ScriptedModel(lambda request: on_request() or GOOD_ANSWER).serve(seconds=120) as base_url:
        yield base_url


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02}.txt").write_text(
            ARTICLE.replace("Những năm qua,", f"Những năm qua ({i}),"), encoding="utf-8"
        )
    return folder


def test_model_batches_never_have_more_in_flight_than_asked(tmp_path):
    """Spread over worker processes, --concurrency stays the total, not a per-process figure."""
    state = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def on_request():
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        threading.Event().wait(0.05)
        with lock:
            state["now"] -= 1

    folder = _articles(tmp_path / "in", 30)
    with _model_server(on_request) as base_url:
        for concurrency in (1, 3):
            state["peak"] = 0
            settings = Settings(engine="llm", model="m", base_url=base_url, mode="json", workers=2,
                                concurrency=concurrency)  # fmt: skip
            report = summarize_folder(folder, tmp_path / f"out{concurrency}", settings=settings)
            assert report.ok == 30 and state["peak"] == concurrency


def test_a_batch_spreads_its_first_requests_and_starts_no_idle_workers(tmp_path, monkeypatch):
    """Requests sent at once come back at once and are handled in turns; the workers start apart. A
    batch smaller than --concurrency starts one worker per article, not idle ones that wait their turn."""
    from summarizer.batch import executors

    monkeypatch.setattr(executors, "_SPACING", 0.2)
    arrivals: list[float] = []

    def on_request():
        arrivals.append(time.monotonic())
        time.sleep(0.6)  # every worker has sent its first request before the first answer comes back

    folder = _articles(tmp_path / "in", 3)
    with _model_server(on_request) as base_url:
        settings = Settings(
            engine="llm", model="m", base_url=base_url, mode="json", workers=1, concurrency=50
        )
        summarize_folder(_articles(tmp_path / "first", 1), tmp_path / "first-out", settings=settings)
        del arrivals[:]  # a process's first request also imports half of instructor: not what is measured
        report = summarize_folder(folder, tmp_path / "out", settings=settings)
    assert report.ok == 3
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(gaps) == 2 and min(gaps) > 0.1, gaps
    assert report.seconds < 5  # 50 workers 0.2 s apart would take 10 s to start
