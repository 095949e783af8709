"""Size and headless render time of the digest for many records.

Usage: python bench/digest_scale.py [N]   (default 10 000)

Builds N synthetic records (project-written titles and quotes, places drawn from the gazetteer, three to
six figures each, one record in ten a syndicated copy of another with its own boilerplate), writes
``digest.html`` with ``write_digest``, prints its size and the build time, then opens it in Debian's
Chromium (headless, through Playwright) and prints the time until the page has loaded and drawn its first
table page, and the time one filter change takes. Then writes the briefs of the first 2 000 records twice
(the second run finds nothing changed) and prints both times. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from summarizer.models import ArticleSummary, BatchRecord, Finding, Locality, NumericResult, SourceInfo
from summarizer.report import write_briefs, write_digest
from summarizer.vietnamese import taxonomy
from summarizer.vietnamese.gazetteer import get_gazetteer

VERBS = ["đẩy mạnh", "chú trọng", "nâng cao chất lượng", "tháo gỡ khó khăn trong", "đổi mới cách làm"]
TOPICS = ["phát triển đảng viên", "tạo nguồn kết nạp đảng", "công tác kết nạp đảng viên ở vùng cao",
          "phát triển đảng viên trong thanh niên", "xóa thôn, bản chưa có đảng viên"]  # fmt: skip
FIGURES = [
    ("members_admitted", "đảng viên", "năm {y} kết nạp được {v} đảng viên"),
    ("members_total", "đảng viên", "toàn đảng bộ có {v} đảng viên"),
    ("party_cells", "chi bộ", "có {v} chi bộ trực thuộc"),
    ("candidates_trained", "quần chúng ưu tú", "bồi dưỡng cho {v} quần chúng ưu tú"),
    ("target_pct", "%", "đạt {v}% chỉ tiêu năm {y}"),
    ("other", "lớp", "mở {v} lớp bồi dưỡng nhận thức về Đảng"),
]


def _finding(code: str, commune: str, year: int, report: int) -> Finding:
    label = taxonomy.label(code, "vi")
    quote = f"{label} ở {commune}, theo báo cáo số {report} của Đảng ủy năm {year}"
    return Finding(text=label, category=code, evidence=quote)


def synthetic_records(n: int, seed: int = 7) -> list[BatchRecord]:
    """``n`` records like a large batch's, about one in ten a syndicated copy of an earlier one."""
    rng = random.Random(seed)
    gaz = get_gazetteer()
    provinces = sorted(gaz.provinces)
    points = rng.sample(gaz.points, 900)
    weights = [1 / (i + 1) ** 0.8 for i in range(len(points))]  # a few places have many articles
    diff_codes, sol_codes = taxonomy.codes("difficulty"), taxonomy.codes("solution")
    records: list[BatchRecord] = []
    for i in range(n):
        if records and rng.random() < 0.1:
            original = rng.choice(records)
            summary = original.summary.model_copy(deep=True)  # type: ignore[union-attr]
            summary.solutions = summary.solutions[:-1]  # the outlet's copy lost a paragraph
            path = f"outlet{rng.randint(2, 9)}/{i:05d}.html"
        else:
            year = rng.randint(2019, 2025)
            lat, lon = rng.choices(points, weights)[0]
            province = rng.choice(provinces)
            commune = f"Xã {rng.randint(1, 400)}"
            numbers = []
            for metric, unit, quote in rng.sample(FIGURES, rng.randint(3, 6)):
                v = rng.randint(1, 150) if unit == "%" else rng.randint(2, 4000)
                numbers.append(NumericResult(value=v, unit=unit, metric=metric, period=f"năm {year}",
                                             evidence=f"Đảng bộ {commune} " + quote.format(v=v, y=year)))  # fmt: skip

            summary = ArticleSummary(
                title=f"{commune} {rng.choice(VERBS)} {rng.choice(TOPICS)} năm {year}",
                relevant=rng.random() > 0.05,
                locality=Locality(
                    province=province, commune=commune, level="commune", latitude=lat, longitude=lon
                ),
                difficulties=[
                    _finding(c, commune, year, i) for c in rng.sample(diff_codes, rng.randint(1, 3))
                ],
                solutions=[_finding(c, commune, year, i) for c in rng.sample(sol_codes, rng.randint(1, 4))],
                numeric_results=numbers,
            )
            path = f"outlet1/{i:05d}.txt"
        records.append(BatchRecord(source=SourceInfo(path=path, sha256=f"{i:064x}", bytes=5000), status="ok",
                                   engine="offline", summary=summary))  # fmt: skip
    return records


def render_time(page_path: Path) -> tuple[float, float] | None:
    """Seconds until the page is loaded and its table drawn, and for one filter change (None: no browser)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(page_path.as_uri(), wait_until="load")
        page.wait_for_selector("#results tbody tr")
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        page.select_option("#f-metric", index=1)
        page.wait_for_function("document.getElementById('page-info').textContent.length > 0")
        filtered = time.perf_counter() - started
        browser.close()
    return loaded, filtered


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    records = synthetic_records(n)
    get_gazetteer()
    with tempfile.TemporaryDirectory() as tmp:
        started, cpu = time.perf_counter(), time.process_time()
        path = write_digest(records, Path(tmp))
        built, cpu = time.perf_counter() - started, time.process_time() - cpu
        size = path.stat().st_size
        print(f"{n} records: digest.html {size / 1e6:.2f} MB, built in {built:.2f} s ({cpu:.2f} s of CPU)")
        timing = render_time(path)
        if timing is None:
            print("headless render: skipped (no chromium; apt-get install chromium)")
        else:
            print(
                f"headless Chromium: loaded and table drawn in {timing[0]:.2f} s; a filter change {timing[1]:.3f} s"
            )
        some = records[:2000]
        for run in ("first run", "re-run"):
            started, cpu = time.perf_counter(), time.process_time()
            written = write_briefs(some, Path(tmp) / "briefs")
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            print(f"briefs of {len(some)} records, {run}: {written.rewritten} files written in {wall:.2f} s "
                  f"({cpu:.2f} s of CPU)")  # fmt: skip


if __name__ == "__main__":
    main()
