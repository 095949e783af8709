"""`summarizer openai-batch prepare|submit|status|collect`: the OpenAI Batch API path."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import (
    APP_SETTINGS,
    REQUEST_FLAGS,
    log_flags,
    model_flags,
    reported,
    say,
    settings,
)

if TYPE_CHECKING:
    from ..settings import Settings

batch_api = typer.Typer(
    help="Summarise through the OpenAI Batch API (cheaper, for very large folders): prepare, submit, status, "
    "collect.",
    **APP_SETTINGS,
)
OutArg = Annotated[Path, typer.Argument(help="The output folder given to prepare.")]


def _llm(**overrides: Any) -> "Settings":
    config = settings(engine="llm", **overrides)
    with reported():
        config.check_key()  # before any request
    return config


@batch_api.command("prepare")
@log_flags
@model_flags(*REQUEST_FLAGS)
def batch_prepare(
    input_dir: Annotated[Path, typer.Argument(help="Folder of article files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (as for `batch`).")],
    *,
    flags: dict[str, Any],
) -> None:
    """Write OUT/openai-batch/requests.jsonl for every article not summarised yet."""
    config = _llm(**flags)
    with reported():
        from ..batch import openai as openai_batch
        from ..batch.run import check_folders

        check_folders(input_dir, out)
        path, count = openai_batch.prepare(input_dir, out, config)
    say(f"wrote {count} requests to {path}; next: summarizer openai-batch submit {out}")


@batch_api.command("submit")
@log_flags
@model_flags("model", "base_url")
def batch_submit(out: OutArg, *, flags: dict[str, Any]) -> None:
    """Upload the prepared requests and start the batch."""
    config = _llm(**flags)
    with reported():
        from ..batch import openai as openai_batch

        batch_id = openai_batch.submit(out, config)
    say(f"submitted batch {batch_id}; check it with: summarizer openai-batch status {out}")


@batch_api.command("status")
@log_flags
@model_flags("model", "base_url")
def batch_status(out: OutArg, *, flags: dict[str, Any]) -> None:
    """Print the batch's status and request counts as JSON."""
    config = _llm(**flags)
    with reported():
        from ..batch import openai as openai_batch

        typer.echo(json.dumps(openai_batch.status(out, config)))


@batch_api.command("collect")
@log_flags
@model_flags(*REQUEST_FLAGS)
def batch_collect(
    input_dir: Annotated[Path, typer.Argument(help="The folder given to prepare.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The output folder given to prepare.")],
    *,
    flags: dict[str, Any],
) -> None:
    """Validate the answers of a completed batch into OUT/summaries.jsonl, re-asking failures live."""
    config = _llm(**flags)
    with reported():
        from ..batch import openai as openai_batch
        from ..batch.run import check_folders

        check_folders(input_dir, out)
        report = openai_batch.collect(input_dir, out, config)
    say(report.line())
