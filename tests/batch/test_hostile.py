"""Batches under hostile inputs and faults: slow articles, files changed mid-run, two runs at once,
links out of the input folder, unreadable folders, a full disk, kills, spreadsheet formulas."""

import csv
import errno
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from texts import ARTICLE
from typer.testing import CliRunner

from summarizer import summarize_folder
from summarizer.batch import lock
from summarizer.cli import app
from summarizer.engines.offline import OfflineEngine
from summarizer.errors import OutputBusyError, OutputError
from summarizer.settings import Settings

from .test_batch import _model_server


def _folder(root: Path, n: int = 1) -> Path:
    folder = root / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02}.txt").write_text(ARTICLE.replace("4.120", f"{4000 + i}"), encoding="utf-8")
    return folder


def _records(out: Path) -> dict[str, dict]:
    import json

    lines = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["source"]["path"]: r for r in map(json.loads, lines)}


# --- time budget ----------------------------------------------------------------------------------


def _slow_on(marker: str):
    original = OfflineEngine.summarize

    def slow(self, article):
        if marker in article.text:
            time.sleep(4)  # an input that holds its worker; interrupted by the budget
        return original(self, article)

    return slow


@pytest.mark.parametrize("workers", [1, 2], ids=["this-process", "worker-processes"])
def test_an_article_over_its_time_budget_fails_alone(tmp_path, monkeypatch, workers):
    folder = _folder(tmp_path, 24)  # 24: enough for worker processes
    (folder / "a05.txt").write_text(
        ARTICLE.replace("Những năm qua,", "Những năm qua (chậm),"), encoding="utf-8"
    )
    monkeypatch.setattr(OfflineEngine, "summarize", _slow_on("(chậm)"))
    settings = Settings(workers=workers, article_seconds=1)
    report = summarize_folder(folder, tmp_path / "out", settings=settings)
    assert (report.ok, report.failed) == (23, 1)
    failed = _records(tmp_path / "out")["a05.txt"]
    assert failed["error"]["type"] == "ArticleTimeoutError"
    assert "1-second budget" in failed["error"]["message"]


def test_a_model_article_over_its_time_budget_fails_alone(tmp_path):
    folder = _folder(tmp_path, 2)
    with _model_server(lambda: time.sleep(2)) as base_url:
        settings = Settings(engine="llm", model="m", base_url=base_url, mode="json", article_seconds=0.5)
        report = summarize_folder(folder, tmp_path / "out", settings=settings)
    assert report.failed == 2
    assert all("budget" in r["error"]["message"] for r in _records(tmp_path / "out").values())


# --- cache poisoning ------------------------------------------------------------------------------


def test_a_file_changed_between_planning_and_loading_is_cached_under_what_was_summarised(
    tmp_path, monkeypatch
):
    from summarizer.batch import run

    folder = _folder(tmp_path)
    file = folder / "a00.txt"
    before, after = file.read_bytes(), ARTICLE.replace("210", "321").encode()
    real_plan = run.plan

    def plan_then_change(*args, **kwargs):
        work = real_plan(*args, **kwargs)
        file.write_bytes(after)  # the file changes after it was hashed, before it is read
        return work

    out = tmp_path / "out"
    monkeypatch.setattr(run, "plan", plan_then_change)
    summarize_folder(folder, out)
    monkeypatch.undo()
    record = _records(out)["a00.txt"]
    assert record["source"]["sha256"] == hashlib.sha256(after).hexdigest()
    assert any(n["value"] == 321 for n in record["summary"]["numeric_results"])

    file.write_bytes(before)  # the old bytes come back: their summary is not the one just made
    again = summarize_folder(folder, out)
    assert again.cached == 0
    record = _records(out)["a00.txt"]
    assert record["source"]["sha256"] == hashlib.sha256(before).hexdigest()
    assert not any(n["value"] == 321 for n in record["summary"]["numeric_results"])

    file.write_bytes(after)  # and the changed bytes are served from the cache they were stored in
    assert summarize_folder(folder, out).cached == 1


# --- one run per output folder --------------------------------------------------------------------


def test_a_second_run_on_the_same_output_says_who_holds_it_and_exits(tmp_path):
    folder, out = _folder(tmp_path), tmp_path / "out"
    with lock.locked(out):
        with pytest.raises(OutputBusyError, match=f"in use by process {os.getpid()}"):
            summarize_folder(folder, out)
        result = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "-q"])
        assert result.exit_code == 2 and f"in use by process {os.getpid()}" in result.output
        assert not (out / "summaries.jsonl").exists()
    assert summarize_folder(folder, out).ok == 1  # released with its holder


# --- CSV for spreadsheets -------------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "=HYPERLINK(1).txt").write_bytes(b"")
    (folder / "@SUM(1).txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    (folder / "ok.txt").write_text("+" + ARTICLE.replace("\n", "\n-", 1), encoding="utf-8")
    summarize_folder(folder, tmp_path / "out")
    with (tmp_path / "out" / "summaries.csv").open(encoding="utf-8-sig") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    assert "'=HYPERLINK(1).txt" in cells and "'@SUM(1).txt" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


# --- links and folders ----------------------------------------------------------------------------


def _linked_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(ARTICLE.replace("210", "999"), encoding="utf-8")
    folder = _folder(tmp_path)
    (folder / "in-link.txt").symlink_to(folder / "a00.txt")
    (folder / "out-link.txt").symlink_to(outside / "secret.txt")
    (folder / "dir-link").symlink_to(outside, target_is_directory=True)
    return folder


def test_links_out_of_the_input_folder_are_skipped_with_a_record(tmp_path):
    summarize_folder(_linked_folder(tmp_path), tmp_path / "out")
    records = _records(tmp_path / "out")
    assert {p: r["status"] for p, r in records.items()} == {
        "a00.txt": "ok", "dir-link": "skipped", "in-link.txt": "ok", "out-link.txt": "skipped",
    }  # fmt: skip
    assert "--follow-symlinks" in records["out-link.txt"]["error"]["message"]
    assert "link to a folder" in records["dir-link"]["error"]["message"]
    assert "999" not in (tmp_path / "out" / "summaries.csv").read_text(encoding="utf-8-sig")


def test_follow_symlinks_reads_them(tmp_path):
    folder = _linked_folder(tmp_path)
    result = CliRunner().invoke(app, ["batch", str(folder), "--out", str(tmp_path / "out"), "-q",
                                      "--follow-symlinks"])  # fmt: skip
    assert result.exit_code == 0, result.output
    records = _records(tmp_path / "out")
    assert {p: r["status"] for p, r in records.items()} == {
        "a00.txt": "ok", "in-link.txt": "ok", "out-link.txt": "ok", "dir-link/secret.txt": "ok",
    }  # fmt: skip


def test_an_unreadable_folder_gets_a_failed_record(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    locked_away = folder / "private"
    locked_away.mkdir()
    (locked_away / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # what chmod 000 does to anyone but root (the tests may run as root)
        if Path(path) == locked_away:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summarize_folder(folder, tmp_path / "out")
    record = _records(tmp_path / "out")["private"]
    assert record["status"] == "failed" and "Permission denied" in record["error"]["message"]


# --- full disk, kills -----------------------------------------------------------------------------


class _FullDisk:
    """A sqlite connection whose record writes fail as on a full disk."""

    def __init__(self, db):
        self._db = db

    def execute(self, sql, *args):
        if sql.startswith("INSERT OR REPLACE INTO records"):
            raise sqlite3.OperationalError("database or disk is full")
        return self._db.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)


def test_a_full_disk_is_one_clear_error_not_a_traceback(tmp_path, monkeypatch):
    from summarizer.batch import store

    real_connect = sqlite3.connect
    monkeypatch.setattr(store.sqlite3, "connect", lambda *a, **k: _FullDisk(real_connect(*a, **k)))
    result = CliRunner().invoke(app, ["batch", str(_folder(tmp_path)), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2, result.output
    assert "cannot write the run store" in result.output and "disk is full" in result.output
    assert "Traceback" not in result.output


def test_an_export_cut_short_by_a_full_disk_leaves_the_previous_one_whole(tmp_path, monkeypatch):
    folder, out = _folder(tmp_path, 3), tmp_path / "out"
    summarize_folder(folder, out)
    before = (out / "summaries.csv").read_bytes()
    written = []

    def writerow(self, row):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(row)

    monkeypatch.setattr(csv.DictWriter, "writerow", writerow)
    with pytest.raises(OutputError, match="No space left on device"):
        summarize_folder(folder, out, force=True)
    assert (out / "summaries.csv").read_bytes() == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".summaries")) == []


def test_temporary_files_left_by_a_kill_are_removed_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in (".summaries.jsonl.k1ll3d", ".summaries.csv.abc"):
        (out / name).write_text("half a line")
    summarize_folder(_folder(tmp_path), out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".summaries")) == []


KILLABLE = textwrap.dedent(
    """
    import sys, time
    from summarizer import summarize_folder
    from summarizer.engines.offline import OfflineEngine
    from summarizer.settings import Settings
    real = OfflineEngine.summarize
    def slow(self, article):
        time.sleep(0.3)
        return real(self, article)
    OfflineEngine.summarize = slow
    summarize_folder(sys.argv[1], sys.argv[2], settings=Settings(workers=2))
    """
)


def _children(pid: int) -> set[int]:
    return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's reaping is left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_batch_kills_its_worker_processes(tmp_path):
    folder, out = _folder(tmp_path, 40), tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, str(folder), str(out)], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the batch should have started its workers"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(map(_alive, workers)):
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        proc.kill()
