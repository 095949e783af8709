"""The digest in a real headless browser (Debian's Chromium, driven by Playwright)."""

import json
import os
import re
import shutil

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.models import ArticleSummary, BatchRecord, Finding, Locality, NumericResult, SourceInfo
from summarizer.report.digest import render_digest
from summarizer.report.render import safe_stem

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INJECTED = (
    "Đảng ủy xã Pha Long, huyện Mường Khương đã phân công đảng viên giúp đỡ quần chúng ưu tú "
    '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">. '
    "Năm 2021, Đảng bộ xã <script>window.__pwned = 3</script> kết nạp được 11 đảng viên."
)


def test_digest_counts_and_escapes_without_a_browser(tmp_path, examples_dir):
    out = tmp_path / "out"
    folder = tmp_path / "in"
    shutil.copytree(examples_dir, folder)
    (folder / "zz_injected.txt").write_text(
        f"Tiêu đề <script>window.__pwned = 4</script>\n\n{INJECTED}\n", encoding="utf-8"
    )
    (folder / "zz_empty.txt").write_text("")
    result = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "--briefs", "-q"])
    assert result.exit_code == 0, result.output
    page = (out / "digest.html").read_text(encoding="utf-8")
    assert "window.__pwned" in page  # the article text is in the page...
    assert "<script>window.__pwned" not in page and "<img src=x" not in page  # ...but only as text
    data = _data(page)
    assert [a[2] for a in data["articles"] if "__pwned" in a[0]] == ["zz_injected.txt"]  # linked to its brief
    assert (out / "briefs" / "zz_injected.txt.vi.md").is_file()
    assert "brief files" in result.output and "written" in result.output


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="digest-data">(.*?)</script>', page, re.S)
    assert block
    return json.loads(block.group(1))


HOSTILE_NAME = "</script><script>window.__pwned = 9</script><img src=x onerror='window.__pwned = 10'>"


def _record(i: int, *, province: str = "Sơn La", category: str = "training_classes", lat: float = 21.0,
            title: str | None = None, quotes: str = "", path: str | None = None, year: int = 2022) -> BatchRecord:  # fmt: skip
    title = title or f"Bài số {i} về phát triển đảng viên ở xã thứ {i}"
    quotes = quotes or f"mở lớp bồi dưỡng số {i} cho quần chúng ưu tú của thôn {i} trong đợt {i}"
    summary = ArticleSummary(
        title=title,
        locality=Locality(province=province, level="province", latitude=lat, longitude=104.0),
        solutions=[Finding(text="Mở lớp", category=category, evidence=quotes)],
        numeric_results=[
            NumericResult(value=i, unit="đảng viên", metric="members_admitted", period="năm 2022",
                          evidence=f"kết nạp được {i} đảng viên ({quotes})", years=(year, year), key=True),
            NumericResult(value=100 + i, unit="%", metric="target_pct", evidence=f"đạt {100 + i}% ({quotes})"),
        ],
    )  # fmt: skip
    return BatchRecord(source=SourceInfo(path=path or f"{i:03d}.txt", sha256="x", bytes=1), status="ok",
                       engine="offline", summary=summary)  # fmt: skip


def test_syndicated_copies_are_one_story_counted_once_with_their_copies_listed():
    story = ("Đảng ủy xã Pha Long đã phân công đảng viên giúp đỡ quần chúng ưu tú, mở lớp bồi dưỡng nhận thức "
             "về Đảng cho thanh niên trong độ tuổi lao động và giao chỉ tiêu kết nạp cho từng chi bộ thôn")  # fmt: skip
    copies = [_record(7, title="Pha Long phát triển đảng viên", quotes=story, path=f"outlet{k}/a.html")
              for k in range(3)]  # fmt: skip
    copies[1].summary.title = "Pha Long phát triển đảng viên - Báo Lào Cai"  # type: ignore[union-attr]
    copies[2].summary.solutions.append(  # type: ignore[union-attr]
        Finding(text="x", category="propaganda", evidence="Mời bạn đọc gửi bình luận về bài viết")
    )  # fmt: skip
    others = [_record(i) for i in range(1, 6)]
    page = render_digest(copies + others)
    data = _data(page)
    assert len(data["articles"]) == 6  # five stories and one story published three times
    assert [a[4] for a in data["articles"]].count(2) == 1  # the syndicated story has two more copies
    assert sum(r[1] == 0 for r in data["rows"]) == 6  # its admissions are in the table once
    assert "<b>6</b>bài khác nhau / distinct stories" in page and "<b>2</b>bản đăng lại" in page
    listed = re.search(r'<ul id="syndicated">(.*?)</ul>', page, re.S)
    assert listed and all(f"outlet{k}/a.html" in listed.group(1) for k in range(3))
    assert f'href="briefs/{safe_stem("outlet1/a.html")}.html"' in listed.group(1)


def test_aggregates_say_what_they_count():
    # a story a year per province: each year's key figure is that province's, and they add up
    records = [_record(i, province="Sơn La" if i % 2 else "Lào Cai", year=2016 + i) for i in range(1, 7)]
    page = render_digest(records)
    by_province = re.search(r'<section class="agg" id="by-province">(.*?)</section>', page, re.S)
    assert by_province
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"num\">(\d+)</td>.*?<td class=\"num\">(.*?)</td></tr>",
                      by_province.group(1), re.S)  # fmt: skip
    # Sơn La: stories 1, 3, 5 admitting 1 + 3 + 5; Lào Cai: 2, 4, 6 admitting 12
    assert [(name, int(n), total.split()[0]) for name, n, total in rows] == [
        ("Lào Cai", 3, "12"),
        ("Sơn La", 3, "9"),
    ]
    assert "Bài / Stories" in by_province.group(1) and "Admitted" in by_province.group(1)


def test_map_has_one_marker_per_place_sized_by_its_stories():
    records = [_record(i, lat=21.0) for i in range(1, 10)] + [_record(20, lat=11.0)]
    page = render_digest(records)
    markers = re.findall(r'<circle cx="[\d.]+" cy="[\d.]+" r="([\d.]+)" data-n="(\d+)">', page)
    assert sorted(int(n) for _, n in markers) == [1, 9]
    radius = {int(n): float(r) for r, n in markers}
    assert radius[9] > 2 * radius[1]


# CI installs Debian's chromium and sets SUMMARIZER_REQUIRE_BROWSER=1, so there a missing browser fails.
@pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("SUMMARIZER_REQUIRE_BROWSER") != "1",
    reason="Chromium is not installed (apt-get install chromium)",
)
def test_digest_in_a_real_browser(tmp_path, examples_dir):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "SUMMARIZER_REQUIRE_BROWSER=1 but no chromium on PATH"
    folder = tmp_path / "in"
    shutil.copytree(examples_dir, folder)
    (folder / "zz_injected.txt").write_text(
        f"Tiêu đề <script>window.__pwned = 4</script>\n\n{INJECTED}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "--briefs", "-q"]).exit_code == 0

    errors: list[str] = []
    remote: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],  # fmt: skip
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on(
            "request",
            lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None,
        )
        page.goto((out / "digest.html").as_uri())
        page.wait_for_selector("#results tbody tr")

        assert errors == [] and dialogs == [] and remote == []
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#map circle").count() >= 5
        assert page.locator("#by-province tbody tr").count() >= 5
        table = page.locator("#results").inner_text()
        assert "<script>window.__pwned = 4</script>" in table  # the title, as text
        link = page.locator("#results a", has_text="window.__pwned = 4")
        assert link.get_attribute("href") == "briefs/zz_injected.txt.html"
        page.select_option("#f-province", label="Hòa Bình")
        values = page.locator("#results td.num").all_inner_texts()
        assert "8,214 party members" in values and "over 90%" not in values  # Hà Giang's figure filtered out

        brief = browser.new_page()
        brief.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        brief.goto((out / "briefs" / "zz_injected.txt.html").as_uri())
        assert brief.evaluate("window.__pwned") is None and dialogs == []
        assert "<script>window.__pwned" in brief.locator("body").inner_text()
        browser.close()


def test_empty_batch_still_renders():
    page = render_digest([])
    assert "<b>0</b>tệp / files" in page


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])


@pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("SUMMARIZER_REQUIRE_BROWSER") != "1",
    reason="Chromium is not installed (apt-get install chromium)",
)
def test_digest_table_filters_pages_and_sorts_within_a_metric_and_names_stay_text(tmp_path):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "SUMMARIZER_REQUIRE_BROWSER=1 but no chromium on PATH"
    records = [_record(i, province="Sơn La" if i % 3 else HOSTILE_NAME,
                       category="training_classes" if i % 2 else f"evil{HOSTILE_NAME}") for i in range(1, 121)]  # fmt: skip
    path = tmp_path / "digest.html"
    path.write_text(render_digest(records), encoding="utf-8")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        rows = page.locator("#results tbody tr")
        info = page.locator("#page-info")
        assert rows.count() == 50 and "/ 240" in info.inner_text()  # 120 stories x 2 figures, 50 a page
        assert rows.nth(0).locator("td.num").inner_text() == "1 party member"
        assert rows.nth(1).locator("td.num").inner_text() == "101%"
        for _ in range(4):
            page.click("#next")
        assert rows.count() == 40 and page.locator("#next").is_disabled()
        assert rows.first.locator("td").first.inner_text().startswith("Bài số 101 ")

        # The hostile province and category are options shown as text, and they filter.
        province_options = page.locator("#f-province option").all_inner_texts()
        assert HOSTILE_NAME in province_options
        page.select_option("#f-province", label=HOSTILE_NAME)
        assert "/ 80" in info.inner_text()  # i = 3, 6, ..., 120: 40 stories
        assert page.locator("#results tbody tr td:nth-child(2)").all_inner_texts() == [HOSTILE_NAME] * 50
        page.select_option("#f-province", index=0)
        category = next(o for o in page.locator("#f-category option").all_inner_texts() if "evil" in o)
        page.select_option("#f-category", label=category)
        assert "/ 120" in info.inner_text()  # the 60 even stories

        page.select_option("#f-category", index=0)
        page.click("#sort-value")  # ascending: by value within each metric, never mixed
        metric_order = page.locator("#results tbody tr td:nth-child(3)").all_inner_texts()
        values = [float(v) for v in page.locator("#results tbody tr td.num").evaluate_all(
            "els => els.map(e => e.dataset.value)")]  # fmt: skip
        assert len(set(metric_order)) == 1 and values == sorted(values)
        metric = page.locator("#f-metric option").all_inner_texts().index(metric_order[0])
        page.select_option("#f-metric", index=metric)
        page.click("#sort-value")  # descending
        values = [float(v) for v in page.locator("#results tbody tr td.num").evaluate_all(
            "els => els.map(e => e.dataset.value)")]  # fmt: skip
        assert values == sorted(values, reverse=True) and len(values) == 50

        assert errors == [] and page.evaluate("window.__pwned") is None
        assert page.locator("#results img").count() == 0 and page.locator("body script").count() == 2
        browser.close()


def test_hostile_province_and_category_names_cannot_leave_the_data_block():
    records = [_record(i, province=HOSTILE_NAME, category=f"evil{HOSTILE_NAME}") for i in range(1, 4)]
    page = render_digest(records)
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert page.count("<script") == 2  # the data block and the page's own script, nothing else
    data = _data(page)
    assert data["provinces"] == [HOSTILE_NAME]  # the names arrive intact, for textContent and Option()
    assert any(c.startswith("evil</script><script>") for c in data["categories"])
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned = 9" in page  # the aggregate tables show it as text


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("SUMMARIZER_REQUIRE_BROWSER") != "1",
    reason="Chromium is not installed (apt-get install chromium)",
)
def test_conflicts_link_to_their_briefs_and_long_tables_are_not_cut(tmp_path):
    from playwright.sync_api import sync_playwright

    from summarizer.report.brief import write_briefs

    assert CHROMIUM, "SUMMARIZER_REQUIRE_BROWSER=1 but no chromium on PATH"
    # 45 stories, each with its own difficulty: a Difficulties table far taller than any scroll box
    records = [_record(i, category=f"kind_{i:02d}", province=f"Tỉnh {i}") for i in range(1, 46)]
    for r in records:
        assert r.summary is not None
        r.summary.difficulties = [
            Finding(text="x", category=f"hard_{r.source.path}", evidence=f"khó {r.source.path}")
        ]
    a, b = (
        _record(101, title="Bài A: 120 đảng viên", path="a/x.txt"),
        _record(102, title="Bài B: 135", path="b/x.txt"),
    )
    for r, value in ((a, 120), (b, 135)):
        assert r.summary is not None
        r.summary.locality = Locality(province="Lào Cai", district="Bát Xát", level="district")
        r.summary.numeric_results[0] = r.summary.numeric_results[0].model_copy(update={"value": value})
    records += [a, b]
    write_briefs(records, tmp_path / "briefs")
    (tmp_path / "digest.html").write_text(render_digest(records), encoding="utf-8")
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto((tmp_path / "digest.html").as_uri())

        claims = page.locator("#conflicts .claim")
        assert claims.count() == 2
        assert claims.nth(0).locator("b").inner_text().endswith("120 party members")
        assert claims.nth(1).locator("b").inner_text().endswith("135 party members")
        assert "Bát Xát district, Lào Cai province" in page.locator("#conflicts td").first.inner_text()
        box_a, box_b = claims.nth(0).bounding_box(), claims.nth(1).bounding_box()
        assert (
            box_a and box_b and abs(box_a["y"] - box_b["y"]) < 2 and box_a["x"] < box_b["x"]
        )  # side by side

        # Rows not cut: the section holds its whole table (no inner scrolling), and a screenshot of it is
        # as tall as every row together.
        section = page.locator("#by-difficulty")
        assert page.locator("#by-difficulty tbody tr").count() == 45
        heights = section.evaluate(
            "s => [s.scrollHeight, s.clientHeight, s.querySelector('table').offsetHeight]"
        )
        assert heights[0] <= heights[1] + 1, heights
        shot = section.screenshot(path=str(tmp_path / "difficulties.png"), animations="disabled")
        rows_height = sum(b["height"] for b in (r.bounding_box() for r in
                          page.locator("#by-difficulty tbody tr").all()) if b)  # fmt: skip
        assert _png_size(shot)[1] >= rows_height
        page.screenshot(path=str(tmp_path / "digest.png"), full_page=True)

        with page.expect_navigation():
            claims.nth(1).locator("a").click()
        assert page.url.endswith(f"briefs/{safe_stem('b/x.txt')}.html")
        assert "Bài B: 135" in page.locator("h1").first.inner_text()
        browser.close()
