"""Find the article's MAIN locality from the place mentions in its cleaned text.

1. Mentions: a unit word and a capitalised name ("huyện Sốp Cộp", "Đảng ủy xã Mường Lạn", "Huyện ủy
   Văn Bàn", "Pha Long (Mường Khương)"), provincial newspaper tags ("LCĐT - ") and generic references
   ("toàn tỉnh", "UBND huyện") that point at the unit the article is about.
2. Province: the one most mentions are consistent with; a missing province is inferred from a unique
   district or commune ("Sốp Cộp" -> Sơn La). When mentions fit several provinces equally, nothing is
   guessed: the locality says which names were ambiguous.
3. Level: go down from province to district to commune while one unit holds most of the weight of its
   parent (an article about a district that visits one of its communes stays at the district level; an
   article that compares two districts stays at the province level).

Only the cleaned text is read, so mentions in boilerplate (related news, captions of other articles)
never count.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..models import CurrentUnit, Locality, LocalityCodes
from .gazetteer import NEWS_TAGS, Gazetteer, Unit, UnitLevel, current_unit, get_gazetteer
from .text import tone_norm

_CAP = r"[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"
_SYL = rf"{_CAP}[a-zà-ỹđ]*"
_NAME = rf"(?:{_SYL}(?:[ ]{_SYL}){{0,3}}|\d{{1,2}}\b)"
_PREFIXES: list[tuple[str, tuple[UnitLevel, ...]]] = [
    ("tỉnh ủy", ("province",)), ("tỉnh uỷ", ("province",)), ("thành ủy", ("province", "district")),
    ("thành uỷ", ("province", "district")), ("huyện ủy", ("district",)), ("huyện uỷ", ("district",)),
    ("thị ủy", ("district",)), ("thị uỷ", ("district",)), ("quận ủy", ("district",)), ("quận uỷ", ("district",)),
    ("thành phố", ("province", "district")), ("tp.", ("province", "district")), ("tỉnh", ("province",)),
    ("thị xã", ("district",)), ("huyện", ("district",)), ("quận", ("district",)),
    ("thị trấn", ("commune",)), ("phường", ("commune",)), ("xã", ("commune",)), ("đặc khu", ("commune",)),
]  # fmt: skip
_PREFIX_LEVELS = dict(_PREFIXES)
_MENTION = re.compile(
    r"(?<![\wà-ỹđ])(?P<prefix>(?i:"
    + "|".join(re.escape(p) for p, _ in _PREFIXES)
    + r"))\s+(?P<name>"
    + _NAME
    + r")"
)
_PAREN = re.compile(r"\s*\((?P<name>" + _NAME + r")\)")
_GENERIC = re.compile(
    r"(?<![\wà-ỹđ])(?<!các )(?<!những )(?<!nhiều )(?P<word>(?i:tỉnh|huyện|quận|thị xã|xã|phường|thị trấn))"
    r"(?:\s+(?i:ủy|uỷ))?(?![\wà-ỹđ])(?!\s+" + _CAP + r")"
)
_GENERIC_LEVEL: dict[str, UnitLevel] = {
    "tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district",
    "xã": "commune", "phường": "commune", "thị trấn": "commune",
}  # fmt: skip
_TAG = re.compile(r"^\s*(?P<tag>[A-ZĐ]{2,6})\s*[-–—:]\s", re.MULTILINE)
_GENERIC_WEIGHT = 0.5
_DOMINANT = 0.6


@dataclass
class Mention:
    name: str
    levels: tuple[UnitLevel, ...]
    start: int
    end: int
    text: str
    parent: str | None = None  # "Pha Long (Mường Khương)": the district in brackets
    in_title: bool = False


def find_mentions(text: str, *, in_title: bool = False) -> list[Mention]:
    """Prefixed place mentions in reading order."""
    out = []
    for m in _MENTION.finditer(text):
        prefix = m.group("prefix").lower()
        name = m.group("name")
        if name.isdigit() and prefix not in ("phường", "quận"):
            continue
        paren = _PAREN.match(text, m.end())
        out.append(Mention(name, _PREFIX_LEVELS[prefix], m.start(), m.end(), m.group(),
                           paren.group("name") if paren else None, in_title))  # fmt: skip
    return out


def resolve_locality(
    text: str, title: str | None = None, gazetteer: Gazetteer | None = None
) -> Locality | None:
    """The main locality of an article, or ``None`` when it names no known place."""
    gaz = gazetteer or get_gazetteer()
    mentions = find_mentions(text)
    title_mentions = find_mentions(title or "", in_title=True)
    candidates: list[tuple[Mention, list[Unit]]] = []
    for mention in mentions + title_mentions:
        units = [u for lvl in mention.levels for u in gaz.lookup(mention.name, lvl)]
        if mention.parent:
            units = [
                u for u in units if u.district and tone_norm(u.district) == tone_norm(mention.parent)
            ] or units
        if units:
            candidates.append((mention, units))
    tag_province = _news_tag_province(text)
    if not candidates and not tag_province:
        return None

    province, ambiguous = _choose_province(candidates, tag_province)
    if province is None:
        names = sorted({m.name for m, _ in candidates})
        return Locality(note=f"ambiguous place names, province not determined: {', '.join(names)}")

    weights, first_mention, resolved = _weigh(text, title, candidates, province, tag_province)
    loc = _descend(province, weights, resolved, gaz)
    loc.note = ambiguous
    key = loc.commune or loc.district or loc.province
    first = first_mention.get(key) if key else None
    if first:
        loc.evidence, loc.span = first.text, (first.start, first.end)
    else:
        _bare_evidence(text, loc, key, tag_province)
    return loc


def _news_tag_province(text: str) -> str | None:
    m = _TAG.search(text[:300])
    return NEWS_TAGS.get(m.group("tag")) if m else None


def _news_tag_span(text: str) -> tuple[int, int] | None:
    m = _TAG.search(text[:300])
    return (m.start("tag"), m.end("tag")) if m and m.group("tag") in NEWS_TAGS else None


def _choose_province(
    candidates: list[tuple[Mention, list[Unit]]], tag: str | None
) -> tuple[str | None, str | None]:
    score: dict[str, float] = defaultdict(float)
    for _, units in candidates:
        provinces = {u.province for u in units}
        for p in provinces:
            # A name found in one province only is strong evidence; a common name is weak.
            score[p] += 1.0 / len(provinces)
    if tag:
        score[tag] += 2.0
    if not score:
        return None, None
    ranked = sorted(score.items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    if len(ranked) > 1 and ranked[1][1] >= top - 1e-9:
        return None, None
    unresolved = sorted({m.name for m, units in candidates if best not in {u.province for u in units}})
    note = f"mentions outside {best} ignored: {', '.join(unresolved)}" if unresolved else None
    return best, note


def _weigh(
    text: str,
    title: str | None,
    candidates: list[tuple[Mention, list[Unit]]],
    province: str,
    tag: str | None,
) -> tuple[dict[tuple, float], dict[str, Mention], dict[tuple, Unit]]:
    """Weight of each unit of ``province``: its name's occurrences plus generic references."""
    units: dict[tuple, Unit] = {}
    first: dict[str, Mention] = {}
    # Articles spell names their own way ("Mù Cang Chải" for the official "Mù Căng Chải"): count both.
    spellings: dict[tuple, set[str]] = defaultdict(set)
    for mention, cands in candidates:
        inside = [u for u in cands if u.province == province]
        for u in _prefer_consistent(inside, candidates):
            units.setdefault(u.key, u)
            spellings[u.key].update((u.name, mention.name))
            if not mention.in_title:
                first.setdefault(u.name, mention)
    weights: dict[tuple, float] = defaultdict(float)
    body = text + "\n" + (title or "")
    for key in units:
        weights[key] += sum(_count_name(body, name) for name in spellings[key])
    weights[(province, None, None)] += _count_name(body, province) + (2 if tag == province else 0)
    generic = Counter(_GENERIC_LEVEL[m.group("word").lower()] for m in _GENERIC.finditer(body))
    weights[("generic", "province")] = generic["province"] * _GENERIC_WEIGHT
    weights[("generic", "district")] = generic["district"] * _GENERIC_WEIGHT
    weights[("generic", "commune")] = generic["commune"] * _GENERIC_WEIGHT
    return weights, first, units


def _prefer_consistent(units: list[Unit], candidates: list[tuple[Mention, list[Unit]]]) -> list[Unit]:
    """Of several same-named communes in one province, keep those whose district is also mentioned."""
    if len(units) <= 1:
        return units
    districts = {tone_norm(m.name) for m, _ in candidates if "district" in m.levels}
    districts |= {tone_norm(m.parent) for m, _ in candidates if m.parent}
    consistent = [u for u in units if u.district and tone_norm(u.district) in districts]
    return consistent or units


def _count_name(text: str, name: str) -> int:
    pattern = r"(?<![\wà-ỹđ])" + re.escape(name) + r"(?![\wà-ỹđ])(?![ ]" + _CAP + ")"
    return len(re.findall(pattern, text))


def _descend(
    province: str, weights: dict[tuple, float], units: dict[tuple, Unit], gaz: Gazetteer
) -> Locality:
    p_unit = gaz.provinces.get(province) or next(iter(gaz.lookup(province, "province")), None)
    district_w: dict[tuple, float] = defaultdict(float)
    for key, u in units.items():
        if u.level in ("district", "commune") and u.district:
            district_w[(u.province, u.district, None)] += weights[key]
    communes = {k: weights[k] for k, u in units.items() if u.level == "commune"}
    total = sum(district_w.values()) + weights[(province, None, None)] + weights[("generic", "province")]

    loc = Locality(province=province, level="province")
    unit: Unit | None = p_unit
    if district_w:
        d_key, d_weight = max(district_w.items(), key=lambda kv: kv[1])
        d_weight += weights[("generic", "district")]
        total += weights[("generic", "district")]
        if total and d_weight / total >= _DOMINANT:
            d_unit = units.get(d_key) or _district_unit(units, d_key)
            loc.district, loc.level, unit = d_key[1], "district", d_unit
            inside = {k: w for k, w in communes.items() if units[k].district == d_key[1]}
            if inside:
                c_key, c_weight = max(inside.items(), key=lambda kv: kv[1])
                c_weight += weights[("generic", "commune")]
                if c_weight / d_weight >= _DOMINANT:
                    loc.commune, loc.level, unit = c_key[2], "commune", units[c_key]
    elif communes:  # post-2025 communes have no district
        c_key, c_weight = max(communes.items(), key=lambda kv: kv[1])
        if total and c_weight / total >= _DOMINANT:
            loc.commune, loc.level, unit = c_key[2], "commune", units[c_key]

    _fill_codes(loc, unit, p_unit)
    return loc


def _district_unit(units: dict[tuple, Unit], d_key: tuple) -> Unit | None:
    return next((u for u in units.values() if u.district == d_key[1] and u.province == d_key[0]), None)


def _fill_codes(loc: Locality, unit: Unit | None, p_unit: Unit | None) -> None:
    if unit is None:
        return
    codes = LocalityCodes(province=unit.province_code)
    if loc.level in ("district", "commune"):
        codes.district = unit.district_code
    if loc.level == "commune":
        codes.commune = unit.code
    loc.codes = codes
    if unit.level == loc.level or (loc.level == "district" and unit.level == "district"):
        loc.latitude, loc.longitude = unit.lat, unit.lon
    elif p_unit is not None:
        loc.latitude, loc.longitude = p_unit.lat, p_unit.lon
    if unit.era == "2025":
        loc.district = None
        loc.current = CurrentUnit(province=unit.province, commune=loc.commune, province_code=unit.province_code,
                                  commune_code=codes.commune)  # fmt: skip
    else:
        loc.current = current_unit(
            unit.province,
            loc.district,
            loc.commune,
            unit.district_type,
            unit.type if loc.level == "commune" else None,
        )


def locality_of(unit: Unit, text: str = "", gazetteer: Gazetteer | None = None) -> Locality:
    """The locality of one known unit, with codes, coordinates, its 2025 unit and a mention in ``text``."""
    gaz = gazetteer or get_gazetteer()
    loc = Locality(
        province=unit.province,
        district=unit.district if unit.level != "province" else None,
        commune=unit.name if unit.level == "commune" else None,
        level=unit.level,
    )
    _fill_codes(loc, unit, gaz.provinces.get(unit.province))
    name = loc.commune or loc.district or loc.province
    mention = next((m for m in find_mentions(text) if name and tone_norm(m.name) == tone_norm(name)), None)
    if mention:
        loc.evidence, loc.span = mention.text, (mention.start, mention.end)
    else:
        _bare_evidence(text, loc, name, _news_tag_province(text))
    return loc


def _bare_evidence(text: str, loc: Locality, name: str | None, tag_province: str | None) -> None:
    """Evidence when the main unit has no prefixed mention: its bare name, else the newspaper tag."""
    if not name:
        return
    m = re.search(r"(?<![\wà-ỹđ])" + re.escape(name) + r"(?![\wà-ỹđ])", text)
    if m:
        loc.evidence, loc.span = m.group(), (m.start(), m.end())
    elif tag_province == name and (span := _news_tag_span(text)):
        loc.evidence, loc.span = text[span[0] : span[1]], span
