"""A batch's closing line counts salvaged answers apart from the ones that validated."""

from summarizer.batch import BatchReport
from summarizer.models import ArticleSummary, BatchRecord, SourceInfo


def record(name: str, obtained: str | None, status: str = "ok") -> BatchRecord:
    source = SourceInfo(path=name, sha256="0" * 64, bytes=1)
    return BatchRecord(
        source=source, status=status, engine="llm:x", summary=ArticleSummary(), obtained=obtained
    )


def test_the_line_says_how_many_ok_records_were_only_salvaged():
    report = BatchReport(total=3)
    for r in (record("a", "first_answer"), record("b", "salvaged"), record("c", "salvaged")):
        report.add(r)
    assert report.ok == 3 and report.salvaged == 2
    assert "3 files: 3 ok (2 of them salvaged), 0 failed" in report.line()
    report.recount([record("a", "first_answer")])
    assert report.salvaged == 0 and "salvaged" not in report.line()
