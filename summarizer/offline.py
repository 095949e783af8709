"""The offline engine: an extractive summary from the cleaned text alone, no model, no network.

Reading order: sentences -> clauses (split at ``;``, at list colons, at reported-speech prefixes, at
cause lists "nguyên nhân do A, B, C", and between coordinated actions) -> each clause is a difficulty,
a solution or neither by a Vietnamese lexicon and its structure (results such as "kết nạp được 15 đảng
viên" or passives "đã được đổi mới" are outcomes, not measures). Numbers come from
:mod:`summarizer.numbers` and count only with a domain unit ("đảng viên", "chi bộ", "quần chúng
ưu tú", "%"...). Every item carries its verbatim evidence and span; :func:`validate.ground_summary`
checks them all again before anything is returned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import taxonomy
from .clean import CleanArticle
from .locality import resolve_locality
from .models import ArticleSummary, Finding, Locality, NumericResult
from .numbers import Quantity, find_quantities
from .sentences import Sentence, split_sentences
from .validate import Grounder, ground_summary

ENGINE_NAME = "offline"
ENGINE_VERSION = "1"

# --- clauses ---------------------------------------------------------------------------------------

_SPEECH = re.compile(
    r"^.{0,160}?\b(?:cho biết|chia sẻ|nhấn mạnh|khẳng định|thông tin|nhận định|nói)\s*[:,]\s*", re.I
)
_LEADING = re.compile(
    r"^(?:(?:bên cạnh đó|ngoài ra|đồng thời|trước hết|đặc biệt|theo đó|do vậy|do đó|vì vậy|hiện nay|"
    r"thời gian tới|thời gian qua|những năm qua|hằng năm|hàng năm|mới đây|trong đó|nhờ đó|qua đó|"
    r"tuy nhiên|song|nhưng)\s*,?\s*)+",
    re.I,
)
_CAUSE = re.compile(r"\b(?:nguyên nhân(?: chủ yếu| chính)?(?: là)?(?: do)?|một phần do|chủ yếu do)\s+", re.I)
_ACTION = (
    r"ban hành|xây dựng|giao|phân công|chỉ đạo|tập trung|phối hợp|mở|bồi dưỡng|tuyên truyền|"
    r"tổ chức (?:các |\d+ )?(?:lớp|hội nghị|buổi|cuộc|đợt)|"
    r"vận động|rà soát|kiện toàn|điều động|giới thiệu|quan tâm|đẩy mạnh|tăng cường|đổi mới|phát động|"
    r"lựa chọn|chuyển|thành lập|gửi|hướng dẫn|chú trọng|nâng cao|khắc phục|triển khai|thực hiện|"
    r"phát huy|duy trì|củng cố|tạo điều kiện|động viên|giúp đỡ|theo dõi|cử|đưa"
)
_ACTION_RE = re.compile(rf"(?<![\wà-ỹđ])(?:{_ACTION})(?![\wà-ỹđ])", re.I)
_SPLIT_COORD = re.compile(rf"\s+và\s+(?=(?:{_ACTION})(?![\wà-ỹđ]))", re.I)
# Outcomes and context, not measures.
_RESULT = re.compile(
    r"kết nạp (?:được|mới)|đã kết nạp|góp phần|nâng (?:tổng )?số|đạt \d|đạt mục tiêu|tăng lên|giảm (?:số|còn)|"
    r"có chuyển biến|được (?:thực hiện|đổi mới|phát huy|quan tâm|nâng lên|củng cố)|"
    r"(?:hiện )?có \d|sau khi được|đã hoàn chỉnh|hoàn thành nghĩa vụ quân sự trở về$",
    re.I,
)
_CONTEXT_START = re.compile(r"^(?:thực hiện|nhờ|với các giải pháp|để|nhằm|có thể nói|làm tốt)\b", re.I)
# Sentences that report outcomes as a whole: none of their clauses is a measure or a difficulty.
_RESULT_SENTENCE = re.compile(r"góp phần|^(?:có thể nói|làm tốt|nhờ|với các giải pháp|kết quả)", re.I)
# "Trên cơ sở đánh giá khó khăn..., X đã ban hành...": a difficulty named only as the reason for a measure.
_SOLUTION_FRAME = re.compile(
    r"^(?:trên cơ sở|để khắc phục|nhằm khắc phục|trước (?:thực trạng|tình hình)|từ thực tế)", re.I
)
# "Thực hiện Chỉ thị X, Đảng ủy đã phân công...": the directive is context, the measure follows the comma.
# (Used with .match(text, pos): no "^", which would anchor at the start of the whole text.)
_FRAME_PREFIX = re.compile(
    r"(?:thực hiện|triển khai|quán triệt)\s[^,]{0,200}?,\s*(?=[^,]*(?<![\wà-ỹđ])(?:đã|đều|tiếp tục)\s)", re.I
)
_SPEECH_END = re.compile(r"(?:cho biết|chia sẻ|nhấn mạnh|khẳng định|thông tin|nói)$", re.I)
_PURPOSE = re.compile(r"(?<![\wà-ỹđ])(?:nhằm|để|qua đó|từ đó)(?![\wà-ỹđ])", re.I)
_DIFFICULTY = re.compile(
    r"khó khăn|hạn chế|vướng mắc|bất cập|(?<![\wà-ỹđ])yếu(?![\wà-ỹđ])|(?<![\wà-ỹđ])thiếu(?![\wà-ỹđ])|"
    r"(?<![\wà-ỹđ])thấp(?![\wà-ỹđ])|chưa có động cơ|chưa được quan tâm|làm ăn xa|đi làm xa|"
    r"sinh hoạt ghép|không tập trung|ngại|(?<![\wà-ỹđ])ít đảng viên|tỷ lệ đảng viên ít|chưa mặn mà|"
    r"xuất khẩu lao động|phân tán",
    re.I,
)
_GENERIC_DIFFICULTY = re.compile(r"^(?:.{0,80}?)(?:gặp|còn|có) (?:nhiều |không ít )?khó khăn\s*$", re.I)
_OVERCOME = re.compile(
    r"(?:tháo gỡ|khắc phục|vượt qua|giải quyết)\s+(?:những |các |mọi )?(?:khó khăn|hạn chế|vướng mắc|bất cập)",
    re.I,
)
_SEMICOLON = re.compile(r";")
_LIST_COLON = re.compile(r":\s")
_MIN_SYLLABLES = 5
_MAX_EVIDENCE = 400


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    sentence: str


def _syllables(text: str) -> int:
    return len(re.findall(r"[\wà-ỹđ]+", text))


def _trimmed(text: str, start: int, end: int) -> Clause | None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip(' ,;:.-–…"“”'))
    chunk = chunk.strip(' ,;:.-–…"“”')
    if not chunk:
        return None
    return Clause(start + lead, start + lead + len(chunk), chunk, "")


def clauses(text: str, sentences: list[Sentence] | None = None) -> list[Clause]:
    """Clauses of every sentence of ``text``, with offsets into ``text``."""
    out: list[Clause] = []
    for sent in split_sentences(text) if sentences is None else sentences:
        pieces = [(sent.start, sent.end)]
        pieces = _split_all(text, pieces, _SEMICOLON)
        pieces = _split_all(text, pieces, _LIST_COLON)
        for start, end in pieces:
            piece = text[start:end]
            speech = _SPEECH.match(piece)
            if speech and speech.end() < len(piece):
                start += speech.end()
            piece = text[start:end]
            lead = _LEADING.match(piece)
            if lead:
                start += lead.end()
            frame = _FRAME_PREFIX.match(text, start, end)
            if frame:
                start = frame.end()
            for cs, ce in _split_causes(text, start, end):
                c = _trimmed(text, cs, ce)
                if c and _syllables(c.text) >= 3:
                    out.append(Clause(c.start, c.end, c.text, sent.text))
    return out


def _split_all(text: str, pieces: list[tuple[int, int]], sep: re.Pattern[str]) -> list[tuple[int, int]]:
    out = []
    for start, end in pieces:
        cur = start
        for m in sep.finditer(text, start, end):
            out.append((cur, m.start()))
            cur = m.end()
        out.append((cur, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _split_causes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'..., nguyên nhân do A, B, C' -> the lead and each cause (short causes merged with the next)."""
    m = _CAUSE.search(text, start, end)
    if not m:
        return _split_actions(text, start, end)
    parts = [(start, m.start())]
    items: list[tuple[int, int]] = []
    cur = m.end()
    for comma in re.finditer(r",\s+", text[m.end() : end]):
        items.append((cur, m.end() + comma.start()))
        cur = m.end() + comma.end()
    items.append((cur, end))
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for s, e in items:
        s = pending if pending is not None else s
        pending = None
        if _syllables(text[s:e]) < 6 and (s, e) != items[-1] and e != end:
            pending = s
            continue
        merged.append((s, e))
    if pending is not None:
        merged.append((pending, end))
    return parts + merged


def _split_actions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split coordinated measures ('rà soát ... và giao ...') when both sides are substantial."""
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in _SPLIT_COORD.finditer(text, start, end):
        if _syllables(text[cur : m.start()]) >= 8 and _syllables(text[m.end() : end]) >= 8:
            pieces.append((cur, m.start()))
            cur = m.end()  # the next measure starts at its verb, without "và"
    pieces.append((cur, end))
    return pieces


# --- classification ---------------------------------------------------------------------------------


def _is_difficulty(clause: str) -> bool:
    # "tháo gỡ khó khăn" (overcoming difficulties) names a measure, not a difficulty.
    stated = _OVERCOME.sub("", clause)
    return bool(_DIFFICULTY.search(stated)) and not _RESULT.search(clause)


def _acts(clause: str) -> bool:
    """An active measure: an action verb in the main clause (not passive, not in a purpose clause)."""
    purpose = _PURPOSE.search(clause)
    limit = purpose.start() if purpose else len(clause)
    for m in _ACTION_RE.finditer(clause, 0, limit):
        if "được" not in clause[max(0, m.start() - 8) : m.start()].lower():
            return True
    return bool(re.match(r"^(?:kế hoạch|nghị quyết|chỉ thị|đề án)\s+\d", clause, re.I))


def _is_solution(clause: str) -> bool:
    return not (
        _CONTEXT_START.match(clause) or _RESULT.search(clause) or _SPEECH_END.search(clause)
    ) and _acts(clause)


def classify(clause: str) -> taxonomy.Kind | None:
    """'difficulty', 'solution' or None for one clause."""
    # Difficulty words inside a measure's object ("... cho những chi bộ ít đảng viên") do not make it a
    # difficulty: a clause that opens with an action, or whose predicate is "đã <action>", is a measure.
    starts_with_action = bool(
        _ACTION_RE.match(clause)
        or _SOLUTION_FRAME.match(clause)
        or re.search(rf"(?<![\wà-ỹđ])đã\s+(?:{_ACTION})", clause, re.I)
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
    all_clauses = [c for c in clauses(text, sentences) if not _RESULT_SENTENCE.search(c.sentence)]
    kinds = {c: classify(c.text) for c in all_clauses if _syllables(c.text) >= _MIN_SYLLABLES}
    specific = {
        c.sentence for c, k in kinds.items() if k == "difficulty" and not _GENERIC_DIFFICULTY.match(c.text)
    }
    for c, kind in kinds.items():
        if kind == "difficulty":
            # "X gặp nhiều khó khăn" says nothing when the same sentence names the causes.
            if _GENERIC_DIFFICULTY.match(c.text) and c.sentence in specific:
                continue
            difficulties.append(_finding(c, "difficulty"))
        elif kind == "solution":
            solutions.append(_finding(c, "solution"))
    return difficulties, solutions


# --- numbers ----------------------------------------------------------------------------------------

_UNITS: list[tuple[str, str]] = [
    (r"chi,\s*đảng bộ(?: cơ sở| trực thuộc)?", "party_orgs"),
    (r"tổ chức cơ sở đảng", "party_orgs"),
    (r"tổ chức đảng", "party_orgs"),
    (r"đảng bộ(?: cơ sở| xã| trực thuộc)?", "party_orgs"),
    (r"chi bộ(?: trực thuộc| thôn| bản| tổ dân phố)?", "party_cells"),
    (r"đảng viên", "members"),
    (r"quần chúng(?: ưu tú)?", "candidates_trained"),
    (r"đối tượng(?: kết nạp| đảng)?", "candidates_trained"),
    (r"học viên", "candidates_trained"),
    (r"hồ sơ", "candidates_trained"),
    (r"người", "people"),
    (r"đồng chí", "people"),
    (r"lớp(?: bồi dưỡng| học)?", "other"),
    (r"thôn|bản|tổ dân phố|xóm|ấp|khu dân cư|làng", "villages"),
]
_UNIT_RE = [(re.compile(rf"\s*({p})(?![\wà-ỹđ])", re.I), metric) for p, metric in _UNITS]
_COUNT_BEFORE = re.compile(
    r"(?:số|tổng số)\s+(đảng viên|chi bộ|tổ chức cơ sở đảng|quần chúng ưu tú)\s+(?:\S+\s+){0,3}?(?:lên|là|đạt|còn)\s*$",
    re.I,
)
_PERIOD = re.compile(
    r"(?:nhiệm kỳ|giai đoạn)\s+\d{4}\s*[-–]\s*\d{4}|(?:từ )?năm \d{4}(?: đến nay)?|mỗi năm|hằng năm|hàng năm|"
    r"trong \d+ năm(?: qua)?|quý [IV]+/\d{4}|tháng \d{1,2}/\d{4}|\d{1,2} tháng đầu năm(?: \d{4})?",
    re.I,
)
_SUBJECT = re.compile(
    r"(?:Đảng bộ|Chi bộ|Đảng ủy|Đảng uỷ|Huyện ủy|Huyện uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thị ủy)"
    r"(?: (?:huyện|xã|tỉnh|thị trấn|phường|thôn|bản|tổ dân phố|thành phố))?(?: [A-ZĐ][\wà-ỹđ]*(?: [A-ZĐ0-9][\wà-ỹđ]*){0,3})?"
    r"|toàn (?:tỉnh|huyện|xã)|(?<![\wà-ỹđ])tỉnh(?= kết nạp)"
)


def _unit_after(text: str, q: Quantity) -> tuple[str, str, int] | None:
    after = text[q.end : q.end + 60]
    for rx, metric in _UNIT_RE:
        m = rx.match(after)
        if m:
            return m.group(1), metric, q.end + m.end()
    return None


def extract_numbers(text: str, sentences: list[Sentence] | None = None) -> list[NumericResult]:
    """Quantities about party development with a domain unit; years, dates and document numbers never."""
    results: list[NumericResult] = []
    sentences = split_sentences(text) if sentences is None else sentences
    starts = [s.start for s in sentences]
    for q in find_quantities(text):
        if not q.is_result_candidate or not sentences:
            continue
        sent = sentences[max(bisect_right(starts, q.start) - 1, 0)]
        if not sent.start <= q.start < sent.end:
            continue
        clause_start = _clause_start(text, sent.start, q.start)
        if q.kind == "percent":
            unit, metric, end = (
                "%",
                _percent_metric(text[q.end : sent.end], text[clause_start : q.start]),
                q.end,
            )
            noun = re.match(r"\s*((?:[\wà-ỹđ]+\s*){1,4})", text[q.end : sent.end])
            if noun:
                end = q.end + noun.end(1)
        else:
            found = _unit_after(text, q)
            before = _COUNT_BEFORE.search(text[clause_start : q.start])
            if before:  # "nâng tổng số đảng viên lên 126 đồng chí": the unit is the one counted
                unit, metric = before.group(1), _metric_of_unit(before.group(1))
                end = found[2] if found else q.end
                clause_start += before.start()
            elif found:
                unit, metric, end = found
            else:
                continue
            metric = _refine_metric(metric, text[clause_start : q.start], text[end : sent.end])
        start = _evidence_start(text, clause_start, q.start)
        results.append(
            NumericResult(
                value=q.value,
                value_min=q.value_min,
                value_max=q.value_max,
                unit=unit,
                metric=metric,
                period=_last(_PERIOD, text[sent.start : q.start]),
                subject=_last(_SUBJECT, text[sent.start : q.start]),
                qualifier=q.qualifier,
                evidence=text[start:end],
                span=(start, end),
            )
        )
    return _dedupe_numbers(results)


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    cut = max(text.rfind(sep, sent_start, pos) for sep in (",", ";", ":"))
    return sent_start if cut < 0 else cut + 1


def _evidence_start(text: str, clause_start: int, pos: int) -> int:
    """The whole clause before the number when it is short, else its last few words (never half a name)."""
    words = list(re.finditer(r"\S+", text[clause_start:pos]))
    if not words:
        return clause_start
    first = 0 if len(words) <= 10 else len(words) - 5
    while first > 0 and words[first].group()[0].isupper() and words[first - 1].group()[0].isupper():
        first -= 1
    return clause_start + words[first].start()


def _percent_metric(after: str, before: str) -> str:
    window = (before[-40:] + " " + after[:30]).lower()
    if re.search(r"chỉ tiêu|kế hoạch|mục tiêu|nghị quyết", window):
        return "target_pct"
    if re.match(r"\s*(?:các |số )?(?:bản|thôn|tổ dân phố|xóm|ấp)", after.lower()):
        return "villages"
    if re.match(r"\s*(?:các |số )?chi bộ", after.lower()):
        return "party_cells"
    if re.match(r"\s*(?:các |số )?(?:tổ chức|đảng bộ)", after.lower()):
        return "party_orgs"
    return "other"


def _metric_of_unit(unit: str) -> str:
    return next((metric for rx, metric in _UNIT_RE if rx.match(unit)), "other")


def _refine_metric(metric: str, before: str, after: str) -> str:
    admitted = re.search(r"kết nạp", before[-60:], re.I) or re.match(
        r"\s*(?:mới\s+)?(?:được\s+)?kết nạp", after, re.I
    )
    if metric == "members":
        return "members_admitted" if admitted else "members_total"
    if metric == "people":
        return (
            "members_admitted"
            if admitted
            else ("members_total" if re.search(r"đảng viên", before + after[:20]) else "other")
        )
    return metric


def _last(rx: re.Pattern[str], text: str) -> str | None:
    found = rx.findall(text)
    return found[-1] if found else None


def _dedupe_numbers(items: list[NumericResult]) -> list[NumericResult]:
    """The same figure restated later (a lead repeated in the body) is listed once."""
    seen: set[tuple] = set()
    out = []
    for item in items:
        key = (item.value, item.value_min, item.value_max, item.unit, item.metric)
        if key in seen and item.metric in ("target_pct",):
            continue
        seen.add(key)
        out.append(item)
    return out


# --- relevance and summaries -------------------------------------------------------------------------

_TOPIC = re.compile(
    r"đảng viên|phát triển đảng|kết nạp|chi bộ|đảng bộ|quần chúng ưu tú|tổ chức cơ sở đảng", re.I
)


def is_relevant(text: str) -> bool:
    """Articles about party-member development mention its vocabulary more than in passing."""
    return len(_TOPIC.findall(text)) >= 3 and bool(re.search(r"đảng viên|kết nạp", text, re.I))


def _place(loc: Locality | None, lang: str) -> str:
    if loc is None or not loc.province:
        return "một địa phương" if lang == "vi" else "an unnamed locality"
    parts = [p for p in (loc.commune, loc.district, loc.province) if p]
    return ", ".join(parts)


def _top(findings: list[Finding], limit: int = 3) -> list[str]:
    return list(dict.fromkeys(f.category for f in findings))[:limit]


def summaries(
    loc: Locality | None, diff: list[Finding], sol: list[Finding], nums: list[NumericResult]
) -> tuple[str, str]:
    """Template summaries in Vietnamese and English built from the structured fields."""
    place_vi, place_en = _place(loc, "vi"), _place(loc, "en")
    key = [n for n in nums if n.metric in ("members_admitted", "target_pct")][:2] or nums[:2]
    vi = [f"Công tác phát triển đảng viên ở {place_vi}."]
    en = [f"Party-member development in {place_en}."]
    if key:
        vi.append(
            "Kết quả: "
            + "; ".join(taxonomy.figure(n) + (f" ({n.period})" if n.period else "") for n in key)
            + "."
        )
        en.append("Results: " + "; ".join(taxonomy.figure(n, "en") for n in key) + ".")
    if diff:
        vi.append("Khó khăn: " + "; ".join(taxonomy.label(c, "vi").lower() for c in _top(diff)) + ".")
        en.append("Difficulties: " + "; ".join(taxonomy.label(c, "en").lower() for c in _top(diff)) + ".")
    if sol:
        vi.append("Giải pháp: " + "; ".join(taxonomy.label(c, "vi").lower() for c in _top(sol)) + ".")
        en.append("Solutions: " + "; ".join(taxonomy.label(c, "en").lower() for c in _top(sol)) + ".")
    return " ".join(vi), " ".join(en)


# --- the engine --------------------------------------------------------------------------------------


def summarize_clean(article: CleanArticle) -> ArticleSummary:
    """Summarise a cleaned article extractively."""
    text = article.text
    locality = resolve_locality(text, article.title)
    relevant = is_relevant(text)
    if relevant:
        sentences = split_sentences(text)
        difficulties, solutions = extract_findings(text, sentences)
        numbers = extract_numbers(text, sentences)
    else:
        difficulties, solutions, numbers = [], [], []
    summary_vi, summary_en = summaries(locality, difficulties, solutions, numbers)
    summary = ArticleSummary(
        title=article.title,
        published=article.published,
        relevant=relevant,
        locality=locality,
        difficulties=difficulties,
        solutions=solutions,
        numeric_results=numbers,
        summary_vi=summary_vi if relevant else "Bài viết không về công tác phát triển đảng viên.",
        summary_en=summary_en if relevant else "The article is not about party-member development.",
    )
    return ground_summary(summary, text, Grounder(text))
