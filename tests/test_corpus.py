"""The offline engine on the shared, gold-annotated corpus (skipped when ../shared is not beside the checkout)."""

import json
import subprocess
import sys

import pytest
from conftest import SHARED

from summarizer import summarize_folder
from summarizer.vietnamese.numbers import result_values

pytestmark = pytest.mark.corpus


@pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").is_file(), reason="../shared corpus and scorer not present"
)
def test_offline_engine_scores_on_the_shared_corpus(tmp_path):
    report = summarize_folder(SHARED / "corpus", tmp_path)
    assert report.failed == 0
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "gold"),
         "--articles", str(SHARED / "corpus"), "--pred", str(tmp_path / "summaries.jsonl"), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    score = json.loads(out.stdout)
    # Floors at what the engine reaches on the 25 articles (the 13 it was tuned on and 12 newer ones with
    # tables); raise them as quality improves.
    assert score["overall_f1"] >= 0.90
    assert score["difficulties_prf"][2] >= 0.84
    assert score["solutions_prf"][2] >= 0.82
    assert score["locality_acc"] == 1.0
    assert score["numbers_prf"][2] >= 0.93
    # What the matched figures mean (issue 26): measured 383/384, 372/384, 228/237 and 22/23.
    meaning = score["meaning"]
    assert meaning["basis"] >= 0.99
    assert meaning["scope"] >= 0.96
    assert meaning["years"] >= 0.96
    assert meaning["key"] >= 0.95
    assert sum(meaning[k] for k in ("basis", "scope", "years", "key")) / 4 >= 0.96
    assert score["noise_leaks"] <= 1
    grounded, total = map(int, score["grounded_evidence"].split("/"))
    assert grounded == total > 0
    # score.py's "numbers not in text" only reads digits, so a figure written in words ("mười lăm") counts
    # there as invented; our own rule is stricter per item: every value is written in its own evidence.
    for line in (tmp_path / "summaries.jsonl").read_text(encoding="utf-8").splitlines():
        for n in json.loads(line)["summary"]["numeric_results"]:
            values = [v for v in (n["value"], n["value_min"], n["value_max"]) if v is not None]
            assert values and all(round(float(v), 4) in result_values(n["evidence"]) for v in values), n
