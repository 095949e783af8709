import pytest

from summarizer.ground import Grounder, ground_summary
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
