"""``one_of`` builds fast alternations: they must match exactly what the plain alternation matches."""

import random
import re

import pytest

from summarizer.vietnamese.text import WORD_END, WORD_START, one_of

ANYWHERE = "khó khăn|hạn chế|giảm (?:từ|còn)|tổ chức"
WORDS = r"khó|chậm|chưa|chưa đủ|còn|vẫn còn|tổ chức (?:các |\d+ )?lớp|tổ|từ \d|ít"
SAMPLES = [
    "Khó khăn còn nhiều, chưa đủ nguồn; vẫn còn ít quần chúng.",
    "tổ chức 2 lớp và tổ chức các lớp; tổ dân phố; từ 5 người; từ đó",
    "khókhăn chậmchạp mộtchưa còn. hạn chếkhó giảm từ 8 giảm còn 2 ítỏi",
    "",
]


def _plain(anywhere: str, words: str, whole: bool) -> str:
    return f"{anywhere}|{WORD_START}(?:{words}){WORD_END if whole else ''}"


def _texts() -> list[str]:
    rng = random.Random(5)
    vocab = [
        "khó",
        "khăn",
        "chưa",
        "đủ",
        "còn",
        "vẫn",
        "tổ",
        "chức",
        "lớp",
        "các",
        "2",
        "từ",
        "ít",
        "ỏi",
        "a",
    ]
    seps = [" ", "", ", ", "; ", "\n"]
    made = [
        "".join(rng.choice(vocab) + rng.choice(seps) for _ in range(rng.randint(1, 25))) for _ in range(300)
    ]
    return SAMPLES + made


@pytest.mark.parametrize("whole", [True, False])
def test_one_of_matches_what_the_plain_alternation_matches(whole: bool) -> None:
    fast = re.compile(one_of(ANYWHERE, words=WORDS, whole=whole))
    plain = re.compile(_plain(ANYWHERE, WORDS, whole))
    for text in _texts():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


# Branches opening with a group of alternatives (optional or not) or a look-behind, which one_of rewrites to
# open with a letter, and one it must keep as it is (a repeated group).
REWRITTEN = "(?:làm|đi làm) công|(?:quay )?về|(?<!lựa )chọn|(?:ít|không) (?:trở )?lại|(?:t|đ)(?:ổ|ã) chức"
OPENING_GROUPS = REWRITTEN + "|(?:a|b)+c|(?:ab)??a"


def test_branches_opening_with_a_group_or_a_look_behind_match_as_written() -> None:
    fast = re.compile(one_of(OPENING_GROUPS))
    plain = re.compile(OPENING_GROUPS)
    rng = random.Random(9)
    vocab = ["làm", "đi", "công", "quay", "về", "lựa", "chọn", "ít", "không", "trở", "lại", "t", "đ", "ổ", "ã",
             "chức", "a", "b", "c", "ab"]  # fmt: skip
    texts = ["".join(rng.choice(vocab) + rng.choice(["", " ", ", "]) for _ in range(30)) for _ in range(400)]
    for text in texts + [
        "đi làm công, làm công; quay về, về; lựa chọn, chọn; không trở lại, ít lại; abc, bac"
    ]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_every_rewritten_branch_opens_with_a_letter_so_re_can_skip_to_it() -> None:
    from re import (
        _parser,  # what re compiles: a first-character set needs every branch to open with a literal
    )

    (op, (_, branches)), *_ = _parser.parse(one_of(REWRITTEN)).data
    assert op is _parser.BRANCH and all(b.data[0][0] is _parser.LITERAL for b in branches)


def test_a_word_matches_only_at_a_word_start() -> None:
    rx = re.compile(one_of(words="còn|chưa"))
    assert [m.group() for m in rx.finditer("còn, chưa; cònlại chưaxong mòn còn")] == ["còn", "chưa", "còn"]
    assert rx.search("vẫncòn") is None


def test_a_word_must_start_with_a_letter() -> None:
    with pytest.raises(ValueError, match="start with a letter"):
        one_of(words=r"khó|\d+ người")


def test_accents_are_folded_one_way_whatever_the_unicode_form():
    import unicodedata

    from summarizer.vietnamese.text import accent_free, fold, strip_marks

    for name in ["Sốp Cộp", "Đắk Lắk", "Thừa Thiên Huế", "Ủy ban Hoà Bình"]:
        for form in ("NFC", "NFD"):
            written = unicodedata.normalize(form, name)
            assert accent_free(written) == strip_marks(name).lower()
            assert fold(written) == "".join(c for c in strip_marks(name).lower() if c.isalnum())
    assert fold("Sốp Cộp") == "sopcop" and accent_free("ĐÀ NẴNG") == "da nang"


@pytest.mark.parametrize(
    ("name", "bare", "key"),
    [
        ("huyện Mai Châu", "Mai Châu", "mai châu"),
        ("TP. Cần Thơ", "Cần Thơ", "cần thơ"),
        ("Thị xã Sơn Tây", "Sơn Tây", "sơn tây"),
        ("thôn Bản Mới", "thôn Bản Mới", "bản mới"),
        ("Tỉnh ủy Sơn La", "Tỉnh ủy Sơn La", "tỉnh ủy sơn la"),
        ("xã", "xã", "xã"),
    ],
)
def test_unit_words_are_stripped_by_one_rule_for_grounding_and_scoring(name, bare, key):
    from summarizer.evaluation.match import place_key
    from summarizer.ground import bare_place_name

    assert bare_place_name(name) == bare and place_key(name) == key


def test_every_vietnamese_letter_is_a_word_character_and_no_symbol_of_the_old_range_is():
    import re

    from summarizer.vietnamese.text import WORD_END

    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    assert all(re.fullmatch(r"\w", c) and re.fullmatch(r"\w", c.upper()) for c in letters)
    assert re.search("xã" + WORD_END, "xã÷2")  # "÷" lies in "à-ỹ" but ends a word


def test_an_excerpt_is_cut_at_a_word_boundary_and_says_so():
    from summarizer.vietnamese.text import excerpt

    quote = (
        "Toàn huyện có 42 tổ chức cơ sở đảng với 168 chi bộ trực thuộc, kết nạp mới 215 đảng viên trong năm"
    )
    cut = excerpt(quote, 60)
    assert len(cut) <= 60 and cut.endswith("…")
    assert quote.startswith(cut[:-1]) and quote[len(cut) - 1] == " "  # the next character starts a word
    assert excerpt("ngắn gọn", 60) == "ngắn gọn"


def test_a_warning_quotes_a_dropped_item_without_cutting_a_word():
    from summarizer.ground import ground_summary
    from summarizer.models import ArticleSummary, Finding

    text = "Năm 2024, huyện kết nạp 215 đảng viên mới."
    invented = "Huyện đã thành lập thêm nhiều chi bộ trong các doanh nghiệp tư nhân và hợp tác xã ở vùng cao"
    finding = Finding(text="x", category="plans", evidence=invented)
    summary = ground_summary(ArticleSummary(solutions=[finding]), text)
    (warning,) = [w for w in summary.warnings if "not found" in w]
    quoted = warning.split("'")[1]
    assert quoted.endswith("…") and invented.startswith(quoted[:-1]) and invented[len(quoted) - 1] == " "
