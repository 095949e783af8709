"""This package's pytest plugin (its ``pytest11`` entry point): the ``scripted_model`` fixture of
:mod:`summarizer.testing`.

pytest loads it wherever summarizer is installed, so it must load without the ``[llm]`` extra too: then the
fixture is still there, and a test that asks for it fails with the message that says what to install."""

import pytest

try:
    from .testing import scripted_model
except ImportError as exc:
    _missing = exc

    @pytest.fixture(name="scripted_model")
    def scripted_model() -> None:
        """Stands in for the kit's fixture when the [llm] extra is missing."""
        raise _missing


__all__ = ["scripted_model"]
