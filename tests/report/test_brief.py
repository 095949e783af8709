import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT
from markdown_it import MarkdownIt

from summarizer import render_brief, summarize
from summarizer.models import ArticleSummary, BatchRecord, Finding, Locality, NumericResult, SourceInfo
from summarizer.report.brief import write_briefs
from summarizer.report.render import safe_stem

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("SUMMARIZER_UPDATE_GOLDEN") == "1"
EXAMPLES = sorted((ROOT / "examples" / "articles").iterdir())


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markdown_briefs_match_golden_files(path, lang):
    """Golden files were reviewed by hand; regenerate with SUMMARIZER_UPDATE_GOLDEN=1 and review the diff."""
    text = render_brief(summarize(path), lang, "md", source=path.name, engine_name="offline")
    golden = GOLDEN / f"{path.stem}.{lang}.md"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


HOSTILE = "<script>alert('x')</script> | <img src=x onerror=alert(1)>"


def _hostile_summary() -> ArticleSummary:
    return ArticleSummary(
        title=f"Tiêu đề {HOSTILE}",
        locality=Locality(province="Sơn La", district="Sốp Cộp", level="district"),
        solutions=[
            Finding(
                text=f"Mở lớp {HOSTILE}",
                text_en="Classes opened for 40 candidates",
                category="training_classes",
                evidence=f"mở lớp {HOSTILE}",
            )
        ],  # fmt: skip
        numeric_results=[
            NumericResult(value=40, unit="quần chúng", metric="candidates_trained", evidence=f"40 {HOSTILE}")
        ],
        summary_vi=f"Tóm tắt {HOSTILE}",
        summary_en="Summary in English from a model.",
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markdown_escapes_html_and_table_pipes(lang):
    md = render_brief(_hostile_summary(), lang, "md", source="a.txt", engine_name="llm:test")
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;" in md
    for line in md.splitlines():
        if line.startswith("| 40") or line.startswith("| quần") or line.startswith("| candidates"):
            assert line.count(" | ") == 3  # the pipe in the quote did not add a column


def test_html_brief_has_both_languages_side_by_side_and_no_markup_from_the_article():
    page = render_brief(_hostile_summary(), "vi", "html", source="a.txt", engine_name="llm:test")
    assert "<script" not in page and "<img" not in page
    assert page.count("&lt;script&gt;") >= 3
    assert page.index('lang="vi"') < page.index('lang="en"')
    assert "Classes opened for 40 candidates" in page  # the model's English is used where present
    assert "Summary in English from a model." in page
    assert "llm:test" in page and "a.txt" in page


def test_english_brief_falls_back_to_taxonomy_labels():
    s = summarize("Đảng ủy xã Mường Lạn, huyện Sốp Cộp đã giao chỉ tiêu kết nạp cho từng chi bộ. "
                  "Năm 2021, xã kết nạp được 12 đảng viên. Chi bộ thôn có 20 đảng viên.")  # fmt: skip
    md = render_brief(s, "en", "md", engine_name="offline")
    assert "**Admission targets assigned**" in md
    assert "| new members admitted | 12 party members | 2021 |" in md
    assert "Sốp Cộp district, Sơn La province" in md and "Summarised by: offline" in md


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError):
        render_brief(_hostile_summary(), "vi", "pdf")  # type: ignore[arg-type]


LINKS = (
    "[click](javascript:alert(1)) ![](http://evil.example/t.png) <http://evil.example/a> \\[x](javascript:0)"
)


def _linked_summary() -> ArticleSummary:
    return ArticleSummary(
        title=f"Tiêu đề {LINKS}",
        title_en=f"Title {LINKS}",
        locality=Locality(province="Sơn La", level="province"),
        solutions=[
            Finding(
                text=f"Mở lớp {LINKS}",
                text_en=f"Classes {LINKS}",
                category="training_classes",
                evidence=f"mở lớp {LINKS}",
            )
        ],  # fmt: skip
        numeric_results=[
            NumericResult(
                value=40,
                unit="quần chúng",
                metric="candidates_trained",
                period=f"năm 2022 {LINKS}",
                evidence=f"40 quần chúng {LINKS}",
            )
        ],  # fmt: skip
        summary_vi=f"Tóm tắt {LINKS}",
        summary_en=f"Summary {LINKS}",
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markdown_briefs_keep_links_and_images_from_untrusted_text_inert(lang):
    md = render_brief(_linked_summary(), lang, "md", source="[a](javascript:1).txt", engine_name="llm:test")
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<a " not in html and "<img" not in html  # rendered, nothing links anywhere or fetches anything
    assert "javascript:alert(1)" in html  # the text itself is still shown


@pytest.mark.parametrize(
    ("path", "stem"),
    [
        ("a.txt", "a.txt"),
        ("sub/b c.txt", "sub__b_c.txt-"),
        ("../../etc/passwd", "etc__passwd-"),
        ("x.y.html", "x.y.html"),
        ("..", "article-"),
    ],
)
def test_brief_file_names_stay_inside_the_folder(path, stem):
    name = safe_stem(path)
    assert name.startswith(stem) and "/" not in name and not name.startswith(".")
    assert name == safe_stem(path)  # stable


def _record(path: str, summary: ArticleSummary | None = None) -> BatchRecord:
    return BatchRecord(source=SourceInfo(path=path, sha256="x", bytes=1), status="ok", engine="offline",
                       summary=summary or _hostile_summary())  # fmt: skip


def test_brief_file_names_never_collide_and_the_count_is_what_exists(tmp_path):
    long = "bài viết rất dài " * 20
    paths = [
        "a b.txt",
        "a_b.txt",
        "a.txt",
        "a.html",
        "sub/x.txt",
        "sub__x.txt",
        f"{long}1.txt",
        f"{long}2.txt",
    ]
    written = write_briefs([_record(p) for p in paths], tmp_path)
    on_disk = sorted(p for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert len(on_disk) == 3 * len(paths)  # nothing overwrote anything
    assert len(written.paths) == len(set(written.paths)) == len(on_disk)
    assert sorted(written.paths) == on_disk
    assert all(len(p.name) < 200 for p in on_disk)


def test_write_briefs_writes_three_files_per_summarised_record(tmp_path):
    ok = BatchRecord(source=SourceInfo(path="sub/a.txt", sha256="x", bytes=1), status="ok", engine="offline",
                     summary=_hostile_summary())  # fmt: skip
    failed = BatchRecord(
        source=SourceInfo(path="b.txt", sha256="y", bytes=0), status="skipped", engine="offline"
    )
    written = write_briefs([ok, failed], tmp_path)
    stem = safe_stem("sub/a.txt")
    assert sorted(p.name for p in written.paths) == [f"{stem}.en.md", f"{stem}.html", f"{stem}.vi.md"]
    assert all(p.parent == tmp_path for p in written.paths)


def test_write_briefs_reports_progress_and_rewrites_only_changed_records(tmp_path):
    records = [_record(f"{i}.txt") for i in range(4)]
    seen: list[tuple[int, int]] = []
    first = write_briefs(records, tmp_path, on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)] and first.rewritten == 12
    before = {p: p.stat().st_mtime_ns for p in first.paths}

    records[2].summary.summary_vi = "Tóm tắt mới"  # type: ignore[union-attr]
    second = write_briefs(records, tmp_path)
    assert second.rewritten == 3 and len(second.paths) == 12
    changed = {p for p in second.paths if p.stat().st_mtime_ns != before[p]}
    assert changed == {p for p in second.paths if p.name.startswith("2.txt")}
    assert "Tóm tắt mới" in (tmp_path / "2.txt.vi.md").read_text(encoding="utf-8")

    (tmp_path / "1.txt.html").unlink()  # a brief deleted by hand is written again
    assert write_briefs(records, tmp_path).rewritten == 3


_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from summarizer.models import ArticleSummary, BatchRecord, SourceInfo
from summarizer.report import write_briefs, write_digest
out = Path(sys.argv[1])
def records(text):
    return [BatchRecord(source=SourceInfo(path=f"{i}.txt", sha256="x", bytes=1), status="ok", engine="offline",
                        summary=ArticleSummary(title=text, summary_vi=text * 400, summary_en=text * 400))
            for i in range(3)]
write_briefs(records("OLDMARK "), out / "briefs")
write_digest(records("OLDMARK "), out)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, like a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
for write in (lambda: write_briefs(records("NEWMARK "), out / "briefs"), lambda: write_digest(records("NEWMARK "), out)):
    try:
        write()
    except OSError:
        print("failed")
"""


def test_a_full_disk_leaves_every_report_whole(tmp_path):
    """Briefs and the digest are written through a temporary file and a rename: never left cut short."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(_FULL_DISK), str(tmp_path)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["failed", "failed"]
    files = sorted((tmp_path / "briefs").iterdir()) + [tmp_path / "digest.html"]
    assert not [p for p in files if p.name.startswith(".") and p.name != ".briefs.json"]  # no temporary files
    for path in files:
        if path.name == ".briefs.json":
            continue
        text = path.read_text(encoding="utf-8")
        assert "NEWMARK" not in text and text.rstrip().endswith(("</html>", "OLDMARK")), (
            path.name
        )  # the old file, whole
