"""`summarizer eval` through typer's CliRunner: the table, --json, --init-gold, --compare, errors."""

import json

import pytest
from evalkit import ARTICLE, OTHER, finding, gold, record, write_articles, write_gold, write_run
from typer.testing import CliRunner

from summarizer.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, ["eval", *map(str, args)])


@pytest.fixture
def batch(tmp_path):
    """A real offline batch over two made-up articles, and its gold drafted by --init-gold."""
    folder = write_articles(tmp_path / "in", muong_hoa=ARTICLE, hoi_cho=OTHER)
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(folder), "--out", str(out), "-q"]).exit_code == 0
    return out


def test_init_gold_then_eval_prints_the_table(batch, tmp_path):
    drafts = tmp_path / "gold"
    result = invoke(batch, "--init-gold", drafts)
    assert result.exit_code == 0, result.output
    assert "wrote 2 gold drafts" in result.stderr
    assert sorted(p.name for p in drafts.iterdir()) == ["hoi_cho.json", "muong_hoa.json"]
    draft = json.loads((drafts / "muong_hoa.json").read_text(encoding="utf-8"))
    assert draft["id"] == "muong_hoa" and draft["noise"] == [] and draft["numbers"]
    assert all(n["optional"] is False for n in draft["numbers"])

    result = invoke(batch, "--gold", drafts, "--price-in", "0.15", "--price-out", "0.6")
    assert result.exit_code == 0, result.output
    assert "muong_hoa" in result.stdout and "OVERALL" in result.stdout and "1.000" in result.stdout
    assert "numbers not in text" in result.stdout and "run usage" in result.stdout


def test_init_gold_keeps_corrected_files_unless_overwrite(batch, tmp_path):
    drafts = tmp_path / "gold"
    invoke(batch, "--init-gold", drafts)
    (drafts / "muong_hoa.json").write_text(json.dumps(gold()), encoding="utf-8")
    assert "wrote 0 gold drafts" in invoke(batch, "--init-gold", drafts).stderr
    assert json.loads((drafts / "muong_hoa.json").read_text())["noise"]  # the correction survived
    assert "wrote 2 gold drafts" in invoke(batch, "--init-gold", drafts, "--overwrite").stderr


def test_json_report(batch, tmp_path):
    gold_dir = write_gold(tmp_path / "gold", gold())
    result = invoke(batch, "--gold", gold_dir, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["figures"]) >= {
        "overall",
        "locality_acc",
        "numbers_f1",
        "difficulties_f1",
        "solutions_f1",
    }
    assert data["without_gold"] == ["hoi_cho"]
    article = data["articles"][0]
    assert article["id"] == "muong_hoa" and article["text_checked"] is True
    assert article["counts"]["numbers"]["tp"] == 2


def test_compare_two_runs(tmp_path):
    articles = write_articles(tmp_path / "articles", muong_hoa=ARTICLE, other=ARTICLE)
    gold_dir = write_gold(tmp_path / "gold", gold(), gold("other"))
    good = write_run(tmp_path / "a", record(), record("other"))
    worse = write_run(tmp_path / "b", record(solutions=[finding("không có trong gold")]), record("other"))
    result = invoke(good, "--compare", worse, "--gold", gold_dir, "--articles", articles, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    solutions = data["figures"]["solutions_f1"]
    assert solutions["a"] == 1.0 and solutions["b"] == 0.5 and solutions["diff"] == -0.5  # micro over 2
    assert [d["id"] for d in data["disagreements"]] == ["muong_hoa"]  # 'other' scores the same in both
    assert data["disagreements"][0]["changed"] == "solutions 1.00 -> 0.00"

    table = invoke(good, "--compare", worse, "--gold", gold_dir, "--articles", articles)
    assert table.exit_code == 0, table.output
    assert "B - A" in table.stdout and "solutions_f1" in table.stdout and "-0.500" in table.stdout
    assert "disagree most" in table.stdout and "muong_hoa" in table.stdout
    same = invoke(good, "--compare", good, "--gold", gold_dir, "--articles", articles)
    assert "Every article scores the same" in same.stdout


def test_html_and_fail_under(batch, tmp_path):
    gold_dir = write_gold(tmp_path / "gold", gold(solutions=[{"evidence": "một biện pháp <b>không</b> có"}]))
    page = tmp_path / "report" / "eval.html"
    result = invoke(batch, "--gold", gold_dir, "--html", page, "--fail-under", "0.99")
    assert result.exit_code == 1 and "below --fail-under" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert "một biện pháp &lt;b&gt;không&lt;/b&gt; có" in html and "<b>không</b>" not in html


@pytest.mark.parametrize(
    ("args", "message"),
    [((), "one of the two"), (("--gold", "g", "--init-gold", "h"), "one of the two")],
)
def test_gold_or_init_gold_is_required(tmp_path, args, message):
    result = invoke(tmp_path, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_errors_are_one_line_and_print_user_text_literally(tmp_path):
    out = write_run(tmp_path / "out [old]", record())
    result = invoke(out, "--gold", tmp_path / "gold [v2]")
    assert result.exit_code == 2
    assert "gold [v2] does not exist" in result.stderr and "Traceback" not in result.output
    gold_dir = write_gold(tmp_path / "gold", gold())
    result = invoke(out, "--gold", gold_dir)
    assert result.exit_code == 2 and "out [old]" in result.stderr and "pass --articles DIR" in result.stderr


def test_an_unwritable_html_path_is_an_error_not_a_traceback(batch, tmp_path):
    gold_dir = write_gold(tmp_path / "gold", gold())
    (tmp_path / "file").write_text("x")
    result = invoke(batch, "--gold", gold_dir, "--html", tmp_path / "file" / "eval.html")
    assert result.exit_code == 2 and "cannot write the HTML report" in result.stderr
