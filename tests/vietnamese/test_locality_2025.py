"""Post-July-2025 addresses: two levels, the new units' codes, and the legacy units they were formed from.

The articles are short texts written for these tests; the places are real units of merged provinces.
The expected codes are read from the package's own table, not from the resolver.
"""

from __future__ import annotations

import pytest
from vietnamadminunits.database import query

from summarizer.vietnamese.locality import find_mentions, resolve_locality

BODY = (
    "Năm 2025, Đảng bộ {kind} kết nạp 12 đảng viên mới, đạt 100% chỉ tiêu. Đảng ủy {kind} giao chỉ tiêu "
    "cho từng chi bộ và mở lớp bồi dưỡng nhận thức về Đảng cho 40 quần chúng ưu tú."
)

# (address as the article writes it, history sentence or "", province, unit, unit word, former
#  (province, district) that must be among the legacy units it was formed from)
CASES = [
    ("xã Nà Phặc, tỉnh Thái Nguyên", "Xã trước đây thuộc huyện Ngân Sơn, tỉnh Bắc Kạn.",
     "Thái Nguyên", "Nà Phặc", "xã", ("Bắc Kạn", "Ngân Sơn")),
    ("phường Nếnh, tỉnh Bắc Ninh", "Phường được sáp nhập từ các xã Tăng Tiến, Vân Trung của thị xã Việt Yên cũ.",
     "Bắc Ninh", "Nếnh", "phường", ("Bắc Giang", "Việt Yên")),
    ("phường Hiệp Thành, tỉnh Cà Mau", "", "Cà Mau", "Hiệp Thành", "phường", ("Bạc Liêu", "Bạc Liêu")),
    ("xã Tuy Phước, tỉnh Gia Lai", "Địa bàn xã thuộc huyện Tuy Phước cũ của tỉnh Bình Định.",
     "Gia Lai", "Tuy Phước", "xã", ("Bình Định", "Tuy Phước")),
    ("xã Đồng Bằng, tỉnh Hưng Yên", "Xã được hình thành từ các xã An Cầu, An Ấp, An Quý, An Lễ, trước đây thuộc "
     "huyện Quỳnh Phụ, tỉnh Thái Bình.", "Hưng Yên", "Đồng Bằng", "xã", ("Thái Bình", "Quỳnh Phụ")),
    ("phường Phạm Sư Mạnh, thành phố Hải Phòng", "", "Hải Phòng", "Phạm Sư Mạnh", "phường",
     ("Hải Dương", "Kinh Môn")),
    ("xã Măng Ri, tỉnh Quảng Ngãi", "Trước sắp xếp, các thôn của xã thuộc huyện Tu Mơ Rông, tỉnh Kon Tum cũ.",
     "Quảng Ngãi", "Măng Ri", "xã", ("Kon Tum", "Tu Mơ Rông")),
    ("phường Phan Rang, tỉnh Khánh Hòa", "Phường trước đây thuộc tỉnh Ninh Thuận.",
     "Khánh Hòa", "Phan Rang", "phường", ("Ninh Thuận", "Phan Rang - Tháp Chàm")),
    ("xã Đạo Trù, tỉnh Phú Thọ", "", "Phú Thọ", "Đạo Trù", "xã", ("Vĩnh Phúc", "Tam Đảo")),
    ("phường Đồng Xoài, tỉnh Đồng Nai", "Phường trước đây là một phần của thành phố Đồng Xoài, tỉnh Bình Phước.",
     "Đồng Nai", "Đồng Xoài", "phường", ("Bình Phước", "Đồng Xoài")),
    ("xã Khâm Đức, thành phố Đà Nẵng", "Xã được thành lập trên cơ sở sắp xếp thị trấn Khâm Đức và xã Phước "
     "Xuân thuộc huyện Phước Sơn, tỉnh Quảng Nam.", "Đà Nẵng", "Khâm Đức", "xã", ("Quảng Nam", "Phước Sơn")),
    ("xã Thượng Trạch, tỉnh Quảng Trị", "", "Quảng Trị", "Thượng Trạch", "xã", ("Quảng Bình", "Bố Trạch")),
]  # fmt: skip


def official_code(province: str, unit: str) -> str:
    rows = query("SELECT provinceShort, wardShort, wardCode FROM admin_units")
    codes = [r["wardCode"] for r in rows if (r["provinceShort"], r["wardShort"]) == (province, unit)]
    assert len(codes) == 1
    return codes[0]


@pytest.mark.parametrize("address,history,province,unit,kind,former", CASES, ids=[c[3] for c in CASES])
def test_a_two_level_address_is_the_new_unit_with_what_it_was_formed_from(
    address, history, province, unit, kind, former
):
    text = f"Đảng ủy {address} vừa sơ kết công tác phát triển đảng viên. {history} " + BODY.format(kind=kind)
    loc = resolve_locality(text)
    assert (loc.province, loc.district, loc.commune, loc.level) == (province, None, unit, "commune")
    code = official_code(province, unit)
    assert loc.codes.commune == code and loc.codes.district is None
    assert loc.current is not None
    assert (loc.current.province, loc.current.commune, loc.current.commune_code) == (province, unit, code)
    assert former in {(f.province, f.district) for f in loc.formerly}
    assert all(f.commune_code for f in loc.formerly)
    assert text[loc.span[0] : loc.span[1]] == loc.evidence


def test_formerly_joins_a_legacy_article_to_the_new_unit_on_the_same_ground():
    old = resolve_locality(
        "Đảng ủy xã Tân Pheo, huyện Đà Bắc, tỉnh Hòa Bình kết nạp 6 đảng viên. Xã Tân Pheo có 9 chi bộ."
    )
    new = resolve_locality("Đảng ủy xã Tân Pheo, tỉnh Phú Thọ kết nạp 9 đảng viên. Xã Tân Pheo có 14 chi bộ.")
    assert (old.province, old.district, old.commune) == ("Hòa Bình", "Đà Bắc", "Tân Pheo")
    assert old.formerly == []  # a legacy unit is its own ground: its 2025 unit is under `current`
    assert (new.province, new.district, new.commune) == ("Phú Thọ", None, "Tân Pheo")
    assert old.codes.commune in {f.commune_code for f in new.formerly}
    assert old.current.commune_code == new.codes.commune


def test_articles_before_july_2025_keep_three_levels_and_their_current_unit():
    loc = resolve_locality(
        "Năm 2023, Đảng bộ xã Nà Phặc, huyện Ngân Sơn, tỉnh Bắc Kạn kết nạp 7 đảng viên. "
        "Huyện ủy Ngân Sơn giao chỉ tiêu cho xã Nà Phặc. Xã Nà Phặc còn 3 thôn chưa có chi bộ."
    )
    assert (loc.province, loc.district, loc.commune, loc.level) == (
        "Bắc Kạn",
        "Ngân Sơn",
        "Nà Phặc",
        "commune",
    )
    assert loc.codes.district
    assert (loc.current.province, loc.current.commune) == ("Thái Nguyên", "Nà Phặc")


@pytest.mark.parametrize(
    "text,former",
    [
        # "... cũ": the former district, and the province after it
        ("Xã Vân Hòa, tỉnh Đắk Lắk thuộc huyện Sơn Hòa cũ của tỉnh Phú Yên. Đảng ủy xã Vân Hòa kết nạp "
         "9 đảng viên.", ["Sơn Hòa", "Phú Yên"]),
        # "trước đây thuộc ...": the whole address after the cue
        ("Xã Phong Nha, tỉnh Quảng Trị, trước đây thuộc huyện Bố Trạch, tỉnh Quảng Bình. Đảng ủy xã Phong Nha "
         "kết nạp 10 đảng viên.", ["Bố Trạch", "Quảng Bình"]),
        # "(nay là ...)": the address before it is the past
        ("Trước đây Đảng bộ xã Tân Lập, huyện Lạc Sơn, tỉnh Hòa Bình (nay là xã Mường Vang, tỉnh Phú Thọ) ít "
         "kết nạp đảng viên. Năm 2025 Đảng ủy xã Mường Vang kết nạp 8 đảng viên.", ["Tân Lập", "Lạc Sơn", "Hòa Bình"]),
        # "sáp nhập từ ...": the units it was formed from
        ("Phường Nam Định, tỉnh Ninh Bình được sáp nhập từ các phường Vị Xuyên, Cửa Bắc và phường Năng Tĩnh. "
         "Đảng ủy phường Nam Định kết nạp 31 đảng viên.", ["Vị Xuyên", "Năng Tĩnh"]),
    ],
    ids=["cu", "truoc-day-thuoc", "nay-la", "sap-nhap-tu"],
)  # fmt: skip
def test_history_lines_name_the_past_not_the_main_place(text, former):
    history = {m.name for m in find_mentions(text) if m.history}
    assert history == set(former)
    loc = resolve_locality(text)
    assert loc.district is None and loc.commune not in former and loc.province not in former


def test_a_former_district_named_like_a_current_commune_is_not_taken():
    # Na Rì is the former district and also a commune of today's Thái Nguyên.
    loc = resolve_locality(
        "Xã Côn Minh, tỉnh Thái Nguyên trước đây thuộc huyện Na Rì, tỉnh Bắc Kạn. Đảng ủy xã Côn Minh kết nạp "
        "13 đảng viên. Huyện Na Rì cũ có nhiều xã vùng cao."
    )
    assert (loc.province, loc.commune) == ("Thái Nguyên", "Côn Minh")


def test_a_passing_delegation_from_another_unit_is_not_the_main_place():
    loc = resolve_locality(
        "Đảng ủy xã Biển Động, tỉnh Bắc Ninh vừa đón đoàn công tác của Đảng ủy xã Hữu Lũng, tỉnh Lạng Sơn. "
        "Lãnh đạo xã Biển Động cho biết năm 2025 xã kết nạp 17 đảng viên."
    )
    assert (loc.province, loc.commune) == ("Bắc Ninh", "Biển Động")


def test_a_sentence_about_before_the_reorganisation_is_history():
    text = (
        "Từ ngày 1/7/2025, xã Ninh Quới thuộc tỉnh Cà Mau. Trước đó, xã Ninh Quới thuộc huyện Hồng Dân, "
        "tỉnh Bạc Liêu. Đảng ủy xã Ninh Quới kết nạp 7 đảng viên."
    )
    assert {m.name for m in find_mentions(text) if m.history} == {"Ninh Quới", "Hồng Dân", "Bạc Liêu"}
    loc = resolve_locality(text)
    assert (loc.province, loc.district, loc.commune) == ("Cà Mau", None, "Ninh Quới")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Xã Mậu A, Lào Cai kết nạp 14 đảng viên. Đảng ủy xã Mậu A giao chỉ tiêu.", ("Lào Cai", None, "Mậu A")),
        ("Đảng bộ xã Mậu A (Lào Cai) kết nạp 14 đảng viên. Xã Mậu A giao chỉ tiêu.", ("Lào Cai", None, "Mậu A")),
        ("Đảng bộ xã Mậu A, Văn Yên kết nạp 14 đảng viên năm 2022. Xã Mậu A giao chỉ tiêu.",
         ("Yên Bái", "Văn Yên", "Mậu A")),
        ("Đảng ủy phường Hải Dương (TP Hải Phòng) kết nạp 23 đảng viên. Phường Hải Dương có 40 chi bộ.",
         ("Hải Phòng", None, "Hải Dương")),
        ("Đảng bộ xã Mường Vang (tỉnh Phú Thọ) được thành lập trên cơ sở sáp nhập xã Tân Lập, xã Quý Hòa của "
         "huyện Lạc Sơn, tỉnh Hòa Bình. Đảng ủy xã Mường Vang kết nạp 8 đảng viên.", ("Phú Thọ", None, "Mường Vang")),
    ],
)  # fmt: skip
def test_the_unit_above_given_bare_after_a_comma_or_in_brackets_sets_the_era(text, expected):
    loc = resolve_locality(text)
    assert (loc.province, loc.district, loc.commune) == expected


def test_an_article_about_two_level_government_reads_an_unaddressed_commune_as_the_new_one():
    # Mường Khương is a 2025 commune and a legacy town of the same province: the article's time decides.
    text = (
        "Sau hơn bốn tháng vận hành chính quyền địa phương hai cấp, Đảng ủy xã Mường Khương kết nạp 9 đảng "
        "viên. Xã Mường Khương có 30 chi bộ. Tỉnh ủy Lào Cai đánh giá cao cách làm của xã."
    )
    loc = resolve_locality(text)
    assert (loc.province, loc.district, loc.commune, loc.level) == (
        "Lào Cai",
        None,
        "Mường Khương",
        "commune",
    )
    older = resolve_locality(
        text.replace("Sau hơn bốn tháng vận hành chính quyền địa phương hai cấp", "Năm 2023")
    )
    assert (older.province, older.district, older.commune) == ("Lào Cai", "Mường Khương", "Mường Khương")


def test_a_commune_named_with_its_province_and_no_district_is_the_2025_unit():
    """A model's locality {province, commune} with no district is a two-level address: the post-2025 unit,
    not a legacy namesake in a district of the same province (which left the answer at province level)."""
    from summarizer.vietnamese.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    unit, problems = gaz.resolve_names("Điện Biên", None, "Mường Phăng")
    assert problems == [] and unit is not None
    assert (unit.level, unit.district, unit.era) == ("commune", None, "2025")
    legacy, _ = gaz.resolve_names("Điện Biên", "Điện Biên Phủ", "Mường Phăng")  # with its district: legacy
    assert legacy is not None and legacy.era == "legacy" and legacy.district == "Điện Biên Phủ"
