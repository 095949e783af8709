"""The offline engine's Vietnamese vocabulary, in one place: what marks a measure, a difficulty, a result,
reported speech, a cause list or context. Patterns are compiled case-insensitively."""

from __future__ import annotations

import re

SPEECH = re.compile(
    r"^.{0,160}?\b(?:cho biết|chia sẻ|nhấn mạnh|khẳng định|thông tin|nhận định|nói)\s*[:,]\s*", re.I
)
LEADING = re.compile(
    r"^(?:(?:bên cạnh đó|ngoài ra|đồng thời|trước hết|đặc biệt|theo đó|do vậy|do đó|vì vậy|hiện nay|"
    r"thời gian tới|thời gian qua|những năm qua|hằng năm|hàng năm|mới đây|trong đó|nhờ đó|qua đó|"
    r"tuy nhiên|song|nhưng)\s*,?\s*)+",
    re.I,
)
CAUSE = re.compile(r"\b(?:nguyên nhân(?: chủ yếu| chính)?(?: là)?(?: do)?|một phần do|chủ yếu do)\s+", re.I)
ACTION = (
    r"ban hành|xây dựng|giao|phân công|chỉ đạo|tập trung|phối hợp|mở|bồi dưỡng|tuyên truyền|"
    r"tổ chức (?:các |\d+ )?(?:lớp|hội nghị|buổi|cuộc|đợt)|"
    r"vận động|rà soát|kiện toàn|điều động|giới thiệu|quan tâm|đẩy mạnh|tăng cường|đổi mới|phát động|"
    r"lựa chọn|chuyển|thành lập|gửi|hướng dẫn|chú trọng|nâng cao|khắc phục|triển khai|thực hiện|"
    r"phát huy|duy trì|củng cố|tạo điều kiện|động viên|giúp đỡ|theo dõi|cử|đưa"
)
ACTION_RE = re.compile(rf"(?<![\wà-ỹđ])(?:{ACTION})(?![\wà-ỹđ])", re.I)
SPLIT_COORD = re.compile(rf"\s+và\s+(?=(?:{ACTION})(?![\wà-ỹđ]))", re.I)
# Outcomes and context, not measures.
RESULT = re.compile(
    r"kết nạp (?:được|mới)|đã kết nạp|góp phần|nâng (?:tổng )?số|đạt \d|đạt mục tiêu|tăng lên|giảm (?:số|còn)|"
    r"có chuyển biến|được (?:thực hiện|đổi mới|phát huy|quan tâm|nâng lên|củng cố)|"
    r"(?:hiện )?có \d|sau khi được|đã hoàn chỉnh|hoàn thành nghĩa vụ quân sự trở về$",
    re.I,
)
CONTEXT_START = re.compile(r"^(?:thực hiện|nhờ|với các giải pháp|để|nhằm|có thể nói|làm tốt)\b", re.I)
# Sentences that report outcomes as a whole: none of their clauses is a measure or a difficulty.
RESULT_SENTENCE = re.compile(r"góp phần|^(?:có thể nói|làm tốt|nhờ|với các giải pháp|kết quả)", re.I)
# "Trên cơ sở đánh giá khó khăn..., X đã ban hành...": a difficulty named only as the reason for a measure.
SOLUTION_FRAME = re.compile(
    r"^(?:trên cơ sở|để khắc phục|nhằm khắc phục|trước (?:thực trạng|tình hình)|từ thực tế)", re.I
)
# "Thực hiện Chỉ thị X, Đảng ủy đã phân công...": the directive is context, the measure follows the comma.
# (Used with .match(text, pos): no "^", which would anchor at the start of the whole text.)
FRAME_PREFIX = re.compile(
    r"(?:thực hiện|triển khai|quán triệt)\s[^,]{0,200}?,\s*(?=[^,]*(?<![\wà-ỹđ])(?:đã|đều|tiếp tục)\s)", re.I
)
SPEECH_END = re.compile(r"(?:cho biết|chia sẻ|nhấn mạnh|khẳng định|thông tin|nói)$", re.I)
PURPOSE = re.compile(r"(?<![\wà-ỹđ])(?:nhằm|để|qua đó|từ đó)(?![\wà-ỹđ])", re.I)
DIFFICULTY = re.compile(
    r"khó khăn|hạn chế|vướng mắc|bất cập|(?<![\wà-ỹđ])yếu(?![\wà-ỹđ])|(?<![\wà-ỹđ])thiếu(?![\wà-ỹđ])|"
    r"(?<![\wà-ỹđ])thấp(?![\wà-ỹđ])|chưa có động cơ|chưa được quan tâm|làm ăn xa|đi làm xa|"
    r"sinh hoạt ghép|không tập trung|ngại|(?<![\wà-ỹđ])ít đảng viên|tỷ lệ đảng viên ít|chưa mặn mà|"
    r"xuất khẩu lao động|phân tán",
    re.I,
)
GENERIC_DIFFICULTY = re.compile(r"^(?:.{0,80}?)(?:gặp|còn|có) (?:nhiều |không ít )?khó khăn\s*$", re.I)
OVERCOME = re.compile(
    r"(?:tháo gỡ|khắc phục|vượt qua|giải quyết)\s+(?:những |các |mọi )?(?:khó khăn|hạn chế|vướng mắc|bất cập)",
    re.I,
)
