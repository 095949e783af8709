"""The inputs of a batch: every regular file under the input folder, in a stable order.

What is not read still gets a record, so nothing vanishes from the output without a word: a link to a
file outside the input folder (``/etc/passwd`` must not reach a summary, or a model server) and a link
to a folder are ``skipped`` unless the user asks to follow links; pipes and devices (reading a pipe
would wait forever) are ``skipped``; a folder that cannot be read is ``failed``. Hidden entries are left
out, and so is every run's output folder (this run's ``--out`` and any other: a folder holding a run
store, a ``summaries.jsonl`` or the marker a store leaves), so no summary, digest or brief is ever read
back as an article.

A name that is not valid UTF-8 is kept, its odd bytes written as ``\\xNN`` (:func:`~summarizer.names.printable_name`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import ConfigError, SkippedInputError
from ..names import printable_name
from .store import MARKER_NAME, STORE_NAME, SUMMARIES_NAME

#: An input: its path, and why it is not read (``None``: read it).
Found = tuple[Path, Exception | None]


def discover(
    input_dir: Path, exclude: Path | None = None, *, follow_symlinks: bool = False
) -> Iterator[Found]:
    """Every input under ``input_dir``: a folder's files in name order, then its sub-folders in name order."""
    root = input_dir.resolve()
    excluded = exclude.resolve() if exclude else None
    walked = {root}  # real folders already walked: a link loop is walked once

    def walk(folder: Path) -> Iterator[Found]:
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield folder, exc
            return
        folders: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            kind, why = _classify(entry, root, follow_symlinks)
            if kind == "file":
                yield path, None
            elif kind == "folder":
                real = path.resolve()
                if real != excluded and real not in walked and not is_output_folder(real):
                    walked.add(real)
                    folders.append(path)
            else:
                yield path, SkippedInputError(f"{display_name(path, input_dir)} {why}")
        for sub in folders:
            yield from walk(sub)

    yield from walk(input_dir)


def display_name(path: Path, input_dir: Path) -> str:
    """An input's name in its record: its path under the input folder, as printable text."""
    return printable_name(path.relative_to(input_dir).as_posix())


def is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a run's outputs (its store, its ``summaries.jsonl``, or the store's marker)."""
    return any((folder / name).exists() for name in (MARKER_NAME, STORE_NAME, SUMMARIES_NAME))


def check_input(input_dir: Path, out_dir: Path) -> None:
    """A :class:`ConfigError` for an input folder that is the output folder, or an earlier run's output."""
    if input_dir.resolve() == out_dir.resolve():
        raise ConfigError(
            f"--out {out_dir} is the input folder: the outputs would be read back as articles; pass another "
            "folder for --out"
        )
    if is_output_folder(input_dir):
        raise ConfigError(
            f"{input_dir} is the output folder of a run (it holds its summaries or run store), not a folder of "
            "articles; pass the folder the articles are in"
        )


def _classify(entry: os.DirEntry[str], root: Path, follow_symlinks: bool) -> tuple[str, str]:
    """("file" | "folder" | "skipped", why skipped) for one folder entry."""
    try:
        if entry.is_symlink():
            target = Path(entry.path).resolve()
            if target.is_dir():
                if follow_symlinks:
                    return "folder", ""
                return "skipped", "is a link to a folder, not followed: pass --follow-symlinks to read it"
            if not follow_symlinks and not target.is_relative_to(root) and target.exists():
                return "skipped", (
                    "is a link to a file outside the input folder, not read: pass --follow-symlinks to read it"
                )
            return "file", ""  # a link within the folder, or a broken one (its record says it cannot be read)
        if entry.is_dir(follow_symlinks=False):
            return "folder", ""
        if entry.is_file(follow_symlinks=False):
            return "file", ""
    except OSError:
        return "file", ""  # reading it will say what is wrong
    return "skipped", "is not a regular file (a pipe, socket or device), not read"
