"""Figures implausible against the article's own totals, for every engine (the grounding stage calls it).

A figure can be written in the article and still be absurd as a result: more members admitted than the
members the article counts, or a million members in a district whose total is 4,862 (text planted to
inflate a digest, a typo, a national figure in a local story). Such a figure is dropped with a warning,
so it never becomes a record's key figure or a digest total.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import NumericResult

_PARTS_OF_MEMBERS = ("members_admitted", "candidates_trained")
#: Beyond this many times the article's largest member total, a figure is implausible whatever it counts.
_FACTOR = 10
# "trong đó có 148 đảng viên" counts a subgroup, whatever its metric says: not the article's total.
_SUBGROUP = re.compile(r"trong đó|trong số|bao gồm", re.IGNORECASE)


def implausible(numbers: Sequence[NumericResult]) -> dict[int, str]:
    """Index -> why, for each figure the article's own member total makes implausible: members admitted
    (or candidates trained) in the whole locality beyond the largest total of the whole locality it
    states, or any member count ten times that total (a province's figure in a district's story is
    ``scope="part"``: compared by the factor only). A total larger than another total is not judged: a commune's story may
    well cite its province's."""
    totals = [n.value for n in numbers if n.metric == "members_total" and n.value and n.unit != "%"
              and n.scope == "main" and not _SUBGROUP.search(n.evidence)]  # fmt: skip
    if not totals:
        return {}
    total = max(totals)
    out: dict[int, str] = {}
    for i, n in enumerate(numbers):
        if n.unit == "%" or n.metric not in (*_PARTS_OF_MEMBERS, "members_total"):
            continue
        top = max((v for v in (n.value, n.value_max) if v is not None), default=0)
        if top > _FACTOR * total:
            out[i] = f"{top:g} is implausible where the article counts {total:g} members in all"
        elif n.metric in _PARTS_OF_MEMBERS and n.scope == "main" and top > total:
            out[i] = f"{top:g} is more than the {total:g} members the article counts"
    return out
