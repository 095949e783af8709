"""Template summaries written from the structured (grounded) fields only.

Shared by the offline engine, which writes its summaries this way, and by grounding, which writes them
when every sentence of a model's summary was dropped: either way every number and place in the text
comes from an item the article backs.
"""

from __future__ import annotations

import re

from .models import Finding, Locality, NumericResult
from .vietnamese import taxonomy


def _place(loc: Locality | None, lang: str) -> str:
    if loc is None or not loc.province:
        return "một địa phương" if lang == "vi" else "an unnamed locality"
    parts = [p for p in (loc.commune, loc.district, loc.province) if p]
    return ", ".join(parts)


# Units below each level: a figure whose subject names one is that unit's, not the main locality's.
_BELOW = {
    "province": r"huyện|quận|thị xã|xã|phường|thị trấn|thôn|bản|xóm|ấp|tổ dân phố|chi bộ",
    "district": r"xã|phường|thị trấn|thôn|bản|xóm|ấp|tổ dân phố|chi bộ",
    "commune": r"thôn|bản|xóm|ấp|tổ dân phố|chi bộ",
}
_WHOLE = {
    "province": r"toàn tỉnh|tỉnh",
    "district": r"toàn huyện|huyện|quận|thị xã",
    "commune": r"toàn xã|xã|phường",
}


def _level_rank(n: NumericResult, loc: Locality | None) -> int:
    """0: the figure is the main locality's; 1: it does not say whose; 2: a lower unit's."""
    if loc is None or not loc.level or not n.subject:
        return 1
    subject = n.subject.lower()
    name = {"province": loc.province, "district": loc.district, "commune": loc.commune}.get(loc.level)
    names_main = bool(name and name.lower() in subject)
    names_whole = re.search(rf"(?:^|\s)(?:{_WHOLE[loc.level]})(?:\s|$)", subject)
    names_below = re.search(rf"(?:^|\s)(?:{_BELOW[loc.level]})(?:\s|$)", subject)
    if names_main or (names_whole and not names_below):
        return 0
    return 2 if names_below else 1


def key_figures(nums: list[NumericResult], loc: Locality | None, limit: int = 2) -> list[NumericResult]:
    """The results a summary leads with: admissions and target rates of the main locality first (a
    commune's figures are not presented as its district's), then whatever figures there are."""
    ranked = sorted(
        (n for n in nums if n.metric in ("members_admitted", "target_pct")), key=lambda n: _level_rank(n, loc)
    )
    own = [n for n in ranked if _level_rank(n, loc) < 2]
    return (own or ranked or nums)[:limit]


def _top(findings: list[Finding], limit: int = 3) -> list[str]:
    return list(dict.fromkeys(f.category for f in findings))[:limit]


def summaries(
    loc: Locality | None, diff: list[Finding], sol: list[Finding], nums: list[NumericResult]
) -> tuple[str, str]:
    """Template summaries in Vietnamese and English built from the structured fields."""
    place_vi, place_en = _place(loc, "vi"), _place(loc, "en")
    key = key_figures(nums, loc)
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
