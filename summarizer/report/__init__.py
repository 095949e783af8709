"""Reports for people: per-article briefs (:mod:`.brief`) and the folder digest (:mod:`.digest`), both
rendered through :mod:`.render`."""

from collections.abc import Callable, Iterable
from pathlib import Path

from ..models import BatchRecord
from .brief import WrittenBriefs, render_brief, write_briefs
from .digest import render_digest, write_digest

__all__ = ["render_brief", "render_digest", "write_briefs", "write_digest", "write_reports"]


def write_reports(
    records: Iterable[BatchRecord], out: Path, *, on_progress: Callable[[int, int], None] | None = None
) -> tuple[WrittenBriefs, Path]:
    """A batch's reports: its briefs in ``out/briefs`` (see :func:`write_briefs`, which calls
    ``on_progress``) and its digest page in ``out`` (the path returned)."""
    records = list(records)
    return write_briefs(records, out / "briefs", on_progress=on_progress), write_digest(records, out)
