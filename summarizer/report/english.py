"""English for what an item or a headline says, composed from the structured fields without machine
translation. The vocabulary of places, periods, units and qualifiers is :mod:`summarizer.wording`'s;
this module uses it for the English briefs and the digest.
"""

from __future__ import annotations

from ..models import ArticleSummary, Finding, NumericResult
from ..vietnamese import taxonomy
from ..wording import figure as figure_text
from ..wording import key_figure, place, places_in, value_en


def figures_in(finding: Finding, numbers: list[NumericResult]) -> list[str]:
    """The summary's figures whose quote lies inside this finding's quote, in English."""
    out = []
    for n in numbers:
        if finding.span is not None and n.span is not None:
            inside = finding.span[0] <= n.span[0] and n.span[1] <= finding.span[1]
        else:
            inside = bool(n.evidence) and n.evidence in finding.evidence
        if inside and (text := value_en(n)) not in out:
            out.append(text)
    return out


def finding_en(finding: Finding, summary: ArticleSummary) -> str:
    """What a finding says in English: a model's ``text_en`` when it is more than the label, otherwise the
    figures and the places its quote contains (not the article's own place, which the brief already gives;
    '' when there is nothing else)."""
    label = taxonomy.label(finding.category, "en")
    if finding.text_en and finding.text_en.strip() and finding.text_en != label:
        return finding.text_en
    own = set(place(summary.locality, "en").split(", "))
    figures = ", ".join(figures_in(finding, summary.numeric_results))
    places = ", ".join(p for p in places_in(finding.evidence) if p not in own)
    return "; ".join(part for part in (figures, f"in {places}" if places else "") if part)


def headline_en(summary: ArticleSummary) -> str:
    """An English headline from the structured fields: place, the key figure and its period.

    'Lũng Cú commune, Hà Giang province: 9 party members admitted in 2022'; without a key figure
    'Lũng Cú commune, Hà Giang province: party-member development (2022)'. A model's ``title_en`` is
    used instead when there is one."""
    if summary.title_en and summary.title_en.strip():
        return summary.title_en
    where = place(summary.locality, "en", short=True) or "Unknown locality"
    figure = key_figure(summary.numeric_results) if summary.relevant else None
    if figure is None:
        year = f" ({summary.published.year})" if summary.published else ""
        topic = "party-member development" if summary.relevant else "not about party-member development"
        return f"{where}: {topic}{year}"
    return f"{where}: {figure_text(figure, 'en')}"
