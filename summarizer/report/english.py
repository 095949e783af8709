"""English for the structured fields, without machine translation: the one vocabulary of periods, units,
qualifiers and place words that English briefs and the digest use.

Every function takes what a record stores (a Vietnamese period, unit or qualifier as written, a place
mention) and returns English composed from this vocabulary; anything it does not know is returned as
written, so a value is never lost, only left untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import ArticleSummary, Finding, Locality, NumericResult
from ..vietnamese import taxonomy
from ..vietnamese.locality import find_mentions
from ..vietnamese.numbers import format_number

# --- the vocabulary -------------------------------------------------------------------------------------

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

_SINGULAR = {"people": "person"}

PLACE_WORDS: dict[str, str] = {
    "tỉnh": "province", "tỉnh ủy": "province", "tỉnh uỷ": "province", "thành phố": "city", "tp.": "city",
    "thành ủy": "city", "thành uỷ": "city", "huyện": "district", "huyện ủy": "district", "huyện uỷ": "district",
    "quận": "urban district", "quận ủy": "urban district", "quận uỷ": "urban district", "thị xã": "town",
    "thị ủy": "town", "thị uỷ": "town", "thị trấn": "township", "phường": "ward", "xã": "commune",
    "đặc khu": "special zone",
}  # fmt: skip

LEVELS = {"province": "province", "district": "district", "commune": "commune"}

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip
_Y = r"(\d{4})"
_DASH = r"\s*[-–]\s*"
# (pattern over the lower-cased period, English template): the first full match wins.
_PERIODS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"(?:mỗi|hằng|hàng) năm"), lambda m: "per year"),
    (re.compile(r"(?:mỗi|hằng|hàng) tháng"), lambda m: "per month"),
    (re.compile(rf"nhiệm kỳ {_Y}{_DASH}{_Y}"), lambda m: f"{m[1]}–{m[2]} term"),
    (re.compile(rf"(?:giai đoạn )?{_Y}{_DASH}{_Y}"), lambda m: f"{m[1]}–{m[2]}"),
    (re.compile(rf"(?:từ )?năm {_Y} đến nay"), lambda m: f"{m[1]} to date"),
    (re.compile(rf"từ (?:năm )?{_Y}"), lambda m: f"since {m[1]}"),
    (re.compile(rf"(?:trong )?năm {_Y}"), lambda m: m[1]),
    (re.compile(rf"(?:đến|tới) (?:năm )?{_Y}"), lambda m: f"by {m[1]}"),
    (re.compile(rf"trước (?:năm )?{_Y}"), lambda m: f"before {m[1]}"),
    (re.compile(rf"sau (?:năm )?{_Y}"), lambda m: f"after {m[1]}"),
    (re.compile(r"trong (\d+) năm qua"), lambda m: f"over the past {m[1]} years"),
    (re.compile(r"trong (\d+) năm"), lambda m: f"over {m[1]} years"),
    (re.compile(rf"quý (iv|iii|ii|i)/{_Y}"), lambda m: f"Q{_ROMAN[m[1].upper()]} {m[2]}"),
    (re.compile(rf"tháng (\d{{1,2}})/{_Y}"), lambda m: _month(m[1], m[2])),
    (re.compile(rf"(\d{{1,2}}) tháng đầu năm {_Y}"), lambda m: f"first {m[1]} months of {m[2]}"),
    (re.compile(r"(\d{1,2}) tháng đầu năm"), lambda m: f"first {m[1]} months of the year"),
    (re.compile(_Y), lambda m: m[1]),
]


def _month(month: str, year: str) -> str:
    n = int(month)
    return f"{_MONTHS[n - 1]} {year}" if 1 <= n <= 12 else f"{month}/{year}"


# --- fields into English --------------------------------------------------------------------------------


def period_en(period: str | None) -> str | None:
    """'mỗi năm' -> 'per year', 'Năm 2022' -> '2022', 'quý I/2022' -> 'Q1 2022'; unknown ones as written."""
    if not period:
        return None
    text = re.sub(r"\s+", " ", period.strip().lower())
    parts = [p.strip() for p in text.split(",") if p.strip()]  # "mỗi năm, trước 2020"
    out = []
    for part in parts:
        match = next(((rx, fn) for rx, fn in _PERIODS if rx.fullmatch(part)), None)
        out.append(match[1](match[0].fullmatch(part)) if match else part)  # type: ignore[arg-type]
    return ", ".join(out) if out != parts else period


def unit_en(unit: str | None, *, one: bool = False) -> str:
    """'đảng viên' -> 'party members' ('party member' for ``one``); '%' stays; unknown units as written."""
    if not unit:
        return ""
    key = re.sub(r"\s+", " ", unit.strip().lower())
    if key not in UNITS:
        return unit
    plural = UNITS[key]
    if not one:
        return plural
    return _SINGULAR.get(plural) or (plural[:-2] if plural.endswith("sses") else plural.removesuffix("s"))


def qualifier_en(qualifier: str | None) -> str:
    """'trên'/'hơn' -> 'over', 'gần' -> 'nearly', 'khoảng' -> 'about'; '' for words that add nothing."""
    return QUALIFIERS.get((qualifier or "").strip().lower(), "")


def value_en(n: NumericResult) -> str:
    """A figure in English with its qualifier and unit: 'over 45,000 party members', '2–3 party members', 'over 90%'."""
    if n.value is None:
        value = f"{format_number(n.value_min, 'en')}–{format_number(n.value_max, 'en')}"
    else:
        value = format_number(n.value, "en")
    if n.unit == "%":
        value += "%"
    elif n.unit:
        value = f"{value} {unit_en(n.unit, one=n.value == 1)}"
    qualifier = qualifier_en(n.qualifier)
    return f"{qualifier} {value}" if qualifier else value


def place_en(loc: Locality | None) -> str:
    """'Lũng Cú commune, Đồng Văn district, Hà Giang province' (names stay as officially written)."""
    if loc is None:
        return ""
    parts = [(loc.commune, "commune"), (loc.district, "district"), (loc.province, "province")]
    return ", ".join(f"{name} {LEVELS[level]}" for name, level in parts if name)


def places_in(text: str) -> list[str]:
    """The places a quote names, in English word order: 'huyện Kỳ Sơn' -> 'Kỳ Sơn district'."""
    out: list[str] = []
    for m in find_mentions(text):
        word = m.text[: len(m.text) - len(m.name)].strip().lower()
        place = f"{m.name} {PLACE_WORDS.get(word, LEVELS[m.levels[0]])}"
        if place not in out:
            out.append(place)
    return out


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
    own = set(place_en(summary.locality).split(", "))
    figures = ", ".join(figures_in(finding, summary.numeric_results))
    places = ", ".join(p for p in places_in(finding.evidence) if p not in own)
    return "; ".join(part for part in (figures, f"in {places}" if places else "") if part)


_HEADLINE_METRICS = ("members_admitted", "members_total", "candidates_trained", "party_cells", "party_orgs")


def headline_figure(summary: ArticleSummary) -> NumericResult | None:
    """The figure a headline leads with: admissions first, then membership, then the rest (counts only);
    within a metric a dated figure, then the largest (the locality's total rather than one unit's)."""
    counts = [n for n in summary.numeric_results if n.unit != "%"]
    for metric in _HEADLINE_METRICS:
        found = [n for n in counts if n.metric == metric]
        if found:
            return max(
                found,
                key=lambda n: (bool(re.search(r"\d{4}", n.period or "")), n.value or n.value_max or 0),
            )
    return None


def headline_en(summary: ArticleSummary) -> str:
    """An English headline from the structured fields: place, level, year and the headline figure.

    'Lũng Cú commune, Hà Giang province: 9 party members admitted in 2022'. A model's ``title_en`` is
    used instead when there is one."""
    if summary.title_en and summary.title_en.strip():
        return summary.title_en
    loc = summary.locality
    where = place_en(loc) if loc and (loc.province or loc.commune) else "Unknown locality"
    if loc and loc.level == "commune" and loc.commune and loc.province:  # the district adds little
        where = f"{loc.commune} commune, {loc.province} province"
    figure = headline_figure(summary) if summary.relevant else None
    if figure is None:
        year = f" ({summary.published.year})" if summary.published else ""
        topic = "party-member development" if summary.relevant else "not about party-member development"
        return f"{where}: {topic}{year}"
    verb = " admitted" if figure.metric == "members_admitted" else ""
    what = (
        value_en(figure)
        if figure.unit
        else f"{value_en(figure)} {taxonomy.metric_label(figure.metric, 'en')}"
    )
    period = period_en(figure.period)
    when = "" if not period else f" in {period}" if period.isdigit() else f" ({period})"
    return f"{where}: {what}{verb}{when}"
