import os

import pytest
from conftest import ROOT

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
    text = render_brief(summarize(path), lang, "md", source=path.name, engine="offline")
    golden = GOLDEN / f"{safe_stem(path.name)}.{lang}.md"
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
    md = render_brief(_hostile_summary(), lang, "md", source="a.txt", engine="llm:test")
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;" in md
    for line in md.splitlines():
        if line.startswith("| 40") or line.startswith("| quần") or line.startswith("| candidates"):
            assert line.count(" | ") == 3  # the pipe in the quote did not add a column


def test_html_brief_has_both_languages_side_by_side_and_no_markup_from_the_article():
    page = render_brief(_hostile_summary(), "vi", "html", source="a.txt", engine="llm:test")
    assert "<script" not in page and "<img" not in page
    assert page.count("&lt;script&gt;") >= 3
    assert page.index('lang="vi"') < page.index('lang="en"')
    assert "Classes opened for 40 candidates" in page  # the model's English is used where present
    assert "Summary in English from a model." in page
    assert "llm:test" in page and "a.txt" in page


def test_english_brief_falls_back_to_taxonomy_labels():
    s = summarize("Đảng ủy xã Mường Lạn, huyện Sốp Cộp đã giao chỉ tiêu kết nạp cho từng chi bộ. "
                  "Năm 2021, xã kết nạp được 12 đảng viên. Chi bộ thôn có 20 đảng viên.")  # fmt: skip
    md = render_brief(s, "en", "md", engine="offline")
    assert "**Admission targets assigned**" in md
    assert "| new members admitted | 12 |" in md
    assert "Sơn La (province)" in md and "Summarised by: offline" in md


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError):
        render_brief(_hostile_summary(), "vi", "pdf")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "stem"),
    [
        ("a.txt", "a"),
        ("sub/b c.txt", "sub__b_c"),
        ("../../etc/passwd", "etc__passwd"),
        ("x.y.html", "x.y"),
        ("..", "article"),
    ],
)
def test_brief_file_names_stay_inside_the_folder(path, stem):
    assert safe_stem(path) == stem


def test_write_briefs_writes_three_files_per_summarised_record(tmp_path):
    ok = BatchRecord(source=SourceInfo(path="sub/a.txt", sha256="x", bytes=1), status="ok", engine="offline",
                     summary=_hostile_summary())  # fmt: skip
    failed = BatchRecord(
        source=SourceInfo(path="b.txt", sha256="y", bytes=0), status="skipped", engine="offline"
    )
    written = write_briefs([ok, failed], tmp_path)
    assert sorted(p.name for p in written) == ["sub__a.en.md", "sub__a.html", "sub__a.vi.md"]
    assert all(p.parent == tmp_path for p in written)
