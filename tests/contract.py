"""Checks every engine's output must pass, whatever the model said (shared by the model tests).

Grounding sets an item's ``evidence`` from its ``span``, so ``text[span] == evidence`` holds even for a
wrong span. These checks compare spans with what the test knows on its own: where ``str.find`` puts the
quotes the test wrote, or the quotes the model sent.
"""

import re
import unicodedata

from summarizer.vietnamese.numbers import result_values


def items_of(summary) -> list:
    return [*summary.difficulties, *summary.solutions, *summary.numeric_results]


def quotes_of(answer: dict) -> list[str]:
    """Every quote of a model answer (a dict in the answer schema's shape)."""
    return [
        i["evidence"] for k in ("difficulties", "solutions", "numeric_results") for i in answer.get(k, [])
    ]


def assert_spans_at(text: str, items: list, quotes: list[str]) -> None:
    """Every item (there must be some) sits exactly where ``str.find`` puts one of ``quotes``, verbatim
    article text the test knows independently of the library."""
    assert items, "no item to check: the test would pass whatever the code did"
    where = {(text.find(q), text.find(q) + len(q)): q for q in quotes if q in text}
    for item in items:
        assert tuple(item.span) in where, (item.span, item.evidence, sorted(where))
        assert item.evidence == where[tuple(item.span)]


def fold(text: str) -> str:
    """Case, whitespace and punctuation ignored (what a model's quote may get wrong and still count)."""
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFC", text)).casefold().strip()


def assert_grounded(article_text, summary, quoted: list[str] | None = None):
    """Every item quotes the article at its span, no span starts or ends inside a word or on a space;
    with ``quoted`` (the quotes the model sent), every span's text is one of them give or take case and
    punctuation. Every number is a count or percentage in its quote."""
    for item in items_of(summary):
        start, end = item.span
        assert article_text[start:end] == item.evidence == item.evidence.strip()
        assert start == 0 or not (article_text[start - 1].isalnum() and article_text[start].isalnum())
        assert end == len(article_text) or not (
            article_text[end - 1].isalnum() and article_text[end].isalnum()
        )
        if quoted is not None:
            assert fold(item.evidence) in {fold(q) for q in quoted}, item.evidence
    for n in summary.numeric_results:
        values = {round(float(v), 4) for v in (n.value, n.value_min, n.value_max) if v is not None}
        assert values <= result_values(n.evidence)
    loc = summary.locality
    if loc is not None and loc.evidence:
        assert article_text[loc.span[0] : loc.span[1]] == loc.evidence
