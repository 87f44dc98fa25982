from __future__ import annotations

from pathlib import Path

import pytest

from lint.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def registry():
    return load_registry()
