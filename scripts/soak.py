"""Kill-and-resume soak: an LLM batch killed with SIGKILL again and again, then run to the end.

Usage: python scripts/soak.py [--kills 20] [--articles 800] [--seed 1] [--max-seconds 600]

Starts a scripted OpenAI-compatible responder on 127.0.0.1 (no model, no network): it answers every
request with the test suite's grounded answer after a random delay, and while the kills go on it also
answers some requests with a 500 or with a body that is not JSON. Then ``--kills`` times: starts
``summarizer batch IN --out OUT --engine llm --base-url http://127.0.0.1:PORT/v1`` (two worker
processes), kills it with SIGKILL after a random delay, and checks that every worker process it had
died with it. Finally one run with a well-behaved responder goes to the end. Asserts that:

- ``summaries.jsonl`` holds every input exactly once, every record ``ok``;
- the run store passes ``PRAGMA integrity_check`` and holds one record per input and cache key;
- no process of any killed run is left;
- no temporary file is left in the output folder.

Everything it starts is bounded: the responder is shut down at the end, each run is killed or waited
for with a timeout, and the whole soak stops after ``--max-seconds``. Prints what happened.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the article and answer the test suite is built on

from responder import completion  # noqa: E402
from texts import ARTICLE, GOOD_ANSWER  # noqa: E402


class Responder(BaseHTTPRequestHandler):
    """The grounded answer after 20-150 ms; with ``faults`` on, 5% 500s and 3% bodies that are not JSON."""

    faults = True
    rng = random.Random(0)
    lock = threading.Lock()
    served = 0

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        self.rfile.read(int(self.headers["content-length"]))
        with self.lock:
            roll, delay = self.rng.random(), self.rng.uniform(0.02, 0.15)
            type(self).served += 1
        time.sleep(delay)
        code, body = 200, completion(GOOD_ANSWER).content
        if self.faults and roll < 0.05:
            code, body = 500, b'{"error": {"message": "scripted failure"}}'
        elif self.faults and roll < 0.08:
            body = b"\xff\xfe not JSON"
        try:
            self.send_response(code)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the batch that asked was killed

    def log_message(self, *args: object) -> None:
        pass


def children(pid: int) -> set[int]:
    """Direct children of ``pid`` (Linux)."""
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def alive(pid: int) -> bool:
    """Running, not a zombie (an exited process whose reaping is all that is left)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def batch_command(folder: Path, out: Path, port: int) -> list[str]:
    cli = Path(sys.executable).with_name("summarizer")
    command = [str(cli)] if cli.exists() else [sys.executable, "-c", "from summarizer.cli import app; app()"]
    return command + [
        "batch", str(folder), "--out", str(out), "--engine", "llm", "--model", "scripted", "--mode", "json",
        "--base-url", f"http://127.0.0.1:{port}/v1", "--workers", "2", "--concurrency", "4", "--quiet",
    ]  # fmt: skip


def stored(out: Path) -> int:
    try:
        with sqlite3.connect(out / "runs.sqlite", timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM records WHERE status = 'ok'").fetchone()[0])
    except sqlite3.Error:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Responder)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_port
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="summarizer-soak-") as tmp:
        folder, out = Path(tmp, "in"), Path(tmp, "out")
        folder.mkdir()
        names = [f"a{i:04}.txt" for i in range(args.articles)]
        for i, name in enumerate(names):
            (folder / name).write_text(ARTICLE.replace("Những năm qua,", f"Những năm qua ({i}),"), "utf-8")

        orphans = 0
        for kill in range(1, args.kills + 1):
            if time.monotonic() - started > args.max_seconds:
                problems.append(f"stopped after {kill - 1} kills: --max-seconds reached")
                break
            before = stored(out)
            proc = subprocess.Popen(batch_command(folder, out, port), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)  # fmt: skip
            # A quarter of the kills land at a random moment of start-up and planning; the others once the
            # run is summarising (its first new record is stored), a random 0-3 s later.
            early = rng.random() < 0.25
            extra = rng.uniform(0.5, 6.0) if early else rng.uniform(0.0, 3.0)
            workers: set[int] = set()
            begun = time.monotonic()
            deadline, summarising = begun + (extra if early else 60), False
            while time.monotonic() < deadline and proc.poll() is None:
                workers |= children(proc.pid)
                if not early and not summarising and stored(out) > before:
                    deadline, summarising = time.monotonic() + extra, True
                time.sleep(0.05)
            wait = time.monotonic() - begun
            finished = proc.poll() is not None
            if not finished:
                proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            gone_by = time.monotonic() + 5
            while time.monotonic() < gone_by and any(map(alive, workers)):
                time.sleep(0.1)
            left = sorted(pid for pid in workers if alive(pid))
            orphans += len(left)
            for pid in left:  # ours: started by the run this soak started
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            print(f"kill {kill:2}: after {wait:4.1f}s{' (the run had finished)' if finished else ''}, "
                  f"{stored(out) - before:3} records more ({stored(out)} ok in all), "
                  f"{len(workers)} workers, {len(left)} left alive")  # fmt: skip

        Responder.faults = False
        final = subprocess.run(
            batch_command(folder, out, port)[:-1], capture_output=True, text=True, timeout=600
        )
        print(f"final run: exit {final.returncode}: {final.stderr.strip().splitlines()[-1:]}")
        if final.returncode != 0:
            problems.append(f"the final run exited {final.returncode}")

        lines = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
        paths = [json.loads(line)["source"]["path"] for line in lines]
        statuses = [json.loads(line)["status"] for line in lines]
        if sorted(paths) != names:
            problems.append(
                f"summaries.jsonl has {len(paths)} lines for {len(set(paths))} of {len(names)} inputs"
            )
        if set(statuses) != {"ok"}:
            problems.append(f"statuses after the final run: {sorted(set(statuses))}")
        with sqlite3.connect(out / "runs.sqlite") as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            rows, keys = db.execute(
                "SELECT count(*), count(DISTINCT path || cache_key) FROM records"
            ).fetchone()
        if integrity != "ok" or rows != keys:
            problems.append(f"run store: integrity {integrity!r}, {rows} rows for {keys} keys")
        kept = {".lock", ".summarizer-output"}  # the lock and the output marker stay by design
        leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in kept)
        if leftovers:
            problems.append(f"temporary files left: {leftovers}")
        if orphans:
            problems.append(f"{orphans} worker processes outlived their killed run")
        print(f"{len(paths)} lines for {len(set(paths))} inputs; store integrity {integrity}, {rows} records; "
              f"{orphans} orphan processes; temporary files left: {leftovers or 'none'}; "
              f"{Responder.served} requests served in {time.monotonic() - started:.0f}s")  # fmt: skip
    server.shutdown()
    print("PASS" if not problems else "FAIL: " + "; ".join(problems))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
