import pytest
from contract import items_of
from texts import ARTICLE

from summarizer import summarize
from summarizer.clean import clean
from summarizer.engines.offline import OfflineEngine, summarize_clean
from summarizer.engines.offline.classify import extract_findings
from summarizer.engines.offline.summary import is_relevant
from summarizer.load import load_file
from summarizer.pipeline import run_engine
from summarizer.vietnamese.figures import extract_numbers
from summarizer.vietnamese.numbers import result_values
from summarizer.vietnamese.taxonomy import CATEGORIES, categorize, codes, label


def test_taxonomy_codes_are_unique_and_bilingual():
    seen = [c.code for c in CATEGORIES]
    assert len(seen) == len(set(seen))
    assert all(c.label_vi and c.label_en and c.cues for c in CATEGORIES)
    assert {
        "youth_migration",
        "low_education",
        "weak_party_cells",
        "few_candidates",
        "remote_area",
        "covid",
    } <= set(codes("difficulty"))
    assert {
        "thematic_resolution",
        "targets_assigned",
        "training_classes",
        "assign_mentors",
        "mass_organisations",
    } <= set(codes("solution"))
    assert label("youth_migration", "en") == "Young people work away from home"
    assert label("made_up_code") == "made up code"


@pytest.mark.parametrize(
    ("clause", "kind", "code"),
    [
        ("phần lớn thanh niên đi làm ăn xa nên thiếu nguồn", "difficulty", "youth_migration"),
        ("trình độ văn hóa của quần chúng còn thấp", "difficulty", "low_education"),
        ("năng lực của cấp ủy chi bộ còn yếu", "difficulty", "weak_party_cells"),
        ("dịch Covid-19 kéo dài nên không tổ chức được lớp học", "difficulty", "covid"),
        ("mở 2 lớp bồi dưỡng nhận thức về Đảng", "solution", "training_classes"),
        ("giao chỉ tiêu kết nạp cho từng chi bộ", "solution", "targets_assigned"),
        ("phân công đảng viên theo dõi, giúp đỡ quần chúng ưu tú", "solution", "assign_mentors"),
        (
            "giao Đoàn Thanh niên, Hội Phụ nữ giới thiệu đoàn viên, hội viên ưu tú",
            "solution",
            "mass_organisations",
        ),
    ],
)
def test_categorize(clause, kind, code):
    assert categorize(clause, kind) == code


def test_numbers_have_units_metrics_and_never_years_or_documents():
    text = (
        "Thực hiện Chỉ thị 36-CT/TU, giai đoạn 2016 - 2020, Đảng bộ huyện kết nạp được 746 đảng viên, đạt 124,3% chỉ tiêu. "
        "Mỗi năm chỉ kết nạp được 3 - 4 đảng viên. Đảng bộ có 23 tổ chức cơ sở đảng, 184 chi bộ trực thuộc. "
        "Năm 2021 mở lớp cho 27 quần chúng ưu tú. Thôn Nà Sản 4, xã có 100% bản có chi bộ. Trong 10 năm qua, nâng số chi bộ lên 12."
    )
    got = {(n.value, n.value_min, n.value_max, n.unit, n.metric) for n in extract_numbers(text)}
    assert got == {
        (746, None, None, "đảng viên", "members_admitted"),
        (124.3, None, None, "%", "target_pct"),
        (None, 3, 4, "đảng viên", "members_admitted"),
        (23, None, None, "tổ chức cơ sở đảng", "party_orgs"),
        (184, None, None, "chi bộ trực thuộc", "party_cells"),
        (27, None, None, "quần chúng ưu tú", "candidates_trained"),
        (100, None, None, "%", "villages"),
        (12, None, None, "chi bộ", "party_cells"),
    }
    for n in extract_numbers(text):  # each span holds its own figure, written as the article writes it
        assert text[n.span[0] : n.span[1]] == n.evidence
        values = {round(float(v), 4) for v in (n.value, n.value_min, n.value_max) if v is not None}
        assert values <= result_values(text[n.span[0] : n.span[1]])


def test_period_and_subject_are_read_from_the_sentence():
    [n] = extract_numbers("Năm 2020, Đảng bộ xã Mường Lạn kết nạp mới 15 đảng viên.")
    assert n.period == "Năm 2020" and n.subject == "Đảng bộ xã Mường Lạn"


def test_findings_split_measures_and_causes():
    text = (
        "Những năm trước đây công tác phát triển Đảng gặp nhiều khó khăn, nguyên nhân do năng lực của cấp ủy còn yếu, "
        "nguồn kết nạp còn hạn chế, trình độ văn hóa thấp, nhiều quần chúng chưa có động cơ phấn đấu. "
        "Đồng chí Bí thư cho biết: Đảng ủy đã ban hành nghị quyết chuyên đề; giao chỉ tiêu cho từng chi bộ; "
        "mở lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú. Nhờ đó năm 2021 xã kết nạp được 9 đảng viên, góp phần củng cố chi bộ."
    )
    difficulties, solutions = extract_findings(text)
    assert [d.evidence for d in difficulties] == [
        "năng lực của cấp ủy còn yếu",
        "nguồn kết nạp còn hạn chế",
        "trình độ văn hóa thấp, nhiều quần chúng chưa có động cơ phấn đấu",
    ]
    assert [s.category for s in solutions] == ["thematic_resolution", "targets_assigned", "training_classes"]
    assert all(f.text_en == label(f.category, "en") for f in difficulties + solutions)


def test_relevance():
    assert is_relevant(ARTICLE)
    assert not is_relevant("Giá chè búp tươi tăng 15% so với năm trước, nông dân phấn khởi.")


def test_irrelevant_article_has_no_items():
    s = summarize("Giá chè búp tươi dao động từ 8.000 đến 10.000 đồng mỗi ki-lô-gam ở huyện Văn Chấn.")
    assert s.relevant is False
    assert not (s.difficulties or s.solutions or s.numeric_results)


def test_full_summary_of_a_written_article():
    s = summarize(ARTICLE)
    assert (s.locality.province, s.locality.district, s.locality.level) == ("Phú Thọ", "Tân Sơn", "district")
    assert s.title.startswith("Thanh Sơn") and str(s.published) == "2022-04-19"
    assert {n.value for n in s.numeric_results} >= {35, 4120, 3, 150, 210, 105}
    assert {d.category for d in s.difficulties} == {"youth_migration"}
    assert {"thematic_resolution", "targets_assigned", "training_classes", "assign_mentors"} <= {
        x.category for x in s.solutions
    }
    assert "Tân Sơn" in s.summary_vi and "Tân Sơn" in s.summary_en
    assert "Young people work away from home".lower() in s.summary_en.lower()


def _trimmed(item) -> tuple[str, tuple[int, int]]:
    """An item's quote and span without the spaces around it (grounding trims them)."""
    start, end = item.span
    lead = len(item.evidence) - len(item.evidence.lstrip())
    trail = len(item.evidence) - len(item.evidence.rstrip())
    return item.evidence.strip(), (start + lead, end - trail)


def test_every_item_of_every_example_is_grounded_where_the_engine_found_it(examples_dir):
    checked = 0
    for path in sorted(examples_dir.iterdir()):
        doc = load_file(path)
        cleaned = clean(doc.text, title=doc.title, published=doc.published)
        raw = summarize_clean(cleaned)  # the engine's own spans, before the grounding stage
        for item in items_of(raw):
            assert cleaned.text[item.span[0] : item.span[1]] == item.evidence
        grounded = run_engine(OfflineEngine(), cleaned).summary
        # grounding keeps every item at the span the engine found (str.find of its quote), not near it
        assert [(i.evidence, tuple(i.span)) for i in items_of(grounded)] == [
            _trimmed(i) for i in items_of(raw)
        ]
        for item in items_of(grounded):
            assert item.span[0] == cleaned.text.find(item.evidence)
        checked += len(items_of(grounded))
        loc = grounded.locality
        if loc and loc.evidence:
            assert (
                loc.span[0] == cleaned.text.find(loc.evidence)
                and len(loc.evidence) == loc.span[1] - loc.span[0]
            )
        assert grounded.warnings == []  # the offline engine never proposes an item the validator must drop
    assert checked > 20


def test_same_input_gives_the_same_summary():
    assert summarize(ARTICLE) == summarize(ARTICLE)
