"""The bilingual taxonomy of difficulties and solutions, in one place.

Each category has a code (what records store), a Vietnamese and an English label (what briefs and the
offline engine's ``text_en`` show), and the cue patterns the offline engine recognises it by. Cues are
regular expressions over lower-cased NFC text; the first category with the most cue hits wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..models import NumericResult
from .numbers import format_number
from .text import strip_marks, tone_norm

Kind = Literal["difficulty", "solution"]


@dataclass(frozen=True)
class Category:
    code: str
    kind: Kind
    label_vi: str
    label_en: str
    cues: tuple[str, ...]


_C = Category
CATEGORIES: tuple[Category, ...] = (
    # --- difficulties ---------------------------------------------------------------------------
    _C("youth_migration", "difficulty", "Thanh niên đi làm ăn xa", "Young people work away from home",
       (r"làm ăn xa", r"đi làm xa", r"xuất khẩu lao động", r"thoát ly", r"đi làm (?:ăn )?ở", r"lao động (?:ngoài|xa)", r"làm thuê")),
    _C("few_candidates", "difficulty", "Thiếu nguồn kết nạp", "Few candidates for admission",
       (r"thiếu nguồn", r"nguồn\b.{0,40}(?:hạn chế|khan hiếm|ít)", r"ít quần chúng", r"tạo nguồn.{0,40}khó khăn")),
    _C("low_education", "difficulty", "Trình độ học vấn thấp", "Low level of education",
       (r"trình độ (?:văn hóa|học vấn|dân trí).{0,20}(?:thấp|hạn chế)", r"chưa tốt nghiệp", r"mù chữ")),
    _C("low_motivation", "difficulty", "Quần chúng chưa có động cơ phấn đấu", "Little motivation to join the Party",
       (r"chưa có động cơ", r"ngại phấn đấu", r"không muốn vào đảng", r"thiếu động lực", r"chưa mặn mà", r"chưa thiết tha")),
    _C("weak_party_cells", "difficulty", "Cấp ủy, chi bộ còn yếu", "Weak Party committees and cells",
       (r"(?:cấp ủy|chi bộ|năng lực).{0,30}(?:còn )?yếu", r"sinh hoạt ghép", r"chưa có (?:chi bộ|đảng viên)",
        r"ít đảng viên", r"chưa (?:nền|nề) nếp", r"chưa được quan tâm", r"chưa quan tâm", r"tỷ lệ đảng viên.{0,10}(?:ít|thấp)")),
    _C("poverty", "difficulty", "Đời sống, kinh tế khó khăn", "Hard living conditions",
       (r"đời sống.{0,30}khó khăn", r"hộ nghèo", r"kinh tế.{0,20}khó khăn", r"thu nhập thấp")),
    _C("remote_area", "difficulty", "Địa bàn vùng cao, vùng sâu, dân cư phân tán", "Remote, scattered area",
       (r"vùng cao", r"vùng sâu", r"vùng xa", r"biên giới", r"dân cư.{0,10}(?:không tập trung|phân tán|thưa)",
        r"địa bàn.{0,10}(?:rộng|phức tạp)")),
    _C("ethnic_religious", "difficulty", "Đặc thù dân tộc, tôn giáo", "Ethnic and religious specifics",
       (r"tôn giáo", r"giáo dân", r"phong tục", r"tập quán", r"dân tộc thiểu số")),
    _C("background_checks", "difficulty", "Khó thẩm tra lý lịch", "Background checks are hard",
       (r"thẩm tra.{0,30}(?:khó|chậm|vướng)", r"lý lịch.{0,30}(?:phức tạp|khó)", r"yếu tố nước ngoài")),
    _C("covid", "difficulty", "Ảnh hưởng dịch bệnh", "Disruption by the epidemic", (r"covid", r"dịch bệnh", r"đại dịch")),
    _C("general_difficulty", "difficulty", "Khó khăn, hạn chế chung", "General difficulties",
       (r"khó khăn", r"vướng mắc", r"hạn chế", r"bất cập", r"chưa đạt", r"giảm sút")),
    # --- solutions ------------------------------------------------------------------------------
    _C("thematic_resolution", "solution", "Ban hành nghị quyết, chỉ thị chuyên đề", "Dedicated resolutions and directives",
       (r"nghị quyết", r"chỉ thị", r"ban hành")),
    _C("plans", "solution", "Xây dựng kế hoạch phát triển đảng viên", "Admission plans",
       (r"kế hoạch", r"đề án", r"chương trình hành động")),
    _C("targets_assigned", "solution", "Giao chỉ tiêu kết nạp", "Admission targets assigned",
       (r"giao chỉ tiêu", r"chỉ tiêu", r"phấn đấu kết nạp", r"mục tiêu")),
    _C("training_classes", "solution", "Mở lớp bồi dưỡng nhận thức về Đảng", "Party awareness classes",
       (r"lớp bồi dưỡng", r"mở (?:các |\d+ ?)?lớp", r"bồi dưỡng nhận thức", r"học lớp", r"tập huấn")),
    _C("assign_mentors", "solution", "Phân công đảng viên giúp đỡ quần chúng", "Party members assigned as mentors",
       (r"phân công.{0,60}(?:phụ trách|theo dõi|giúp đỡ|dự)", r"giúp đỡ", r"kèm cặp", r"dìu dắt")),
    _C("staff_deployment", "solution", "Điều động, tăng cường cán bộ về cơ sở", "Cadres sent to the grassroots",
       (r"điều động", r"tăng cường cán bộ", r"luân chuyển", r"chuyển sinh hoạt", r"biệt phái")),
    _C("steering_committee", "solution", "Kiện toàn ban chỉ đạo", "Steering committee strengthened",
       (r"ban chỉ đạo", r"kiện toàn")),
    _C("candidate_screening", "solution", "Rà soát, lựa chọn, giới thiệu quần chúng ưu tú", "Screening and selecting candidates",
       (r"rà soát", r"danh sách", r"lựa chọn", r"giới thiệu", r"phát hiện")),
    _C("target_groups", "solution", "Tập trung vào nhóm đối tượng trọng điểm", "Focus on key groups",
       (r"tập trung vào", r"dân quân", r"quân nhân", r"nghĩa vụ quân sự", r"đoàn viên ưu tú", r"giáo viên")),
    _C("mass_organisations", "solution", "Phát huy vai trò các đoàn thể", "Mass organisations involved",
       (r"đoàn thể", r"đoàn thanh niên", r"hội (?:phụ nữ|nông dân|cựu chiến binh)", r"hội viên", r"mặt trận")),
    _C("propaganda", "solution", "Tuyên truyền, vận động", "Outreach and persuasion",
       (r"tuyên truyền", r"vận động", r"giáo dục")),
    _C("cell_activities", "solution", "Đổi mới sinh hoạt chi bộ", "Better Party cell meetings",
       (r"sinh hoạt chi bộ", r"nội dung sinh hoạt", r"buổi sinh hoạt", r"chất lượng sinh hoạt")),
    _C("emulation_movements", "solution", "Phát động phong trào thi đua", "Emulation movements",
       (r"phong trào", r"thi đua")),
    _C("leadership", "solution", "Tăng cường lãnh đạo, chỉ đạo", "Stronger leadership and direction",
       (r"lãnh đạo", r"chỉ đạo", r"đẩy mạnh", r"quan tâm")),
)  # fmt: skip

BY_CODE = {c.code: c for c in CATEGORIES}
GENERAL = {"difficulty": "general_difficulty", "solution": "leadership"}
_COMPILED = {c.code: tuple(re.compile(p) for p in c.cues) for c in CATEGORIES}
# For text typed without diacritics: the same cues folded (offsets do not matter here, only hits).
_FOLDED = {c.code: tuple(re.compile(strip_marks(p)) for p in c.cues) for c in CATEGORIES}
# Per kind and form, every cue of its specific categories in one alternation: a clause is short, so one
# scan of it beats one call per cue (measured: about twice as fast).
_SPECIFIC = {
    (kind, plain): re.compile("|".join(f"(?:{rx.pattern})" for c in CATEGORIES
                                       if c.kind == kind and c.code != GENERAL[kind]
                                       for rx in (_FOLDED if plain else _COMPILED)[c.code]))
    for kind in ("difficulty", "solution") for plain in (False, True)
}  # fmt: skip
_GENERAL_EDUCATION = re.compile(r"bo tuc|xoa mu chu|pho cap giao duc")  # matched folded


@lru_cache(maxsize=4096)
def categorize(text: str, kind: Kind) -> str:
    """The best-matching category code of ``kind`` for a clause (falls back to the general one)."""
    lowered = tone_norm(text)  # cues are written with new-style tone placement ("hóa", "ủy")
    plain = lowered.isascii()  # typed without diacritics
    cues = _FOLDED if plain else _COMPILED
    best, best_hits = GENERAL[kind], 0
    for cat in CATEGORIES:
        if cat.kind != kind or cat.code == GENERAL[kind]:
            continue
        hits = sum(1 for rx in cues[cat.code] if rx.search(lowered))
        if hits and cat.code == "training_classes" and _GENERAL_EDUCATION.search(strip_marks(lowered)):
            hits = 0  # a general-education class ("lớp bổ túc văn hóa") is no Party awareness class
        if hits > best_hits:
            best, best_hits = cat.code, hits
    return best


def has_specific_cue(text: str, kind: Kind) -> bool:
    """Whether some category of ``kind`` other than the general one has a cue in ``text`` (the first hit
    answers; what :func:`categorize` would not answer with the general category, save for general-education classes)."""
    lowered = tone_norm(text)
    return _SPECIFIC[kind, lowered.isascii()].search(lowered) is not None


def label(code: str, lang: Literal["vi", "en"] = "vi") -> str:
    """Human label of a category code; unknown codes (from a model) are shown as they are."""
    cat = BY_CODE.get(code)
    if cat is None:
        return code.replace("_", " ")
    return cat.label_vi if lang == "vi" else cat.label_en


def codes(kind: Kind) -> list[str]:
    return [c.code for c in CATEGORIES if c.kind == kind]


# The metric vocabulary of the contract, with labels for briefs and summaries.
METRICS: dict[str, tuple[str, str]] = {
    "members_admitted": ("đảng viên được kết nạp", "new members admitted"),
    "members_total": ("tổng số đảng viên", "party members"),
    "target_pct": ("tỷ lệ đạt chỉ tiêu", "of the target"),
    "party_orgs": ("tổ chức đảng", "party organisations"),
    "party_cells": ("chi bộ", "party cells"),
    "candidates_trained": ("quần chúng ưu tú, học viên", "candidates trained"),
    "villages": ("thôn, bản", "villages"),
    "other": ("khác", "other"),
}


def metric_label(code: str, lang: Literal["vi", "en"] = "vi") -> str:
    vi, en = METRICS.get(code, (code.replace("_", " "),) * 2)
    return vi if lang == "vi" else en


def number_text(n: NumericResult, lang: Literal["vi", "en"] = "vi") -> str:
    """The value or range of a result, with its unit in Vietnamese ('3–4 đảng viên') and '%' in both
    (qualifiers are added by the reports, :mod:`summarizer.report.english`)."""
    if n.value is None:
        value = f"{format_number(n.value_min, lang)}–{format_number(n.value_max, lang)}"
    else:
        value = format_number(n.value, lang)
    if n.unit == "%":
        return f"{value}%"
    return f"{value} {n.unit}" if lang == "vi" and n.unit else value


def figure(n: NumericResult, lang: Literal["vi", "en"] = "vi") -> str:
    """A result as a short phrase: '12 đảng viên', '124,3%' / '12 new members admitted', '124.3% of the target'."""
    text = number_text(n, lang)
    if lang == "vi" or (n.unit == "%" and n.metric != "target_pct") or n.metric == "other":
        return text
    return f"{text} {metric_label(n.metric, 'en')}"
