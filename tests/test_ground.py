import unicodedata

import pytest

from summarizer.ground import (
    MAX_ITEM_TEXT_CHARS,
    MAX_SUMMARY_CHARS,
    Grounder,
    bare_place_name,
    ground_summary,
    unmentioned_place,
    value_problem,
)
from summarizer.models import ArticleSummary, Finding, Locality, NumericResult

TEXT = "Đảng uỷ xã đã giao chỉ tiêu cho mỗi chi bộ,   kết nạp 1 đảng viên/năm.\n\nNăm 2021 xã kết nạp được 11 đảng viên."


def _at(verbatim: str) -> tuple[int, int]:
    """Where the test's own text holds ``verbatim`` (found without the library)."""
    start = TEXT.find(verbatim)
    assert start >= 0, verbatim
    return (start, start + len(verbatim))


@pytest.mark.parametrize(
    ("evidence", "verbatim"),
    [
        ("giao chỉ tiêu cho mỗi chi bộ", "giao chỉ tiêu cho mỗi chi bộ"),
        ("mỗi chi bộ, kết nạp 1 đảng viên", "mỗi chi bộ,   kết nạp 1 đảng viên"),  # whitespace differs
        ("mỗi chi bộ kết nạp 1 đảng viên/năm", "mỗi chi bộ,   kết nạp 1 đảng viên/năm"),  # punctuation
        ("Đảng ủy xã đã giao", "Đảng uỷ xã đã giao"),  # new-style tone placement
        ("ĐẢNG UỶ XÃ ĐÃ GIAO", "Đảng uỷ xã đã giao"),  # case
        ("  chi bộ, kết nạp 1  ", "chi bộ,   kết nạp 1"),  # spaces around the quote
        ("Năm 2021 xã kết nạp", "Năm 2021 xã kết nạp"),
    ],
)
def test_locate_finds_exactly_the_words_quoted(evidence, verbatim):
    assert Grounder(TEXT).locate(evidence) == _at(verbatim)


def test_locate_rejects_what_is_not_there():
    g = Grounder(TEXT)
    assert g.locate("kết nạp 15 đảng viên") is None
    assert g.locate("") is None
    assert g.locate("xã đã giao chỉ tiêu cho mỗi chi bộ, kết nạp 2 đảng viên") is None


TWICE = (
    "Đảng bộ huyện có 5 tổ chức cơ sở đảng, 393 chi bộ trực thuộc. "
    "Sau khi sắp xếp, còn 93 chi bộ trực thuộc và 12 đảng bộ cơ sở."
)


def test_a_quote_is_not_found_inside_a_longer_number_or_word():
    # "93 chi bộ trực thuộc" is also the end of "393 chi bộ trực thuộc": that is not where it is written.
    g = Grounder(TWICE)
    assert g.locate("93 chi bộ trực thuộc") == (TWICE.rindex("93 chi bộ"), TWICE.rindex("93 chi bộ") + 20)
    assert g.locate("ơ sở") == (TWICE.index("ơ sở"), TWICE.index("ơ sở") + 4)  # only inside words: the first


def test_an_item_keeps_its_own_place_when_its_quote_is_written_there():
    g = Grounder(TEXT + " Năm 2021 xã kết nạp được 11 đảng viên.")
    second = g.text.rindex("Năm 2021 xã kết nạp")
    found = g.align("Năm 2021 xã kết nạp", near=(second, second + 19))
    assert found is not None and found.span == (second, second + 19)
    # A claimed place that does not hold the quote (or lies outside the text) is ignored.
    assert g.locate("Năm 2021 xã kết nạp") == _at("Năm 2021 xã kết nạp")
    for wrong in [(0, 19), (second - 1, second + 18), (-19, 0), (second, second + 10_000)]:
        found = g.align("Năm 2021 xã kết nạp", near=wrong)
        assert found is not None and found.span == _at("Năm 2021 xã kết nạp")
    end = len(g.text)
    found = g.align("11 đảng viên.", near=(-13, end))  # Python would slice from the end: not a span
    assert found is not None and found.span[0] >= 0


def test_a_figure_keeps_its_value_where_a_longer_number_ends_with_it():
    summary = ArticleSummary(
        numeric_results=[
            NumericResult(value=93, unit="chi bộ", metric="party_cells", evidence="93 chi bộ trực thuộc"),
            NumericResult(value=3, unit="chi bộ", metric="party_cells", evidence="3 chi bộ trực thuộc"),
        ]
    )
    (kept,) = ground_summary(summary, TWICE).numeric_results
    assert kept.span == (TWICE.rindex("93 chi bộ"), TWICE.rindex("93 chi bộ") + 20)
    # Read where it stands, the "3" of "393" is no figure of 3 (nor of 93).
    assert value_problem([3], TWICE, (TWICE.index("3 chi bộ"), TWICE.index("3 chi bộ") + 8)) is not None
    assert value_problem([3], "3 chi bộ") is None


def test_the_same_quote_written_twice_is_one_item():
    text = "Nguồn kết nạp còn hạn chế. Năm nay xã kết nạp 4 đảng viên. Nguồn kết nạp còn hạn chế."
    later = text.rindex("Nguồn")
    found = [
        Finding(text="a", category="few_candidates", evidence="Nguồn kết nạp còn hạn chế", span=(0, 25)),
        Finding(
            text="a",
            category="few_candidates",
            evidence="Nguồn kết nạp còn hạn chế",
            span=(later, later + 25),
        ),
    ]
    assert len(ground_summary(ArticleSummary(difficulties=found), text).difficulties) == 1


def test_ground_summary_drops_what_is_not_in_the_article_and_sets_spans():
    summary = ArticleSummary(
        locality=Locality(province="Sơn La", evidence="không có trong bài"),
        solutions=[
            Finding(
                text="a",
                category="targets_assigned",
                evidence="giao chỉ tiêu cho mỗi chi bộ, kết nạp 1 đảng viên/năm",
            ),
            Finding(text="b", category="training_classes", evidence="mở lớp bồi dưỡng cho 40 quần chúng"),
        ],
        numeric_results=[
            NumericResult(
                value=11, unit="đảng viên", metric="members_admitted", evidence="kết nạp được 11 đảng viên"
            ),
            NumericResult(
                value=12, unit="đảng viên", metric="members_admitted", evidence="kết nạp được 11 đảng viên"
            ),
            NumericResult(value=2021, unit="đảng viên", metric="other", evidence="Năm 2021 xã"),
        ],
    )
    out = ground_summary(summary, TEXT)
    assert [f.category for f in out.solutions] == ["targets_assigned"]
    s = out.solutions[0]
    # the article's own words, where the test's text holds them (three spaces, not the quote's one)
    assert (
        s.span == _at("giao chỉ tiêu cho mỗi chi bộ,   kết nạp 1 đảng viên/năm")
        and s.evidence == TEXT[slice(*s.span)]
    )
    assert out.numeric_results[0].span == _at("kết nạp được 11 đảng viên")
    assert [n.value for n in out.numeric_results] == [11]  # 12 is not in its evidence; 2021 is a year
    assert out.locality.evidence is None and out.locality.span is None
    assert len(out.warnings) == 4
    assert any("40 quần chúng" in w for w in out.warnings) and any("[12]" in w for w in out.warnings)


def test_a_range_needs_both_ends_written_in_its_quote():
    summary = ArticleSummary(
        numeric_results=[
            NumericResult(value_min=1, value_max=7, unit="đảng viên", metric="members_admitted",
                          evidence="kết nạp 1 đảng viên/năm"),
            NumericResult(value_min=11, value_max=12, unit="đảng viên", metric="members_admitted",
                          evidence="kết nạp được 11 đảng viên"),
        ]
    )  # fmt: skip
    out = ground_summary(summary, TEXT)
    assert out.numeric_results == [] and len(out.warnings) == 2 and "[1, 7]" in out.warnings[0]


# --- repairs: harmless deviations are found, and the evidence becomes the article's own text ---------

ARTICLE = (
    "Đảng ủy xã Mường Lạn, huyện Sốp Cộp đã giao chỉ tiêu kết nạp đảng viên cho từng chi bộ bản. "
    "Do nhiều thanh niên đi làm ăn xa, nguồn kết nạp ở các bản vùng cao còn rất mỏng. "
    "Năm 2023, Đảng bộ xã kết nạp được 14 đảng viên, có 6/6 bản đều có đảng viên. "
    "Tổng số 90 đảng viên được giao theo dõi, giúp đỡ hai quần chúng ưu tú mỗi người."
)
DIFFICULTY = "nhiều thanh niên đi làm ăn xa, nguồn kết nạp ở các bản vùng cao còn rất mỏng"


def aligned(evidence: str) -> tuple[str, str] | None:
    g = Grounder(ARTICLE)
    found = g.align(evidence)
    return None if found is None else (g.text[found.span[0] : found.span[1]], found.alignment)


def test_an_exact_quote_is_exact():
    assert aligned(DIFFICULTY) == (DIFFICULTY, "exact")


@pytest.mark.parametrize(
    "variant",
    [
        f"“{DIFFICULTY}”",  # typographic quotes
        f'"{DIFFICULTY}."',  # straight quotes and a final period
        DIFFICULTY[0].upper() + DIFFICULTY[1:] + ".",  # capitalised, final period
        DIFFICULTY.replace(" ", "   ", 3),  # whitespace
        DIFFICULTY.replace(",", " ,"),  # punctuation spacing
    ],
)
def test_quotes_case_whitespace_and_nfd_are_repaired(variant):
    assert aligned(variant) == (DIFFICULTY, "repaired")


def test_decomposed_accents_are_the_same_text():
    assert aligned(unicodedata.normalize("NFD", DIFFICULTY)) == (DIFFICULTY, "exact")  # compared as NFC


def test_a_typographic_apostrophe_is_repaired():
    g = Grounder("Cán bộ nói: 'phải làm ngay' rồi đi.")
    found = g.align("Cán bộ nói: ’phải làm ngay’")
    assert found is not None and found.alignment == "repaired"


def test_an_ellipsis_joined_quote_becomes_the_span_from_its_first_part_to_its_last():
    text, how = aligned("nhiều thanh niên đi làm ăn xa ... còn rất mỏng")
    assert (text, how) == (DIFFICULTY, "repaired")
    # across two adjacent sentences, too
    text, _ = aligned("giao chỉ tiêu kết nạp đảng viên … nhiều thanh niên đi làm ăn xa")
    assert text.startswith("giao chỉ tiêu") and text.endswith("đi làm ăn xa")


def test_ellipsis_parts_out_of_order_or_far_apart_are_not_found():
    assert aligned("còn rất mỏng ... nhiều thanh niên đi làm ăn xa") is None  # wrong order
    assert aligned("giao chỉ tiêu kết nạp ... giúp đỡ hai quần chúng") is None  # three sentences apart


@pytest.mark.parametrize(
    "variant",
    [
        DIFFICULTY.replace("đi làm ăn xa", "làm ăn xa"),  # a dropped word
        DIFFICULTY.replace("mỏng", "mông"),  # one wrong diacritic
    ],
)
def test_a_quote_a_few_characters_off_is_aligned_fuzzily_to_the_article_text(variant):
    assert aligned(variant) == (DIFFICULTY, "fuzzy")


def test_fuzzy_alignment_never_changes_a_number_or_accepts_what_is_not_there():
    assert aligned("Năm 2023, Đảng bộ xã kết nạp được 41 đảng viên") is None  # another figure
    assert aligned("Năm, Đảng bộ xã kết nạp được 14 đảng viên")[1] == "fuzzy"  # a number left out: no harm
    assert aligned("thanh niên đi làm ăn xa nên thiếu nguồn ở các xã vùng thấp") is None  # reworded
    assert aligned("nhiều thanh") is None or aligned("nhiều thanh")[1] != "fuzzy"  # short: never fuzzy


def test_ground_summary_records_how_each_item_was_aligned():
    summary = ArticleSummary(
        difficulties=[Finding(text="a", category="youth_migration", evidence=f"“{DIFFICULTY}”")],
        solutions=[
            Finding(
                text="b",
                category="targets_assigned",
                evidence="giao chỉ tiêu kết nạp đảng viên cho từng chi bộ",
            )
        ],  # fmt: skip
        numeric_results=[NumericResult(value=14, evidence="Đảng bộ xã kết nạp dược 14 đảng viên, có")],
    )
    out = ground_summary(summary, ARTICLE)
    assert [out.difficulties[0].alignment, out.solutions[0].alignment] == ["repaired", "exact"]
    assert out.numeric_results[0].alignment == "fuzzy"
    for item in [*out.difficulties, *out.solutions, *out.numeric_results]:
        assert ARTICLE[item.span[0] : item.span[1]] == item.evidence


# --- values: what the article says is accepted, what is not a result stays rejected -----------------


@pytest.mark.parametrize(
    ("values", "evidence"),
    [
        ([2], "giúp đỡ hai quần chúng ưu tú"),  # a number word
        ([6], "có 6/6 bản đều có đảng viên"),  # a fraction of units
        ([90], "Tổng số 90 đảng viên được giao theo dõi"),  # a count followed by a verb
    ],
)
def test_counts_the_article_writes_are_values(values, evidence):
    assert value_problem(values, evidence) is None


@pytest.mark.parametrize(
    ("values", "evidence"),
    [
        ([2023], "Năm 2023, Đảng bộ xã kết nạp"),  # a year
        ([6], "ngày 6/6/2022 vừa qua"),  # a date
        ([36], "theo Chỉ thị 36-CT/TU"),  # a document number
        ([2021, 2025], "kế hoạch giai đoạn 2021 - 2025"),  # a plan period
        ([25], "quần chúng 25 tuổi"),  # an age
        ([5000000], "hỗ trợ 5 triệu đồng"),  # money
    ],
)
def test_years_dates_documents_periods_ages_and_money_stay_rejected(values, evidence):
    assert value_problem(values, evidence) is not None


# --- places ----------------------------------------------------------------------------------------


def test_a_place_is_accepted_when_named_or_when_it_holds_a_named_place():
    g = Grounder(ARTICLE)
    assert unmentioned_place("Sốp Cộp", "Mường Lạn", g, "Sơn La") is None  # named
    assert unmentioned_place(None, None, g, "Sơn La") is None  # holds Sốp Cộp, which is named
    assert unmentioned_place(None, None, g, "Cà Mau") == "Cà Mau"  # holds nothing the article names
    assert unmentioned_place(None, "Lũng Cú", g) == "Lũng Cú"


def test_bare_place_names():
    assert [bare_place_name(n) for n in ("tỉnh Sơn La", "huyện Sốp Cộp", "TP. Cần Thơ", "xã Mường Lạn")] == [
        "Sơn La", "Sốp Cộp", "Cần Thơ", "Mường Lạn"]  # fmt: skip


# --- free text -------------------------------------------------------------------------------------


def test_free_text_keeps_backed_sentences_and_drops_invented_numbers_and_places():
    summary = ArticleSummary(
        numeric_results=[NumericResult(value=14, evidence="kết nạp được 14 đảng viên")],
        solutions=[
            Finding(
                text="Giao chỉ tiêu cho 987654 chi bộ ở Cà Mau.",
                text_en="Targets for each cell.",
                category="targets_assigned",
                evidence="giao chỉ tiêu kết nạp đảng viên",
            )
        ],  # fmt: skip
        summary_vi="Xã Mường Lạn kết nạp 14 đảng viên năm 2023. Xã còn 987654 hộ nghèo. Tỉnh Cà Mau cũng vậy.",
        summary_en="Muong Lan admitted 14 members in 2023. Ca Mau did too.",
    )
    out = ground_summary(summary, ARTICLE)
    assert out.summary_vi == "Xã Mường Lạn kết nạp 14 đảng viên năm 2023."
    assert out.summary_en == "Muong Lan admitted 14 members in 2023."  # accents aside, the place is named
    assert out.solutions[0].text == out.solutions[0].evidence  # the paraphrase failed: the quote stands
    assert out.solutions[0].text_en == "Targets for each cell."
    assert any("987654" in w for w in out.warnings) and any("Cà Mau" in w for w in out.warnings)


def test_a_summary_left_empty_is_composed_from_the_grounded_fields():
    summary = ArticleSummary(
        numeric_results=[
            NumericResult(
                value=14, unit="đảng viên", metric="members_admitted", evidence="kết nạp được 14 đảng viên"
            )
        ],  # fmt: skip
        summary_vi="Đã kết nạp 123456 đảng viên.",
        summary_en="",
    )
    out = ground_summary(summary, ARTICLE)
    assert "123456" not in out.summary_vi and "14" in out.summary_vi and "14" in out.summary_en


def test_free_text_is_bounded_and_the_cut_is_said():
    long = "Xã kết nạp 14 đảng viên. " * 1000
    out = ground_summary(
        ArticleSummary(
            numeric_results=[NumericResult(value=14, evidence="kết nạp được 14 đảng viên")],
            summary_vi=long,
            solutions=[Finding(text="Giao chỉ tiêu. " * 200, category="x", evidence="giao chỉ tiêu")],
        ),
        ARTICLE,
    )
    assert len(out.summary_vi) <= MAX_SUMMARY_CHARS and out.summary_vi.endswith("đảng viên.")
    assert len(out.solutions[0].text) <= MAX_ITEM_TEXT_CHARS
    assert any(w.startswith(f"summary_vi cut to {MAX_SUMMARY_CHARS} of {len(long)}") for w in out.warnings)
    assert any(w.startswith("solution text cut to") for w in out.warnings)


def test_a_quote_that_leaves_out_a_percentages_sign_keeps_its_value():
    text = "Đảng viên là người dân tộc thiểu số chiếm trên 80% tổng số đảng viên toàn xã."
    quote = "người dân tộc thiểu số chiếm trên 80"
    at = text.index(quote)
    assert value_problem([80], text, (at, at + len(quote))) is None
    assert value_problem([8], text, (at, at + len(quote) - 1)) is not None  # a number cut is not its value
