"""Relevance of an article (its template summaries are :func:`summarizer.compose.summaries`)."""

from __future__ import annotations

import re

_TOPIC = re.compile(
    r"đảng viên|phát triển đảng|kết nạp|chi bộ|đảng bộ|quần chúng ưu tú|tổ chức cơ sở đảng", re.I
)


def is_relevant(text: str) -> bool:
    """Articles about party-member development mention its vocabulary more than in passing."""
    return len(_TOPIC.findall(text)) >= 3 and bool(re.search(r"đảng viên|kết nạp", text, re.I))
