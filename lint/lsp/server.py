"""The language server: open buffers, their lint off the message loop, diagnostics and
code actions, and a message reader with limits. Positions are lint/lsp/positions.py's."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from lint import __version__
from lint.datafiles.strict import DataError
from lint.diagnostics import Applicability, Diagnostic, Edit, Severity, Span
from lint.fix import fix_until_stable, fixable
from lint.lsp.positions import ENCODINGS, LineIndex, choose_encoding, minimal_edit
from lint.readers import document_from_source
from lint.rules import catalog
from lint.run.settings import Setups, UsageError
from lint.text.document import Document

SOURCE = "newslint"
FIX_ALL_KIND = "source.fixAll.newslint"
# A message larger than this is refused (an article is kilobytes; the bound keeps a bad
# Content-Length from asking for terabytes).
MAX_MESSAGE = 64 << 20
# Header lines are short; a longer "line" is garbage and is skipped in pieces of this size.
MAX_HEADER = 8192
# A document larger than this is not linted in the editor (``newslint check`` lints it).
MAX_DOCUMENT = 2_000_000
# Seconds a lint may take before the editor is told it was not linted.
LINT_SECONDS = 20.0
NOT_LINTED = "lsp.not-linted"
logger = logging.getLogger(__name__)

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

# -- the server --------------------------------------------------------------------------------


@dataclass
class Buffer:
    """An open document as the editor has it, and what newslint found in it."""

    uri: str
    path: str
    text: str
    version: int | None
    document: Document | None = None
    index: LineIndex | None = None
    found: list[tuple[Diagnostic, types.Diagnostic]] = field(default_factory=list)
    fix_all: Edit | None = None
    fix_all_done: bool = False
    engine: object | None = None  # the engine of the file's own settings
    spec: object | None = None
    generation: int = 0  # which lint is current: an older one finishing late is dropped
    indexes: dict[str, LineIndex] = field(default_factory=dict)

    def index_in(self, encoding: str) -> LineIndex:
        if encoding not in self.indexes:
            self.indexes[encoding] = LineIndex(self.text, encoding)
        return self.indexes[encoding]


class NewslintProtocol(LanguageServerProtocol):
    """pygls' protocol, with our choice of position encoding (pygls takes the client's
    first preference; we prefer UTF-32, which needs no conversion, then UTF-16)."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        caps = params.capabilities
        general = caps.general
        offered = general.position_encodings if general else None
        encoding = choose_encoding(offered)
        self._server.position_encoding = encoding
        # pygls takes the first supported encoding of the list: for the call, leave only ours.
        if general is None:
            caps.general = types.GeneralClientCapabilities(position_encodings=[encoding])
        else:
            general.position_encodings = [encoding]
        try:
            return (yield from super().lsp_initialize(params))
        finally:
            if general is None:
                caps.general = None
            else:
                general.position_encodings = offered


class NewslintServer(LanguageServer):
    """The open buffers, the engine that lints them, and the LSP views of its findings."""

    def __init__(self, setups: Setups):
        super().__init__(
            SOURCE,
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=NewslintProtocol,
        )
        # The settings of ``newslint check``: each file under its own configuration.
        self.setups = setups
        self.position_encoding = "utf-16"
        self.buffers: dict[str, Buffer] = {}
        self.shutdown_requested = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._config_errors: set[str] = set()
        # One lint at a time: the checks (Harper's linter among them) are not shared
        # between threads, and only the newest text of a buffer is worth linting.
        self._lint_lock = threading.Lock()

    def settings(self, path: str):
        """The run spec and engine ``newslint check`` would use for ``path``; a broken
        configuration is shown once and the defaults are used meanwhile."""
        try:
            key = self.setups.key(path)
            return self.setups.spec(key), self.setups.engine(key)
        except (DataError, UsageError) as err:
            if str(err) not in self._config_errors:
                self._config_errors.add(str(err))
                params = types.ShowMessageParams(type=types.MessageType.Error, message=f"newslint: {err}")
                if self._loop is not None:  # from a lint thread: the loop does the writing
                    self._loop.call_soon_threadsafe(self.window_show_message, params)
                else:
                    self.window_show_message(params)
            return self.setups.spec(None), self.setups.engine(None)

    # -- the wire
    def start_io(self, stdin, stdout) -> None:
        """pygls' stdio loop, with framing that survives a hostile client: a bounded
        header line, a bounded message, and an error answer (not an exit) for anything
        that is not JSON-RPC."""
        from pygls.io_ import StdoutWriter

        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout))
        try:
            asyncio.run(self._read_messages(stdin))
        except BrokenPipeError:
            logger.error("the client went away")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    async def _read_messages(self, stdin) -> None:
        loop = asyncio.get_running_loop()
        self._loop = loop

        def call(function, *args):
            return loop.run_in_executor(self.thread_pool, function, *args)

        length: int | None = None
        while not self._stop_event.is_set():
            line = await call(stdin.readline, MAX_HEADER)
            if not line:
                break
            if line.strip():
                m = _CONTENT_LENGTH.search(line)
                if m:
                    length = int(m.group(1))
                continue  # another header (Content-Type), or garbage between messages
            if length is None:
                continue
            if length > MAX_MESSAGE:
                # Not read: the header lines that follow show where the next message starts.
                self._reply_error(
                    None, -32600, f"message of {length:,} bytes refused (the limit is {MAX_MESSAGE:,})"
                )
                length = None
                continue
            body = await call(stdin.read, length)
            if len(body) < length:
                break
            length = None
            self._handle(body)

    def _handle(self, body: bytes) -> None:
        try:
            message = json.loads(body, object_hook=self.protocol.structure_message)
        except (ValueError, RecursionError) as err:
            self._reply_error(None, -32700, f"parse error: {err}"[:500])
            return
        except Exception as err:  # JSON, but not a message pygls can read
            self._reply_error(_message_id(body), -32600, f"invalid request: {err}"[:500])
            return
        if not hasattr(message, "jsonrpc"):  # a JSON value that is not a JSON-RPC message
            self._reply_error(_message_id(body), -32600, "invalid request: not a JSON-RPC message")
            return
        try:
            self.protocol.handle_message(message)
        except Exception as err:
            logger.exception("could not handle a message")
            self._reply_error(getattr(message, "id", None), -32603, f"internal error: {err}"[:500])

    def _reply_error(self, ident, code: int, message: str) -> None:
        self.protocol._send_data({"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}})

    # -- buffers
    def open(self, item: types.TextDocumentItem) -> None:
        path = to_fs_path(item.uri) or item.uri
        self.buffers[item.uri] = Buffer(item.uri, path, item.text, item.version)
        self.relint(item.uri)

    def change(self, params: types.DidChangeTextDocumentParams) -> None:
        buf = self.buffers.get(params.text_document.uri)
        if buf is None:
            return
        text = buf.text
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                span = LineIndex(text, self.position_encoding).span(change.range)
                text = text[: span.start] + change.text + text[span.end :]
            else:
                text = change.text
        buf.text, buf.version = text, params.text_document.version
        self.relint(buf.uri)

    def close(self, uri: str) -> None:
        if self.buffers.pop(uri, None) is not None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def relint(self, uri: str) -> None:
        """Lint the buffer off the message loop (requests are answered meanwhile), under a
        time limit; a document too large for the editor gets one notice instead."""
        buf = self.buffers[uri]
        buf.generation += 1
        buf.indexes = {}
        buf.document, buf.found, buf.fix_all, buf.fix_all_done = None, [], None, False
        buf.index = buf.index_in(self.position_encoding)
        if len(buf.text) > MAX_DOCUMENT:
            self._publish_notice(
                buf, f"{len(buf.text):,} characters, over the editor's limit of {MAX_DOCUMENT:,}"
            )
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # called outside the server's loop: lint here
            self._finish(buf, buf.generation, self._lint(buf, buf.text))
            return
        generation, text = buf.generation, buf.text
        timer = loop.call_later(LINT_SECONDS, self._timed_out, buf, generation)

        def work() -> None:
            with self._lint_lock:
                if generation != buf.generation:
                    return  # superseded while waiting its turn
                try:
                    result = self._lint(buf, text)
                except Exception as err:  # reported in the editor, the server keeps serving
                    result = err
            loop.call_soon_threadsafe(self._finish, buf, generation, result, timer)

        # A daemon thread: a lint still running cannot keep the server from exiting.
        threading.Thread(target=work, name="newslint-lint", daemon=True).start()

    def _lint(self, buf: Buffer, text: str):
        spec, engine = self.settings(buf.path)
        doc = document_from_source(text, buf.path, spec.date, options=spec.config.reader_options)
        return doc, spec, engine, engine.lint(doc)

    def _finish(self, buf: Buffer, generation: int, result, timer=None) -> None:
        if timer is not None:
            timer.cancel()
        if generation != buf.generation or self.buffers.get(buf.uri) is not buf:
            return  # the text changed, or it was closed, or the lint timed out
        buf.generation += 1  # a later timer finds nothing to do
        if isinstance(result, Exception):
            self._publish_notice(buf, f"newslint failed on it ({type(result).__name__}: {result})")
            return
        buf.document, buf.spec, buf.engine, found = result
        buf.fix_all, buf.fix_all_done = None, False
        buf.found = [(d, self.to_lsp(d, buf.index, buf.engine.registry)) for d in found]
        self._publish(buf)

    def _timed_out(self, buf: Buffer, generation: int) -> None:
        if generation == buf.generation and self.buffers.get(buf.uri) is buf:
            buf.generation += 1
            self._publish_notice(buf, f"linting it took longer than {LINT_SECONDS:g} s")

    def _publish_notice(self, buf: Buffer, why: str) -> None:
        notice = Diagnostic(
            rule=NOT_LINTED,
            category="internal",
            severity=Severity.INFO,
            message=f"not linted in the editor: {why}; run 'newslint check' on the file",
            span=Span(0, 0),
        )
        buf.found = [(notice, self.to_lsp(notice, buf.index))]
        self._publish(buf)

    def _publish(self, buf: Buffer) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=buf.uri, version=buf.version, diagnostics=[lsp for _, lsp in buf.found]
            )
        )

    def to_lsp(self, d: Diagnostic, index: LineIndex, registry=None) -> types.Diagnostic:
        data: dict = {"category": d.category}
        entry = catalog.lookup(registry, d.rule)
        if entry is not None:
            data["title"] = entry.title
            data["description"] = entry.description
        if d.fix is not None:
            data["fix"] = d.fix.applicability.value
        if d.suggestions:
            data["suggestions"] = list(d.suggestions)
        return types.Diagnostic(
            range=index.lsp_range(d.span),
            message=d.message,
            severity=_SEVERITY[d.severity],
            code=d.rule,
            source=SOURCE,
            data=data,
        )

    # -- code actions
    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        buf = self.buffers.get(params.text_document.uri)
        if buf is None or buf.index is None:
            return []
        only = params.context.only
        actions = []
        if _wanted(types.CodeActionKind.QuickFix, only):
            for d, lsp in self._requested(buf, params):
                if d.fix is None:
                    continue
                safe = d.fix.applicability is Applicability.SAFE
                entry = catalog.lookup(buf.engine.registry, d.rule)
                title = f"Fix: {entry.title if entry else d.rule}" + ("" if safe else " (unsafe)")
                actions.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[lsp],
                        is_preferred=safe,
                        edit=self._workspace_edit(buf, d.fix.edits),
                    )
                )
        if _wanted(FIX_ALL_KIND, only):
            edit = self._fix_all(buf)
            if edit is not None:
                actions.append(
                    types.CodeAction(
                        title="Fix all safe newslint problems",
                        kind=FIX_ALL_KIND,
                        edit=self._workspace_edit(buf, (edit,)),
                    )
                )
        return actions

    def _requested(self, buf: Buffer, params: types.CodeActionParams):
        """Our diagnostics the client sent back (by code and a range that overlaps the
        finding); if it sent none of ours, those under the request's range.

        A range is read in every position encoding, not only the negotiated one: some
        clients (Neovim 0.7) send byte columns on lines with non-ASCII text whatever was
        agreed, and would otherwise get no quick fix there."""
        sent = [(c.code, c.range) for c in params.context.diagnostics or () if c.source == SOURCE]
        if sent:
            exact = [(d, lsp) for d, lsp in buf.found if (lsp.code, lsp.range) in sent]
            if exact:
                return exact
            return [
                (d, lsp)
                for d, lsp in buf.found
                if any(code == lsp.code and self._overlaps(buf, rng, d.span) for code, rng in sent)
            ]
        return [(d, lsp) for d, lsp in buf.found if self._overlaps(buf, params.range, d.span)]

    def _overlaps(self, buf: Buffer, rng: types.Range, span: Span) -> bool:
        for encoding in (self.position_encoding, *ENCODINGS):
            want = buf.index_in(encoding).span(rng)
            if span.start <= want.end and want.start <= span.end:
                return True
        return False

    def _fix_all(self, buf: Buffer) -> Edit | None:
        if not buf.fix_all_done:
            doc = buf.document
            if doc is None:  # not linted yet
                return None
            if not any(fixable(d, unsafe=False) for d, _ in buf.found):
                buf.fix_all_done = True
                return None
            # The checks are not shared between threads: wait briefly for a running lint,
            # else offer no "fix all" this time (the next request tries again).
            if not self._lint_lock.acquire(timeout=2.0):
                return None
            try:
                buf.fix_all_done = True

                def reread(source: str) -> Document:
                    new = document_from_source(source, doc.path, bom=doc.has_bom, options=doc.reader_options)
                    new.date, new.date_source, new.metadata = doc.date, doc.date_source, doc.metadata
                    return new

                outcome = fix_until_stable(doc, buf.engine.lint, reread, unsafe=False)
                buf.fix_all = minimal_edit(buf.text, outcome.source)
            finally:
                self._lint_lock.release()
        return buf.fix_all

    def _workspace_edit(self, buf: Buffer, edits: Sequence[Edit]) -> types.WorkspaceEdit:
        assert buf.index is not None
        text_edits = [
            types.TextEdit(range=buf.index.lsp_range(e.span), new_text=e.replacement)
            for e in sorted(edits, key=lambda e: e.span)
        ]
        versioned = bool(
            self.client_capabilities.workspace
            and self.client_capabilities.workspace.workspace_edit
            and self.client_capabilities.workspace.workspace_edit.document_changes
        )
        if versioned:
            ident = types.OptionalVersionedTextDocumentIdentifier(uri=buf.uri, version=buf.version)
            return types.WorkspaceEdit(
                document_changes=[types.TextDocumentEdit(text_document=ident, edits=text_edits)]
            )
        return types.WorkspaceEdit(changes={buf.uri: text_edits})


# At the end of a line: garbage without a line break before a header is skipped with it.
_CONTENT_LENGTH = re.compile(rb"(?i)content-length[ \t]*:[ \t]*(\d{1,20})[ \t]*\r?\n?\Z")


def _message_id(body: bytes):
    """The id of a request that could not be read, so its error answers it (else None)."""
    try:
        ident = json.loads(body).get("id")
    except Exception:
        return None
    return ident if isinstance(ident, (int, str)) else None


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of ``kind`` passes the client's ``only`` filter (by prefix)."""
    if not only:
        return True
    kind = str(getattr(kind, "value", kind))
    return any(kind == str(k) or kind.startswith(f"{getattr(k, 'value', k)}.") for k in only)


def build_server(setups: Setups) -> NewslintServer:
    server = NewslintServer(setups)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.open(params.text_document)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.change(params)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri in ls.buffers:
            ls.relint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: NewslintServer, *args) -> None:
        ls.shutdown_requested = True

    return server


def serve(setups: Setups) -> bool:
    """Run the server on stdin/stdout until the client says exit (or goes away).
    True when the client asked for a shutdown first, as the protocol wants."""
    server = build_server(setups)
    stdout = sys.stdout
    # stdout is the protocol channel: anything else printed must not land in it.
    sys.stdout = sys.stderr
    try:
        server.start_io(sys.stdin.buffer, stdout.buffer)
    finally:
        sys.stdout = stdout
    return server.shutdown_requested
