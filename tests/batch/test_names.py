"""File names as untrusted text: a name that is not UTF-8 gets its record (in the batch, the store, the LLM
engine, the Batch API's prepare), a name too long in bytes still gets its briefs, and discovery never reads
a run's outputs back as articles."""

import json
import os
from pathlib import Path

import pytest
from texts import ARTICLE
from typer.testing import CliRunner

from summarizer import summarize_folder
from summarizer.batch import openai as openai_batch
from summarizer.cli import app
from summarizer.errors import ConfigError
from summarizer.names import cut_bytes, for_terminal, printable_name
from summarizer.settings import Settings
from summarizer.testing import ScriptedModel

BAD = b"bad\xffname.txt"  # not UTF-8: Python sees it as 'bad\udcffname.txt'


def _run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def _records(out: Path) -> dict[str, dict]:
    lines = (out / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["source"]["path"]: r for r in map(json.loads, lines)}


def _odd_folder(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), BAD), "wb") as fh:
        fh.write(ARTICLE.replace("4.120", "4.121").encode("utf-8"))
    open(os.path.join(os.fsencode(folder), b"empty\xfe.txt"), "wb").close()  # its loader error names it
    return folder


def test_a_name_that_is_not_utf8_gets_its_record_shown_escaped(tmp_path):
    folder, out = _odd_folder(tmp_path), tmp_path / "out"
    report = summarize_folder(folder, out)
    records = _records(out)
    assert (report.total, report.ok, report.skipped) == (3, 2, 1)
    assert records["bad\\xffname.txt"]["status"] == "ok"
    assert (
        records["empty\\xfe.txt"]["status"] == "skipped"
        and "empty\\xfe.txt" in records["empty\\xfe.txt"]["error"]["message"]
    )
    assert summarize_folder(folder, out).cached == 3  # stored, and found again under the same name


def test_a_name_that_is_not_utf8_goes_through_the_llm_engine_and_the_batch_api(tmp_path):
    from texts import GOOD_ANSWER

    folder = _odd_folder(tmp_path)
    with ScriptedModel(lambda request: GOOD_ANSWER).serve(seconds=60) as base_url:
        settings = Settings(
            engine="llm", model="m", base_url=base_url, mode="json", api_key="sk-names-00000000"
        )
        summarize_folder(folder, tmp_path / "live", settings=settings)
        path, count = openai_batch.prepare(folder, tmp_path / "batch", settings)
    assert _records(tmp_path / "live")["bad\\xffname.txt"]["status"] == "ok"
    assert count == 2 and len(path.read_text(encoding="utf-8").splitlines()) == 2


def test_printable_names_and_terminal_escapes():
    assert printable_name(os.fsdecode(BAD)) == "bad\\xffname.txt"
    assert printable_name("Tân Sơn.txt") == "Tân Sơn.txt"
    assert for_terminal("a\x1b[2Jb\r\n\t\u202e") == "a\\x1b[2Jb\\r\\n\\t\\u202e"


def test_names_are_cut_by_bytes_never_inside_a_character():
    cut = cut_bytes("中" * 80, 100)
    assert cut == "中" * 33 and len(cut.encode()) == 99
    assert cut_bytes("abc", 100) == "abc"


def test_a_name_of_80_cjk_characters_gets_its_briefs_and_digest(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    name = "党员发展工作" * 13 + "中国.txt"  # 80 characters, 244 bytes: fits the disk, not with a suffix
    assert len(name) == 84 and len(name.encode()) == 244
    (folder / name).write_text(ARTICLE, encoding="utf-8")
    r = _run("batch", str(folder), "--out", str(out), "--briefs", "-q")
    assert r.exit_code == 0, r.output
    briefs = list((out / "briefs").iterdir())
    assert briefs and all(len(p.name.encode()) <= 200 for p in briefs)
    assert (out / "digest.html").is_file()
    assert _run("brief", str(out)).exit_code == 0


# --- discovery never reads a run's outputs ----------------------------------------------------------


def test_other_runs_outputs_inside_the_input_folder_are_not_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert _run("batch", str(folder), "--out", str(folder / "outA"), "--briefs", "-q").exit_code == 0
    assert _run("batch", str(folder), "--out", str(folder / "outB"), "--briefs", "-q").exit_code == 0
    assert list(_records(folder / "outB")) == ["a.txt"]
    # without its store and summaries, a run's folder is still known by the marker its store left
    for name in ("runs.sqlite", "summaries.jsonl"):
        (folder / "outA" / name).unlink()
    report = summarize_folder(folder, tmp_path / "outC")
    assert report.total == 1


def test_out_equal_to_the_input_folder_is_refused_in_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = _run("batch", str(folder), "--out", str(folder), "-q")
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1 and "is the input folder" in r.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]  # nothing written into it
    with pytest.raises(ConfigError, match="input folder"):
        openai_batch.prepare(
            folder, folder / ".", Settings(engine="llm", model="m", api_key="sk-names-00000000")
        )


def test_an_earlier_run_s_output_folder_is_not_taken_as_the_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    summarize_folder(folder, tmp_path / "out")
    with pytest.raises(ConfigError, match="output folder of a run"):
        summarize_folder(tmp_path / "out", tmp_path / "out2")
