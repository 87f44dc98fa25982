"""newslint: a fact-check and text-quality linter for news articles."""

__version__ = "0.1.0"
