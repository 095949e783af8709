"""One run at a time per output folder: an exclusive lock on ``OUT/.lock``.

Two runs on the same ``--out`` would both do all the work (paying every model call twice) and race on
the outputs. The lock is ``flock`` on an open file, so the kernel releases it when its holder exits,
however it exits (a SIGKILL included): a stale lock file never blocks a later run. The holder writes
its process id into the file, so a refused run can say who holds it. A second run does not wait: it
exits at once with that message (waiting silently behind a long batch looks like a hang).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputBusyError, OutputError

LOCK_NAME = ".lock"


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold ``out_dir``'s lock for the block; raise :class:`OutputBusyError` naming the holder when another
    process has it. Where ``fcntl`` does not exist (Windows) runs are not locked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    path = out_dir / LOCK_NAME
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot create the lock {path}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            raise OutputBusyError(
                f"{out_dir} is in use by process {holder} (another summarizer run): wait for it to finish, "
                "or pass another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
