"""Template summaries written from the structured (grounded) fields only.

Shared by the offline engine, which writes its summaries this way, and by grounding, which writes them
when every sentence of a model's summary was dropped: either way every number and place in the text
comes from an item the article backs.
"""

from __future__ import annotations

from .models import Finding, Locality, NumericResult
from .vietnamese import taxonomy


def _place(loc: Locality | None, lang: str) -> str:
    if loc is None or not loc.province:
        return "một địa phương" if lang == "vi" else "an unnamed locality"
    parts = [p for p in (loc.commune, loc.district, loc.province) if p]
    return ", ".join(parts)


def _top(findings: list[Finding], limit: int = 3) -> list[str]:
    return list(dict.fromkeys(f.category for f in findings))[:limit]


def summaries(
    loc: Locality | None, diff: list[Finding], sol: list[Finding], nums: list[NumericResult]
) -> tuple[str, str]:
    """Template summaries in Vietnamese and English built from the structured fields."""
    place_vi, place_en = _place(loc, "vi"), _place(loc, "en")
    key = [n for n in nums if n.metric in ("members_admitted", "target_pct")][:2] or nums[:2]
    vi = [f"Công tác phát triển đảng viên ở {place_vi}."]
    en = [f"Party-member development in {place_en}."]
    if key:
        vi.append(
            "Kết quả: "
            + "; ".join(taxonomy.figure(n) + (f" ({n.period})" if n.period else "") for n in key)
            + "."
        )
        en.append("Results: " + "; ".join(taxonomy.figure(n, "en") for n in key) + ".")
    if diff:
        vi.append("Khó khăn: " + "; ".join(taxonomy.label(c, "vi").lower() for c in _top(diff)) + ".")
        en.append("Difficulties: " + "; ".join(taxonomy.label(c, "en").lower() for c in _top(diff)) + ".")
    if sol:
        vi.append("Giải pháp: " + "; ".join(taxonomy.label(c, "vi").lower() for c in _top(sol)) + ".")
        en.append("Solutions: " + "; ".join(taxonomy.label(c, "en").lower() for c in _top(sol)) + ".")
    return " ".join(vi), " ".join(en)
