"""The MEANING figures on constructed runs: what each part counts, and what it ignores."""

import json

from evalkit import gold, number, record, write_gold

from summarizer import evaluate
from summarizer.cli import app


def _gold_numbers() -> list[dict]:
    return [
        {"value": 312, "kind": "members_total", "evidence": "312 đảng viên", "basis": "actual", "scope": "main",
         "years": None},
        {"value_min": 3, "value_max": 4, "kind": "members_admitted", "evidence": "từ 3 - 4 đảng viên",
         "basis": "average", "scope": "main", "years": [2015, 2019]},
        {"value": 9, "kind": "members_admitted", "evidence": "kết nạp được 9 đảng viên", "basis": "actual",
         "scope": "main", "years": [2023, 2023], "key": True},
    ]  # fmt: skip


def _numbers(**changes: dict) -> list[dict]:
    said = [
        number("312 đảng viên", 312),
        {**number("từ 3 - 4 đảng viên", lo=3, hi=4), "basis": "average", "years": [2015, 2019]},
        {**number("kết nạp được 9 đảng viên", 9), "years": [2023, 2023], "key": True},
    ]
    for index, fields in changes.items():
        said[int(index[1:])].update(fields)
    return said


def _meaning(tmp_path, numbers: list[dict], **gold_fields):
    g = gold(numbers=_gold_numbers(), **gold_fields)
    return evaluate([record(numeric_results=numbers)], write_gold(tmp_path / "gold", g)).meaning


def test_a_run_that_says_what_every_figure_means_scores_one(tmp_path):
    m = _meaning(tmp_path, _numbers())
    assert m.to_dict()["counts"] == {"basis": "3/3", "scope": "3/3", "years": "2/2", "key": "1/1",
                                     "category": "0/0"}  # fmt: skip
    # category has nothing to check here and counts as 0 in the mean of five, as in the reference
    assert m.overall == 0.8


def test_each_part_counts_its_own_disagreement(tmp_path):
    m = _meaning(tmp_path, _numbers(n1={"basis": "target"}, n0={"scope": "part"}))
    assert (m.hits["basis"], m.hits["scope"]) == (2, 2)
    # 'to' is checked only where gold gives one; an open end in gold accepts any
    m = _meaning(tmp_path, _numbers(n1={"years": [2015, 2020]}, n2={"years": None}))
    assert m.to_dict()["counts"]["years"] == "0/2"


def test_key_must_be_the_figure_paired_with_golds_key_and_only_one(tmp_path):
    assert _meaning(tmp_path, _numbers(n2={"key": False})).hits["key"] == 0
    assert _meaning(tmp_path, _numbers(n0={"key": True})).hits["key"] == 0  # two keys: none chosen
    second = {**number("kết nạp thêm 5 đảng viên", 5), "key": True}  # the right key, and one more after it
    assert _meaning(tmp_path, [*_numbers(), second]).hits["key"] == 0
    moved = _numbers(n2={"key": False}, n1={"key": True})
    assert _meaning(tmp_path, moved).hits["key"] == 0


def test_no_gold_key_wants_none(tmp_path):
    numbers = [{k: v for k, v in n.items() if k != "key"} for n in _gold_numbers()]
    g = gold(numbers=numbers)
    said = _numbers(n2={"key": False})
    report = evaluate([record(numeric_results=said)], write_gold(tmp_path / "gold", g))
    assert report.meaning.to_dict()["counts"]["key"] == "1/1"


def test_gold_without_meaning_keys_is_not_scored_on_meaning(tmp_path):
    report = evaluate([record()], write_gold(tmp_path / "gold", gold()))
    assert report.meaning.overall is None and report.figures()["meaning"] is None


def test_category_over_matched_findings_where_gold_gives_one(tmp_path):
    g = gold(
        difficulties=[{"evidence": "thanh niên đi làm công nhân ở xa nên nguồn kết nạp rất mỏng",
                       "category": "youth_migration"}],
        solutions=[{"evidence": "giao chỉ tiêu kết nạp cho từng chi bộ"}],  # no category: not counted
    )  # fmt: skip
    report = evaluate([record()], write_gold(tmp_path / "gold", g))  # the run says "other"
    assert report.meaning.to_dict()["counts"]["category"] == "0/1"
    assert report.meaning.annotated


def test_eval_shows_meaning_in_the_table_json_and_html(tmp_path):
    from evalkit import ARTICLE, write_articles, write_run
    from typer.testing import CliRunner

    out = write_run(tmp_path / "out", record(numeric_results=_numbers(n1={"basis": "target"})))
    golds = write_gold(tmp_path / "gold", gold(numbers=_gold_numbers()))
    articles = write_articles(tmp_path / "articles", muong_hoa=ARTICLE)
    runner = CliRunner()
    args = ["eval", str(out), "--gold", str(golds), "--articles", str(articles)]
    data = json.loads(runner.invoke(app, [*args, "--json"]).output)
    assert data["meaning"]["counts"]["basis"] == "2/3" and data["figures"]["meaning"] == 0.7333
    table = runner.invoke(app, [*args, "--html", str(tmp_path / "e.html")])
    assert "MEANING" in table.output and "basis=2/3" in table.output
    page = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert 'id="meaning"' in page and "MEANING 0.733" in page
