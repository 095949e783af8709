"""Number words before a counted noun and fractions with thousands separators are read as counts: a model
that reports them is right, and the grounding stage must not reject (and re-ask) what the article states."""

import pytest

from summarizer.vietnamese.numbers import result_values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Chi bộ có năm đồng chí là nữ.", {5.0}),
        ("Sau sáp nhập, xã có năm đảng bộ cũ hợp lại.", {5.0}),
        ("Tháng trước chi bộ kết nạp một quần chúng.", {1.0}),
        ("Có thôn cả năm chỉ tìm được một, hai người đủ điều kiện.", {1.0, 2.0}),
        ("Toàn tỉnh đã có 1.087/1.092 thôn có chi bộ.", {1087.0, 1092.0}),
    ],
)
def test_counted_number_words_and_separated_fractions_are_read(text, values):
    assert result_values(text) == values


@pytest.mark.parametrize(
    "text",
    [
        "Trong năm nay xã tiếp tục rà soát nguồn.",  # "năm" is the year
        "Một số đảng viên cao tuổi chuyển sinh hoạt.",  # "một số" is "some"
        "Mỗi quần chúng ưu tú được một đảng viên kèm cặp.",  # one per candidate, not a count of one
        "Hội nghị họp ngày 1.087/1.092.",  # no counted noun after the slash pair: not a fraction
    ],
)
def test_words_that_are_not_counts_stay_unread(text):
    assert result_values(text) == set()
