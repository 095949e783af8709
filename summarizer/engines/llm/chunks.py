"""A long article in parts for the model, and the parts' answers as one."""

from __future__ import annotations

from ...vietnamese.sentences import split_sentences
from .answer import Answer, AnswerLocality


def merge(answers: list[Answer]) -> Answer | None:
    """Answers for the parts of one article as one answer (duplicates go when evidence is grounded)."""
    if not answers:
        return None
    if len(answers) == 1:
        return answers[0]
    first_place = next(
        (a.locality for a in answers if a.locality.province or a.locality.commune), AnswerLocality()
    )
    return Answer(
        relevant=any(a.relevant for a in answers),
        title_en=next((a.title_en for a in answers if a.title_en), ""),
        locality=first_place,
        difficulties=[d for a in answers for d in a.difficulties],
        solutions=[s for a in answers for s in a.solutions],
        numeric_results=[n for a in answers for n in a.numeric_results],
        summary_vi=" ".join(a.summary_vi for a in answers if a.summary_vi),
        summary_en=" ".join(a.summary_en for a in answers if a.summary_en),
    )


def chunks(text: str, max_chars: int) -> list[str]:
    """The text itself, or parts of at most ``max_chars`` cut at sentence ends. A sentence longer than
    that (a file that is one endless line) is cut at a space, so no part, and no request, is unbounded."""
    if len(text) <= max_chars:
        return [text]
    parts: list[str] = []
    start = 0
    end = 0
    for s in split_sentences(text):
        if s.end - start > max_chars and end > start:
            parts.append(text[start:end])
            start = s.start
        while s.end - start > max_chars:
            cut = text.rfind(" ", start + 1, start + max_chars)
            cut = cut if cut > start else start + max_chars
            parts.append(text[start:cut])
            start = cut
        end = s.end
    parts.append(text[start:])
    return [p for p in parts if p.strip()]
