"""Real traffic of a small model (SmolLM2-135M served by llama-cpp-python on 127.0.0.1), replayed.

Small models answer badly; these tests assert that the engine handles it: every request in the
cassette is counted, bad answers are re-asked with the validator's message, and whatever is returned
is grounded in the article or salvaged with warnings, never invented. Re-record with
scripts/record_cassettes.sh (the recording key below is a dummy; headers with keys are filtered).
"""

import re

import pytest
from conftest import ROOT
from contract import assert_grounded

from summarizer.clean import clean
from summarizer.engines.llm.engine import LLMEngine
from summarizer.load import load_file
from summarizer.pipeline import run_engine
from summarizer.settings import Settings

CASSETTES = ROOT / "cassettes"
BASE_URL = "http://127.0.0.1:8765/v1"
RECORDING_KEY = "sk-recording-dummy-key-0000000000"
ARTICLES = ["02_lung_cu_ha_giang.txt", "06_ta_xi_lang_lao_cai.txt"]


@pytest.fixture(scope="module")
def vcr_config():
    return {
        "filter_headers": [
            "authorization",
            "api-key",
            "x-api-key",
            "openai-organization",
            "cookie",
            "set-cookie",
        ],
        # The prompt is part of the match: a changed prompt (or validator message) needs a new recording.
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir():
    return str(CASSETTES)


@pytest.mark.vcr
@pytest.mark.block_network
@pytest.mark.parametrize("name", ARTICLES)
def test_small_model_traffic_is_reasked_and_grounded_or_salvaged(name, vcr):
    settings = Settings(model="smollm2", base_url=BASE_URL, api_key=RECORDING_KEY, mode="json",
                        max_retries=1, max_output_tokens=700, transport_retries=0)  # fmt: skip
    doc = load_file(ROOT / "examples" / "articles" / name)
    article = clean(doc.text, title=doc.title, published=doc.published)
    result = run_engine(LLMEngine(settings), article)

    requests = [r for r in vcr.requests if r.path.endswith("/chat/completions")]
    assert len(requests) >= 1 and result.usage.calls == len(requests) == result.attempts
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0
    # a re-ask carries a validation error (schema or grounding), never an API error
    for reask in requests[1:]:
        assert re.search(rb"validation errors? for Answer", reask.body) and b"Error code:" not in reask.body

    s = result.summary
    assert_grounded(article.text, s)
    # the model's place if the article names it, else the offline resolver's
    assert s.locality is not None and s.locality.province
    if any(w.startswith("salvaged") for w in s.warnings):
        assert result.raw_answer


def test_cassettes_exist_and_hold_no_secrets():
    files = sorted(CASSETTES.glob("*.yaml"))
    assert len(files) >= len(ARTICLES), "record them with scripts/record_cassettes.sh"
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert RECORDING_KEY not in text
        assert not re.search(
            r"(?i)^\s*(authorization|api-key|x-api-key|openai-organization|cookie):", text, re.M
        )
        assert not re.search(r"sk-[A-Za-z0-9_-]{16,}", text)
        assert "127.0.0.1:8765" in text  # recorded against the local server, nothing else
