"""Gold pairs with records by the article's path in the input folder, never by its bare file stem; gold files
that are not numbers JSON allows, or far too big to be one article's, are refused in one line."""

import json

import pytest
from evalkit import ARTICLE, OTHER, gold, record, write_gold

import summarizer
from summarizer import ConfigError, evaluate
from summarizer.evaluation import init_gold
from summarizer.evaluation.gold import MAX_GOLD_BYTES


def test_articles_sharing_a_stem_get_a_draft_each_and_score_against_their_own(tmp_path):
    folder = tmp_path / "in"
    for name, text in {"s1/x.txt": ARTICLE, "s2/x.txt": OTHER, "y.txt": OTHER,
                       "y.html": f"<html><body><p>{ARTICLE}</p></body></html>"}.items():  # fmt: skip
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    summarizer.summarize_folder(folder, tmp_path / "out")
    records = [summarizer.BatchRecord.model_validate_json(line)
               for line in (tmp_path / "out" / "summaries.jsonl").read_text(encoding="utf-8").splitlines()]  # fmt: skip
    written = init_gold(records, tmp_path / "drafts")
    assert sorted(p.relative_to(tmp_path / "drafts").as_posix() for p in written) == [
        "s1/x.json", "s2/x.json", "y.html.json", "y.txt.json"
    ]  # fmt: skip
    report = evaluate(tmp_path / "out", tmp_path / "drafts")
    assert sorted(a.id for a in report.articles) == ["s1/x", "s2/x", "y.html", "y.txt"]
    assert report.overall == 1.0 and report.without_gold == []


def test_a_record_path_leaving_the_gold_folder_is_refused(tmp_path):
    bad = record("../../escape")
    with pytest.raises(ConfigError, match="not a path inside"):
        init_gold([bad], tmp_path / "drafts")
    assert not (tmp_path / "escape.json").exists()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_gold_with_nan_or_infinity_is_a_clear_error(tmp_path, constant):
    data = json.dumps(gold(numbers=[{"evidence": "312 đảng viên", "value": 312}]), ensure_ascii=False)
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "muong_hoa.json").write_text(data.replace("312}", f"{constant}}}"), encoding="utf-8")
    with pytest.raises(ConfigError, match=f"{constant} is not a number JSON allows"):
        evaluate([record()], tmp_path / "gold")


def test_a_huge_gold_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    gold_dir = write_gold(tmp_path / "gold", gold())
    path = gold_dir / "muong_hoa.json"
    with path.open("r+b") as fh:  # sparse: as big as a 144 MB file, without writing one
        fh.truncate(144 * 1024 * 1024)
    monkeypatch.setattr("pathlib.Path.read_text", lambda *a, **k: pytest.fail("the huge file was read"))
    with pytest.raises(ConfigError, match=f"over the {MAX_GOLD_BYTES:,}-byte limit"):
        evaluate([record()], gold_dir)
