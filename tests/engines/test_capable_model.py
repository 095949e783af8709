"""A capable model costs one call per article and loses nothing, even with the deviations real models make.

The stand-in (tests/standin.py) answers with the gold annotations of ../shared/gold; the deviations are
applied by rule to every item, never tuned to an article. Skipped when ../shared is absent.
"""

import pytest
from conftest import SHARED
from standin import INVENTED_VALUE, Article, CapableModel, answer_for, deviate, load_articles, run

pytestmark = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="needs ../shared/gold and corpus")


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return load_articles(SHARED / "gold", SHARED / "corpus")


# Measured 1.000 exact and 0.999 realistic and sloppy on the 25 shared articles (the quotes miscopied beyond
# repair are dropped, not re-asked).
OVERALL_FLOOR = 0.99


def test_exact_gold_costs_one_call_per_article_and_keeps_its_meaning(articles):
    result = run(SHARED, "exact", articles)
    assert result.calls_per_article <= 1.02
    assert {r["obtained"] for r in result.records} == {"first_answer"}
    assert result.f1 >= OVERALL_FLOOR
    assert result.meaning >= 0.97  # basis, scope, years, key and categories survive the engine


def test_realistic_deviations_are_repaired_not_reasked(articles):
    result = run(SHARED, "realistic", articles)
    assert result.calls_per_article <= 1.05, result.model.reasks
    assert result.f1 >= OVERALL_FLOOR and result.meaning >= 0.97
    items = [i for r in result.records if r["summary"] for k in ("difficulties", "solutions", "numeric_results")
             for i in r["summary"][k]]  # fmt: skip
    assert {i["alignment"] for i in items} == {"exact", "repaired", "fuzzy"}


def test_a_sloppy_answer_is_repaired_and_its_junk_dropped_not_reasked(articles):
    result = run(SHARED, "sloppy", articles)
    assert result.calls_per_article <= 1.10, result.model.reasks
    assert result.f1 >= OVERALL_FLOOR and result.meaning >= 0.97
    summaries = [r["summary"] for r in result.records if r["summary"] and r["summary"]["relevant"]]
    values = {n.get("value") for s in summaries for n in s["numeric_results"]}
    assert INVENTED_VALUE not in values  # the extra figure its quote does not state is dropped...
    assert not any(str(INVENTED_VALUE) in s["summary_vi"] for s in summaries)  # ...and the invented sentence
    assert all(any("dropped" in w and str(INVENTED_VALUE) in w for w in s["warnings"]) for s in summaries)
    assert all(s["locality"] and s["locality"]["province"] for s in summaries)  # places read without marks


def test_the_standin_knows_which_article_is_asked_about_and_deviates_by_rule(articles):
    model = CapableModel(articles, "realistic")
    for article in articles:
        sent = f"Article:\n<article>\n{article.text}\n</article>"
        assert model.article_of(sent).stem == article.stem
    relevant = next(a for a in articles if a.gold.get("relevant") is not False)
    answer = answer_for(relevant, "realistic")
    assert answer["locality"]["province"].startswith("tỉnh ")
    quotes = [n["evidence"] for n in answer["numeric_results"]]  # the numbers take the first turns
    assert quotes[0].startswith("“") and quotes[1].endswith(".")
    assert all(isinstance(n.get("value", n.get("value_min")), str) for n in answer["numeric_results"])
    assert deviate("một hai ba bốn năm sáu bảy tám chín", 2) == "một hai ba ... sáu bảy tám chín"
