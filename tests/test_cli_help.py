"""`--help`, the README and Settings say the same thing: every flag's default and environment variable,
every option the README names, usage lines, and one `error:` line for a mistake in a flag or a variable."""

import re
from pathlib import Path

import pytest
import typer
from pydantic import ValidationError
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.cli.common import env_names
from summarizer.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"
#: Flags the README quotes for other programs (pip, the shared scorer, a bench script), and the mistyped
#: flag of its error example.
OTHER_PROGRAMS = {
    "--no-deps",
    "--pred",
    "--long",
    "--skip-rss",
    "--ot",
    "--c",
}  # pip, score.py and bench scripts


def run(*args: str, **kwargs):
    result = CliRunner().invoke(app, list(args), prog_name="summarizer", **kwargs)
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def commands(group=None, path=()):
    """(command path, click command) for every command of the CLI."""
    group = group or typer.main.get_command(app)
    ctx = typer.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if hasattr(command, "list_commands"):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


def options():
    """(command path, option name such as --max-bytes, its help text with one space between words)."""
    for path, command in commands():
        for param in command.params:
            if param.param_type_name == "option":
                for opt in param.opts:
                    if opt.startswith("--"):
                        yield path, opt, " ".join((param.help or "").split()), param.name


def shown(value) -> str:
    """A Settings default as help and the README write it."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def test_every_flag_that_sets_a_setting_shows_its_default_and_environment_variables():
    checked = set()
    for path, flag, help_text, field in options():
        if field not in Settings.model_fields:
            continue
        found = re.search(r"\[default: ([^]]*)\] \[env: ([^]]*)\]", help_text)
        assert found, (path, flag, help_text)
        assert found[1] == shown(Settings.model_fields[field].default), (path, flag)
        assert sorted(found[2].split(", ")) == sorted(env_names(field)), (path, flag)
        checked.add(flag)
    assert {"--workers", "--concurrency", "--max-bytes", "--timeout", "--max-retries", "--temperature",
            "--article-seconds", "--follow-symlinks", "--max-tokens-per-article", "--max-chars-per-call"} <= checked  # fmt: skip


def test_every_option_the_readme_names_exists():
    ours = {flag for _, flag, _, _ in options()} | {"--help", "--version"}
    named = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", README.read_text(encoding="utf-8")))
    assert named - OTHER_PROGRAMS - ours == set()


def config_rows():
    """(flags, environment, default cell) of each row of the README's configuration table."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| setting | environment | flag | default |") : text.index("## Engines")]
    for line in table.splitlines()[2:]:
        if line.startswith("|"):
            _, env, flag, default = [cell.strip() for cell in line.strip("|").split(" | ")]
            yield re.findall(r"`(--[a-z-]+)`", flag), env, default


def test_the_readme_s_configuration_table_says_what_help_says():
    helps = {flag: text for _, flag, text, _ in options()}
    rows = 0
    for flags, env, default in config_rows():
        for flag in flags:
            rows += 1
            text = helps[flag]
            found = re.search(r"^(.*?) \[default: ([^]]*)\] \[env: ([^]]*)\]", text)
            assert found, flag
            description, value, names = found.groups()
            cell = " ".join(default.replace("`", "").split())
            # the default first (digits may be grouped), then help's own words
            assert re.sub(r"(?<=\d) (?=\d{3})", "", cell).startswith(value), (flag, cell, value)
            assert description.rstrip(".").lower() in cell.lower(), (flag, cell, description)
            assert all(f"`{name}`" in env for name in names.split(", ")), (flag, env)
    assert rows >= 14


def test_usage_lines_name_arguments_as_the_readme_does():
    for path in commands():
        first = run(*path[0], "-h").output.splitlines()[0]
        assert "{" not in first and not re.search(r" [a-z_]+(\.\.\.)?$", first), first
    assert run("batch", "-h").output.splitlines()[0] == "Usage: summarizer batch [OPTIONS] INPUT_DIR"


def test_the_readme_s_timeout_is_what_help_says():
    helps = {flag: text for _, flag, text, _ in options()}
    assert "in all" in helps["--timeout"] and "per HTTP request" not in helps["--timeout"]
    assert "per HTTP request" not in README.read_text(encoding="utf-8")


# --- one error line --------------------------------------------------------------------------------------


def one_error_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_a_bad_environment_variable_is_named_with_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CONCURRENCY", "abc")
    line = one_error_line(run("batch", str(tmp_path), "--out", str(tmp_path / "o")))
    assert "SUMMARIZER_CONCURRENCY=abc" in line and "integer" in line and "unset it" in line
    assert "--concurrency" not in line


def test_a_bad_flag_value_is_named_as_the_flag(tmp_path):
    line = one_error_line(run("batch", str(tmp_path), "--out", str(tmp_path / "o"), "--concurrency", "0"))
    assert "--concurrency 0" in line and "greater than or equal to 1" in line


def test_a_bad_value_in_the_environment_is_shown_escaped(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_WORKERS", "\x1b[31mred")
    line = one_error_line(run("batch", str(tmp_path), "--out", str(tmp_path / "o")))
    assert "\x1b" not in line and "SUMMARIZER_WORKERS=\\x1b[31mred" in line


def test_a_mistyped_flag_is_one_line_with_a_hint(tmp_path):
    line = one_error_line(run("batch", str(tmp_path), "--ot", str(tmp_path / "o")))
    assert "no such option: --ot" in line and "did you mean" in line and "--out" in line
    assert "summarizer batch -h" in line


@pytest.mark.parametrize(
    "args",
    [["batch", "--concurrency", "x", "{tmp}", "-o", "{tmp}/o"], ["batch"], ["bach"],
     ["openai-batch", "prepare", "--bogus"], ["summarize", "--format", "pdf", "x"]],
)  # fmt: skip
def test_every_usage_error_is_one_line(tmp_path, args):
    one_error_line(run(*[a.format(tmp=tmp_path) for a in args]))


# --- values no run can use (issue 25, item 11) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "value"), [("--article-seconds", "inf"), ("--article-seconds", "1e-6"), ("--timeout", "nan"),
                        ("--temperature", "inf"), ("--temperature", "3")],
)  # fmt: skip
def test_a_value_no_run_can_use_is_refused_naming_the_flag(tmp_path, flag, value):
    line = one_error_line(run("batch", str(tmp_path), "--out", str(tmp_path / "o"), flag, value))
    assert line.startswith(f"error: {flag} ")


def test_an_infinite_temperature_in_the_environment_is_refused_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_TEMPERATURE", "inf")
    line = one_error_line(run("batch", str(tmp_path), "--out", str(tmp_path / "o")))
    assert "SUMMARIZER_TEMPERATURE=inf" in line and "finite" in line


@pytest.mark.parametrize(
    "values", [{"article_seconds": float("inf")}, {"article_seconds": 1e-6}, {"temperature": float("inf")},
               {"retry_cap_seconds": float("nan")}],
)  # fmt: skip
def test_settings_refuse_values_no_run_can_use(values):
    with pytest.raises(ValidationError):
        Settings(**values)
