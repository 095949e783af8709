"""Figures about party development in Vietnamese text: counts with a domain unit ("đảng viên", "chi bộ",
"quần chúng ưu tú", "%"...), each with its metric, period, subject and verbatim evidence.

Used by the offline engine to extract results, and by the LLM engine to flag figures a model missed.
Years, dates and document numbers are never figures (:mod:`summarizer.vietnamese.numbers` says which is which).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..models import NumericResult
from .numbers import Quantity, find_quantities
from .sentences import Sentence, split_sentences

_UNITS: list[tuple[str, str]] = [
    (r"chi,\s*đảng bộ(?: cơ sở| trực thuộc)?", "party_orgs"),
    (r"tổ chức cơ sở đảng", "party_orgs"),
    (r"tổ chức đảng", "party_orgs"),
    (r"đảng bộ(?: cơ sở| xã| trực thuộc)?", "party_orgs"),
    (r"chi bộ(?: trực thuộc| thôn| bản| tổ dân phố)?", "party_cells"),
    (r"đảng viên", "members"),
    (r"quần chúng(?: ưu tú)?", "candidates_trained"),
    (r"đối tượng(?: kết nạp| đảng)?", "candidates_trained"),
    (r"học viên", "candidates_trained"),
    (r"hồ sơ", "candidates_trained"),
    (r"người", "people"),
    (r"đồng chí", "people"),
    (r"lớp(?: bồi dưỡng| học)?", "other"),
    (r"thôn|bản|tổ dân phố|xóm|ấp|khu dân cư|làng", "villages"),
]
_UNIT_RE = [(re.compile(rf"\s*({p})(?![\wà-ỹđ])", re.I), metric) for p, metric in _UNITS]
_COUNT_BEFORE = re.compile(
    r"(?:số|tổng số)\s+(đảng viên|chi bộ|tổ chức cơ sở đảng|quần chúng ưu tú)\s+(?:\S+\s+){0,3}?(?:lên|là|đạt|còn)\s*$",
    re.I,
)
_PERIOD = re.compile(
    r"(?:nhiệm kỳ|giai đoạn)\s+\d{4}\s*[-–]\s*\d{4}|(?:từ )?năm \d{4}(?: đến nay)?|mỗi năm|hằng năm|hàng năm|"
    r"trong \d+ năm(?: qua)?|quý [IV]+/\d{4}|tháng \d{1,2}/\d{4}|\d{1,2} tháng đầu năm(?: \d{4})?",
    re.I,
)
_SUBJECT = re.compile(
    r"(?:Đảng bộ|Chi bộ|Đảng ủy|Đảng uỷ|Huyện ủy|Huyện uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thị ủy)"
    r"(?: (?:huyện|xã|tỉnh|thị trấn|phường|thôn|bản|tổ dân phố|thành phố))?(?: [A-ZĐ][\wà-ỹđ]*(?: [A-ZĐ0-9][\wà-ỹđ]*){0,3})?"
    r"|toàn (?:tỉnh|huyện|xã)|(?<![\wà-ỹđ])tỉnh(?= kết nạp)"
)


def _unit_after(text: str, q: Quantity) -> tuple[str, str, int] | None:
    after = text[q.end : q.end + 60]
    for rx, metric in _UNIT_RE:
        m = rx.match(after)
        if m:
            return m.group(1), metric, q.end + m.end()
    return None


def extract_numbers(text: str, sentences: list[Sentence] | None = None) -> list[NumericResult]:
    """Quantities about party development with a domain unit; years, dates and document numbers never."""
    results: list[NumericResult] = []
    sentences = split_sentences(text) if sentences is None else sentences
    starts = [s.start for s in sentences]
    for q in find_quantities(text):
        if not q.is_result_candidate or not sentences:
            continue
        sent = sentences[max(bisect_right(starts, q.start) - 1, 0)]
        if not sent.start <= q.start < sent.end:
            continue
        clause_start = _clause_start(text, sent.start, q.start)
        if q.kind == "percent":
            unit, metric, end = (
                "%",
                _percent_metric(text[q.end : sent.end], text[clause_start : q.start]),
                q.end,
            )
            noun = re.match(r"\s*((?:[\wà-ỹđ]+\s*){1,4})", text[q.end : sent.end])
            if noun:
                end = q.end + noun.end(1)
        else:
            found = _unit_after(text, q)
            before = _COUNT_BEFORE.search(text[clause_start : q.start])
            if before:  # "nâng tổng số đảng viên lên 126 đồng chí": the unit is the one counted
                unit, metric = before.group(1), _metric_of_unit(before.group(1))
                end = found[2] if found else q.end
                clause_start += before.start()
            elif found:
                unit, metric, end = found
            else:
                continue
            metric = _refine_metric(metric, text[clause_start : q.start], text[end : sent.end])
        start = _evidence_start(text, clause_start, q.start)
        results.append(
            NumericResult(
                value=q.value,
                value_min=q.value_min,
                value_max=q.value_max,
                unit=unit,
                metric=metric,
                period=_last(_PERIOD, text[sent.start : q.start]),
                subject=_last(_SUBJECT, text[sent.start : q.start]),
                qualifier=q.qualifier,
                evidence=text[start:end],
                span=(start, end),
            )
        )
    return _dedupe_numbers(results)


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    cut = max(text.rfind(sep, sent_start, pos) for sep in (",", ";", ":"))
    return sent_start if cut < 0 else cut + 1


def _evidence_start(text: str, clause_start: int, pos: int) -> int:
    """The whole clause before the number when it is short, else its last few words (never half a name)."""
    words = list(re.finditer(r"\S+", text[clause_start:pos]))
    if not words:
        return clause_start
    first = 0 if len(words) <= 10 else len(words) - 5
    while first > 0 and words[first].group()[0].isupper() and words[first - 1].group()[0].isupper():
        first -= 1
    return clause_start + words[first].start()


def _percent_metric(after: str, before: str) -> str:
    window = (before[-40:] + " " + after[:30]).lower()
    if re.search(r"chỉ tiêu|kế hoạch|mục tiêu|nghị quyết", window):
        return "target_pct"
    if re.match(r"\s*(?:các |số )?(?:bản|thôn|tổ dân phố|xóm|ấp)", after.lower()):
        return "villages"
    if re.match(r"\s*(?:các |số )?chi bộ", after.lower()):
        return "party_cells"
    if re.match(r"\s*(?:các |số )?(?:tổ chức|đảng bộ)", after.lower()):
        return "party_orgs"
    return "other"


def _metric_of_unit(unit: str) -> str:
    return next((metric for rx, metric in _UNIT_RE if rx.match(unit)), "other")


def _refine_metric(metric: str, before: str, after: str) -> str:
    admitted = re.search(r"kết nạp", before[-60:], re.I) or re.match(
        r"\s*(?:mới\s+)?(?:được\s+)?kết nạp", after, re.I
    )
    if metric == "members":
        return "members_admitted" if admitted else "members_total"
    if metric == "people":
        return (
            "members_admitted"
            if admitted
            else ("members_total" if re.search(r"đảng viên", before + after[:20]) else "other")
        )
    return metric


def _last(rx: re.Pattern[str], text: str) -> str | None:
    found = rx.findall(text)
    return found[-1] if found else None


def _dedupe_numbers(items: list[NumericResult]) -> list[NumericResult]:
    """The same figure restated later (a lead repeated in the body) is listed once."""
    seen: set[tuple] = set()
    out = []
    for item in items:
        key = (item.value, item.value_min, item.value_max, item.unit, item.metric)
        if key in seen and item.metric in ("target_pct",):
            continue
        seen.add(key)
        out.append(item)
    return out
