"""Small articles, records and gold written for the evaluation tests (never copied from ../shared)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.models import BatchRecord

# A short made-up article: a commune story with a range, a percentage, a number in words and a byline.
ARTICLE = """Xã Mường Hoa vượt khó phát triển đảng viên

Đảng bộ xã Mường Hoa, huyện Sa Pa hiện có 12 chi bộ với 312 đảng viên.
Khó khăn lớn nhất là thanh niên đi làm công nhân ở xa nên nguồn kết nạp rất mỏng.
Trước năm 2020, mỗi năm xã chỉ kết nạp từ 3 - 4 đảng viên.
Đảng ủy xã đã giao chỉ tiêu kết nạp cho từng chi bộ và mở lớp bồi dưỡng nhận thức về Đảng cho mười lăm quần chúng.
Năm 2023, xã kết nạp được 9 đảng viên, đạt 112,5% kế hoạch.
Tin liên quan: Lào Cai khai trương chợ phiên vùng cao
"""

OTHER = """Hội chợ hoa quả mùa hè

Hội chợ hoa quả ở phường Cốc Lếu, thành phố Lào Cai thu hút 2.000 lượt khách mỗi ngày.
"""

NOISE = "Lào Cai khai trương chợ phiên vùng cao"


def finding(evidence: str, text: str = "diễn giải") -> dict[str, Any]:
    return {"text": text, "category": "other", "evidence": evidence}


def number(
    evidence: str, value: float | None = None, lo: float | None = None, hi: float | None = None
) -> dict:
    return {"value": value, "value_min": lo, "value_max": hi, "metric": "other", "evidence": evidence}


def summary(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "relevant": True,
        "locality": {"province": "Lào Cai", "district": "Sa Pa", "commune": "Mường Hoa", "level": "commune"},
        "difficulties": [finding("thanh niên đi làm công nhân ở xa nên nguồn kết nạp rất mỏng")],
        "solutions": [finding("giao chỉ tiêu kết nạp cho từng chi bộ")],
        "numeric_results": [number("312 đảng viên", 312), number("từ 3 - 4 đảng viên", lo=3, hi=4)],
    }
    return {**base, **fields}


def record(
    stem: str = "muong_hoa", status: str = "ok", usage: dict | None = None, **fields: Any
) -> BatchRecord:
    data: dict[str, Any] = {
        "source": {"path": f"{stem}.txt", "sha256": "0" * 64, "bytes": 1},
        "status": status,
        "engine": "test",
        "summary": summary(**fields) if status == "ok" else None,
        "error": None if status == "ok" else {"type": "EngineError", "message": "the model gave up [retry]"},
        "usage": usage or {"prompt_tokens": 0, "completion_tokens": 0, "calls": 0},
    }
    return BatchRecord.model_validate(data)


def gold(stem: str = "muong_hoa", **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": stem,
        "relevant": True,
        "locality": {"province": "Lào Cai", "district": "Sa Pa", "commune": "Mường Hoa", "level": "commune"},
        "numbers": [
            {"value": 312, "kind": "members_total", "evidence": "312 đảng viên"},
            {"value_min": 3, "value_max": 4, "kind": "members_admitted", "evidence": "từ 3 - 4 đảng viên"},
        ],
        "difficulties": [{"evidence": "thanh niên đi làm công nhân ở xa nên nguồn kết nạp rất mỏng"}],
        "solutions": [{"evidence": "giao chỉ tiêu kết nạp cho từng chi bộ"}],
        "noise": [NOISE],
    }
    return {**base, **fields}


def write_gold(folder: Path, *golds: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for g in golds:
        (folder / f"{g['id']}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    return folder


def write_articles(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in texts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder


def write_run(out: Path, *records: BatchRecord) -> Path:
    """A batch output folder holding only summaries.jsonl (no run store)."""
    out.mkdir(parents=True, exist_ok=True)
    lines = [r.model_dump_json() for r in records]
    (out / "summaries.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out
