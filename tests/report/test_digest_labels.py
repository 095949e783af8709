"""Names in the digest come from records (a model's category codes, places, titles): they stay text."""

from summarizer.models import ArticleSummary, BatchRecord, Finding, SourceInfo
from summarizer.report import render_digest

EVIL = "</script><script>window.__pwned = 5</script>"


def test_a_category_with_markup_cannot_close_the_pages_script():
    finding = Finding(text="x", category=EVIL, evidence="x", span=(0, 1))
    record = BatchRecord(source=SourceInfo(path="a.txt", sha256="0" * 64, bytes=1), status="ok", engine="llm:m",
                         summary=ArticleSummary(relevant=True, difficulties=[finding]))  # fmt: skip
    page = render_digest([record])
    assert "pwned = 5" in page  # the name is in the page (its label has spaces for underscores)...
    assert "<script>window" not in page  # ...only as text
