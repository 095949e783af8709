"""How pending articles are summarised, by where the engine wants to run (``Engine.placement``).

The offline engine is CPU-bound: worker processes. Model engines wait on a server: event loops with
``concurrency`` articles in flight; their client libraries still cost milliseconds of CPU per request,
so large batches spread the loops over ``workers`` processes too. An engine that holds a model in
memory stays in this process. Records come back to the caller, which alone writes the run store.

Worker processes run the very engine the batch was given: forked workers inherit it, spawned ones get a
pickled copy, once per process (see :class:`~summarizer.engines.Engine`). Records come back pickled, so
what they carry beyond the contract (an error's typed :class:`~summarizer.errors.Fault`) comes too.

Worker processes die with the batch (:func:`_die_with_parent`): a batch killed with SIGKILL, which
runs no clean-up, must not leave 100 MB workers (or model calls) running.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ..engines import Engine
from ..models import BatchRecord, SourceInfo
from ..record import asummarize_file_record, summarize_file_record
from ..settings import Settings
from ..vietnamese.gazetteer import get_gazetteer

# Below this many articles, starting worker processes (each loads the gazetteer) costs more than it saves.
_MIN_PARALLEL = 24

#: Pending inputs: (file, what planning saw of it, cache key).
Todo = list[tuple[Path, SourceInfo, str]]


def execute(todo: Todo, settings: Settings, engine: Engine) -> Iterator[tuple[str, BatchRecord]]:
    """(cache key, record) for every pending input, in completion order."""
    workers = settings.workers or os.cpu_count() or 1
    parallel = workers > 1 and len(todo) >= _MIN_PARALLEL
    if engine.placement == "processes":
        if not parallel:
            if todo:  # one-off loading stays out of the first article's time budget
                get_gazetteer()
                engine.warm_up()
            for file, source, key in todo:
                yield key, summarize_file_record(file, source, settings, engine)
            return
        with _ready_to_fork(engine):
            yield from _run_offline_processes(todo, settings, workers, engine)
    elif parallel and engine.placement == "event_loop":
        with _ready_to_fork(engine):
            yield from _run_loop_processes(todo, settings, workers, engine)
    else:
        yield from _run_loop_thread(todo, settings, engine)


@contextmanager
def _ready_to_fork(engine: Engine) -> Iterator[None]:
    """Do once, before worker processes are forked, what each would otherwise do on its first article:
    load the gazetteer and warm the engine up. The heap is frozen meanwhile, as Python's documentation
    advises before a fork: a worker's garbage collections then never walk (and so never copy) the
    200 000 objects it inherits, which took 0.1 s of CPU in every worker. Nothing to share when
    processes are spawned instead of forked."""
    if multiprocessing.get_start_method() != "fork":
        yield
        return
    get_gazetteer()
    engine.warm_up()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _run_offline_processes(
    todo: Todo, settings: Settings, workers: int, engine: Engine
) -> Iterator[tuple[str, BatchRecord]]:
    # A bounded window of futures keeps memory flat however many files there are.
    window = workers * 4
    pending: dict[Future[BatchRecord], str] = {}
    items = iter(todo)
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(_parent(), engine)
    ) as pool:
        while True:
            for file, source, key in items:
                pending[pool.submit(_offline_work, file, source, settings)] = key
                if len(pending) >= window:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                key = pending.pop(fut)
                yield key, fut.result()


#: The engine of this worker process, set once by :func:`_start_worker` (not pickled with every article).
_worker_engine: Engine | None = None


def _start_worker(parent: int | None, engine: Engine) -> None:
    global _worker_engine
    _die_with_parent(parent)
    _worker_engine = engine


def _offline_work(file: Path, source: SourceInfo, settings: Settings) -> BatchRecord:
    assert _worker_engine is not None, "_start_worker runs first in every worker"
    return summarize_file_record(file, source, settings, _worker_engine)


# Seconds between the starts of one event loop's workers. Started together, their answers come back
# together, and a loop serves such a burst in turns (each await yields to the next answer), so every
# answer in it waits for nearly all the others, and the bunch stays together for many rounds: in
# bench/batch_llm.py the first round's answers waited 220 ms to be handled, the tenth's still 17 ms,
# against 12 ms once spread. The cost is at most concurrency x 25 ms, once, at the start.
_SPACING = 0.025


async def _drive(
    todo: Sequence[tuple[Path, SourceInfo, str]],
    settings: Settings,
    engine: Engine,
    concurrency: int,
    emit: Callable[[str, BatchRecord], None],
    stop: threading.Event | None = None,
) -> None:
    """``concurrency`` workers share one iterator over the files, so at most that many articles (and
    their texts) are in memory at once, however large the folder. Workers start ``_SPACING`` apart, and
    take no new article once ``stop`` is set (the batch stopped early or was interrupted)."""
    items = iter(todo)

    async def worker(slot: int) -> None:
        await asyncio.sleep(slot * _SPACING)
        for file, source, key in items:
            if stop is not None and stop.is_set():
                return
            emit(key, await asummarize_file_record(file, source, settings, engine))

    try:
        await asyncio.gather(*(worker(slot) for slot in range(min(concurrency, len(todo)))))
    finally:
        await engine.aclose()


_DONE = "done"


def _drain(
    results: Any, producers: int, ended: Callable[[], str | None] = lambda: None
) -> Iterator[tuple[str, BatchRecord]]:
    """Records from a queue fed by ``producers`` runners, each ending with _DONE or an error.

    ``ended()`` describes runners that are all gone (None while any runs): a worker process that died
    before it could say so (killed, or unable to unpickle what it was given) must not leave the batch
    waiting forever. Everything a process put is readable once it has exited, so two empty waits in a
    row after that mean nothing more will come."""
    finished = 0
    quiet = 0
    while finished < producers:
        try:
            item = results.get(timeout=_POLL)
        except queue.Empty:
            why = ended()
            quiet = quiet + 1 if why else 0
            if quiet >= 2:
                raise RuntimeError(
                    f"a batch worker process ended without finishing its articles ({why})"
                ) from None
            continue
        if item == _DONE:
            finished += 1
        elif isinstance(item, BaseException):
            raise item
        else:
            yield item


# Seconds between looks at whether the worker processes are still there while no record comes.
_POLL = 0.5


def _exit_codes(procs: list[Any]) -> str | None:
    """None while any process runs; else their exit codes."""
    if any(proc.is_alive() for proc in procs):
        return None
    return "exit codes " + ", ".join(str(proc.exitcode) for proc in procs)


def _run_loop_thread(todo: Todo, settings: Settings, engine: Engine) -> Iterator[tuple[str, BatchRecord]]:
    """One event loop in a helper thread; this thread writes the store as records arrive."""
    results: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()

    def run() -> None:
        try:
            asyncio.run(
                _drive(todo, settings, engine, settings.concurrency, lambda k, r: results.put((k, r)), stop)
            )
        except BaseException as exc:  # surfaced in the batch's own thread
            results.put(exc)
        results.put(_DONE)

    thread = threading.Thread(target=run, name="summarizer-batch", daemon=True)
    thread.start()
    try:
        yield from _drain(results, 1)
    finally:  # also when the caller stops early: no new requests
        stop.set()
    thread.join()


def _run_loop_processes(
    todo: Todo, settings: Settings, workers: int, engine: Engine
) -> Iterator[tuple[str, BatchRecord]]:
    """``workers`` processes, each an event loop with its share of ``concurrency`` and this engine; the
    settings are pickled to them (a JSON dump would mask the API key)."""
    ctx = multiprocessing.get_context()
    results = ctx.Queue()
    # Never more in flight than asked for: `concurrency` split over at most that many processes.
    n = min(workers, settings.concurrency)
    shares = [settings.concurrency // n + (i < settings.concurrency % n) for i in range(n)]
    procs = [
        ctx.Process(
            target=_loop_process,
            args=(todo[i::n], settings, engine, shares[i], results, _parent()),
            daemon=True,
        )
        for i in range(n)
    ]
    for proc in procs:
        proc.start()
    try:
        yield from _drain(results, len(procs), lambda: _exit_codes(procs))
    finally:
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()


def _loop_process(
    todo: Todo, settings: Settings, engine: Engine, concurrency: int, results: Any, parent: int | None
) -> None:
    _die_with_parent(parent)
    try:
        asyncio.run(_drive(todo, settings, engine, concurrency, lambda k, r: results.put((k, r))))
    except BaseException as exc:
        results.put(RuntimeError(f"a batch worker process failed: {exc!r}"))
    results.put(_DONE)


# prctl(2) option: the signal this process gets when its parent dies.
_PR_SET_PDEATHSIG = 1
# How often the fallback watch looks for its parent, in seconds.
_WATCH_EVERY = 0.5


def _parent() -> int | None:
    """The process id a worker's parent will have: this one's, unless a fork server starts the workers."""
    return os.getpid() if multiprocessing.get_start_method() in ("fork", "spawn") else None


def _die_with_parent(parent: int | None) -> None:
    """Run first in every worker process: end it when the batch that started it ends, however it ends.

    On Linux the kernel sends it SIGKILL when its parent dies (``PR_SET_PDEATHSIG``); elsewhere (or should
    that call fail) a daemon thread notices that the parent is gone and exits. Nothing is lost: the
    worker holds no state of its own, the batch alone writes the run store."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    watched = parent if parent is not None else os.getppid()
    if os.getppid() != watched:  # the parent died before the line above could take effect
        os._exit(1)
    threading.Thread(
        target=_watch_parent, args=(watched,), name="summarizer-parent-watch", daemon=True
    ).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_EVERY)
    os._exit(1)
