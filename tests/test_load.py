import codecs
import unicodedata

import pytest

from summarizer.errors import BinaryInputError, DecodeError, EmptyInputError, LoadError, TooLargeError
from summarizer.load import load_bytes, load_file

TEXT = (
    "Đảng bộ xã Mường Lạn kết nạp được 15 đảng viên, đạt 124,3% chỉ tiêu. Chi bộ thôn Nà Sản có 12 đảng viên."
)


def _cp1258_decomposed(text: str) -> bytes:
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + "".join(c for c in d if c in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-32"), "utf-32"),
        (_cp1258_decomposed(TEXT), "cp1258"),
        (unicodedata.normalize("NFD", TEXT).encode("utf-8"), "utf-8"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf16le-nobom",
        "utf32",
        "cp1258-decomposed",
        "utf8-nfd",
    ],
)
def test_every_encoding_decodes_to_the_same_nfc_text(data, encoding):
    doc = load_bytes(data, name="a.txt")
    assert doc.text == TEXT
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.encoding == encoding
    assert doc.kind == "text"


def test_crlf_and_invisible_characters_are_normalised():
    doc = load_bytes("Dòng một\r\nDòng\u200b hai\r\n".encode())
    assert doc.text == "Dòng một\nDòng hai\n"


def test_html_page_keeps_article_text_and_drops_page_furniture():
    html = """<!doctype html><html><head><title>Tiêu đề trang</title>
    <meta property="article:published_time" content="2023-06-21T08:00:00+07:00">
    <script>var tracking = 1;</script><style>p{}</style></head>
    <body><nav>Trang chủ | Thời sự</nav><article><h1>Phát triển đảng viên ở bản</h1>
    <p>Chi bộ bản <b>Nà Hừ</b> kết nạp 3 đảng viên.</p><p>Nội dung có &lt;script&gt;alert(1)&lt;/script&gt; là văn bản, không phải mã.
    Câu này đủ dài để thẻ article được chọn làm nội dung chính của trang, với thêm vài từ để vượt ngưỡng hai trăm ký tự đã đặt.</p>
    </article><footer>Bản quyền thuộc về tòa soạn</footer><script>alert('x')</script></body></html>"""
    doc = load_bytes(html.encode(), name="page.html")
    assert doc.kind == "html"
    assert doc.title == "Phát triển đảng viên ở bản"
    assert str(doc.published) == "2023-06-21"
    assert "Chi bộ bản Nà Hừ kết nạp 3 đảng viên." in doc.text  # inline tags do not split sentences
    assert "<script>alert(1)</script>" in doc.text  # escaped text stays text
    for furniture in ("tracking", "Trang chủ", "Bản quyền", "alert('x')"):
        assert furniture not in doc.text
    assert "\n\n" in doc.text  # paragraphs stay apart


def test_html_is_sniffed_without_an_extension():
    doc = load_bytes(
        b"<html><body><p>Chi b\xe1\xbb\x99 c\xc3\xb3 5 \xc4\x91\xe1\xba\xa3ng vi\xc3\xaan.</p></body></html>",
        name="x",
    )
    assert doc.kind == "html"
    assert doc.text == "Chi bộ có 5 đảng viên."


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"   \n\t  ", EmptyInputError),
        (b"<html><body><script>x()</script></body></html>", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), BinaryInputError),
        (b"%PDF-1.7 binary", BinaryInputError),
        (b"abc\x00\x01\x02\x03\x00\xff\xfe" * 50, BinaryInputError),
        (b"PK\x03\x04" + b"\x00" * 20, BinaryInputError),
    ],
    ids=["empty", "whitespace", "markup-only", "png", "pdf", "nul-bytes", "zip"],
)
def test_bad_inputs_raise_clear_load_errors(data, error):
    with pytest.raises(error) as info:
        load_bytes(data, name="bad.bin")
    assert isinstance(info.value, LoadError)
    assert "bad.bin" in str(info.value)


def test_skipped_and_failed_statuses():
    assert EmptyInputError.status == TooLargeError.status == BinaryInputError.status == "skipped"
    assert DecodeError.status == "failed"


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(TooLargeError, match="--max-bytes"):
        load_file(big, max_bytes=1000)
    assert load_file(big, max_bytes=5000).size == 2000


def test_every_example_article_loads(examples_dir):
    files = sorted(examples_dir.iterdir())
    assert len(files) >= 6
    for path in files:
        doc = load_file(path)
        assert "đảng" in doc.text.lower() or "chè" in doc.text
        assert unicodedata.is_normalized("NFC", doc.text)


def _deep_page(depth: int) -> str:
    inner = "Chi bộ thôn Nà Hang kết nạp thêm đảng viên mới trong năm nay."
    return (
        "<html><body><p>Đảng ủy xã tổ chức hội nghị.</p>"
        + "<div><nav>menu</nav><article>" * depth
        + f"<p>{inner}</p>"
        + "</article></div>" * depth
        + "</body></html>"
    )


def _work(page: str) -> int:
    """Python calls and C calls made while extracting the page's text: a count, not a time."""
    import sys

    from summarizer.load import html_to_text

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        html_to_text(page)
    finally:
        sys.setprofile(None)
    return count


def test_deeply_nested_html_costs_work_in_proportion_to_its_size():
    """A page nested thousands deep is text like any other (10 000 levels took 10-15 s when every element
    was edited in place; bench/hostile.py times it): four times the nesting, about four times the work."""
    small, large = _work(_deep_page(300)), _work(_deep_page(1200))
    assert large / small < 6, (small, large)


def test_deeply_nested_html_keeps_its_innermost_text_and_drops_nested_furniture():
    doc = load_bytes(_deep_page(2_000).encode(), name="deep.html")
    assert "Chi bộ thôn Nà Hang kết nạp thêm đảng viên mới trong năm nay." in doc.text
    assert "Đảng ủy xã tổ chức hội nghị." in doc.text and "menu" not in doc.text
