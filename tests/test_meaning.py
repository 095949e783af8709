"""The key figure and the years check of :mod:`summarizer.meaning`, and their place in grounding."""

import datetime as dt

from summarizer.ground import ground_summary
from summarizer.meaning import backed_years, with_key
from summarizer.models import ArticleSummary, NumericResult


def admitted(value, years, **fields):
    fields = {"metric": "members_admitted", "evidence": f"kết nạp {value} đảng viên", **fields}
    return NumericResult(value=value, years=years, **fields)


def key_of(numbers, published=None, text=None):
    keys = [n.value for n in with_key(numbers, published, text) if n.key]
    assert len(keys) <= 1
    return keys[0] if keys else None


def test_the_most_recent_period_wins():
    assert (
        key_of([admitted(120, (2022, 2022)), admitted(131, (2023, 2023)), admitted(90, (2021, 2021))]) == 131
    )


def test_a_single_year_beats_a_multi_year_total_ending_the_same_year():
    assert key_of([admitted(498, (2020, 2023)), admitted(172, (2023, 2023))]) == 172
    # ... even when the single year is a rounded figure and the total an exact one.
    assert key_of([admitted(498, (2020, 2023)), admitted(170, (2023, 2023), qualifier="hơn")]) == 170
    # Of two figures for the same year, the exact one is the headline.
    assert key_of([admitted(170, (2023, 2023), qualifier="hơn"), admitted(172, (2023, 2023))]) == 172


def test_a_period_running_to_now_ends_at_the_articles_time():
    numbers = [admitted(812, (2020, None)), admitted(291, (2022, 2022))]
    assert key_of(numbers, dt.date(2023, 5, 1)) == 812
    # Published the year of the single-year figure: the single year wins the tie.
    assert key_of(numbers, dt.date(2022, 12, 30)) == 291
    # No date: the article's time is the latest year it states.
    assert key_of(numbers, None, "Năm 2022 kết nạp 291. Năm 2025 sẽ kết nạp 300.") == 812


def test_only_the_main_units_actual_admissions_can_be_key():
    others = [
        admitted(30, (2024, 2024), basis="target"),
        admitted(25, (2023, 2023), basis="average"),
        admitted(11, (2023, 2023), scope="part"),
        NumericResult(value=3920, metric="members_total", evidence="3.920 đảng viên", years=(2023, 2023)),
    ]
    assert key_of(others) is None
    assert key_of([*others, admitted(7, (2019, 2019))]) == 7


def test_an_engines_key_is_not_trusted():
    wrong = [admitted(30, (2024, 2024), basis="target", key=True), admitted(26, (2023, 2023), key=True)]
    assert [n.key for n in with_key(wrong)] == [False, True]


ARTICLE = "Năm 2023, Đảng bộ xã kết nạp 26 đảng viên. Xã có 14 chi bộ trực thuộc."


def test_years_not_written_where_they_govern_the_figure_are_cleared():
    warnings: list[str] = []
    start = ARTICLE.index("kết nạp 26")
    backed = NumericResult(
        value=26, evidence="kết nạp 26 đảng viên", span=(start, start + 20), years=(2023, 2023)
    )
    invented = backed.model_copy(update={"years": (2021, 2023)})
    kept, cleared = backed_years([backed, invented], ARTICLE, None, warnings)
    assert kept.years == (2023, 2023)
    assert cleared.years is None and len(warnings) == 1 and "2021" in warnings[0]


def test_grounding_checks_years_and_rederives_the_key():
    summary = ArticleSummary(
        numeric_results=[
            admitted(26, (2022, 2022), evidence="kết nạp 26 đảng viên"),
            NumericResult(value=14, metric="party_cells", evidence="14 chi bộ trực thuộc", key=True),
        ]
    )
    grounded = ground_summary(summary, ARTICLE)
    figures = {n.value: n for n in grounded.numeric_results}
    assert figures[26].years is None  # 2022 is written nowhere near it
    assert figures[26].key and not figures[14].key
