"""What every command shares: the stderr console, one-line errors and exit codes, flags -> Settings, logs.

Every message that can hold user or article text (file names, URLs, server messages) is printed with rich
markup off, so square brackets are shown as typed and can never be read as markup.
"""

import functools
import inspect
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ..settings import Settings

# The exit codes, the same for every command (README: "Exit codes").
OK = 0
#: Some inputs failed: `batch --strict` with a failed file, or `summarize` when an input could not be summarised.
INPUTS_FAILED = 1
#: Usage or configuration error: bad flags, a missing file, a missing extra or key, an unreachable model server.
USAGE = 2
#: Aborted by Ctrl-C (128 + SIGINT, as shells report it).
ABORTED = 130

#: Shared by every Typer app of the CLI: plain help text (rich markup would eat "[env: …]"), and -h.
APP_SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "add_completion": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def console() -> "Console":
    """The stderr console (progress, messages); created on first use so `--help` never imports rich.

    soft_wrap keeps each message on one line, so it can be grepped."""
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)
    return _console


_console: "Console | None" = None


def say(message: str, style: str | None = None) -> None:
    """One line on stderr, printed exactly as given (no markup)."""
    console().print(message, style=style, markup=False, highlight=False)


def error(message: str) -> None:
    """Print ``error: message`` on one line (newlines in server messages are folded)."""
    from rich.text import Text

    console().print(Text.assemble(("error: ", "bold red"), " ".join(message.split())))


def fail(message: str, code: int = USAGE) -> NoReturn:
    """Print ``error: message`` on one line and exit with ``code``."""
    error(message)
    raise typer.Exit(code)


@contextmanager
def reported(code: int = USAGE) -> Iterator[None]:
    """A SummarizerError (or a missing optional module) becomes a one-line message and ``code``."""
    from ..errors import SummarizerError, missing_extra

    try:
        yield
    except SummarizerError as exc:
        fail(str(exc), code)
    except ImportError as exc:
        fail(str(missing_extra("this command", "llm", exc)), USAGE)


def settings(**overrides: Any) -> "Settings":
    """Environment first, then whatever the user passed on the command line (flags are Settings fields)."""
    from pydantic import ValidationError

    from ..settings import Settings

    try:
        # Keyword arguments win over the environment in pydantic-settings, and get the same checks.
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        fail(f"invalid configuration: {problems}")


class _CurrentStderr:
    """``sys.stderr`` as it is at each write: the progress bar redirects it while it runs (so log lines
    print above the bar), and test runners swap it."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


Command = Callable[..., None]

VerboseOpt = Annotated[
    int,
    typer.Option(
        "--verbose", "-v", count=True, show_default=False, help="Show library logs: -v info, -vv debug."
    ),
]
LogFileOpt = Annotated[
    Path | None, typer.Option("--log-file", help="Also write the logs (info, or debug with -vv) here.")
]
#: What was given before the command (``summarizer -v batch …``): a command's own -v adds to it.
_before_command: tuple[int, Path | None] = (0, None)


def logging_before_command(verbose: int, log_file: Path | None) -> None:
    """Set up logging from the flags given before the command (the main callback calls this)."""
    global _before_command
    _before_command = (verbose, log_file)
    setup_logging(verbose, log_file)


def log_flags(command: Command) -> Command:
    """Give a command ``-v`` and ``--log-file`` too, so they work after it as well as before it
    (``summarizer batch DIR -v`` as ``summarizer -v batch DIR``); given after, they add to what was
    given before."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        verbose, log_file = kwargs.pop("verbose"), kwargs.pop("log_file")
        if verbose or log_file is not None:
            before_verbose, before_file = _before_command
            setup_logging(before_verbose + verbose, log_file or before_file)
        command(*args, **kwargs)

    return _with_options(run, command, {"verbose": (VerboseOpt, 0), "log_file": (LogFileOpt, None)})


def _with_options(
    run: Command, command: Command, options: dict[str, tuple[Any, Any]], replaced: str | None = None
) -> Command:
    """``run`` (a wrapper of ``command``) as typer must see it: ``command``'s parameters, but ``replaced``,
    then ``options`` (name -> (annotation, default)) as keyword-only parameters."""
    signature = inspect.signature(command)
    own = [p for p in signature.parameters.values() if p.name != replaced]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
             for name, (annotation, default) in options.items()]  # fmt: skip
    run.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
    run.__annotations__ = {**{k: v for k, v in command.__annotations__.items() if k != replaced},
                           **{name: annotation for name, (annotation, _) in options.items()}}  # fmt: skip
    del run.__wrapped__  # type: ignore[attr-defined]  # typer must see the new signature, not the wrapped one
    return run


def setup_logging(verbose: int, log_file: Path | None) -> None:
    """Library logs go to stderr with -v (INFO) or -vv (DEBUG), and to ``log_file`` when given.

    Without -v only this package's warnings reach the terminal: instructor logs every failed attempt at
    ERROR, and each outcome is already on the record. Nothing is silenced for good: the choice is a
    handler's level, so -v shows everything."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_summarizer", False)]:
        root.removeHandler(handler)
        handler.close()
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    terminal = logging.StreamHandler(_CurrentStderr())
    terminal.setLevel(level)
    if not verbose:
        terminal.addFilter(lambda record: record.name.split(".")[0] == "summarizer")
    handlers: list[logging.Handler] = [terminal]
    if log_file is not None:
        try:
            file = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as exc:
            fail(f"--log-file {log_file}: {exc.strerror or exc}")
        file.setLevel(min(level, logging.INFO))
        handlers.append(file)
    for handler in handlers:
        handler.setFormatter(fmt)
        handler._summarizer = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(min(h.level for h in handlers))


# --- options shared by the commands that call a model ---------------------------------------------------
# The choices of Settings.engine and Settings.mode, spelled here so that `--help` need not import pydantic
# (tests/test_cli.py checks they stay the same).
Engine = Literal["auto", "offline", "llm", "local"]
Mode = Literal["auto", "tools", "json", "json_schema", "md_json"]

EngineOpt = Annotated[
    Engine | None,
    typer.Option("--engine",
                 help="offline, llm, local, or auto (default: llm when a model is set) [env: SUMMARIZER_ENGINE]."),
]  # fmt: skip
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Model name for the LLM engine [env: SUMMARIZER_MODEL].")
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url", help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL, SUMMARIZER_BASE_URL]."
    ),
]
ModeOpt = Annotated[
    Mode | None,
    typer.Option("--mode",
                 help="Instructor mode (default auto: tools for OpenAI, json otherwise) [env: SUMMARIZER_MODE]."),
]  # fmt: skip
TemperatureOpt = Annotated[
    float | None, typer.Option("--temperature", help="Sampling temperature [env: SUMMARIZER_TEMPERATURE].")
]
TimeoutOpt = Annotated[
    float | None, typer.Option("--timeout", help="Seconds per HTTP request [env: SUMMARIZER_TIMEOUT].")
]
MaxRetriesOpt = Annotated[
    int | None,
    typer.Option("--max-retries", help="Validation re-asks per article [env: SUMMARIZER_MAX_RETRIES]."),
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option("--max-bytes", help="Skip input files larger than this [env: SUMMARIZER_MAX_BYTES]."),
]

#: Settings field -> its flag, for every command that calls a model.
MODEL_FLAGS: dict[str, Any] = {
    "engine": EngineOpt, "model": ModelOpt, "base_url": BaseUrlOpt, "mode": ModeOpt,
    "temperature": TemperatureOpt, "timeout": TimeoutOpt, "max_retries": MaxRetriesOpt,
}  # fmt: skip
#: What the OpenAI Batch API commands that send requests take (their engine is always llm).
REQUEST_FLAGS = tuple(name for name in MODEL_FLAGS if name != "engine")


def model_flags(*names: str) -> Callable[[Command], Command]:
    """Give a command the flags of :data:`MODEL_FLAGS` named (all by default), declared once here.

    The command takes a ``flags`` parameter instead: a dict of those given on the command line, ready
    for :func:`settings`. Typer reads the command's signature, so the wrapper shows it the flags."""
    chosen = names or tuple(MODEL_FLAGS)

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            command(*args, flags={n: kwargs.pop(n) for n in chosen}, **kwargs)

        return _with_options(run, command, {n: (MODEL_FLAGS[n], None) for n in chosen}, replaced="flags")

    return decorate


def write_reports(out: Path, *, quiet: bool = False) -> None:
    """Briefs (with a progress bar) and the digest from OUT/summaries.jsonl, by the library's
    :func:`summarizer.report.write_reports`."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..batch import SUMMARIES_NAME
    from ..models import BatchRecord
    from ..report import write_reports as write

    with (out / SUMMARIES_NAME).open(encoding="utf-8") as fh:
        records = [BatchRecord.model_validate_json(line) for line in fh if line.strip()]
    progress = Progress(TextColumn("briefs", style="bold", markup=False), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console(), disable=quiet or not console().is_terminal,
                        transient=True)  # fmt: skip
    task = progress.add_task("briefs", total=None)
    with progress:
        briefs, digest = write(records, out,
                               on_progress=lambda done, total: progress.update(task, completed=done, total=total))  # fmt: skip
    say(f"{len(briefs.paths)} brief files in {out / 'briefs'} ({briefs.rewritten} written, the rest unchanged) "
        f"and {digest}")  # fmt: skip
