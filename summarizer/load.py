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
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
    "blockquote", "tr", "table", "figure", "figcaption", "pre", "dd", "dt", "dl", "hr",
)  # fmt: skip
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u3000]+")


def html_to_text(html: str) -> tuple[str, str | None, dt.date | None]:
    """Text of a saved page with paragraphs separated by blank lines, plus its title and date."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = _html_title(soup)
    published = _html_date(soup)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    articles = [a for a in soup.find_all("article") if len(a.get_text(strip=True)) > 200]
    root = articles[0] if len(articles) == 1 else (soup.body or soup)
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return _tidy(root.get_text()), title, published


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _html_title(soup) -> str | None:
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        return _SPACES.sub(" ", h1.get_text(" ", strip=True))
    meta = soup.find("meta", attrs={"property": "og:title"})
    if meta and meta.get("content"):
        return str(meta["content"]).strip()
    if soup.title and soup.title.string:
        return soup.title.string.strip()
    return None


def _html_date(soup) -> dt.date | None:
    candidates = []
    for attrs in ({"property": "article:published_time"}, {"itemprop": "datePublished"}, {"name": "pubdate"}):
        meta = soup.find("meta", attrs=attrs)
        if meta and meta.get("content"):
            candidates.append(str(meta["content"]))
    time_tag = soup.find("time", attrs={"datetime": True})
    if time_tag:
        candidates.append(str(time_tag["datetime"]))
    for value in candidates:
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            continue
    return None
