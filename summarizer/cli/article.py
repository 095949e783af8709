"""Commands about single articles and outputs: summarize, clean, brief, schema."""

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from .common import (
    INPUTS_FAILED,
    MaxBytesOpt,
    console,
    error,
    fail,
    model_flags,
    reported,
    say,
    settings,
)

if TYPE_CHECKING:
    from ..models import ArticleSummary

STDIN = Path("-")


@model_flags()
def summarize_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="Article files (text or HTML, any encoding); - reads standard input.")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    fmt: Annotated[Literal["json", "md"], typer.Option("--format", help="json, or md (a brief).")] = "json",
    lang: Annotated[Literal["vi", "en"], typer.Option("--lang", help="Language of --format md.")] = "vi",
    max_bytes: MaxBytesOpt = None,
    *,
    flags: dict[str, Any],
) -> None:
    """Summarise articles: one gives its JSON summary, several give one JSON line each ({"path", "summary"})."""
    config = settings(**flags, max_bytes=max_bytes)
    if files.count(STDIN) > 1:
        fail("- (standard input) can be given only once")
    for file in files:
        check_file(file)
    from ..api import summarize
    from ..batch.failfast import endpoint
    from ..engines import get_engine
    from ..errors import LLMAuthError, LLMTransportError, SummarizerError

    with reported():
        model_engine = get_engine(config)  # once: a model engine keeps its client across articles
    parts: list[str] = []
    failed = 0
    for file in files:
        try:
            article = read_stdin(config.max_bytes) if file == STDIN else file
            summary = summarize(article, settings=config, engine=model_engine)
        except SummarizerError as exc:
            failed += 1
            server = (
                f" (model server: {endpoint(config)})"
                if isinstance(exc, LLMAuthError | LLMTransportError)
                else ""
            )
            label = "standard input" if file == STDIN else str(file)
            message = str(exc) if label in str(exc) else f"{label}: {exc}"  # the name once
            error(f"{message}{server}")
            continue
        source = "<stdin>" if file == STDIN else str(file)
        parts.append(_render(summary, fmt, lang, source, model_engine.name, several=len(files) > 1))
    text = "\n".join(parts)
    if output is None:
        sys.stdout.write(text + ("\n" if text else ""))
    else:
        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"-o {output}: {exc.strerror or exc}")
        say(f"wrote {output}")
    if failed:
        raise typer.Exit(INPUTS_FAILED)


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, read no further than one byte past ``max_bytes``: whatever is piped in, memory
    stays bounded, and input over the limit is refused like a file over it."""
    from ..errors import TooLargeError

    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLargeError(
            f"standard input is over the {max_bytes:,}-byte limit; "
            "raise it with --max-bytes (SUMMARIZER_MAX_BYTES) if this really is one article"
        )
    return data


def check_file(file: Path) -> None:
    """Exit with a usage error unless ``file`` is ``-`` or an existing file."""
    if file == STDIN:
        return
    if not file.exists():
        fail(f"{file} does not exist")
    if not file.is_file():
        fail(f"{file} is not a file")


def _render(
    summary: "ArticleSummary", fmt: str, lang: Literal["vi", "en"], source: str, engine: str, *, several: bool
) -> str:
    if fmt == "md":
        from ..report import render_brief

        return render_brief(summary, lang=lang, fmt="md", source=source, engine=engine)
    if several:
        return json.dumps({"path": source, "summary": summary.model_dump(mode="json")}, ensure_ascii=False)
    return summary.model_dump_json(indent=2)


def clean_cmd(
    file: Annotated[Path, typer.Argument(help="An article file; - reads standard input.")],
    removed: Annotated[bool, typer.Option("--removed", help="Also list what was removed and why.")] = False,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Print the cleaned article text (what evidence spans refer to)."""
    from ..clean import clean
    from ..pipeline import load

    check_file(file)
    config = settings(max_bytes=max_bytes)
    with reported(INPUTS_FAILED):
        doc = load(read_stdin(config.max_bytes) if file == STDIN else file, config)
    cleaned = clean(doc.text, title=doc.title, published=doc.published)
    typer.echo(cleaned.text)
    if removed:
        for r in cleaned.removed:
            say(f"removed {r.kind}: {r.text[:100]}", style="dim")


def brief_cmd(
    out: Annotated[Path, typer.Argument(help="A batch output folder (holding summaries.jsonl).")],
) -> None:
    """Write bilingual briefs (OUT/briefs/<stem>.vi.md, .en.md, .html) and the digest OUT/digest.html."""
    from ..batch import SUMMARIES_NAME

    if not (out / SUMMARIES_NAME).is_file():
        fail(f"{out / SUMMARIES_NAME} not found; run `summarizer batch INPUT_DIR --out {out}` first")
    try:  # a read-only or full output folder: one line, not a traceback
        with reported():
            write_reports(out)
    except OSError as exc:
        fail(f"cannot write the briefs into {out}: {exc.strerror or exc}")


def write_reports(out: Path, *, quiet: bool = False) -> None:
    """Briefs (with a progress bar) and the digest from OUT/summaries.jsonl."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..batch import SUMMARIES_NAME
    from ..models import BatchRecord
    from ..report import write_briefs, write_digest

    with (out / SUMMARIES_NAME).open(encoding="utf-8") as fh:
        records = [BatchRecord.model_validate_json(line) for line in fh if line.strip()]
    progress = Progress(TextColumn("briefs", style="bold", markup=False), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console(), disable=quiet or not console().is_terminal,
                        transient=True)  # fmt: skip
    task = progress.add_task("briefs", total=None)
    with progress:
        briefs = write_briefs(records, out / "briefs",
                              on_progress=lambda done, total: progress.update(task, completed=done, total=total))  # fmt: skip
    digest = write_digest(records, out)
    say(f"{len(briefs.paths)} brief files in {out / 'briefs'} ({briefs.rewritten} written, the rest unchanged) "
        f"and {digest}")  # fmt: skip


def schema_cmd(
    write: Annotated[bool, typer.Option("--write", help="Regenerate the schema files in --dir.")] = False,
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir", help="A schemas folder to check, or to write with --write (the checkout's: schemas)."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a batch record after checking that the installed package's schemas (or
    those in --dir) match the models; --write --dir DIR regenerates them."""
    from importlib import resources

    from ..models import BatchRecord
    from ..schema import check_schemas, write_schemas

    if write:
        if directory is None:  # never a schemas/ folder made wherever the command happens to run
            fail(
                "--write needs --dir DIR, the folder to write to (in the checkout: summarizer schema --write --dir schemas)"
            )
        for path in write_schemas(directory):
            say(f"wrote {path}")
        return
    if directory is not None and not directory.is_dir():
        fail(f"--dir {directory} is not a folder")
    checked = directory if directory is not None else Path(str(resources.files("summarizer.schemas")))
    stale = check_schemas(checked)
    if stale:
        fail(f"schemas out of date in {checked}: {', '.join(stale)}; "
             f"run `summarizer schema --write --dir {checked}`", INPUTS_FAILED)  # fmt: skip
    json.dump(BatchRecord.model_json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
