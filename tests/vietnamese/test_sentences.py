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


def test_a_boundary_looks_back_a_word_not_the_whole_line(monkeypatch):
    """Splitting stays linear in a line's length: each boundary reads a bounded window before it (a 4 MB
    one-line file used to re-read its whole prefix at every period; bench/hostile.py times it)."""
    from summarizer.vietnamese import sentences

    pattern = sentences._WORD_BEFORE
    read: list[int] = []

    class Counting:  # whichever way the word before a boundary is looked for, count what it reads
        def _read(self, string, pos, endpos):
            end = len(string) if endpos is None else min(endpos, len(string))
            read.append(end - pos)
            return end

        def search(self, string, pos=0, endpos=None):
            return pattern.search(string, pos, self._read(string, pos, endpos))

        def match(self, string, pos=0, endpos=None):
            return pattern.match(string, pos, self._read(string, pos, endpos))

    monkeypatch.setattr(sentences, "_WORD_BEFORE", Counting())
    line = "Xã kết nạp 12 đảng viên mới. " * 2000
    assert len(split_sentences(line)) == 2000
    assert read and max(read) <= 100


def test_long_words_and_abbreviations_still_split_as_before():
    word = "a" * 200
    assert [s.text for s in split_sentences(f"Có {word}. Sau đó TP. Vinh.")] == [
        f"Có {word}.",
        "Sau đó TP. Vinh.",
    ]


def test_a_sentence_ending_in_so_ends_there():
    text = (
        "Chi bộ chú trọng công nhân là người dân tộc thiểu số. Công tác tạo nguồn gắn với phong trào thi đua."
    )
    assert [s.text for s in split_sentences(text)] == [
        "Chi bộ chú trọng công nhân là người dân tộc thiểu số.",
        "Công tác tạo nguồn gắn với phong trào thi đua.",
    ]
