"""The run store: named migrations with a schema version, a damaged store reported in one line, read-only
listing (runs, failures) that works in a read-only folder, salvage told by ``obtained``, names escaped."""

import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from texts import ARTICLE
from typer.testing import CliRunner

from summarizer import summarize_folder
from summarizer.batch.store import MIGRATIONS, STORE_VERSION, RunStore, is_salvaged
from summarizer.cli import app
from summarizer.errors import OutputError
from summarizer.models import ArticleSummary, BatchRecord, SourceInfo

# The store exactly as the code before migrations made it (CREATE TABLE IF NOT EXISTS, no version).
OLD_SCHEMA = """
CREATE TABLE records (path TEXT NOT NULL, cache_key TEXT NOT NULL, status TEXT NOT NULL, record TEXT NOT NULL,
    finished_at REAL NOT NULL, PRIMARY KEY (path, cache_key));
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at REAL NOT NULL, finished_at REAL,
    engine TEXT NOT NULL, input TEXT NOT NULL, report TEXT);
"""


def _record(path: str = "a.txt", **fields) -> BatchRecord:
    fields.setdefault("summary", ArticleSummary())
    return BatchRecord(source=SourceInfo(path=path, sha256="0" * 64, bytes=1), status="ok", engine="llm:m",
                       engine_version="v", **fields)  # fmt: skip


def _run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def _batch(root: Path) -> Path:
    folder, out = root / "in", root / "out"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    summarize_folder(folder, out)
    return out


# --- migrations -----------------------------------------------------------------------------------


def test_a_store_made_by_the_old_schema_is_migrated_and_keeps_its_records(tmp_path):
    path = tmp_path / "runs.sqlite"
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    old = _record()
    db.execute("INSERT INTO records VALUES (?, ?, ?, ?, ?)", ("a.txt", "k", "ok", old.model_dump_json(), 1.0))
    db.execute(
        "INSERT INTO runs (started_at, finished_at, engine, input, report) VALUES (1, 2, 'offline', 'in', '{}')"
    )
    db.commit()
    db.close()

    with RunStore(path, readonly=True) as store:  # read as it is, not migrated
        assert [r.engine for r in store.runs()] == ["offline"] and list(store.failures()) == []
    with RunStore(path) as store:
        assert store.done("a.txt", "k") == old
        assert [r.engine for r in store.runs()] == ["offline"]
    db = sqlite3.connect(path)
    names = [name for (name,) in db.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names == [step.__name__ for step in MIGRATIONS] and len(names) == STORE_VERSION >= 2
    assert db.execute("PRAGMA user_version").fetchone()[0] == STORE_VERSION
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'records_latest'").fetchone()
    db.close()

    with RunStore(path):  # reopening applies nothing twice
        pass
    assert sqlite3.connect(path).execute("SELECT count(*) FROM migrations").fetchone()[0] == STORE_VERSION


def test_a_store_from_a_newer_summarizer_is_refused_in_one_line(tmp_path):
    path = tmp_path / "runs.sqlite"
    RunStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {STORE_VERSION + 1}")
    db.commit()
    db.close()
    for readonly in (False, True):
        with pytest.raises(OutputError, match="newer summarizer"):
            RunStore(path, readonly=readonly)


# --- a damaged store ------------------------------------------------------------------------------


def _damage(store: Path, how: str) -> None:
    data = store.read_bytes()
    damaged = {"truncated": data[: len(data) // 2], "random": os.urandom(len(data)),
               "zeroed-header": bytes(100) + data[100:]}[how]  # fmt: skip
    store.write_bytes(damaged)


@pytest.mark.parametrize("how", ["truncated", "random", "zeroed-header"])
def test_a_damaged_store_is_one_line_saying_what_to_do(tmp_path, how):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for i in range(40):  # enough records for the store to span many pages
        (folder / f"a{i:02}.txt").write_text(ARTICLE.replace("4.120", str(4000 + i)), encoding="utf-8")
    summarize_folder(folder, out)
    _damage(out / "runs.sqlite", how)
    for args in (["batch", str(folder), "--out", str(out), "-q"], ["runs", str(out)], ["failures", str(out)]):
        r = _run(*args)
        assert r.exit_code == 2, (args, r.output)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "damaged" in lines[0] and "move it aside" in lines[0], (args, r.output)
        assert "summaries.jsonl" in lines[0] and "Traceback" not in r.output


def test_a_store_moved_aside_costs_no_finished_article(tmp_path):
    out = _batch(tmp_path)
    (out / "runs.sqlite").rename(out / "runs.sqlite.damaged")
    for leftover in out.glob("runs.sqlite-*"):
        leftover.unlink()
    report = summarize_folder(tmp_path / "in", out)
    assert (report.total, report.cached) == (1, 1)  # re-read from summaries.jsonl, not summarised again


# --- read-only listing ----------------------------------------------------------------------------


def test_runs_and_failures_open_the_store_read_only(tmp_path):
    out = _batch(tmp_path)
    with RunStore(out / "runs.sqlite") as store:
        store.put("k", _record("b.txt", obtained="salvaged"))
    # (reading a WAL store may make its empty log and shared-memory index beside it: not a write to it)
    before = {
        p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.endswith(("-shm", "-wal"))
    }
    with RunStore(out / "runs.sqlite", readonly=True) as store:
        with pytest.raises(OutputError):
            store.put("k2", _record("c.txt"))
        assert [r.source.path for r in store.failures()] == ["b.txt"]
    assert _run("runs", str(out)).exit_code == 0
    assert _run("failures", str(out)).stdout.startswith("b.txt\tsalvaged")
    after = {
        p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.endswith(("-shm", "-wal"))
    }
    assert after == before and not (out / "runs.sqlite-wal").read_bytes()


def _read_only(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the CLI with ``folder`` read-only: by its mode, or (root writes whatever the mode) as a read-only
    bind mount in a mount namespace of its own."""
    command = [sys.executable, "-c", "from summarizer.cli import app; app(prog_name='summarizer')", *args]
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
    else:
        mount = f"mount --bind {shlex.quote(str(folder))} {shlex.quote(str(folder))} && " \
                f"mount -o remount,bind,ro {shlex.quote(str(folder))} && exec {shlex.join(command)}"  # fmt: skip
        command = ["unshare", "-m", "sh", "-c", mount]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_runs_failures_and_brief_work_in_a_read_only_folder(tmp_path):
    out = _batch(tmp_path)
    with RunStore(out / "runs.sqlite") as store:
        store.put("k", _record("b.txt", obtained="salvaged"))
    probe = _read_only(out, "--version")
    assert probe.returncode == 0, probe.stderr  # the read-only folder itself could be made
    runs = _read_only(out, "runs", str(out))
    assert runs.returncode == 0 and len(runs.stdout.splitlines()) == 2, runs.stderr
    failures = _read_only(out, "failures", str(out))
    assert failures.returncode == 0 and failures.stdout.startswith("b.txt\tsalvaged"), failures.stderr
    brief = _read_only(out, "brief", str(out))
    assert brief.returncode == 2 and len(brief.stderr.strip().splitlines()) == 1, brief.stderr
    assert "cannot write" in brief.stderr and "Traceback" not in brief.stderr


# --- salvage and names ----------------------------------------------------------------------------


def test_salvage_is_told_by_obtained_not_by_a_word_in_the_warnings(tmp_path):
    salvaged = _record(obtained="salvaged")
    reasked = _record(
        obtained="reasked", summary=ArticleSummary(warnings=["kept 2 items; 1 salvaged figure"])
    )
    assert is_salvaged(salvaged) and not is_salvaged(reasked)
    with RunStore(tmp_path / "runs.sqlite") as store:
        store.put("k1", salvaged)
        store.put(
            "k2", reasked.model_copy(update={"source": SourceInfo(path="b.txt", sha256="1" * 64, bytes=1)})
        )
        assert [r.source.path for r in store.failures()] == ["a.txt"]


def test_failures_escapes_names_and_keeps_three_columns(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    names = ["a\x1b[31mred\x1b[0m.txt", "b\x1b]8;;http://evil.test\x07link\x1b]8;;\x07.txt", "c\rover.txt",
             "d\nsecond\tline.txt", "e\u202etxt.exe"]  # fmt: skip
    with RunStore(out / "runs.sqlite") as store:
        for i, name in enumerate(names):
            record = _record(
                name, obtained="salvaged", summary=ArticleSummary(warnings=[f"salvaged: {name}"])
            )
            store.put(f"k{i}", record)
    r = _run("failures", str(out))
    lines = r.stdout.split("\n")[:-1]
    assert r.exit_code == 0 and len(lines) == len(names)
    for line in lines:
        assert len(line.split("\t")) == 3
        assert not any(c in line for c in "\x1b\x07\r\u202e")
    assert lines[0].startswith("a\\x1b[31mred\\x1b[0m.txt\t")
    assert lines[3].startswith("d\\nsecond\\tline.txt\t")
