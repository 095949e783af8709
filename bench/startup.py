"""Start-up time of the command line: `summarizer --help` and `summarizer --version` (target: under 0.3 s).

Usage: python bench/startup.py [runs]

Each command runs ``runs`` times (default 15) in a fresh process; prints the median and the fastest wall
time and the median CPU time, next to a bare ``python -c pass`` (the interpreter's own share), and the slowest imports of the CLI.
The machine is shared, so the fastest run is the one least disturbed by other work. Asserts nothing.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time


def timed(command: list[str], runs: int) -> tuple[float, float, float]:
    """(median wall, fastest wall, median CPU) seconds of ``command``; CPU time (user + system) is what
    the process itself spent, whatever else the machine is doing."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def slowest_imports(count: int = 8) -> list[tuple[int, str]]:
    """The CLI's imports with the largest cumulative time (``python -X importtime``), in microseconds."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import summarizer.cli"],
                         capture_output=True, text=True, check=True).stderr  # fmt: skip
    rows = []
    for line in err.splitlines()[1:]:
        _, cumulative, name = (part.strip() for part in line.split("|"))
        if not name.startswith(" "):
            rows.append((int(cumulative), name))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    entry = shutil.which("summarizer") or ""
    cli = [entry] if entry else [sys.executable, "-c", "from summarizer.cli import app; app()"]
    print(f"start-up, {runs} runs each, on {os.cpu_count()} cores (load {os.getloadavg()[0]:.1f})")
    print(f"{'':26} {'median':>8} {'fastest':>8} {'CPU':>8}")
    for label, command in [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("summarizer --version", [*cli, "--version"]),
        ("summarizer --help", [*cli, "--help"]),
        ("summarizer batch --help", [*cli, "batch", "--help"]),
    ]:
        median, fastest, cpu = timed(command, runs)
        print(f"{label:26} {median:7.3f}s {fastest:7.3f}s {cpu:7.3f}s")
    print("largest top-level imports of summarizer.cli (cumulative ms):")
    for micros, name in slowest_imports():
        print(f"  {micros / 1000:7.1f}  {name}")


if __name__ == "__main__":
    main()
