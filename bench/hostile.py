"""Hostile inputs, timed: a 4 MB file that is one line, and a page nested 10 000 elements deep.

Usage: python bench/hostile.py

Targets: splitting the 4 MB line into sentences well under a second (it took minutes when every
boundary re-read the line before it), and the 10 000-deep page's text in under a second (10-15 s when
BeautifulSoup's tree was edited element by element). Also times the LLM engine's chunking of the line,
and a batch of that one file: the rest of the offline pipeline is still slow on such a line, and the
per-article budget (``--article-seconds``) is what ends it with a failed record. The
texts are built here from sentences written for this benchmark. Prints wall-clock and CPU
seconds (on a shared machine the CPU figure is the fairer one); asserts nothing.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from summarizer import summarize_folder
from summarizer.clean import clean
from summarizer.engines.llm.chunks import chunks as _chunks
from summarizer.engines.offline import OfflineEngine
from summarizer.load import html_to_text
from summarizer.pipeline import run_engine
from summarizer.settings import Settings
from summarizer.vietnamese.sentences import split_sentences

SENTENCE = "Năm 2023, chi bộ thôn Nà Hang kết nạp 3 đảng viên mới, TP. Hà Giang khen thưởng 1.234 người. "
BUDGET = 10.0
CLAUSE = "chi bộ thôn Nà Hang kết nạp 3 đảng viên mới do thanh niên đi làm ăn xa nên nguồn còn hạn chế, "
PARAGRAPH = "Đảng ủy xã rà soát, tạo nguồn kết nạp đảng viên trong đoàn viên thanh niên. "


def timed(label: str, work, *args, **kwargs) -> Any:
    start, cpu = time.perf_counter(), time.process_time()
    result = work(*args, **kwargs)
    print(f"{label:<58} {time.perf_counter() - start:7.3f} s ({time.process_time() - cpu:.3f} s of CPU)")
    return result


def one_line(size: int) -> str:
    """About ``size`` bytes of UTF-8 with no line break."""
    return SENTENCE * (size // len(SENTENCE.encode()) + 1)


def deep_page(depth: int) -> str:
    """A page whose paragraph sits ``depth`` elements deep."""
    return (
        "<html><body>"
        + "<div><span>" * (depth // 2)
        + f"<p>{PARAGRAPH}</p>"
        + "</span></div>" * (depth // 2)
        + "</body></html>"
    )


def main() -> None:
    line = one_line(4_000_000)
    print(f"one line of {len(line.encode()):,} bytes ({len(line):,} characters)")
    sentences = timed("split into sentences", split_sentences, line)
    print(f"  {len(sentences):,} sentences")
    parts = timed("cut into LLM request parts (12 000 characters)", _chunks, line, 12_000)
    print(f"  {len(parts):,} parts, longest {max(map(len, parts)):,} characters")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        (folder / "one-line.txt").write_text(line, encoding="utf-8")
        settings = Settings(article_seconds=BUDGET, workers=1)
        report = timed(f"a batch of that file, --article-seconds {BUDGET:g}", summarize_folder, folder,
                       Path(tmp, "out"), settings=settings)  # fmt: skip
        print(f"  {report.line()}")

    sentence = (CLAUSE * (1_000_000 // len(CLAUSE.encode()) + 1)).rstrip(", ")
    print(f"one sentence (no full stop) of {len(sentence.encode()):,} bytes")
    timed("offline engine and grounding", run_engine, OfflineEngine(), clean(sentence))

    page = deep_page(10_000)
    print(f"a page nested 10 000 elements deep, {len(page.encode()):,} bytes")
    text, _, _ = timed("HTML to text", html_to_text, page)
    print(f"  {len(text):,} characters of text")


if __name__ == "__main__":
    main()
