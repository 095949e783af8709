"""`summarizer runs OUT` and `summarizer failures OUT`: the run history kept in OUT/runs.sqlite."""

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..names import for_terminal
from .common import fail, reported

if TYPE_CHECKING:
    from ..batch.store import RunStore

OutArg = Annotated[Path, typer.Argument(help="A batch output folder (holding runs.sqlite).")]


def _store(out: Path) -> "RunStore":
    """The store, opened read-only: listing never writes (it works in a read-only folder, and beside a
    batch that is running)."""
    from ..batch.store import STORE_NAME, RunStore

    if not (out / STORE_NAME).is_file():
        fail(f"{out / STORE_NAME} not found; run `summarizer batch INPUT_DIR --out {out}` first")
    with reported():
        return RunStore(out / STORE_NAME, readonly=True)


def runs_cmd(out: OutArg) -> None:
    """List the batches run into OUT, oldest first: counts, and how each ended (done, interrupted by Ctrl-C,
    stopped by fail-fast, or killed)."""
    with _store(out) as store, reported():
        runs = store.runs()
    typer.echo(f"{'run':>4}  {'started':19}  {'seconds':>8}  {'total':>6} {'ok':>6} {'failed':>6} "
               f"{'skipped':>7} {'cached':>6}  {'ended':11}  engine  input")  # fmt: skip
    for run in runs:
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(run.started_at))
        r = run.report
        if run.finished_at is None:
            counts, ended = f"{'':44}", "killed"
        else:
            counts = (f"{r.get('seconds', 0):8.1f}  {r.get('total', 0):6} {r.get('ok', 0):6} "
                      f"{r.get('failed', 0):6} {r.get('skipped', 0):7} {r.get('cached', 0):6}")  # fmt: skip
            ended = r.get("ended", "done")
        typer.echo(
            f"{run.id:>4}  {started}  {counts}  {ended:11}  {for_terminal(run.engine)}  {for_terminal(run.input)}"
        )


def failures_cmd(out: OutArg) -> None:
    """List the files of OUT whose latest record failed, was skipped or was salvaged, with the reason
    (tab-separated: path, status, reason; names escaped)."""
    from ..batch.store import is_salvaged, salvage_reason

    count = 0
    with _store(out) as store, reported():
        for record in store.failures():
            count += 1
            status: str = record.status
            if status != "ok" and record.error is not None:
                reason = record.error.message
                if status == "failed":
                    reason = f"{record.error.type}: {reason}"
            else:
                status, reason = ("salvaged" if is_salvaged(record) else status), salvage_reason(record)
            typer.echo(
                "\t".join(
                    for_terminal(text) for text in (record.source.path, status, " ".join(reason.split()))
                )
            )
    if not count:
        typer.echo("no failed, skipped or salvaged files", err=True)
