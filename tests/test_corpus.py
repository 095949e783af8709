"""The offline engine on the shared, gold-annotated corpus (skipped when ../shared is not beside the checkout)."""

import json
import subprocess
import sys

import pytest
from conftest import SHARED

from summarizer import summarize_folder

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
    assert score["overall_f1"] >= 0.80
    assert score["locality_acc"] == 1.0
    assert score["numbers_prf"][2] >= 0.85
    assert score["noise_leaks"] == 0
    grounded, total = map(int, score["grounded_evidence"].split("/"))
    assert grounded == total > 0
    assert score["numbers_not_in_text"].startswith("0/")
