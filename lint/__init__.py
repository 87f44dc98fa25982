"""newslint: a fact-check and text-quality linter for news articles."""

__version__ = "0.1.0"

_API = ("Linter", "lint_text", "lint_file")


def __getattr__(name: str):
    # The library API (lint/api.py), imported on first use so the command line starts fast.
    if name in _API:
        from lint import api

        return getattr(api, name)
    raise AttributeError(f"module 'lint' has no attribute {name!r}")
