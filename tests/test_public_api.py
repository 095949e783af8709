"""The public face: every name in ``__all__`` exists, every public name is in ``__all__``, and engines are
found by name, lazily, with one clear error for a missing extra."""

import re
import sys
import warnings
from types import ModuleType

import pytest

import summarizer
from summarizer import ConfigError, Settings, get_engine


def test_every_exported_name_exists():
    missing = [name for name in summarizer.__all__ if not hasattr(summarizer, name)]
    assert missing == []


def test_every_public_name_is_exported():
    # Submodules become attributes once imported; everything else public must be in __all__.
    public = {
        n for n, v in vars(summarizer).items() if not n.startswith("_") and not isinstance(v, ModuleType)
    }
    assert public - set(summarizer.__all__) == set()


def test_the_api_named_in_the_docs_is_exported():
    for name in ("summarize", "asummarize", "summarize_folder", "render_brief", "Engine", "get_engine",
                 "Settings", "ArticleSummary", "BatchRecord", "SummarizerError"):  # fmt: skip
        assert name in summarizer.__all__


def test_every_error_derives_from_summarizer_error():
    errors = [getattr(summarizer, n) for n in summarizer.__all__ if n.endswith("Error")]
    assert errors and all(issubclass(e, summarizer.SummarizerError) for e in errors)


def test_importing_the_package_loads_no_model_engine(tmp_path):
    # The model engines (and instructor, openai) are imported only when an engine asks for them.
    code = (
        "import sys, summarizer; print('instructor' in sys.modules, 'summarizer.engines.llm' in sys.modules)"
    )
    import subprocess

    # Run outside the checkout, whose summarizer/ would shadow the installed package.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.parametrize(("engine", "missing"), [("llm", "instructor"), ("local", "instructor")])
def test_a_missing_extra_is_one_config_error_naming_it(monkeypatch, engine, missing):
    for name in [
        m
        for m in sys.modules
        if m == missing or m.startswith(missing + ".") or m.startswith("summarizer.engines.l")
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, missing, None)  # import of it now raises ImportError
    with pytest.raises(ConfigError, match=rf"\[{engine}\] extra"):
        get_engine(Settings(engine=engine, model="m"))


def test_concurrent_model_calls_leave_the_warning_filters_as_they_were():
    """Wrapping an await in warnings.catch_warnings() is not safe with concurrent tasks: the second task to
    leave restores the filters the first one replaced, leaving a process-wide 'ignore' behind."""
    import asyncio
    import json

    import httpx
    from texts import ARTICLE, GOOD_ANSWER

    from summarizer.clean import clean
    from summarizer.engines.llm import LLMEngine
    from summarizer.pipeline import arun_engine, run_engine
    from summarizer.testing import ScriptedModel

    article = clean(ARTICLE)
    model = ScriptedModel(GOOD_ANSWER)

    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.05)  # both calls are in flight at once
        code, headers, content = model.respond(json.loads(request.content))
        return httpx.Response(code, headers=headers, content=content)

    engine = LLMEngine(model.settings(), http_transport=httpx.MockTransport(slow))
    run_engine(engine, article)  # imports add filters of their own: not what is measured
    before = list(warnings.filters)

    async def both():
        try:
            return await asyncio.gather(arun_engine(engine, article), arun_engine(engine, article))
        finally:
            await engine.aclose()

    asyncio.run(both())
    assert warnings.filters == before


def _all_subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_all_subclasses(direct)}}


def test_every_summarizer_error_is_exported_and_drawn_in_the_hierarchy():
    import importlib
    import pkgutil

    import summarizer.errors

    for module in pkgutil.walk_packages(summarizer.__path__, "summarizer."):  # subclasses defined anywhere
        if not module.name.startswith(("summarizer.engines.l", "summarizer.cli")):  # extras, typer apps
            importlib.import_module(module.name)
    errors = _all_subclasses(summarizer.SummarizerError) | {summarizer.SummarizerError}
    assert len(errors) >= 18
    for error in errors:
        assert error.__name__ in summarizer.__all__ and getattr(summarizer, error.__name__) is error
        assert error.__doc__, error
        drawn = re.search(rf"(── |^    ){error.__name__}\b", summarizer.errors.__doc__ or "", re.M)
        assert drawn, error  # one drawing of the hierarchy


def test_errors_sit_under_what_failed():
    from summarizer import ArticleTimeoutError, EngineError, LLMConnectionRefusedError, LLMTransportError

    assert issubclass(ArticleTimeoutError, EngineError)  # the article's summarising ran out of time
    assert issubclass(LLMConnectionRefusedError, LLMTransportError)


def test_engine_is_an_abstract_base_class_with_a_default_async_path():
    import asyncio

    from summarizer.engines import EngineResult
    from summarizer.models import ArticleSummary

    class Incomplete(summarizer.Engine):
        name = "incomplete"

    with pytest.raises(TypeError, match="abstract"):
        Incomplete()  # type: ignore[abstract]

    class Mine(summarizer.Engine):
        name = "mine"

        def summarize(self, article):
            return EngineResult(ArticleSummary(title=article))

    assert asyncio.run(Mine().asummarize("t")).summary.title == "t"  # type: ignore[arg-type]


def test_render_brief_names_the_engine_engine_name_and_still_takes_the_former_keyword():
    from summarizer.models import ArticleSummary

    summary = ArticleSummary(title="Một bài")
    brief = summarizer.render_brief(summary, "en", "md", engine_name="llm:some-model")
    assert "llm:some-model" in brief
    with pytest.warns(DeprecationWarning, match="engine_name"):
        assert summarizer.render_brief(summary, "en", "md", engine="llm:some-model") == brief
