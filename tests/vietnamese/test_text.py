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


def test_a_word_matches_only_at_a_word_start() -> None:
    rx = re.compile(one_of(words="còn|chưa"))
    assert [m.group() for m in rx.finditer("còn, chưa; cònlại chưaxong mòn còn")] == ["còn", "chưa", "còn"]
    assert rx.search("vẫncòn") is None


def test_a_word_must_start_with_a_letter() -> None:
    with pytest.raises(ValueError, match="start with a letter"):
        one_of(words=r"khó|\d+ người")
