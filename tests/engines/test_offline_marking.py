"""The offline engine marks difficulties and measures as an annotator does (sentences written for these tests):
an intro announcing limitations, difficulties conceded before a result and a new member's story are no
findings; an enumeration's ordinal, a cause list's lead and a goal's listed targets are cut as annotators cut."""

from summarizer.engines.offline.classify import extract_findings
from summarizer.engines.offline.clauses import clauses
from summarizer.engines.offline.lexicon import view_of

REPORT = (
    "Xã Phú Lương kết nạp 14 đảng viên trong năm 2024, đạt 116% chỉ tiêu.\n\n"
    "Dù địa bàn còn nhiều khó khăn, các thôn vùng cao vẫn duy trì kết nạp đều hằng năm. "
    "Bên cạnh kết quả đạt được, công tác phát triển đảng viên của xã vẫn còn một số hạn chế. "
    "Nhiều thanh niên học xong trung học phổ thông đi làm công nhân ở các khu công nghiệp xa, ít về quê. "
    "Một số chi bộ thôn còn trông chờ cấp trên, chưa chủ động tạo nguồn.\n\n"
    "Đảng ủy xã đã giao chỉ tiêu kết nạp cho từng chi bộ và phân công đảng ủy viên phụ trách các thôn khó.\n\n"
    '"Khi được bí thư chi bộ động viên, em mới mạnh dạn viết đơn xin vào Đảng", một đảng viên trẻ kể.'
)


def test_announced_and_conceded_limitations_are_no_difficulties():
    difficulties, _ = extract_findings(REPORT)
    found = [d.evidence for d in difficulties]
    assert any("đi làm công nhân" in e for e in found) and any("trông chờ" in e for e in found)
    assert not any("một số hạn chế" in e for e in found)
    assert not any("vẫn duy trì kết nạp" in e for e in found)


def test_a_new_members_story_is_no_measure():
    _, solutions = extract_findings(REPORT)
    found = [s.evidence for s in solutions]
    assert any("giao chỉ tiêu kết nạp cho từng chi bộ" in e for e in found)
    assert not any("mạnh dạn viết đơn" in e for e in found)


def _clauses(text: str, folded: bool = False) -> list[str]:
    return [c.text for c in clauses(text, view=view_of(text, folded), folded=folded)]


def test_an_enumerations_ordinal_and_a_framing_phrase_are_not_part_of_the_measure():
    assert _clauses("Hai là, tăng cường cán bộ là đảng viên về sinh hoạt tại các thôn ít đảng viên.") == [
        "tăng cường cán bộ là đảng viên về sinh hoạt tại các thôn ít đảng viên"
    ]
    assert _clauses("Nắm bắt thực tế đó, chi bộ xây dựng kế hoạch tạo nguồn từ lớp 10.") == [
        "chi bộ xây dựng kế hoạch tạo nguồn từ lớp 10"
    ]


def test_typed_without_diacritics_theo_dong_chi_is_not_theo_do():
    [clause] = _clauses("Theo dong chi Bi thu Dang uy, tao nguon trong hoc sinh khong he de.", folded=True)
    assert clause.startswith("Theo dong chi")


def test_a_cause_list_starts_after_its_lead_and_a_second_predicate_stays_with_its_subject():
    text = (
        "Nguyên nhân của hạn chế trên, trước hết là một số cấp ủy, chi bộ chưa quan tâm đúng mức, "
        "còn tư tưởng ngại khó, ngại việc."
    )
    assert _clauses(text) == [
        "một số cấp ủy, chi bộ chưa quan tâm đúng mức, còn tư tưởng ngại khó, ngại việc"
    ]


def test_a_goal_listing_its_targets_is_one_measure():
    text = "Năm 2026, Đảng bộ xã phấn đấu kết nạp từ 30 đảng viên trở lên, thành lập mới 2 chi bộ ở các thôn còn ghép."
    assert len(_clauses(text)) == 1
    # while a list of measures is still cut at the verb that opens the next one
    measures = (
        "Đảng ủy rà soát nguồn kết nạp ở từng thôn trên toàn địa bàn xã, "
        "thành lập tổ công tác gặp gỡ từng quần chúng ưu tú ở các thôn xa."
    )
    assert len(_clauses(measures)) == 2
