import pytest

from summarizer.clean import clean
from summarizer.vietnamese.gazetteer import get_gazetteer
from summarizer.vietnamese.locality import _count_name, find_mentions, resolve_locality


def test_missing_province_is_inferred_from_a_unique_district():
    text = (
        "Đảng bộ huyện Sốp Cộp có nhiều cách làm hay. Huyện ủy Sốp Cộp giao chỉ tiêu cho các xã. "
        "Tại xã Mường Lạn, chi bộ bản kết nạp 3 đảng viên. Sốp Cộp tiếp tục phát triển đảng viên."
    )
    loc = resolve_locality(text)
    assert (loc.province, loc.district, loc.commune, loc.level) == ("Sơn La", "Sốp Cộp", None, "district")
    assert loc.codes.province == "14" and loc.codes.district
    assert loc.current is not None and loc.current.province == "Sơn La"
    assert text[loc.span[0] : loc.span[1]] == loc.evidence == "huyện Sốp Cộp"
    assert loc.latitude and loc.longitude


def test_commune_level_when_the_article_is_about_one_commune():
    text = (
        "Công Sơn là xã vùng cao của huyện Cao Lộc. Đảng ủy xã Công Sơn đã giao chỉ tiêu cho các chi bộ. "
        "Năm nay Công Sơn kết nạp 9 đảng viên. Công Sơn còn nhiều thôn ít đảng viên."
    )
    loc = resolve_locality(text)
    assert (loc.province, loc.district, loc.commune, loc.level) == (
        "Lạng Sơn",
        "Cao Lộc",
        "Công Sơn",
        "commune",
    )
    assert loc.codes.commune and loc.current and loc.current.commune


def test_province_level_when_several_districts_are_compared():
    text = (
        "Tỉnh ủy Nghệ An đánh giá công tác phát triển đảng viên. Tại huyện Kỳ Sơn, huyện kết nạp 186 đảng viên. "
        "Ở huyện Tương Dương, Huyện ủy Tương Dương mở 6 lớp bồi dưỡng. Toàn tỉnh có hơn 210.000 đảng viên."
    )
    loc = resolve_locality(text)
    assert (loc.province, loc.district, loc.level) == ("Nghệ An", None, "province")


def test_district_given_in_brackets_disambiguates_a_commune():
    mentions = find_mentions("Đảng bộ xã Pha Long (Mường Khương) có 6 đảng viên.")
    assert [(m.name, m.parent) for m in mentions] == [("Pha Long", "Mường Khương")]


def test_ambiguous_commune_is_not_guessed():
    loc = resolve_locality("Đảng ủy xã Tân Lập kết nạp 5 đảng viên. Xã Tân Lập có 9 chi bộ.")
    assert loc is not None
    assert loc.province is None and loc.level is None
    assert "Tân Lập" in loc.note


def test_ambiguous_commune_is_resolved_by_its_district():
    loc = resolve_locality(
        "Đảng ủy xã Tân Lập, huyện Lạc Sơn kết nạp 5 đảng viên. Xã Tân Lập có 9 chi bộ. Tân Lập còn khó khăn."
    )
    assert (loc.province, loc.district, loc.commune) == ("Hòa Bình", "Lạc Sơn", "Tân Lập")


def test_old_tone_placement_and_variant_spellings_resolve():
    loc = resolve_locality(
        "Huyện ủy Mù Cang Chải và Đảng bộ huyện Mù Cang Chải kết nạp 150 đảng viên. Mù Cang Chải có 31 tổ chức cơ sở đảng."
    )
    assert (loc.province, loc.district) == ("Yên Bái", "Mù Căng Chải")
    loc = resolve_locality(
        "Đảng bộ huyện Hướng Hoá đã kết nạp 365 đảng viên; Huyện uỷ Hướng Hoá giao chỉ tiêu."
    )
    assert (loc.province, loc.district) == ("Quảng Trị", "Hướng Hóa")


def test_post_2025_commune_keeps_its_new_province():
    loc = resolve_locality(
        "Đảng bộ xã Tà Xi Láng, tỉnh Lào Cai có 18 chi bộ. Xã Tà Xi Láng kết nạp 16 đảng viên."
    )
    assert (loc.province, loc.commune, loc.level) == ("Lào Cai", "Tà Xi Láng", "commune")
    assert loc.current and loc.current.province == "Lào Cai" and loc.current.commune == "Tà Xi Láng"


def test_newspaper_tag_names_the_province():
    loc = resolve_locality(
        "LCĐT - Chi bộ thôn kết nạp 2 đảng viên. Toàn tỉnh có nhiều cách làm. Tỉnh ủy chỉ đạo sát sao."
    )
    assert loc.province == "Lào Cai" and loc.evidence == "LCĐT"


def test_mentions_only_in_boilerplate_never_count():
    raw = (
        "Đảng bộ huyện Sốp Cộp đã kết nạp được 746 đảng viên trong nhiệm kỳ, đạt 124,3% chỉ tiêu đề ra, "
        "huyện Sốp Cộp tiếp tục quan tâm bồi dưỡng quần chúng ưu tú ở các bản vùng sâu, vùng xa.\n\n"
        "Tin cùng chuyên mục\n\nQuận Hoàn Kiếm: Hà Nội khai trương phố đi bộ\n\nThành phố Hà Nội tổ chức lễ hội"
    )
    loc = resolve_locality(clean(raw).text)
    assert loc.province == "Sơn La"


@pytest.mark.parametrize(
    "text", ["Bài viết không nêu địa danh nào.", "xã hội phát triển, các huyện đều tham gia"]
)
def test_no_place_gives_none(text):
    assert resolve_locality(text) is None


def test_a_name_is_counted_only_as_whole_words_not_followed_by_another_name():
    text = "Mường Lát, xMường Lát, Mường Láta, Mường Lát Hạ và (Mường Lát). MƯỜNG LÁT"
    assert _count_name(text, "Mường Lát") == 2
    assert _count_name("phường 3, phường 13, 3a và 3.", "3") == 2  # a name of digits: no letter opens it


def test_a_gazetteer_answer_belongs_to_the_caller():
    # Look-ups are cached: emptying one answer must not empty the next.
    gaz = get_gazetteer()
    first = gaz.lookup("Sốp Cộp", "district")
    assert first
    first.clear()
    assert gaz.lookup("Sốp Cộp", "district")
