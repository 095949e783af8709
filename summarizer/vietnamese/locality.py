"""Find the article's MAIN locality from the place mentions in its cleaned text.

1. Mentions (:mod:`.mentions`): unit words and names, grouped into addresses, history lines flagged;
   provincial newspaper tags ("LCĐT - ") and generic references ("toàn tỉnh", "UBND huyện") that point
   at the unit the article is about. A text written without marks is read on its stripped form and
   its names matched on the diacritic-free index; the answer carries the official names.
2. Addresses narrow names: "xã Mậu A, tỉnh Lào Cai" is the 2025 commune of Lào Cai, not the legacy
   town of Yên Bái; "xa Nam Chay, huyen Muong Khuong" is Nậm Chảy, not Nậm Chày. Other mentions of the
   same name follow their address, and the era the addresses agree on (two levels after July 2025,
   three before) decides for the rest.
3. History is not the main place: mentions on a history line ("trước đây thuộc …", "… cũ", "sáp nhập
   từ …", "… (nay là …)") count only when the article names nothing else.
4. Province: the one most mentions are consistent with; a missing province is inferred from a unique
   district or commune ("Sốp Cộp" -> Sơn La). When mentions fit several provinces equally, nothing is
   guessed: the locality says which names were ambiguous.
5. Level: go down from province to district to commune (or straight to the commune after 2025) while
   one unit holds most of the weight of its parent (an article about a district that visits one of its
   communes stays at the district level; an article that compares two districts stays at the province
   level).

Only the cleaned text is read, so mentions in boilerplate (related news, captions of other articles)
never count.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache

from ..models import CurrentUnit, Locality, LocalityCodes
from .gazetteer import (
    Era,
    Gazetteer,
    Unit,
    current_unit,
    get_gazetteer,
    news_tag_province,
    news_tag_span,
    unit_word,
)
from .mentions import CAP, Mention, find_mentions, patterns
from .text import WORD_END, WORD_START, fold, has_diacritics, one_of, strip_marks, tone_norm

_GENERIC_WEIGHT = 0.5
_DOMINANT = 0.6

Candidates = list[tuple[Mention, list[Unit]]]

__all__ = ["Mention", "find_mentions", "locality_of", "resolve_locality"]


def is_plain(text: str) -> bool:
    """Whether ``text`` is written without Vietnamese marks (read with the diacritic-free index)."""
    return has_diacritics(text) is False


def _same_name(plain: bool) -> Callable[[str], str]:
    """The key two spellings of one name share: their marks only count when the text has them."""
    return fold if plain else tone_norm


def resolve_locality(
    text: str, title: str | None = None, gazetteer: Gazetteer | None = None
) -> Locality | None:
    """The main locality of an article, or ``None`` when it names no known place."""
    gaz = gazetteer or get_gazetteer()
    plain = is_plain(f"{title or ''}\n{text}")
    mentions = find_mentions(text, plain=plain) + find_mentions(title or "", in_title=True, plain=plain)
    candidates = _candidates(mentions, gaz, plain)
    tag_province = news_tag_province(text)
    if not candidates and not tag_province:
        return _organisation_place(text, title, gaz, plain)
    # History names the past: it counts only when the article names nothing else.
    candidates = [(m, u) for m, u in candidates if not m.history] or candidates
    era = _era(candidates, text, plain)
    if era:
        candidates = [(m, [u for u in units if u.era == era or u.level == "province"] or units)
                      for m, units in candidates]  # fmt: skip

    province, ambiguous = _choose_province(candidates, tag_province)
    if province is None:
        names = sorted({m.name for m, _ in candidates})
        return Locality(note=f"ambiguous place names, province not determined: {', '.join(names)}")

    weights, first_mention, resolved = _weigh(text, title, candidates, province, tag_province, plain)
    loc = _descend(province, weights, resolved, gaz)
    loc.note = ambiguous
    key = loc.commune or loc.district or loc.province
    first = first_mention.get(key) if key else None
    if first:
        loc.evidence, loc.span = first.text, (first.start, first.end)
    else:
        _bare_evidence(text, loc, key, tag_province, plain)
    return loc


def _organisation_place(text: str, title: str | None, gaz: Gazetteer, plain: bool) -> Locality | None:
    """The province of an article centred on an organisation (a university, a hospital, an enterprise, an army
    unit) that names no unit with its unit word: "Đảng ủy Đại học Quốc gia Hà Nội", "Bệnh viện Bạch Mai (Hà
    Nội)", "đóng quân tại Thái Nguyên". The province named bare most often, when one is named most often."""
    body = f"{title or ''}\n{text}"
    scan = strip_marks(body) if plain else body
    counts = Counter(
        {name: n for name in gaz.provinces if (n := _count_name(scan, strip_marks(name) if plain else name))}
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return locality_of(gaz.provinces[ranked[0][0]], text, gaz)


def _candidates(mentions: list[Mention], gaz: Gazetteer, plain: bool) -> Candidates:
    """Each mention with the units it may name, narrowed by its address and by the same name's
    addresses elsewhere in the article."""
    same = _same_name(plain)
    found = {id(m): [u for lvl in m.levels for u in gaz.lookup(m.name, lvl, plain=plain)] for m in mentions}
    out: Candidates = []
    pinned: dict[str, set[tuple]] = defaultdict(set)
    for m in mentions:
        parent = m.parent or ""
        parents = [u for lvl in ("district", "province") for u in gaz.lookup(parent, lvl, plain=plain)]
        others = [u for o in m.chain if o is not m and not o.history for u in found[id(o)]] + parents
        units = _fit_address(
            found[id(m)], others, any(o.levels == ("district",) for o in m.chain if o is not m)
        )
        if units and units != found[id(m)] and not m.history:
            pinned[same(m.name)].update(u.key for u in units)
        out.append((m, units))
    # "xa Nam Chay, huyen Muong Khuong ... Dang uy xa Nam Chay": the address decides for every mention.
    return [
        (m, [u for u in units if u.key in pinned[same(m.name)]] or units)
        if same(m.name) in pinned
        else (m, units)
        for m, units in out
        if units
    ]


def _fit_address(units: list[Unit], others: list[Unit], district_word: bool) -> list[Unit]:
    """The units that fit the rest of their address: inside its province (and district). An address
    with no district names a post-2025 commune when one fits; one with a district, a legacy commune."""
    provinces = {u.province for u in others if u.level == "province"}
    districts = {(u.province, u.district) for u in others if u.level == "district"}
    if not provinces and not districts:
        return units

    def fits(u: Unit) -> bool:
        if u.level == "province":
            return True
        if u.era == "2025":
            return u.province in provinces and not district_word
        in_district = u.level == "district" or not districts or (u.province, u.district) in districts
        return in_district and (not provinces or u.province in provinces)

    fit = [u for u in units if fits(u)]
    wanted: Era = "legacy" if districts else "2025"
    return [u for u in fit if u.era == wanted or u.level == "province"] or fit or units


def _era(candidates: Candidates, text: str, plain: bool) -> Era | None:
    """The era the article's addressed communes agree on, if they do; else words such as "chính quyền
    hai cấp" or "1/7/2025" date the article after the reorganisation."""
    votes: Counter[Era] = Counter()
    for m, units in candidates:
        eras = {u.era for u in units if u.level == "commune"}
        if (len(m.chain) > 1 or m.parent) and len(eras) == 1:
            votes[eras.pop()] += 1
    if len(votes) == 1:
        return next(iter(votes))
    return "2025" if not votes and patterns(plain).after_2025.search(text) else None


def _choose_province(candidates: Candidates, tag: str | None) -> tuple[str | None, str | None]:
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
    text: str, title: str | None, candidates: Candidates, province: str, tag: str | None, plain: bool
) -> tuple[dict[tuple, float], dict[str, Mention], dict[tuple, Unit]]:
    """Weight of each unit of ``province``: its name's occurrences plus generic references."""
    units: dict[tuple, Unit] = {}
    first: dict[str, Mention] = {}
    # Articles spell names their own way ("Mù Cang Chải" for the official "Mù Căng Chải"): count both.
    spellings: dict[tuple, set[str]] = defaultdict(set)
    same = _same_name(plain)
    districts = {same(m.name) for m, _ in candidates if "district" in m.levels}
    districts |= {same(m.parent) for m, _ in candidates if m.parent}
    for mention, cands in candidates:
        inside = [u for u in cands if u.province == province]
        for u in _prefer_consistent(inside, districts, same):
            units.setdefault(u.key, u)
            spellings[u.key].update((u.name, mention.name))
            if not mention.in_title:
                first.setdefault(u.name, mention)
    weights: dict[tuple, float] = defaultdict(float)
    body = text + "\n" + (title or "")
    # "xã Nà Hỳ, huyện Nậm Pồ" and "Nà Hỳ (Nậm Pồ)" name the commune: the district there only says
    # where it lies, so it does not count for the district.
    qualifiers = Counter(same(o.name) for m, _ in candidates if m is m.chain[0] for o in m.chain[1:])
    qualifiers.update(same(m.parent) for m, _ in candidates if m.parent)
    for key, u in units.items():
        count = sum(_count_name(body, name) for name in spellings[key])
        if u.level != "commune":
            count -= sum(qualifiers[k] for k in {same(n) for n in spellings[key]})
        weights[key] += max(count, 0)
    province_names = {province, strip_marks(province)} if plain else {province}
    # A province the article names is counted above already; one inferred from its units is counted here.
    named = (province, None, None) in units
    weights[(province, None, None)] += (not named) * sum(_count_name(body, n) for n in province_names) + 2 * (
        tag == province
    )
    pat = patterns(plain)
    scan = strip_marks(body) if plain else body
    generic = Counter(pat.generic_level[m.group("word").lower()] for m in pat.generic.finditer(scan))
    for level in ("province", "district", "commune"):
        weights[("generic", level)] = generic[level] * _GENERIC_WEIGHT
    return weights, first, units


def _prefer_consistent(units: list[Unit], districts: set[str], same: Callable[[str], str]) -> list[Unit]:
    """Of several same-named communes in one province, keep those whose district is also mentioned."""
    if len(units) <= 1:
        return units
    consistent = [u for u in units if u.district and same(u.district) in districts]
    return consistent or units


@lru_cache(maxsize=1024)  # the same few names are counted in every article about a place
def _whole_word(needle: str, alone: bool = False) -> re.Pattern[str]:
    """``needle`` as whole words; ``alone``: not followed by a capitalised word either (no "Sốp Cộp" in
    "Sốp Cộp Mới"). A name opens with a letter, which ``re`` skips to in C; a look-behind first would be
    tried at every position of the article."""
    escaped = re.escape(needle)
    pattern = one_of(words=escaped) if needle[:1].isalpha() else WORD_START + escaped + WORD_END
    return re.compile(pattern + r"(?![ ]" + CAP + ")" if alone else pattern)


def _count_name(text: str, name: str) -> int:
    return len(_whole_word(name, alone=True).findall(text))


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
    elif communes:  # post-2025 communes have no district: they stand against the province directly
        c_key, c_weight = max(communes.items(), key=lambda kv: kv[1])
        c_weight += weights[("generic", "commune")]
        total += sum(communes.values()) + weights[("generic", "commune")]
        if total and c_weight / total >= _DOMINANT:
            loc.commune, loc.level, unit = c_key[2], "commune", units[c_key]

    _fill_codes(loc, unit, p_unit, gaz)
    return loc


def _district_unit(units: dict[tuple, Unit], d_key: tuple) -> Unit | None:
    return next((u for u in units.values() if u.district == d_key[1] and u.province == d_key[0]), None)


def _fill_codes(loc: Locality, unit: Unit | None, p_unit: Unit | None, gaz: Gazetteer) -> None:
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
    # The legacy table already names the 2025 provinces with their current word (Huế: "Thành phố").
    loc.province_type = unit_word(p_unit.type) if p_unit else None
    if loc.level == "commune":
        loc.commune_type = unit_word(unit.type)
    if loc.level in ("district", "commune") and unit.era == "legacy":
        loc.district_type = unit_word(unit.district_type)
    if unit.era == "2025":
        loc.district = None
        loc.current = CurrentUnit(province=unit.province, commune=loc.commune, province_code=unit.province_code,
                                  commune_code=codes.commune, province_type=loc.province_type,
                                  commune_type=loc.commune_type)  # fmt: skip
        loc.formerly = gaz.formerly(unit)
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
    _fill_codes(loc, unit, gaz.provinces.get(unit.province), gaz)
    name = loc.commune or loc.district or loc.province
    plain = is_plain(text)
    same = _same_name(plain)
    found = find_mentions(text, plain=plain)
    mention = next((m for m in found if name and same(m.name) == same(name) and not m.history), None)
    if mention:
        loc.evidence, loc.span = mention.text, (mention.start, mention.end)
    else:
        _bare_evidence(text, loc, name, news_tag_province(text), plain)
    return loc


def _bare_evidence(text: str, loc: Locality, name: str | None, tag_province: str | None, plain: bool) -> None:
    """Evidence when the main unit has no prefixed mention: its bare name, else the newspaper tag."""
    if not name:
        return
    scan, needle = (strip_marks(text), strip_marks(name)) if plain else (text, name)
    m = _whole_word(needle).search(scan)
    if m:
        loc.evidence, loc.span = text[m.start() : m.end()], (m.start(), m.end())
    elif tag_province == name and (span := news_tag_span(text)):
        loc.evidence, loc.span = text[span[0] : span[1]], span
