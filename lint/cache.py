"""A cache of findings keyed by what decides them, so an unchanged archive re-lints at once.

An entry's key hashes the file's bytes and path together with a fingerprint of everything
else that can change a finding: the effective configuration and selection, the article
date given on the command line, the contents of the rule packs and knowledge-base files,
newslint's code and the versions of the libraries that check text. An entry is a checksum line
and a JSON body: one that cannot be read, does not match its checksum or does not parse is
a miss, never trusted. The folder is safe to delete at any time.

Only clean reads are kept: a file newslint could not read, or a run where a check timed out
or a grammar server was down (an ``internal`` finding), is linted again next time. A file
whose date was "today" is linted again on another day, because date checks depend on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from . import __version__
from .diagnostics import Applicability, ArticleRef, Diagnostic, Edit, Fix, Severity, Span
from .document import Document
from .readers import decode, split_bom
from .report import FileReport
from .sourcemap import SourceMap

FORMAT = 1
DEFAULT_DIR = ".newslint_cache"
# Libraries whose upgrade can change what is found.
_LIBRARIES = ("regex", "harper-py", "textblob", "rapidfuzz", "markdown-it-py", "mdit-py-plugins")


def code_fingerprint() -> str:
    """newslint's version, its code files (name, size, modification time: an editable
    install changes without a version bump) and the checking libraries' versions."""
    from importlib import metadata

    h = hashlib.sha256(f"{FORMAT}\0{__version__}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".rq", ".yaml") and "__pycache__" not in path.parts:
            st = path.stat()
            h.update(f"\0{path.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    for name in _LIBRARIES:
        try:
            h.update(f"\0{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"\0{name}=-".encode())
    return h.hexdigest()


def spec_fingerprint(spec, code: str) -> str:
    """The fingerprint of one run specification: its settings and the bytes of every rule
    pack and knowledge-base file it reads."""
    from .kb import kb_files
    from .registry import builtin_pack_dir

    h = hashlib.sha256(code.encode())
    h.update(repr((spec.config, spec.selection, spec.date, spec.report_unused)).encode())
    files = sorted(p for p in builtin_pack_dir().rglob("*.yaml") if p.is_file())
    for extra in spec.config.packs:
        files.extend(sorted(extra.glob("*.yaml")) if extra.is_dir() else [extra])
    files.extend(kb_files(spec.config.kb, builtin=False))
    for path in files:
        h.update(f"\0{path}\0".encode())
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")
    return h.hexdigest()


def entry_key(fingerprint: str, path: str, data: bytes) -> str:
    h = hashlib.sha256(fingerprint.encode())
    h.update(b"\0" + os.path.abspath(path).encode("utf-8", "surrogateescape") + b"\0")
    h.update(data)
    return h.hexdigest()


class ResultCache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.hits = self.misses = 0
        self._ready = False
        self._folders: set[str] = set()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, f"v{FORMAT}", key[:2], key)

    def get(self, key: str, path: str, data: bytes) -> FileReport | None:
        """The cached report of this file, or None: absent, stale, unreadable or corrupt."""
        try:
            with open(self._path(key), "rb") as fh:
                checksum, _, body = fh.read().partition(b"\n")
            if hashlib.sha256(body).hexdigest().encode() != checksum:
                raise ValueError("checksum")
            report = _report(json.loads(body), path, data)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            report = None
        if report is None:
            self.misses += 1
        else:
            self.hits += 1
        return report

    def put(self, key: str, report: FileReport) -> None:
        body = _body(report)
        if body is None:
            return
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        target = self._path(key)
        folder = os.path.dirname(target)
        tmp = f"{target}.{os.getpid()}.tmp"
        try:
            if folder not in self._folders:
                self._prepare()
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            # Written whole under a name of this process's and renamed: a reader never sees
            # half an entry, and two runs writing the same entry do not mix.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
            os.replace(tmp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            # a cache that cannot be written costs time, nothing else

    def _prepare(self) -> None:
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        # Keep the folder out of version control and out of backups, as ruff does.
        for name, text in (
            (".gitignore", "# Created by newslint\n*\n"),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# Created by newslint\n"),
        ):
            marker = self.directory / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
        self._ready = True


def _body(report: FileReport) -> dict | None:
    doc = report.document
    if doc is None or any(d.category == "internal" for d in report.diagnostics):
        return None
    return {
        "encoding": report.encoding,
        "bom": doc.has_bom,
        "date": doc.date.isoformat(),
        "date_source": doc.date_source,
        "today": dt.date.today().isoformat(),
        "diagnostics": [_diagnostic(d) for d in report.diagnostics],
    }


def _report(body: dict, path: str, data: bytes) -> FileReport | None:
    if body["date_source"] == "today" and body["today"] != dt.date.today().isoformat():
        return None
    data, encoding, bom = split_bom(data)
    if (encoding, bom) != (body["encoding"], body["bom"]):
        raise ValueError("encoding")
    source = decode(data, encoding)
    # What the emitters need of a document: the source, its lines and the date.
    doc = Document(
        path=path,
        source=source,
        text=source,
        source_map=SourceMap.identity(len(source)),
        date=dt.date.fromisoformat(body["date"]),
        date_source=body["date_source"],
        has_bom=bom,
        newline="\r\n" if "\r\n" in source else "\n",
    )
    diagnostics = [_from_dict(d) for d in body["diagnostics"]]
    if any(d.span.end > len(source) for d in diagnostics):
        raise ValueError("span")
    return FileReport(path, doc, diagnostics, encoding=encoding)


def _diagnostic(d: Diagnostic) -> dict:
    out = {
        "rule": d.rule,
        "category": d.category,
        "severity": d.severity.value,
        "message": d.message,
        "span": [d.span.start, d.span.end],
        "text": d.text,
    }
    if d.suggestions:
        out["suggestions"] = list(d.suggestions)
    if d.article is not None:
        a = d.article
        out["article"] = [a.number, a.id, a.pointer, a.date]
    if d.fix is not None:
        out["fix"] = {
            "applicability": d.fix.applicability.value,
            "edits": [[e.span.start, e.span.end, e.replacement] for e in d.fix.edits],
        }
    return out


def _from_dict(raw: dict) -> Diagnostic:
    fix = None
    if raw.get("fix") is not None:
        fix = Fix(
            Applicability(raw["fix"]["applicability"]),
            tuple(Edit(Span(int(s), int(e)), str(r)) for s, e, r in raw["fix"]["edits"]),
        )
    article = None
    if raw.get("article") is not None:
        number, ident, pointer, date = raw["article"]
        article = ArticleRef(
            int(number),
            None if ident is None else str(ident),
            str(pointer),
            None if date is None else str(date),
        )
    return Diagnostic(
        rule=str(raw["rule"]),
        category=str(raw["category"]),
        severity=Severity(raw["severity"]),
        message=str(raw["message"]),
        span=Span(int(raw["span"][0]), int(raw["span"][1])),
        suggestions=tuple(str(s) for s in raw.get("suggestions", ())),
        fix=fix,
        text=str(raw["text"]),
        article=article,
    )
