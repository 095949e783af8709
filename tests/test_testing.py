"""The public testing kit (summarizer.testing), as a user's tests would use it."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT
from contract import assert_spans_at, items_of, quotes_of
from texts import ARTICLE, GOOD_ANSWER

import summarizer
from summarizer.clean import clean
from summarizer.errors import LLMTransportError
from summarizer.testing import (
    INVENTED_QUOTE,
    ScriptedModel,
    completion,
    grounded_in,
    rate_limited,
    server_error,
    timeout,
    truncated,
    ungrounded,
)

MODES = ("tools", "json", "json_schema", "md_json")


@pytest.mark.parametrize("mode", MODES)
def test_the_model_answers_in_every_instructor_mode(scripted_model, mode):
    scripted_model.script(GOOD_ANSWER)
    s = summarizer.summarize(ARTICLE, engine=scripted_model.engine(mode=mode))
    [request] = scripted_model.requests
    assert request.mode == mode and not request.is_reask and "Tân Sơn" in request.article
    assert_spans_at(clean(ARTICLE).text, items_of(s), quotes_of(GOOD_ANSWER))


def test_tool_calls_name_the_function_asked_for():
    model = ScriptedModel(GOOD_ANSWER)
    summarizer.summarize(ARTICLE, engine=model.engine(mode="tools"))
    body = completion(GOOD_ANSWER, model.requests[0])
    [call] = body["choices"][0]["message"]["tool_calls"]
    assert call["function"]["name"] == model.requests[0].body["tool_choice"]["function"]["name"]
    assert (
        json.loads(call["function"]["arguments"]) == GOOD_ANSWER
        and body["choices"][0]["message"]["content"] is None
    )


def test_faults_in_order_then_a_re_ask_with_the_reason():
    model = ScriptedModel(
        rate_limited(retry_after=3), server_error(502), timeout(), ungrounded(GOOD_ANSWER), GOOD_ANSWER
    )
    s = summarizer.summarize(ARTICLE, engine=model.engine())
    assert model.calls == 5 and model.waits[0] == 3.0 and len(model.waits) == 3
    assert [r.is_reask for r in model.requests] == [False, False, False, False, True]
    assert INVENTED_QUOTE in model.requests[4].feedback and model.requests[0].feedback == ""
    assert INVENTED_QUOTE not in s.model_dump_json() and len(s.solutions) == 1


def test_a_function_of_the_request_and_its_errors_are_kept():
    def answer(request):
        if "Kim Thượng" not in request.article:
            raise LookupError("unexpected article")
        return grounded_in(GOOD_ANSWER, request.article)

    model = ScriptedModel(answer)
    assert summarizer.summarize(ARTICLE, engine=model.engine()).numeric_results
    broken = ScriptedModel(answer)
    with pytest.raises(LLMTransportError):
        summarizer.summarize("Bài khác về huyện Tân Sơn.\n" * 3, engine=broken.engine(transport_retries=1))
    assert len(broken.errors) == 2 and isinstance(broken.errors[0], LookupError)


def test_truncation_is_finish_reason_length():
    model = ScriptedModel(truncated(GOOD_ANSWER, keep=120))
    s = summarizer.summarize(ARTICLE, engine=model.engine())
    assert model.calls == 1 and any("finish_reason=length" in w for w in s.warnings)


def test_grounded_in_keeps_only_the_quotes_of_a_part():
    part = ARTICLE[: ARTICLE.index("Huyện ủy Tân Sơn đã ban hành")]
    kept = grounded_in(GOOD_ANSWER, part)
    assert quotes_of(kept) == ["nhiều thanh niên đi làm ăn xa nên thiếu nguồn kết nạp", "4.120 đảng viên"]


def test_served_on_localhost_for_worker_processes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(26):  # enough for the batch to fork worker processes, which build their own engines
        (folder / f"a{i:02}.txt").write_text(ARTICLE.replace("Những năm qua,", f"Những năm qua ({i}),"))
    model = ScriptedModel(GOOD_ANSWER)
    with model.serve(max_requests=100, seconds=120) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        report = summarizer.summarize_folder(
            folder, tmp_path / "out", settings=model.settings(base_url=base_url, workers=2)
        )
    assert report.ok == 26 and model.calls == 26


def test_the_server_stops_by_itself_and_bounds_its_requests(tmp_path):
    model = ScriptedModel(GOOD_ANSWER)
    with model.serve(max_requests=1, seconds=60) as base_url:
        settings = model.settings(base_url=base_url, transport_retries=0)
        assert summarizer.summarize(ARTICLE, settings=settings).solutions
        with pytest.raises(LLMTransportError, match="503"):
            summarizer.summarize(ARTICLE, settings=settings)
    assert model.calls == 1  # the request over the limit was refused, not answered
    with model.serve(seconds=0.2) as base_url:
        import time

        time.sleep(1)
        with pytest.raises(LLMTransportError):
            summarizer.summarize(
                ARTICLE, settings=model.settings(base_url=base_url, transport_retries=0, timeout=2)
            )


def test_the_fixture_comes_from_the_entry_point_without_a_conftest(tmp_path):
    (tmp_path / "test_user.py").write_text(
        "def test_fixture(scripted_model):\n"
        "    from summarizer.testing import ScriptedModel\n"
        "    assert isinstance(scripted_model, ScriptedModel) and scripted_model.calls == 0\n"
    )
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout + done.stderr


def test_the_downstream_example_passes_its_own_tests_offline():
    """examples/downstream is a user's project: its tests use the kit and never touch the network."""
    example = ROOT / "examples" / "downstream"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=example,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout and "failed" not in done.stdout and "skipped" not in done.stdout
