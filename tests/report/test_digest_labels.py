"""Chart labels in the digest come from records (a model's category codes): they stay text."""

from summarizer.models import ArticleSummary, BatchRecord, Finding, SourceInfo
from summarizer.report import render_digest

EVIL = '<a href="javascript:alert(1)">click</a>'


def test_a_category_with_markup_is_escaped_in_the_chart_labels():
    finding = Finding(text="x", category=EVIL, evidence="x", span=(0, 1))
    record = BatchRecord(source=SourceInfo(path="a.txt", sha256="0" * 64, bytes=1), status="ok", engine="llm:m",
                         summary=ArticleSummary(relevant=True, difficulties=[finding]))  # fmt: skip
    page = render_digest([record])
    # plotly renders a little HTML in axis labels (links included): the label must arrive as entities
    assert "&lt;a href=" in page
    assert "\\u003ca href" not in page and '<a href="javascript' not in page
