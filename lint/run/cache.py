"""A cache of findings keyed by what decides them, so an unchanged archive re-lints at once.

An entry's key hashes the file's bytes and path together with a fingerprint of everything
else that can change a finding: the effective configuration and selection, the article
date given on the command line, the contents of the rule packs and knowledge-base files,
newslint's code and the versions of the libraries that check text. An entry is a checksum line
and a JSON body: one that cannot be read, does not match its checksum or does not parse is
a miss, never trusted. The checksum is an HMAC keyed with a secret of the user's own, kept
outside the project (``secret`` in the user's cache folder, or ``$NEWSLINT_CACHE_SECRET``),
so an entry written by anyone else (a committed cache folder, a shared ``--cache-dir``) is a
miss too. Entries are written through ``lint.atomic`` and read without following links.
The folder is safe to delete at any time.

Only clean reads are kept: a file newslint could not read, or a run where a check timed out
or a grammar server was down (an ``internal`` finding), is linted again next time. A file
whose date was "today" is linted again on another day, because date checks depend on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import stat
from pathlib import Path

from lint import __version__
from lint.atomic import read_no_follow, real_folder, write_atomic
from lint.datafiles.secret import SECRET_ENV, checksum, secret  # noqa: F401 (the cache's key)
from lint.emit.json_format import from_json, to_json
from lint.readers import decode, split_bom
from lint.report import FileReport

FORMAT = 1
DEFAULT_DIR = ".newslint_cache"
# Libraries whose upgrade can change what is found.
# An entry is one file's findings; one larger than this was not written by newslint.
MAX_ENTRY = 64 << 20
_LIBRARIES = ("regex", "harper-py", "rapidfuzz", "markdown-it-py", "mdit-py-plugins")


def code_fingerprint() -> str:
    """newslint's version, its code files (name, size, modification time: an editable
    install changes without a version bump) and the checking libraries' versions."""
    from importlib import metadata

    h = hashlib.sha256(f"{FORMAT}\0{__version__}".encode())
    package = Path(__file__).resolve().parents[1]
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
    from lint.datafiles.packaged import builtin_pack_dir
    from lint.kb import kb_files

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
            stored, _, body = read_no_follow(self._path(key), limit=MAX_ENTRY).partition(b"\n")
            if not hmac.compare_digest(checksum(body), stored):
                raise ValueError("checksum")
            report = _report(json.loads(body), path, data)
        except (
            OSError,
            ValueError,
            KeyError,
            TypeError,
            IndexError,
            AttributeError,
            OverflowError,
            RecursionError,
        ):
            # Whatever is wrong with an entry (a key of another user, 1e400 for a span, a body
            # nested past the parser's depth) makes it a miss.
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
        try:
            if folder not in self._folders:
                self._prepare()
                real_folder(os.path.dirname(folder))
                real_folder(folder)
                self._folders.add(folder)
            # A reader never sees half an entry, two runs writing the same entry do not mix,
            # and a link planted at the entry's name is replaced, not written through.
            write_atomic(target, checksum(data) + b"\n" + data, follow_links=False, durable=False)
        except OSError:
            pass  # a cache that cannot be written costs time, nothing else

    def _prepare(self) -> None:
        if self._ready:
            return
        real_folder(self.directory)
        # Keep the folder out of version control and out of backups, as ruff does. A marker
        # that is a link (even a dangling one) is replaced, never written through.
        for name, text in (
            (".gitignore", "# Created by newslint\n*\n"),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# Created by newslint\n"),
        ):
            marker = self.directory / name
            try:
                present = stat.S_ISREG(os.lstat(marker).st_mode)
            except FileNotFoundError:
                present = False
            if not present:
                write_atomic(marker, text.encode(), follow_links=False, durable=False, mode=0o644)
        self._ready = True


def _body(report: FileReport) -> dict | None:
    if report.source is None or any(d.category == "internal" for d in report.diagnostics):
        return None
    return {
        "encoding": report.encoding,
        "bom": report.bom,
        "date": report.date.isoformat(),
        "date_source": report.date_source,
        "today": dt.date.today().isoformat(),
        "diagnostics": [to_json(d, report.position) for d in report.diagnostics],
    }


def _report(body: dict, path: str, data: bytes) -> FileReport | None:
    if body["date_source"] == "today" and body["today"] != dt.date.today().isoformat():
        return None
    data, encoding, bom = split_bom(data)
    if (encoding, bom) != (body["encoding"], body["bom"]):
        raise ValueError("encoding")
    source = decode(data, encoding)
    diagnostics = [from_json(d) for d in body["diagnostics"]]
    if any(d.span.end > len(source) for d in diagnostics):
        raise ValueError("span")
    return FileReport(
        path,
        source,
        diagnostics,
        date=dt.date.fromisoformat(body["date"]),
        date_source=body["date_source"],
        encoding=encoding,
        bom=bom,
    )
