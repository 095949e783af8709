"""`summarizer batch`: a folder into OUT/summaries.jsonl, with a progress bar and an honest ending."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import (
    ABORTED,
    INPUTS_FAILED,
    USAGE,
    MaxBytesOpt,
    console,
    error,
    model_flags,
    reported,
    say,
    setting,
    settings,
    write_reports,
)

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..batch import BatchReport
    from ..models import BatchRecord

#: Failure reasons listed at the end of a batch (the rest are counted).
SHOWN_REASONS = 5
#: Distinct failure reasons remembered with their file, to name a file whose reason is its own (memory stays
#: bounded in a batch of many faults; past that many, reasons are shown without a name).
NAMED_FILES = 200


@model_flags()
def batch_cmd(
    input_dir: Annotated[Path, typer.Argument(help="Folder of article files (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (summaries.jsonl, runs.sqlite).")],
    max_bytes: MaxBytesOpt = None,
    workers: Annotated[
        int | None, setting("--workers", "Worker processes of the offline engine (0: one per core).", "0")
    ] = None,
    concurrency: Annotated[
        int | None, setting("--concurrency", "Articles in flight at once with a model engine.", "8")
    ] = None,
    max_tokens_per_article: Annotated[
        int | None, setting("--max-tokens-per-article", "Token budget across re-asks; then salvage.", "none")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-do every article, ignoring the run store.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 1 if any file failed or its model answer was only salvaged."),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, only the final lines.")
    ] = False,
    briefs: Annotated[
        bool, typer.Option("--briefs", help="Also write OUT/briefs/ and OUT/digest.html.")
    ] = False,
    parquet: Annotated[
        bool, typer.Option("--parquet", help="Also write OUT/summaries.parquet (needs pyarrow).")
    ] = False,
    follow_symlinks: Annotated[
        bool | None,
        setting("--follow-symlinks", "Read links to files outside INPUT_DIR and links to folders.", "false"),
    ] = None,
    article_seconds: Annotated[
        float | None, setting("--article-seconds", "Time budget of one article; past it, it fails.", "600")
    ] = None,
    *,
    flags: dict[str, Any],
) -> None:
    """Summarise every file in INPUT_DIR into OUT/summaries.jsonl (resumable; finished articles are cached)."""
    config = settings(**flags, max_bytes=max_bytes, workers=workers, concurrency=concurrency,
                      max_tokens_per_article=max_tokens_per_article, follow_symlinks=follow_symlinks,
                      article_seconds=article_seconds)  # fmt: skip
    from ..batch import BatchReport, summarize_folder
    from ..errors import BatchInterrupted, BatchStopped

    offline = config.resolved_engine() == "offline"
    if config.engine == "auto" and offline and not quiet:
        say("No model configured: using the offline engine (extractive, no network).")
    progress = _progress(tokens=not offline, quiet=quiet)
    task = progress.add_task("summarizing", total=None, failed=0, tokens=0)
    done = failed = tokens = 0
    named = _Named(input_dir)

    def on_record(record: "BatchRecord") -> None:
        nonlocal done, failed, tokens
        done += 1
        named.add(record)
        failed += record.status == "failed"
        tokens += record.usage.prompt_tokens + record.usage.completion_tokens
        # At 100 % the workers still shut down and the outputs are written: say so.
        finishing = progress.tasks[0].total == done
        progress.update(task, advance=1, failed=failed, tokens=tokens,
                        description="writing outputs" if finishing else "summarizing")  # fmt: skip

    with reported():  # any other SummarizerError: one line, exit 2
        try:
            with progress:
                report = summarize_folder(
                    input_dir, out, settings=config, force=force, parquet=parquet, on_record=on_record,
                    on_start=lambda total: progress.update(task, total=total),
                    on_finishing=lambda: progress.update(task, description="writing outputs"),
                )  # fmt: skip
        except BatchInterrupted as exc:
            stopped: BatchReport = exc.report
            _ending(stopped, named)
            error(f"interrupted: {stopped.done} of {stopped.total} files are done and saved in {stopped.output}; "
                  "run the same command again to resume (done files are not redone)")  # fmt: skip
            raise typer.Exit(ABORTED) from None
        except BatchStopped as exc:
            stopped = exc.report
            _ending(stopped, named)
            error(f"{exc}; the {stopped.ok} files summarised are kept in {stopped.output}, and the same command "
                  "resumes")  # fmt: skip
            raise typer.Exit(USAGE) from None
    _ending(report, named)
    if report.total == 0:
        say(f"warning: no files found in {input_dir} (hidden files and folders are skipped)", style="yellow")
    if briefs:
        write_reports(out, quiet=quiet)
    if strict and (report.failed or report.salvaged):
        raise typer.Exit(INPUTS_FAILED)


def _progress(*, tokens: bool, quiet: bool) -> "Progress":
    """The progress bar: a token column only for model engines, articles per second, ETA."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Articles per second (rich's own speed column counts bytes)."""

        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:.1f}/s" if task.speed else "–/s")

    columns: list[ProgressColumn | str] = [
        TextColumn("{task.description}", style="bold", markup=False), BarColumn(), MofNCompleteColumn(),
        RateColumn(), TextColumn("{task.fields[failed]} failed", style="red", markup=False),
    ]  # fmt: skip
    if tokens:
        columns.append(TextColumn("{task.fields[tokens]:,} tokens", markup=False))
    columns += [TimeElapsedColumn(), TextColumn("ETA", markup=False), TimeRemainingColumn()]
    # Not on a terminal (a log, a pipe), a bar that cannot redraw is noise: the final lines say it all.
    return Progress(*columns, console=console(), disable=quiet or not console().is_terminal, transient=True)


class _Named:
    """The files whose failure reason is theirs alone, so the batch's last lines can name them (a reason
    shared by several files is shown once, with the name taken out)."""

    def __init__(self, input_dir: Path) -> None:
        given = [] if input_dir == Path(".") else [f"{input_dir}/"]
        self.prefixes = sorted({*given, f"{input_dir.resolve()}/"}, key=len, reverse=True)
        self.by_reason: dict[str, str] = {}

    def add(self, record: "BatchRecord") -> None:
        from ..batch.run import failure_reason

        if record.error is not None and len(self.by_reason) < NAMED_FILES:
            message = self.relative(record.error.message)
            if record.source.path not in message:
                message = f"{record.source.path}: {message}"
            self.by_reason.setdefault(failure_reason(record), f"{record.status}: {message}")

    def relative(self, text: str) -> str:
        """``text`` with the input folder taken out of the paths it holds (names relative to it)."""
        for prefix in self.prefixes:
            text = text.replace(prefix, "")
        return text

    def reason(self, reason: str, count: int) -> str:
        return self.by_reason.get(reason, reason) if count == 1 else self.relative(reason)


def _ending(report: "BatchReport", named: _Named) -> None:
    """The report line, then why files failed or were skipped, grouped, most frequent first; a reason of
    one file names it."""
    say(report.line())
    reasons = report.grouped_reasons()
    for reason, count in reasons[:SHOWN_REASONS]:
        say(
            f"  {count} × {named.reason(reason, count)}",
            style="red" if reason.startswith("failed") else "yellow",
        )
    if len(reasons) > SHOWN_REASONS:
        say(
            f"  … and {len(reasons) - SHOWN_REASONS} other reasons: summarizer failures {report.output.parent}"
        )
