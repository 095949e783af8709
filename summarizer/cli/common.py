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
from typer.core import TyperArgument, TyperGroup

from ..names import for_terminal

try:  # recent typer vendors click; older ones use it as is
    from typer._click import exceptions as clickerr
except ImportError:  # pragma: no cover
    from click import exceptions as clickerr  # type: ignore[no-redef]

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


class _OneLineErrors(TyperGroup):
    """A usage error (a mistyped flag, a missing argument, a bad value) is one ``error:`` line that says
    what to change and where the help is, exit 2, instead of click's usage block."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone = kwargs.get("standalone_mode", True)
        # Not standalone: click returns exit codes and raises its errors instead of printing them.
        kwargs["standalone_mode"] = False
        if not standalone:
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **kwargs)
        except clickerr.NoArgsIsHelpError as exc:  # the help itself, as asked by no_args_is_help
            exc.show()
            sys.exit(USAGE)
        except clickerr.UsageError as exc:
            error(_usage_message(exc))
            sys.exit(USAGE)
        except clickerr.ClickException as exc:
            error(exc.format_message())
            sys.exit(exc.exit_code)
        except typer.Abort:
            error("aborted")
            sys.exit(ABORTED)
        sys.exit(code if isinstance(code, int) else OK)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command, its arguments named in usage lines as its help text and the README name them."""
        command = super().get_command(ctx, cmd_name)
        for param in getattr(command, "params", []):
            if type(param) is TyperArgument:
                param.__class__ = _Argument
        return command


class _Argument(TyperArgument):
    """An argument shown as ``INPUT_DIR``, ``[OUT]`` or ``FILES...`` in usage lines (typer writes a
    required one as ``{input_dir}``, which reads as a placeholder to fill with braces)."""

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = (self.metavar or self.name or "").upper() + ("..." if self.nargs != 1 else "")
        return [name if self.required else f"[{name}]"]


def _usage_message(exc: clickerr.UsageError) -> str:
    where = f" (see `{exc.ctx.command_path} -h`)" if exc.ctx is not None else ""
    if isinstance(exc, clickerr.NoSuchOption):
        hint = f"; did you mean {' or '.join(sorted(exc.possibilities))}?" if exc.possibilities else ""
        return f"no such option: {exc.option_name}{hint}{where}"
    message = exc.format_message().rstrip(".")
    return f"{message[:1].lower()}{message[1:]}{where}"


#: Shared by every Typer app of the CLI: plain help text (rich markup would eat "[env: …]"), and -h.
APP_SETTINGS: dict[str, Any] = {
    "cls": _OneLineErrors,
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
    """One line on stderr, printed as given (no markup), control characters escaped."""
    console().print(for_terminal(message), style=style, markup=False, highlight=False)


def error(message: str) -> None:
    """Print ``error: message`` on one line (newlines in server messages are folded, control characters in
    names and values escaped)."""
    from rich.text import Text

    from ..redaction import redact

    console().print(Text.assemble(("error: ", "bold red"), for_terminal(" ".join(redact(message).split()))))


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

    from ..redaction import add_secret, add_url
    from ..settings import Settings

    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        # Keyword arguments win over the environment in pydantic-settings, and get the same checks.
        config = Settings(**given)
    except ValidationError as exc:
        fail("; ".join(_invalid(e, given) for e in exc.errors()))
    # Every log line, error and record is redacted of the key and of any credential in the base URL.
    add_secret(config.api_key.get_secret_value() if config.api_key else None)
    add_url(config.base_url)
    return config


def _invalid(problem: Any, given: dict[str, Any]) -> str:
    """One invalid setting, named as the user set it (the flag, or the environment variable), with its
    value and what to do."""
    field = str(problem["loc"][0]) if problem["loc"] else ""
    why = problem["msg"][:1].lower() + problem["msg"][1:]
    value = problem.get("input", "")
    if field in given:
        return f"--{field.replace('_', '-')} {value}: {why}"
    names = " or ".join(env_names(field))
    return f"{names}={value} in the environment: {why}; correct it or unset it"


def env_names(field: str) -> list[str]:
    """The environment variables of a Settings field, as Settings reads them."""
    from ..settings import Settings

    alias = Settings.model_fields[field].validation_alias if field in Settings.model_fields else None
    choices = getattr(alias, "choices", None)
    return [str(c) for c in choices] if choices else [f"SUMMARIZER_{field.upper()}"]


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
    from ..redaction import RedactingFilter

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
        handler.addFilter(RedactingFilter())  # a key in the base URL or a server's answer stays out of logs
        handler.setFormatter(fmt)
        handler._summarizer = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(min(h.level for h in handlers))


# --- flags that set a Settings field ---------------------------------------------------------------------
def setting(flag: str, text: str, default: str, *, env: str = "") -> Any:
    """The typer option of ``flag``, which sets the Settings field of the same name (``--max-bytes`` ->
    ``max_bytes``). Its help ends with the default and the environment variable; the default is spelled
    here so that ``--help`` need not import pydantic (tests/test_cli_help.py checks it is Settings' own).
    The option's own default is None: a flag not given leaves the environment's value."""
    env = env or f"SUMMARIZER_{flag[2:].replace('-', '_').upper()}"
    return typer.Option(flag, help=f"{text} [default: {default}] [env: {env}]", show_default=False)


# The choices of Settings.engine and Settings.mode, spelled here so that `--help` need not import pydantic
# (tests/test_cli.py checks they stay the same).
Engine = Literal["auto", "offline", "llm", "local"]
Mode = Literal["auto", "tools", "json", "json_schema", "md_json"]

EngineOpt = Annotated[
    Engine | None,
    setting("--engine", "offline, llm, local, or auto (llm when a model is set, else offline).", "auto"),
]
ModelOpt = Annotated[str | None, setting("--model", "Model name for the LLM engine.", "none")]
BaseUrlOpt = Annotated[
    str | None,
    setting("--base-url", "OpenAI-compatible endpoint.", "none", env="SUMMARIZER_BASE_URL, OPENAI_BASE_URL"),
]
ModeOpt = Annotated[
    Mode | None,
    setting("--mode", "Instructor mode (auto: tools for OpenAI, json for compatible servers).", "auto"),
]
TemperatureOpt = Annotated[float | None, setting("--temperature", "Sampling temperature, 0 to 2.", "0")]
TimeoutOpt = Annotated[
    float | None,
    setting(
        "--timeout",
        "Seconds one request to the model may take in all, however slowly its answer comes "
        "(each transport retry gets its own).",
        "120",
    ),
]
MaxRetriesOpt = Annotated[
    int | None, setting("--max-retries", "Validation re-asks per article, then salvage.", "2")
]
MaxCharsOpt = Annotated[
    int | None,
    setting(
        "--max-chars-per-call", "Longer articles are sent to the model in parts cut at sentences.", "12000"
    ),
]
MaxBytesOpt = Annotated[
    int | None, setting("--max-bytes", "Input files larger than this are skipped.", "5000000")
]

#: Settings field -> its flag, for every command that calls a model.
MODEL_FLAGS: dict[str, Any] = {
    "engine": EngineOpt, "model": ModelOpt, "base_url": BaseUrlOpt, "mode": ModeOpt,
    "temperature": TemperatureOpt, "timeout": TimeoutOpt, "max_retries": MaxRetriesOpt,
    "max_chars_per_call": MaxCharsOpt,
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
