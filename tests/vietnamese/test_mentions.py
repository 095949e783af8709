"""The mention patterns are written for speed (see ``mentions._led``): they must find what the plain
case-insensitive formulation finds."""

from __future__ import annotations

import re
import sys

import pytest

from summarizer.vietnamese.mentions import _CUE_GAP, _NAME, CAP, PREFIXES, patterns
from summarizer.vietnamese.text import strip_marks

SAMPLES = (
    "HUYỆN Mường Lát và Tp. Hà Tĩnh, THỊ XÃ Sa Pa; đẶC KHU Côn Đảo (Bà Rịa). Chuyện Hà Nội không là huyện "
    "nào. Anhuyện Mai, xãhội Lào, Huyện Ủy Văn Bàn, quận 3 và phường 12, thành phố Hạ Long. Thị trấn Sìn "
    "Hồ; tỉnh\tLai Châu; TP Vinh; thị ủy Nghĩa Lộ."
)


def _form(plain: bool):
    return strip_marks if plain else (lambda s: s)


@pytest.mark.parametrize("plain", [False, True])
def test_mentions_are_what_the_case_insensitive_words_find(plain):
    form = _form(plain)
    words = sorted({form(p) for p, _ in PREFIXES}, key=[form(p) for p, _ in PREFIXES].index)
    reference = re.compile(
        r"(?<![\wà-ỹđ])(?P<prefix>(?i:" + "|".join(map(re.escape, words)) + r"))\s+(?P<name>" + _NAME + ")"
    )
    text = form(SAMPLES)
    found = [(m.span(), m.group("prefix")) for m in patterns(plain).mention.finditer(text)]
    assert found == [(m.span(), m.group("prefix")) for m in reference.finditer(text)]
    assert len(found) >= 12


@pytest.mark.parametrize("plain", [False, True])
def test_dates_after_the_reorganisation_are_what_the_case_insensitive_words_find(plain):
    form = _form(plain)
    reference = re.compile(form(r"(?i:chính quyền (?:địa phương )?hai cấp|0?1/0?7/2025|0?1-0?7-2025)"))
    for sample in (
        "Chính quyền địa phương hai cấp", "vận hành CHÍNH QUYỀN HAI CẤP", "từ 1/7/2025", "từ 01/07/2025",
        "ngày 01-7-2025", "ngày 1-07-2025", "ngày 1/7-2025", "chính quyền ba cấp", "năm 2025", "11/7/2024",
    ):  # fmt: skip
        text = form(sample)
        assert bool(patterns(plain).after_2025.search(text)) == bool(reference.search(text)), sample


@pytest.mark.parametrize("plain", [False, True])
def test_history_cues_are_what_the_one_alternation_of_them_finds(plain):
    form = _form(plain)
    cues = (
        r"(?:trước đây|trước kia|trước đó|trước (?:khi )?(?:sắp xếp|sáp nhập|hợp nhất)|trước (?:ngày )?1/7/2025)"
        r"(?:,? (?:là|thuộc|của|đảng bộ|đảng ủy|đảng uỷ))?,?"
        r"|(?:sáp nhập|hợp nhất|hình thành|thành lập|sắp xếp|nhập) (?:từ|trên cơ sở)"
        r"|trên cơ sở (?:sắp xếp|sáp nhập|hợp nhất|nhập)(?: lại)?(?: toàn bộ)?"
    )
    reference = re.compile(form(r"(?<![\wà-ỹđ])(?i:" + cues + ")" + _CUE_GAP + "$"))
    found = 0
    for cue in (
        "trước đây", "Trước kia là", "trước khi sáp nhập,", "trước ngày 1/7/2025, thuộc", "Sáp nhập từ các",
        "hợp nhất trên cơ sở", "hình thành từ hai", "thành lập từ", "sắp xếp từ một phần của", "nhập từ",
        "trên cơ sở sắp xếp lại toàn bộ", "TRÊN CƠ SỞ NHẬP", "xtrước đây", "nhậptừ", "thành viên", "trước nay",
    ):  # fmt: skip
        window = form(f"Xã này {cue} ")
        assert bool(patterns(plain).past_before.search(window)) == bool(reference.search(window)), cue
        found += bool(reference.search(window))
    assert found == 12


@pytest.mark.parametrize("plain", [False, True])
def test_generic_unit_words_are_what_the_one_alternation_of_them_finds(plain):
    form = _form(plain)
    generic = [form(w) for w in ("tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")]
    shared = {"xa", "tinh", "quan", "phuong"} if plain else set()
    words = "|".join([re.escape(w) for w in generic if w not in shared] + [
        rf"(?<=bo ){w}|(?<=uy ){w}|(?<=toan ){w}|(?<=cua ){w}" for w in sorted(shared)
    ] + [r"(?-i:Xa)|(?-i:Phuong)"] * bool(shared))  # fmt: skip
    not_plural = "".join(f"(?<!{form(w)} )" for w in ("các", "những", "nhiều"))
    reference = re.compile(
        r"(?<![\wà-ỹđ])" + not_plural + r"(?P<word>(?i:" + words + r"))(?:\s+(?i:ủy|uỷ|uy))?+(?![\wà-ỹđ])"
        r"(?!\s+" + CAP + ")"
    )
    text = form(
        "Toàn tỉnh có 30 xã. Xã có nhiều khó khăn; Đảng ủy xã, UBND huyện, Huyện ủy và THỊ XÃ đều vào cuộc. "
        "Các xã, những huyện, nhiều tỉnh; của phường, toàn quận, bộ xã. Xa xôi, tình hình, quần chúng, "
        "phương án, XA, PHUONG, Phuong, thị trấn, thị trấn Sìn Hồ, huyện Mường Lát, xã ủy, tỉnh uỷ."
    )
    found = [(m.span(), m.group("word")) for m in patterns(plain).generic.finditer(text)]
    assert found == [(m.span(), m.group("word")) for m in reference.finditer(text)]
    assert len(found) >= 8


def test_no_other_character_equals_a_first_letter_without_regard_to_case():
    # The fast patterns open with a class of letters in both cases; "ſ" equals "s" and "K" (Kelvin) "k"
    # without regard to case, so a pattern opening with "s" or "k" would miss them.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for plain in (False, True):
        pat = patterns(plain)
        for compiled in (pat.mention, pat.generic, pat.after_2025):
            letters = re.match(r"(?:\(\?P<\w+>)?(\[[^]]+\])", compiled.pattern).group(1)
            assert set(re.findall("(?i:" + letters + ")", everything)) == set(re.findall(letters, everything))
