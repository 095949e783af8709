"""Leave-one-article-out score of the offline engine: the figure that predicts articles it has never seen.

Usage: python bench/loo.py [--shared ../shared] [--out /tmp/loo]

For each gold article, the clause model is fitted on the other articles with exactly the procedure of
``bench/offline_training.py`` (regularisation strength, weights and thresholds; the strength too is
chosen without the held-out article, by an inner leave-one-out, so a run takes a few minutes), the
held-out article is summarised by the real engine with that model (load -> clean -> engine -> grounding),
and the shared scorer (``eval/score.py``) scores the held-out summaries together. The in-sample score
(the model fitted on every article, as shipped) is printed beside it. Needs scikit-learn. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from offline_training import Article, default_shared, fit, load_articles

from summarizer.engines.offline import summarize_clean
from summarizer.engines.offline.model import ClauseModel
from summarizer.load import load_file
from summarizer.pipeline import EngineResult, grounded, prepare


def _record(path: Path, model: ClauseModel) -> dict:
    article = prepare(load_file(path))
    summary = grounded(EngineResult(summarize_clean(article, model)), article).summary
    return {"source": {"path": path.name}, "status": "ok", "summary": summary.model_dump(mode="json")}


def _score(shared: Path, corpus: Path, pred: Path) -> dict:
    cmd = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "gold"),
           "--articles", str(corpus), "--pred", str(pred), "--json"]  # fmt: skip
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def run(shared: Path, out: Path, articles: list[Article], c: float | None = None) -> tuple[dict, dict]:
    """(leave-one-out report, in-sample report) of the shared scorer; ``c`` fixes the regularisation strength
    of every fit instead of choosing it by the inner leave-one-out."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = shared / "corpus"
    every = sorted(p for p in corpus.iterdir() if p.is_file())
    shipped = fit(articles, c)
    held_out_lines, in_sample_lines = [], []
    for path in every:
        others = [a for a in articles if a.stem != path.stem]
        model = fit(others, c) if len(others) < len(articles) else shipped
        held_out_lines.append(json.dumps(_record(path, model), ensure_ascii=False))
        in_sample_lines.append(json.dumps(_record(path, shipped), ensure_ascii=False))
    reports = []
    for name, lines in (("loo", held_out_lines), ("in_sample", in_sample_lines)):
        pred = out / f"{name}.jsonl"
        pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
        reports.append(_score(shared, corpus, pred))
    return reports[0], reports[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("--out", type=Path, default=Path("/tmp/summarizer-loo"))
    ap.add_argument(
        "--c",
        type=float,
        help="fix the regularisation strength (faster: no inner leave-one-out; the value "
        "printed by offline_training.py was chosen on every article, the held-out one included)",
    )
    a = ap.parse_args()
    loo, in_sample = run(a.shared, a.out, load_articles(a.shared), a.c)
    print(f"{'article':28} {'LOO difficulties':>18} {'LOO solutions':>18}")
    for row in loo["articles"]:
        if "difficulties" in row:
            print(f"{row['id']:28} {row['difficulties']:>18} {row['solutions']:>18}")
    print(f"\n{'field':22} {'leave-one-out':>14} {'in-sample':>10}")
    for key in ("locality_acc", "numbers_prf", "difficulties_prf", "solutions_prf"):
        lo, ins = loo[key], in_sample[key]
        fmt = (lambda v: f"{v:.3f}") if isinstance(lo, float) else (lambda v: "/".join(f"{x:.2f}" for x in v))
        print(f"{key:22} {fmt(lo):>14} {fmt(ins):>10}")
    for key in ("grounded_evidence", "noise_leaks"):
        print(f"{key:22} {loo[key]!s:>14} {in_sample[key]!s:>10}")
    print(f"{'OVERALL':22} {loo['overall_f1']:>14.3f} {in_sample['overall_f1']:>10.3f}")
    # What figures mean is read by hand-written rules, fitted to nothing: leave-one-out equals in-sample
    # unless the clause model changes which items are kept (categories) or which figures are matched.
    for key in ("basis", "scope", "years", "key", "category"):
        print(f"{'meaning ' + key:22} {loo['meaning'][key]:>14.3f} {in_sample['meaning'][key]:>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
