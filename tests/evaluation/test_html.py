"""The HTML report: escaped untrusted text, and the page in a real headless browser (as test_digest.py)."""

import os
import shutil

import pytest
from evalkit import ARTICLE, finding, gold, record, write_articles, write_gold

from summarizer import evaluate
from summarizer.evaluation.html import render_html, write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EVIL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
EVIL2 = '<svg onload="window.__pwned = 3">'


@pytest.fixture
def report(tmp_path):
    articles = write_articles(tmp_path / "articles", muong_hoa=ARTICLE)
    g = gold(
        solutions=[{"evidence": "giao chỉ tiêu kết nạp cho từng chi bộ"}, {"evidence": f"biện pháp {EVIL}"}]
    )
    pred = record(
        solutions=[finding("giao chỉ tiêu kết nạp cho từng chi bộ"), finding(f"sai {EVIL2}", EVIL2)]
    )
    return evaluate(
        [pred, record("gone", status="failed")], write_gold(tmp_path / "gold", g, gold("gone")), articles
    )


def test_untrusted_text_is_escaped(report):
    page = render_html(report)
    assert "window.__pwned" in page  # the quotes are on the page...
    assert "<script>window" not in page and "<img src=x" not in page and "<svg" not in page  # ...only as text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert 'class="miss"' in page and 'class="false"' in page
    assert "OVERALL" in page and "gold quote not in the article" in page


# CI installs Debian's chromium and sets SUMMARIZER_REQUIRE_BROWSER=1, so there a missing browser fails.
@pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("SUMMARIZER_REQUIRE_BROWSER") != "1",
    reason="Chromium is not installed (apt-get install chromium)",
)
def test_report_in_a_real_browser(report, tmp_path):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "SUMMARIZER_REQUIRE_BROWSER=1 but no chromium on PATH"
    path = write_html(report, tmp_path / "eval.html")
    errors: list[str] = []
    remote: list[str] = []
    flags = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=flags)
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else remote.append(r.url))
        page.goto(path.as_uri())
        assert errors == [] and remote == []
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#overall").inner_text().startswith("OVERALL")
        assert page.locator("#articles tbody tr").count() == 2
        # The worst article comes first; its misses and false hits are shown with their quotes.
        first = page.locator("section.article").first
        assert "gone" in first.locator("h3").inner_text()
        body = page.locator("body").inner_text()
        assert f"sai {EVIL2}" in body and f"biện pháp {EVIL}" in body
        assert page.locator(".miss").count() >= 1 and page.locator(".false").count() == 1
        browser.close()
