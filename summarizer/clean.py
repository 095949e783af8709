"""Stage 2: remove page boilerplate, keep the article, and remember where every kept piece came from.

Scraped pages carry comment forms, share links, related-news tails, repeated teasers, related
headlines dropped mid-article, image alt text and bylines glued to tag lists. Cleaning works on
lines (a line is a paragraph in scraped text and in text converted from HTML), classifies each,
and joins what is kept with blank lines. ``CleanArticle.to_source`` maps any span of the cleaned
text back to offsets in the loaded document, so evidence can always be shown in its original place.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .vietnamese.tables import table_lines
from .vietnamese.text import accent_free

PARAGRAPH_SEP = "\n\n"

_TAIL_MARKERS = {
    "có thể bạn quan tâm", "tin cùng chuyên mục", "tin liên quan", "bài liên quan", "tin khác",
    "các tin khác", "tin mới", "tin mới nhất", "tin mới hơn", "tin cũ hơn", "xem thêm", "đọc thêm",
    "bài viết liên quan", "bài viết cùng chủ đề", "cùng chủ đề", "tin đọc nhiều", "đọc nhiều nhất",
    "tin nổi bật", "tin tức liên quan", "bạn có thể quan tâm", "bình luận", "ý kiến bạn đọc",
    "gửi bình luận", "bài cùng chuyên mục", "tin bài liên quan", "xem tiếp",
}  # fmt: skip
# Page furniture is matched without marks, so a page typed without them ("Tin lien quan") reads alike.
_TAIL_MARKERS_PLAIN = frozenset(map(accent_free, _TAIL_MARKERS))
_MARKER_WORDS = max(len(m.split()) for m in _TAIL_MARKERS)
_FORM_LINE = re.compile(
    accent_free(
        r"^(bạn còn \d+/\d+ ký tự|bạn vui lòng nhập|vui lòng nhập|gửi bình luận|gửi ý kiến|"
        r"họ (và )?tên|email|nhập mã|mã xác nhận|ý kiến của bạn|bình luận của bạn|đăng nhập|"
        r"chia sẻ|in bài|lưu bài|theo dõi .* trên|tải ứng dụng|quảng cáo)"
    )
)
_SHARE_WORDS = {"fb", "yt", "zl", "tw", "in", "ig", "tt", "zalo", "facebook", "twitter", "youtube",
                "email", "print", "share", "like", "tweet", "copy", "link", "linkedin", "telegram"}  # fmt: skip
_SHARE_LINE_WORDS = 10
_TAG_MARK = re.compile(r"(?:TAG|Tags?|TỪ KHÓA|Từ khóa|Từ khoá)\s*:", re.UNICODE)
_NAME_BEFORE = re.compile(r"(?:[A-ZĐÀ-Ỹ][^\W\d_]*\s?){1,4}$", re.UNICODE)
_IMAGE_ALT = re.compile(r"\s(ảnh|hình|photo)\s*\d+\s*$", re.IGNORECASE)
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?!\d)")
_DATE_LINE = re.compile(
    r"^(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    r"(?:\s*[-,|]?\s*\d{1,2}[:h]\d{2}(?:\s*\(?GMT[+-]?\d*\)?)?)?\s*$",
    re.IGNORECASE,
)
_TERMINAL = tuple(".!?:;…)»")
# A headline may end on a quotation ("…: \"Muốn có đảng viên, phải…\""): what ends it is inside the quotes.
_QUOTES = '"”’'
# A section label, a breadcrumb, or a stamp ("Chính trị | Thứ Sáu, 15/08/2025", "Cập nhật: 08:30, 27/12/2023"):
# at most five words, words around ">", "»" or "|", "Chuyên mục:", or a full date.
_SECTION_LABEL = re.compile(
    r"^(?:chuyên mục|chuyên trang|danh mục)\s*:|\s[>»|]\s|^\W*(?:\w+\W+){0,4}\w+\W*$|\d/\s*\d{1,2}\s*/\s*\d{4}",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+", re.UNICODE)
# A paragraph of 25 words or more, each word taken whole (what ``_WORD`` finds): the match stops at the
# 25th word, where counting them all read every paragraph to its end, and each is asked several times.
_LONG = re.compile(r"(?:\W*\w+(?!\w)){25}", re.UNICODE)
# A section heading that opens with the period its section reports on ("Năm 2022: vượt chỉ tiêu",
# "Nhiệm kỳ 2020 - 2025") governs the figures below it: article text, not a related headline.
_PERIOD_HEADING = re.compile(
    r"^(?:năm|nhiệm kỳ|giai đoạn|quý\s+[IVX]+\s*/|\d+\s+tháng(?:\s+đầu|\s+cuối)?\s+năm)\s*\d{4}",
    re.IGNORECASE,
)
# What a table line may be dropped as and still be kept: its rows are short and unpunctuated, so they
# look like headlines, bylines or a title; a related-news tail or a repeat is dropped all the same.
_TABLE_KEEPS = ("headline", "byline", "title", "share", "image", "form")


@dataclass(frozen=True)
class Removed:
    """A piece of the page that is not article text, and why."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CleanArticle:
    """The article text with boilerplate removed, and a map back to the loaded document."""

    text: str
    source: str
    title: str | None = None
    published: dt.date | None = None
    removed: tuple[Removed, ...] = ()
    # (clean_start, source_start, length) of every kept piece, in order.
    pieces: tuple[tuple[int, int, int], ...] = field(default=(), repr=False)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of the cleaned text to offsets in the loaded document."""
        return self._offset(start), self._offset(end, is_end=True)

    def _offset(self, pos: int, is_end: bool = False) -> int:
        if not self.pieces:
            return pos
        starts = [p[0] for p in self.pieces]
        i = max(bisect_right(starts, pos - (1 if is_end and pos > 0 else 0)) - 1, 0)
        clean_start, src_start, length = self.pieces[i]
        return src_start + min(max(pos - clean_start, 0), length)


@dataclass
class _Line:
    text: str
    start: int
    kind: str = "keep"


def clean(source: str, *, title: str | None = None, published: dt.date | None = None) -> CleanArticle:
    """Clean a loaded document's text. ``title``/``published`` come from HTML metadata when known."""
    lines = _split_lines(source)
    _mark_header(lines, title)
    found_title = title or next((ln.text for ln in lines if ln.kind == "title"), None)
    published = published or _find_date(lines)
    tables = _table_and_caption(lines)
    _mark_boilerplate(lines)
    _mark_headlines_and_bylines(lines)
    _mark_duplicates(lines)
    for i in tables:
        if lines[i].kind in _TABLE_KEEPS:
            lines[i].kind = "keep"

    kept: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    removed: list[Removed] = []
    pos = 0
    for ln in lines:
        if ln.kind != "keep":
            removed.append(Removed(ln.kind, ln.text, ln.start, ln.start + len(ln.text)))
            continue
        if kept:
            pos += len(PARAGRAPH_SEP)
        pieces.append((pos, ln.start, len(ln.text)))
        kept.append(ln.text)
        pos += len(ln.text)
    return CleanArticle(
        text=PARAGRAPH_SEP.join(kept),
        source=source,
        title=found_title,
        published=published,
        removed=tuple(removed),
        pieces=tuple(pieces),
    )


def _table_and_caption(lines: list[_Line]) -> set[int]:
    """The lines of tables (:func:`~summarizer.vietnamese.tables.table_lines`), each with the short
    unpunctuated line just above it (its caption), to keep as rows."""
    rows = table_lines([ln.text for ln in lines])
    captions = {
        i - 1
        for i in rows
        if i - 1 >= 0
        and i - 1 not in rows
        and not _is_long(lines[i - 1].text)
        and not lines[i - 1].text.endswith(_TERMINAL)
    }
    return rows | captions


def _split_lines(source: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in source.split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append(_Line(stripped, pos + len(raw) - len(raw.lstrip())))
        pos += len(raw) + 1
    return lines


def _is_long(text: str) -> bool:
    return _LONG.match(text) is not None


def _mark_header(lines: list[_Line], title: str | None) -> None:
    """Date lines and the title at the top of the page (before the first real paragraph). A section label
    or breadcrumb ("Chuyên mục: Xây dựng Đảng", "Trang chủ > Chính trị") is the title only when no headline
    follows it; when one does, the label is page furniture."""
    heads: list[_Line] = []
    for ln in lines[:6]:
        if _is_long(ln.text):
            break
        if _DATE_LINE.match(ln.text):
            ln.kind = "date"
        elif title and ln.text == title.strip():
            ln.kind = "title"
        elif not title and not ln.text.rstrip(_QUOTES).endswith(_TERMINAL) and len(ln.text) < 200:
            heads.append(ln)
    headline = next(
        (ln for ln in heads if not _SECTION_LABEL.search(ln.text) and not ln.text.isupper()), None
    )
    for ln in heads:
        if ln is headline or headline is None:
            ln.kind = "title"
            return
        ln.kind = "section"


def _find_date(lines: list[_Line]) -> dt.date | None:
    for ln in lines[:8]:
        if ln.kind == "date" or len(ln.text) < 80:
            m = _DATE.search(ln.text)
            if m:
                day, month, year = (int(g) for g in m.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    continue
    return None


def _is_tail_marker(text: str) -> bool:
    """Whether the line is a heading such as "Tin cùng chuyên mục" that opens the related-news tail."""
    s = text.strip(" :>»-–—|")
    # Any run of whitespace inside counts as one space; a marker has none at its ends. (``str.split``
    # and ``\s`` agree on what whitespace is.) A paragraph is split no further than a marker's length.
    words = s.split(None, _MARKER_WORDS)
    return (
        len(words) <= _MARKER_WORDS and s == s.strip() and accent_free(" ".join(words)) in _TAIL_MARKERS_PLAIN
    )


def _mark_boilerplate(lines: list[_Line]) -> None:
    tail = False
    for ln in lines:
        if ln.kind != "keep":
            continue
        if tail:
            ln.kind = "related"
            continue
        if _is_tail_marker(ln.text):
            ln.kind = "related"
            tail = True
        elif not _is_long(ln.text) and _FORM_LINE.match(accent_free(ln.text)):
            ln.kind = "form"
        elif _is_share_line(ln.text):
            ln.kind = "share"
        elif _IMAGE_ALT.search(ln.text) and not _is_long(ln.text):
            ln.kind = "image"
        else:
            _cut_tags(ln)


def _is_share_line(text: str) -> bool:
    if len(text.split(None, _SHARE_LINE_WORDS)) > _SHARE_LINE_WORDS:
        return False  # a paragraph: it has more words before "|" is read as a space too
    words = text.lower().replace("|", " ").split()
    return 0 < len(words) <= _SHARE_LINE_WORDS and all(
        w in _SHARE_WORDS or (len(w) <= 2 and w.isalpha()) for w in words
    )


def _cut_tags(ln: _Line) -> None:
    """'… chi bộ mới. Thanh TuyềnTAG: a, b' keeps the sentence and drops the byline and tags."""
    m = _TAG_MARK.search(ln.text)
    if not m:
        return
    before = ln.text[: m.start()]
    name = _NAME_BEFORE.search(before)
    body = before[: name.start()] if name else before
    if _is_long(body):
        ln.text = body.rstrip()
    else:
        ln.kind = "byline"


def _mark_headlines_and_bylines(lines: list[_Line]) -> None:
    """Short unpunctuated lines: bylines after the last paragraph, related headlines between paragraphs."""
    long = [ln.kind == "keep" and _is_long(ln.text) for ln in lines]
    body = [i for i, is_long in enumerate(long) if is_long]
    if not body:
        return
    first, last = body[0], body[-1]
    for i, ln in enumerate(lines):
        if ln.kind != "keep" or long[i] or ln.text.endswith(_TERMINAL) or _PERIOD_HEADING.match(ln.text):
            continue
        n_words = len(_WORD.findall(ln.text))
        if i > last and n_words <= 8:
            ln.kind = "byline"
        elif first < i < last and n_words <= 20:
            ln.kind = "headline"


def _squeeze(text: str) -> str:
    return "".join(text.split())  # what re.sub(r"\s+", "", text) gives, several times faster


def _mark_duplicates(lines: list[_Line]) -> None:
    """A paragraph repeated later (a teaser, possibly cut with '...') is dropped in favour of the full text."""
    kept = [ln for ln in lines if ln.kind == "keep"]
    squeezed = [_squeeze(ln.text) for ln in kept]
    joined = "".join(squeezed)
    starts = [0]
    for sq in squeezed:
        starts.append(starts[-1] + len(sq))
    seen: set[str] = set()
    for i, ln in enumerate(kept):
        key = squeezed[i].rstrip(".…,;:")
        if key in seen or (len(key) >= 80 and joined.find(key, starts[i + 1]) >= 0):
            # The later copy (the full text) is the one kept, so this key is not marked as seen.
            ln.kind = "duplicate"
            continue
        seen.add(key)
