"""The ``summarizer`` command: a thin layer over the Python API."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
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

from . import __version__
from .api import summarize
from .batch import SUMMARIES_NAME, summarize_folder
from .clean import clean
from .errors import SummarizerError
from .load import load_file
from .models import BatchRecord
from .report import write_briefs, write_digest
from .schema import check_schemas, write_schemas
from .settings import EngineName, Settings

app = typer.Typer(
    help="Grounded, structured summaries of Vietnamese articles about party-member development.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)  # messages stay on one line, so they can be grepped

EngineOpt = Annotated[
    EngineName | None, typer.Option("--engine", help="offline, llm, local, or auto (default).")
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Model name for the LLM engine [env: SUMMARIZER_MODEL].")
]
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL].")
]
MaxBytesOpt = Annotated[int | None, typer.Option("--max-bytes", help="Skip input files larger than this.")]


class _RateColumn(ProgressColumn):
    """Articles per second (rich's own speed column counts bytes)."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "–/s")


def _settings(**overrides: Any) -> Settings:
    """Environment first, then whatever the user passed on the command line."""
    try:
        # Keyword arguments win over the environment in pydantic-settings, and get the same checks.
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        _fail(f"invalid configuration: {problems}")


@contextmanager
def _reported(code: int = 2) -> Iterator[None]:
    """A SummarizerError becomes a one-line message and an exit code, not a traceback."""
    try:
        yield
    except SummarizerError as exc:
        _fail(str(exc), code)


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Summarise articles one at a time (summarize) or a folder at once (batch)."""
    # instructor logs every failed attempt at ERROR; each outcome is already on the record (warnings,
    # attempts, raw answer), so the terminal only shows our own progress and report.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


@app.command("summarize")
def summarize_cmd(
    file: Annotated[Path, typer.Argument(help="An article file (text or HTML, any encoding).")],
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Summarise one article and print its JSON summary."""
    settings = _settings(engine=engine, model=model, base_url=base_url, max_bytes=max_bytes)
    if not file.is_file():
        _fail(f"{file} is not a file")
    with _reported(1):
        result = summarize(file, settings=settings)
    typer.echo(result.model_dump_json(indent=2))


@app.command("batch")
def batch_cmd(
    input_dir: Annotated[Path, typer.Argument(help="Folder of article files (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (summaries.jsonl, runs.sqlite).")],
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    max_bytes: MaxBytesOpt = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Worker processes for the offline engine (0: one per core)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-do every article, ignoring the run store.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any file failed.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, only the final line.")
    ] = False,
    briefs: Annotated[
        bool, typer.Option("--briefs", help="Also write OUT/briefs/ and OUT/digest.html.")
    ] = False,
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", help="Articles in flight at once with a model engine (default 8)."),
    ] = None,
    max_retries: Annotated[
        int | None, typer.Option("--max-retries", help="Validation re-asks per article.")
    ] = None,
    max_tokens_per_article: Annotated[
        int | None,
        typer.Option("--max-tokens-per-article", help="Token budget across re-asks; then salvage."),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option("--mode", help="Instructor mode: tools, json, json_schema, md_json (default: auto)."),
    ] = None,
    parquet: Annotated[
        bool, typer.Option("--parquet", help="Also write OUT/summaries.parquet (needs pyarrow).")
    ] = False,
) -> None:
    """Summarise every file in INPUT_DIR into OUT/summaries.jsonl (resumable; finished articles are cached)."""
    settings = _settings(engine=engine, model=model, base_url=base_url, max_bytes=max_bytes, workers=workers,
                         concurrency=concurrency, max_retries=max_retries, mode=mode,
                         max_tokens_per_article=max_tokens_per_article)  # fmt: skip
    if settings.engine == "auto" and settings.resolved_engine() == "offline" and not quiet:
        err.print("No model configured: using the offline engine (extractive, no network).", highlight=False)
    progress = Progress(
        TextColumn("[bold]summarizing"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
        TextColumn("[red]{task.fields[failed]} failed"), TextColumn("{task.fields[tokens]:,} tokens"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err, disable=quiet, transient=True,
    )  # fmt: skip
    task = progress.add_task("summarize", total=None, failed=0, tokens=0)
    failed = tokens = 0

    def on_record(record: BatchRecord) -> None:
        nonlocal failed, tokens
        failed += record.status == "failed"
        tokens += record.usage.prompt_tokens + record.usage.completion_tokens
        progress.update(task, advance=1, failed=failed, tokens=tokens)

    with _reported(), progress:
        report = summarize_folder(
            input_dir, out, settings=settings, force=force, parquet=parquet, on_record=on_record,
            on_start=lambda total: progress.update(task, total=total),
        )  # fmt: skip
    err.print(report.line(), highlight=False)
    if briefs:
        _write_reports(out)
    if strict and report.failed:
        raise typer.Exit(1)


@app.command("brief")
def brief_cmd(
    out: Annotated[Path, typer.Argument(help="A batch output folder (holding summaries.jsonl).")],
) -> None:
    """Write bilingual briefs (OUT/briefs/<stem>.vi.md, .en.md, .html) and the digest OUT/digest.html."""
    if not (out / SUMMARIES_NAME).is_file():
        _fail(f"{out / SUMMARIES_NAME} not found; run `summarizer batch INPUT_DIR --out {out}` first")
    _write_reports(out)


def _write_reports(out: Path) -> None:
    with (out / SUMMARIES_NAME).open(encoding="utf-8") as fh:
        records = [BatchRecord.model_validate_json(line) for line in fh if line.strip()]
    briefs = write_briefs(records, out / "briefs")
    digest = write_digest(records, out)
    err.print(f"wrote {len(briefs)} brief files to {out / 'briefs'} and {digest}", highlight=False)


batch_api = typer.Typer(
    help="Summarise through the OpenAI Batch API (cheaper, for very large folders): prepare, submit, status, collect.",
    no_args_is_help=True,
)
app.add_typer(batch_api, name="openai-batch")


@batch_api.command("prepare")
def batch_prepare(
    input_dir: Annotated[Path, typer.Argument(help="Folder of article files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (as for `batch`).")],
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
) -> None:
    """Write OUT/openai-batch/requests.jsonl for every article not summarised yet."""
    from .batch import openai as openai_batch

    settings = _settings(engine="llm", model=model, base_url=base_url)
    with _reported():
        path, count = openai_batch.prepare(input_dir, out, settings)
    err.print(
        f"wrote {count} requests to {path}; next: summarizer openai-batch submit {out}", highlight=False
    )


@batch_api.command("submit")
def batch_submit(out: Annotated[Path, typer.Argument(help="The output folder given to prepare.")],
                 model: ModelOpt = None, base_url: BaseUrlOpt = None) -> None:  # fmt: skip
    """Upload the prepared requests and start the batch."""
    from .batch import openai as openai_batch

    with _reported():
        batch_id = openai_batch.submit(out, _settings(engine="llm", model=model, base_url=base_url))
    err.print(
        f"submitted batch {batch_id}; check it with: summarizer openai-batch status {out}", highlight=False
    )


@batch_api.command("status")
def batch_status(out: Annotated[Path, typer.Argument(help="The output folder given to prepare.")],
                 model: ModelOpt = None, base_url: BaseUrlOpt = None) -> None:  # fmt: skip
    """Print the batch's status and request counts as JSON."""
    from .batch import openai as openai_batch

    with _reported():
        typer.echo(
            json.dumps(openai_batch.status(out, _settings(engine="llm", model=model, base_url=base_url)))
        )


@batch_api.command("collect")
def batch_collect(
    input_dir: Annotated[Path, typer.Argument(help="The folder given to prepare.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The output folder given to prepare.")],
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
) -> None:
    """Validate the answers of a completed batch into OUT/summaries.jsonl, re-asking failures live."""
    from .batch import openai as openai_batch

    with _reported():
        report = openai_batch.collect(input_dir, out, _settings(engine="llm", model=model, base_url=base_url))
    err.print(report.line(), highlight=False)


@app.command("clean")
def clean_cmd(
    file: Annotated[Path, typer.Argument(help="An article file.")],
    removed: Annotated[bool, typer.Option("--removed", help="Also list what was removed and why.")] = False,
) -> None:
    """Print the cleaned article text (what evidence spans refer to)."""
    try:
        doc = load_file(file)
    except (SummarizerError, OSError) as exc:
        _fail(str(exc), 1)
    cleaned = clean(doc.text, title=doc.title, published=doc.published)
    typer.echo(cleaned.text)
    if removed:
        for r in cleaned.removed:
            err.print(f"[dim]removed {r.kind}:[/] {r.text[:100]}", highlight=False, markup=True)


@app.command("schema")
def schema_cmd(
    write: Annotated[
        bool, typer.Option("--write", help="Regenerate schemas/*.json in the checkout.")
    ] = False,
    directory: Annotated[Path, typer.Option("--dir", help="Where the schemas live.")] = Path("schemas"),
) -> None:
    """Print the JSON Schema of a batch record, check schemas/ against the models, or regenerate it."""
    if write:
        for path in write_schemas(directory):
            err.print(f"wrote {path}")
        return
    if directory.is_dir():
        stale = check_schemas(directory)
        if stale:
            _fail(f"schemas out of date: {', '.join(stale)}; run `summarizer schema --write`", 1)
    json.dump(BatchRecord.model_json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# --- eval (issue #15) -------------------------------------------------------------------------
# Kept at the end of the file, with its imports inside, so it merges cleanly with changes above.


@app.command("eval")
def eval_cmd(
    out: Annotated[Path, typer.Argument(help="A batch output folder (holding summaries.jsonl).")],
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Folder of gold files, <stem>.json (docs/GOLD_FORMAT.md).")
    ] = None,
    init_gold: Annotated[
        Path | None, typer.Option("--init-gold", help="Write editable gold drafts from OUT's summaries here.")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="With --init-gold: replace gold files that exist.")
    ] = False,
    articles: Annotated[
        Path | None,
        typer.Option("--articles", help="Article folder (default: the input of OUT's latest run)."),
    ] = None,
    compare: Annotated[
        Path | None, typer.Option("--compare", help="A second output folder to put side by side (B).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write an HTML report here (of OUT, with --compare).")
    ] = None,
    price_in: Annotated[
        float | None, typer.Option("--price-in", help="USD per million prompt tokens, for costs.")
    ] = None,
    price_out: Annotated[
        float | None, typer.Option("--price-out", help="USD per million completion tokens, for costs.")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="With --compare: how many articles to list.")] = 5,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Exit 1 when OVERALL is below this.")
    ] = None,
) -> None:
    """Score OUT/summaries.jsonl against gold annotations (or draft them with --init-gold)."""
    from rich.markup import escape

    from .evaluation import evaluate
    from .evaluation.gold import init_gold as write_drafts
    from .evaluation.html import write_html
    from .evaluation.inputs import read_records
    from .evaluation.report import Comparison, print_comparison, print_report

    def fail(message: str, code: int = 2) -> NoReturn:
        # Paths and gold quotes may hold '[': escaped so rich prints them instead of parsing them.
        err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
        raise typer.Exit(code)

    if (gold is None) == (init_gold is None):
        fail("pass --gold GOLD_DIR to score, or --init-gold GOLD_DIR to draft gold files (one of the two)")
    try:
        if init_gold is not None:
            written = write_drafts(read_records(out), init_gold, overwrite=overwrite)
            err.print(f"wrote {len(written)} gold drafts to {init_gold}; correct them (see docs/GOLD_FORMAT.md)",
                      markup=False, highlight=False)  # fmt: skip
            return
        assert gold is not None
        report = evaluate(out, gold, articles, price_in=price_in, price_out=price_out)
        other = evaluate(compare, gold, articles, price_in=price_in, price_out=price_out) if compare else None
    except (SummarizerError, OSError) as exc:  # OSError: an unreadable or unwritable gold folder
        fail(str(exc))
    console = Console(width=max(Console().width, 150))  # the article table needs ~150 columns
    if other is not None:
        comparison = Comparison(report, other)
        if as_json:
            typer.echo(json.dumps(comparison.to_dict(top), ensure_ascii=False, indent=1))
        else:
            print_comparison(comparison, console, top)
    elif as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print_report(report, console)
    if html is not None:
        try:
            err.print(f"wrote {write_html(report, html)}", markup=False, highlight=False)
        except OSError as exc:
            fail(f"cannot write the HTML report to {html}: {exc}")
    if fail_under is not None and report.overall < fail_under:
        err.print(f"OVERALL {report.overall:.3f} is below --fail-under {fail_under}", markup=False)
        raise typer.Exit(1)
