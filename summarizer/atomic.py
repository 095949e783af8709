"""Outputs replaced whole or not at all: written to a temporary file beside the target, then renamed.

A full disk or a kill mid-write leaves the previous file in place (or none), never a truncated one; a
temporary file a kill left behind is removed by the next run (which holds the output folder's lock, so
no other run is writing it).
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError


@contextmanager
def replaced(target: Path, *, fsync: bool = True) -> Iterator[Path]:
    """A temporary path beside ``target`` to write; it replaces ``target`` when the block succeeds and is
    removed when it fails. A write error (a full disk) leaves as one :class:`OutputError`.

    ``fsync=False`` still never leaves a half-written file (a crash or a full disk keeps the old one) but
    does not wait for the disk: for many small files that can be rewritten, such as briefs."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if fsync:
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
        # mkstemp creates the file 0600; give it the mode any other output gets (0666 less the umask).
        os.chmod(tmp, _file_mode())
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(target, exc) from None
        raise


def write_atomically(target: Path, lines: Iterable[str], *, fsync: bool = True) -> int:
    """Write ``lines`` (one per line, UTF-8) to ``target`` through a temporary file and a rename; return the
    line count (``fsync``: see :func:`replaced`)."""
    count = 0
    with replaced(target, fsync=fsync) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line)
            fh.write("\n")
            count += 1
    return count


@functools.cache
def _file_mode() -> int:
    """0666 less this process's umask: the mode ``open()`` gives a new file (read once: os.umask sets it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def remove_leftovers(folder: Path, names: Iterable[str]) -> list[Path]:
    """Remove the temporary files (``.NAME.*``) that a killed run left beside the outputs ``names``."""
    removed = []
    for name in names:
        for tmp in folder.glob(f".{name}.*"):
            if tmp.is_file():
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
    return removed


def cannot_write(target: Path, exc: OSError) -> OutputError:
    """The one clear error for an output that could not be written (a full disk, a read-only folder)."""
    return OutputError(
        f"cannot write {target}: {exc.strerror or exc}; free some disk space (or fix the folder's "
        "permissions) and run the same command again: finished articles are kept in the run store"
    )
