"""Classification of clauses: a difficulty, a solution (a measure taken or planned), or neither."""

from __future__ import annotations

import re

from ...models import Finding
from ...vietnamese import taxonomy
from ...vietnamese.sentences import Sentence
from .clauses import Clause, clauses, syllables
from .lexicon import (
    ACTION,
    ACTION_RE,
    CONTEXT_START,
    DIFFICULTY,
    GENERIC_DIFFICULTY,
    OVERCOME,
    PURPOSE,
    RESULT,
    RESULT_SENTENCE,
    SOLUTION_FRAME,
    SPEECH_END,
)

_MIN_SYLLABLES = 5
_MAX_EVIDENCE = 400


def _is_difficulty(clause: str) -> bool:
    # "tháo gỡ khó khăn" (overcoming difficulties) names a measure, not a difficulty.
    stated = OVERCOME.sub("", clause)
    return bool(DIFFICULTY.search(stated)) and not RESULT.search(clause)


def _acts(clause: str) -> bool:
    """An active measure: an action verb in the main clause (not passive, not in a purpose clause)."""
    purpose = PURPOSE.search(clause)
    limit = purpose.start() if purpose else len(clause)
    for m in ACTION_RE.finditer(clause, 0, limit):
        if "được" not in clause[max(0, m.start() - 8) : m.start()].lower():
            return True
    return bool(re.match(r"^(?:kế hoạch|nghị quyết|chỉ thị|đề án)\s+\d", clause, re.I))


def _is_solution(clause: str) -> bool:
    return not (CONTEXT_START.match(clause) or RESULT.search(clause) or SPEECH_END.search(clause)) and _acts(
        clause
    )


def classify(clause: str) -> taxonomy.Kind | None:
    """'difficulty', 'solution' or None for one clause."""
    # Difficulty words inside a measure's object ("... cho những chi bộ ít đảng viên") do not make it a
    # difficulty: a clause that opens with an action, or whose predicate is "đã <action>", is a measure.
    starts_with_action = bool(
        ACTION_RE.match(clause)
        or SOLUTION_FRAME.match(clause)
        or re.search(rf"(?<![\wà-ỹđ])đã\s+(?:{ACTION})", clause, re.I)
    )
    if starts_with_action and _is_solution(clause):
        return "solution"
    if _is_difficulty(clause):
        return "difficulty"
    return "solution" if _is_solution(clause) else None


def _finding(c: Clause, kind: taxonomy.Kind) -> Finding:
    code = taxonomy.categorize(c.text, kind)
    text = c.text if len(c.text) <= 160 else c.text[:157].rsplit(" ", 1)[0] + "…"
    return Finding(text=text[0].upper() + text[1:], text_en=taxonomy.label(code, "en"), category=code,
                   evidence=c.text[:_MAX_EVIDENCE], span=(c.start, c.start + min(len(c.text), _MAX_EVIDENCE)))  # fmt: skip


def extract_findings(
    text: str, sentences: list[Sentence] | None = None
) -> tuple[list[Finding], list[Finding]]:
    """(difficulties, solutions) stated in ``text``."""
    difficulties: list[Finding] = []
    solutions: list[Finding] = []
    all_clauses = [c for c in clauses(text, sentences) if not RESULT_SENTENCE.search(c.sentence)]
    kinds = {c: classify(c.text) for c in all_clauses if syllables(c.text) >= _MIN_SYLLABLES}
    specific = {
        c.sentence for c, k in kinds.items() if k == "difficulty" and not GENERIC_DIFFICULTY.match(c.text)
    }
    for c, kind in kinds.items():
        if kind == "difficulty":
            # "X gặp nhiều khó khăn" says nothing when the same sentence names the causes.
            if GENERIC_DIFFICULTY.match(c.text) and c.sentence in specific:
                continue
            difficulties.append(_finding(c, "difficulty"))
        elif kind == "solution":
            solutions.append(_finding(c, "solution"))
    return difficulties, solutions
