"""Briefs say what each figure means, name places with their own unit words, and keep English English."""

import re

import pytest

from summarizer import render_brief
from summarizer.compose import summaries
from summarizer.models import ArticleSummary, CurrentUnit, Finding, Locality, NumericResult

HUE = Locality(province="Huế", commune="Mỹ Thượng", level="commune", province_type="thành phố",
               commune_type="phường", current=CurrentUnit(province="Huế", commune="Mỹ Thượng",
                                                          province_type="thành phố", commune_type="phường"))  # fmt: skip
DISTRICT = Locality(province="Lào Cai", district="Mường Khương", level="district", province_type="tỉnh",
                    district_type="huyện")  # fmt: skip


def _figures() -> list[NumericResult]:
    return [
        NumericResult(value=11, unit="đảng viên", metric="members_admitted", years=(2025, None), key=True,
                      evidence="từ 1/7/2025 đến nay đã kết nạp 11 đảng viên"),
        NumericResult(value_min=25, value_max=30, unit="đảng viên", metric="members_admitted", basis="target",
                      period="mỗi năm", evidence="mỗi năm kết nạp từ 25 - 30 đảng viên"),
        NumericResult(value=2000, qualifier="hơn", unit="đảng viên", metric="members_admitted", basis="average",
                      years=(2015, 2025), period="mỗi năm", evidence="mỗi năm kết nạp hơn 2.000 đảng viên"),
        NumericResult(value=7, unit="đảng viên", metric="members_admitted", scope="part", years=(2021, 2021),
                      subject="Đảng bộ xã Pha Long", evidence="Đảng bộ xã Pha Long kết nạp 7 đảng viên"),
    ]  # fmt: skip


def _summary(loc: Locality = DISTRICT, numbers: list[NumericResult] | None = None) -> ArticleSummary:
    numbers = _figures() if numbers is None else numbers
    vi, en = summaries(loc, [], [], numbers)
    return ArticleSummary(title="Mường Khương phát triển đảng viên", locality=loc, numeric_results=numbers,
                          summary_vi=vi, summary_en=en)  # fmt: skip


def _rows(md: str) -> list[list[str]]:
    return [
        [c.strip() for c in line.strip("|").split(" | ")] for line in md.splitlines() if line.startswith("| ")
    ]


def test_figures_read_as_what_they_are_in_both_languages():
    en = _rows(render_brief(_summary(), "en", "md"))[2:]
    assert [(r[1], r[2]) for r in en] == [
        ("11 party members", "since 2025"),
        ("target: 25–30 party members a year", "—"),
        ("on average over 2,000 party members a year", "2015–2025"),
        ("Pha Long commune: 7 party members", "2021"),
    ]
    vi = _rows(render_brief(_summary(), "vi", "md"))[2:]
    assert [(r[1], r[2]) for r in vi] == [
        ("11 đảng viên", "từ năm 2025 đến nay"),
        ("mục tiêu: 25–30 đảng viên mỗi năm", "—"),
        ("bình quân hơn 2.000 đảng viên mỗi năm", "giai đoạn 2015–2025"),
        ("xã Pha Long: 7 đảng viên", "năm 2021"),
    ]


def test_the_summaries_keep_meaning_and_periods_in_both_languages():
    s = _summary()
    assert s.summary_en == (
        "Party-member development in Mường Khương district, Lào Cai province. "
        "Results: 11 party members admitted since 2025. Target: 25–30 party members admitted a year."
    )
    assert s.summary_vi == (
        "Công tác phát triển đảng viên ở huyện Mường Khương, tỉnh Lào Cai. "
        "Kết quả: 11 đảng viên từ năm 2025 đến nay. Mục tiêu: 25–30 đảng viên mỗi năm."
    )
    # with no result of the main locality, a part's figure is said as the part's, never as the district's
    only_part = _summary(numbers=[_figures()[3]])
    assert "Pha Long commune: 7 party members admitted in 2021" in only_part.summary_en
    assert "Results" not in only_part.summary_en
    written = _figures()[0].model_copy(update={"period": "Từ năm 2025 đến nay", "years": None})
    assert "Kết quả: 11 đảng viên từ năm 2025 đến nay." in _summary(numbers=[written]).summary_vi


def test_headline_carries_the_key_figure_and_nothing_else():
    md = render_brief(_summary(), "en", "md")
    assert md.startswith("# Mường Khương district, Lào Cai province: 11 party members admitted since 2025\n")
    no_key = [n.model_copy(update={"key": False}) for n in _figures()]
    title = render_brief(_summary(numbers=no_key), "en", "md").splitlines()[0]
    assert title == "# Mường Khương district, Lào Cai province: party-member development"


def test_places_are_named_with_their_own_unit_words():
    vi, en = render_brief(_summary(HUE), "vi", "md"), render_brief(_summary(HUE), "en", "md")
    assert "- Địa bàn: phường Mỹ Thượng, thành phố Huế" in vi
    assert "- Sau sắp xếp 7/2025: phường Mỹ Thượng, thành phố Huế" in vi
    assert "- Locality: Mỹ Thượng ward, Huế city" in en
    assert "- Since the July 2025 reorganisation: Mỹ Thượng ward, Huế city" in en
    assert en.startswith("# Mỹ Thượng ward, Huế city: ")
    assert "ở phường Mỹ Thượng, thành phố Huế." in _summary(HUE).summary_vi
    assert "in Mỹ Thượng ward, Huế city." in _summary(HUE).summary_en
    # unit types unknown: the level's own word, in both languages
    plain = Locality(province="Sơn La", district="Sốp Cộp", level="district")
    assert "- Locality: Sốp Cộp district, Sơn La province" in render_brief(_summary(plain), "en", "md")
    assert "- Địa bàn: huyện Sốp Cộp, tỉnh Sơn La" in render_brief(_summary(plain), "vi", "md")


def test_a_summary_not_from_a_batch_shows_no_empty_source_or_engine():
    for lang in ("vi", "en"):
        md = render_brief(_summary(), lang, "md")  # type: ignore[arg-type]
        assert "``" not in md and "?" not in md.split("##")[0]
        assert "Source file" not in md and "Tệp nguồn" not in md and "Summarised by" not in md
    page = render_brief(_summary(), "vi", "html")
    assert "<code></code>" not in page and "<dd>?</dd>" not in page
    given = render_brief(_summary(), "en", "md", source="a.txt", engine="offline")
    assert "- Source file: `a.txt`" in given and "- Summarised by: offline" in given


# Vietnamese words as typed with or without marks; a place name is a name, not a Vietnamese word.
_VI_WORDS = {"năm", "nam", "đảng", "dang", "viên", "vien", "xã", "xa", "huyện", "huyen", "tỉnh", "tinh", "mỗi",
             "moi", "hơn", "hon", "nay", "từ", "tu", "đến", "den", "giai", "đoạn", "doan", "tháng", "thang",
             "trên", "tren", "khoảng", "khoang", "chi", "bộ", "bo", "mục", "tiêu", "bình", "quân", "binh", "quan"}  # fmt: skip


def _outside_quotes(md: str) -> str:
    md = re.sub(r"“[^”]*”", " ", md)  # quotes of the article
    return re.sub(r"\| “[^|]*” \|", "|", md)


@pytest.mark.parametrize("marked", [True, False], ids=["with diacritics", "typed without diacritics"])
def test_english_brief_has_no_vietnamese_outside_quotes(marked):
    def t(text: str) -> str:
        from summarizer.vietnamese.text import strip_marks

        return text if marked else strip_marks(text)

    loc = Locality(province=t("Lào Cai"), district=t("Mường Khương"), level="district")
    numbers = [
        NumericResult(value=200, unit=t("đảng viên"), qualifier=t("hơn"), metric="members_admitted",
                      period=t("Năm 2023"), key=True, evidence=t("Năm 2023 kết nạp hơn 200 đảng viên")),
        NumericResult(value=3, unit=t("con trâu"), metric="other", period=t("mùa xuân"), evidence=t("3 con trâu")),
        NumericResult(value=5, unit=t("chi bộ"), metric="party_cells", subject=t("thôn Na Lốc"), scope="part",
                      evidence=t("thôn Na Lốc có 5 chi bộ")),
    ]  # fmt: skip
    findings = [Finding(text=t("Thanh niên đi làm xa"), category="youth_migration",
                        evidence=t("thanh niên xã Pha Long đi làm ăn xa"))]  # fmt: skip
    vi, en = summaries(loc, findings, [], numbers)
    s = ArticleSummary(title=t("Mường Khương kết nạp đảng viên"), locality=loc, numeric_results=numbers,
                       difficulties=findings, summary_vi=vi, summary_en=en)  # fmt: skip
    md = render_brief(s, "en", "md")
    assert md.startswith(f"# {t('Mường Khương')} district, {t('Lào Cai')} province: over 200 party members "
                         "admitted in 2023\n")  # fmt: skip
    names = {t(n) for n in ("Mường Khương", "Lào", "Cai", "Pha", "Long", "Na", "Lốc")}
    words = set(re.findall(r"[^\W\d_]+", _outside_quotes(md).lower())) - {
        w.lower() for n in names for w in n.split()
    }
    assert words & _VI_WORDS == set()
    assert "mùa" not in md.replace("“3 con trâu”", "") and "mua xuan" not in md
