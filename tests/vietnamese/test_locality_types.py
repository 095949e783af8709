"""The unit words of a locality (tỉnh/thành phố, huyện/quận/thị xã/thành phố, xã/phường/thị trấn/đặc khu),
read from the gazetteer for legacy and post-2025 units alike, and for a place a model names.

The texts are written for these tests; the places are real units.
"""

from __future__ import annotations

import pytest

from summarizer.vietnamese.gazetteer import get_gazetteer
from summarizer.vietnamese.locality import locality_of, resolve_locality

ADMITTED = " kết nạp 15 đảng viên mới trong năm. Các chi bộ của {name} đều có quần chúng ưu tú."


@pytest.mark.parametrize(
    ("address", "name", "expected"),
    [
        # a ward of an urban district of a centrally governed city: never "xã … huyện … tỉnh"
        ("Đảng bộ phường Thanh Khê Đông, quận Thanh Khê, thành phố Đà Nẵng", "Thanh Khê Đông",
         ("thành phố", "quận", "phường")),
        ("Đảng bộ thị trấn Mường Khương, huyện Mường Khương, tỉnh Lào Cai", "thị trấn Mường Khương",
         ("tỉnh", "huyện", "thị trấn")),
        ("Đảng bộ thị xã Sơn Tây, thành phố Hà Nội", "thị xã Sơn Tây", ("thành phố", "thị xã", None)),
        # after July 2025: two levels, and a special zone
        ("Đảng bộ đặc khu Phú Quốc, tỉnh An Giang", "đặc khu Phú Quốc", ("tỉnh", None, "đặc khu")),
        ("Đảng bộ phường Thuận Hóa, thành phố Huế", "phường Thuận Hóa", ("thành phố", None, "phường")),
    ],
)  # fmt: skip
def test_a_locality_names_its_own_unit_words(address, name, expected):
    loc = resolve_locality(address + ADMITTED.format(name=name))
    assert (loc.province_type, loc.district_type, loc.commune_type) == expected


def test_the_current_unit_has_its_own_unit_words():
    # a legacy town of a legacy province is, since July 2025, a commune of another province
    loc = resolve_locality(
        "Đảng bộ phường Hòa Khánh Bắc, quận Liên Chiểu, thành phố Đà Nẵng" + ADMITTED.format(name="phường")
    )
    assert loc.current is not None
    assert (loc.current.province_type, loc.current.commune_type) == ("thành phố", "phường")
    loc = resolve_locality("Đảng bộ xã Nà Phặc, tỉnh Thái Nguyên" + ADMITTED.format(name="xã Nà Phặc"))
    assert (loc.current.province_type, loc.current.commune_type) == ("tỉnh", "xã")


def test_a_place_a_model_names_gets_the_same_unit_words():
    gaz = get_gazetteer()
    unit = next(u for u in gaz.lookup("Liên Chiểu", "district") if u.province == "Đà Nẵng")
    loc = locality_of(unit, "Quận Liên Chiểu" + ADMITTED.format(name="quận"), gaz)
    assert (loc.province_type, loc.district_type, loc.commune_type) == ("thành phố", "quận", None)


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("Đảng ủy Trường Đại học Mỏ - Địa chất Hà Nội kết nạp 70 sinh viên vào Đảng trong năm học. "
         "Đảng ủy Trường giao các chi bộ khoa giới thiệu sinh viên ưu tú.", "Hà Nội"),
        ("Đảng ủy Bệnh viện Trung ương (Huế) kết nạp 25 bác sĩ trẻ. Các chi bộ khoa phân công đảng viên "
         "giúp đỡ quần chúng.", "Huế"),
        ("Đảng ủy Trung đoàn 98 đóng quân tại Bắc Giang kết nạp 40 chiến sĩ vào Đảng.", "Bắc Giang"),
        ("Dang uy Truong Cao dang Y te Thanh Hoa ket nap 35 sinh vien vao Dang.", "Thanh Hóa"),
    ],
)  # fmt: skip
def test_an_organisation_centred_article_is_placed_where_the_organisation_is(text, province):
    loc = resolve_locality(text)
    assert loc is not None and (loc.province, loc.level) == (province, "province")
    assert loc.codes.province and loc.province_type
    assert text[loc.span[0] : loc.span[1]] == loc.evidence


def test_two_provinces_named_as_often_place_nothing():
    text = "Đảng ủy Tổng công ty kết nạp 30 đảng viên; nhiều công nhân làm việc ở Hà Nội và Hải Phòng."
    assert resolve_locality(text) is None
