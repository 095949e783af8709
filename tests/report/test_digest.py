"""The digest in a real headless browser (Debian's Chromium, driven by Playwright)."""

import os
import shutil

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.report.digest import render_digest

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
    assert '<a href="briefs/zz_injected.html">' in page
    assert (out / "briefs" / "zz_injected.vi.md").is_file()


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
        page.wait_for_selector("#map .main-svg")

        assert errors == [] and dialogs == [] and remote == []
        assert page.evaluate("window.__pwned") is None
        assert page.locator(".js-plotly-plot").count() == 4  # map + provinces + difficulties + solutions
        assert page.locator("#map .scatterlayer .trace").count() == 2  # communes basemap + articles
        assert page.locator("#provinces .bars .point").count() >= 5
        table = page.locator("#results").inner_text()
        assert (
            "<script>window.__pwned = 3</script>" in table and "<script>window.__pwned = 4</script>" in table
        )

        value_cells = page.locator("#results tbody tr td.num")
        page.locator("#results th", has_text="Value").click()
        shown = [float(v) for v in value_cells.evaluate_all("els => els.map(e => e.dataset.value)")]
        assert shown == sorted(shown)

        brief = browser.new_page()
        brief.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        brief.goto((out / "briefs" / "zz_injected.html").as_uri())
        assert brief.evaluate("window.__pwned") is None and dialogs == []
        assert "<script>window.__pwned" in brief.locator("body").inner_text()
        browser.close()


def test_empty_batch_still_renders():
    page = render_digest([])
    assert "<b>0</b>tệp / files" in page
