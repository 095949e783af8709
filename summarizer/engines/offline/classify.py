"""Classification of clauses: a difficulty, a solution (a measure taken or planned), or neither.

Each clause is described by cue features (the vocabulary of :mod:`.lexicon`: difficulty words, negation,
"còn/vẫn còn", causes, plans, results, actions, captions...; its place in the sentence, the paragraph and
the article; the question it answers in an interview). Two logistic models shipped in :mod:`.weights`
score it as a difficulty and as a solution; a clause is labelled with the kind whose probability passes
its threshold by more. The weights and thresholds were fitted by ``bench/offline_training.py`` (and their
generalisation measured by ``bench/loo.py``); nothing is trained at run time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ...models import Finding
from ...vietnamese import taxonomy
from ...vietnamese.sentences import Sentence, split_sentences
from ...vietnamese.text import folded_view
from . import weights
from .clauses import Clause, clauses, syllables
from .lexicon import PATTERNS, lexicon
from .model import ClauseModel

_MIN_SYLLABLES = 4
_MAX_EVIDENCE = 400
# A text this short has no lead: its first sentences are its findings, not a summary of them.
_MIN_WITH_LEAD = 6

#: Cues matched on the clause itself, in this order.
_CLAUSE_CUES = (
    "DIFFICULTY_WORD", "GENERIC_DIFFICULTY", "SHORTAGE", "SOCIAL_PROBLEM", "NEGATION", "STILL", "ONLY",
    "CAUSAL", "CONTRAST_START", "ACTION_START", "ACTION", "DID_ACTION", "PASSIVE", "PLAN", "RESULT", "OVERCOME", "PURPOSE",
    "INSTITUTION_START", "SPEECH_END", "CAPTION", "CONTEXT_START", "EXISTENTIAL", "TARGET", "HISTORY",
    "COUNT", "PERCENT", "ASSIGNED", "EACH", "PERSONAL",
)  # fmt: skip
#: Every feature, in the order of the shipped weights.
FEATURES: tuple[str, ...] = (
    "bias",
    *(c.lower() for c in _CLAUSE_CUES),
    "negation_and_still",
    "difficulty_not_overcome",
    "difficulty_category",
    "solution_category",
    "sentence_difficulty",
    "previous_sentence_difficulty",
    "paragraph_opens_difficulty",
    "paragraph_opens_solution",
    "answers_difficulty_question",
    "answers_solution_question",
    "first_clause",
    "short",
    "long",
    "lead",
    "late",
)


@dataclass(frozen=True)
class _Context:
    """What the article says around each sentence, and where each cue matches (computed once per article)."""

    texts: list[str]
    bounds: list[tuple[int, int]]
    paragraph_first: list[int]
    difficulty_intro: list[bool]
    solution_intro: list[bool]
    question_kind: list[str | None]  # per sentence: the kind the last question before it asked about
    hits: dict[str, tuple[list[int], list[int]]]  # unanchored cue -> (match starts, match ends)

    def within(self, name: str, start: int, end: int) -> bool:
        """Whether cue ``name`` matches inside ``[start, end)``."""
        starts, ends = self.hits[name]
        k = bisect_left(starts, start)
        while k < len(starts) and starts[k] < end:
            if ends[k] <= end:
                return True
            k += 1
        return False

    def cues_inside(self, spans: Sequence[tuple[int, int]]) -> list[set[str]]:
        """For each of ``spans`` (sorted, not overlapping: an article's clauses), the cues matching inside it.

        One pass over each cue's matches: the only span that can hold a match is the last one starting
        at or before it."""
        starts = [a for a, _ in spans]
        inside: list[set[str]] = [set() for _ in spans]
        for name, (match_starts, match_ends) in self.hits.items():
            for a, b in zip(match_starts, match_ends, strict=True):
                k = bisect_right(starts, a) - 1
                if k >= 0 and b <= spans[k][1]:
                    inside[k].add(name)
        return inside


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(' "”’)').endswith("?")


def _anchored(pattern: str) -> bool:
    return "^" in pattern.replace("[^", "") or pattern.endswith("$")


_ANCHORED = tuple(name for name in _CLAUSE_CUES if _anchored(PATTERNS[name]))
_SCANNED = tuple(name for name in _CLAUSE_CUES if name not in _ANCHORED) + ("DIFFICULTY_INTRO",)


def _context(view: str, sentences: Sequence[Sentence], folded: bool) -> _Context:
    lx = lexicon(folded)
    texts = [view[s.start : s.end] for s in sentences]
    paragraph_first: list[int] = []
    first = 0
    for i, s in enumerate(sentences):
        if i and "\n\n" in view[sentences[i - 1].end : s.start]:
            first = i
        paragraph_first.append(first)
    difficulty_intro = [bool(lx["DIFFICULTY_INTRO"].search(t)) for t in texts]
    solution_intro = [bool(lx["SOLUTION_INTRO"].search(t)) for t in texts]
    question_kind: list[str | None] = []
    asked: str | None = None
    for t, d, so in zip(texts, difficulty_intro, solution_intro, strict=True):
        question_kind.append(asked)
        if _is_question(t):
            asked = "difficulty" if d else "solution" if so else None
    hits = {}
    for name in _SCANNED:  # one pass over the article per cue, instead of one per clause
        found = [(m.start(), m.end()) for m in lx[name].finditer(view)]
        hits[name] = ([a for a, _ in found], [b for _, b in found])
    bounds = [(s.start, s.end) for s in sentences]
    return _Context(texts, bounds, paragraph_first, difficulty_intro, solution_intro, question_kind, hits)


def features(
    clause: Clause, ctx: _Context, view: str, folded: bool, n_syll: int, inside: set[str]
) -> list[float]:
    """The feature vector of one clause (in the order of :data:`FEATURES`): ``view`` is the text as matched,
    ``n_syll`` the clause's syllable count, ``inside`` the scanned cues matching inside it."""
    lx = lexicon(folded)
    text = view[clause.start : clause.end]
    n_sentences = len(ctx.texts)
    cue = inside | {name for name in _ANCHORED if lx[name].search(text)}  # the cues that match
    i = clause.index
    sentence = ctx.texts[i]
    s_start, s_end = ctx.bounds[i]
    difficulty = "DIFFICULTY_WORD" in cue or "SHORTAGE" in cue or "SOCIAL_PROBLEM" in cue
    para = ctx.paragraph_first[i]
    values = [1.0, *[1.0 if c in cue else 0.0 for c in _CLAUSE_CUES]]
    difficulty_kind, solution_kind = taxonomy.specific_cues(clause.text)
    values += [
        float("NEGATION" in cue and "STILL" in cue),
        float(difficulty and "OVERCOME" not in cue),
        float(difficulty_kind),
        float(solution_kind),
        float(
            ctx.within("DIFFICULTY_INTRO", s_start, clause.start)
            or ctx.within("DIFFICULTY_INTRO", clause.end, s_end)
        ),
        float(i > 0 and ctx.difficulty_intro[i - 1]),
        float(para < i and ctx.difficulty_intro[para]),
        float(para < i and ctx.solution_intro[para]),
        float(ctx.question_kind[i] == "difficulty"),
        float(ctx.question_kind[i] == "solution"),
        float(sentence.lstrip(' "“').startswith(text[:20])),
        float(n_syll < 7),
        float(n_syll > 30),
        float(i < 2 and n_sentences >= _MIN_WITH_LEAD),
        float(i >= 0.8 * n_sentences),
    ]
    return values


def candidates(
    text: str, sentences: list[Sentence] | None = None, view: str | None = None, folded: bool = False
) -> list[tuple[Clause, list[float]]]:
    """Every clause that can be a finding, with its feature vector: long enough, and not in a question (an
    interviewer's "what difficulties did you meet?" names a topic; the answer states the findings)."""
    sentences = split_sentences(text) if sentences is None else sentences
    if view is None:  # called on text alone: find out how it is written
        view, folded = folded_view(text)
    ctx = _context(view, sentences, folded)
    counted = [
        (c, n)
        for c in clauses(text, sentences, view, folded)
        if (n := syllables(c.text)) >= _MIN_SYLLABLES and not _is_question(ctx.texts[c.index])
    ]
    inside = ctx.cues_inside([(c.start, c.end) for c, _ in counted])
    return [
        (c, features(c, ctx, view, folded, n, cues)) for (c, n), cues in zip(counted, inside, strict=True)
    ]


def _finding(c: Clause, kind: taxonomy.Kind) -> Finding:
    code = taxonomy.categorize(c.text, kind)
    text = c.text if len(c.text) <= 160 else c.text[:157].rsplit(" ", 1)[0] + "…"
    return Finding(text=text[0].upper() + text[1:], text_en=taxonomy.label(code, "en"), category=code,
                   evidence=c.text[:_MAX_EVIDENCE], span=(c.start, c.start + min(len(c.text), _MAX_EVIDENCE)))  # fmt: skip


def _unstated(clause: Clause, seen: str, sentence_names_one: bool, lx: dict[str, re.Pattern[str]]) -> bool:
    """Whether a clause labelled a difficulty states none: "khó khăn thì không ít" or "X có những khó khăn
    riêng" name no obstacle (unless the clause names one of a specific kind, or its sentence does), "dù còn
    nhiều khó khăn, X vẫn ..." sets off a result, and a person speaking of themselves ("Trước đây tôi nghĩ
    vào Đảng khó lắm") tells a feeling, not an obstacle."""
    if lx["PERSONAL"].search(seen) or lx["CONCEDED"].search(seen):
        return True
    if lx["GENERIC_DIFFICULTY"].search(seen):
        return sentence_names_one or not taxonomy.has_specific_cue(clause.text, "difficulty")
    return False


def extract_findings(
    text: str,
    sentences: list[Sentence] | None = None,
    view: str | None = None,
    folded: bool = False,
    model: ClauseModel | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """(difficulties, solutions) stated in ``text`` (``view``: its diacritic-free copy when ``folded``)."""
    model = weights.MODEL if model is None else model
    model.check(FEATURES)
    if view is None:
        view, folded = folded_view(text)
    lx = lexicon(folded)
    labelled = [(c, model.decide(x)) for c, x in candidates(text, sentences, view, folded)]
    # "X gặp nhiều khó khăn" says nothing when the same sentence names the difficulties themselves.
    named = {
        c.index
        for c, k in labelled
        if k == "difficulty" and not lx["GENERIC_DIFFICULTY"].search(view[c.start : c.end])
    }
    difficulties = [
        _finding(c, "difficulty")
        for c, k in labelled
        if k == "difficulty" and not _unstated(c, view[c.start : c.end], c.index in named, lx)
    ]
    # A new member telling how they came to apply ("em mới mạnh dạn viết đơn") tells a story, not a measure.
    solutions = [
        _finding(c, "solution")
        for c, k in labelled
        if k == "solution" and not lx["PERSONAL"].search(view[c.start : c.end])
    ]
    return difficulties, solutions
