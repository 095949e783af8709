"""Articles per second of the offline engine on one core, for ~6 KB articles.

Usage: python bench/offline_throughput.py [N] [ROUNDS]

Articles are generated from sentences written for this benchmark, with varied numbers and places,
and then cleaned and summarised in this one process (the gazetteer is loaded once, before timing,
as a batch worker does). The N articles are run ROUNDS times (default 5): on a shared virtual machine a
single run can be 30% off, so each round's wall and CPU time are printed with their median and best.
CPU time is the process's own: what one core does. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from summarizer.clean import clean
from summarizer.engines.offline import OfflineEngine
from summarizer.pipeline import run_engine
from summarizer.vietnamese.gazetteer import get_gazetteer

PLACES = [
    ("Sốp Cộp", "Mường Lạn"),
    ("Lạc Sơn", "Tân Lập"),
    ("Đồng Văn", "Lũng Cú"),
    ("Hướng Hóa", "Hướng Phùng"),
]
SENTENCES = [
    "Đảng bộ huyện {d} hiện có {a} tổ chức cơ sở đảng, {b} chi bộ trực thuộc với {c}.{c2:03} đảng viên.",
    "Khó khăn lớn nhất là nhiều thanh niên đi làm ăn xa nên thiếu nguồn kết nạp, trình độ văn hóa của quần chúng còn thấp.",
    "Huyện ủy {d} đã ban hành nghị quyết chuyên đề về phát triển đảng viên; giao chỉ tiêu kết nạp cho từng chi bộ; "
    "phân công cấp ủy viên theo dõi, giúp đỡ quần chúng ưu tú.",
    "Tại xã {x}, Đảng ủy xã phối hợp với Trung tâm Chính trị huyện mở {a} lớp bồi dưỡng nhận thức về Đảng cho {b} quần chúng ưu tú.",
    "Năm {y}, Đảng bộ xã {x} kết nạp được {a} đảng viên, đạt {p},{q}% kế hoạch.",
    "Những năm trước, mỗi năm xã chỉ kết nạp được {a} - {a2} đảng viên, nguyên nhân do năng lực của cấp ủy còn yếu, "
    "nguồn kết nạp còn hạn chế, nhiều quần chúng chưa có động cơ phấn đấu vào Đảng.",
    "Thời gian tới, Huyện ủy {d} tiếp tục đổi mới nội dung sinh hoạt chi bộ, phát huy vai trò của Đoàn Thanh niên "
    "trong việc giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp.",
]


def article(rng: random.Random, size: int = 6000) -> str:
    d, x = rng.choice(PLACES)
    paras, total = [f"Phát triển đảng viên ở {d}", "Thứ Hai, 14/03/2022"], 0
    while total < size:
        s = rng.choice(SENTENCES).format(
            d=d, x=x, a=rng.randint(2, 60), a2=rng.randint(61, 90), b=rng.randint(20, 400), c=rng.randint(1, 9),
            c2=rng.randint(0, 999), y=rng.randint(2010, 2024), p=rng.randint(80, 130), q=rng.randint(0, 9),
        )  # fmt: skip
        paras.append(s)
        total += len(s.encode())
    paras += ["Bạn còn 500/500 ký tự", "Tin cùng chuyên mục", "Hà Nội: Khai mạc hội chợ ở quận Hoàn Kiếm"]
    return "\n".join(paras)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rng = random.Random(7)
    texts = [article(rng) for _ in range(n)]
    t0 = time.perf_counter()
    get_gazetteer()
    load_s = time.perf_counter() - t0
    engine = OfflineEngine()
    avg_kb = sum(len(t.encode()) for t in texts) / n / 1024
    print(f"offline engine, one core: {n} articles of {avg_kb:.1f} KB on average, {rounds} rounds")
    print(f"gazetteer load (once per process): {load_s:.2f} s")
    walls, cpus = [], []
    for r in range(rounds):
        items = 0
        wall, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            s = run_engine(engine, clean(text)).summary  # the engine and the grounding stage
            items += len(s.difficulties) + len(s.solutions) + len(s.numeric_results)
        walls.append((time.perf_counter() - wall) / n)
        cpus.append((time.process_time() - cpu) / n)
        print(
            f"round {r + 1}: {1 / walls[-1]:.1f} articles/s wall, {1 / cpus[-1]:.1f} by CPU time ({items / n:.1f} items/article)"
        )
    for name, per in (("wall", walls), ("CPU", cpus)):
        med, best = statistics.median(per), min(per)
        print(
            f"{name:4s}: median {1 / med:.1f} articles/s ({1000 * med:.1f} ms/article), best {1 / best:.1f} ({1000 * best:.1f} ms)"
        )


if __name__ == "__main__":
    main()
