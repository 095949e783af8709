"""Checks every engine's output must pass, whatever the model said (shared by the model tests)."""

from summarizer.vietnamese.numbers import result_values


def assert_grounded(article_text, summary):
    """Every item quotes the article at its span; every number is a count or percentage in its quote."""
    for item in [*summary.difficulties, *summary.solutions, *summary.numeric_results]:
        assert article_text[item.span[0] : item.span[1]] == item.evidence
    for n in summary.numeric_results:
        values = {round(float(v), 4) for v in (n.value, n.value_min, n.value_max) if v is not None}
        assert values <= result_values(n.evidence)
    loc = summary.locality
    if loc is not None and loc.evidence:
        assert article_text[loc.span[0] : loc.span[1]] == loc.evidence
