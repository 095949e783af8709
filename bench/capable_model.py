"""A capable model's cost and score: the gold answered exactly, and with the deviations real models make.

Usage: python bench/capable_model.py [--gold DIR] [--corpus DIR]

The stand-in (tests/standin.py) answers every request with the gold annotation of the article asked
about. The LLM engine runs a batch over the corpus against it (in this process, through an
``httpx.MockTransport``); the scorer of ``../shared/eval`` scores the batch's ``summaries.jsonl``.
Prints, for each manner: calls per article, tokens per article, records obtained after a re-ask or
salvaged, and the scorer's OVERALL f1. Targets: exact 1.00 calls and f1 >= 0.99; deviant <= 1.10 calls
and f1 >= 0.99.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from standin import CapableModel, load_articles  # noqa: E402

from summarizer.batch.executors import execute  # noqa: E402
from summarizer.batch.run import run_batch  # noqa: E402
from summarizer.engines.llm.engine import LLMEngine  # noqa: E402
from summarizer.settings import Settings  # noqa: E402


def overall_f1(score_py: Path, gold: Path, corpus: Path, pred: Path) -> tuple[float, str]:
    """The scorer's OVERALL f1 and its full report."""
    out = subprocess.run([sys.executable, str(score_py), "--gold", str(gold), "--articles", str(corpus),
                          "--pred", str(pred)], capture_output=True, text=True, check=True).stdout  # fmt: skip
    last = out.strip().splitlines()[-1]
    return float(last.split("=")[1]), out


def main() -> None:
    shared = ROOT.parent / "shared"
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=shared / "gold")
    parser.add_argument("--corpus", type=Path, default=shared / "corpus")
    parser.add_argument("--verbose", action="store_true", help="print the scorer's report and each re-ask")
    args = parser.parse_args()
    articles = load_articles(args.gold, args.corpus)
    settings = Settings(model="standin", base_url="http://standin.test/v1", api_key="x", mode="json")
    for manner in ("exact", "deviant"):
        model = CapableModel(articles, manner)  # type: ignore[arg-type]
        engine = LLMEngine(settings, http_transport=model.transport())
        with tempfile.TemporaryDirectory() as tmp:
            run_batch(args.corpus, tmp, settings, engine, execute)
            pred = Path(tmp) / "summaries.jsonl"
            records = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
            f1, report = overall_f1(shared / "eval" / "score.py", args.gold, args.corpus, pred)
        n = len(articles)
        obtained = [r.get("obtained") for r in records]
        summaries = [r["summary"] for r in records if r.get("summary")]
        items = [
            i for s in summaries for key in ("difficulties", "solutions", "numeric_results") for i in s[key]
        ]
        how = Counter(i.get("alignment") for i in items)
        dropped = sum(w.startswith("dropped") for s in summaries for w in s["warnings"])
        print(f"{manner:8} {sum(model.calls.values()) / n:.2f} calls/article, "
              f"{sum(model.tokens.values()) / n:,.0f} tokens/article, "
              f"{obtained.count('reasked')} re-asked, {obtained.count('salvaged')} salvaged of {n}; "
              f"OVERALL f1={f1:.3f}; items {how['exact']} exact, {how['repaired']} repaired, "
              f"{how['fuzzy']} fuzzy; {dropped} drops in warnings")  # fmt: skip
        if args.verbose:
            print(report)
            for message in model.reasks:
                print("re-ask:", message)


if __name__ == "__main__":
    main()
