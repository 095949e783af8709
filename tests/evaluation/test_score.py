"""Scoring through the Python API, on small records and gold written here."""

import json

import pytest
from evalkit import (
    ARTICLE,
    NOISE,
    OTHER,
    finding,
    gold,
    number,
    record,
    write_articles,
    write_gold,
    write_run,
)

import summarizer
from summarizer import ConfigError, EvalReport, evaluate
from summarizer.evaluation import init_gold  # the subpackage; `summarizer.evaluation` itself is the function


@pytest.fixture
def articles(tmp_path):
    return write_articles(tmp_path / "articles", muong_hoa=ARTICLE, hoi_cho=OTHER)


def one(records, golds, tmp_path, articles=None) -> EvalReport:
    return evaluate(records, write_gold(tmp_path / "gold", *golds), articles)


def test_public_api_and_a_perfect_run(tmp_path, articles):
    assert "evaluate" in summarizer.__all__ and "EvalReport" in summarizer.__all__
    report = one([record()], [gold()], tmp_path, articles)
    assert isinstance(report, EvalReport)
    assert report.overall == 1.0 and report.locality_accuracy == 1.0
    assert report.numbers.tp == 2 and report.numbers.f1 == 1.0
    assert report.grounding_rate == 1.0 and report.numbers_not_in_text == (0, 2)
    assert report.noise_leaks == 0 and report.articles[0].gold_problems == []


def test_a_range_is_only_matched_by_the_same_range(tmp_path):
    pred = [number("312 đảng viên", 312), number("từ 3 - 4 đảng viên", 3)]  # a value, not the range
    row = one([record(numeric_results=pred)], [gold()], tmp_path).articles[0]
    c = row.counts["numbers"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    assert row.misses["numbers"][0].label == "3–4" and row.false_hits["numbers"][0].label == "3"


def test_optional_items_neither_reward_nor_penalise(tmp_path):
    optional = {"evidence": "mở lớp bồi dưỡng nhận thức về Đảng", "optional": True}
    g = gold(solutions=[{"evidence": "giao chỉ tiêu kết nạp cho từng chi bộ"}, optional])
    missed = one([record()], [g], tmp_path).articles[0].counts["solutions"]
    assert (missed.tp, missed.fp, missed.fn, missed.optional) == (1, 0, 0, 0)
    both = record(solutions=[finding("giao chỉ tiêu kết nạp cho từng chi bộ"),
                             finding("mở lớp bồi dưỡng nhận thức về Đảng cho mười lăm quần chúng")])  # fmt: skip
    found = evaluate([both], tmp_path / "gold").articles[0].counts["solutions"]
    assert (found.tp, found.fp, found.fn, found.optional) == (1, 0, 0, 1)
    assert found.precision == 1.0


def test_duplicated_predictions_count_once(tmp_path):
    twice = [finding("giao chỉ tiêu kết nạp cho từng chi bộ")] * 2
    c = one([record(solutions=twice)], [gold()], tmp_path).articles[0].counts["solutions"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)
    assert c.precision == 0.5 and c.recall == 1.0


def test_irrelevant_articles_are_only_asked_to_be_flagged(tmp_path):
    g = gold("hoi_cho", relevant=False, numbers=[], difficulties=[], solutions=[])
    flagged = one([record("hoi_cho", relevant=False)], [g], tmp_path)
    assert flagged.irrelevant_flagged == (1, 1) and flagged.articles[0].score == 1.0
    # Items extracted from an off-topic article: not flagged, and no part of the other figures.
    missed = evaluate([record("hoi_cho")], tmp_path / "gold")
    assert missed.irrelevant_flagged == (0, 1) and missed.numbers.tp == missed.numbers.fp == 0
    empty = evaluate(
        [record("hoi_cho", numeric_results=[], difficulties=[], solutions=[])], tmp_path / "gold"
    )
    assert empty.irrelevant_flagged == (1, 1)


def test_a_missing_and_a_failed_record_score_as_finding_nothing(tmp_path, articles):
    golds = [gold("muong_hoa"), gold("gone")]
    report = one([record("muong_hoa", status="failed")], golds, tmp_path, articles)
    rows = {row.id: row for row in report.articles}
    failed, missing = rows["muong_hoa"], rows["gone"]
    assert (failed.status, missing.status) == ("failed", "missing")
    assert failed.error == "the model gave up [retry]"
    for row in (failed, missing):
        assert row.locality == {"province": False, "district": False, "commune": False}
        assert row.counts["numbers"].fn == 2 and row.counts["numbers"].fp == 0
        assert len(row.misses["difficulties"]) == 1
    assert report.overall == 0.0
    assert "article file not found" not in " ".join(
        failed.gold_problems
    )  # nothing predicted, nothing to check


def test_records_without_gold_are_listed_not_scored(tmp_path):
    report = one([record(), record("extra")], [gold()], tmp_path)
    assert report.without_gold == ["extra"] and len(report.articles) == 1


def test_grounding_invented_numbers_and_boilerplate_leaks(tmp_path, articles):
    pred = record(
        difficulties=[finding("thanh niên đi làm công nhân ở xa"), finding("thiếu kinh phí hoạt động")],
        solutions=[finding(NOISE)],
        numeric_results=[number("312 đảng viên", 312), number("15 quần chúng", 15), number("99 hộ", 99)],
    )
    report = one([pred], [gold()], tmp_path, articles)
    row = report.articles[0]
    assert row.ungrounded == ["thiếu kinh phí hoạt động", "15 quần chúng", "99 hộ"]
    assert row.numbers_not_in_text == ["99 (99 hộ)"]  # 15 is written 'mười lăm'
    assert row.leaks == [NOISE] and report.noise_leaks == 1
    assert report.grounding_rate == pytest.approx(3 / 6)


def test_gold_quotes_are_checked_against_the_article(tmp_path, articles):
    g = gold(difficulties=[{"evidence": "một câu không có trong bài"}])
    row = one([record()], [g], tmp_path, articles).articles[0]
    assert row.gold_problems == ["gold quote not in the article: một câu không có trong bài"]


def test_locality_with_prefixes_and_2025_units(tmp_path):
    loc = {"province": "tỉnh Lào Cai", "district": "Thị xã Sa Pa", "commune": "Xã Mường Hoa"}
    assert one([record(locality=loc)], [gold()], tmp_path).locality_accuracy == 1.0
    now = {
        "province": "Yên Bái",
        "commune": "Mường Hoa",
        "current": {"province": "Lào Cai", "commune": "Mường Hoa"},
    }
    g = gold(locality={"province": "Lào Cai", "district": None, "commune": "Mường Hoa", "level": "commune"})
    report = evaluate([record(locality=now)], write_gold(tmp_path / "gold2", g))
    assert report.locality_hits() == (1, 2) and report.locality_hits(current=True) == (2, 2)
    assert report.locality_hits("province") == (0, 1)


def test_costs_from_usage_and_prices(tmp_path):
    usage = {"prompt_tokens": 2_000_000, "completion_tokens": 500_000, "calls": 3}
    report = evaluate(
        [record(usage=usage)], write_gold(tmp_path / "gold", gold()), price_in=0.5, price_out=2.0
    )
    assert report.articles[0].cost == pytest.approx(2.0) and report.run_cost == pytest.approx(2.0)
    assert report.figures()["calls"] == 3 and report.figures()["tokens"] == 2_500_000
    assert evaluate([record(usage=usage)], tmp_path / "gold").run_cost is None


def test_article_texts_come_from_the_latest_run(tmp_path):
    folder = write_articles(tmp_path / "in", muong_hoa=ARTICLE)
    summarizer.summarize_folder(folder, tmp_path / "out")
    report = evaluate(tmp_path / "out", write_gold(tmp_path / "gold", gold()))
    assert report.articles[0].text_checked and report.evidence_total > 0
    assert report.grounding_rate == 1.0
    folder.joinpath("muong_hoa.txt").rename(tmp_path / "moved.txt")
    folder.rmdir()
    with pytest.raises(ConfigError, match="pass --articles DIR"):
        evaluate(tmp_path / "out", tmp_path / "gold")


def test_init_gold_drafts_score_perfectly_against_their_own_run(tmp_path):
    folder = write_articles(tmp_path / "in", muong_hoa=ARTICLE)
    summarizer.summarize_folder(folder, tmp_path / "out")
    records = [json.loads(line) for line in (tmp_path / "out" / "summaries.jsonl").read_text().splitlines()]
    written = init_gold([summarizer.BatchRecord.model_validate(r) for r in records], tmp_path / "drafts")
    assert [p.name for p in written] == ["muong_hoa.json"]
    report = evaluate(tmp_path / "out", tmp_path / "drafts")
    assert report.overall == 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "cannot be read as JSON"), ("[]", "one JSON object"), ('{"numbers": [{"evidence": "x"}]}', "has no value"),
     ('{"locality": {"level": "village"}}', "locality.level")],
)  # fmt: skip
def test_bad_gold_files_say_what_is_wrong(tmp_path, content, message):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        evaluate([record("a")], tmp_path / "gold")


def test_missing_folders_say_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="--init-gold"):
        evaluate([record()], tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="no \\*.json"):
        evaluate([record()], tmp_path / "empty")
    gold_dir = write_gold(tmp_path / "gold", gold())
    with pytest.raises(ConfigError, match="summarizer batch"):
        evaluate(tmp_path / "no_run", gold_dir)
    with pytest.raises(ConfigError, match="articles folder"):
        evaluate([record()], gold_dir, tmp_path / "no_articles")
    with pytest.raises(ConfigError, match="runs.sqlite"):
        evaluate(write_run(tmp_path / "out", record()), gold_dir)


def test_drafts_keep_ranges_and_read_half_open_ones_as_their_bound(tmp_path):
    pred = record(
        numeric_results=[number("từ 3 - 4 đảng viên", lo=3, hi=4), number("hơn 300 đảng viên", lo=300)]
    )
    init_gold([pred, record("gone", status="failed")], tmp_path / "drafts")
    draft = json.loads((tmp_path / "drafts" / "muong_hoa.json").read_text(encoding="utf-8"))
    assert [(n.get("value"), n.get("value_min"), n.get("value_max")) for n in draft["numbers"]] == [
        (None, 3, 4),
        (300, None, None),
    ]
    empty = json.loads((tmp_path / "drafts" / "gone.json").read_text(encoding="utf-8"))
    assert empty["numbers"] == [] and empty["relevant"] is True
    assert evaluate([pred], tmp_path / "drafts").numbers.f1 == 1.0
