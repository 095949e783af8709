"""Time to ground 30 items against a 12 000-character article (target: under 5 ms).

Usage: python bench/grounding.py

The article is built from sentences written for this benchmark. Items mix the cases a model produces:
exact quotes, quotes with different whitespace, with punctuation or old-style tone placement changed,
quotes joined with " ... ", quotes with a dropped word or a wrong diacritic (aligned fuzzily), and
quotes that are not in the article at all (which take the longest: every fallback is tried).
Each run builds a fresh Grounder, as the engines do once per article. Times are CPU time of this process
(``time.process_time``), so other work on a shared machine does not count. Prints figures; asserts nothing.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter

from summarizer.ground import Grounder, ground_summary
from summarizer.models import ArticleSummary, Finding, NumericResult

SENTENCES = [
    "Đảng ủy xã {x} đã giao chỉ tiêu kết nạp đảng viên cho từng chi bộ thôn, bản.",
    "Năm {y}, Đảng bộ xã {x} kết nạp được {n} đảng viên, đạt {p}% kế hoạch.",
    "Ở thôn số {n}, nhiều thanh niên đi làm ăn xa nên nguồn kết nạp còn hạn chế, trình độ văn hóa thấp.",
    "Huyện ủy phối hợp với Trung tâm Chính trị mở {n} lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú.",
    "Đảng uỷ xã {x} phân công {n} đảng viên theo dõi, giúp đỡ quần chúng ưu tú ở những thôn chưa có chi bộ.",
]


RUNS = 1000


def main() -> None:
    rng = random.Random(3)
    parts = []
    while sum(map(len, parts)) < 12_000:
        parts.append(rng.choice(SENTENCES).format(x=rng.choice(["Tân Lập", "Mường Lạn", "Lũng Cú"]),
                                                  y=rng.randint(2015, 2024), n=rng.randint(2, 90), p=rng.randint(80, 150)))  # fmt: skip
    text = " ".join(parts)[:12_000]
    quotes = list(dict.fromkeys(p.rstrip(".") for p in parts))  # distinct, or they would be deduplicated
    findings = []
    for i in range(25):
        q = quotes[i * 2]
        words = q.split()
        variant = i % 8
        if variant == 1:
            q = q.replace(" ", "  ", 2)  # whitespace differs
        elif variant == 2:
            q = f"“{q.replace(',', '')}.”"  # punctuation differs, quoted
        elif variant == 3:
            q = q.replace("ủy", "uỷ").replace("hóa", "hoá")  # old-style tone placement
        elif variant == 4:
            q = " ".join(words[:4]) + " ... " + " ".join(words[6:])  # two clauses joined
        elif variant == 5:
            q = " ".join(words[:5] + words[6:])  # a dropped word: fuzzy
        elif variant == 6:
            q = q.replace("đảng", "đáng", 1).replace("nạp", "nap", 1)  # a wrong diacritic: fuzzy
        elif variant == 7:
            q = f"Câu không có trong bài số {i} về công tác phát triển đảng viên"  # not in the article
        findings.append(Finding(text="x", category="plans", evidence=q))
    numbers = [NumericResult(value=int(m), unit="đảng viên", evidence=f"kết nạp được {m} đảng viên")
               for m in [s.split("được ")[1].split()[0] for s in parts if "kết nạp được" in s][:5]]  # fmt: skip
    summary = ArticleSummary(solutions=findings, numeric_results=numbers)
    assert len(findings) + len(numbers) == 30

    runs = []
    for _ in range(RUNS):
        start = time.process_time()
        grounded = ground_summary(summary, text, Grounder(text))
        runs.append((time.process_time() - start) * 1000)
    kept = len(grounded.solutions) + len(grounded.numeric_results)
    how = Counter(item.alignment for item in [*grounded.solutions, *grounded.numeric_results])
    print(
        f"grounding 30 items (25 quotes, 5 numbers) against a {len(text):,}-character article, {RUNS} runs:"
    )
    print(f"median {statistics.median(runs):.2f} ms, p95 {sorted(runs)[len(runs) * 95 // 100]:.2f} ms, max {max(runs):.2f} ms; "
          f"{kept} items kept ({how['exact']} exact, {how['repaired']} repaired, {how['fuzzy']} fuzzy), "
          f"{30 - kept} dropped (3 quotes are not in the article)")  # fmt: skip


if __name__ == "__main__":
    main()
