"""The words every output uses for places, periods and figures, in Vietnamese and in English.

One vocabulary for the template summaries (:mod:`summarizer.compose`), the briefs and the digest, so a
place, a period or a target reads the same everywhere:

- places with their own unit words ("phường Mỹ Thượng, thành phố Huế" / "Mỹ Thượng ward, Huế city"),
  the level's generic word only where the unit type is not known;
- periods from a figure's ``years`` first, then its ``period`` as written;
- figures with what they mean: a target reads "target: …", an average "on average … a year", a part
  figure names its unit ("Pha Long commune: 11").

English is composed from this vocabulary, never copied from the article: a period, unit or qualifier
the vocabulary does not know is left out of English (the number stays), and words typed without
diacritics ("Nam 2023", "dang vien") are read as their accented forms are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

from .models import CurrentUnit, Level, Locality, NumericResult
from .vietnamese import taxonomy
from .vietnamese.locality import find_mentions
from .vietnamese.numbers import format_number
from .vietnamese.text import strip_marks

Lang = Literal["vi", "en"]


def _plain(text: str) -> str:
    """The form words are looked up in: lower case, single spaces, no marks ('Năm 2023' -> 'nam 2023')."""
    return strip_marks(re.sub(r"\s+", " ", text.strip().lower()))


# --- places ---------------------------------------------------------------------------------------------

UNIT_WORDS: dict[str, str] = {
    "tỉnh": "province", "thành phố": "city", "huyện": "district", "quận": "urban district",
    "thị xã": "town", "xã": "commune", "phường": "ward", "thị trấn": "township", "đặc khu": "special zone",
}  # fmt: skip
"""Every administrative unit word and its English."""

PLACE_WORDS: dict[str, str] = UNIT_WORDS | {
    "tp.": "city", "tỉnh ủy": "province", "tỉnh uỷ": "province", "thành ủy": "city", "thành uỷ": "city",
    "huyện ủy": "district", "huyện uỷ": "district", "quận ủy": "urban district", "quận uỷ": "urban district",
    "thị ủy": "town", "thị uỷ": "town",
}  # fmt: skip
"""The words a place mention can start with (a unit, or its party committee) and the unit's English."""
_PLAIN_PLACE_WORDS = {_plain(k): v for k, v in PLACE_WORDS.items()}

_GENERIC: dict[Level, str] = {"province": "tỉnh", "district": "huyện", "commune": "xã"}


def unit_word(kind: str | None, level: Level, lang: Lang) -> str:
    """The unit word of a place: its own type when known ('phường' / 'ward'), else the level's ('xã')."""
    word = kind if kind and kind.lower() in UNIT_WORDS else _GENERIC[level]
    return word.lower() if lang == "vi" else UNIT_WORDS[word.lower()]


def named(name: str, kind: str | None, level: Level, lang: Lang) -> str:
    """One unit: 'phường Mỹ Thượng' / 'Mỹ Thượng ward'."""
    word = unit_word(kind, level, lang)
    return f"{word} {name}" if lang == "vi" else f"{name} {word}"


def place(loc: Locality | CurrentUnit | None, lang: Lang, *, short: bool = False) -> str:
    """A locality with its unit words, smallest unit first; '' when it names nothing.

    ``short`` leaves out the district of a commune (a headline needs the commune and its province).
    """
    if loc is None:
        return ""
    district = getattr(loc, "district", None)
    parts: list[tuple[str | None, str | None, Level]] = [
        (loc.commune, loc.commune_type, "commune"),
        (None if short and loc.commune else district, getattr(loc, "district_type", None), "district"),
        (loc.province, loc.province_type, "province"),
    ]
    return ", ".join(named(name, kind, level, lang) for name, kind, level in parts if name)


# --- periods --------------------------------------------------------------------------------------------

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip
_Y = r"(\d{4})"
_DASH = r"\s*[-–]\s*"


def _month(month: str, year: str) -> str:
    n = int(month)
    return f"{_MONTHS[n - 1]} {year}" if 1 <= n <= 12 else f"{month}/{year}"


# (pattern over the plain period, English): the first full match wins. Patterns are written with marks
# for reading and matched without, so text typed without diacritics is read the same.
_PERIODS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(_plain(rx)), fn)
    for rx, fn in [
        (r"(?:mỗi|hằng|hàng) năm", lambda m: "per year"),
        (r"(?:mỗi|hằng|hàng) tháng", lambda m: "per month"),
        (rf"nhiệm kỳ {_Y}{_DASH}{_Y}", lambda m: f"{m[1]}–{m[2]} term"),
        (rf"(?:giai đoạn )?{_Y}{_DASH}{_Y}", lambda m: f"{m[1]}–{m[2]}"),
        (rf"(?:từ )?năm {_Y} đến nay", lambda m: f"{m[1]} to date"),
        (rf"từ (?:năm )?{_Y}", lambda m: f"since {m[1]}"),
        (rf"(?:trong )?năm {_Y}", lambda m: m[1]),
        (rf"(?:đến|tới) (?:năm )?{_Y}", lambda m: f"by {m[1]}"),
        (rf"trước (?:năm )?{_Y}", lambda m: f"before {m[1]}"),
        (rf"sau (?:năm )?{_Y}", lambda m: f"after {m[1]}"),
        (r"trong (\d+) năm qua", lambda m: f"over the past {m[1]} years"),
        (r"trong (\d+) năm", lambda m: f"over {m[1]} years"),
        (rf"quý (iv|iii|ii|i)/{_Y}", lambda m: f"Q{_ROMAN[m[1].upper()]} {m[2]}"),
        (rf"tháng (\d{{1,2}})/{_Y}", lambda m: _month(m[1], m[2])),
        (rf"(\d{{1,2}}) tháng đầu năm {_Y}", lambda m: f"first {m[1]} months of {m[2]}"),
        (r"(\d{1,2}) tháng đầu năm", lambda m: f"first {m[1]} months of the year"),
        (_Y, lambda m: m[1]),
    ]
]


def period_en(period: str | None) -> str | None:
    """'mỗi năm' -> 'per year', 'Năm 2022' (or 'Nam 2022') -> '2022', 'quý I/2022' -> 'Q1 2022'.

    None when the period is empty or any part of it is not in the vocabulary: English never shows the
    article's words."""
    if not period:
        return None
    out = []
    for part in (p.strip() for p in _plain(period).split(",") if p.strip()):  # "mỗi năm, trước 2020"
        match = next((m for rx, fn in _PERIODS if (m := rx.fullmatch(part)) and (found := fn(m))), None)
        if match is None:
            return None
        out.append(found)
    return ", ".join(out) or None


def years_text(years: tuple[int, int | None], lang: Lang) -> str:
    """A figure's stated years as a period: '2023', '2020–2025', 'since 2020' / 'năm 2023',
    'giai đoạn 2020–2025', 'từ năm 2020 đến nay'."""
    start, end = years
    if lang == "en":
        return str(start) if end == start else f"since {start}" if end is None else f"{start}–{end}"
    if end == start:
        return f"năm {start}"
    return f"từ năm {start} đến nay" if end is None else f"giai đoạn {start}–{end}"


def _yearly(n: NumericResult) -> bool:
    return bool(n.period) and period_en(n.period) == "per year"


def period(n: NumericResult, lang: Lang) -> str | None:
    """When a figure holds. Vietnamese: the period as written, else the stated ``years``; English: the
    ``years``, else the period from the vocabulary (None when it has no English). A target's or an
    average's 'mỗi năm' is said by :func:`figure` ('… a year'), not here."""
    if n.basis != "actual" and _yearly(n):
        return years_text(n.years, lang) if n.years else None
    if lang == "vi":
        return n.period or (years_text(n.years, lang) if n.years else None)
    return years_text(n.years, lang) if n.years else period_en(n.period)


def _in(when: str | None, lang: Lang) -> str:
    """A period after a phrase: ' in 2021', ' in 2020–2025', ' (per year)' / ' (năm 2021)'."""
    if not when:
        return ""
    if lang == "vi":  # 'Từ năm 2020 đến nay' began the article's sentence; here it runs on
        when = when[:1].lower() + when[1:]
    if lang == "en" and re.fullmatch(r"\d{4}(?:–\d{4})?", when):
        return f" in {when}"
    return f" {when}" if when.startswith(("since ", "từ ")) else f" ({when})"


# --- figures --------------------------------------------------------------------------------------------

QUALIFIERS: dict[str, str] = {
    "hơn": "over", "trên": "over", "gần": "nearly", "gần như": "nearly", "khoảng": "about",
    "xấp xỉ": "about", "ít nhất": "at least", "tối thiểu": "at least", "tối đa": "at most",
    "dưới": "under", "chưa đến": "under", "chưa tới": "under", "chỉ": "only",
}  # fmt: skip
"""Qualifiers that change what a number means; the others ("lên", "còn", "đến") only join it to a verb."""

UNITS: dict[str, str] = {
    "đảng viên": "party members", "đồng chí": "members", "người": "people",
    "chi bộ": "party cells", "chi bộ trực thuộc": "affiliated party cells", "chi bộ thôn": "village party cells",
    "chi bộ bản": "village party cells", "chi bộ tổ dân phố": "residential party cells",
    "tổ chức cơ sở đảng": "grassroots party organisations", "tổ chức đảng": "party organisations",
    "đảng bộ": "party organisations", "đảng bộ cơ sở": "grassroots party organisations",
    "đảng bộ xã": "commune party organisations", "đảng bộ trực thuộc": "affiliated party organisations",
    "quần chúng": "candidates", "quần chúng ưu tú": "outstanding candidates",
    "đối tượng": "candidates", "đối tượng kết nạp": "candidates for admission", "đối tượng đảng": "candidates",
    "học viên": "trainees", "hồ sơ": "applications", "lớp": "classes", "lớp bồi dưỡng": "training classes",
    "lớp học": "classes", "thôn": "villages", "bản": "villages", "xóm": "hamlets", "ấp": "hamlets",
    "làng": "villages", "tổ dân phố": "residential groups", "khu dân cư": "residential areas",
}  # fmt: skip

_PLAIN_UNITS = {_plain(k): v for k, v in UNITS.items()}
_PLAIN_QUALIFIERS = {_plain(k): v for k, v in QUALIFIERS.items()}
_SINGULAR = {"people": "person"}


def unit_en(unit: str | None, *, one: bool = False) -> str | None:
    """'đảng viên' (or 'dang vien') -> 'party members' ('party member' for ``one``); '%' stays; None for a
    unit the vocabulary does not know."""
    if not unit:
        return None
    if unit.strip() == "%":
        return "%"
    plural = _PLAIN_UNITS.get(_plain(unit))
    if plural is None or not one:
        return plural
    return _SINGULAR.get(plural) or (plural[:-2] if plural.endswith("sses") else plural.removesuffix("s"))


def qualifier_en(qualifier: str | None) -> str:
    """'trên'/'hơn' -> 'over', 'gần' -> 'nearly', 'khoảng' -> 'about'; '' for words that add nothing."""
    return _PLAIN_QUALIFIERS.get(_plain(qualifier or ""), "")


def value_en(n: NumericResult) -> str:
    """A figure in English with its qualifier and unit: 'over 45,000 party members', '2–3 party members',
    'over 90%'; a unit outside the vocabulary is left out (the number stays)."""
    if n.value is None:
        value = f"{format_number(n.value_min, 'en')}–{format_number(n.value_max, 'en')}"
    else:
        value = format_number(n.value, "en")
    unit = unit_en(n.unit, one=n.value == 1)
    if unit == "%":
        value += "%"
    elif unit:
        value = f"{value} {unit}"
    qualifier = qualifier_en(n.qualifier)
    return f"{qualifier} {value}" if qualifier else value


def value_vi(n: NumericResult) -> str:
    """A figure in Vietnamese with its unit, and its qualifier as written where it changes the meaning."""
    text = taxonomy.number_text(n, "vi")
    qualifier = n.qualifier if qualifier_en(n.qualifier) else None
    return f"{qualifier} {text}" if qualifier else text


def _what(n: NumericResult, lang: Lang) -> str:
    """The figure as a phrase of the summary: '11 đảng viên' / '11 party members admitted'."""
    if lang == "vi":
        return value_vi(n)
    text = value_en(n)
    if n.metric == "members_admitted":
        return f"{text} admitted" if unit_en(n.unit) else f"{text} {taxonomy.metric_label(n.metric, 'en')}"
    if n.metric == "target_pct" and n.unit == "%":
        return f"{text} of the target"
    if n.metric not in ("other",) and not unit_en(n.unit):
        return f"{text} {taxonomy.metric_label(n.metric, 'en')}"
    return text


def places_in(text: str, lang: Lang = "en") -> list[str]:
    """The places a text names, in the language's word order: 'huyện Kỳ Sơn' (or 'huyen Ky Son') ->
    'Kỳ Sơn district' in English, 'huyện Kỳ Sơn' in Vietnamese."""
    out: list[str] = []
    for m in find_mentions(text) or find_mentions(text, plain=True):
        word = _plain(m.text[: len(m.text) - len(m.name)])
        english = _PLAIN_PLACE_WORDS.get(word) or UNIT_WORDS[_GENERIC[m.levels[0]]]
        found = f"{m.name} {english}" if lang == "en" else m.text.strip()
        if found not in out:
            out.append(found)
    return out


def whose(n: NumericResult, lang: Lang) -> str:
    """The unit or group a part figure belongs to: the place its subject names ('Pha Long commune' /
    'xã Pha Long'), else in Vietnamese the subject as written, in English 'one unit or group'."""
    found = places_in(n.subject or "", lang)
    if found:
        return found[0]
    if lang == "en":
        return "one unit or group"
    return n.subject.strip() if n.subject and n.subject.strip() else "một đơn vị hoặc nhóm"


def meaning(n: NumericResult, lang: Lang, value: str) -> str:
    """``value`` said as what the figure means: 'target: … a year', 'on average … a year', 'Pha Long
    commune: …' (Vietnamese: 'mục tiêu: … mỗi năm', 'bình quân … mỗi năm', 'xã Pha Long: …')."""
    yearly = n.basis == "average" or (n.basis == "target" and _yearly(n))
    a_year = (" a year" if lang == "en" else " mỗi năm") if yearly else ""
    if n.basis == "target":
        value = f"{'target' if lang == 'en' else 'mục tiêu'}: {value}{a_year}"
    elif n.basis == "average":
        value = f"{'on average' if lang == 'en' else 'bình quân'} {value}{a_year}"
    if n.scope == "part":
        value = f"{whose(n, lang)}: {value}"
    return value


def key_figure(numbers: Sequence[NumericResult]) -> NumericResult | None:
    """The one figure a headline or a total may carry: the single figure marked ``key``, when it is the main
    locality's actual count of members admitted; None otherwise (never a target, an average or a part's)."""
    keys = [n for n in numbers if n.key]
    if len(keys) != 1:
        return None
    n = keys[0]
    return n if n.metric == "members_admitted" and n.basis == "actual" and n.scope == "main" else None


def figure(n: NumericResult, lang: Lang) -> str:
    """A figure as a sentence part, with its meaning and period: '11 party members admitted since 2025',
    'target: 25–30 party members a year', 'Pha Long commune: 11 party members admitted in 2021'."""
    return meaning(n, lang, _what(n, lang)) + _in(period(n, lang), lang)
