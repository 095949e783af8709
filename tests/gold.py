"""Correct, grounded answers for some of the project's example articles (examples/articles), written by
hand. The capable-model stand-in answers with them: the traffic of a model that gets things right.

Every quote is the article's own text, so a test knows on its own where each item must be found.
"""

from __future__ import annotations

from typing import Any


def _finding(category: str, text: str, text_en: str, evidence: str) -> dict[str, Any]:
    return {"category": category, "text": text, "text_en": text_en, "evidence": evidence}


def _number(value: float | None, unit: str, metric: str, evidence: str, **extra: Any) -> dict[str, Any]:
    return {"value": value, "unit": unit, "metric": metric, "evidence": evidence, **extra}


GOLD: dict[str, dict[str, Any]] = {
    "02_lung_cu_ha_giang.txt": {
        "relevant": True,
        "locality": {"province": "Hà Giang", "district": "Đồng Văn", "commune": "Lũng Cú"},
        "difficulties": [
            _finding("low_education", "Nhiều quần chúng chưa học hết THCS", "Many candidates lack lower "
                     "secondary schooling", "nhiều quần chúng chưa tốt nghiệp trung học cơ sở"),
            _finding("youth_migration", "Thanh niên đi làm thuê xa", "Young people work far away",
                     "thanh niên đi làm thuê ở xa"),
            _finding("weak_party_cells", "Một số chi bộ sinh hoạt chưa nền nếp", "Some cells meet irregularly",
                     "một số chi bộ sinh hoạt chưa nền nếp"),
        ],
        "solutions": [
            _finding("candidate_screening", "Lập danh sách quần chúng ưu tú", "A list of promising candidates",
                     "lập danh sách 45 quần chúng ưu tú trong các thôn"),
            _finding("assign_mentors", "Mỗi đảng viên giúp đỡ một quần chúng", "Each member mentors a candidate",
                     "phân công mỗi đảng viên giúp đỡ ít nhất 1 quần chúng"),
        ],
        "numeric_results": [
            _number(None, "đảng viên", "members_admitted", "chỉ kết nạp được 2 - 3 đảng viên",
                    value_min=2, value_max=3, period="mỗi năm, những năm trước"),
            _number(45, "quần chúng ưu tú", "other", "lập danh sách 45 quần chúng ưu tú"),
            _number(9, "đảng viên", "members_admitted", "kết nạp được 9 đảng viên", period="Năm 2022"),
            _number(126, "đảng viên", "members_total", "nâng tổng số đảng viên toàn xã lên 126 đồng chí"),
        ],
        "summary_vi": "Xã Lũng Cú lập danh sách quần chúng ưu tú và phân công đảng viên giúp đỡ; năm 2022 kết "
                      "nạp 9 đảng viên, không còn thôn chưa có đảng viên.",
        "summary_en": "Lũng Cú commune listed promising candidates and paired them with members; in 2022 it "
                      "admitted 9 members and no village is left without one.",
    },
    "06_ta_xi_lang_lao_cai.txt": {
        "relevant": True,
        "locality": {"province": "Lào Cai", "district": None, "commune": "Tà Xi Láng"},
        "difficulties": [
            _finding("remote_area", "Địa bàn rộng, đi lại vất vả", "A wide area that is hard to travel",
                     "địa bàn rộng, giao thông đi lại vất vả"),
        ],
        "solutions": [
            _finding("targets_assigned", "Giao chỉ tiêu kết nạp cho chi bộ", "Admission targets for each cell",
                     "giao chỉ tiêu kết nạp cho 18 chi bộ"),
            _finding("assign_mentors", "Cán bộ xã kèm cặp quần chúng ưu tú", "Commune officials mentor "
                     "candidates", "phân công đảng viên là cán bộ, công chức xã kèm cặp quần chúng ưu tú"),
        ],
        "numeric_results": [
            _number(18, "chi bộ", "party_cells", "18 chi bộ trực thuộc"),
            _number(342, "đảng viên", "members_total", "342 đảng viên"),
            _number(16, "đảng viên", "members_admitted", "kết nạp được 16 đảng viên",
                    period="10 tháng đầu năm 2025"),
            _number(80, "%", "target_pct", "đạt 80% kế hoạch năm", period="10 tháng đầu năm 2025"),
        ],
        "summary_vi": "Xã Tà Xi Láng giao chỉ tiêu cho 18 chi bộ và phân công cán bộ kèm cặp quần chúng; 10 "
                      "tháng đầu năm 2025 kết nạp 16 đảng viên.",
        "summary_en": "Tà Xi Láng commune set targets for its 18 cells and paired officials with candidates; it "
                      "admitted 16 members in the first ten months of 2025.",
    },
    "01_lac_son_hoa_binh.txt": {
        "relevant": True,
        "locality": {"province": "Hòa Bình", "district": "Lạc Sơn", "commune": None},
        "difficulties": [
            _finding("youth_migration", "Thanh niên đi làm ăn xa", "Young people work in industrial zones",
                     "phần lớn thanh niên đi làm ăn xa ở các khu công nghiệp"),
            _finding("few_candidates", "Ít quần chúng ưu tú ở lại", "Few promising candidates stay",
                     "số quần chúng ưu tú ở lại địa phương không nhiều"),
        ],
        "solutions": [
            _finding("thematic_resolution", "Nghị quyết chuyên đề", "A dedicated resolution",
                     "ban hành nghị quyết chuyên đề về nâng cao chất lượng công tác phát triển đảng viên"),
            _finding("targets_assigned", "Giao chỉ tiêu cho từng chi bộ", "Targets for each cell",
                     "giao chỉ tiêu kết nạp cụ thể cho từng chi bộ"),
            _finding("training_classes", "Mở lớp bồi dưỡng", "Party awareness classes",
                     "mở 2 lớp bồi dưỡng nhận thức về Đảng cho 96 quần chúng ưu tú"),
        ],
        "numeric_results": [
            _number(52, "tổ chức cơ sở đảng", "party_orgs", "52 tổ chức cơ sở đảng"),
            _number(418, "chi bộ", "party_cells", "418 chi bộ trực thuộc"),
            _number(8214, "đảng viên", "members_total", "8.214 đảng viên"),
            _number(96, "quần chúng ưu tú", "candidates_trained", "96 quần chúng ưu tú", period="Năm 2021"),
            _number(12, "đảng viên", "members_admitted", "kết nạp được 12 đảng viên", period="Năm 2021"),
            _number(120, "%", "target_pct", "đạt 120% kế hoạch", period="Năm 2021"),
            _number(287, "đảng viên", "members_admitted", "kết nạp mới 287 đảng viên", period="năm 2021"),
            _number(104.4, "%", "target_pct", "đạt 104,4% chỉ tiêu", period="năm 2021"),
        ],
        "summary_vi": "Huyện Lạc Sơn ban hành nghị quyết chuyên đề và giao chỉ tiêu cho chi bộ; năm 2021 kết nạp "
                      "287 đảng viên, đạt 104,4% chỉ tiêu.",
        "summary_en": "Lạc Sơn district passed a dedicated resolution and set targets for its cells; in 2021 it "
                      "admitted 287 members, 104.4% of its target.",
    },
}  # fmt: skip


def _article_answer(article: str) -> dict[str, Any]:
    """The gold answer for the article (or part of one) a request carries, cut to the quotes in it; its
    place only when the part names it."""
    from summarizer.testing import grounded_in

    def found(answer: dict[str, Any]) -> int:
        return sum(i["evidence"] in article for k in ("difficulties", "solutions", "numeric_results")
                   for i in answer[k])  # fmt: skip

    best = max(GOLD.values(), key=found)
    if not found(best):
        raise LookupError("no gold answer for this article")
    answer = grounded_in(best, article)
    place = answer["locality"]
    if (place["commune"] or place["district"]) not in article:
        answer["locality"] = {"province": None, "district": None, "commune": None}
    return answer


def _repairable(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with its quotes mangled the way capable models do (case, spacing, punctuation), every
    one still recognisable in the article."""
    import copy
    import re

    mangled = copy.deepcopy(answer)
    for key in ("difficulties", "solutions", "numeric_results"):
        for item in mangled[key]:
            item["evidence"] = re.sub(r",? ", "  ", item["evidence"]).upper() + "."
    return mangled


def gold_model() -> Any:
    """The capable-model stand-in, as a function of the request: the request's model name picks how it
    behaves (``gold``: right first time; ``gold-repair``: quotes in the wrong case and spacing;
    ``gold-reask``: an invented quote, then right when re-asked; ``gold-salvage``: an invented quote
    every time; ``gold-429``: rate-limited once per request, then right)."""
    from summarizer.testing import rate_limited, ungrounded

    limited: set[str] = set()

    def answer(request: Any) -> Any:
        import json

        right = _article_answer(request.article)
        kind = request.model.removeprefix("gold").removeprefix("-") or "right"
        if kind == "repair":
            return _repairable(right)
        if kind == "reask":
            return right if request.is_reask else ungrounded(right)
        if kind == "salvage":
            return ungrounded(right)
        if kind == "429":
            body = json.dumps(request.body, sort_keys=True)
            if body not in limited:
                limited.add(body)
                return rate_limited(retry_after=0)
        return right

    return answer
