"""English from the structured fields: the vocabulary, the headline and what each item says."""

import datetime as dt

import pytest

from summarizer import render_brief, summarize, wording
from summarizer.models import ArticleSummary, Finding, Locality, NumericResult
from summarizer.report import english


@pytest.mark.parametrize(
    ("period", "en"),
    [
        ("mỗi năm", "per year"),
        ("hằng năm", "per year"),
        ("Năm 2022", "2022"),
        ("quý I/2022", "Q1 2022"),
        ("quý IV/2023", "Q4 2023"),
        ("tháng 6/2023", "June 2023"),
        ("10 tháng đầu năm 2025", "first 10 months of 2025"),
        ("Từ năm 2020 đến nay", "2020 to date"),
        ("nhiệm kỳ 2020 - 2025", "2020–2025 term"),
        ("giai đoạn 2021-2025", "2021–2025"),
        ("trong 3 năm qua", "over the past 3 years"),
        ("mỗi năm, trước 2020", "per year, before 2020"),
        ("đến năm 2025", "by 2025"),
        ("mùa xuân", None),  # not in the vocabulary: no English, and never the Vietnamese words
        ("Nam 2023", "2023"),  # typed without diacritics: read as 'Năm 2023'
        ("tu nam 2016 den nay", "2016 to date"),
        ("mỗi năm, mùa xuân", None),
        (None, None),
    ],
)
def test_periods_in_english(period, en):
    assert wording.period_en(period) == en


@pytest.mark.parametrize(
    ("n", "en"),
    [
        (
            NumericResult(value=45000, unit="đảng viên", qualifier="trên", evidence="x"),
            "over 45,000 party members",
        ),
        (NumericResult(value=12, unit="chi bộ", qualifier="gần", evidence="x"), "nearly 12 party cells"),
        (
            NumericResult(value=150, unit="đảng viên", qualifier="khoảng", evidence="x"),
            "about 150 party members",
        ),
        (NumericResult(value=90, unit="%", qualifier="hơn", evidence="x"), "over 90%"),
        (NumericResult(value_min=3, value_max=4, unit="đảng viên", evidence="x"), "3–4 party members"),
        (
            NumericResult(value=1, unit="quần chúng", qualifier="ít nhất", evidence="x"),
            "at least 1 candidate",
        ),
        (
            NumericResult(value=6, unit="lớp", qualifier="lên", evidence="x"),
            "6 classes",
        ),  # 'lên' adds nothing
        (NumericResult(value=124.3, unit="%", evidence="x"), "124.3%"),
        (NumericResult(value=7, unit="con trâu", evidence="x"), "7"),  # unknown unit: left out of English
        (NumericResult(value=200, unit="dang vien", qualifier="hon", evidence="x"), "over 200 party members"),
    ],
)
def test_figures_keep_their_qualifier_and_unit(n, en):
    assert wording.value_en(n) == en


def _summary(**kw) -> ArticleSummary:
    base = dict(
        title="Xã Mường Lạn phát triển đảng viên",
        published=dt.date(2023, 5, 2),
        locality=Locality(province="Sơn La", district="Sốp Cộp", commune="Mường Lạn", level="commune"),
        numeric_results=[
            NumericResult(value=3, unit="đảng viên", metric="members_admitted", period="năm 2021",
                          evidence="Chi bộ bản Huổi Một kết nạp 3 đảng viên", span=(100, 139)),
            NumericResult(value=15, unit="đảng viên", metric="members_admitted", period="Năm 2022",
                          evidence="xã kết nạp được 15 đảng viên", span=(200, 228), years=(2022, 2022), key=True),
            NumericResult(value=2, unit="lớp", metric="other", evidence="mở 2 lớp bồi dưỡng", span=(300, 318)),
        ],
        solutions=[Finding(text="Mở lớp", text_en="Party awareness classes", category="training_classes",
                           evidence="Đảng ủy xã Mường Lạn phối hợp với huyện Sốp Cộp và xã Nậm Lạnh mở 2 lớp bồi dưỡng",
                           span=(270, 318))],
    )  # fmt: skip
    base.update(kw)
    return ArticleSummary(**base)


def test_headline_carries_the_key_figure_with_its_period():
    assert (
        english.headline_en(_summary())
        == "Mường Lạn commune, Sơn La province: 15 party members admitted in 2022"
    )
    assert english.headline_en(_summary(numeric_results=[])) == (
        "Mường Lạn commune, Sơn La province: party-member development (2023)"
    )
    assert english.headline_en(_summary(relevant=False)).endswith("not about party-member development (2023)")


def _only(**fields) -> ArticleSummary:
    base = dict(value=25, unit="đảng viên", metric="members_admitted", evidence="x")
    return _summary(numeric_results=[NumericResult(**(base | fields))])


@pytest.mark.parametrize(
    "fields",
    [
        {"period": "Năm 2022"},  # a figure nobody marked as the key is not a headline
        {"basis": "target", "key": True},
        {"basis": "average", "key": True},
        {"scope": "part", "key": True},
        {"metric": "candidates_trained", "key": True},
    ],
    ids=["not key", "target", "average", "part", "not admissions"],
)
def test_no_admission_figure_in_the_headline_without_a_key_figure(fields):
    assert english.headline_en(_only(**fields)) == (
        "Mường Lạn commune, Sơn La province: party-member development (2023)"
    )


@pytest.mark.parametrize(
    ("years", "period", "said"),
    [
        ((2025, None), None, "11 party members admitted since 2025"),
        ((2020, 2025), None, "11 party members admitted in 2020–2025"),
        (None, "Nam 2023", "11 party members admitted in 2023"),
        (None, "tháng 6/2023", "11 party members admitted (June 2023)"),
        (None, "mùa xuân", "11 party members admitted"),
    ],
)
def test_headline_period_comes_from_years_then_the_period_never_in_vietnamese(years, period, said):
    s = _only(value=11, years=years, period=period, key=True)
    assert english.headline_en(s) == f"Mường Lạn commune, Sơn La province: {said}"


def test_a_models_english_title_is_used_instead():
    s = _summary(title_en="Mường Lạn admits 15 members")
    assert english.headline_en(s) == "Mường Lạn admits 15 members"
    md = render_brief(s, "en", "md")
    assert md.startswith("# Mường Lạn admits 15 members\n")
    assert "- Original title: “Xã Mường Lạn phát triển đảng viên”" in md  # Vietnamese only in quotes


def test_each_item_says_its_figures_and_places_in_english():
    s = _summary()
    s.solutions[0].text_en = "Party awareness classes"  # the taxonomy label: adds nothing, so it is composed
    # the figure inside the quote and the places other than the article's own
    assert english.finding_en(s.solutions[0], s) == "2 classes; in Nậm Lạnh commune"
    s.solutions[0].text_en = "Two classes run with the district"  # a model's own English wins
    assert english.finding_en(s.solutions[0], s) == "Two classes run with the district"


def test_english_brief_of_an_article_reads_as_english():
    s = summarize("Đảng ủy xã Mường Lạn, huyện Sốp Cộp đã giao chỉ tiêu kết nạp cho từng chi bộ. "
                  "Năm 2021, xã kết nạp được trên 12 đảng viên. Mỗi năm xã kết nạp khoảng 5 đảng viên.")  # fmt: skip
    md = render_brief(s, "en", "md")
    assert md.startswith("# Mường Lạn commune, Sơn La province: ")
    assert "| new members admitted | over 12 party members | 2021 |" in md
    assert "Năm 2021 |" not in md and "mỗi năm |" not in md
