"""Batch throughput against a local OpenAI-compatible responder with a fixed latency.

Usage: python bench/batch_llm.py [--n 200] [--latency 0.5] [--concurrency 1,8,32,64] [--long 2000]
                                 [--skip-rss]

The responder runs in its own process on 127.0.0.1 and answers every request after ``latency`` seconds
with a valid, grounded answer built from the article in the request (so each article costs one call).
Articles are generated from sentences written for the benchmarks. For each concurrency it prints the
wall time, articles/s, efficiency = measured rate / (concurrency / latency), and the library's own CPU
time per article; the process's one-off start-up (imports, gazetteer) is timed and printed apart. Then
one long run at concurrency 32, the time of a cached re-run of 1 000 articles, and the peak RSS of an
offline batch of 10 000 small files. Prints figures; asserts nothing.

"best" is the efficiency of a client with no overhead at all: n articles need ceil(n / concurrency)
rounds of ``latency`` each, so with n = 200 at concurrency 32 (7 rounds for 6.25 rounds' worth of
articles) no client can exceed 0.89. The long run shows the rate a batch keeps up.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SENTENCES = [
    "Đảng bộ xã {x} hiện có {a} chi bộ trực thuộc với {b} đảng viên.",
    "Do nhiều thanh niên đi làm ăn xa nên nguồn kết nạp còn hạn chế.",
    "Đảng ủy xã {x} đã giao chỉ tiêu kết nạp cho từng chi bộ và mở lớp bồi dưỡng nhận thức về Đảng.",
    "Năm {y}, Đảng bộ xã {x} kết nạp được {c} đảng viên, đạt {p}% kế hoạch.",
]
PLACES = [
    ("Mường Lạn", "Sốp Cộp", "Sơn La"),
    ("Lũng Cú", "Đồng Văn", "Hà Giang"),
    ("Tân Lập", "Lạc Sơn", "Hòa Bình"),
]


def write_articles(folder: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        x, d, p = rng.choice(PLACES)
        body = " ".join(s.format(x=x, a=rng.randint(5, 40), b=rng.randint(100, 900), y=rng.randint(2015, 2024),
                                 c=rng.randint(2, 60), p=rng.randint(80, 150)) for s in SENTENCES)  # fmt: skip
        (folder / f"a{i:05}.txt").write_text(
            f"Bài {i}: phát triển đảng viên ở {x}\n\n{body} (huyện {d}, tỉnh {p})\n"
        )


def _answer(article: str) -> dict:
    """A grounded answer for one generated article: its own sentences and numbers."""
    solution = re.search(r"giao chỉ tiêu kết nạp cho từng chi bộ", article)
    admitted = re.search(r"kết nạp được (\d+) đảng viên", article)
    place = re.search(r"huyện ([^,]+), tỉnh ([^)]+)\)", article)
    commune = re.search(r"Đảng bộ xã ([^\s].*?) hiện có", article)
    return {
        "relevant": True,
        "locality": {
            "province": place.group(2) if place else None,
            "district": place.group(1) if place else None,
            "commune": commune.group(1) if commune else None,
        },  # fmt: skip
        "difficulties": [
            {
                "category": "youth_migration",
                "text": "Thanh niên đi làm ăn xa",
                "text_en": "Youth away",
                "evidence": "nhiều thanh niên đi làm ăn xa",
            }
        ],  # fmt: skip
        "solutions": [
            {
                "category": "targets_assigned",
                "text": "Giao chỉ tiêu",
                "text_en": "Targets",
                "evidence": solution.group(0) if solution else "",
            }
        ],  # fmt: skip
        "numeric_results": [
            {
                "value": int(admitted.group(1)),
                "unit": "đảng viên",
                "metric": "members_admitted",
                "evidence": admitted.group(0),
            }
        ]
        if admitted
        else [],  # fmt: skip
        "summary_vi": "Tóm tắt.",
        "summary_en": "Summary.",
    }


def serve(port_queue: multiprocessing.Queue, latency: float) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the client's connection pool expects
        # Headers and body go out in separate writes: with Nagle's algorithm and delayed ACKs each
        # keep-alive response would stall 40 ms, a cost of this harness, not of the library.
        disable_nagle_algorithm = True

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            article = body["messages"][-1]["content"]
            time.sleep(latency)
            content = json.dumps(_answer(article), ensure_ascii=False)
            payload = json.dumps({
                "id": "bench", "object": "chat.completion", "created": 0, "model": "bench",
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 900, "completion_tokens": 150, "total_tokens": 1050},
            }).encode()  # fmt: skip
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 512  # read by listen() in the constructor: 64 clients connect at once

    server = Server(("127.0.0.1", 0), Handler)
    port_queue.put(server.server_port)
    server.serve_forever()


def run_batch(folder: Path, out: Path, port: int, concurrency: int) -> tuple[float, float, object]:
    from summarizer import Settings, summarize_folder

    settings = Settings(engine="llm", model="bench", base_url=f"http://127.0.0.1:{port}/v1", api_key="bench",
                        mode="json", concurrency=concurrency, transport_retries=0)  # fmt: skip

    def cpu() -> float:  # this process and the batch's worker processes (reaped when the batch ends)
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    before, wall = cpu(), time.perf_counter()
    report = summarize_folder(folder, out, settings=settings)
    return time.perf_counter() - wall, cpu() - before, report


def row(folder: Path, n: int, port: int, c: int, latency: float) -> str:
    """One line of the table: a fresh batch of ``n`` articles at concurrency ``c``."""
    wall, cpu, report = run_batch(folder, folder.with_name(f"{folder.name}-out{c}"), port, c)
    assert report.ok == n, report.line()  # type: ignore[attr-defined]
    ideal, rate = c / latency, n / wall
    best = n / (math.ceil(n / c) * c)
    return f"{c:>11} {wall:>8.2f} {rate:>10.1f} {ideal:>8.1f} {rate / ideal:>10.2f} {best:>5.2f} {1000 * cpu / n:>14.1f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--latency", type=float, default=0.5)
    ap.add_argument("--concurrency", default="1,8,32,64")
    ap.add_argument(
        "--long", type=int, default=2000, help="articles in the long run at concurrency 32 (0: skip)"
    )
    ap.add_argument("--skip-rss", action="store_true")
    args = ap.parse_args()

    ports: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, args.latency), daemon=True)
    server.start()
    port = ports.get(timeout=10)
    # Once per process, whatever the batch: imports, the gazetteer, the engine's warm-up. Timed apart so
    # that the first row measures the batch, not the interpreter starting.
    started = time.perf_counter()
    from summarizer import Settings
    from summarizer.engines import get_engine
    from summarizer.vietnamese.gazetteer import get_gazetteer

    get_gazetteer()
    get_engine(Settings(engine="llm", model="bench", base_url=f"http://127.0.0.1:{port}/v1")).warm_up()  # type: ignore[attr-defined]
    startup = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_articles(root / "in", args.n)
        print(
            f"{args.n} articles, responder latency {args.latency * 1000:.0f} ms, on {multiprocessing.cpu_count()} cores"
        )
        print(f"process start-up, once (imports, gazetteer, engine warm-up): {startup:.2f} s")
        print(f"{'concurrency':>11} {'wall s':>8} {'articles/s':>10} {'ideal/s':>8} {'efficiency':>10} {'best':>5} "
              f"{'CPU ms/article':>14}")  # fmt: skip
        for c in (int(x) for x in args.concurrency.split(",")):
            print(row(root / "in", args.n, port, c, args.latency))
        if args.long:
            write_articles(root / "long", args.long, seed=4)
            print(f"long run, {args.long} articles:")
            print(row(root / "long", args.long, port, 32, args.latency))

        write_articles(root / "k", 1000, seed=2)
        run_batch(root / "k", root / "kout", port, 64)
        wall, _, report = run_batch(root / "k", root / "kout", port, 64)
        print(f"cached re-run of 1 000 articles: {wall:.2f} s ({report.cached} from cache)")  # type: ignore[attr-defined]

        if not args.skip_rss:
            write_articles(root / "rss", 10_000, seed=3)
            code = ("import resource, summarizer; r = summarizer.summarize_folder({!r}, {!r}); "
                    "print(r.total, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)").format(str(root / "rss"), str(root / "rssout"))  # fmt: skip
            started = time.perf_counter()
            total, own, children = subprocess.check_output([sys.executable, "-c", code], text=True).split()
            print(f"offline batch of {total} small files in {time.perf_counter() - started:.0f} s: peak RSS "
                  f"{int(own) / 1024:.0f} MB (batch process), {int(children) / 1024:.0f} MB (largest worker)")  # fmt: skip
    server.terminate()
    print(f"benchmark process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
