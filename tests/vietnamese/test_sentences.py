import pytest

from summarizer.vietnamese.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ông A ở TP. Hồ Chí Minh. Bà B ở Q. 3.", ["Ông A ở TP. Hồ Chí Minh.", "Bà B ở Q. 3."]),
        ("Tỷ lệ đạt 124,3% kế hoạch. Năm sau tăng.", ["Tỷ lệ đạt 124,3% kế hoạch.", "Năm sau tăng."]),
        (
            "Trong quý I/2022, xã kết nạp 5 đảng viên. Xong.",
            ["Trong quý I/2022, xã kết nạp 5 đảng viên.", "Xong."],
        ),
        ("Tổng số 1.234 đảng viên. Hết.", ["Tổng số 1.234 đảng viên.", "Hết."]),
        ("đạt kết quả tốt.Những năm trước thì khác.", ["đạt kết quả tốt.", "Những năm trước thì khác."]),
        ("ThS. Nguyễn Văn An trình bày. Ý kiến khác.", ["ThS. Nguyễn Văn An trình bày.", "Ý kiến khác."]),
        ("Ở TP.HCM có nhiều chi bộ. Hết.", ["Ở TP.HCM có nhiều chi bộ.", "Hết."]),
        ("Dòng một không chấm\nDòng hai.", ["Dòng một không chấm", "Dòng hai."]),
        ("Anh nói: “Tốt lắm.” Sau đó về.", ["Anh nói: “Tốt lắm.”", "Sau đó về."]),
        ("Có nhiều việc... chưa làm xong. Tiếp.", ["Có nhiều việc... chưa làm xong.", "Tiếp."]),
        ("Kết quả năm 2021. Năm 2022 khá hơn!", ["Kết quả năm 2021.", "Năm 2022 khá hơn!"]),
    ],
)
def test_split(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_point_into_the_text():
    text = "  Câu một.   Câu hai có TP. Vinh.\n\nCâu ba?  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Câu một.", "Câu hai có TP. Vinh.", "Câu ba?"]
    for s in sentences:
        assert text[s.start : s.end] == s.text
