"""Fit the offline engine's clause model on the gold-annotated corpus and write it into the package.

Usage: python bench/offline_training.py [--shared ../shared] [--write]

The procedure (also what ``bench/loo.py`` runs on every leave-one-article-out fold):
1. every clause of every relevant article becomes a feature vector (``classify.candidates``);
2. a clause is a positive example of a kind when it is the best match of a gold item of that kind, or
   contains one / is contained in one (the scorer's own ``dice`` and ``contains``);
3. one L2-regularised logistic regression per kind (scikit-learn); its strength C is the one of ``CS`` whose
   models label held-out articles best: each training article is held out in turn, the others fitted
   (steps 3-4 with that C), and the scorer's micro F1 of difficulties plus solutions summed over them. So
   on each fold of ``bench/loo.py`` C is chosen without the held-out article, and its score stays honest;
4. the two thresholds are chosen on the training articles by coordinate search, maximising the scorer's
   micro F1 (same greedy matching as ``score.py``) of difficulties plus solutions.
Without ``--write`` it prints the in-sample fit; with it, it also writes ``engines/offline/weights.py``.
Needs scikit-learn (``pip install '.[train]'``), only here: the package reads the written weights.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

from summarizer.engines.offline import classify
from summarizer.engines.offline.classify import FEATURES, candidates
from summarizer.engines.offline.lexicon import view_of
from summarizer.engines.offline.model import KINDS, ClauseModel, Kind, KindWeights
from summarizer.load import load_file
from summarizer.pipeline import prepare
from summarizer.vietnamese.sentences import split_sentences
from summarizer.vietnamese.text import has_diacritics

GOLD_KEY = {"difficulty": "difficulties", "solution": "solutions"}
CS = (1.0, 3.0, 10.0, 30.0)  # regularisation strengths tried (inverse: larger C, weaker penalty)
GRID = [round(0.15 + 0.05 * i, 2) for i in range(13)]  # thresholds tried: 0.15 .. 0.75
WEIGHTS = Path(classify.__file__).with_name("weights.py")


def default_shared() -> Path:
    return Path(__file__).resolve().parents[2] / "shared"


def scorer(shared: Path) -> ModuleType:
    """The shared corpus's own scorer (``eval/score.py``), imported from its file."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Article:
    stem: str
    path: Path
    x: list[list[float]]
    texts: list[str]
    labels: dict[str, list[int]]
    #: per kind: (clause index, gold index, match score) for every pair the scorer would accept
    pairs: dict[str, list[tuple[float, int, int]]]
    gold: dict[str, list[dict]]


def load_articles(shared: Path) -> list[Article]:
    """The relevant gold articles as feature vectors, labels and scorer match pairs."""
    score = scorer(shared)
    out = []
    for gpath in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        if gold.get("relevant") is False:
            continue
        path = next(p for p in sorted((shared / "corpus").glob(gpath.stem + ".*")))
        text = prepare(load_file(path)).text
        folded = not has_diacritics(text)
        view = view_of(text, folded)
        cands = candidates(text, split_sentences(text), view, folded)
        texts = [c.text for c, _ in cands]
        labels, pairs = {}, {}
        for kind in KINDS:
            items = gold.get(GOLD_KEY[kind]) or []
            kind_pairs = []
            positive = [0] * len(texts)
            for j, g in enumerate(items):
                best, best_i = 0.0, -1
                for i, t in enumerate(texts):
                    d, c = score.dice(t, g["evidence"]), score.contains(t, g["evidence"])
                    if c or d >= 0.4:
                        kind_pairs.append((d + (1.0 if c else 0.0), i, j))
                        if c:
                            positive[i] = 1
                        if d + c > best:
                            best, best_i = d + c, i
                if best_i >= 0:
                    positive[best_i] = 1
            labels[kind], pairs[kind] = positive, kind_pairs
        out.append(Article(gpath.stem, path, [x for _, x in cands], texts, labels, pairs,
                           {k: gold.get(GOLD_KEY[k]) or [] for k in KINDS}))  # fmt: skip
    return out


def _counts(article: Article, kind: str, predicted: set[int]) -> tuple[int, int, int]:
    """(tp, fp, fn) of the scorer's greedy one-to-one matching for the predicted clauses."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted((p for p in article.pairs[kind] if p[1] in predicted), reverse=True):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    gold = article.gold[kind]
    tp = sum(1 for j in used_g if not gold[j].get("optional"))
    fn = sum(1 for j, g in enumerate(gold) if not g.get("optional") and j not in used_g)
    return tp, len(predicted) - len(used_p), fn


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(articles: list[Article], model: ClauseModel | list[ClauseModel]) -> dict[str, float]:
    """Micro F1 per kind of ``model``'s labels on ``articles`` (the scorer's matching); given a list of
    models, article ``n`` is labelled by model ``n``."""
    models = model if isinstance(model, list) else [model] * len(articles)
    totals = {k: [0, 0, 0] for k in KINDS}
    for a, m in zip(articles, models, strict=True):
        decided = _decisions(a, m)
        for kind in KINDS:
            for n, v in enumerate(_counts(a, kind, {i for i, d in enumerate(decided) if d == kind})):
                totals[kind][n] += v
    return {k: _f1(*v) for k, v in totals.items()}


_MATRICES: dict = {}  # article stem -> its feature matrix (built once: the same articles are scored many times)


def _decisions(a: Article, m: ClauseModel) -> list[Kind | None]:
    """``m.decide`` of every clause of ``a``, computed as arrays: the same margins and the same tie rule (a
    refit evaluates thousands of models; one clause at a time in Python made a leave-one-out take hours)."""
    import numpy as np

    if not a.x:
        return []
    x = _MATRICES.get(a.stem)
    if x is None or x.shape[0] != len(a.x):
        x = _MATRICES[a.stem] = np.asarray(a.x, dtype=float)
    margins = []
    for kind in KINDS:
        w = m.weights(kind)
        z = np.clip(x @ np.asarray(w.coef, dtype=float), -30.0, 30.0)
        margins.append(1.0 / (1.0 + np.exp(-z)) - w.threshold)
    d, s = margins
    return [
        None if max(di, si) < 0 else ("difficulty" if di >= si else "solution")
        for di, si in zip(d, s, strict=True)
    ]


def fit(articles: list[Article], c: float | None = None) -> ClauseModel:
    """Logistic regressions on ``articles`` and thresholds chosen on them (see the module docstring)."""
    from sklearn.linear_model import LogisticRegression

    if c is None:
        c = choose_c(articles)
    xs = [x for a in articles for x in a.x]
    fitted = {}
    for kind in KINDS:
        ys = [y for a in articles for y in a.labels[kind]]
        lr = LogisticRegression(C=c, max_iter=2000, fit_intercept=False).fit(xs, ys)
        fitted[kind] = KindWeights(tuple(round(float(w), 4) for w in lr.coef_[0]), 0.5)
    model = ClauseModel(FEATURES, fitted["difficulty"], fitted["solution"])
    for _ in range(2):  # coordinate search: one threshold at a time, the other fixed
        for kind in KINDS:
            model = _with_threshold(model, kind, _argmax_threshold(articles, model, kind))
    return model


def _with_threshold(model: ClauseModel, kind: Kind, threshold: float) -> ClauseModel:
    return replace(model, **{kind: replace(model.weights(kind), threshold=threshold)})


def choose_c(articles: list[Article]) -> float:
    """The C of :data:`CS` whose models, each fitted without one of ``articles``, label the held-out one best
    (pooled micro F1 of both kinds, the objective of the thresholds)."""
    scored = []
    for c in CS:
        held_out = evaluate(articles, [fit([b for b in articles if b is not a], c) for a in articles])
        scored.append((held_out["difficulty"] + held_out["solution"], c))
    return max(scored)[1]


def _argmax_threshold(articles: list[Article], model: ClauseModel, kind: Kind) -> float:
    scored = []
    for t in GRID:
        f = evaluate(articles, _with_threshold(model, kind, t))
        scored.append((f["difficulty"] + f["solution"], -abs(t - 0.5), t))
    return max(scored)[2]


def write(model: ClauseModel) -> None:
    body = json.dumps(model.as_dict(), ensure_ascii=False, indent=1)
    WEIGHTS.write_text(
        '"""The offline engine\'s clause model: written by bench/offline_training.py --write, do not edit.\n\n'
        "Logistic-regression weights over ``classify.FEATURES`` (in that order) and the probability threshold\n"
        'of each kind; fitted on the shared gold corpus, measured leave-one-article-out by bench/loo.py."""\n\n'
        "from .model import ClauseModel\n\n"
        f"MODEL = ClauseModel.from_dict(\n{body}\n)\n",
        encoding="utf-8",
    )
    # the package is kept in ruff's format (CI checks it): lay the written data out as the formatter would
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(WEIGHTS)], check=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    articles = load_articles(a.shared)
    c = choose_c(articles)
    model = fit(articles, c)
    f = evaluate(articles, model)
    print(f"C {c} (of {CS})")
    print(f"in-sample clause F1: difficulties {f['difficulty']:.3f}, solutions {f['solution']:.3f}")
    for kind in KINDS:
        params = model.weights(kind)
        print(f"{kind}: threshold {params.threshold}")
        for name, w in sorted(zip(FEATURES, params.coef, strict=True), key=lambda p: -abs(p[1]))[:8]:
            print(f"   {w:+.2f} {name}")
    if a.write:
        write(model)
        print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
