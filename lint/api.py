"""newslint as a library, for CMS integrations and scripts.

    from lint import lint_text, lint_file

    for d in lint_text("The the minister said ;; nothing.", date="2024-05-01"):
        print(d.rule, d.span.start, d.span.end, d.text, d.message)

Each call returns the findings as :class:`lint.diagnostics.Diagnostic` objects, in the order
the command line prints them: ``rule``, ``category``, ``severity``, ``message``, ``span``
(code-point offsets into the text given, end exclusive), ``text`` (the flagged source text),
``suggestions`` and ``fix`` (edits in the same offsets). The functions build the rules and the
knowledge base once per configuration and keep them, so the second call is fast.

For repeated work under one configuration, hold a :class:`Linter`: it is what the functions
use, and what ``newslint serve`` builds once per process.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace

from lint.config import Config, find_config, load_config
from lint.diagnostics import Diagnostic
from lint.engine import Engine, Selection
from lint.readers import document_from_source, read_bytes
from lint.report import FileReport, Report
from lint.rules.registry import Registry, load_registry

__all__ = ["Linter", "lint_text", "lint_file", "lint_report", "to_json"]

READERS = ("text", "markdown", "html", "json")


class Linter:
    """One configuration's rules, knowledge base and engine, built once.

    ``config`` is a :class:`lint.config.Config`, a path to a ``.newslint.toml`` or
    ``pyproject.toml``, or None for the defaults. ``select`` and ``ignore`` take rule ids or
    prefixes as on the command line; ``grammar_backend`` is ``harper``, ``languagetool`` or
    ``none``. An unknown rule id raises ValueError.
    """

    def __init__(
        self,
        config: Config | str | os.PathLike | None = None,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        grammar_backend: str | None = None,
    ):
        if config is None:
            config = Config()
        elif not isinstance(config, Config):
            config = load_config(Path(config))
        from lint.run.settings import make_spec  # one place decides how options and configuration combine

        options = SimpleNamespace(
            select=tuple(select) if select is not None else None,
            ignore=tuple(ignore),
            grammar_backend=grammar_backend,
        )
        self.config = config
        self.spec = make_spec(config, options)
        self.registry: Registry = load_registry(config.packs, context=config.context)
        unknown = self.spec.selection.unknown(self.registry)
        if unknown:
            raise ValueError(f"unknown rule or prefix: {', '.join(unknown)}")
        self.engine = Engine(self.registry, self.spec.selection)
        self._engines: dict[tuple, Engine] = {}
        self._lock = threading.Lock()
        self._lint_lock = threading.Lock()

    # -- building documents ---------------------------------------------------------------
    def document(self, source: str, *, name: str = "<text>", reader: str | None = None, date=None):
        """A Document read from ``source`` by ``reader`` (default: the one ``name``'s suffix
        picks, plain text for a name without one)."""
        if reader is not None and reader not in READERS:
            raise ValueError(f"unknown reader {reader!r} (one of {', '.join(READERS)})")
        return document_from_source(
            source, name, _date(date), kind=reader, options=self.config.reader_options
        )

    # -- linting --------------------------------------------------------------------------
    def report(
        self,
        source: str | bytes,
        *,
        name: str = "<text>",
        reader: str | None = None,
        date: dt.date | str | None = None,
        engine: Engine | None = None,
    ) -> FileReport:
        """The FileReport of one article: its document (for lines and columns) and findings.

        Bytes are decoded as a file would be (UTF-8, or UTF-16 with a byte-order mark);
        undecodable or binary input gives one ``io.*`` finding instead of an exception.
        """
        engine = engine or self.engine
        if isinstance(source, bytes):
            if reader is not None:
                name = _with_suffix(name, reader)
            read = read_bytes(source, name, _date(date), self.config.reader_options)
            if read.document is None or not read.lintable:
                return FileReport.of(read.path, read.document, list(read.problems))
            doc = read.document
        else:
            doc = self.document(source, name=name, reader=reader, date=date)
        # Some checks keep state that one thread at a time may use (the in-process grammar
        # checker refuses to be entered twice): one article at a time per Linter.
        with self._lint_lock:
            return FileReport.of(doc.path, doc, engine.lint(doc))

    def lint_text(self, text: str, **kwargs) -> list[Diagnostic]:
        return self.report(text, **kwargs).diagnostics

    def lint_file(self, path: str | os.PathLike, *, date=None, reader: str | None = None) -> list[Diagnostic]:
        return self.report(Path(path).read_bytes(), name=str(path), reader=reader, date=date).diagnostics

    def engine_for(self, select: Iterable[str] = (), ignore: Iterable[str] = (), enable: Iterable[str] = ()):
        """An engine for a narrower or wider choice of rules than the configuration's, kept
        for reuse (the rules themselves are compiled once, in the registry). Selectors that
        name no rule are dropped."""
        known = self.knows
        select, ignore, enable = (tuple(s for s in group if known(s)) for group in (select, ignore, enable))
        if not (select or ignore or enable):
            return self.engine
        base = self.spec.selection
        key = (select, ignore, enable)
        with self._lock:
            engine = self._engines.get(key)
            if engine is None:
                selection = Selection(
                    select=select or base.select,
                    ignore=base.ignore + ignore,
                    severity=base.severity,
                    enable=base.enable + enable,
                )
                engine = Engine(self.registry, selection)
                if len(self._engines) > 64:  # a bound for servers asked many combinations
                    self._engines.clear()
                self._engines[key] = engine
        return engine

    def knows(self, selector: str) -> bool:
        """Whether a rule id or prefix names any rule."""
        return not Selection(select=(selector,)).unknown(self.registry)


# -- the functions most callers want ---------------------------------------------------------

_default: dict[tuple, Linter] = {}
_default_lock = threading.Lock()


def _linter(config, select, ignore, grammar_backend) -> Linter:
    if config is None:
        found = find_config(Path.cwd())
        config = str(found) if found else None
    key = (
        str(config) if config is not None else None,
        tuple(select) if select is not None else None,
        tuple(ignore),
        grammar_backend,
    )
    with _default_lock:
        if key not in _default:
            _default[key] = Linter(config, select=select, ignore=ignore, grammar_backend=grammar_backend)
        return _default[key]


def lint_text(
    text: str,
    *,
    date: dt.date | str | None = None,
    reader: str | None = None,
    name: str = "<text>",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    config: str | os.PathLike | None = None,
    grammar_backend: str | None = None,
) -> list[Diagnostic]:
    """The findings in ``text``: an article as plain text, or as ``reader`` says
    (``markdown``, ``html``, ``json``). Spans are code-point offsets into ``text``.

    ``date`` (a date or ``YYYY-MM-DD``) is the article's date for the date-aware checks
    (default: a date the document states, else today). ``config`` is a configuration file
    (default: the nearest one from the working folder upward).
    """
    linter = _linter(config, select, tuple(ignore), grammar_backend)
    return linter.lint_text(text, name=name, reader=reader, date=date)


def lint_file(
    path: str | os.PathLike,
    *,
    date: dt.date | str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    config: str | os.PathLike | None = None,
    grammar_backend: str | None = None,
) -> list[Diagnostic]:
    """The findings in a file, read as the command line reads it (its name picks the reader).
    Spans are code-point offsets into the decoded file. Raises OSError if it cannot be read."""
    if config is None:
        found = find_config(Path(os.path.abspath(path)).parent)
        config = str(found) if found else None
    linter = _linter(config, select, tuple(ignore), grammar_backend)
    return linter.lint_file(path, date=date)


def lint_report(reports: FileReport | Iterable[FileReport]) -> Report:
    """A Report (the input of every output format) from one or more FileReports."""
    return Report([reports] if isinstance(reports, FileReport) else list(reports))


def to_json(report: Report | FileReport) -> dict:
    """The JSON report (DESIGN.md §2) as a dict."""
    from lint.emit.json_format import as_dict

    return as_dict(lint_report(report) if isinstance(report, FileReport) else report)


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None


_SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}


def _with_suffix(name: str, reader: str) -> str:
    if reader not in READERS:
        raise ValueError(f"unknown reader {reader!r} (one of {', '.join(READERS)})")
    from lint.readers import kind_of

    return name if kind_of(name) == reader else name + _SUFFIX[reader]
