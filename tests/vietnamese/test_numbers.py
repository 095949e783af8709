import pytest

from summarizer.vietnamese.numbers import find_quantities, parse_number, parse_number_words, result_values


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("3.753", 3753), ("124,3", 124.3), ("1.234,5", 1234.5), ("2,5", 2.5), ("15", 15), ("0", 0),
        ("51.000", 51000), ("1.000.000", 1000000), ("10.5", 10.5), ("100%", 100), ("7", 7), ("2.000", 2000),
    ],
)  # fmt: skip
def test_parse_number(token, value):
    result = parse_number(token)
    assert result == value
    assert type(result) is type(value)


@pytest.mark.parametrize("token", ["", "abc", "1-2", "3,", ".5"])
def test_parse_number_rejects(token):
    with pytest.raises(ValueError):
        parse_number(token)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("hai", 2), ("mười", 10), ("mười lăm", 15), ("hai mươi mốt", 21), ("một trăm", 100),
        ("một trăm linh năm", 105), ("ba nghìn bảy trăm năm mươi ba", 3753), ("chín trăm chín mươi chín", 999),
    ],
)  # fmt: skip
def test_parse_number_words(words, value):
    assert parse_number_words(words) == value


@pytest.mark.parametrize("words", ["lăm", "mươi", "đảng viên", ""])
def test_parse_number_words_rejects(words):
    with pytest.raises(ValueError):
        parse_number_words(words)


def _one(text):
    found = [q for q in find_quantities(text)]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "value", "lo", "hi", "qualifier"),
    [
        ("có 3.753 đảng viên", "count", 3753, None, None, None),
        ("đạt 124,3% chỉ tiêu", "percent", 124.3, None, None, None),
        ("đạt 100 % kế hoạch", "percent", 100, None, None, None),
        ("chỉ kết nạp được 1-2 đảng viên", "count", None, 1, 2, None),
        ("từ 3 - 4 đảng viên", "count", None, 3, 4, None),
        ("kết nạp từ 3-5 đảng viên", "count", None, 3, 5, None),
        ("từ 3 đến 5 người", "count", None, 3, 5, None),
        ("kết nạp hơn 2.000 đảng viên", "count", 2000, None, None, "hơn"),
        ("gần 51.000 người", "count", 51000, None, None, "gần"),
        ("trên 50 đảng viên", "count", 50, None, None, "trên"),
        ("khoảng 150 đảng viên", "count", 150, None, None, "khoảng"),
        ("giai đoạn 2016 - 2020", "period", None, 2016, 2020, None),
        ("nhiệm kỳ 2015–2020", "period", None, 2015, 2020, None),
        ("Chỉ thị 36-CT/TU", "document", None, None, None, None),
        ("Kế hoạch 61-KH/TU", "document", None, None, None, None),
        ("ngày 23/7/2004", "date", None, None, None, None),
        ("Tháng 10/2009", "date", None, None, None, None),
        ("trong quý I/2022", "date", None, None, None, None),
        ("tỷ lệ đạt 450/500.", "ratio", None, None, None, None),
        ("trong năm 2009", "year", 2009, None, None, None),
        ("Năm 2021, xã", "year", 2021, None, None, None),
        ("Đảng bộ có 2020 đảng viên", "count", 2020, None, None, None),
        ("tại Phường 12", "ordinal", 12, None, None, None),
        ("1,5 triệu người", "count", 1500000, None, None, None),
        ("tổng số 90 đảng viên được giao", "count", 90, None, None, None),
        ("ngày 6/6 vừa qua", "date", None, None, None, None),
        ("ngày 6/6/2022", "date", None, None, None, None),
        ("quần chúng 25 tuổi", "age", 25, None, None, None),
        ("hỗ trợ 1,5 triệu đồng", "money", 1500000, None, None, None),
        ("hỗ trợ 500.000 đ mỗi người", "money", 500000, None, None, None),
        ("có 12 đồng chí dự", "count", 12, None, None, None),
    ],
)  # fmt: skip
def test_find_quantities_classifies(text, kind, value, lo, hi, qualifier):
    q = _one(text)
    assert q.kind == kind
    assert (q.value, q.value_min, q.value_max) == (value, lo, hi)
    assert q.qualifier == qualifier
    assert text[q.start : q.end] == q.raw


def test_years_dates_documents_and_periods_are_never_result_candidates():
    text = "Thực hiện Chỉ thị 36-CT/TU ngày 23/7/2004, giai đoạn 2016 - 2020, năm 2021 kết nạp 15 đảng viên"
    candidates = [q for q in find_quantities(text) if q.is_result_candidate]
    assert [q.value for q in candidates] == [15]


def test_a_fraction_of_units_is_two_counts_and_a_date_is_none():
    assert result_values("có 196/203 bản có chi bộ") == {196, 203}
    assert result_values("6/6 ấp đều có đảng viên") == {6}
    assert result_values("ngày 6/6 vừa qua, xã") == set() and result_values("vào 7/9 tới") == set()


def test_number_words_are_counts_where_they_count():
    assert result_values("giúp đỡ ít nhất một quần chúng") == {1}  # "một" after a qualifier
    assert result_values("một số quần chúng") == set()  # "một số" is "some"
    assert result_values("trong ba năm liền") == {3}  # "năm" here is "year", not "five"


def test_result_values_include_scaled_and_range_values_but_not_years():
    values = result_values("gần 51.000 người, 1,5 triệu người, từ 3-5 đảng viên, 124,3%")
    assert {51000, 1500000, 3, 5, 124.3} <= values
    assert result_values("năm 2021, Chỉ thị 36-CT/TU, giai đoạn 2016 - 2020") == set()
    assert (
        result_values("ngày 6/6/2022, tuổi đời từ 18 đến 30, mức hỗ trợ 2 triệu đồng, kế hoạch 2021-2025")
        == set()
    )


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("xã có hai công dân xuất ngũ được kết nạp", "hai", 2),
        ("kết nạp mười lăm đảng viên mới", "mười lăm", 15),
        ("Hai chi bộ được thành lập trong năm", "Hai", 2),
        ("nâng số đảng viên lên hai mươi mốt người", "hai mươi mốt", 21),
        ("có năm mươi quần chúng ưu tú", "năm mươi", 50),
    ],
)
def test_numbers_written_in_words_are_counts(text, raw, value):
    q = _one(text)
    assert (q.raw, q.kind, q.value) == (raw, "count", value)
    assert text[q.start : q.end] == raw
    assert float(value) in result_values(text)


@pytest.mark.parametrize(
    "text",
    [
        "một số đảng viên còn ngại sinh hoạt",  # "một" alone is the article "a"
        "mỗi năm kết nạp đều đặn",  # "năm" alone is "year"
        "khuyến khích kinh tế tư nhân",  # "tư" alone is "private"
        "đoàn công tác huyện Ba Vì đến thăm",  # a capital inside a sentence starts a name
    ],
)
def test_words_that_only_look_like_numbers_are_not_counts(text):
    assert [q for q in find_quantities(text) if q.kind == "count"] == []


def test_an_ordinal_in_words_is_not_a_result():
    assert result_values("lần thứ hai tổ chức hội nghị") == set()


def test_a_worded_range_reads_alike_typed_without_marks():
    for text in ("kết nạp từ 4 đến 6 đảng viên", "ket nap tu 4 den 6 dang vien", "tu 4 toi 6 dang vien"):
        (q,) = [q for q in find_quantities(text) if q.is_result_candidate]
        assert (q.value_min, q.value_max) == (4, 6), text
    # Without "từ" before it, "4 đến 6" is two numbers, as with marks.
    assert [q.value for q in find_quantities("co 4 den 6")] == [4, 6]


def test_among_is_no_number_sign():
    # "trong số 58 đảng viên" is among 58 members; "số 58" alone is a number 58 (an address, a document).
    assert [q.kind for q in find_quantities("trong số 58 đảng viên của chi bộ")] == ["count"]
    assert [q.kind for q in find_quantities("nhà số 58 đường Lê Lợi")] == ["ordinal"]
