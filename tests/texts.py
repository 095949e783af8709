"""Articles written for the tests (never copied from the shared corpus)."""

# A short article written for these tests: a district-level story with a commune example,
# results, a difficulty and measures, and page boilerplate around it.
ARTICLE = """Thanh Sơn nâng cao chất lượng phát triển đảng viên

Thứ Ba, 19/04/2022

Những năm qua, Đảng bộ huyện Tân Sơn chú trọng công tác phát triển đảng viên ở các xóm vùng sâu.
Theo Ban Tổ chức Huyện ủy Tân Sơn, Đảng bộ huyện hiện có 35 tổ chức cơ sở đảng với 4.120 đảng viên. Khó khăn lớn nhất là nhiều thanh niên đi làm ăn xa nên thiếu nguồn kết nạp.
Huyện ủy Tân Sơn đã ban hành nghị quyết chuyên đề về phát triển đảng viên; giao chỉ tiêu kết nạp cho từng chi bộ; mở 3 lớp bồi dưỡng nhận thức về Đảng cho 150 quần chúng ưu tú.
Tại xã Kim Thượng, Đảng ủy xã phân công đảng viên giúp đỡ quần chúng ưu tú. Năm 2021, toàn huyện Tân Sơn kết nạp được 210 đảng viên, đạt 105% chỉ tiêu.
Bạn còn 500/500 ký tự
Tin cùng chuyên mục
Hà Nội: Khai mạc hội chợ nông sản ở quận Hoàn Kiếm
fb yt zl tw
"""

# A model answer for ARTICLE whose every quote is in ARTICLE.
GOOD_ANSWER = {
    "relevant": True,
    "locality": {"province": "Phú Thọ", "district": "Tân Sơn", "commune": None},
    "difficulties": [{"category": "youth_migration", "text": "Thanh niên đi làm ăn xa",
                      "text_en": "Young people leave to work elsewhere",
                      "evidence": "nhiều thanh niên đi làm ăn xa nên thiếu nguồn kết nạp"}],
    "solutions": [{"category": "training_classes", "text": "Mở lớp bồi dưỡng",
                   "text_en": "Three Party awareness classes",
                   "evidence": "mở 3 lớp bồi dưỡng nhận thức về Đảng cho 150 quần chúng ưu tú"}],
    "numeric_results": [
        {"value": 4120, "unit": "đảng viên", "metric": "members_total", "evidence": "4.120 đảng viên"},
        {"value": 210, "unit": "đảng viên", "metric": "members_admitted", "period": "Năm 2021",
         "evidence": "kết nạp được 210 đảng viên"},
    ],
    "summary_vi": "Tân Sơn kết nạp 210 đảng viên năm 2021.",
    "summary_en": "Tân Sơn admitted 210 members in 2021.",
}  # fmt: skip
