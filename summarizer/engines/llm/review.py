"""Whether a model's answer is worth a re-ask: one check, the grounding stage's, on the summary the
answer gives (:mod:`.draft`), its typed problems sorted by :func:`summarizer.problems.worth_reasking`.

Minor problems are left to the grounding stage, which repairs or drops them with a warning. Fatal ones
are re-asked, unless the answer repeats the problems of the one before: a model that did not move once
will not move on the next try, so the engine stops paying for re-asks and salvages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...clean import CleanArticle
from ...ground import Grounder, check_summary
from ...models import Locality
from ...problems import worth_reasking
from ...vietnamese.gazetteer import Gazetteer
from .draft import Draft, dominant_place, draft

if TYPE_CHECKING:
    from .answer import Answer


@dataclass
class Asking:
    """One article being asked about: what its answers are checked against, and how the asking went."""

    article: CleanArticle
    grounder: Grounder
    gazetteer: Gazetteer
    #: The re-ask lines of the last rejected answer.
    previous: list[str] | None = None
    #: Set when an answer repeated the problems of the one before (the engine then salvages).
    stalled: bool = False
    #: The last answer's draft, for the engine to keep without drafting it again.
    last: Draft | None = None
    _dominant: list[Locality | None] = field(default_factory=list)

    @property
    def dominant(self) -> Locality | None:
        if not self._dominant:  # resolved once per article, only when an answer names a place
            self._dominant.append(dominant_place(self.article, self.gazetteer))
        return self._dominant[0]

    def draft(self, answer: Answer | None) -> Draft:
        return draft(answer, self.article, self.grounder, self.gazetteer, self.dominant)

    def reask_lines(self, answer: Answer) -> list[str]:
        return reask_lines(answer, self)


def reask_lines(answer: Answer, asking: Asking) -> list[str]:
    """What the model must fix, one line per problem worth a re-ask; empty when the answer is kept (its
    minor problems go to the grounding stage, a stalled re-ask to salvage)."""
    drafted = asking.draft(answer)
    asking.last = drafted
    checked = check_summary(drafted.summary, asking.grounder.text, asking.grounder)
    items = len(answer.difficulties) + len(answer.solutions) + len(answer.numeric_results)
    lines = [p.line for p in worth_reasking(drafted.problems + checked.problems, items)]
    if not lines:
        return []
    if asking.previous is not None and sorted(lines) == sorted(asking.previous):
        asking.stalled = True
        return []
    asking.previous = lines
    return lines
