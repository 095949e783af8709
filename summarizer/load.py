"""Stage 1: turn a file (any encoding, plain text or a saved HTML page) into article text.

The result is NFC-normalised text with ``\\n`` line ends. Everything downstream (cleaning offsets,
evidence spans) refers to this text, so loading is deterministic for a given library version.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import BinaryInputError, DecodeError, EmptyInputError, TooLargeError
from .settings import DEFAULT_MAX_BYTES

# Letters of the Vietnamese alphabet with their tone marks, used to tell a correct decoding
# (cp1258, UTF-8...) from mojibake when the bytes carry no BOM or declaration.
_VI_LETTERS = set("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ")
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|body|head|article|div|p)[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(frozen=True)
class Document:
    """An input file decoded to text, before boilerplate is removed."""

    path: str
    text: str
    encoding: str
    kind: Literal["text", "html"]
    sha256: str
    size: int
    title: str | None = None
    published: dt.date | None = None


def load_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one article file; raise a :class:`~summarizer.errors.LoadError` if it can't be."""
    p = Path(path)
    size = p.stat().st_size
    if size > max_bytes:
        raise TooLargeError(
            f"{p.name} is {size:,} bytes, over the {max_bytes:,}-byte limit; "
            "raise it with --max-bytes (SUMMARIZER_MAX_BYTES) if this really is one article"
        )
    return load_bytes(p.read_bytes(), name=str(path), max_bytes=max_bytes)


def load_bytes(data: bytes, *, name: str = "<bytes>", max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Decode raw bytes of an article (text or HTML)."""
    if len(data) > max_bytes:
        raise TooLargeError(f"{name} is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise EmptyInputError(f"{name} is empty")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"{name} is {what}, not an article text; convert it to text or HTML first")

    text, encoding = _decode(data, name)
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE)).replace("\r\n", "\n").replace("\r", "\n")
    if _control_ratio(text) > 0.01:
        raise BinaryInputError(f"{name} looks like binary data, not an article text")

    kind: Literal["text", "html"] = "html" if _is_html(name, data) else "text"
    title = published = None
    if kind == "html":
        text, title, published = html_to_text(text)
    if not text.strip():
        raise EmptyInputError(f"{name} holds no article text")
    return Document(
        path=name,
        text=text,
        encoding=encoding,
        kind=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        title=title,
        published=published,
    )


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, enc, name), enc
    if b"\x00" in data:
        enc16 = _sniff_utf16(data)
        if enc16 is None:
            raise BinaryInputError(f"{name} contains NUL bytes and is not UTF-16 text: it looks binary")
        return _strict(data, enc16, name), enc16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    candidates: list[str] = []
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        candidates.append(declared.group(1).decode("ascii").lower())
    candidates += ["cp1258"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            candidates.append(best.encoding)
    except Exception:  # pragma: no cover - detection is only a hint
        pass

    scored: list[tuple[float, str, str]] = []
    for enc in dict.fromkeys(candidates):
        try:
            decoded = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_vietnamese_score(decoded), enc, decoded))
    if not scored:
        raise DecodeError(
            f"{name} is not UTF-8, UTF-16 or Windows-1258; re-save it as UTF-8 "
            "(legacy font encodings such as TCVN3/VNI are not supported)"
        )
    _, enc, decoded = max(scored, key=lambda s: s[0])
    return decoded, enc


def _strict(data: bytes, enc: str, name: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{name} claims {enc} but is not valid {enc} ({exc.reason} at byte {exc.start})"
        ) from exc


def _sniff_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / max(len(even), 1), odd.count(0) / max(len(odd), 1)
    if zero_odd > 0.2 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.2 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def _vietnamese_score(text: str) -> float:
    letters = [c for c in unicodedata.normalize("NFC", text).lower() if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c in _VI_LETTERS for c in letters) / len(letters)


# Unicode's control characters (category Cc) but the whitespace ones (\t \n \v \f \r).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    return len(_CONTROL.findall(text)) / len(text) if text else 0.0


def _is_html(name: str, data: bytes) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = data[:2048].lstrip()
    return head.startswith(b"<") and bool(_HTML_SNIFF.search(head))


# --- HTML -------------------------------------------------------------------------------------

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "nav",
    "header", "footer", "aside", "button", "select", "input", "textarea", "object", "embed",
)  # fmt: skip
_BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "tr", "table", "figure", "figcaption", "pre", "dd", "dt", "dl", "hr", "caption",
)  # fmt: skip
_CELLS = ("td", "th")
# Between the cells of a table row a tab: a row stays one line ("Lộc Thạnh\t214\t16\t5"), and a quote of it
# is still the page's visible text to a reader that puts each cell on its own line (whitespace aside).
# Marked by a private-use character while the text is tidied, which folds the page's own tabs into spaces
# (and would strip a whitespace mark from a row whose first cell is empty).
_CELL_MARK = "\ue000"
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u3000]+")


def html_to_text(html: str) -> tuple[str, str | None, dt.date | None]:
    """Text of a saved page with paragraphs separated by blank lines, plus its title and date.

    The tree is read, never edited: BeautifulSoup's edits (``decompose``, ``insert_before``) walk down to
    an element's last descendant, so doing one per element took 10 s on a page nested 10 000 deep. Two
    walks of the tree, each touching every node once, give the same text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    heads = soup.find_all(["h1", "title", "meta", "time"])  # one search for the title and the date
    title = _html_title(heads)
    published = _html_date(heads)
    root = _content_root(soup)
    parts: list[str] = []
    types = _string_types(root)
    # Per open table row, the cells begun so far; inside a cell, blocks and line breaks are spaces, so a
    # row stays one line.
    rows: list[int] = []
    in_cell = 0
    for node, entering in _walk(root):
        if not hasattr(node, "contents"):  # a string
            if type(node) in types:
                parts.append(node.replace(_CELL_MARK, " "))
        elif node is root:
            continue
        elif node.name in _CELLS and rows:
            if entering:
                parts.append(_CELL_MARK if rows[-1] else "")
                rows[-1] += 1
            in_cell += 1 if entering else -1
        elif node.name == "br" or (in_cell and node.name in _BLOCK_TAGS):
            if entering or node.name != "br":
                parts.append(" " if in_cell else "\n")
        elif node.name in _BLOCK_TAGS:
            parts.append("\n\n")  # before and after a block
            if node.name == "tr" and entering:
                rows.append(0)
            elif node.name == "tr":
                rows.pop()
    return re.sub(rf" *{_CELL_MARK} *", "\t", _tidy("".join(parts))), title, published


def _content_root(soup: Any) -> Any:
    """The page's one substantial ``<article>`` (over 200 letters), else its ``<body>``, else the page."""
    types = _string_types(soup)
    letters = 0
    opened: dict[int, int] = {}
    articles = []
    body = None
    for node, entering in _walk(soup):
        if not hasattr(node, "contents"):
            if type(node) in types:
                letters += len(node.strip())
        elif node.name == "body" and body is None:
            body = node
        elif node.name == "article":
            if entering:
                opened[id(node)] = letters
            elif letters - opened[id(node)] > 200:
                articles.append(node)
    return articles[0] if len(articles) == 1 else (body or soup)


def _walk(root: Any) -> Iterator[tuple[Any, bool]]:
    """Every node under ``root`` in document order, as (node, True) on the way in and, for elements,
    (node, False) on the way out; dropped elements (scripts, navigation, forms...) are left out with
    everything inside them. A stack, not recursion: a page may nest thousands of elements deep."""
    stack: list[tuple[Any, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        yield node, entering
        if entering and hasattr(node, "contents"):
            stack.append((node, False))
            stack.extend(
                (child, True)
                for child in reversed(node.contents)
                if getattr(child, "name", None) not in _DROP_TAGS
            )


def _string_types(tag: Any) -> set[type]:
    """The kinds of string ``tag.get_text()`` reads: text and CDATA, never comments or declarations."""
    from bs4.element import CData, NavigableString

    return set(getattr(tag, "interesting_string_types", None) or {NavigableString, CData})


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _first(tags: list[Any], name: str, attrs: Mapping[str, str | bool] | None = None) -> Any:
    """The first of ``tags`` (in page order) named ``name`` whose attributes match ``attrs`` (``True``: present)."""
    for tag in tags:
        if tag.name == name and all(
            tag.has_attr(k) if v is True else tag.get(k) == v for k, v in (attrs or {}).items()
        ):
            return tag
    return None


def _html_title(tags: list[Any]) -> str | None:
    h1 = _first(tags, "h1")
    if h1 and h1.get_text(strip=True):
        return _SPACES.sub(" ", h1.get_text(" ", strip=True))
    meta = _first(tags, "meta", {"property": "og:title"})
    if meta and meta.get("content"):
        return str(meta["content"]).strip()
    title = _first(tags, "title")
    if title and title.string:
        return str(title.string).strip()
    return None


def _html_date(tags: list[Any]) -> dt.date | None:
    candidates = []
    for attrs in ({"property": "article:published_time"}, {"itemprop": "datePublished"}, {"name": "pubdate"}):
        meta = _first(tags, "meta", attrs)
        if meta and meta.get("content"):
            candidates.append(str(meta["content"]))
    time_tag = _first(tags, "time", {"datetime": True})
    if time_tag:
        candidates.append(str(time_tag["datetime"]))
    for value in candidates:
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            continue
    return None
