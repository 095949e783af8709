"""The digest adds only comparable figures, lists multi-year totals apart and shows conflicts."""

import re

from summarizer.models import ArticleSummary, BatchRecord, Locality, NumericResult, SourceInfo
from summarizer.report.digest import render_digest
from summarizer.report.render import safe_stem


def _story(path: str, numbers: list[NumericResult], *, province: str = "Lào Cai", district: str | None = None,
           title: str | None = None) -> BatchRecord:  # fmt: skip
    summary = ArticleSummary(
        title=title or f"Bài {path}",
        locality=Locality(province=province, district=district, level="district" if district else "province"),
        numeric_results=numbers,
    )
    return BatchRecord(source=SourceInfo(path=path, sha256="x", bytes=1), status="ok", engine="offline",
                       summary=summary)  # fmt: skip


def _n(value: float, years=(2023, 2023), **fields) -> NumericResult:
    base = dict(value=value, unit="đảng viên", metric="members_admitted", years=years,
                evidence=f"kết nạp {value} đảng viên trong bài số {value} về địa bàn")  # fmt: skip
    return NumericResult(**(base | fields))


def _section(page: str, ident: str) -> str:
    found = re.search(rf'id="{ident}">(.*?)</(?:section|table)>', page, re.S)
    assert found, ident
    return found.group(1)


def _admitted_card(page: str) -> str:
    found = re.search(r"<b>([\d,]+)</b>đảng viên kết nạp được nêu", page)
    assert found
    return found.group(1)


def test_only_single_year_key_figures_are_added_up():
    records = [
        _story(
            "a.txt",
            [
                _n(120, key=True),
                _n(2000, basis="average", years=(2015, 2025)),
                _n(30, basis="target"),
                _n(11, scope="part"),
            ],
        ),  # fmt: skip
        _story("b.txt", [_n(80, years=(2022, 2022), key=True)], province="Sơn La"),
        _story("c.txt", [_n(500, years=(2016, 2023), key=True)], province="Hà Giang"),  # a multi-year total
        _story("d.txt", [_n(999)], province="Yên Bái"),  # nobody's key figure
    ]
    page = render_digest(records)
    assert _admitted_card(page) == "200"  # 120 + 80: no average, target, part, multi-year or unmarked figure
    years = re.findall(r"<tr><td>(\d{4})</td><td class=\"num\">(\d+)</td>.*?<td class=\"num\">([\d,]+)",
                       _section(page, "by-year"), re.S)  # fmt: skip
    assert years == [("2023", "1", "120"), ("2022", "1", "80")]  # filed under the figure's year
    multi = _section(page, "multi-year")
    assert "Bài c.txt" in multi and "2016–2023" in multi and "500" in multi
    assert "2,000" not in multi and "Bài a.txt" not in multi


def test_conflicting_figures_for_one_unit_metric_and_year_are_shown_side_by_side():
    records = [
        _story("x/one.txt", [_n(120, key=True)], district="Bát Xát", title="Bát Xát kết nạp 120"),
        _story("y/two.txt", [_n(135, key=True)], district="Bát Xát", title="Bát Xát kết nạp 135"),
        _story(
            "z/three.txt", [_n(120, key=True)], district="Bát Xát"
        ),  # agrees with the first: one claim more
        _story("w/four.txt", [_n(99, years=(2022, 2022), key=True)], district="Bát Xát"),  # another year
        _story("v/five.txt", [_n(77, key=True)], district="Sa Pa"),  # another unit
    ]
    page = render_digest(records)
    conflicts = _section(page, "conflicts")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", conflicts)
    assert rows == [("huyện Bát Xát, tỉnh Lào Cai / Bát Xát district, Lào Cai province",
                     "đảng viên được kết nạp / new members admitted", "2023")]  # fmt: skip
    claims = re.findall(r'<div class="claim"><b>(.*?)</b><a href="(.*?)">(.*?)</a>', conflicts)
    assert [(v, h) for v, h, _ in claims] == [
        ("120 đảng viên / 120 party members", f"briefs/{safe_stem('x/one.txt')}.html"),
        ("135 đảng viên / 135 party members", f"briefs/{safe_stem('y/two.txt')}.html"),
        ("120 đảng viên / 120 party members", f"briefs/{safe_stem('z/three.txt')}.html"),
    ]
    assert [t for _, _, t in claims][:2] == ["Bát Xát kết nạp 120", "Bát Xát kết nạp 135"]
    assert "<b>1</b>số liệu vênh nhau" in page


def test_no_conflict_section_when_stories_agree():
    page = render_digest([_story("a.txt", [_n(120, key=True)]), _story("b.txt", [_n(120, key=True)])])
    assert 'id="conflicts"' not in page


def test_bars_show_what_differs_or_nothing():
    # every province has one story: the bars follow the admissions, not the (equal) story counts
    records = [
        _story(f"{p}.txt", [_n(v, key=True)], province=p) for p, v in (("A", 10), ("B", 40), ("C", 20))
    ]
    provinces = _section(render_digest(records), "by-province")
    widths = re.findall(r'<span style="width: ([\d.]+)%">', provinces)
    assert widths == ["25.0", "100.0", "50.0"] and "kết nạp / admissions" in provinces
    same = [_story(f"{p}.txt", [_n(10, key=True)], province=p) for p in ("A", "B")]
    assert 'class="bar"' not in _section(render_digest(same), "by-province")  # nothing differs: no bar


def test_aggregate_tables_are_not_scroll_boxes():
    page = render_digest([_story("a.txt", [_n(1, key=True)])])
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style and "overflow-y" not in style.group(1) and "max-height: 32rem" not in style.group(1)


def test_a_unit_and_year_count_once_and_a_larger_units_figure_holds_its_parts():
    records = [
        _story("p.txt", [_n(2000, key=True)]),  # Lào Cai province, 2023
        _story("d.txt", [_n(120, key=True)], district="Bát Xát"),  # inside the province's 2,000
        _story(
            "d2.txt", [_n(90, years=(2022, 2022), key=True)], district="Bát Xát"
        ),  # no province figure for 2022
        _story("s1.txt", [_n(300, key=True)], province="Sơn La"),
        _story("s2.txt", [_n(300, key=True)], province="Sơn La", title="the same figure, another story"),
        _story("y1.txt", [_n(50, key=True)], province="Yên Bái"),
        _story("y2.txt", [_n(70, key=True)], province="Yên Bái"),  # a conflict: neither is added
    ]
    page = render_digest(records)
    assert _admitted_card(page) == "2,390"  # 2,000 + 90 + 300
    years = re.findall(r"<tr><td>(\d{4})</td><td class=\"num\">(\d+)</td>.*?<td class=\"num\">([\d,]+)",
                       _section(page, "by-year"), re.S)  # fmt: skip
    assert years == [("2023", "2", "2,300"), ("2022", "1", "90")]
    assert "Yên Bái" in _section(page, "conflicts")
