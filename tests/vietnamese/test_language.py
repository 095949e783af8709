from summarizer.vietnamese.language import detect_language


def test_a_tie_goes_to_the_language_whose_words_come_first():
    # "la" is a Vietnamese and a French word: three hits each, and the first word decides.
    vi_first = "Va cua la le et, ghi chép ngắn để thử, viết riêng ở đây."
    fr_first = "Le et la va cua, ghi chép ngắn để thử, viết riêng ở đây."
    assert detect_language(vi_first)[0] == "vi"
    assert detect_language(fr_first)[0] == "fr"


def test_another_script_counts_against_the_letters_of_the_opening():
    russian = "Партийная ячейка провела собрание. "
    latin = "Chi bo thon Ban Moi hop dinh ky, ket nap dang vien moi cho to chuc co so dang. "
    assert detect_language(russian * 4 + latin)[0] == "ru"  # most letters are Cyrillic
    # A few Cyrillic letters in a Vietnamese text (well under three letters in ten) do not make it Russian.
    assert detect_language(latin * 6 + russian)[0] == "vi"
    assert detect_language("12 34 56 78 90 ... 2024")[0] == "und"  # no letters at all
