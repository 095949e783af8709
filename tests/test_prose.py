"""Free-text checks' building blocks (:mod:`summarizer.prose`)."""

import unicodedata

from summarizer.prose import accent_free, words_between

TEXT = (
    "Năm 2024, Đảng bộ xã Tà Xùa (huyện Bắc Yên) kết nạp được 17 đảng viên -- vượt 13% chỉ tiêu!\n\n"
    "Trong đó: 9 đảng viên nữ; “Chi bộ bản Háng Đồng” kết nạp 4 người.  Cuối năm, ĐẢNG ỦY XÃ tổng kết…"
)


def test_the_words_of_any_stretch_are_those_of_the_stretch_folded_alone():
    for start in range(0, len(TEXT), 3):
        for end in range(start, len(TEXT) + 1, 7):
            assert words_between(TEXT, start, end) == accent_free(TEXT[start:end]), (start, end)


def test_a_text_whose_folding_moves_offsets_is_folded_stretch_by_stretch():
    decomposed = unicodedata.normalize("NFD", TEXT)  # marks as separate characters: folding shortens it
    dotted = "İ" * 3 + TEXT  # lower-cased alone, "İ" would be two characters: stripped first, it is one
    for text in (decomposed, dotted):
        for start, end in [(0, 40), (10, 95), (50, len(text))]:
            assert words_between(text, start, end) == accent_free(text[start:end])
