"""Vietnamese number parsing: one module, used by every engine and by validation.

Vietnamese writes ``3.753`` for 3753 and ``124,3`` for 124.3; ranges as ``1-2`` or ``3 - 4``; small
numbers often in words (``hai`` = 2, ``mười lăm`` = 15); and
qualifies quantities with ``hơn/trên/gần/khoảng``. :func:`find_quantities` finds every number in a
text and says what it is (a count, a percentage, a year, a date, a document number...), so an engine
never mistakes ``2016 - 2020`` or ``36-CT/TU`` for a result.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .number_words import parse_number_words
from .text import WORD_END, lower_same_length, one_of

Num = int | float
QuantityKind = Literal[
    "count", "percent", "year", "period", "date", "document", "ratio", "ordinal", "age", "money"
]

_DIGITS = r"\d+(?:[.,]\d+)*"
_NUMBER_TOKEN = re.compile(rf"^{_DIGITS}$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")

QUALIFIERS = (
    "hơn", "trên", "gần", "khoảng", "xấp xỉ", "ít nhất", "tối thiểu", "tối đa", "dưới", "chưa đến",
    "chưa tới", "gần như", "chỉ", "đến", "tới", "còn", "lên",
)  # fmt: skip
SCALES = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "vạn": 10_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}


def parse_number(token: str) -> Num:
    """Parse one Vietnamese-formatted number: ``'3.753'`` -> 3753, ``'124,3'`` -> 124.3.

    Integral values come back as ``int``. Raises ``ValueError`` for anything that is not a number.
    """
    tok = token.strip().rstrip("%").strip()
    if not _NUMBER_TOKEN.match(tok):
        raise ValueError(f"not a number: {token!r}")
    if "," in tok:
        value: Num = float(tok.replace(".", "").replace(",", "."))
    elif _THOUSANDS.match(tok):
        value = int(tok.replace(".", ""))
    elif "." in tok:
        value = float(tok)
    else:
        value = int(tok)
    if isinstance(value, float) and value.is_integer() and "," not in tok and "." not in tok:
        value = int(value)
    return value


_NUMBER_WORDS = (
    "không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "nhăm", "sáu", "bảy", "bẩy", "tám", "chín",
    "mười", "mươi", "trăm", "nghìn", "ngàn", "linh", "lẻ",
)  # fmt: skip
# Matched on a lower-cased copy of the text: a case-blind pattern cannot be skipped through by first letter.
_WORD_RUN = re.compile(
    one_of(words="|".join(_NUMBER_WORDS), whole=False)
    + r"(?:\s+(?:"
    + "|".join(_NUMBER_WORDS)
    + r"))*"
    + WORD_END
)
_DIGIT_NEXT = re.compile(r"\s*\d")
# What party-development articles count: a number word right before one of these is a count.
_COUNTED_NEXT = re.compile(
    r"\s+(?:đảng viên|đồng chí|quần chúng|đảng bộ|chi bộ|người|thôn|bản|ấp|xã|phường|cơ sở|tổ chức|trường hợp|"
    r"lớp|học viên|cán bộ|hộ|đơn vị|tổ đảng|khu phố|tiểu khu)" + WORD_END
)
_EACH_BEFORE = re.compile(r"mỗi[^,.;:]*$")
_PAIR_NEXT = re.compile(r"\s*[,-]\s*(?:hai|ba|bốn|sáu|bảy|tám|chín|mười)" + WORD_END)
# Alone, these are mostly not numbers: "một" is also "a", "năm" also "year", "tư" also "private" ("tư nhân").
_NOT_ALONE = {
    "một",
    "năm",
    "tư",
    "không",
    "mốt",
    "lăm",
    "nhăm",
    "linh",
    "lẻ",
    "mươi",
    "trăm",
    "nghìn",
    "ngàn",
}


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its offsets ``[start, end)`` covering the digits (and ``%``)."""

    start: int
    end: int
    raw: str
    kind: QuantityKind
    value: Num | None = None
    value_min: Num | None = None
    value_max: Num | None = None
    qualifier: str | None = None

    @property
    def is_result_candidate(self) -> bool:
        """Counts and percentages can be results; years, dates, periods, document numbers, ages and money never."""
        return self.kind in ("count", "percent")

    def values(self) -> tuple[Num, ...]:
        return tuple(v for v in (self.value, self.value_min, self.value_max) if v is not None)


_DOC_NUMBER = re.compile(r"\d+\s*[-/]\s*[A-ZĐ]{1,6}(?:\s*[-/]\s*[A-ZĐ]{1,6})*\b")
# "6/6 ấp", "196/203 bản": so many of so many units, two counts. Not a date: no date word before it
# ("ngày 6/6"), no year after it, and a word that is not about time after it.
_FRACTION = re.compile(
    r"(?P<a>\d(?<![\d.,/]\d)\d{0,2}(?:\.\d{3})*)\s*/\s*(?P<b>\d{1,3}(?:\.\d{3})*)(?!\d|[.,/]\d)"
    r"(?=\s+(?!(?:năm|tháng|ngày|vừa|qua|này|tới|sau|trước|và|hoặc|là|của|đến|tại|trong)(?!\w))[a-zà-ỹđ])"
)
# The words right before a number (date, age, year and ordinal cues) are matched on the lower-cased text:
# a case-blind pattern is tried at every position, a lower-case one skips ahead to its first letters.
_DATE_CUE = re.compile(
    one_of(
        "ngày|hôm|sáng|chiều|tối|đêm|trưa|từ|đến|tới|vào|đầu|cuối|giữa|trước|sau|dịp|tháng|quý|lễ|mùng|mồng"
    )
    + r"\s*$"
)
# Ages ("25 tuổi", "tuổi đời từ 18 đến 30") and money ("5 triệu đồng", "500.000 đ") are not results.
_AGE_BEFORE = re.compile(one_of("tuổi|tuổi đời|độ tuổi") + r"\s*(?:từ\s*)?$")
_AGE_AFTER = re.compile(r"\s*tuổi(?!\w)", re.IGNORECASE)
_MONEY_AFTER = re.compile(
    r"\s*(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s*)?(?:đồng(?!\s+(?:chí|bào|thời|ý|loạt|bộ|hương|đội|nghiệp|tâm|minh|lòng|khởi|đều|dạng))"
    r"|đ(?!\w)|vnđ|vnd|usd)",
    re.IGNORECASE,
)
_DATE = re.compile(r"\d(?<![\d.,]\d)(?:\d?\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?(?!\d|,\d)|\d?/\d{4}(?!\d))")
_ROMAN_PERIOD = re.compile(r"[IVX](?<!\w[IVX])[IVX]*\s*/\s*\d{4}\b")
_RATIO = re.compile(rf"\d(?<![\d.,]\d)\d*(?:[.,]\d+)*\s*/\s*{_DIGITS}(?!\d|[.,]\d)")
_RANGE = re.compile(
    rf"(?P<a>\d(?<![\d.,/]\d)\d*(?:[.,]\d+)*)(?P<pa>\s*%)?\s*(?:-|–|—|đến|tới|den|toi)\s*(?P<b>{_DIGITS})(?P<pb>\s*%)?(?!\d|[.,/]\d)"
)
_SINGLE = re.compile(r"(?P<n>\d(?<![.,/\w]\d)\d*(?:[.,]\d+)*)(?P<p>\s*%)?")
_YEAR_CUE = re.compile(
    one_of(
        "năm|giai đoạn|nhiệm kỳ|niên khóa|niên khoá|khóa|khoá|từ|đến|cuối|đầu|giữa|trước|sau|tháng|quý|"
        "kế hoạch|chương trình|đề án"
    )
    + r"\s*$"
)
_QUALIFIER = re.compile(
    r"(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")\s*(?:từ\s*)?$"
)
_WORDED_RANGE = re.compile(r"đến|tới|den|toi")  # and as typed without marks
_FROM_BEFORE = re.compile(r"\b(?:từ|tu)\s*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s*|\n\s*)$")
_WORD_AFTER = re.compile(r"\s+[a-zà-ỹđ]")
_SCALE_AFTER = re.compile(r"\s*(nghìn|ngàn|vạn|triệu|tỷ|tỉ)\b")
_ORDINAL_CUE = re.compile(  # "số" but not "tổng số" (a total) nor "trong số" (among)
    one_of(
        "thứ|lần thứ|s(?<!tổng s)(?<!trong s)ố|khóa|khoá|phường|quận|thôn|tổ|khu|xóm|bản|đội|ấp|tiểu khu|điểm"
    )
    + r"\s*$"
)


def _is_year(value: Num) -> bool:
    return isinstance(value, int) and 1900 <= value <= 2100


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every number in ``text`` in reading order, classified so years and document numbers are not counts.

    Cached: the engine reads an article's numbers, and grounding reads the same article and its evidence
    again. Quotes are kept by the hundred, whole articles (up to megabytes each) only the last two.
    """
    return _quantities_of_quote(text) if len(text) <= _QUOTE_CHARS else _quantities_of_article(text)


_QUOTE_CHARS = 2_000


@lru_cache(maxsize=256)
def _quantities_of_quote(text: str) -> tuple[Quantity, ...]:
    return _read_quantities(text)


@lru_cache(maxsize=2)
def _quantities_of_article(text: str) -> tuple[Quantity, ...]:
    return _read_quantities(text)


def _read_quantities(text: str) -> tuple[Quantity, ...]:
    # One byte per character, set where a number was already read: checking a span is one C-level scan,
    # where a list of spans made a long article's numbers quadratic.
    taken = bytearray(len(text))
    low = lower_same_length(text)  # same offsets
    out: list[Quantity] = []

    def free(a: int, b: int) -> bool:
        return taken.find(1, a, b) < 0

    def add(q: Quantity) -> None:
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
        out.append(q)

    # Fractions, dates, ratios, periods like "II/2021": all written with a slash, which most texts lack.
    slashed = "/" in text
    for m in _FRACTION.finditer(text) if slashed else ():
        num, den = int(parse_number(m.group("a"))), int(parse_number(m.group("b")))  # "1.087/1.092 thôn"
        if 0 < num <= den and not _DATE_CUE.search(low[max(0, m.start() - 12) : m.start()]):
            qual = _QUALIFIER.search(text[max(0, m.start() - 25) : m.start()])
            add(Quantity(m.start("a"), m.end("a"), m.group("a"), "count", value=num,
                         qualifier=qual.group(1) if qual else None))  # fmt: skip
            add(Quantity(m.start("b"), m.end("b"), m.group("b"), "count", value=den))

    fixed: list[tuple[re.Pattern[str], QuantityKind]] = []
    if slashed or "-" in text:  # "36-CT/TU"
        fixed.append((_DOC_NUMBER, "document"))
    if slashed:
        fixed += [(_ROMAN_PERIOD, "date"), (_DATE, "date"), (_RATIO, "ratio")]
    for rx, fixed_kind in fixed:
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                add(Quantity(m.start(), m.end(), m.group(), fixed_kind))

    for m in _RANGE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        try:
            a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        except ValueError:
            continue
        worded = _WORDED_RANGE.search(text, m.end("a"), m.start("b")) is not None
        if _is_year(a) and _is_year(b):
            add(Quantity(m.start(), m.end(), m.group(), "period", value_min=a, value_max=b))
        elif a < b and (not worded or _FROM_BEFORE.search(text[max(0, m.start() - 12) : m.start()])):
            range_kind: QuantityKind = (
                "percent" if (m.group("pa") or m.group("pb")) else _count_kind(text, low, m.start(), m.end())
            )
            qual = _QUALIFIER.search(text[max(0, m.start() - 25) : m.start()])
            add(
                Quantity(
                    m.start(),
                    m.end(),
                    m.group(),
                    range_kind,
                    value_min=a,
                    value_max=b,
                    qualifier=qual.group(1) if qual else None,
                )
            )

    for m in _SINGLE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        try:
            value = parse_number(m.group("n"))
        except ValueError:
            continue
        before = text[max(0, m.start() - 25) : m.start()]
        qual = _QUALIFIER.search(before)
        kind: QuantityKind
        if m.group("p"):
            kind = "percent"
        elif (
            _is_year(value)
            and "." not in m.group("n")
            and _looks_like_year(low[max(0, m.start() - 25) : m.start()], text[m.end() : m.end() + 40], qual)
        ):
            kind = "year"
        elif _ORDINAL_CUE.search(low[max(0, m.start() - 25) : m.start()]):
            kind = "ordinal"
        else:
            kind = _count_kind(text, low, m.start(), m.end())
        value = _scaled(value, text[m.end() : m.end() + 40])
        add(
            Quantity(
                m.start(), m.end(), m.group(), kind, value=value, qualifier=qual.group(1) if qual else None
            )
        )
    for m in _WORD_RUN.finditer(low):
        words, end = text[m.start() : m.end()], m.end()
        if not free(m.start(), end) or _DIGIT_NEXT.match(text, end):
            continue
        before = text[max(0, m.start() - 25) : m.start()]
        qual = _QUALIFIER.search(before)
        # "một" is also "a", "năm" also "year": a number only after a qualifier ("ít nhất một"), before a
        # counted noun ("năm đồng chí", "một quần chúng") or paired with another number ("một, hai người").
        # "Mỗi quần chúng được một đảng viên giúp đỡ" is one per candidate, not a count of one.
        if m.group() in _NOT_ALONE and not (
            (m.group() == "một" and qual is not None)
            or (
                _COUNTED_NEXT.match(low, end)
                and not _EACH_BEFORE.search(low, max(0, m.start() - 60), m.start())
            )
            or _PAIR_NEXT.match(low, end)
        ):
            continue
        if words[0].isupper() and not _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
            continue  # a capital inside a sentence starts a name ("Ba Vì", "Hai Bà Trưng"), not a number
        try:
            value = parse_number_words(words)
        except ValueError:
            # "ba năm liền": a number, then the word "năm" (year) that the run took for "five".
            head = words.rsplit(None, 1)[0] if " " in words else ""
            if not head or words[len(head) :].strip().lower() != "năm":
                continue
            try:
                value = parse_number_words(head)
            except ValueError:
                continue
            words, end = head, m.start() + len(head)
        word_kind: QuantityKind = (
            "ordinal" if _ORDINAL_CUE.search(low[max(0, m.start() - 25) : m.start()]) else "count"
        )
        add(
            Quantity(m.start(), end, words, word_kind, value=value, qualifier=qual.group(1) if qual else None)
        )
    out.sort(key=lambda q: q.start)
    return tuple(out)


def _count_kind(text: str, low: str, start: int, end: int) -> QuantityKind:
    """A number that looks like a count: an age or a sum of money by the words around it, else a count
    (``low``: ``text`` lower-cased)."""
    if _AGE_AFTER.match(text, end) or _AGE_BEFORE.search(low[max(0, start - 20) : start]):
        return "age"
    if _MONEY_AFTER.match(text, end):
        return "money"
    return "count"


def _looks_like_year(low_before: str, after: str, qualifier: re.Match[str] | None) -> bool:
    if _YEAR_CUE.search(low_before):
        return True
    # "có 2020 đảng viên" counts something; "trong 2020, ..." is a year.
    return qualifier is None and not _WORD_AFTER.match(after)


def _scaled(value: Num, after: str) -> Num:
    m = _SCALE_AFTER.match(after)
    if not m:
        return value
    scaled = value * SCALES[m.group(1)]
    return int(scaled) if float(scaled).is_integer() else scaled


def result_values(text: str, start: int = 0, end: int | None = None) -> set[float]:
    """Values of the counts and percentages in ``text[start:end]`` (ranges give both ends, "1,5 triệu" is
    scaled). What a reported result may be: years, dates, periods and document numbers are left out.

    Numbers are read in the whole ``text`` (whose reading is cached), so a quote's numbers keep the words
    before and after it that say what they are; only numbers wholly inside the range count.
    """
    stop = len(text) if end is None else end
    quantities = find_quantities(text)
    first = bisect_left(quantities, start, key=lambda q: q.start) if start else 0
    values: set[float] = set()
    for q in quantities[first:]:
        if q.start >= stop:
            break
        # A quote may leave out a percentage's sign ("chiếm trên 80" of "chiếm trên 80%"): its number is in it.
        if q.is_result_candidate and (q.end <= stop or not text[stop : q.end].strip(" %")):
            values.update(round(float(v), 4) for v in q.values())
    return values


_VI_SEPARATORS = str.maketrans(",.", ".,")


def format_number(value: Num | None, lang: Literal["vi", "en"] = "vi") -> str:
    """``3753`` -> ``'3.753'`` (vi) or ``'3,753'`` (en); ``124.3`` -> ``'124,3'`` / ``'124.3'``."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    return text.translate(_VI_SEPARATORS) if lang == "vi" else text
