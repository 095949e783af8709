"""The official administrative units, legacy (63 provinces, with districts) and post-July-2025 (34 provinces).

Backed by the ``vietnamadminunits`` package (its SQLite dataset for names, codes and coordinates,
its converter for legacy -> 2025). Loaded once per process, on first use.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from ..models import CurrentUnit, FormerUnit
from .text import fold, tone_norm

Era = Literal["legacy", "2025"]
UnitLevel = Literal["province", "district", "commune"]

# Provincial newspapers open articles with a source tag ("LCĐT - ..."): the tag names the province.
NEWS_TAGS = {
    "LCĐT": "Lào Cai",
    "BGĐT": "Bắc Giang",
    "YBĐT": "Yên Bái",
    "HBĐT": "Hòa Bình",
    "QNO": "Quảng Nam",
    "QTO": "Quảng Trị",
    "BQN": "Quảng Ninh",
    "BBK": "Bắc Kạn",
    "HGĐT": "Hà Giang",
    "TQĐT": "Tuyên Quang",
    "BPĐT": "Bình Phước",
    "ĐBP": "Điện Biên",
}
_TAG = re.compile(r"^\s*(?P<tag>[A-ZĐ]{2,6})\s*[-–—:]\s", re.MULTILINE)
_TAGS = {fold(tag): province for tag, province in NEWS_TAGS.items()}  # "LCDT" in a repost is "LCĐT"


def news_tag_span(text: str) -> tuple[int, int] | None:
    """Where the article opens with a provincial newspaper's tag ("LCĐT - …"), if it does."""
    m = _TAG.search(text[:300])
    return (m.start("tag"), m.end("tag")) if m and fold(m.group("tag")) in _TAGS else None


def news_tag_province(text: str) -> str | None:
    """The province whose newspaper's tag opens the article."""
    span = news_tag_span(text)
    return _TAGS[fold(text[span[0] : span[1]])] if span else None


@dataclass(frozen=True)
class Unit:
    """One administrative unit with its parents' names and codes."""

    level: UnitLevel
    name: str
    type: str
    code: str
    province: str
    province_code: str
    district: str | None = None
    district_code: str | None = None
    district_type: str | None = None
    lat: float | None = None
    lon: float | None = None
    era: Era = "legacy"
    #: The dataset's key of a 2025 unit ("tinhlaocai/xamaua"), which its conversion table refers to.
    ref: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        commune = self.name if self.level == "commune" else None
        return (self.province, self.district if self.level != "province" else None, commune)


class Gazetteer:
    """Name -> units indexes over the legacy and 2025 datasets."""

    def __init__(
        self, rows_legacy: list[dict], rows_2025: list[dict], conversion: dict[str, list[str]] | None = None
    ) -> None:
        #: 2025 unit ref -> keys of the legacy units it was formed from (see :meth:`formerly`).
        self._conversion = conversion or {}
        self._legacy_by_key: dict[str, Unit] = {}
        self._by_name: dict[tuple[UnitLevel, str], list[Unit]] = defaultdict(list)
        self._by_fold: dict[tuple[UnitLevel, str], list[Unit]] = defaultdict(list)
        self.provinces: dict[str, Unit] = {}
        # Every mention and every parent is looked up, most of them once per article: the indexes are
        # complete when __init__ returns, so an answer never goes stale.
        self._cached_lookup = lru_cache(maxsize=8192)(self._lookup)
        # (lat, lon) of every current commune: drawn as dots they outline the country on the digest map.
        self.points = [(r["wardLat"], r["wardLon"]) for r in rows_2025 if r["wardLat"] and r["wardLon"]]
        seen: set[tuple[UnitLevel, str, str | None, str]] = set()
        for r in rows_legacy:
            p = Unit("province", r["provinceShort"], _prefix(r["province"]), r["provinceCode"], r["provinceShort"],
                     r["provinceCode"], lat=r["provinceLat"], lon=r["provinceLon"])  # fmt: skip
            d = Unit("district", r["districtShort"], r["districtType"], r["districtCode"], r["provinceShort"],
                     r["provinceCode"], r["districtShort"], r["districtCode"], r["districtType"],
                     r["districtLat"], r["districtLon"])  # fmt: skip
            units = [p, d]
            if r["wardShort"]:
                units.append(
                    Unit(
                        "commune",
                        r["wardShort"],
                        r["wardType"] or "Xã",
                        r["wardCode"],
                        r["provinceShort"],
                        r["provinceCode"],
                        r["districtShort"],
                        r["districtCode"],
                        r["districtType"],
                        r["wardLat"],
                        r["wardLon"],
                    )  # fmt: skip
                )
            for u in units:
                self._add(u, seen)
            if "provinceKey" in r:
                self._legacy_by_key[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"] = units[-1]
        for r in rows_2025:
            self._add(
                Unit(
                    "commune",
                    r["wardShort"],
                    r["wardType"] or "Xã",
                    r["wardCode"],
                    r["provinceShort"],
                    r["provinceCode"],
                    lat=r["wardLat"],
                    lon=r["wardLon"],
                    era="2025",
                    ref=f"{r['provinceKey']}/{r['wardKey']}" if "provinceKey" in r else None,
                ),  # fmt: skip
                seen,
            )
            self._add(
                Unit(
                    "province",
                    r["provinceShort"],
                    _prefix(r["province"]),
                    r["provinceCode"],
                    r["provinceShort"],
                    r["provinceCode"],
                    lat=r["provinceLat"],
                    lon=r["provinceLon"],
                    era="2025",
                ),  # fmt: skip
                seen,
            )

    def _add(self, u: Unit, seen: set) -> None:
        ident = (u.level, u.code, u.district_code, u.era)
        if ident in seen:
            return
        seen.add(ident)
        if u.level == "province" and u.era == "legacy":
            self.provinces[u.name] = u
        self._by_name[(u.level, tone_norm(u.name))].append(u)
        self._by_fold[(u.level, fold(u.name))].append(u)

    def lookup(self, name: str, level: UnitLevel, *, plain: bool = False) -> list[Unit]:
        """Units of ``level`` called ``name`` (exact with tone normalisation, else accent-insensitive).

        ``plain``: the name was written without marks, so every unit whose name strips to it is a
        candidate ("Huong Loc": Hướng Lộc and Hương Lộc); the other mentions decide between them.
        """
        return list(self._cached_lookup(name, level, plain))

    def _lookup(self, name: str, level: UnitLevel, plain: bool) -> tuple[Unit, ...]:
        exact = None if plain else self._by_name.get((level, tone_norm(name)))
        if exact:
            return tuple(exact)
        return tuple(self._by_fold.get((level, fold(name)), ()))

    def formerly(self, unit: Unit) -> list[FormerUnit]:
        """The legacy units a 2025 commune or ward was formed from (whole or, when split, in part)."""
        found = (self._legacy_by_key.get(key) for key in self._conversion.get(unit.ref or "", ()))
        return [
            FormerUnit(
                province=u.province,
                district=u.district,
                commune=u.name if u.level == "commune" else None,
                province_code=u.province_code,
                district_code=u.district_code,
                commune_code=u.code if u.level == "commune" else None,
            )
            for u in found
            if u is not None
        ]

    def resolve_names(
        self, province: str | None, district: str | None = None, commune: str | None = None
    ) -> tuple[Unit | None, list[str]]:
        """The most specific unit the names agree on, and what is wrong with them (for a model to fix).

        A name that exists nowhere, or a unit outside its stated parent, is a problem; a name shared by
        several units that the others do not settle is not (the result stops one level higher).
        """
        problems: list[str] = []

        def units(name: str | None, level: UnitLevel, keep: Callable[[Unit], bool]) -> list[Unit]:
            if not name:
                return []
            found = self.lookup(name, level)
            if not found:
                problems.append(f"{level} {name!r} is not an official Vietnamese {level} name")
                return []
            inside = [u for u in found if keep(u)]
            if not inside:
                problems.append(
                    f"{level} {name!r} is not inside the {('district', 'province')[level == 'district']} given"
                )
            return inside

        provs = units(province, "province", lambda u: True)
        prov_names = {u.province for u in provs}
        dists = units(district, "district", lambda u: not prov_names or u.province in prov_names)
        dist_keys = {(u.province, u.district) for u in dists}
        comms = units(commune, "commune", lambda u: (not dist_keys or (u.province, u.district) in dist_keys)
                      and (not prov_names or u.province in prov_names))  # fmt: skip
        if province and not district and len({u.key for u in comms}) > 1:
            # A commune given with its province and no district is a two-level, post-July-2025 address
            # (as the offline resolver reads "xã Mường Phăng, tỉnh Điện Biên"), not the legacy namesake.
            comms = [u for u in comms if u.district is None] or comms
        for candidates in (comms, dists, provs):
            distinct = {u.key for u in candidates}
            if len(distinct) == 1:
                return candidates[0], problems
        return None, problems


def _prefix(full: str) -> str:
    return "Thành phố" if full.startswith("Thành phố") else "Tỉnh"


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about 1 s)."""
    from vietnamadminunits.database import query

    legacy = query(
        "SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, districtShort, districtType,"
        " districtCode, districtLat, districtLon, wardShort, wardType, wardCode, wardLat, wardLon,"
        " provinceKey, districtKey, wardKey FROM admin_units_legacy"
    )
    current = query(
        "SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, wardShort, wardType,"
        " wardCode, wardLat, wardLon, provinceKey, wardKey FROM admin_units"
    )
    return Gazetteer(legacy, current, _conversion_2025())


def _conversion_2025() -> dict[str, list[str]]:
    """2025 unit ref -> legacy unit keys, from the package's legacy -> 2025 conversion data.

    Most legacy units went whole into one new unit; a split one is listed under every unit it fed.
    """
    import vietnamadminunits

    path = Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = defaultdict(list)
    for province, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, legacy_keys in wards.items():
            out[f"{province}/{ward}"].extend(legacy_keys)
    for province, split in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for legacy_key, parts in split.items():
            for part in parts:
                out[f"{province}/{part['newWardKey']}"].append(legacy_key)
    return dict(out)


@lru_cache(maxsize=4096)
def current_unit(province: str, district: str | None = None, commune: str | None = None,
                 district_type: str | None = None, commune_type: str | None = None) -> CurrentUnit | None:  # fmt: skip
    """The post-July-2025 unit a legacy unit became part of (province, and commune when given)."""
    from vietnamadminunits import convert_address

    # Exactly "commune, district, province" (at most two commas): with a street the converter would
    # geocode over the network, which this library never does.
    parts = [f"{commune_type or 'Xã'} {commune}" if commune else None,
             f"{district_type or 'Huyện'} {district}" if district else None, province]  # fmt: skip
    address = ", ".join(p for p in parts if p)
    try:
        unit = convert_address(address)
    except Exception:  # the converter raises bare Exceptions on unknown names
        return None
    if not unit or not unit.short_province:
        return None
    return CurrentUnit(
        province=unit.short_province,
        commune=unit.short_ward if commune else None,
        province_code=unit.province_code,
        commune_code=unit.ward_code if commune else None,
        province_type=unit_word(_prefix(unit.province or "")),
        commune_type=unit_word(unit.ward_type) if commune else None,
    )


def unit_word(unit_type: str | None) -> str | None:
    """The unit word as the contract spells it, lower case: "Thành phố" -> "thành phố", "Đặc khu" -> "đặc khu"."""
    return unit_type.lower() if unit_type else None
