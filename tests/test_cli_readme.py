"""The README is checked like code: its tables render as tables, its Python block runs as written."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

README = Path(__file__).resolve().parent.parent / "README.md"


def tokens():
    return MarkdownIt("commonmark").enable("table").parse(README.read_text(encoding="utf-8"))


def test_every_table_row_has_the_header_s_column_count():
    rows: list[int] = []
    tables = 0
    for token in tokens():
        if token.type == "table_open":
            tables, rows = tables + 1, []
        elif token.type == "tr_open":
            rows.append(0)
        elif token.type in ("th_open", "td_open"):
            rows[-1] += 1
        elif token.type == "table_close":
            assert len(set(rows)) == 1, f"table {tables}: cells per row {rows}"
    assert tables >= 5


def test_no_table_is_split_into_a_paragraph_of_pipes():
    # Rows cut off from their table by a blank line render as a paragraph starting with "|".
    stray = [t.content[:60] for t in tokens() if t.type == "inline" and re.match(r"\s*\|.*\|", t.content)]
    assert stray == []


def test_the_python_api_block_runs_as_written(tmp_path, monkeypatch):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python API") :]
    code = section[section.index("```python\n") + len("```python\n") : section.index("\n```\n")]
    shutil.copytree(README.parent / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith(("SUMMARIZER_", "OPENAI_"))]:
        monkeypatch.delenv(name)  # the offline engine, as on a fresh machine
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    assert (tmp_path / "out" / "summaries.jsonl").is_file()


@pytest.mark.parametrize("link", ["docs/CONTRACT.md"])
def test_the_contract_is_the_project_s_own(link):
    text = README.read_text(encoding="utf-8")
    assert f"]({link})" in text and "../shared/CONTRACT.md" not in text
    assert (README.parent / link).is_file()


def test_every_flag_in_the_configuration_table_exists():
    from typer.testing import CliRunner

    from summarizer.cli import app

    text = README.read_text(encoding="utf-8")
    table = text[text.index("| setting | environment | flag | default |") : text.index("## Engines")]
    flags = set(re.findall(r"`(--[a-z-]+)`", table))
    assert len(flags) >= 10
    help_text = CliRunner().invoke(app, ["batch", "--help"]).output
    assert {f for f in flags if f not in help_text} == set()


def test_the_contract_document_names_every_field_of_the_models():
    from summarizer.models import ArticleSummary, BatchRecord, Finding, Locality, NumericResult

    contract = (README.parent / "docs" / "CONTRACT.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_0-9]+)`", contract))
    fields = {
        f
        for model in (ArticleSummary, BatchRecord, Finding, Locality, NumericResult)
        for f in model.model_fields
    }
    assert fields - named == set()


def test_the_testing_kit_block_runs_as_a_test_file_as_written(tmp_path):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Testing your own pipeline") :]
    code = section[section.index("```python\n") + len("```python\n") : section.index("\n```\n")]
    (tmp_path / "test_kit.py").write_text(code, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_kit.py"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout + done.stderr


BLOCKED = "import sys; sys.modules['instructor'] = None\n"


def test_the_testing_kit_without_the_llm_extra_says_what_to_install(tmp_path):
    done = subprocess.run([sys.executable, "-c", BLOCKED + "import summarizer.testing"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    last = done.stderr.strip().splitlines()[-1]
    assert (
        last.startswith("ImportError: summarizer.testing needs the [llm] extra") and "pip install '" in last
    )


def test_without_the_llm_extra_pytest_still_runs_and_the_fixture_says_what_to_install(tmp_path):
    (tmp_path / "test_mine.py").write_text(
        "def test_plain():\n    assert True\n\n\ndef test_kit(scripted_model):\n    pass\n", encoding="utf-8"
    )
    run_pytest = (
        BLOCKED + "import pytest\nsys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', 'test_mine.py']))"
    )
    done = subprocess.run([sys.executable, "-c", run_pytest], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert "1 passed, 1 error" in done.stdout and "needs the [llm] extra" in done.stdout, done.stdout
