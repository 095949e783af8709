"""Template summaries written from the structured (grounded) fields only.

The grounding stage writes them, from the fields it kept, when an engine leaves a summary empty (the
offline engine always does) or every sentence of a model's summary was dropped: every number and place
in the text comes from an item the article backs, the key figure (re-derived at grounding) leads the
results, and each figure says what it means (the key result, a target, an average, a part's figure)
with its period, in the words of :mod:`summarizer.wording`.
"""

from __future__ import annotations

from .models import Finding, Locality, NumericResult
from .vietnamese import taxonomy
from .wording import Lang, figure, place


def key_figures(nums: list[NumericResult]) -> tuple[list[NumericResult], list[NumericResult]]:
    """The figures a summary states: its results (the key figure first, then the main locality's other
    actual admissions and target rates, two at most) and one more figure said for what it is (an
    admission target or average of the main locality, else a part's figure when there is no result)."""
    wanted = [n for n in nums if n.metric in ("members_admitted", "target_pct")]
    results = sorted(
        (n for n in wanted if n.scope == "main" and n.basis == "actual"), key=lambda n: not n.key
    )
    others = [n for n in wanted if n.scope == "main" and n.basis != "actual"]
    others += [] if results else [n for n in wanted if n.scope == "part"]
    return results[:2], others[:1]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _top(findings: list[Finding], limit: int = 3) -> list[str]:
    return list(dict.fromkeys(f.category for f in findings))[:limit]


def _where(loc: Locality | None, lang: Lang) -> str:
    named = place(loc, lang) if loc and (loc.province or loc.commune) else ""
    return named or ("một địa phương" if lang == "vi" else "an unnamed locality")


def summaries(
    loc: Locality | None, diff: list[Finding], sol: list[Finding], nums: list[NumericResult]
) -> tuple[str, str]:
    """Template summaries in Vietnamese and English built from the structured fields."""
    results, others = key_figures(nums)
    vi = [f"Công tác phát triển đảng viên ở {_where(loc, 'vi')}."]
    en = [f"Party-member development in {_where(loc, 'en')}."]
    if results:
        vi.append("Kết quả: " + "; ".join(figure(n, "vi") for n in results) + ".")
        en.append("Results: " + "; ".join(figure(n, "en") for n in results) + ".")
    vi += [_sentence(figure(n, "vi")) for n in others]
    en += [_sentence(figure(n, "en")) for n in others]
    if diff:
        vi.append("Khó khăn: " + "; ".join(taxonomy.label(c, "vi").lower() for c in _top(diff)) + ".")
        en.append("Difficulties: " + "; ".join(taxonomy.label(c, "en").lower() for c in _top(diff)) + ".")
    if sol:
        vi.append("Giải pháp: " + "; ".join(taxonomy.label(c, "vi").lower() for c in _top(sol)) + ".")
        en.append("Solutions: " + "; ".join(taxonomy.label(c, "en").lower() for c in _top(sol)) + ".")
    return " ".join(vi), " ".join(en)
