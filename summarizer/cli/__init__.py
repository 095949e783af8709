"""The ``summarizer`` command: a thin layer over the Python API (flags -> Settings -> the API; printing).

Start-up matters (``summarizer --help`` runs often): this package imports only typer and the standard
library at first; each command imports what it needs when it runs (``bench/startup.py`` measures it).
"""

import functools
from collections.abc import Callable
from typing import Annotated, Any

import typer

from .article import brief_cmd, clean_cmd, schema_cmd, summarize_cmd
from .batch import batch_cmd
from .common import ABORTED, APP_SETTINGS, LogFileOpt, VerboseOpt, fail, log_flags, logging_before_command
from .evaluation import eval_cmd
from .history import failures_cmd, runs_cmd
from .openai_batch import batch_api

__all__ = ["app"]

app = typer.Typer(
    help="Grounded, structured summaries of Vietnamese articles about party-member development.",
    **APP_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    verbose: VerboseOpt = 0,
    log_file: LogFileOpt = None,
) -> None:
    """Summarise articles one at a time (summarize) or a folder at once (batch)."""
    logging_before_command(verbose, log_file)


def _interruptible(command: Callable[..., None]) -> Callable[..., None]:
    """Ctrl-C anywhere in a command: one line and exit 130, like a batch (click would say "Aborted!", 1)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except KeyboardInterrupt:
            fail("interrupted", ABORTED)

    return run


_COMMANDS: dict[str, Callable[..., None]] = {
    "summarize": summarize_cmd, "batch": batch_cmd, "runs": runs_cmd, "failures": failures_cmd,
    "brief": brief_cmd, "clean": clean_cmd, "schema": schema_cmd, "eval": eval_cmd,
}  # fmt: skip
for _name, _command in _COMMANDS.items():
    app.command(_name)(_interruptible(log_flags(_command)))
app.add_typer(batch_api, name="openai-batch")
