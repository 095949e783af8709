"""Tests that catch breaks an audit made on purpose and no test noticed (issue #24); each is named in
``scripts/breaks.py`` as the guard of its break."""

import asyncio
import time

import pytest
from texts import ARTICLE, GOOD_ANSWER

import summarizer
from summarizer import wording
from summarizer.align import Grounder
from summarizer.batch.export import inert
from summarizer.clean import clean
from summarizer.ground import ground_summary
from summarizer.models import ArticleSummary
from summarizer.settings import Settings

BODY = (
    "Năm 2023, Đảng bộ xã chưa hoàn thành chỉ tiêu kết nạp đảng viên mới do nguồn quần chúng ưu tú ở thôn "
    "bản còn ít. Trong năm, xã đã kết nạp được 14 đảng viên mới."
)


def test_a_quote_that_says_more_than_the_article_is_not_aligned_fuzzily():
    grounder = Grounder(BODY)
    assert grounder.locate("Đảng bộ xã chưa hoàn thành chỉ tiêu kết nạp đảng viên mơi") is not None  # a typo
    assert grounder.locate("Đảng bộ xã đã hoàn thành vượt chỉ tiêu kết nạp đảng viên mới") is None
    assert grounder.locate("nguồn quần chúng ưu tú ở thôn bản còn rất nhiều") is None  # the article: "còn ít"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_number_of_a_summary_sentence_is_checked_not_only_the_first(lang):
    sentence = {
        "vi": "Xã kết nạp 14 đảng viên mới và 999 quần chúng ưu tú.",
        "en": "The commune admitted 14 new members and 999 candidates.",
    }[lang]
    grounded = ground_summary(ArticleSummary(**{f"summary_{lang}": sentence}), BODY)
    assert "999" not in getattr(grounded, f"summary_{lang}")
    assert any("999" in w for w in grounded.warnings)
    backed = sentence.split(" và ")[0].split(" and ")[0] + "."
    assert (
        getattr(ground_summary(ArticleSummary(**{f"summary_{lang}": backed}), BODY), f"summary_{lang}")
        == backed
    )


# Each period rule of wording.py, in the rules' order, with what it gives.
PERIODS = [
    ("mỗi năm", "per year"),
    ("hằng tháng", "per month"),
    ("nhiệm kỳ 2020-2025", "2020–2025 term"),
    ("giai đoạn 2021 – 2025", "2021–2025"),
    ("từ năm 2020 đến nay", "2020 to date"),
    ("từ năm 2018", "since 2018"),
    ("trong năm 2022", "2022"),
    ("đến năm 2025", "by 2025"),
    ("trước năm 2020", "before 2020"),
    ("sau năm 2015", "after 2015"),
    ("trong 5 năm qua", "over the past 5 years"),
    ("trong 3 năm", "over 3 years"),
    ("quý III/2023", "Q3 2023"),
    ("tháng 6/2024", "June 2024"),
    ("6 tháng đầu năm 2023", "first 6 months of 2023"),
    ("9 tháng đầu năm", "first 9 months of the year"),
    ("2021", "2021"),
]


@pytest.mark.parametrize(("period", "en"), PERIODS)
def test_every_period_rule_gives_its_english(period, en):
    assert wording.period_en(period) == en


def test_the_period_table_reaches_every_rule():
    first = [
        next(i for i, (rx, _) in enumerate(wording._PERIODS) if rx.fullmatch(wording._plain(p)))
        for p, _ in PERIODS
    ]
    assert first == list(range(len(wording._PERIODS)))


def test_the_scripted_model_never_really_sleeps(monkeypatch):
    """The testing kit's waits are virtual: a suite with many 429s and 5xx costs no wall time."""
    from summarizer.testing import ScriptedModel, rate_limited, server_error

    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def watched(seconds: float, *args: object) -> object:
        if seconds > 0:
            slept.append(seconds)
        return await real_sleep(0, *args)

    monkeypatch.setattr(asyncio, "sleep", watched)
    monkeypatch.setattr(time, "sleep", slept.append)
    model = ScriptedModel(rate_limited(retry_after=30), server_error(503), GOOD_ANSWER)
    assert summarizer.summarize(ARTICLE, engine=model.engine()).solutions
    assert model.waits and model.waits[0] == 30.0
    assert slept == []


def test_a_long_paragraph_that_opens_like_a_form_line_is_kept():
    lead = "Đảng bộ xã Tân Lập tổ chức hội nghị tổng kết công tác phát triển đảng viên năm 2023 với nhiều cán bộ."
    long = (
        "Chia sẻ về kinh nghiệm, Bí thư Đảng ủy xã cho biết xã đã giao chỉ tiêu cụ thể cho từng chi bộ, gắn "
        "trách nhiệm của người đứng đầu với kết quả kết nạp đảng viên mới hằng năm."
    )
    cleaned = clean(f"{lead}\n\n{long}\n\nChia sẻ\n\nBình luận của bạn\n")
    assert long in cleaned.text
    assert "Bình luận của bạn" not in cleaned.text  # the short form lines still go


def test_a_short_paragraph_repeated_inside_a_later_one_is_no_teaser():
    short = "Đây là kết quả đáng ghi nhận."
    text = (
        "Đảng bộ xã Tân Lập tổ chức hội nghị tổng kết công tác phát triển đảng viên năm 2023 với nhiều cán bộ.\n\n"
        f"{short}\n\nTrong năm, xã đã kết nạp được 14 đảng viên mới, vượt chỉ tiêu cấp trên giao. "
        "Đây là kết quả đáng ghi nhận của cả hệ thống chính trị xã.\n"
    )
    assert f"\n\n{short}\n\n" in clean(text).text


def test_openai_base_url_is_read_as_the_base_url(monkeypatch):
    for name in ("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1")
    assert Settings().base_url == "http://127.0.0.1:8080/v1"
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:9090/v1")
    assert Settings().base_url == "http://127.0.0.1:9090/v1"  # ours first


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"])
def test_every_formula_start_is_made_inert_in_csv(start):
    assert inert(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert inert(f"a{start}1") == f"a{start}1" and inert(14) == 14


def test_the_settings_are_the_one_source_of_the_model_servers_url(monkeypatch):
    """Settings built in code without a base URL go to OpenAI, whatever OPENAI_BASE_URL says: the SDK is
    always handed the URL and never reads the environment itself."""
    import httpx

    from summarizer.clean import clean
    from summarizer.engines.llm import LLMEngine
    from summarizer.errors import LLMAuthError

    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    asked: list[httpx.URL] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        asked.append(request.url)
        return httpx.Response(401, json={"error": {"message": "no", "type": "invalid_request_error"}})

    settings = Settings(engine="llm", model="m", base_url=None, api_key="sk-guards-0000000000000000")
    engine = LLMEngine(settings, http_transport=httpx.MockTransport(refuse))
    with pytest.raises(LLMAuthError):
        engine.summarize(clean(ARTICLE))
    assert asked and all(url.host == "api.openai.com" for url in asked)
    assert settings.endpoint == "https://api.openai.com/v1"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"relevant": true}', {"relevant": True}),
        ('```json\n{"relevant": true}\n```', {"relevant": True}),
        ('The article says {"quoted": 1} and so: {"relevant": false}', {"relevant": False}),
        ("no JSON at all", None),
        ("[1, 2]", None),
        ("", None),
    ],
)
def test_a_models_json_object_is_the_last_complete_one_in_its_answer(raw, expected):
    from summarizer.engines.llm.answer import json_object

    assert json_object(raw) == expected


def test_a_fuzzy_quote_never_drops_or_adds_a_negation():
    grounder = Grounder(BODY)
    # 93% like the article's sentence, and its opposite: not aligned.
    assert grounder.locate("Đảng bộ xã đã hoàn thành chỉ tiêu kết nạp đảng viên mới") is None
    assert grounder.locate("Đảng bộ xã chưa hoàn thành chỉ tiêu kết nạp đảng viên mơi") is not None
