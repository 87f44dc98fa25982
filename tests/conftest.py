from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from lint.rules.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# Runs under test lint afresh and leave no cache folders behind; the cache's own tests
# turn it back on in a temporary folder.
os.environ["NEWSLINT_NO_CACHE"] = "1"


@pytest.fixture(scope="session")
def registry():
    return load_registry()


# Property tests: bounded in CI; HYPOTHESIS_PROFILE=long for a run by hand.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("long", max_examples=5_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
