"""The LLM path on today's articles: a capable model's correct place costs one call, also when the
article has no diacritics; a place the article does not name is still re-asked and never kept."""

from __future__ import annotations

import copy

from engines.test_llm import engine
from responder import Script, completion

from summarizer.clean import clean
from summarizer.pipeline import run_engine

# Written for this test: a repost without diacritics.
PLAIN_ARTICLE = clean(
    "Repost: Dang bo huyen Huong Hoa ket nap dang vien tre\n\n"
    "Nam 2024, Dang bo huyen Huong Hoa, tinh Quang Tri ket nap 120 dang vien moi. Kho khan lon nhat la "
    "nhieu thanh nien di lam an xa. Huyen uy Huong Hoa giao chi tieu ket nap cho tung chi bo va mo 4 lop "
    "boi duong nhan thuc ve Dang cho 200 quan chung uu tu.\n"
)
PLAIN_ANSWER = {
    "relevant": True,
    "locality": {"province": "Quảng Trị", "district": "Hướng Hóa", "commune": None},
    "difficulties": [{"category": "youth_migration", "text": "Thanh niên đi làm ăn xa",
                      "evidence": "nhieu thanh nien di lam an xa"}],
    "solutions": [{"category": "training_classes", "text": "Mở lớp bồi dưỡng",
                   "evidence": "mo 4 lop boi duong nhan thuc ve Dang cho 200 quan chung uu tu"}],
    "numeric_results": [{"value": 120, "unit": "đảng viên", "metric": "members_admitted",
                         "evidence": "ket nap 120 dang vien moi"}],
    "summary_vi": "Hướng Hóa kết nạp 120 đảng viên.",
    "summary_en": "Hướng Hóa admitted 120 members.",
}  # fmt: skip


def test_the_official_name_of_a_place_written_without_marks_is_accepted_at_once():
    script = Script(completion(PLAIN_ANSWER))
    result = run_engine(engine(script), PLAIN_ARTICLE)
    assert len(script.requests) == 1 and result.attempts == 1
    s = result.summary
    assert (s.locality.province, s.locality.district, s.locality.level) == (
        "Quảng Trị",
        "Hướng Hóa",
        "district",
    )
    assert s.locality.evidence == "huyen Huong Hoa"  # the article's own characters
    assert PLAIN_ARTICLE.text[s.locality.span[0] : s.locality.span[1]] == s.locality.evidence
    assert s.has_diacritics is False
    assert [n.value for n in s.numeric_results] == [120] and s.solutions and s.difficulties


def test_a_province_the_plain_article_never_names_is_reasked_and_never_kept():
    wrong = copy.deepcopy(PLAIN_ANSWER)
    wrong["locality"] = {"province": "Cà Mau", "district": None, "commune": None}
    script = Script(completion(wrong), completion(PLAIN_ANSWER))
    result = run_engine(engine(script), PLAIN_ARTICLE)
    assert len(script.requests) == 2
    assert "'Cà Mau' is not named in this article" in script.requests[1]["messages"][-1]["content"]
    assert result.summary.locality.province == "Quảng Trị"


def test_a_district_the_plain_article_never_names_is_never_kept():
    wrong = copy.deepcopy(PLAIN_ANSWER)
    wrong["locality"] = {"province": "Cà Mau", "district": "Cà Mau", "commune": None}
    script = Script(completion(wrong))
    result = run_engine(engine(script, max_retries=1), PLAIN_ARTICLE)
    assert "'Cà Mau' is not named in this article" in script.requests[1]["messages"][-1]["content"]
    assert (result.summary.locality.province, result.summary.locality.district) == ("Quảng Trị", "Hướng Hóa")


def test_a_post_2025_commune_is_accepted_at_once_with_what_it_was_formed_from():
    article = clean(
        "Xã Phong Nha phát triển đảng viên\n\n"
        "Năm 2025, Đảng ủy xã Phong Nha, tỉnh Quảng Trị, trước đây thuộc huyện Bố Trạch, tỉnh Quảng Bình, kết "
        "nạp 10 đảng viên mới. Khó khăn lớn nhất là nhiều thanh niên đi làm ăn xa. Đảng ủy xã mở lớp bồi "
        "dưỡng nhận thức về Đảng cho 28 quần chúng.\n"
    )
    answer = copy.deepcopy(PLAIN_ANSWER)
    answer.update(
        locality={"province": "Quảng Trị", "district": None, "commune": "Phong Nha"},
        difficulties=[{"category": "youth_migration", "evidence": "nhiều thanh niên đi làm ăn xa"}],
        solutions=[{"category": "training_classes", "evidence": "mở lớp bồi dưỡng nhận thức về Đảng"}],
        numeric_results=[{"value": 10, "metric": "members_admitted", "evidence": "kết nạp 10 đảng viên mới"}],
    )
    script = Script(completion(answer))
    result = run_engine(engine(script), article)
    assert len(script.requests) == 1
    loc = result.summary.locality
    assert (loc.province, loc.district, loc.commune, loc.level) == ("Quảng Trị", None, "Phong Nha", "commune")
    assert ("Quảng Bình", "Bố Trạch") in {(f.province, f.district) for f in loc.formerly}
    assert loc.evidence == "xã Phong Nha" and result.summary.has_diacritics is True
