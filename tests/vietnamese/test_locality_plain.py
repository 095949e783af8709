"""Articles written without diacritics (forum and chat reposts): places found on a diacritic-free index,
returned with their official names; evidence quotes the article's own characters."""

from __future__ import annotations

import pytest

from summarizer.vietnamese.locality import resolve_locality
from summarizer.vietnamese.text import has_diacritics, names_place, strip_marks


def test_stripping_marks_keeps_every_offset():
    text = "Đảng ủy xã Hướng Lộc, huyện Hướng Hóa, tỉnh Quảng Trị"
    plain = strip_marks(text)
    assert plain == "Dang uy xa Huong Loc, huyen Huong Hoa, tinh Quang Tri"
    assert len(plain) == len(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Dang bo xa Huong Loc ket nap 6 dang vien moi, dat 100% chi tieu.", False),
        ("Đảng bộ xã Hướng Lộc kết nạp 6 đảng viên mới, đạt 100% chỉ tiêu.", True),
        # a plain repost that keeps one marked name is still a plain text
        ("Dang bo xa Huong Loc ket nap 6 dang vien moi, dat 100% chi tieu nam nay (Hướng Hóa).", False),
        ("ok", None),
    ],
)
def test_has_diacritics(text, expected):
    assert has_diacritics(text) is expected


def test_a_plain_text_names_a_place_by_its_stripped_form_a_marked_one_only_by_its_own():
    assert names_place("Dang bo huyen Huong Hoa ket nap", "Hướng Hóa")
    assert names_place("Đảng bộ huyện Hướng Hoá kết nạp", "Hướng Hóa")  # old tone placement
    assert not names_place("Đảng bộ xã Hương Lộc kết nạp", "Hướng Lộc")  # another place, spelled with marks
    assert not names_place("Dang bo huyen Huong Hoa ket nap", "Cà Mau")
    assert not names_place("Dang bo xa Huong Hoa Tay ket nap", "Hướng Hóa Tây Bắc")


PLAIN = [
    # (article, province, district, commune)
    ("Nam 2024, Dang bo xa Huong Loc, huyen Huong Hoa, tinh Quang Tri ket nap 6 dang vien. Xa Huong Loc co "
     "12 chi bo. Dang uy xa Huong Loc giao chi tieu cho tung chi bo.", "Quảng Trị", "Hướng Hóa", "Hướng Lộc"),
    # the same stripped name, another district: the other mentions decide
    ("Nam 2024, Dang bo xa Huong Loc, huyen Phu Loc ket nap 6 dang vien. Xa Huong Loc co 12 chi bo. "
     "Dang uy xa Huong Loc giao chi tieu cho tung chi bo.", "Huế", "Phú Lộc", "Hương Lộc"),
    # only the district tells Nậm Chảy (Mường Khương) from Nậm Chày (Văn Bàn), both in Lào Cai
    ("Dang uy xa Nam Chay, huyen Van Ban, tinh Lao Cai ket nap 4 dang vien. Xa Nam Chay co 9 chi bo. "
     "Dang uy xa Nam Chay mo lop boi duong cho 30 quan chung.", "Lào Cai", "Văn Bàn", "Nậm Chày"),
    ("Dang uy xa Nam Chay, huyen Muong Khuong, tinh Lao Cai ket nap 4 dang vien. Xa Nam Chay co 9 chi bo. "
     "Dang uy xa Nam Chay mo lop boi duong cho 30 quan chung.", "Lào Cai", "Mường Khương", "Nậm Chảy"),
    # post-2025: Dân Hóa of Quảng Trị, not Dân Hòa of Hà Nội
    ("Xa Dan Hoa, tinh Quang Tri, truoc day thuoc huyen Minh Hoa, tinh Quang Binh. Dang uy xa Dan Hoa ket "
     "nap 5 dang vien. Xa Dan Hoa co 20 chi bo.", "Quảng Trị", None, "Dân Hóa"),
    ("Dang uy xa Dan Hoa, thanh pho Ha Noi ket nap 5 dang vien. Xa Dan Hoa co 20 chi bo. Dang uy xa Dan Hoa "
     "giao chi tieu.", "Hà Nội", None, "Dân Hòa"),
    # a ward named like the former city it was formed from
    ("Dang uy phuong Yen Bai, tinh Lao Cai ket nap 21 dang vien. Phuong duoc thanh lap tren co so cac "
     "phuong Yen Ninh, Minh Tan thuoc thanh pho Yen Bai cu. Phuong Yen Bai co 30 chi bo.",
     "Lào Cai", None, "Yên Bái"),
]  # fmt: skip


@pytest.mark.parametrize("text,province,district,commune", PLAIN)
def test_plain_places_resolve_to_official_names(text, province, district, commune):
    loc = resolve_locality(text)
    assert (loc.province, loc.district, loc.commune, loc.level) == (province, district, commune, "commune")
    assert loc.evidence.isascii() and text[loc.span[0] : loc.span[1]] == loc.evidence


def test_an_ambiguous_stripped_name_with_nothing_to_decide_is_not_guessed():
    loc = resolve_locality("Dang uy xa Huong Loc ket nap 6 dang vien. Xa Huong Loc co 12 chi bo.")
    assert loc is not None and loc.province is None and "Huong Loc" in loc.note


def test_lower_case_border_commune_is_no_place_name():
    # "xa bien gioi" is "a border commune", not the legacy commune Biên Giới
    loc = resolve_locality(
        "Xa Dan Hoa, tinh Quang Tri la xa bien gioi. Dang uy xa Dan Hoa ket nap 5 dang vien."
    )
    assert (loc.province, loc.commune) == ("Quảng Trị", "Dân Hóa")
