"""A capable model's cost and score: the gold answered exactly, and with the deviations real models make.

Usage: python bench/capable_model.py [--shared DIR] [--verbose]

The stand-in (tests/standin.py) answers every request with the gold annotation of the article asked
about. The LLM engine runs a batch over the corpus against it (in this process, through an
``httpx.MockTransport``); the scorer of ``../shared/eval`` scores the batch's ``summaries.jsonl``.
Prints, for each manner: calls per article, tokens per article, records obtained after a re-ask or
salvaged, the scorer's OVERALL f1 and its MEANING figure. Targets: calls per article exact <= 1.02,
realistic <= 1.05, sloppy <= 1.10; OVERALL >= 0.99 in all three; MEANING >= 0.97. ``--own DIR`` runs the
same on a gold of our own (DIR/corpus, DIR/gold: articles the rules were never tuned on).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from standin import run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--shared", type=Path, default=ROOT.parent / "shared", help="holds gold/, corpus/, eval/"
    )
    parser.add_argument("--own", type=Path, default=None, help="a folder with corpus/ and gold/ of our own")
    parser.add_argument("--verbose", action="store_true", help="print the scorer's report and each re-ask")
    args = parser.parse_args()
    for manner in ("exact", "realistic", "sloppy"):
        result = run(args.shared, manner, own=args.own)  # type: ignore[arg-type]
        n = len(result.records)
        obtained = [r.get("obtained") for r in result.records]
        summaries = [r["summary"] for r in result.records if r.get("summary")]
        items = [
            i for s in summaries for key in ("difficulties", "solutions", "numeric_results") for i in s[key]
        ]
        how = Counter(i.get("alignment") for i in items)
        dropped = sum(w.startswith("dropped") for s in summaries for w in s["warnings"])
        print(f"{manner:8} {result.calls_per_article:.2f} calls/article, {result.tokens_per_article:,.0f} tokens/article, "
              f"{obtained.count('reasked')} re-asked, {obtained.count('salvaged')} salvaged of {n}; "
              f"OVERALL f1={result.f1:.3f}; MEANING={result.meaning:.3f}; items {how['exact']} exact, {how['repaired']} repaired, "
              f"{how['fuzzy']} fuzzy; {dropped} drops in warnings")  # fmt: skip
        if args.verbose:
            print(result.report)
            for message in result.model.reasks:
                print("re-ask:", message)


if __name__ == "__main__":
    main()
