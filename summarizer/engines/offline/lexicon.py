"""The offline engine's Vietnamese vocabulary, in one place: the patterns that cut clauses, and the cues a
clause is scored on (difficulty words, negation, causes, plans, results, actions, context).

Patterns are lower case and are matched against the lower-cased text (``view``: case-insensitive matching
of Unicode is several times slower). Every pattern is compiled twice: as written and with its diacritics
folded (``strip_marks``), for articles typed without diacritics. Lowering and folding keep every offset, so
a match in the view has the same offsets in the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...vietnamese.text import WORD_END as _E
from ...vietnamese.text import WORD_START as _W
from ...vietnamese.text import lower_same_length, one_of, strip_marks

ACTION = (
    r"ban hành|xây dựng|giao|phân công|chỉ đạo|tập trung|phối hợp|mở|bồi dưỡng|tuyên truyền|"
    r"tổ chức (?:các |\d+ )?(?:lớp|hội nghị|buổi|cuộc|đợt)|"
    r"vận động|rà soát|kiện toàn|điều động|giới thiệu|quan tâm|đẩy mạnh|tăng cường|đổi mới|phát động|"
    r"lựa chọn|chọn|chuyển|thành lập|gửi|hướng dẫn|chú trọng|nâng cao|khắc phục|triển khai|thực hiện|"
    r"phát huy|duy trì|củng cố|tạo điều kiện|động viên|giúp đỡ|theo dõi|cử|đưa|gắn|hỗ trợ|yêu cầu|"
    r"đề nghị|kèm cặp|bố trí|ưu tiên|lập|xác định|đặt mục tiêu|phấn đấu|rút ngắn|kiểm tra|giám sát"
)

PATTERNS: dict[str, str] = {
    # --- clause boundaries ---------------------------------------------------------------------------
    "SPEECH": r"^.{0,160}?"
    + _W
    + r"(?:cho biết|chia sẻ|nhấn mạnh|khẳng định|thông tin|nhận định|nói)\s*[:,]\s*",
    "LEADING": (
        r"^(?:(?:bên cạnh đó|ngoài ra|đồng thời|trước hết|đặc biệt|theo đó|do vậy|do đó|vì vậy|hiện nay|"
        r"thời gian tới|thời gian qua|những năm qua|hằng năm|hàng năm|mới đây|trong đó|nhờ đó|qua đó|"
        r"tuy nhiên|tuy vậy|mặt khác|song|nhưng|để khắc phục|để tháo gỡ|"
        r"(?:trước|nắm bắt|xuất phát từ) (?:thực tế|thực trạng|tình hình) (?:đó|này|trên))"
        # (a word end: typed without diacritics "theo đó" is "theo do", the start of "theo dong chi")
        + _E
        + r"\s*,?\s*"
        # An enumeration's ordinal ("Một là, tăng cường...", "Thứ hai: ..."): the measure follows it.
        + r"|(?:(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười) là|thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám))\s*[,:]\s*)+"
    ),
    "CAUSE": one_of(
        # "Nguyên nhân của hạn chế trên, trước hết là A, B": the causes start after "là".
        words=r"nguyên nhân (?:của|dẫn đến) [^,.;]{1,40},\s*(?:trước hết |chủ yếu |một phần )?(?:là|do)|"
        r"nguyên nhân(?: chủ yếu| chính)?(?: là)?(?: do)?|một phần do|chủ yếu do",
        whole=False,
    )
    + r"\s+",
    "SPLIT_COORD": rf"\s+và\s+(?=(?:{ACTION}){_E})",
    # A comma before a measure's verb in a long enumeration ("rà soát nguồn ở từng thôn, phấn đấu mỗi năm
    # kết nạp ..."): only verbs that open a new measure, and only between substantial parts (see clauses).
    "SPLIT_LIST": (
        r",\s+(?=(?:phấn đấu|giao|phân công|chỉ đạo|lập|mở|rà soát|chú trọng|tập trung|phối hợp|ban hành|gắn|"
        r"cử|điều động|tăng cường|xây dựng|thành lập|bố trí|kiện toàn|đặt mục tiêu)" + _E + ")"
    ),
    # "Thực hiện Chỉ thị X, Đảng ủy đã phân công...": the directive is context, the measure follows the comma.
    # A goal that lists its targets after commas: they are one measure, as annotators mark them.
    "TARGET_OPEN": one_of(words="phấn đấu|đặt mục tiêu|mục tiêu|chỉ tiêu"),
    "FRAME_PREFIX": (
        r"(?:thực hiện|triển khai|quán triệt|trên cơ sở|căn cứ)\s[^.;]{0,200}?,\s*(?=[^,]*"
        + _W
        + r"(?:đã|đều|tiếp tục)\s)"
    ),
    "ENDS_WITH_ACTION": rf"(?:{ACTION})$",
    # --- cues a clause is scored on (see classify.FEATURES) ---------------------------------------------
    "DIFFICULTY_WORD": one_of(
        "khó khăn|hạn chế|vướng mắc|bất cập|trở ngại|điểm nghẽn|thách thức|lúng túng",
        words="ngại|e ngại|trông chờ|chạy theo|hình thức|tâm lý|chậm|khó",
    ),
    "SHORTAGE": one_of(
        # ("ít nhất" is a target's "at least"; "lâu dài", "lâu năm" are no delay)
        words="thiếu|mỏng|ít(?! nhất)|khan hiếm|không đủ|chưa đủ|không đáp ứng|thấp|yếu|kéo dài|mất nhiều thời gian|"
        "tốn kém|vất vả|rải rác|phân tán|chia cắt|thưa|sạt lở|cách xa|hạn hẹp|giảm sút|lâu(?! dài| năm)"
    ),
    "SOCIAL_PROBLEM": one_of(
        r"tảo hôn|ma túy|di cư|xuất cảnh|làm ăn xa|làm thuê|đi làm xa|xuất khẩu lao động|tăng ca|"
        r"thay đổi chỗ làm|hộ nghèo|mù chữ|chưa tốt nghiệp|chưa học hết|vi phạm|không ổn định|"
        r"trình độ (?:học vấn|dân trí|văn hóa)|nước ngoài|tôn giáo|đi làm ăn|thoát ly|nghỉ việc|"
        r"chuyển sang (?:công ty|doanh nghiệp|nơi|chỗ) khác|tuổi cao|cao tuổi|nghỉ hưu|hưu trí"
    ),
    # "X gặp nhiều khó khăn" names no difficulty: the ones that follow do.
    "GENERIC_DIFFICULTY": (
        r"(?:gặp|còn|có|vẫn còn|nhiều)\s+(?:rất\s+)?(?:nhiều\s+|không ít\s+|những\s+|một số\s+)?"
        r"(?:khó khăn|trở ngại|thách thức|nguyên nhân)(?:\s+rất)?(?:\s+riêng|\s+đặc thù)?$|"
        r"^(?:khó khăn|hạn chế)\s+(?:thì\s+)?(?:còn\s+)?(?:nhiều|không ít)$|"
        r"chỉ ra (?:nhiều|một số|những) (?:hạn chế|khó khăn)$|^có (?:mấy|một số|nhiều|hai|ba) nguyên nhân$|"
        # "... vẫn còn một số hạn chế", "chi bộ thẳng thắn nhìn nhận còn hạn chế": the limitations follow. ("X còn
        # nhiều hạn chế" is left out: it is how a limitation of X is stated.)
        r"(?:còn|có|gặp)\s+(?:một số|những)\s+(?:hạn chế|tồn tại|bất cập|vướng mắc)$|"
        r"(?:nhìn nhận|thừa nhận|chỉ ra)\s+(?:còn\s+)?(?:một số\s+|những\s+)?(?:hạn chế|khó khăn|tồn tại)$"
    ),
    # "Dù địa bàn còn nhiều khó khăn, các huyện vẫn duy trì kết nạp": difficulties named only to set off a
    # result, when nothing negative follows them in the clause.
    "CONCEDED": (
        r"^(?:dù|mặc dù|tuy)\s[^,;]{0,50}(?:khó khăn|trở ngại|thách thức)[^,;]{0,15},"
        r"(?![^;]*" + _W + r"(?:chưa|không|còn|hạn chế|khó)" + _E + ")"
    ),
    # A cause that opens with a bare predicate has no subject of its own: it goes on with the one before it
    # ("A chưa quan tâm, còn ngại khó": A's second predicate).
    "CONTINUES": r"(?:còn|chưa|vẫn)\s",
    "NEGATION": one_of(words="chưa|không|chẳng"),
    # "còn" after a fall ("giảm xuống còn 3", "chỉ còn 2") is what remains, not what still persists.
    "STILL": one_of(words="c(?<!xuống c)(?<!giảm c)(?<!chỉ c)òn|vẫn|vẫn còn"),
    "ONLY": one_of(words="chỉ") + r"(?! (?:tiêu|thị|đạo|bộ)" + _E + ")",
    # Typed without diacritics "đó" (that) is "do" (because): "giúp đỡ", "trong đó", "qua đó", "từ đó",
    # "sau đó", "khi đó", "nhờ đó", "thực tế đó" give no cause.
    "CAUSAL": one_of(
        words="d(?<!giúp d)(?<!trong d)(?<!qua d)(?<!từ d)(?<!sau d)(?<!khi d)(?<!nhờ d)(?<!tế d)o|"
        "vì|bởi|nên|nguyên nhân|dẫn đến|khiến"
    ),
    "CONTRAST_START": r"^(?:tuy nhiên|tuy vậy|nhưng|song|mặt khác|bên cạnh đó|dù|mặc dù)" + _E,
    "ACTION_START": rf"^(?:(?:đồng thời|cùng với đó|ngoài ra|bên cạnh đó|theo đó)\s*,?\s*)?(?:{ACTION}){_E}",
    "ACTION": one_of(words=ACTION),
    "DID_ACTION": one_of(words="đã|đều|luôn|thường xuyên|chủ động|kịp thời", whole=False)
    + rf"\s+(?:\w+\s+)?(?:{ACTION}){_E}",
    "PASSIVE": one_of(words="được", whole=False) + rf"\s+(?:{ACTION}){_E}",
    "PLAN": one_of(
        words="sẽ|tiếp tục|phấn đấu|mục tiêu|đề ra|thời gian tới|định hướng|đề nghị|yêu cầu|cần|"
        "phải|chủ trương|kế hoạch|đặt mục tiêu|trong năm tới|giai đoạn tới"
    ),
    "RESULT": one_of(
        r"kết nạp (?:được|mới)|đã kết nạp|xuống còn|giảm (?:từ|còn|được)",
        words="đạt|góp phần|nâng (?:tổng )?số|tăng(?! cường)|hiện có|lần đầu|nhờ|chuyển biến|hoàn thành|vượt|xóa được|thoát",
    ),
    "OVERCOME": r"(?:tháo gỡ|khắc phục|vượt qua|giải quyết|xóa|giảm)\s+(?:\w+\s+){0,2}?(?:khó khăn|hạn chế|"
    r"vướng mắc|bất cập|tình trạng|trở ngại)",
    "PURPOSE": one_of(words="nhằm|để|qua đó|từ đó"),
    "INSTITUTION_START": (
        r"^(?:ban thường vụ|ban chấp hành|ban tổ chức|đảng ủy|đảng uỷ|huyện ủy|huyện uỷ|tỉnh ủy|tỉnh uỷ|"
        r"thành ủy|chi bộ|đảng bộ|các cấp ủy|cấp ủy|trung tâm|công an|đoàn|hội|ủy ban|mặt trận|"
        r"các đơn vị|nhà trường|(?:huyện|xã|tỉnh|phường|thị trấn)" + _E + ")"
    ),
    "SPEECH_END": r"(?:cho biết|chia sẻ|nhấn mạnh|khẳng định|thông tin|nói|nhớ lại|kể|cho rằng|như sau)$",
    # Only asked whether it matches: "^ảnh" is written as a look-behind after the first letter so that every
    # alternative opens with one (see one_of).
    "CAPTION": one_of(
        r"ả(?<=^ả)nh" + _E + r"|\(ảnh|ảnh:|ảnh minh họa|trong ảnh", words="tại lễ kết nạp", whole=False
    ),
    "CONTEXT_START": (
        r"^(?:thực hiện|nhờ|với|để|nhằm|có thể nói|làm tốt|kết quả|qua đó|từ đó|trong|tính đến|đến nay|"
        r"hiện nay|hiện)" + _E
    ),
    "EXISTENTIAL": r"^(?:có|vẫn còn|còn|hiện còn|toàn (?:huyện|xã|tỉnh|phường) (?:vẫn )?còn)" + _E,
    "TARGET": one_of(words=r"ít nhất|trở lên|tối thiểu|chỉ tiêu|từ \d"),
    "HISTORY": one_of(
        "trước đây|những năm trước|giai đoạn trước|có giai đoạn|đầu nhiệm kỳ|trước năm|có thời điểm|"
        "nhiều năm liền|năm liền"
    ),
    # A measure handed to someone: "mỗi quần chúng được phân công một đảng viên giúp đỡ".
    "ASSIGNED": one_of(words="được", whole=False)
    + r"\s+(?:phân công|giao|cử|bố trí|điều động|tăng cường|hướng dẫn)"
    + _E,
    # "mỗi"/"từng" before what is counted out: typed without diacritics "mỗi" is "moi", as "mới" (new) is.
    "EACH": one_of(words="mỗi|từng")
    + r"\s+(?:năm|chi bộ|quần chúng|đảng viên|đồng chí|thôn|bản|xã|phường|người|tháng|cấp ủy|đảng ủy viên|tổ|ấp)"
    + _E,
    # A person speaking of themselves (a new member's feelings, a story), not stating an obstacle or a measure.
    # Typed without diacritics "tôi" is "toi" as "tới" is, and "mình" is "minh" as the name Minh: so the
    # speaker must open a clause (or follow "nên", "trước đây"...) and go on with a verb of their own.
    "PERSONAL": (
        r"(?:^|[,:\"“]\s*|(?:nên|thì|khi|trước đây|trước kia|ban đầu|lúc đầu)\s+)(?:tôi|em)\s+"
        r"(?:nghĩ|muốn|sẽ|thấy|từng|không|chưa|rất|vui|đã|cũng|mong|luôn|cứ|chỉ|mới)" + _E
    ),
    # A number that is not a year ("Từ năm 2023, Đảng ủy ban hành..." counts nothing).
    "COUNT": r"(?<![\d.,/])(?!(?:19|20)\d\d(?!\d|[.,]\d))\d",
    "PERCENT": r"%",
    "SOLUTION_INTRO": one_of(
        r"giải pháp|cách làm|biện pháp|để khắc phục|trước thực trạng|trước tình hình|thời gian tới|"
        r"nhiệm vụ|định hướng|làm gì|kế hoạch"
    ),
    "DIFFICULTY_INTRO": one_of(
        "khó khăn|hạn chế|nguyên nhân|vướng mắc|trở ngại|điểm nghẽn|thách thức|bất cập"
    ),
}


@lru_cache(maxsize=2)
def lexicon(folded: bool = False) -> dict[str, re.Pattern[str]]:
    """Every pattern of :data:`PATTERNS` compiled, as written or with its diacritics folded."""
    return {name: re.compile(strip_marks(p) if folded else p) for name, p in PATTERNS.items()}


def view_of(text: str, folded: bool) -> str:
    """The copy of ``text`` the patterns are matched on: lower case, folded when ``folded``; same offsets."""
    return lower_same_length(strip_marks(text) if folded else text)
