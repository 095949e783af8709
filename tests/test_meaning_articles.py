"""The offline engine on articles written for the project (tests/fixtures/meaning): every figure's basis,
scope, years and key against the meanings checked there by hand. The rules were written on other
articles, so this is how they do on text they were not tuned to."""

import json
from pathlib import Path

from summarizer import summarize

HERE = Path(__file__).parent / "fixtures" / "meaning"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
FIELDS = ("basis", "scope", "years", "key")


def _words(text):
    return set(text.lower().split())


def test_figures_mean_what_a_careful_reader_says_on_articles_written_for_the_project():
    agree = dict.fromkeys(FIELDS, 0)
    total, wrong = 0, []
    for name, rows in EXPECTED.items():
        if name.startswith("_"):
            continue
        numbers = summarize(next(HERE.glob(f"{name}.*"))).numeric_results
        used: set[int] = set()
        for value, evidence, *want in rows:
            candidates = [
                i for i, n in enumerate(numbers) if i not in used and value in (n.value, n.value_min)
            ]
            assert candidates, f"{name}: no figure {value} ({evidence!r})"
            i = max(candidates, key=lambda i: len(_words(numbers[i].evidence) & _words(evidence)))
            used.add(i)
            n = numbers[i]
            got = (n.basis, n.scope, list(n.years) if n.years else None, n.key)
            total += 1
            for field, g, w in zip(FIELDS, got, want, strict=True):
                agree[field] += g == w
                if g != w:
                    wrong.append((name, value, field, g, w))
    shares = {field: agree[field] / total for field in FIELDS}
    # Measured: basis, years and key agree on every figure; scope on all but one (a sentence cut short
    # after "số." carries "Trong số" into the next one, which reads as a subgroup).
    assert min(shares.values()) >= 0.95, wrong
    assert sum(shares.values()) / len(FIELDS) >= 0.97, wrong
