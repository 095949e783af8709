"""Figures about party development in Vietnamese text: counts with a domain unit ("đảng viên", "chi bộ",
"quần chúng ưu tú", "%"...), each with its metric, period, subject and verbatim evidence.

Used by the offline engine to extract results, and by the LLM engine to flag figures a model missed.
Years, dates and document numbers are never figures (:mod:`summarizer.vietnamese.numbers` says which is which).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from functools import lru_cache

from ..models import Locality, NumericResult
from .numbers import Quantity, find_quantities
from .periods import years_for
from .readings import basis_of, scope_of
from .sentences import Sentence, split_sentences
from .tables import table_figures, table_lines
from .text import folded_view, one_of, strip_marks

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
    # Who a school or an enterprise counts ("kết nạp 3 học sinh", "46 em được học"): people, or members admitted.
    (r"học sinh|sinh viên|giáo viên|công nhân|em", "people"),
    (r"lớp(?: bồi dưỡng| học)?", "other"),
    (r"thôn|bản|tổ dân phố|xóm|ấp|khu dân cư|làng", "villages"),
]
_PATTERNS = {
    "COUNT_BEFORE": (
        r"(?:số|tổng số)\s+(đảng viên|chi bộ|tổ chức cơ sở đảng|quần chúng ưu tú)\s+(?:\S+\s+){0,3}?"
        r"(?:lên|là|đạt|còn)\s*$"
    ),
    # The year an article reports on, when only its title or lead says it.
    "ARTICLE_YEAR": r"(?:nhiệm kỳ|giai đoạn)\s+\d{4}\s*[-–]\s*\d{4}|năm \d{4}",
    # "mỗi đảng viên giúp đỡ ít nhất 1 quần chúng": a number per person or per unit, not a result.
    "PER_UNIT": r"(?<!\w)mỗi (?!năm|tháng|quý|đợt|khóa|nhiệm kỳ)\w+",
    "KET_NAP": r"kết nạp",
    # A unit right after these is named as another's parent ("xã biên giới của huyện Đồng Văn").
    "PARENT_BEFORE": r"(?:của|thuộc)\s+$",
    "ADMITTED_AFTER": r"\s*(?:mới\s+)?(?:được\s+)?kết nạp",
    "MEMBERS": r"đảng viên",
    "TARGET": r"chỉ tiêu|kế hoạch|mục tiêu|nghị quyết",
    "PCT_VILLAGES": r"\s*(?:các |số )?(?:bản|thôn|tổ dân phố|xóm|ấp)",
    "PCT_CELLS": r"\s*(?:các |số )?chi bộ",
    "PCT_ORGS": r"\s*(?:các |số )?(?:tổ chức|đảng bộ)",
    "NOUN": r"\s*((?:\w+\s*){1,4})",
}
# Who a figure is about: a party body ("Đảng bộ xã Tân Lập"), "toàn tỉnh", or a named unit ("xã Tân Lập").
# Case matters: names are capitalised. Every alternative opens with a letter (see ``one_of``): this is
# searched back from every figure.
_BODY = r"(?: (?:huyện|xã|tỉnh|thị trấn|phường|thôn|bản|tổ dân phố|thành phố))?(?: [A-ZĐ]\w*(?: [A-ZĐ0-9]\w*){0,3})?"
_NAMED = r"(?: [A-ZĐ]\w*){1,3}"
_BODIES = ("Đảng bộ", "Chi bộ", "Đảng ủy", "Đảng uỷ", "Huyện ủy", "Huyện uỷ", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thị ủy")  # fmt: skip
_UNITS_NAMED = ("Xã", "xã", "Phường", "phường", "Huyện", "huyện", "Thị trấn", "thị trấn", "Thôn", "thôn", "Bản", "bản")  # fmt: skip
_SUBJECT = one_of(
    "|".join(body + _BODY for body in _BODIES) + "|toàn (?:tỉnh|huyện|xã|phường)",
    words="tỉnh(?= kết nạp)|" + "|".join(unit + _NAMED for unit in _UNITS_NAMED),
    whole=False,
)


# A figure's period, searched back from every figure: matched lower-case on the lower-cased text, which is
# twice as fast as a case-blind search.
_PERIOD = (
    r"(?:nhiệm kỳ|giai đoạn)\s+\d{4}\s*[-–]\s*\d{4}|(?:từ )?năm \d{4}(?: đến nay)?|mỗi năm|hằng năm|hàng năm|"
    r"trong \d+ năm(?: qua)?|quý [iv]+/\d{4}|tháng \d{1,2}/\d{4}|\d{1,2} tháng đầu năm(?: \d{4})?"
)


@lru_cache(maxsize=2)
def _rx(folded: bool) -> dict[str, re.Pattern[str]]:
    """The patterns as written, or with diacritics folded for text typed without them (same offsets)."""
    form = strip_marks if folded else (lambda p: p)
    out = {name: re.compile(form(p), re.I) for name, p in _PATTERNS.items()}
    out["SUBJECT"] = re.compile(form(_SUBJECT))
    out["PERIOD"] = re.compile(form(_PERIOD))
    # A unit named with its unit word ("huyện Đồng Văn"), not a party body, which "của" may own a figure by.
    out["UNIT_NAMED"] = re.compile(form("|".join(_UNITS_NAMED)))
    return out


@lru_cache(maxsize=2)
def _unit_rx(folded: bool) -> list[tuple[re.Pattern[str], str]]:
    form = strip_marks if folded else (lambda p: p)
    return [(re.compile(form(rf"\s*({p})(?!\w)"), re.I), metric) for p, metric in _UNITS]


def _unit_after(view: str, q: Quantity, folded: bool) -> tuple[int, int, str, int] | None:
    """(unit start, unit end, metric, evidence end) of the domain unit right after a number."""
    for rx, metric in _unit_rx(folded):
        m = rx.match(view, q.end, q.end + 60)
        if m:
            return m.start(1), m.end(1), metric, m.end()
    return None


def extract_numbers(
    text: str,
    sentences: list[Sentence] | None = None,
    title: str | None = None,
    folded: bool | None = None,
    main: Locality | None = None,
) -> list[NumericResult]:
    """Quantities about party development with a domain unit; years, dates and document numbers never.

    Text typed without diacritics (``folded``; measured when None) is matched on its folded copy (same offsets; evidence stays the text's).
    A figure whose sentence names no period takes the year the title or the lead names, if any. Each figure
    says what it means: its basis and scope (:mod:`.readings`, against the article's ``main`` locality) and
    its years (:mod:`.periods`). Table rows are read by :func:`~.tables.table_figures`.
    """
    results: list[NumericResult] = []
    sentences = split_sentences(text) if sentences is None else sentences
    low, folded = folded_view(text, folded)
    view = strip_marks(text) if folded else text
    rx = _rx(folded)
    starts = [s.start for s in sentences]
    article_period = _article_period(view, text, sentences, title, folded)
    rows = _table_spans(text)
    paragraph_subjects: dict[int, str | None] = {}
    for q in find_quantities(text):
        if not q.is_result_candidate or not sentences or any(a <= q.start < b for a, b in rows):
            continue
        sent = sentences[max(bisect_right(starts, q.start) - 1, 0)]
        if not sent.start <= q.start < sent.end:
            continue
        clause_start = _clause_start(view, sent.start, q.start)
        if q.kind == "percent":
            unit, end = "%", q.end
            metric = _percent_metric(view[q.end : sent.end], view[clause_start : q.start], rx)
            noun = rx["NOUN"].match(view, q.end, sent.end)
            if noun:
                end = noun.end(1)
        else:
            found = _unit_after(view, q, folded)
            before = rx["COUNT_BEFORE"].search(view[clause_start : q.start])
            if before:  # "nâng tổng số đảng viên lên 126 đồng chí": the unit is the one counted
                a = clause_start + before.start(1)
                unit = text[a : a + len(before.group(1))]
                metric = _metric_of_unit(before.group(1), folded)
                end = found[3] if found else q.end
                clause_start += before.start()
            elif found:
                unit, metric, end = text[found[0] : found[1]], found[2], found[3]
            else:
                continue
            metric = _refine_metric(metric, view[clause_start : q.start], view[end : sent.end], rx)
        start = _evidence_start(text, clause_start, q.start)
        period = _last(rx["PERIOD"], low, text, sent.start, q.start)
        # Whose figure: the unit its clauses name since the last ";" (else the one its paragraph named).
        subject = _subject(
            view, text, max(sent.start, view.rfind(";", sent.start, q.start) + 1), q.start, folded
        )
        if sent.start not in paragraph_subjects:  # the figures of a sentence share it
            para = text.rfind("\n", 0, sent.start) + 1
            paragraph_subjects[sent.start] = _subject(view, text, para, sent.start, folded)
        lead_in, rest = view[sent.start : q.start], view[q.end if q.kind == "percent" else end : sent.end]
        results.append(
            NumericResult(
                value=q.value,
                value_min=q.value_min,
                value_max=q.value_max,
                unit=unit,
                metric=metric,
                period=period or article_period,
                subject=subject,
                qualifier=q.qualifier,
                evidence=text[start:end],
                span=(start, end),
                basis=basis_of(lead_in, rest, q.qualifier, folded),
                scope=scope_of(
                    lead_in,
                    rest,
                    subject,
                    main,
                    folded,
                    paragraph_subjects[sent.start],
                ),
                years=years_for(text, q.start, q.end, title),
            )
        )
    return _dedupe_numbers(results) + table_figures(text, title)


def _table_spans(text: str) -> list[tuple[int, int]]:
    """Where the text's table rows are: their figures are read by column, not as prose."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return [spans[i] for i in sorted(table_lines([text[a:b] for a, b in spans]))]


def _article_period(
    view: str, text: str, sentences: list[Sentence], title: str | None, folded: bool
) -> str | None:
    """The year or term the title, else the lead (first sentence), names: the period of the whole article."""
    rx = _rx(folded)
    if title:
        m = rx["ARTICLE_YEAR"].search(strip_marks(title) if folded else title)
        if m:
            return title[m.start() : m.end()]
    if sentences:
        return _last(rx["ARTICLE_YEAR"], view, text, sentences[0].start, sentences[0].end)
    return None


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    cut = max(text.rfind(sep, sent_start, pos) for sep in (",", ";", ":"))
    return sent_start if cut < 0 else cut + 1


_WORD = re.compile(r"\S+")


def _evidence_start(text: str, clause_start: int, pos: int) -> int:
    """The whole clause before the number when it is short, else its last few words (never half a name:
    not after a capitalised word, so "Trung tâm Chính trị" is quoted whole)."""
    words = list(_WORD.finditer(text, clause_start, pos))
    if not words:
        return clause_start
    first = 0 if len(words) <= 10 else len(words) - 5
    while first > 0 and words[first - 1].group()[0].isupper():
        first -= 1
    return words[first].start()


def _percent_metric(after: str, before: str, rx: dict[str, re.Pattern[str]]) -> str:
    if rx["TARGET"].search(before[-40:] + " " + after[:30]):
        return "target_pct"
    if rx["PCT_VILLAGES"].match(after):
        return "villages"
    if rx["PCT_CELLS"].match(after):
        return "party_cells"
    if rx["PCT_ORGS"].match(after):
        return "party_orgs"
    return "other"


def _metric_of_unit(unit: str, folded: bool = False) -> str:
    return next((metric for rx, metric in _unit_rx(folded) if rx.match(unit)), "other")


def _refine_metric(metric: str, before: str, after: str, rx: dict[str, re.Pattern[str]]) -> str:
    per_unit = rx["PER_UNIT"].search(before[-60:])
    if per_unit and metric in ("candidates_trained", "people", "members"):
        # A quota per member or per cell ("mỗi đảng viên giúp đỡ ít nhất 1 quần chúng") is no count.
        return "other"
    admitted = rx["KET_NAP"].search(before[-60:]) or rx["ADMITTED_AFTER"].match(after)
    if metric == "members":
        return "members_admitted" if admitted else "members_total"
    if metric == "people":
        return (
            "members_admitted"
            if admitted
            else ("members_total" if rx["MEMBERS"].search(before + after[:20]) else "other")
        )
    return metric


# How far before a figure its period or subject is looked for: a sentence's worth. Scanning from the
# sentence start instead made a text that is one huge "sentence" quadratic in its length.
_LOOKBACK = 500


def _last(rx: re.Pattern[str], view: str, text: str, start: int, end: int) -> str | None:
    """The text's own words of the last match of ``rx`` in ``view[start:end]`` (at most ``_LOOKBACK`` back)."""
    found = deque(rx.finditer(view, max(start, end - _LOOKBACK), end), maxlen=1)
    return text[found[0].start() : found[0].end()] if found else None


def _subject(view: str, text: str, start: int, end: int, folded: bool) -> str | None:
    """The text's own words of the last unit named in ``view[start:end]`` that is not named as a parent:
    in "Lũng Cú là xã biên giới của huyện Đồng Văn, đồng bào Mông chiếm 90%" or "xã Pha Long thuộc huyện
    Mường Khương kết nạp 9", the district only says where the commune is."""
    rx = _rx(folded)
    for m in reversed(list(rx["SUBJECT"].finditer(view, max(start, end - _LOOKBACK), end))):
        if not (
            rx["UNIT_NAMED"].match(m.group())
            and rx["PARENT_BEFORE"].search(view, max(0, m.start() - 8), m.start())
        ):
            return text[m.start() : m.end()]
    return None


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
