from summarizer.ground import Grounder, ground_summary
from summarizer.models import ArticleSummary, Finding, Locality, NumericResult

TEXT = "Đảng uỷ xã đã giao chỉ tiêu cho mỗi chi bộ,   kết nạp 1 đảng viên/năm.\n\nNăm 2021 xã kết nạp được 11 đảng viên."


def test_locate_exact_whitespace_punctuation_and_tone_variants():
    g = Grounder(TEXT)
    for evidence in (
        "giao chỉ tiêu cho mỗi chi bộ",
        "mỗi chi bộ, kết nạp 1 đảng viên",  # whitespace differs
        "mỗi chi bộ kết nạp 1 đảng viên/năm",  # punctuation differs
        "Đảng ủy xã đã giao",  # new-style tone placement
        "ĐẢNG UỶ XÃ ĐÃ GIAO",  # case
    ):
        span = g.locate(evidence)
        assert span is not None, evidence
        assert (
            g.text[span[0] : span[1]]
            .lower()
            .replace("ủy", "uỷ")
            .startswith(evidence.split()[0].lower().replace("ủy", "uỷ"))
        )
    assert g.locate("kết nạp 15 đảng viên") is None
    assert g.locate("") is None


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
    assert TEXT[s.span[0] : s.span[1]] == s.evidence  # evidence is now verbatim article text
    assert [n.value for n in out.numeric_results] == [11]  # 12 is not in its evidence; 2021 is a year
    assert out.locality.evidence is None and out.locality.span is None
    assert len(out.warnings) == 4
    assert any("40 quần chúng" in w for w in out.warnings) and any("[12]" in w for w in out.warnings)
