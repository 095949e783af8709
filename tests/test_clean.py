import datetime as dt
import itertools

import pytest
from texts import ARTICLE

from summarizer.clean import clean
from summarizer.load import load_file


def test_boilerplate_is_removed_and_the_article_kept():
    c = clean(ARTICLE)
    assert c.title == "Thanh Sơn nâng cao chất lượng phát triển đảng viên"
    assert c.published == dt.date(2022, 4, 19)
    assert c.text.startswith("Những năm qua, Đảng bộ huyện Tân Sơn")
    assert c.text.endswith("đạt 105% chỉ tiêu.")
    for noise in ("Bạn còn 500/500 ký tự", "Tin cùng chuyên mục", "Hoàn Kiếm", "fb yt zl tw", "19/04/2022"):
        assert noise not in c.text
    kinds = {r.kind for r in c.removed}
    assert {"title", "date", "form", "related"} <= kinds


def test_teaser_repeated_in_full_is_dropped_once():
    body = (
        "Xã Đồng Tâm là xã vùng cao của huyện, đời sống của bà con còn nhiều khó khăn, song công tác phát triển "
        "đảng viên luôn được quan tâm. Những năm trước, mỗi năm xã chỉ kết nạp được 1-2 đảng viên"
    )
    text = f"Tiêu đề bài\n\n{body[:150]}...\n\n{body}.\n\nĐoạn tiếp theo nói về kết quả năm nay với 9 đảng viên được kết nạp, một con số cao nhất từ trước tới nay của xã."
    c = clean(text)
    assert c.text.count("Xã Đồng Tâm là xã vùng cao") == 1
    assert any(r.kind == "duplicate" and r.text.endswith("...") for r in c.removed)


def test_identical_paragraph_repeated_is_kept_once():
    para = "Chi bộ thôn Bản Mới đã giới thiệu 2 quần chúng ưu tú tham gia lớp bồi dưỡng nhận thức về Đảng trong năm nay, nâng tổng số quần chúng được bồi dưỡng lên 7 người."
    c = clean(
        f"{para}\n\n{para}\n\nMột đoạn khác đủ dài để là thân bài với nhiều chữ hơn nữa, kể về việc chi bộ sinh hoạt đều đặn mỗi tháng một lần."
    )
    assert c.text.count(para) == 1


def test_related_headline_inside_the_article_and_byline_are_removed():
    long1 = "Huyện ủy đã ban hành kế hoạch phát triển đảng viên hằng năm, giao chỉ tiêu cụ thể cho từng chi bộ và phân công cấp ủy viên phụ trách từng địa bàn cơ sở."
    long2 = "Năm 2023, toàn huyện kết nạp được 320 đảng viên, đạt 110% kế hoạch đề ra, trong đó phần lớn là đoàn viên thanh niên và quân nhân xuất ngũ trở về địa phương."
    text = f"{long1}\n\nBắc Kạn: Trồng rừng gỗ lớn ở Chợ Đồn\n\n{long2}\n\nHoàng Anh"
    c = clean(text)
    assert "Trồng rừng" not in c.text and "Hoàng Anh" not in c.text
    assert c.text == f"{long1}\n\n{long2}"
    assert [r.kind for r in c.removed] == ["headline", "byline"]


def test_byline_glued_to_tags_is_cut_from_the_last_paragraph():
    last = "Thời gian tới, Đảng ủy xã tiếp tục đẩy mạnh công tác tuyên truyền, vận động quần chúng ưu tú phấn đấu vào Đảng, nhất là đoàn viên thanh niên ở các thôn vùng sâu."
    c = clean(f"{last} Thanh TuyềnTAG: phát triển đảng viên, chi bộ thôn")
    assert c.text == last


def test_image_alt_text_and_share_links_are_removed():
    body = "Đảng ủy xã đã phối hợp với Trung tâm Chính trị huyện mở lớp bồi dưỡng nhận thức về Đảng cho 40 quần chúng ưu tú của các thôn, bản trên địa bàn trong năm 2024."
    c = clean(f"{body}\n\nPhát triển đảng viên ở bản ảnh 1\n\nFacebook Twitter Zalo\n\n{body} Thêm một câu.")
    assert "ảnh 1" not in c.text and "Facebook" not in c.text


def test_offset_map_points_back_to_the_source():
    c = clean(ARTICLE)
    for clean_start, src_start, length in c.pieces:
        assert c.text[clean_start : clean_start + length] == ARTICLE[src_start : src_start + length]
    needle = "4.120 đảng viên"
    start = c.text.index(needle)
    s, e = c.to_source(start, start + len(needle))
    assert ARTICLE[s:e] == needle


def test_examples_are_cleaned_of_their_boilerplate(examples_dir):
    texts = {p.name: clean(load_file(p).text).text for p in examples_dir.iterdir()}
    assert "Bạn còn" not in texts["01_lac_son_hoa_binh.txt"]
    assert (
        "Phố Cáo" not in texts["02_lung_cu_ha_giang.txt"] and "fb yt" not in texts["02_lung_cu_ha_giang.txt"]
    )
    hh = texts["04_huong_hoa_quang_tri.txt"]
    assert hh.count("tháo gỡ khó khăn") == 1 and "Ngọc Trang" not in hh
    mcc = texts["05_mu_cang_chai_yen_bai.txt"]
    assert (
        "TAG" not in mcc
        and "Minh Hằng" not in mcc
        and "Hội thi tuyên truyền" not in mcc
        and "ảnh 1" not in mcc
    )


_COUNTED_TWICE = ("1.250", "vùng-sâu")  # one word between spaces, two words as the cleaner counts them


def _paragraph(n: int, opening: str = "Năm nay") -> str:
    """A sentence of exactly ``n`` words as ``\\w+`` counts them ("1.250" and "vùng-sâu" are two each)."""
    words = itertools.cycle(["1.250", "quần", "chúng", "ở", "vùng-sâu", "được", "bồi", "dưỡng"])
    out = opening.split()
    while (count := sum(2 if w in _COUNTED_TWICE else 1 for w in out)) < n:
        w = next(words)
        out.append(w if count + (w in _COUNTED_TWICE) < n else "mới")
    return " ".join(out) + "."


def test_a_paragraph_is_long_from_25_words_on_counting_numbers_and_hyphens_as_words():
    # Between two paragraphs of 25 words, a short unpunctuated line is a related headline; with 24 words
    # they are not paragraphs, so nothing is taken for one.
    for n, removed in ((25, ["headline"]), (24, [])):
        first, last = _paragraph(n), _paragraph(n, "Năm trước")
        c = clean(f"{first}\n\nMột tiêu đề chen giữa\n\n{last}", title="Tiêu đề")
        assert [r.kind for r in c.removed] == removed, n


def test_tail_marker_is_read_with_its_spaces_collapsed_and_its_dashes_stripped():
    body = _paragraph(30)
    c = clean(
        f"{body}\n\n»  Tin   cùng\tchuyên mục :\n\nMột tin khác ở đây\n\n{_paragraph(30, 'Tin khác')}",
        title="T",
    )
    assert c.text == body
    assert [r.kind for r in c.removed] == ["related"] * 3
    # A paragraph that opens with the words of a marker is no marker.
    c = clean(f"{body}\n\n{_paragraph(30, 'Tin cùng chuyên mục')}", title="T")
    assert not c.removed


def test_share_links_joined_by_bars_are_one_share_line():
    first, last = _paragraph(30), _paragraph(30, "Năm trước")
    ten = "|".join(
        ["Facebook", "Zalo", "Email", "Print", "Share", "Like", "Tweet", "Copy", "Link", "Twitter"]
    )
    c = clean(f"{first}\n\n{ten}\n\n{last}", title="T")
    assert [r.kind for r in c.removed] == ["share"]
    c = clean(f"{first}\n\n{ten}|Youtube\n\n{last}", title="T")  # eleven: more than a share line
    assert "share" not in [r.kind for r in c.removed]


BODY = (
    "Những năm qua, Đảng bộ huyện Văn Quan quan tâm lãnh đạo công tác phát triển đảng viên ở các xã vùng cao, "
    "giao chỉ tiêu đến từng chi bộ và phân công đảng viên giúp đỡ quần chúng ưu tú."
)
AFTER = (
    "Thời gian tới, huyện tiếp tục rà soát nguồn quần chúng ưu tú, mở thêm lớp bồi dưỡng nhận thức về Đảng "
    "và kiện toàn các chi bộ thôn còn sinh hoạt ghép."
)


def test_a_text_table_is_kept_as_rows_with_its_caption_and_header():
    rows = ["STT | Đơn vị | Kết nạp | Chỉ tiêu", "1 | Tràng Phái | 14 | 12", "2 | Yên Phúc | 9 | 10"]
    source = "\n\n".join([BODY, "Kết quả năm 2023 của các xã", *rows, AFTER, "Chia sẻ: Facebook | Zalo"])
    c = clean(source)
    for line in ["Kết quả năm 2023 của các xã", *rows]:
        assert line in c.text
        start = c.text.index(line)
        a, b = c.to_source(start, start + len(line))
        assert source[a:b] == line
    assert "Facebook" not in c.text  # a share line is one line of "|", no table


def test_a_saved_pages_table_is_kept_as_rows_with_spans_into_the_loaded_text(tmp_path):
    page = tmp_path / "bai.html"
    page.write_text(
        f"<html><body><article><h1>Tiêu đề</h1><p>{BODY}</p><table><caption>Kết quả năm 2023</caption>"
        "<tr><th>Đơn vị</th><th>Kết nạp</th><th>Tỷ lệ (%)</th></tr>"
        "<tr><td>Tràng <b>Phái</b></td><td><p>14</p></td><td>116,7</td></tr>"
        "<tr><td>Yên Phúc</td><td>9</td><td>90</td></tr></table>"
        f"<p>{AFTER}</p></article></body></html>",
        encoding="utf-8",
    )
    doc = load_file(page)
    c = clean(doc.text, title=doc.title)
    assert (
        "Kết quả năm 2023\n\nĐơn vị\tKết nạp\tTỷ lệ (%)\n\nTràng Phái\t14\t116,7\n\nYên Phúc\t9\t90" in c.text
    )
    start = c.text.index("Tràng Phái\t14")
    a, b = c.to_source(start, start + len("Tràng Phái\t14"))
    assert doc.text[a:b] == "Tràng Phái\t14"


TITLED_BODY = (
    "Năm 2024, Đảng bộ xã Tân Lập kết nạp 18 đảng viên, đạt 120% chỉ tiêu được giao; các chi bộ thôn đều có "
    "quần chúng ưu tú được giới thiệu đi học lớp bồi dưỡng nhận thức về Đảng trong năm."
)
HEADLINE = "Tân Lập: Kiên trì tạo nguồn kết nạp đảng viên ở thôn vùng cao"


@pytest.mark.parametrize(
    "label",
    [
        "Chuyên mục: Xây dựng Đảng",
        "Trang chủ > Chính trị > Xây dựng Đảng",
        "Chính trị | Thứ Sáu, 15/08/2025 - 17:35",
        "XÃ HỘI - ĐỜI SỐNG CƠ SỞ",
        "Xây dựng Đảng",
        "Cập nhật: 08:30, 27/12/2024",
    ],
)
def test_a_section_label_or_breadcrumb_is_never_the_title_when_a_headline_follows(label):
    article = clean(f"{label}\nThứ Ba, 14/01/2025 - 08:40\n\n{HEADLINE}\n\n{TITLED_BODY}")
    assert article.title == HEADLINE
    assert label not in article.text and article.text.startswith("Năm 2024")


def test_a_label_with_no_headline_after_it_is_still_the_title():
    assert clean(f"Xây dựng Đảng\n\n{TITLED_BODY}").title == "Xây dựng Đảng"


def test_a_headline_ending_on_a_quotation_is_a_headline():
    quoted = 'Bí thư xã Tân Lập: "Muốn có đảng viên trẻ, phải bắt đầu từ chi đoàn"'
    assert clean(f"Thứ Hai, 24/11/2025, 06:45\n\n{quoted}\n\n{TITLED_BODY}").title == quoted


def test_a_page_typed_without_marks_loses_its_furniture_too():
    page = (
        "Chi bo truong ket nap 5 hoc sinh\n\n"
        "Nam hoc 2024 - 2025, Chi bo Truong THPT Van Quan ket nap 5 hoc sinh va 1 giao vien vao Dang.\n\n"
        "Chia se:\n"
        "Tin lien quan\n"
        "- Lang Son: Hon 200 hoc sinh duoc ket nap Dang trong 3 nam\n"
    )
    text = clean(page).text
    assert "ket nap 5 hoc sinh va 1 giao vien" in text
    assert "Hon 200 hoc sinh" not in text and "Chia se" not in text and "Tin lien quan" not in text
