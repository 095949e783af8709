"""Relevance of an article, and the record of one the engine cannot read (its template summaries are
:func:`summarizer.compose.summaries`)."""

from __future__ import annotations

import re

from ...vietnamese.language import language_name
from ...vietnamese.text import strip_marks

_TOPIC = r"đảng viên|phát triển đảng|kết nạp|chi bộ|đảng bộ|quần chúng ưu tú|tổ chức cơ sở đảng"
_CORE = r"đảng viên|kết nạp"
# What developing members is about: finding, training and admitting new ones.
_DEVELOPMENT = r"kết nạp|phát triển đảng|tạo nguồn|quần chúng ưu tú|đảng viên mới|nhận thức về đảng|cảm tình đảng|vào đảng"
# What else an article full of party words is about: discipline, corruption cases, congresses and their elections.
_OTHER_BUSINESS = (
    r"kỷ luật|vi phạm|tham nhũng|tiêu cực|lãng phí|khởi tố|bị can|cảnh cáo|khiển trách|khai trừ|cách chức|"
    r"ủy ban kiểm tra|đại hội|bầu|nhiệm kỳ|trúng cử|phiếu"
)
_RX = {
    folded: tuple(
        re.compile(strip_marks(p) if folded else p) for p in (_TOPIC, _CORE, _DEVELOPMENT, _OTHER_BUSINESS)
    )
    for folded in (False, True)
}


def is_relevant(text: str, folded: bool = False) -> bool:
    """Articles about party-member development mention its vocabulary more than in passing, and more than
    the vocabulary of the party's other business (an article on disciplining members or on a congress names
    members and cells throughout, and admissions once if at all). ``text``: lower case, and folded without
    diacritics when ``folded``."""
    topic, core, development, other = _RX[folded]
    if len(topic.findall(text)) < 3 or not core.search(text):
        return False
    return len(other.findall(text)) <= len(development.findall(text))


def unread(language: str) -> tuple[str, str, str]:
    """(summary_vi, summary_en, warning) of an article in a language the offline engine does not read: it
    says what the article is written in and how to have it read, and claims nothing about its subject."""
    vi, en = language_name(language)
    return (
        f"Bài viết bằng {vi}: công cụ offline chỉ đọc tiếng Việt nên chưa tóm tắt; "
        "một công cụ dùng mô hình ngôn ngữ (--engine llm) đọc được bài này.",
        f"The article is in {en}: the offline engine reads Vietnamese only, so it was not summarised; "
        "a model engine (--engine llm) can read it.",
        f"language {language}: not read by the offline engine (Vietnamese only); use a model engine",
    )
