"""The matching rules on their own: names, quotes, values, and one-to-one pairing."""

import unicodedata

import pytest

from summarizer.evaluation.figures import number_key, numbers_in, parse_number
from summarizer.evaluation.match import (
    DICE_THRESHOLD,
    contains,
    dice,
    grounded,
    is_noise,
    pair_up,
    place_key,
    quote_score,
    same_number,
    same_value,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [("huyện Sa Pa", "sa pa"), ("Thị xã Sa Pa", "sa pa"), ("TP. Lào Cai", "lào cai"), ("xã  Mường Hoa", "mường hoa"),
     ("Thành phố Hồ Chí Minh", "hồ chí minh"), ("Lào Cai", "lào cai"), (None, None), ("", None)],
)  # fmt: skip
def test_place_names_lose_their_administrative_word(name, key):
    assert place_key(name) == key


def test_decomposed_tone_marks_compare_equal():
    decomposed = unicodedata.normalize("NFD", "Mường Hoa")
    assert place_key(decomposed) == place_key("Mường Hoa")
    assert dice(decomposed, "mường hoa") == 1.0


def test_quote_threshold_and_containment():
    gold = "giao chỉ tiêu kết nạp cho từng chi bộ"
    assert (
        quote_score("Đảng ủy xã đã giao chỉ tiêu kết nạp cho từng chi bộ và mở lớp", gold) >= 1.0
    )  # contains
    assert quote_score("chỉ tiêu kết nạp", "chỉ tiêu kết nạp cho chi bộ") is not None
    # Short shared fragments are not containment, and little overlap is no match.
    assert not contains("chi bộ", "mỗi chi bộ có 3 đảng viên")
    assert quote_score("mở lớp bồi dưỡng nhận thức về Đảng", gold) is None
    # Exactly at the threshold matches: {a b} vs {a b c d e f g h} has Dice 4/10 = 0.4.
    assert dice("a b", "a b c d e f g h") == pytest.approx(DICE_THRESHOLD)
    assert quote_score("a b", "a b c d e f g h") is not None
    assert quote_score("a b", "a b c d e f g h i") is None


def test_grounding_ignores_whitespace_and_case():
    article = "Đảng ủy xã đã giao chỉ tiêu\nkết nạp cho   từng chi bộ."
    assert grounded("giao chỉ tiêu kết nạp cho từng chi bộ", article)
    assert grounded("GIAO CHỈ TIÊU", article)
    assert not grounded("giao chỉ tiêu cho từng chi bộ", article)
    assert not grounded("   ", article)


def test_noise_needs_a_close_resemblance():
    noise = ["Lào Cai khai trương chợ phiên vùng cao"]
    assert is_noise("Tin liên quan: Lào Cai khai trương chợ phiên vùng cao", noise)
    assert not is_noise("Lào Cai có 312 đảng viên", noise)


@pytest.mark.parametrize(
    ("pred", "gold", "same"),
    [(86.2, 86.2, True), (86.19999, 86.2, True), (86.24, 86.2, True), (86.26, 86.2, False),
     (80.4, 80, False), (80.0, 80, True), (3753, 3753, True), (3752, 3753, False)],
)  # fmt: skip
def test_rounding_tolerance_only_for_decimal_gold(pred, gold, same):
    assert same_value(pred, gold) is same


def test_ranges_match_only_ranges():
    assert same_number((3, 4), (3, 4))
    assert not same_number((3, 3), (3, 4))
    assert not same_number((3, 4), (4, 4))
    assert number_key(None, 3, 4) == (3, 4)
    assert number_key(7) == (7, 7)
    assert number_key(None, 5, None) == (5, 5)  # half-open range: the value it has
    assert number_key(None) is None


@pytest.mark.parametrize(
    ("token", "value"), [("3.753", 3753), ("124,3", 124.3), ("1.234,5", 1234.5), ("2.5", 2.5), ("12", 12)]
)
def test_vietnamese_number_notation(token, value):
    assert parse_number(token) == value


def test_numbers_in_text_reads_digits_scales_and_words():
    found = numbers_in("Có 3.753 đảng viên, đạt 124,3%; thu 1,2 triệu đồng; mười lăm quần chúng; "
                       "hai mươi lăm chi bộ; một trăm linh năm hộ; 7/9 xã")  # fmt: skip
    assert {3753, 124.3, 1_200_000, 15, 25, 105, 7, 9} <= found
    # 'năm' alone is 'year', not five; 'hai ba' is two numbers, not five.
    assert 5 not in numbers_in("năm nay, hai ba người")
    assert {2, 3} <= numbers_in("hai ba người") and {2, 3} <= numbers_in("hai, ba")


def test_pairing_is_one_to_one_and_a_duplicate_is_left_over():
    gold = ["giao chỉ tiêu kết nạp cho từng chi bộ"]
    pred = [gold[0], gold[0]]
    pairing = pair_up(pred, gold, quote_score)
    assert [(p, g) for p, g, _ in pairing.pairs] == [(0, 0)]
    assert pairing.unmatched_pred() == [1] and pairing.unmatched_gold() == []


def test_pairing_takes_the_best_pair_first():
    gold = ["mở lớp bồi dưỡng nhận thức về Đảng", "giao chỉ tiêu kết nạp cho từng chi bộ"]
    pred = ["giao chỉ tiêu kết nạp", "giao chỉ tiêu kết nạp cho từng chi bộ"]
    pairing = pair_up(pred, gold, quote_score)
    assert {(p, g) for p, g, _ in pairing.pairs} == {(1, 1)}  # the exact quote wins gold 1


def test_an_equal_tie_goes_to_the_required_gold_item():
    gold = [("same words here", True), ("same words here", False)]  # (quote, optional)
    pairing = pair_up(["same words here"], gold, lambda p, g: quote_score(p, g[0]), optional=lambda g: g[1])
    assert pairing.matched_gold == {1}


def test_numbers_pair_in_reading_order_as_the_reference_does():
    from summarizer.evaluation.match import pair_in_order

    scores = {(0, 0): 0.6, (0, 1): 0.5, (1, 0): 0.9, (1, 1): 0.1}
    pairing = pair_in_order([0, 1], [0, 1], lambda p, g: scores[(p, g)])
    # the first prediction takes its best free gold item, though the second would have fitted it better
    assert [(p, g) for p, g, _ in pairing.pairs] == [(0, 0), (1, 1)]
    assert [(p, g) for p, g, _ in pair_up([0, 1], [0, 1], lambda p, g: scores[(p, g)]).pairs] == [
        (1, 0),
        (0, 1),
    ]
    tie = pair_in_order([0], [0, 1], lambda p, g: 0.5)
    assert [(p, g) for p, g, _ in tie.pairs] == [(0, 0)]  # on equal scores the first gold item
