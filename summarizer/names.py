"""File names are untrusted text: kept whole as text whatever their bytes, shown inert, cut to fit.

A name that is not valid UTF-8 reaches Python with its odd bytes as lone surrogates (PEP 383), which no
JSON, SQLite or terminal encoder accepts; :func:`printable_name` writes each such byte as ``\\xNN``.
A name that is valid text may still hold terminal controls (colours, OSC 8 links, CR, newline):
:func:`for_terminal` escapes them. File systems limit a name's *bytes* (255 on most), so
:func:`cut_bytes` cuts by bytes, never inside a character.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides and isolates
# (they reorder what follows them on screen, so a name could show another name).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def printable_name(name: str) -> str:
    """``name`` with each undecodable byte (a surrogate-escaped one) written as ``\\xNN``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def for_terminal(text: str) -> str:
    """``text`` with every character that would act on a terminal (or split a line) written as an escape."""
    text = printable_name(text)
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def cut_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``limit`` bytes (whole characters only)."""
    data = text.encode("utf-8", "surrogatepass")
    return text if len(data) <= limit else data[:limit].decode("utf-8", "ignore")
