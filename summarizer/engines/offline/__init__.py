"""The offline engine: an extractive summary from the cleaned text alone, no model, no network.

Reading order: :mod:`.clauses` cuts sentences into clauses; :mod:`.classify` labels each a difficulty,
a solution or neither with the vocabulary of :mod:`.lexicon`; figures come from
:mod:`summarizer.vietnamese.figures`; :mod:`.summary` decides relevance. Every item carries its verbatim
evidence and span; the pipeline's grounding stage checks them all again before anything is returned, and
writes the template summaries (:mod:`summarizer.compose`) from what it kept.
"""

from __future__ import annotations

import asyncio
import hashlib
import json

from ...clean import CleanArticle
from ...guard import masked
from ...models import ArticleSummary
from ...vietnamese.figures import extract_numbers
from ...vietnamese.language import detect_language
from ...vietnamese.locality import resolve_locality
from ...vietnamese.sentences import split_sentences
from ...vietnamese.taxonomy import CATEGORIES
from ..base import Engine, EngineResult
from . import weights
from .classify import extract_findings
from .lexicon import PATTERNS, view_of
from .model import ClauseModel
from .summary import is_relevant, unread

ENGINE_NAME = "offline"
# 2: clause model, post-2025 places, history lines, text without diacritics; 3: refitted weights; 4: what
# figures mean (basis, scope, years) and table rows; labels as an annotator files them, unit types, relevance
# of discipline articles, honest foreign-language records; 5: intros and concessions naming no obstacle,
# first-person stories are no measures, a goal's listed targets and a cause's second predicate kept whole.
# Bump it when the code changes what the engine says; a refit or a vocabulary edit changes the fingerprint.
CODE_VERSION = "5"
#: Languages the engine reads: Vietnamese, and text too short or too plain to tell ("und"), read as such.
READ = frozenset({"vi", "und"})


def fingerprint(model: ClauseModel, patterns: dict[str, str], cues: object) -> str:
    """A short digest of the shipped weights and vocabulary: part of the engine version, so a batch never
    reuses records cached under other weights or cues (the cache is keyed on the version)."""
    data = json.dumps([model.as_dict(), patterns, cues], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()[:8]


ENGINE_VERSION = (
    f"{CODE_VERSION}+{fingerprint(weights.MODEL, PATTERNS, [(c.cues, c.strong) for c in CATEGORIES])}"
)


def summarize_clean(article: CleanArticle, model: ClauseModel | None = None) -> ArticleSummary:
    """Summarise a cleaned article extractively (not yet grounded: the pipeline grounds every engine).

    ``model`` replaces the shipped clause weights (the leave-one-article-out evaluation passes its own).
    """
    text = article.text
    # Text typed without diacritics is matched on its folded copy: same length, so offsets are the text's.
    language, marked = detect_language(text)
    if language not in READ:
        return _unread(article, language, marked)
    folded = not marked
    view = view_of(text, folded)
    locality = resolve_locality(masked(text), article.title)  # a planted place is not the article's
    relevant = is_relevant(view, folded)
    if relevant:
        sentences = split_sentences(text)
        difficulties, solutions = extract_findings(text, sentences, view, folded, model)
        numbers = extract_numbers(text, sentences, article.title, folded, locality)
    else:
        difficulties, solutions, numbers = [], [], []
    return ArticleSummary(
        title=article.title,
        published=article.published,
        language=language,
        has_diacritics=marked,
        relevant=relevant,
        locality=locality,
        difficulties=difficulties,
        solutions=solutions,
        numeric_results=numbers,
        # A relevant article's summaries are composed by the grounding stage, from the fields it kept.
        summary_vi="" if relevant else "Bài viết không về công tác phát triển đảng viên.",
        summary_en="" if relevant else "The article is not about party-member development.",
    )


def _unread(article: CleanArticle, language: str, marked: bool) -> ArticleSummary:
    summary_vi, summary_en, warning = unread(language)
    return ArticleSummary(title=article.title, published=article.published, language=language,
                          has_diacritics=marked, relevant=False, summary_vi=summary_vi, summary_en=summary_en,
                          warnings=[warning])  # fmt: skip


class OfflineEngine(Engine):
    """The embedded extractive engine (no model, no network)."""

    name = ENGINE_NAME
    version = ENGINE_VERSION
    #: CPU-bound: a large batch runs it in worker processes.
    placement = "processes"

    def summarize(self, article: CleanArticle) -> EngineResult:
        return EngineResult(summarize_clean(article))

    async def asummarize(self, article: CleanArticle) -> EngineResult:
        return await asyncio.to_thread(self.summarize, article)  # CPU-bound: keep it off the event loop
