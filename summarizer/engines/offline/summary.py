"""Relevance of an article (its template summaries are :func:`summarizer.compose.summaries`)."""

from __future__ import annotations

import re

from ...vietnamese.text import strip_marks

_TOPIC = r"đảng viên|phát triển đảng|kết nạp|chi bộ|đảng bộ|quần chúng ưu tú|tổ chức cơ sở đảng"
_CORE = r"đảng viên|kết nạp"
_RX = {
    folded: (
        re.compile(strip_marks(_TOPIC) if folded else _TOPIC),
        re.compile(strip_marks(_CORE) if folded else _CORE),
    )
    for folded in (False, True)
}


def is_relevant(text: str, folded: bool = False) -> bool:
    """Articles about party-member development mention its vocabulary more than in passing
    (``text`` lower case, and folded without diacritics when ``folded``)."""
    topic, core = _RX[folded]
    return len(topic.findall(text)) >= 3 and bool(core.search(text))
