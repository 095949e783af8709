"""A plain ``pip install .`` ships every subpackage: pyproject lists packages by hand (prompts/, schemas/ and
templates/ are mapped into the package), so a new folder must be added there too."""

import tomllib
from conftest import ROOT


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "summarizer").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk - listed == set()
