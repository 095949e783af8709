"""What a figure means (issue 26), on sentences written for these tests: basis, scope, years, table rows."""

import pytest

from summarizer.models import Locality
from summarizer.vietnamese.figures import extract_numbers
from summarizer.vietnamese.periods import governing_context, stated_periods, written_years

DISTRICT = Locality(province="Lạng Sơn", district="Văn Quan", level="district")
COMMUNE = Locality(province="Lạng Sơn", district="Văn Quan", commune="Tân Đoàn", level="commune")


def figure(text, value, main=DISTRICT, title=None):
    found = [n for n in extract_numbers(text, title=title, main=main) if value in (n.value, n.value_min)]
    assert found, [n.evidence for n in extract_numbers(text, title=title, main=main)]
    return found[0]


# --- basis ----------------------------------------------------------------------------------------


def test_a_result_and_a_goal_in_one_paragraph_differ_in_basis():
    text = (
        "Năm 2023, Đảng bộ huyện Văn Quan kết nạp 142 đảng viên, đạt 118,3% chỉ tiêu. "
        "Năm 2024, Đảng bộ huyện phấn đấu kết nạp từ 150 đảng viên trở lên."
    )
    assert figure(text, 142).basis == "actual"
    assert figure(text, 118.3).basis == "actual"  # the share of a target reached is a result
    assert figure(text, 150).basis == "target"
    # The share of a plan reached is a result even when the plan is named first.
    assert figure("Kết quả thực hiện kế hoạch năm của huyện đạt 104% số đảng viên.", 104).basis == "actual"


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("Mục tiêu của Đảng bộ là mỗi năm kết nạp từ 40 - 45 đảng viên.", 40),
        ("Chỉ tiêu Huyện ủy giao cho xã năm nay là 12 đảng viên.", 12),
        ("Mỗi chi bộ thôn phải kết nạp ít nhất 1 đảng viên trong năm.", 1),
        ("Dự kiến đến cuối năm, Đảng bộ xã sẽ kết nạp thêm 6 đảng viên.", 6),
        ("Kết quả đạt 96,7% kế hoạch năm (60 đảng viên).", 60),
    ],
)
def test_goals_quotas_and_forecasts_are_targets(sentence, value):
    assert figure(sentence, value).basis == "target"


def test_a_yearly_rate_over_several_years_is_an_average():
    text = (
        "Giai đoạn 2016 - 2020, Đảng bộ huyện kết nạp 640 đảng viên, bình quân mỗi năm kết nạp 128 đảng viên."
    )
    assert figure(text, 640).basis == "actual"
    assert figure(text, 128).basis == "average"
    before = "Trước đây, mỗi năm xã chỉ kết nạp được 2 - 3 đảng viên."
    assert figure(before, 2).basis == "average"


# --- scope ----------------------------------------------------------------------------------------


def test_a_commune_in_a_district_article_is_a_part():
    text = "Toàn huyện kết nạp 142 đảng viên. Riêng Đảng bộ xã Tràng Phái kết nạp 11 đảng viên."
    assert figure(text, 142).scope == "main"
    assert figure(text, 11).scope == "part"
    # The same commune is the whole when it is the article's main locality.
    own = "Năm 2023, Đảng bộ xã Tân Đoàn kết nạp 11 đảng viên."
    assert figure(own, 11, main=COMMUNE).scope == "main"


def test_a_subgroup_of_those_counted_is_a_part():
    text = (
        "Năm 2023, huyện kết nạp 142 đảng viên, trong đó 61 đồng chí là đoàn viên thanh niên, 37 đồng chí là nữ; "
        "huyện hiện có 3.920 đảng viên."
    )
    assert figure(text, 142).scope == "main"
    assert figure(text, 61).scope == "part"
    assert figure(text, 37).scope == "part"
    assert figure(text, 3920).scope == "main"  # the subgroup ends at the ";"
    assert figure("Toàn huyện có 5 đảng viên nữ được kết nạp.", 5).scope == "part"
    # "trong đó" alone says it: nothing else about who the 140 are.
    subset = "Năm 2023, huyện bồi dưỡng 620 quần chúng ưu tú, trong đó 140 quần chúng đã được kết nạp."
    assert figure(subset, 620).scope == "main"
    assert figure(subset, 140).scope == "part"


def test_a_bare_subject_is_the_unit_its_paragraph_names():
    text = (
        "Về xã Tràng Phái, nơi nhiều thanh niên đi làm ăn xa. Đảng bộ xã có 14 chi bộ trực thuộc. "
        "Năm 2023, Đảng bộ kết nạp mới 7 đảng viên."
    )
    assert figure(text, 7).scope == "part"


# --- years ----------------------------------------------------------------------------------------


def test_a_unit_named_as_the_parent_of_another_is_not_the_subject():
    # "thuộc huyện"/"của huyện" says where the commune is: the figure is the commune's, or a group's.
    belongs = figure("Xã Tân Đoàn thuộc huyện Văn Quan năm 2023 kết nạp 9 đảng viên.", 9, main=COMMUNE)
    assert belongs.subject == "Xã Tân Đoàn" and belongs.scope == "main"
    group = figure(
        "Tân Đoàn là xã vùng cao của huyện Văn Quan, đồng bào Tày chiếm 85% dân số.", 85, main=COMMUNE
    )
    assert group.subject is None and group.scope == "part"
    plain = figure(
        "Tan Doan la xa vung cao cua huyen Van Quan, dong bao Tay chiem 85% dan so.", 85, main=COMMUNE
    )
    assert plain.subject is None and plain.scope == "part"
    # A party body owns a figure by "của": it stays the subject.
    owned = figure(
        "Nghị quyết của Đảng bộ xã Tân Đoàn đề ra chỉ tiêu kết nạp 20 đảng viên.", 20, main=COMMUNE
    )
    assert owned.subject == "Đảng bộ xã Tân Đoàn"


def test_a_school_or_an_enterprise_counts_its_pupils_teachers_and_workers():
    text = "Năm học 2024 - 2025, Chi bộ Trường THPT Văn Quan kết nạp 4 học sinh và 1 giáo viên; trường có 980 em."
    assert figure(text, 4).metric == "members_admitted" and figure(text, 1).metric == "members_admitted"
    assert figure(text, 980).metric == "other"
    plain = "Cong ty co 1.200 cong nhan, nam 2024 ket nap 9 cong nhan."
    assert figure(plain, 1200).metric == "other" and figure(plain, 9).metric == "members_admitted"


def test_years_are_read_from_the_sentence():
    text = (
        "Từ đầu nhiệm kỳ 2020 - 2025 đến nay, huyện kết nạp 512 đảng viên. Quý I/2024 kết nạp 31 đảng viên. "
        "Từ năm 2021 đến hết năm 2023, huyện kết nạp 390 đảng viên. Huyện có 210 chi bộ trực thuộc."
    )
    assert figure(text, 512).years == (2020, None)
    assert figure(text, 31).years == (2024, 2024)
    assert figure(text, 390).years == (2021, 2023)


def test_a_compared_year_is_no_period():
    assert [p.years for p in stated_periods("tăng 12 đảng viên so với năm 2022")] == []


def test_a_heading_governs_its_paragraph_and_the_publication_date_never_does():
    text = "Năm 2023: vượt chỉ tiêu\n\nToàn huyện kết nạp 142 đảng viên, đạt 118,3% chỉ tiêu."
    assert figure(text, 142).years == (2023, 2023)
    plain = "Toàn huyện hiện có 3.920 đảng viên và 210 chi bộ trực thuộc."
    assert figure(plain, 3920).years is None


def test_the_governing_context_holds_the_sentence_its_paragraphs_lead_and_the_heading_only():
    text = (
        "Nhiệm kỳ 2015 - 2020, huyện kết nạp 612 đảng viên.\n\nNăm 2023: vượt chỉ tiêu\n\n"
        "Đoạn một năm 2022. Câu hai có 5 đảng viên."
    )
    pos = text.index("5 đảng viên")
    ranges = [text[a:b] for a, b in governing_context(text, pos)]
    assert ranges[:3] == ["Câu hai có 5 đảng viên.", "Đoạn một năm 2022.", "Năm 2023: vượt chỉ tiêu"]
    # The section before the heading, and the article's first sentence, govern nothing below it.
    assert written_years(text, pos) == {2022, 2023}
    assert written_years(text, pos, title="Kết quả năm 2024") == {2022, 2023, 2024}


def test_a_sentence_about_the_present_takes_no_year_from_its_paragraph():
    text = "Năm 2022, huyện kết nạp 147 đảng viên. Đến nay, Đảng bộ huyện có 5.380 đảng viên."
    assert figure(text, 147).years == (2022, 2022)
    assert figure(text, 5380).years is None


def test_a_year_that_only_bounds_the_past_states_no_period():
    assert figure("Trước năm 2020, mỗi năm xã chỉ kết nạp được 2 - 3 đảng viên.", 2).years is None


# --- tables ---------------------------------------------------------------------------------------

TABLE = (
    "Kết quả kết nạp đảng viên năm 2023 của các xã như sau:\n\n"
    "STT | Đơn vị | Kết nạp | Chỉ tiêu | Tỷ lệ (%)\n\n"
    "1 | Tràng Phái | 14 | 12 | 116,7\n\n"
    "2 | Yên Phúc | 9 | 10 | 90\n\n"
    "Tổng cộng | | 23 | 22 | 104,5\n\n"
    "Đoạn văn sau bảng nói về các giải pháp của huyện trong năm tới."
)


def test_a_table_row_is_read_with_its_column_header_and_row_label():
    rows = [n for n in extract_numbers(TABLE, main=DISTRICT) if n.subject == "Tràng Phái"]
    by_value = {n.value: n for n in rows}
    assert set(by_value) == {14, 12, 116.7}  # never the row number in the STT column
    assert by_value[14].metric == "members_admitted" and by_value[14].basis == "actual"
    assert by_value[12].basis == "target"
    assert by_value[116.7].metric == "target_pct"
    assert all(n.scope == "part" and n.years == (2023, 2023) for n in rows)
    for n in rows:
        assert TABLE[n.span[0] : n.span[1]] == n.evidence
        assert n.evidence.startswith("1 | Tràng Phái | 14")


def test_a_total_row_is_the_main_unit_but_a_sum_of_some_units_is_not():
    total = [n for n in extract_numbers(TABLE, main=DISTRICT) if n.subject == "Tổng cộng"]
    assert {n.value for n in total} == {23, 22, 104.5} and all(n.scope == "main" for n in total)
    some = TABLE.replace("Tổng cộng", "Cộng 2 xã")
    assert all(n.scope == "part" for n in extract_numbers(some, main=DISTRICT) if n.subject == "Cộng 2 xã")


def test_tab_separated_rows_read_alike_and_the_caption_says_what_is_counted():
    text = "Kết quả kết nạp đảng viên năm 2022 ở hai xã:\n\nXã\tChỉ tiêu giao\tKết quả\n\nA Lù\t8\t9\n\nY Tý\t10\t11"
    found = {(n.subject, n.value): n for n in extract_numbers(text, main=DISTRICT)}
    assert found["A Lù", 8].basis == "target" and found["A Lù", 9].basis == "actual"
    assert found["A Lù", 9].metric == "members_admitted" and found["A Lù", 9].years == (2022, 2022)


def test_a_cell_that_writes_its_unit_is_read_once_as_a_table_figure():
    text = "Số đảng viên của các xã năm 2023:\n\nXã\tĐảng viên\n\nTràng Phái\t214 đảng viên\n\nYên Phúc\t96 đảng viên"
    found = [n for n in extract_numbers(text, main=DISTRICT) if n.value == 214]
    assert len(found) == 1
    assert (
        found[0].subject == "Tràng Phái" and found[0].scope == "part" and found[0].metric == "members_total"
    )


def test_a_row_whose_last_cells_are_empty_stays_in_its_table():
    text = "Kết quả năm 2023:\n\nXã\tKết nạp\tGhi chú\n\nTràng Phái\t14\tvượt\n\nYên Phúc\t9"
    found = {n.subject: n for n in extract_numbers(text, main=DISTRICT)}
    assert found["Yên Phúc"].value == 9 and found["Yên Phúc"].metric == "members_admitted"
