"""The project-written articles of tests/fixtures/ (post-2025 places, text without diacritics) through the
offline pipeline: the expected locality, never a decoy or a former unit, the legacy units behind a
post-2025 one, evidence in the article's own characters, and the record's diacritics flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.check_fixtures import check_fixtures
from vietnamadminunits.database import query

from summarizer.api import summarize
from summarizer.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["files"]


def test_fixture_articles_are_consistent_with_expected_json_and_the_gazetteer():
    assert check_fixtures() == []


def official_codes(unit: dict) -> set[str]:
    if unit["district"] is None:
        rows = query("SELECT provinceShort, wardShort, wardCode FROM admin_units")
        return {
            r["wardCode"]
            for r in rows
            if (r["provinceShort"], r["wardShort"]) == (unit["province"], unit["commune"])
        }
    rows = query("SELECT provinceShort, districtShort, wardShort, wardCode FROM admin_units_legacy")
    key = (unit["province"], unit["district"], unit["commune"])
    return {r["wardCode"] for r in rows if (r["provinceShort"], r["districtShort"], r["wardShort"]) == key}


@pytest.fixture(scope="module")
def summaries() -> dict:
    settings = Settings(engine="offline")
    return {name: summarize(FIXTURES / name, settings=settings) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_locality(name, summaries):
    exp, summary = EXPECTED[name], summaries[name]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    loc = summary.locality
    want = exp["locality"]
    assert (loc.province, loc.district, loc.commune, loc.level) == (
        want["province"], want["district"], want["commune"], want["level"],
    )  # fmt: skip
    assert loc.codes.commune in official_codes(want)
    for decoy in exp["not"] + exp["former"] + exp.get("ambiguous_with", []):
        assert (decoy["province"], decoy["district"], decoy["commune"]) != (
            loc.province,
            loc.district,
            loc.commune,
        )
    if want["district"] is None:  # a post-2025 unit: itself is current, the legacy units behind it listed
        assert (loc.current.province, loc.current.commune, loc.current.commune_code) == (
            loc.province, loc.commune, loc.codes.commune,
        )  # fmt: skip
        formerly = {(f.province, f.district, f.commune) for f in loc.formerly}
        named = {(f["province"], f["district"], f["commune"]) for f in exp["former"] if f["commune"]}
        assert named <= formerly
    assert summary.has_diacritics is exp["diacritics"]
    assert loc.evidence and loc.evidence in text
    if not exp["diacritics"]:
        assert loc.evidence.isascii()
