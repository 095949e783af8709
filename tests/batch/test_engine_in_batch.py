"""The engine given to a batch is the engine that runs, in worker processes too (issue #24, item 1)."""

import hashlib
import multiprocessing
import os
from pathlib import Path

import pytest
from texts import ARTICLE

from summarizer import Engine, summarize_folder
from summarizer.batch.executors import _MIN_PARALLEL
from summarizer.engines import EngineResult
from summarizer.models import ArticleSummary
from summarizer.settings import Settings


class MyEngine(Engine):
    """A user's own engine: notes the process each article ran in, in a folder of its own."""

    name = "mine"
    version = "1"

    def __init__(self, notes: Path, placement: str = "processes") -> None:
        self.notes = notes
        self.placement = placement  # type: ignore[misc]

    def summarize(self, article):
        digest = hashlib.sha256(article.text.encode()).hexdigest()[:16]
        (self.notes / f"{os.getpid()}-{digest}").touch()
        return EngineResult(ArticleSummary(title="by my engine"))


def folder_of(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02}.txt").write_text(ARTICLE.replace("4.120", str(4000 + i)), encoding="utf-8")
    return folder


@pytest.mark.parametrize("placement", ["processes", "event_loop"])
def test_a_batch_in_worker_processes_runs_the_engine_it_was_given(tmp_path, placement):
    notes = tmp_path / "notes"
    notes.mkdir()
    n = 40
    assert n >= _MIN_PARALLEL  # large enough for worker processes
    report = summarize_folder(
        folder_of(tmp_path, n),
        tmp_path / "out",
        settings=Settings(workers=2),
        engine=MyEngine(notes, placement),
    )
    assert report.ok == n and report.engine == "mine"
    records = [
        line for line in (tmp_path / "out" / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(records) == n and all('"engine":"mine"' in r for r in records)
    pids = {p.name.split("-")[0] for p in notes.iterdir()}
    assert len(list(notes.iterdir())) == n  # every article, each once
    assert str(os.getpid()) not in pids and len(pids) == 2  # the two workers ran it, not this process


def spawned(monkeypatch) -> None:
    """Worker processes spawned (as on macOS and Windows), not forked; they find this module as we do."""
    spawn = multiprocessing.get_context("spawn")
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: spawn)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda allow_none=False: "spawn")


def test_spawned_workers_get_a_pickled_copy_of_the_engine(tmp_path, monkeypatch):
    spawned(monkeypatch)
    notes = tmp_path / "notes"
    notes.mkdir()
    report = summarize_folder(
        folder_of(tmp_path, _MIN_PARALLEL),
        tmp_path / "out",
        settings=Settings(workers=2),
        engine=MyEngine(notes, "event_loop"),
    )
    assert report.ok == _MIN_PARALLEL and report.engine == "mine"
    assert str(os.getpid()) not in {p.name.split("-")[0] for p in notes.iterdir()}


def _cannot_unpickle() -> None:
    raise RuntimeError("this engine cannot be rebuilt here")


class Unpicklable(MyEngine):
    def __reduce__(self):
        return _cannot_unpickle, ()


def test_a_worker_that_dies_before_its_first_article_fails_the_batch_instead_of_hanging(
    tmp_path, monkeypatch
):
    spawned(monkeypatch)
    notes = tmp_path / "notes"
    notes.mkdir()
    with pytest.raises(RuntimeError, match="ended without finishing its articles"):
        summarize_folder(
            folder_of(tmp_path, _MIN_PARALLEL),
            tmp_path / "out",
            settings=Settings(workers=2),
            engine=Unpicklable(notes, "event_loop"),
        )


def test_the_llm_engine_survives_the_pickling_spawned_workers_need():
    import pickle

    from summarizer.engines.llm import LLMEngine

    engine = LLMEngine(Settings(engine="llm", model="m", api_key="sk-pickle-test-0000000000000000"))
    copy = pickle.loads(pickle.dumps(engine))
    assert (copy.name, copy.version, copy.mode) == (engine.name, engine.version, engine.mode)
    assert copy._clients is not engine._clients and len(copy._clients) == 0
