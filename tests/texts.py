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
