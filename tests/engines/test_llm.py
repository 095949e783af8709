"""The LLM engine against a scripted responder: re-asks, salvage, transport faults, budgets, secrets."""

import asyncio
import copy
import json

import pytest
from contract import assert_spans_at, items_of, quotes_of
from texts import ARTICLE, GOOD_ANSWER

from summarizer.clean import clean
from summarizer.engines.llm.engine import LLMEngine, default_mode
from summarizer.engines.llm.transport import RateLimiter, Transport
from summarizer.errors import LLMAuthError, LLMRequestError, LLMTransportError
from summarizer.pipeline import arun_engine, run_engine
from summarizer.settings import Settings
from summarizer.testing import (
    INVENTED_QUOTE,
    ScriptedModel,
    completion,
    http_error,
    rate_limited,
    server_error,
    timeout,
    truncated,
    ungrounded,
)

SECRET = "sk-test-0123456789abcdefSECRET"


def engine(model: ScriptedModel, **settings) -> LLMEngine:
    """An engine on the scripted model, with a real-looking key (the model keeps the backoff waits)."""
    return model.engine(api_key=SECRET, **settings)


def bad_answer() -> dict:
    answer = copy.deepcopy(GOOD_ANSWER)
    answer["solutions"].append(
        {"category": "plans", "text": "Bịa", "evidence": "Huyện ủy xây dựng 99 đề án mới"}
    )
    answer["numeric_results"].append(
        {"value": 2021, "unit": "năm", "metric": "other", "evidence": "Năm 2021"}
    )
    return answer


ARTICLE_CLEAN = clean(ARTICLE)


def test_ungrounded_then_grounded_answer_is_one_reask_and_a_grounded_record():
    script = ScriptedModel(bad_answer(), GOOD_ANSWER)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    assert len(script.requests) == 2 and result.attempts == 2
    assert result.usage.calls == 2
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (
        600,
        240,
    )  # summed across the re-ask
    reask = script.requests[1].feedback
    assert "Huyện ủy xây dựng 99 đề án mới" in reask and "not in the article" in reask
    # A figure its quote does not state is minor: dropped by the grounding stage, never re-asked for.
    assert "2021" not in reask
    # one line per problem, saying what to change; no library boilerplate, no echo of the answer
    problems = [line for line in reask.splitlines() if line.startswith("- ")]
    assert len(problems) == 1 and all("remove the item" in line for line in problems)
    for noise in ("type=value_error", "input_value", "For further information", "errors.pydantic.dev"):
        assert noise not in reask
    assert result.obtained == "reasked"
    s = result.summary
    assert [f.evidence for f in s.solutions] == [GOOD_ANSWER["solutions"][0]["evidence"]]
    assert_spans_at(ARTICLE_CLEAN.text, items_of(s), quotes_of(GOOD_ANSWER))
    assert (s.locality.province, s.locality.district, s.locality.level) == ("Phú Thọ", "Tân Sơn", "district")
    assert s.locality.codes.district and s.difficulties[0].text_en == "Young people leave to work elsewhere"
    assert not any("salvaged" in w for w in s.warnings)
    assert any(
        "the model did not report" in w and "35 tổ chức" in w for w in s.warnings
    )  # offline flags misses
    assert result.raw_answer is None


def test_a_reask_that_repeats_the_same_problems_stops_and_salvages_never_an_invented_item():
    script = ScriptedModel(bad_answer())
    result = run_engine(engine(script, max_retries=2), ARTICLE_CLEAN)
    # The second answer repeats the first one's problems: no third call, however many re-asks are allowed.
    assert len(script.requests) == 2 and result.attempts == 2
    s = result.summary
    items = [*s.difficulties, *s.solutions, *s.numeric_results]
    assert not any("99 đề án" in item.evidence for item in items)  # no invented item...
    assert [n.value for n in s.numeric_results] == [4120, 210]  # the year was dropped, the good ones kept
    assert any(w.startswith("salvaged: a re-ask made no progress") for w in s.warnings)
    assert result.obtained == "salvaged"
    assert any("dropped solution not found" in w and "99 đề án" in w for w in s.warnings)  # ...and why


def test_template_syntax_in_an_article_is_sent_as_written_and_never_rendered():
    hostile = ARTICLE.replace("Những năm qua,", "Những năm qua {{ 7 * 7 }} {% for x in y %} {#,")
    article = clean(hostile)
    script = ScriptedModel(GOOD_ANSWER)
    result = run_engine(engine(script), article)
    sent = script.requests[0].article
    assert "{{ 7 * 7 }} {% for x in y %} {#" in sent and "49" not in sent
    assert result.summary.solutions  # validated against the article all the same


def test_malformed_json_is_reasked():
    script = ScriptedModel("Xin lỗi, đây không phải JSON {", GOOD_ANSWER)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    assert len(script.requests) == 2 and len(result.summary.solutions) == 1


def test_429_honours_retry_after_and_is_not_a_reask():
    script = ScriptedModel(rate_limited(retry_after=2), GOOD_ANSWER)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    assert script.waits == [2.0]
    assert result.usage.calls == 2 and result.attempts == 1
    assert script.requests[0].body == script.requests[1].body  # the API error never reached the prompt


def test_500_then_success_backs_off_exponentially_with_jitter():
    script = ScriptedModel(server_error(500), server_error(502), GOOD_ANSWER)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    sleeps = script.waits
    assert result.usage.calls == 3 and len(sleeps) == 2
    assert 1 <= sleeps[0] <= 2 and 2 <= sleeps[1] <= 3  # initial 1 s, doubled, plus up to 1 s of jitter


def test_timeout_then_success():
    script = ScriptedModel(timeout(), GOOD_ANSWER)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    assert result.usage.calls == 2 and len(script.waits) == 1 and result.summary.solutions


def test_persistent_503_gives_up_with_a_capped_backoff():
    script = ScriptedModel(server_error(503))
    with pytest.raises(LLMTransportError) as info:
        run_engine(engine(script, transport_retries=3, retry_cap_seconds=1.5), ARTICLE_CLEAN)
    sleeps = script.waits
    assert len(script.requests) == 4 and len(sleeps) == 3 and max(sleeps) <= 1.5
    assert "gave up after 4 calls" in str(info.value) and info.value.usage.calls == 4
    assert f"waited {sum(sleeps):.1f}s" in str(info.value)  # only the waits actually slept are reported


def test_empty_choices_are_retried_like_a_server_fault():
    script = ScriptedModel(httpx_response_no_choices(), GOOD_ANSWER)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    assert result.usage.calls == 2 and result.summary.solutions


def httpx_response_no_choices():
    import httpx

    return httpx.Response(
        200, json={"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []}
    )


@pytest.mark.parametrize(("code", "error", "hint"), [(401, LLMAuthError, "OPENAI_API_KEY"), (403, LLMAuthError, "403"),
                                                     (404, LLMAuthError, "--model"), (400, LLMRequestError, "400")])  # fmt: skip
def test_client_errors_fail_fast_with_a_clear_message(code, error, hint, caplog):
    caplog.set_level("DEBUG")
    script = ScriptedModel(http_error(code, f"scripted {code} for key {SECRET}"))
    with pytest.raises(error) as info:
        run_engine(engine(script), ARTICLE_CLEAN)
    assert len(script.requests) == 1 and script.waits == []
    assert hint in str(info.value)
    assert SECRET not in str(info.value) and "***" in str(info.value)  # the server echoed the key
    assert caplog.records and SECRET not in caplog.text  # instructor's own logs only saw the redacted error


def test_a_body_that_is_not_json_is_a_clear_error():
    import httpx

    script = ScriptedModel(
        httpx.Response(200, text="<html>proxy login</html>", headers={"content-type": "text/html"})
    )
    with pytest.raises(LLMRequestError, match="not a chat completion"):
        run_engine(engine(script), ARTICLE_CLEAN)


def test_truncated_output_is_salvaged_not_a_crash():
    cut = json.dumps(GOOD_ANSWER, ensure_ascii=False)[:400]
    script = ScriptedModel(truncated(GOOD_ANSWER, keep=400))
    result = run_engine(engine(script), ARTICLE_CLEAN)
    s = result.summary
    assert len(script.requests) == 1 and result.raw_answer == cut
    assert any("cut off (finish_reason=length)" in w for w in s.warnings)
    # half a JSON object is not parsed into items; the place comes from the offline resolver
    assert (s.difficulties, s.solutions, s.numeric_results) == ([], [], [])
    assert (s.locality.province, s.locality.district) == ("Phú Thọ", "Tân Sơn")


def test_a_complete_answer_flagged_as_truncated_keeps_only_its_grounded_items():
    spoiled = ungrounded(GOOD_ANSWER)
    script = ScriptedModel(truncated(spoiled, keep=10**6))  # finish_reason=length, but the JSON is whole
    s = run_engine(engine(script), ARTICLE_CLEAN).summary
    assert len(script.requests) == 1 and any("cut off" in w for w in s.warnings)
    assert [f.evidence for f in s.solutions] == [GOOD_ANSWER["solutions"][0]["evidence"]]
    assert any("dropped solution" in w and INVENTED_QUOTE[:40] in w for w in s.warnings)
    assert_spans_at(ARTICLE_CLEAN.text, items_of(s), quotes_of(GOOD_ANSWER))


def test_token_budget_stops_reasking_and_salvages():
    # Each answer wrong in a new way (a repeated one would stop the re-asks before the budget does).
    steps = [ungrounded(GOOD_ANSWER, f"Huyện ủy lập {n} đề án mới chưa từng có") for n in range(3, 9)]
    script = ScriptedModel(*steps, prompt_tokens=900, completion_tokens=200)
    result = run_engine(engine(script, max_retries=5, max_tokens_per_article=1500), ARTICLE_CLEAN)
    assert len(script.requests) == 2  # 1 100 tokens, then 2 200 > 1 500: no third call
    assert any("token budget" in w for w in result.summary.warnings)
    assert result.usage.prompt_tokens == 1800


def test_wrong_locality_is_reasked_with_a_hint():
    wrong = copy.deepcopy(GOOD_ANSWER)
    wrong["locality"] = {"province": "Lào Cai", "district": "Tân Sơn", "commune": None}
    script = ScriptedModel(wrong, GOOD_ANSWER)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    assert "district 'Tân Sơn' is not inside the province given" in script.requests[1].feedback
    assert result.summary.locality.province == "Phú Thọ"


def test_a_real_place_the_article_never_mentions_is_reasked_and_never_kept():
    copied = copy.deepcopy(GOOD_ANSWER)
    copied["locality"] = {
        "province": "Nghệ An",
        "district": "Kỳ Sơn",
        "commune": "Nậm Cắn",
    }  # the prompt's example
    script = ScriptedModel(copied)
    result = run_engine(engine(script, max_retries=1), ARTICLE_CLEAN)
    assert "'Nậm Cắn' is not named in this article" in script.requests[1].feedback
    assert (result.summary.locality.province, result.summary.locality.district) == ("Phú Thọ", "Tân Sơn")
    assert any("offline resolver" in w for w in result.summary.warnings)


def test_long_articles_are_sent_in_parts_and_merged():
    script = ScriptedModel(GOOD_ANSWER)
    result = run_engine(engine(script, max_chars_per_call=600), ARTICLE_CLEAN)
    assert len(ARTICLE_CLEAN.text) > 600 and len(script.requests) >= 2
    assert all("Part " in r.article for r in script.requests)
    assert len(result.summary.solutions) == 1  # the same quote from several parts is one item


def test_secrets_never_reach_records_or_raw_answers():
    echo = copy.deepcopy(GOOD_ANSWER)
    echo["summary_en"] = f"my key is {SECRET}"
    echo["solutions"][0]["evidence"] = f"leaked {SECRET}"
    script = ScriptedModel(echo)
    result = run_engine(engine(script, max_retries=0), ARTICLE_CLEAN)
    assert result.raw_answer and SECRET not in result.raw_answer and "***" in result.raw_answer
    assert SECRET not in result.summary.model_dump_json() and "my key is ***" in result.summary.summary_en
    assert "Bearer" not in json.dumps([r.body for r in script.requests])  # bodies carry no credentials either


def test_a_short_placeholder_key_is_not_redacted_into_the_text():
    script = ScriptedModel(GOOD_ANSWER)
    e = script.engine(api_key="x")
    result = run_engine(e, ARTICLE_CLEAN)
    assert result.summary.solutions[0].text_en == "Three Party awareness classes"
    assert script.requests and "***" not in result.summary.model_dump_json()


def test_an_edited_prompt_is_a_new_engine_version(monkeypatch):
    from summarizer.engines.llm import prompts as prompting

    before = engine(ScriptedModel(GOOD_ANSWER))
    assert before.name == "llm:scripted" and before.version == f"prompt-{prompting.prompt_version()}+json"
    files = prompting._files()
    monkeypatch.setattr(prompting, "_files", lambda: {**files, "user.j2": files["user.j2"] + "\nBe brief."})
    prompting.prompt_version.cache_clear()
    try:
        after = engine(ScriptedModel(GOOD_ANSWER))
        assert after.version != before.version and after.version.startswith("prompt-")
        assert engine(ScriptedModel(GOOD_ANSWER), mode="tools").version.endswith("+tools")
    finally:
        monkeypatch.undo()
        prompting.prompt_version.cache_clear()
    assert engine(ScriptedModel(GOOD_ANSWER)).version == before.version  # the same files, the same version


def test_default_modes():
    assert default_mode(None) == "tools" and default_mode("https://api.openai.com/v1") == "tools"
    assert default_mode("http://127.0.0.1:8080/v1") == "json"


def test_transport_never_retries_what_is_not_a_transport_fault():
    calls = []

    async def flaky(**kwargs):
        calls.append(kwargs)
        raise TimeoutError("a bug, not an API error: never retried")

    async def no_sleep(seconds):
        raise AssertionError("must not wait")

    t = Transport(flaky, sleep=no_sleep)
    with pytest.raises(TimeoutError):
        asyncio.run(t.create(model="x"))
    assert t.calls == 1 and t.waits == []


def test_rate_limiter_spaces_requests_and_tokens():
    now = [0.0]
    limiter = RateLimiter(requests_per_minute=2, tokens_per_minute=1000, clock=lambda: now[0])
    assert limiter.delay() == 0 and limiter.delay() == 0
    assert limiter.delay() == 60  # the third request of the minute waits for the first to age out
    now[0] = 61.0
    limiter.spent(900)
    limiter.spent(200)
    assert limiter.delay() == pytest.approx(60)  # 1 100 tokens in the window: wait until 900 age out


def test_requests_per_minute_limit_is_applied_across_articles():
    script = ScriptedModel(GOOD_ANSWER)
    e = engine(script, requests_per_minute=1)
    sleeps = script.waits
    run_engine(e, ARTICLE_CLEAN)
    run_engine(e, ARTICLE_CLEAN)
    assert len(script.requests) == 2 and len(sleeps) == 1 and 59 <= sleeps[0] <= 60


def test_concurrent_articles_share_one_engine():
    script = ScriptedModel(GOOD_ANSWER)
    e = engine(script)

    async def many():
        try:
            return await asyncio.gather(*(arun_engine(e, ARTICLE_CLEAN) for _ in range(12)))
        finally:
            await e.aclose()

    results = asyncio.run(many())
    assert len(script.requests) == 12 and all(r.attempts == 1 and r.summary.solutions for r in results)


def _drip_server(body: bytes, pieces: int, every: float):
    """A server on 127.0.0.1 that answers every POST with ``body`` in ``pieces`` pieces ``every`` seconds
    apart (each read is quick, the whole answer slow), then stops writing: bounded, it ends by itself."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers["content-length"]))
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            size = -(-len(body) // pieces)
            try:
                for start in range(0, len(body), size):
                    self.wfile.write(body[start : start + size])
                    self.wfile.flush()
                    threading.Event().wait(every)
            except OSError:
                pass  # the client gave up: what the test wants

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_server_that_drips_its_answer_is_cut_off_at_the_call_deadline():
    """The HTTP timeout is per read: 1 s between bytes never fires on an answer sent in pieces 0.3 s apart,
    which would hold the call for as long as the server likes. The deadline is for the whole call."""
    server = _drip_server(json.dumps(completion(GOOD_ANSWER)).encode(), pieces=12, every=0.3)
    try:
        settings = Settings(model="scripted", base_url=f"http://127.0.0.1:{server.server_port}/v1", mode="json",
                            timeout=1.0, transport_retries=0)  # fmt: skip
        with pytest.raises(LLMTransportError, match="no complete answer within 1s"):
            run_engine(LLMEngine(settings), ARTICLE_CLEAN)
    finally:
        server.shutdown()


def _json_body(data: bytes):
    import httpx

    return httpx.Response(200, content=data, headers={"content-type": "application/json"})


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe\x80 not UTF-8 \xc3\x28",
        b'{"id": "x", "choices": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
        b"this is not JSON",
    ],
    ids=["invalid-utf8", "nested-10000", "not-json"],
)
def test_an_answer_that_cannot_be_read_is_a_failure_never_a_salvaged_record(body):
    script = ScriptedModel(_json_body(body))
    with pytest.raises(LLMRequestError, match="could not be read") as info:
        run_engine(engine(script), ARTICLE_CLEAN)
    assert len(script.requests) == 1  # not re-asked as if the model had answered badly
    assert info.value.attempts == 0


def test_an_unreadable_answer_is_a_failed_record_that_the_next_run_retries(tmp_path, monkeypatch):
    from summarizer import summarize_folder

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    script = ScriptedModel(_json_body(b"\xff\xfe\x80 not UTF-8"), GOOD_ANSWER)
    settings = Settings(engine="llm", model="scripted", base_url="http://responder.test/v1", mode="json")
    monkeypatch.setattr("summarizer.batch.run.get_engine", lambda s: engine(script))
    first = summarize_folder(folder, tmp_path / "out", settings=settings)
    assert (first.ok, first.failed) == (0, 1)
    second = summarize_folder(folder, tmp_path / "out", settings=settings)
    assert (second.ok, second.failed, second.cached) == (1, 0, 0)


def test_a_text_without_sentence_ends_is_still_sent_in_bounded_parts():
    from summarizer.engines.llm.chunks import chunks as _chunks

    text = "đảng viên mới " * 5000  # 70 000 characters, one endless sentence
    parts = _chunks(text, 1000)
    assert len(parts) > 60 and max(map(len, parts)) <= 1000
    assert "".join(parts) == text


def test_harmless_deviations_are_repaired_without_a_reask():
    deviant = copy.deepcopy(GOOD_ANSWER)
    deviant["locality"] = {"province": "tỉnh Phú Thọ", "district": "huyện Tân Sơn", "commune": None}
    deviant["difficulties"][0]["evidence"] = "“Nhiều thanh niên đi làm ăn xa nên thiếu nguồn kết nạp.”"
    deviant["solutions"][0]["evidence"] = "mở 3 lớp bồi dưỡng ... cho 150 quần chúng ưu tú"
    deviant["numeric_results"][0].update(
        value="4.120", evidence="Đảng bộ huyện hiện có 35 tổ chức cơ sở đảng với 4.120"
    )
    deviant["numeric_results"][1].update(
        value="210", evidence="toàn huyện Tân Sơn kết nạp dược 210 đảng viên"
    )
    script = ScriptedModel(deviant)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    assert len(script.requests) == 1 and result.obtained == "first_answer"
    s = result.summary
    assert (s.locality.province, s.locality.district) == ("Phú Thọ", "Tân Sơn")
    assert [n.value for n in s.numeric_results] == [4120, 210]
    assert [n.alignment for n in s.numeric_results] == ["exact", "fuzzy"]
    assert s.difficulties[0].alignment == s.solutions[0].alignment == "repaired"
    assert s.solutions[0].evidence == "mở 3 lớp bồi dưỡng nhận thức về Đảng cho 150 quần chúng ưu tú"
    for item in [*s.difficulties, *s.solutions, *s.numeric_results]:
        assert ARTICLE_CLEAN.text[item.span[0] : item.span[1]] == item.evidence


def test_a_province_the_article_never_names_is_reasked_and_never_kept():
    wrong = copy.deepcopy(GOOD_ANSWER)
    wrong["locality"] = {"province": "Cà Mau", "district": None, "commune": None}
    script = ScriptedModel(wrong)
    result = run_engine(engine(script, max_retries=1), ARTICLE_CLEAN)
    assert "'Cà Mau' is not named in this article" in script.requests[1].feedback
    assert result.summary.locality.province == "Phú Thọ"
    assert any("Cà Mau" in w and "offline resolver" in w for w in result.summary.warnings)


def test_model_prose_and_the_raw_answer_are_bounded():
    from summarizer.engines.llm.engine import MAX_RAW_ANSWER_CHARS
    from summarizer.ground import MAX_SUMMARY_CHARS

    huge = copy.deepcopy(GOOD_ANSWER)
    huge["summary_vi"] = "Tân Sơn kết nạp 210 đảng viên. " * 40_000  # over a megabyte
    script = ScriptedModel("không phải JSON " * 200_000, huge)
    result = run_engine(engine(script, max_retries=0), ARTICLE_CLEAN)  # the first answer is salvaged
    assert len(result.raw_answer) == MAX_RAW_ANSWER_CHARS
    assert any(w.startswith(f"raw_answer cut to {MAX_RAW_ANSWER_CHARS}") for w in result.summary.warnings)
    result = run_engine(engine(ScriptedModel(huge)), ARTICLE_CLEAN)
    assert len(result.summary.summary_vi) <= MAX_SUMMARY_CHARS
    assert any(w.startswith(f"summary_vi cut to {MAX_SUMMARY_CHARS}") for w in result.summary.warnings)


INVENTED = {
    "relevant": True,
    "locality": {"province": "Cà Mau", "district": "Năm Căn", "commune": None},
    "difficulties": [{"category": "other", "text": "Thiếu 987654 cán bộ ở Năm Căn", "text_en": "987654 missing",
                      "evidence": "Huyện Năm Căn thiếu 987654 cán bộ nguồn"}],
    "solutions": [{"category": "plans", "text": "Lập 987654 tổ công tác", "text_en": "Set up 987654 teams in Ca Mau",
                   "evidence": "thành lập 987654 tổ công tác đặc biệt"}],
    "numeric_results": [{"value": 987654, "metric": "members_admitted", "evidence": "kết nạp 987654 đảng viên"}],
    "summary_vi": "Huyện Năm Căn, tỉnh Cà Mau kết nạp 987654 đảng viên.",
    "summary_en": "Nam Can district of Ca Mau admitted 987654 members.",
    "title_en": "Ca Mau admits 987654 members",
}  # fmt: skip


def test_an_answer_invented_end_to_end_leaves_nothing_invented_in_the_record_or_the_briefs():
    from summarizer.report import render_brief

    script = ScriptedModel(INVENTED)
    result = run_engine(engine(script, max_retries=1), ARTICLE_CLEAN)
    assert result.obtained == "salvaged"
    s = result.summary
    record = s.model_dump_json(exclude={"warnings"})  # warnings say what was dropped, and why
    briefs = [render_brief(s, lang, fmt) for lang in ("vi", "en") for fmt in ("md", "html")]  # type: ignore[arg-type]
    for invented in (
        "987654",
        "987.654",
        "Cà Mau",
        "Ca Mau",
        "Năm Căn",
        "Nam Can",
        "tổ công tác",
        "cán bộ nguồn",
    ):
        assert invented not in record, invented
        assert all(invented not in brief for brief in briefs), invented
    assert s.summary_vi and s.summary_en  # composed from what the article backs


def test_the_models_english_title_reaches_the_summary_on_one_line():
    answer = copy.deepcopy(GOOD_ANSWER)
    answer["title_en"] = "Tân Sơn admits\n new members"
    script = ScriptedModel(answer)
    result = run_engine(engine(script), ARTICLE_CLEAN)
    assert result.summary.title_en == "Tân Sơn admits new members"
    assert "title_en" in json.dumps(script.requests[0].body)  # the model is asked for it
