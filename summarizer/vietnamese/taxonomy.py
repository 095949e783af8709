"""The bilingual taxonomy of difficulties and solutions, in one place.

Each category has a code (what records store), a Vietnamese and an English label (what briefs and the
offline engine's ``text_en`` show), and the cue patterns the offline engine recognises it by. Cues are
regular expressions over lower-cased NFC text; the first category with the most cue hits wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from ..models import NumericResult
from .numbers import format_number
from .text import one_of, strip_marks, tone_norm

Kind = Literal["difficulty", "solution"]


@dataclass(frozen=True)
class Category:
    code: str
    kind: Kind
    label_vi: str
    label_en: str
    cues: tuple[str, ...]
    #: Cues that name the category outright: a hit counts twice ("lý lịch" makes a clause about background
    #: checks even when it also names a place far away).
    strong: tuple[str, ...] = ()


_C = Category
CATEGORIES: tuple[Category, ...] = (
    # --- difficulties ---------------------------------------------------------------------------
    _C("youth_migration", "difficulty", "Thanh niên đi làm ăn xa", "Young people work away from home",
       (r"làm ăn xa", r"đi làm xa", r"xuất khẩu lao động", r"thoát ly", r"đi làm (?:ăn )?ở", r"lao động (?:ngoài|xa)",
        r"làm thuê", r"(?:làm|đi làm) công nhân", r"rời (?:khỏi )?địa phương", r"ở nhà không lâu", r"đi biền biệt",
        r"(?:ít|không) (?:quay )?(?:trở )?(?:lại|về)(?: địa phương| quê)?$", r"sáng đi tối về", r"chỉ về quê",
        r"khu công nghiệp.{0,40}(?:ngoài|xa)", r"chuyển sang (?:công ty|doanh nghiệp|nơi|chỗ) khác", r"(?:xuống|lên|ra|vào) [^,]{1,40}(?:làm công nhân|làm việc|học đại học)")),
    _C("few_candidates", "difficulty", "Thiếu nguồn kết nạp", "Few candidates for admission",
       (r"thiếu nguồn", r"nguồn\b.{0,40}(?:hạn chế|khan hiếm|ít|mỏng|chưa đồng đều|khó khăn|gặp khó)", r"ít quần chúng",
        r"(?:tạo nguồn|gặp khó).{0,40}(?:khó|tạo nguồn)", r"chỉ kết nạp được", r"mất (?:gần )?hết nguồn",
        r"(?:thôn|bản|ấp|xóm)\b[^,]{0,40}không kết nạp được", r"chỉ phát hiện được", r"đội ngũ kế cận",
        r"đã được (?:xem xét )?kết nạp ở")),
    _C("low_education", "difficulty", "Trình độ học vấn thấp", "Low level of education",
       (r"trình độ (?:văn hóa|học vấn|dân trí).{0,40}(?:thấp|hạn chế)", r"chưa tốt nghiệp", r"mù chữ",
        r"(?:học|chưa học) hết (?:tiểu học|trung học cơ sở|lớp)", r"bỏ học sớm", r"nghỉ học sớm")),
    _C("low_motivation", "difficulty", "Quần chúng chưa có động cơ phấn đấu", "Little motivation to join the Party",
       (r"chưa có động cơ", r"ngại phấn đấu", r"không muốn vào đảng", r"thiếu động lực", r"chưa thiết tha",
        r"rụt rè", r"tự ti", r"e ngại", r"ngại (?:học|khai|đăng ký|rèn)", r"(?:nghĩ|cho rằng) (?:việc )?vào đảng",
        r"chưa (?:thực sự |thật sự )?(?:mong muốn|quan tâm đến việc phấn đấu)", r"không (?:thật )?cần thiết",
        r"chưa mạnh dạn đăng ký", r"ít quan tâm (?:đến )?việc phấn đấu", r"chưa mặn mà")),
    _C("weak_party_cells", "difficulty", "Cấp ủy, chi bộ còn yếu", "Weak Party committees and cells",
       (r"(?:cấp ủy|chi bộ|năng lực).{0,30}(?:còn )?yếu", r"sinh hoạt ghép", r"chưa có (?:chi bộ|đảng viên)",
        r"ít đảng viên", r"chưa (?:nền|nề) nếp", r"chưa được quan tâm", r"chưa quan tâm", r"tỷ lệ đảng viên.{0,10}(?:ít|thấp)",
        r"đảng viên dự bị", r"xóa tên", r"tuổi cao", r"nghỉ hưu", r"hưu trí", r"đơn điệu", r"kiêm nhiệm", r"bám (?:cơ sở|dân)",
        r"giậm chân tại chỗ", r"quy mô (?:các )?chi bộ", r"kiện toàn lại", r"chững lại", r"dưới \d+ tuổi",
        r"không có đảng viên mới", r"chạy theo số lượng", r"còn hình thức"),
       strong=(r"(?:cấp ủy|chi bộ|bí thư)[^.;]{0,40}(?:ngại khó|trông chờ|lúng túng|chưa (?:thực sự |thật sự )?(?:quan tâm|chủ động|mạnh dạn|làm tốt))",
               r"chi bộ\b[^,]{0,40}(?:không|chưa) kết nạp được")),
    _C("poverty", "difficulty", "Đời sống, kinh tế khó khăn", "Hard living conditions",
       (r"đời sống.{0,30}khó khăn", r"hộ nghèo", r"kinh tế.{0,20}khó khăn", r"thu nhập (?:thấp|bấp bênh)",
        r"thiếu đất", r"lo cái ăn", r"mưu sinh")),
    _C("remote_area", "difficulty", "Địa bàn vùng cao, vùng sâu, dân cư phân tán", "Remote, scattered area",
       (r"vùng cao", r"vùng sâu", r"vùng xa", r"(?:xã|vùng|khu vực) biên giới", r"dân cư.{0,10}(?:không tập trung|phân tán|thưa)",
        r"địa bàn.{0,10}(?:rộng|phức tạp)", r"chia cắt", r"rải rác", r"cách (?:xa|trung tâm)", r"sạt lở", r"đường đất",
        r"đi lại.{0,10}khó", r"gió chướng", r"tàu.{0,20}không chạy", r"phân tán")),
    _C("ethnic_religious", "difficulty", "Đặc thù dân tộc, tôn giáo", "Ethnic and religious specifics",
       (r"tôn giáo", r"giáo dân", r"phong tục", r"tập quán", r"dân tộc thiểu số", r"tảo hôn", r"cận huyết", r"chùa",
        r"tu học", r"hoàn tục", r"tiếng (?:việt|phổ thông)", r"bất đồng ngôn ngữ")),
    _C("background_checks", "difficulty", "Khó thẩm tra lý lịch", "Background checks are hard",
       (r"yếu tố nước ngoài", r"người thân.{0,30}(?:nước ngoài|di cư|xuất cảnh|vi phạm|ma túy)", r"thân nhân",
        r"xuất cảnh trái phép", r"hồ sơ.{0,20}kéo dài"),
       strong=(r"thẩm tra", r"xác minh", r"lý lịch")),
    _C("covid", "difficulty", "Ảnh hưởng dịch bệnh", "Disruption by the epidemic",
       (r"covid", r"dịch bệnh", r"đại dịch", r"đợt dịch", r"giãn cách")),
    _C("owner_reluctance", "difficulty", "Chủ doanh nghiệp chưa tạo điều kiện", "Enterprise owners are reluctant",
       (), strong=(r"chủ (?:doanh nghiệp|sử dụng lao động)[^.;]{0,40}(?:chưa|không)",)),
    _C("general_difficulty", "difficulty", "Khó khăn, hạn chế chung", "General difficulties",
       (r"khó khăn", r"vướng mắc", r"hạn chế", r"bất cập", r"chưa đạt", r"giảm sút")),
    # --- solutions ------------------------------------------------------------------------------
    _C("thematic_resolution", "solution", "Ban hành nghị quyết, chỉ thị chuyên đề", "Dedicated resolutions and directives",
       (r"nghị quyết", r"chỉ thị", r"ban hành")),
    _C("plans", "solution", "Xây dựng kế hoạch phát triển đảng viên", "Admission plans",
       (r"kế hoạch", r"đề án", r"chương trình hành động"),
       strong=(r"(?:ban hành|xây dựng) (?:các )?(?:kế hoạch|đề án)",)),
    _C("targets_assigned", "solution", "Giao chỉ tiêu kết nạp", "Admission targets assigned",
       (r"giao chỉ tiêu", r"chỉ tiêu", r"mục tiêu(?! quốc gia)", r"trở lên", r"ít nhất"),
       strong=(r"phấn đấu.{0,60}(?:kết nạp|không còn|đạt)", r"mỗi (?:năm|chi bộ)[^,]{0,30}kết nạp",
               r"không (?:còn|để) (?:\w+ )?(?:chi bộ|thôn|bản|ấp|xóm)", r"thành lập mới \d")),
    _C("training_classes", "solution", "Mở lớp bồi dưỡng nhận thức về Đảng", "Party awareness classes",
       (r"lớp bồi dưỡng", r"mở (?:các |\d+ ?)?lớp", r"bồi dưỡng nhận thức", r"học lớp", r"tập huấn", r"lớp học",
        r"(?:bố trí|thời gian|lịch) học", r"học viên", r"giảng", r"báo cáo viên", r"trung tâm (?:bồi dưỡng )?chính trị")),
    _C("assign_mentors", "solution", "Phân công đảng viên giúp đỡ quần chúng", "Party members assigned as mentors",
       (r"phân công.{0,60}(?:phụ trách|theo dõi|giúp đỡ|dự)", r"giúp đỡ", r"kèm cặp", r"dìu dắt", r"kèm (?:một|\d)",
        r"đến tận nhà"),
       strong=(r"(?:đảng ủy viên|đảng viên) phụ trách",)),
    _C("staff_deployment", "solution", "Điều động, tăng cường cán bộ về cơ sở", "Cadres sent to the grassroots",
       (r"điều động", r"tăng cường cán bộ", r"luân chuyển", r"chuyển sinh hoạt", r"biệt phái", r"về tăng cường",
        r"tăng cường cho", r"tham gia ban chấp hành"),
       strong=(r"(?:tham gia|về|duy trì) [^,]{0,20}sinh hoạt (?:tại|ở) (?:các |\d+/\d+ )?chi bộ",
               r"cử (?:cán bộ|đảng viên)[^,]{0,30}(?:về|tham gia|sinh hoạt)")),
    _C("steering_committee", "solution", "Kiện toàn ban chỉ đạo", "Steering committee strengthened",
       (r"ban chỉ đạo", r"kiện toàn"), strong=(r"tổ công tác",)),
    _C("mass_organisations", "solution", "Phát huy vai trò các đoàn thể", "Mass organisations involved",
       (r"hội (?:phụ nữ|nông dân|cựu chiến binh)", r"hội viên", r"mặt trận"),
       strong=(r"đoàn thể", r"đoàn thanh niên", r"công đoàn", r"chi đoàn", r"đoàn trường", r"liên đoàn lao động")),
    _C("candidate_screening", "solution", "Rà soát, lựa chọn, giới thiệu quần chúng ưu tú", "Screening and selecting candidates",
       (r"rà soát", r"danh sách", r"lựa chọn", r"giới thiệu", r"phát hiện", r"thẩm tra", r"xác minh", r"lý lịch",
        r"hồ sơ", r"rút ngắn thời gian", r"đưa vào diện", r"ưu tiên bồi dưỡng", r"(?<!lựa )chọn")),
    _C("target_groups", "solution", "Tập trung vào nhóm đối tượng trọng điểm", "Focus on key groups",
       (r"tập trung vào", r"dân quân", r"quân nhân", r"nghĩa vụ quân sự", r"đoàn viên ưu tú", r"giáo viên",
        r"làm điểm", r"lao động trẻ", r"đang sinh sống", r"trường (?:đại học|cao đẳng)"),
       strong=(r"chú trọng (?:những |các )?(?:phát triển đảng viên trong )?(?:bác sĩ|kỹ sư|công nhân|trí thức|học sinh|sinh viên|thanh niên|nữ|người)",
               r"(?:đảng viên|kết nạp) trong (?:công nhân|thanh niên|trí thức|học sinh|sinh viên|doanh nghiệp)")),
    _C("propaganda", "solution", "Tuyên truyền, vận động", "Outreach and persuasion",
       (r"tuyên truyền", r"vận động", r"giáo dục", r"tài liệu", r"loa", r"động viên", r"trò chuyện",
        r"đến từng (?:gia đình|nhà|hộ)", r"gặp gỡ")),
    _C("cell_activities", "solution", "Đổi mới sinh hoạt chi bộ", "Better Party cell meetings",
       (r"sinh hoạt chi bộ", r"nội dung sinh hoạt", r"buổi sinh hoạt", r"chất lượng sinh hoạt",
        r"sinh hoạt (?:chuyên đề|trực tuyến|theo ca)", r"tổ chức sinh hoạt", r"linh hoạt")),
    _C("emulation_movements", "solution", "Phát động phong trào thi đua", "Emulation movements",
       (r"phong trào", r"thi đua", r"khen thưởng", r"biểu dương", r"hỗ trợ \d+ (?:triệu|nghìn)")),
    _C("new_party_cells", "solution", "Thành lập chi bộ, tổ chức đảng mới", "New Party cells set up",
       (r"thành lập (?:mới )?(?:các |\d+ )?(?:chi bộ|tổ chức (?:cơ sở )?đảng)", r"chi bộ độc lập", r"tách chi bộ")),
    _C("leadership", "solution", "Tăng cường lãnh đạo, chỉ đạo", "Stronger leadership and direction",
       (r"lãnh đạo", r"chỉ đạo", r"đẩy mạnh", r"quan tâm")),
)  # fmt: skip

BY_CODE = {c.code: c for c in CATEGORIES}
GENERAL = {"difficulty": "general_difficulty", "solution": "leadership"}


def _weighted(cat: Category, fold: bool) -> tuple[tuple[re.Pattern[str], int], ...]:
    """Each cue of ``cat`` compiled (folded for text typed without diacritics), with the hits it counts."""
    form = strip_marks if fold else str
    return tuple((re.compile(form(p)), w) for ps, w in ((cat.cues, 1), (cat.strong, 2)) for p in ps)


_COMPILED = {c.code: _weighted(c, False) for c in CATEGORIES}
_FOLDED = {c.code: _weighted(c, True) for c in CATEGORIES}
# Per kind and form, every cue of its specific categories in one alternation: a clause is short, so one
# scan of it beats one call per cue (measured: about twice as fast); merged on the cues' common leading
# letters (one_of), a fifth faster again.
_SPECIFIC = {
    (kind, plain): re.compile(one_of("|".join(rx.pattern for c in CATEGORIES
                                              if c.kind == kind and c.code != GENERAL[kind]
                                              for rx, _ in (_FOLDED if plain else _COMPILED)[c.code])))
    for kind in ("difficulty", "solution") for plain in (False, True)
}  # fmt: skip


@cache  # compiled when first asked for, not at import (about 25 ms for them all)
def _any_cue(code: str, plain: bool) -> re.Pattern[str]:
    """All the cues of one category in one alternation: a clause holds cues of few categories, and one
    scan tells which (the cues of those are then counted one by one)."""
    return re.compile(one_of("|".join(rx.pattern for rx, _ in (_FOLDED if plain else _COMPILED)[code])))


_GENERAL_EDUCATION = re.compile(r"bo tuc|xoa mu chu|pho cap giao duc")  # matched folded


@lru_cache(maxsize=4096)
def categorize(text: str, kind: Kind) -> str:
    """The best-matching category code of ``kind`` for a clause (falls back to the general one): the
    category whose cues hit most (a strong cue counts twice), the first listed on a tie."""
    lowered = tone_norm(text)  # cues are written with new-style tone placement ("hóa", "ủy")
    plain = lowered.isascii()  # typed without diacritics
    cues = _FOLDED if plain else _COMPILED
    best, best_hits = GENERAL[kind], 0
    for cat in CATEGORIES:
        if cat.kind != kind or cat.code == GENERAL[kind] or not _any_cue(cat.code, plain).search(lowered):
            continue
        hits = sum(w for rx, w in cues[cat.code] if rx.search(lowered))
        if hits and cat.code == "training_classes" and _GENERAL_EDUCATION.search(strip_marks(lowered)):
            hits = 0  # a general-education class ("lớp bổ túc văn hóa") is no Party awareness class
        if hits > best_hits:
            best, best_hits = cat.code, hits
    return best


def specific_cues(text: str) -> tuple[bool, bool]:
    """:func:`has_specific_cue` for a difficulty and for a solution at once (the text read once)."""
    lowered = tone_norm(text)
    plain = lowered.isascii()
    return (_SPECIFIC["difficulty", plain].search(lowered) is not None,
            _SPECIFIC["solution", plain].search(lowered) is not None)  # fmt: skip


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
