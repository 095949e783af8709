from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
# A worktree outside the checkout's parent folder points at the shared material with SUMMARIZER_SHARED.
SHARED = Path(os.environ.get("SUMMARIZER_SHARED") or ROOT.parent / "shared")


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
