"""The pipeline against summarizer's scripted model: no network, no key, no model."""

from __future__ import annotations

import copy

import newsroom

from summarizer.testing import INVENTED_QUOTE, rate_limited, ungrounded

ARTICLE = """Mường Tè chú trọng phát triển đảng viên ở bản vùng cao

Những năm qua, Đảng bộ huyện Mường Tè, tỉnh Lai Châu quan tâm tạo nguồn kết nạp ở các bản vùng cao.
Khó khăn lớn nhất là nhiều bản ở xa trung tâm, quần chúng ít có điều kiện học tập.
Huyện ủy giao chỉ tiêu kết nạp cho từng chi bộ và mở 4 lớp bồi dưỡng nhận thức về Đảng cho 180 quần chúng.
Năm 2023, Đảng bộ huyện Mường Tè kết nạp được 96 đảng viên mới.
"""

ANSWER = {
    "relevant": True,
    "locality": {"province": "Lai Châu", "district": "Mường Tè", "commune": None},
    "difficulties": [{"category": "remote_area", "text": "Bản ở xa trung tâm", "text_en": "Remote villages",
                      "evidence": "nhiều bản ở xa trung tâm"}],
    "solutions": [{"category": "targets_assigned", "text": "Giao chỉ tiêu cho chi bộ",
                   "text_en": "Targets for each cell", "evidence": "giao chỉ tiêu kết nạp cho từng chi bộ"}],
    "numeric_results": [{"value": 96, "unit": "đảng viên", "metric": "members_admitted", "period": "Năm 2023",
                         "evidence": "kết nạp được 96 đảng viên mới"}],
    "summary_vi": "Mường Tè kết nạp 96 đảng viên năm 2023.",
    "summary_en": "Mường Tè admitted 96 members in 2023.",
}  # fmt: skip


def test_a_right_answer_is_tallied(scripted_model):
    scripted_model.script(ANSWER)
    assert newsroom.tally([ARTICLE], engine=scripted_model.engine()) == {"Lai Châu": 96}
    assert scripted_model.calls == 1


def test_an_invented_figure_never_reaches_the_tally(scripted_model):
    spoiled = ungrounded(copy.deepcopy(ANSWER))
    spoiled["numeric_results"].append({"value": 500, "unit": "đảng viên", "metric": "members_admitted",
                                       "evidence": "kết nạp được 500 đảng viên"})  # fmt: skip
    scripted_model.script(spoiled)  # the model never corrects itself: the engine salvages
    assert newsroom.tally([ARTICLE], engine=scripted_model.engine(max_retries=1)) == {"Lai Châu": 96}
    assert scripted_model.calls == 2 and INVENTED_QUOTE in scripted_model.requests[1].feedback


def test_a_rate_limit_is_waited_out_not_re_asked(scripted_model):
    scripted_model.script(rate_limited(retry_after=5), ANSWER)
    assert newsroom.tally([ARTICLE], engine=scripted_model.engine()) == {"Lai Châu": 96}
    assert scripted_model.waits == [5.0] and not scripted_model.requests[1].is_reask


def test_a_folder_through_worker_processes(scripted_model, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(25):  # a batch this size forks worker processes: they reach the model over 127.0.0.1
        (folder / f"{i:02}.txt").write_text(ARTICLE.replace("Những năm qua,", f"Những năm qua ({i}),"))
    scripted_model.script(ANSWER)
    with scripted_model.serve() as base_url:
        settings = scripted_model.settings(base_url=base_url, workers=2)
        assert newsroom.tally_folder(folder, tmp_path / "out", settings) == {"Lai Châu": 96 * 25}
    assert scripted_model.calls == 25
