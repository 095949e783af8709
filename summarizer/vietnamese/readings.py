"""What a figure means, read from the words around it: its basis (a result, a target or a yearly
average) and its scope (the article's main unit, or a lower or other unit, or a subgroup).

Cues are matched on the lower-cased sentence (folded without marks for text typed without them; same
offsets). ``before`` is the sentence up to the figure, ``after`` the rest of it from the figure's end.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Basis, Locality, Scope
from .text import UNIT_WORDS, lower_same_length, strip_marks

_CUES = {
    # Forward-looking anywhere earlier in the sentence: "Năm 2025, Đảng bộ phấn đấu kết nạp ...".
    "AIM": r"phấn đấu|(?<!thực hiện )(?<!hoàn thành )mục tiêu|dự kiến|(?<![\wà-ỹđ])sẽ(?![\wà-ỹđ])|đề ra chỉ tiêu|giao chỉ tiêu"
    r"|đặt chỉ tiêu|nhiệm vụ (?:năm|trong năm)",
    # A quota in the figure's own clause: "chỉ tiêu giao cho huyện là 160", "kế hoạch năm (3.000 ...)",
    # "mỗi chi bộ phải kết nạp", "cần kết nạp".
    "QUOTA": r"chỉ tiêu|kế hoạch|(?<![\wà-ỹđ])phải(?![\wà-ỹđ])|(?<![\wà-ỹđ])cần(?![\wà-ỹđ])",
    # "đạt 124,3% chỉ tiêu": the share of a target reached is a result.
    "REACHED": r"(?:đạt|vượt|bằng)\s*(?:(?:trên|hơn|gần|khoảng)\s*)?$",
    "AVERAGE": r"bình quân|trung bình|mỗi năm|hằng năm|hàng năm",
    "PER_YEAR": r"\s*/\s*năm|\s*mỗi năm",
    # A subgroup of those counted: "trong đó 122 nữ", "gồm 21 chi bộ khu dân cư", "riêng xã ..." (but
    # "riêng năm 2024" singles out a period, not a unit).
    # It runs to the next ";" or to "với", which gives the total again ("gồm 16 đảng bộ xã và 22 chi bộ cơ
    # sở, với 2.857 đảng viên").
    "SUBSET": r"(?P<cue>trong đó|(?<![\wà-ỹđ])gồm|(?<![\wà-ỹđ])riêng(?![\wà-ỹđ])(?! (?:năm|trong|quý|tháng|\d))"
    r"|trong số)|(?<![\wà-ỹđ])với(?![\wà-ỹđ])",
    # Who the counted are, right after the figure's unit: "17 đồng chí là đoàn viên", "5 đảng viên nữ",
    # "12.450 đảng viên từ 30 tuổi trở xuống", "95% đảng viên mới kết nạp có trình độ ...".
    "WHO_AFTER": r"\s*(?:là(?![\wà-ỹđ])|nữ|trẻ|dưới \d|từ \d+ tuổi|ngoài \d|có trình độ|đảng viên mới|(?:người |đồng bào )?"
    r"dân tộc|đồng bào|thanh niên|học sinh|sinh viên|công nhân|kỹ sư|nhân viên)",
    # ... or before it, in its clause: "đảng viên là người Khmer chiếm 37,9%", "đồng bào Mông chiếm 90%".
    "WHO_BEFORE": r"(?:là người|là nữ|đồng bào|dân tộc|là đoàn viên|hạ sĩ quan|binh sĩ|công nhân|bác sĩ"
    r"|đoàn viên thanh niên)",
    "POPULATION": r"\s*dân số",
    # One party cell ("chi bộ kết nạp 3 đảng viên", "Chi bộ Khu dân cư số 7 có 38"), not "47 chi bộ".
    "ONE_CELL": r"(?<!số )(?<!các )(?<!những )(?<!toàn )(?<![\d%] )chi bộ(?! trực thuộc)",
}


@lru_cache(maxsize=2)
def _rx(folded: bool) -> dict[str, re.Pattern[str]]:
    form = strip_marks if folded else (lambda p: p)
    return {name: re.compile(form(p)) for name, p in _CUES.items()}


def _clause(before: str) -> str:
    """The end of ``before`` from the last clause break (a comma, a semicolon, a colon)."""
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
    return before[cut + 1 :]


def basis_of(before: str, after: str, qualifier: str | None, folded: bool = False) -> Basis:
    """``target`` for a goal, plan, quota, requirement or forecast; ``average`` for a rate per year over
    a longer stretch; else ``actual`` (the share of a target reached is actual)."""
    rx = _rx(folded)
    low_before, low_after = lower_same_length(before), lower_same_length(after)
    clause = _clause(low_before)
    aim = rx["AIM"].search(low_before)
    quota = rx["QUOTA"].search(clause)
    if (
        aim
        or (quota and not rx["REACHED"].search(clause, quota.end()))
        or qualifier in ("ít nhất", "tối thiểu")
    ):
        return "target"
    if rx["AVERAGE"].search(clause) or rx["PER_YEAR"].match(low_after):
        return "average"
    return "actual"


_MAIN_LEVEL = {"province": 1, "district": 2, "commune": 3}
# A subject's depth: the official unit words (text.UNIT_WORDS, at their highest level; villages, which name
# no level, below communes), and the cells and hamlets a figure may belong to. Committees and "tp" are not
# subjects' words here.
_LEVELS = {
    word: min((_MAIN_LEVEL[level] for level in levels), default=4)
    for word, levels in UNIT_WORDS.items()
    if not word.startswith("tp") and " ủy" not in word and " uỷ" not in word
} | {"chi bộ": 4, "tổ dân phố": 4, "xóm": 4}
# "tỉnh" but not "Tỉnh ủy" (a committee assigns, it is not counted). Matched without marks only on a subject
# written without them: folded, "quận" would be "Quân" and "bản" the "Ban" of a committee.
_LEVEL_WORD = {
    folded: re.compile(
        r"(?<!\w)("
        + "|".join(sorted(map(form, _LEVELS), key=len, reverse=True))
        + r")(?!\w)(?! (?:ủy|uỷ|uy))"
        r"((?: [A-ZĐ]\w*)*)",
        re.I,
    )
    for folded, form in ((False, str), (True, strip_marks))
}
_FOLDED_LEVELS = {strip_marks(word): level for word, level in _LEVELS.items()}
# A named group after the figure's unit ("8 người Khmer"), read on the text as written (names are capitalised).
_NAME_AFTER = re.compile(r"\s*(?:(?:người|đồng bào|nguoi|dong bao)\s+)?[A-ZĐ]")


@lru_cache(maxsize=1024)  # an article names the same few units figure after figure
def _subject_level(subject: str) -> tuple[int, str] | None:
    m = _LEVEL_WORD[subject == strip_marks(subject)].search(subject)
    if m is None:
        return None
    return _FOLDED_LEVELS[strip_marks(m.group(1).lower())], m.group(2).strip()


def names_other_unit(subject: str | None, main: Locality | None) -> bool:
    """Whether a figure's subject ("Đảng bộ xã Pha Long", "toàn tỉnh") is another unit than the article's
    main locality: a lower or higher level, or the same level under another name. Unknown: not other."""
    if not subject or main is None or main.level is None:
        return False
    found = _subject_level(subject)
    if found is None:
        return False
    level, name = found
    if name and strip_marks(name).lower() in _folded_names(main.province, main.district, main.commune):
        return False
    main_level = _MAIN_LEVEL[main.level]
    return level != main_level or bool(name)


@lru_cache(maxsize=64)
def _folded_names(*names: str | None) -> frozenset[str]:
    return frozenset(strip_marks(n).lower() for n in names if n)


def scope_of(
    before: str,
    after: str,
    subject: str | None,
    main: Locality | None,
    folded: bool = False,
    paragraph_subject: str | None = None,
) -> Scope:
    """``part`` for a subgroup ("trong đó 122 nữ", "17 đồng chí là đoàn viên") or a unit other than the
    article's main locality (one commune of a district article, one party cell, another province).

    A subject that names no level ("Đảng bộ kết nạp 15") is the unit its paragraph last named
    (``paragraph_subject``: "Tìm hiểu tại xã Mường Lạn ... Đảng bộ xã có 21 chi bộ")."""
    rx = _rx(folded)
    low_before, low_after = lower_same_length(before), lower_same_length(after)
    clause = _clause(low_before)
    cues = list(rx["SUBSET"].finditer(low_before, low_before.rfind(";") + 1))
    if (
        (cues and cues[-1].group("cue"))
        or rx["WHO_AFTER"].match(low_after)
        or rx["POPULATION"].match(low_after)
    ):
        return "part"
    if _NAME_AFTER.match(after):
        return "part"
    if rx["WHO_BEFORE"].search(clause) or rx["ONE_CELL"].search(clause):
        return "part"
    if subject is None or _subject_level(subject) is None:
        subject = paragraph_subject
    return "part" if names_other_unit(subject, main) else "main"
