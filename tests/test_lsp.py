"""The language server, driven as an editor drives it: `python -m lint lsp` in a subprocess,
JSON-RPC with Content-Length framing over its stdin and stdout. Every wait is bounded."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

import pytest

from lint.lsp.positions import LineIndex, choose_encoding, minimal_edit

from conftest import ROOT
from helpers import fix

TIMEOUT = 30.0  # seconds for any one answer; a broken server fails instead of hanging
URI = "file:///tmp/newslint-lsp/article.txt"

# An emoji (two UTF-16 units, four UTF-8 bytes), precomposed accents (ë, ü, ú, ñ) and a
# combining one (e + U+0301) all before the stray ". ." on the same line.
LINE = "Zoë Müller 😀 and Jose\u0301 Núñez met in Kyiv. . They left."
ARTICLE = f"Talks in Kyiv\n\n{LINE}\n"
CP_START = LINE.index(". .")  # 40 code points
assert CP_START == 40


# -- a minimal LSP client -----------------------------------------------------------------------


class Client:
    def __init__(self, cwd=ROOT, args: tuple[str, ...] = ()):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lint", "lsp", *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.inbox: queue.Queue = queue.Queue()
        self.backlog: list[dict] = []
        self.stderr: list[bytes] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                assert length is not None, "a message without Content-Length"
                self.inbox.put(json.loads(out.read(length).decode("utf-8")))
        finally:
            self.inbox.put(None)

    def _drain_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr.append(line)

    def send_raw(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        # Raw UTF-8, as editors send it: Content-Length counts bytes, not characters.
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None = None):
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == ident and "method" not in m, f"the answer to {method}")
        assert "error" not in reply, reply["error"]
        return reply["result"]

    def wait(self, wanted, what: str) -> dict:
        for i, message in enumerate(self.backlog):
            if wanted(message):
                return self.backlog.pop(i)
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"no {what} within {TIMEOUT} s; server stderr:\n{self._err()}")
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                pytest.fail(f"the server closed its output waiting for {what}; stderr:\n{self._err()}")
            if "method" in message and "id" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})
                continue
            if wanted(message):
                return message
            self.backlog.append(message)

    def diagnostics(self, version: int, uri: str = URI) -> list[dict]:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            ),
            f"diagnostics for version {version}",
        )
        return message["params"]["diagnostics"]

    def initialize(self, encodings: list[str] | None = None, document_changes: bool = False) -> dict:
        capabilities: dict = {
            "textDocument": {"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": []}}}}
        }
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": encodings}
        if document_changes:
            capabilities["workspace"] = {"workspaceEdit": {"documentChanges": True}}
        result = self.request(
            "initialize", {"processId": None, "rootUri": None, "capabilities": capabilities}
        )
        self.notify("initialized", {})
        return result

    def open(self, text: str, uri: str = URI) -> list[dict]:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
        )
        return self.diagnostics(1, uri)

    def change(self, version: int, changes: list[dict]) -> list[dict]:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": URI, "version": version}, "contentChanges": changes},
        )
        return self.diagnostics(version)

    def code_actions(self, rng: dict, diagnostics: list[dict], only: list[str] | None = None) -> list[dict]:
        context: dict = {"diagnostics": diagnostics}
        if only is not None:
            context["only"] = only
        return self.request(
            "textDocument/codeAction", {"textDocument": {"uri": URI}, "range": rng, "context": context}
        )

    def shutdown(self) -> int:
        assert self.request("shutdown") is None
        self.notify("exit")
        return self.proc.wait(timeout=TIMEOUT)

    def _err(self) -> str:
        return b"".join(self.stderr).decode("utf-8", "replace")[-4000:]

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()


@pytest.fixture
def client():
    c = Client()
    try:
        yield c
    finally:
        c.kill()


# -- positions computed independently of lint.lsp ------------------------------------------------

_CODEC = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}


def to_offset(text: str, pos: dict, encoding: str) -> int:
    lines = text.split("\n")  # the test texts use \n only
    codec, width = _CODEC[encoding]
    line = lines[pos["line"]]
    head = line.encode(codec)[: pos["character"] * width].decode(codec)
    return sum(len(x) + 1 for x in lines[: pos["line"]]) + len(head)


def apply(text: str, edits: list[dict], encoding: str) -> str:
    spans = [
        (to_offset(text, e["range"]["start"], encoding), to_offset(text, e["range"]["end"], encoding), e)
        for e in edits
    ]
    for start, end, e in sorted(spans, key=lambda s: s[0], reverse=True):
        text = text[:start] + e["newText"] + text[end:]
    return text


def edits_of(action: dict, versioned: bool) -> list[dict]:
    edit = action["edit"]
    if versioned:
        (change,) = edit["documentChanges"]
        assert change["textDocument"]["uri"] == URI
        return change["edits"]
    return edit["changes"][URI]


def doubled(diagnostics: list[dict]) -> list[dict]:
    return [d for d in diagnostics if d["code"] == "punctuation.doubled-mark"]


# -- the server, end to end ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offered", "encoding", "column"),
    [
        (None, "utf-16", 41),  # the default: the emoji is two UTF-16 units
        (["utf-16"], "utf-16", 41),
        (["utf-8", "utf-16", "utf-32"], "utf-32", 40),  # code points: what we count in
        (["utf-8"], "utf-8", 48),  # bytes: ë ü ú ñ and U+0301 are two, the emoji four
    ],
)
def test_diagnostic_range_in_the_negotiated_encoding(client, offered, encoding, column):
    result = client.initialize(offered)
    assert result["capabilities"]["positionEncoding"] == encoding
    assert result["serverInfo"]["name"] == "newslint"
    (diag,) = doubled(client.open(ARTICLE))
    assert diag["range"] == {
        "start": {"line": 2, "character": column},
        "end": {"line": 2, "character": column + 3},
    }
    codec, width = _CODEC[encoding]
    assert len(LINE[:CP_START].encode(codec)) // width == column
    assert client.shutdown() == 0


def test_quick_fix_round_trip_utf16(client, registry):
    result = client.initialize()
    caps = result["capabilities"]
    assert caps["positionEncoding"] == "utf-16"
    assert "source.fixAll.newslint" in caps["codeActionProvider"]["codeActionKinds"]

    diagnostics = client.open(ARTICLE)
    (diag,) = doubled(diagnostics)
    rule = registry.get("punctuation.doubled-mark")
    assert diag["severity"] == 1  # Error
    assert diag["source"] == "newslint"
    assert diag["message"] == "Stray punctuation: '. .'"
    assert diag["data"]["title"] == rule.title
    assert diag["data"]["description"] == rule.description
    start = to_offset(ARTICLE, diag["range"]["start"], "utf-16")
    end = to_offset(ARTICLE, diag["range"]["end"], "utf-16")
    assert ARTICLE[start:end] == ". ."

    actions = client.code_actions(diag["range"], [diag])
    (quick,) = [a for a in actions if a["kind"] == "quickfix"]
    assert quick["title"] == f"Fix: {rule.title}"
    assert quick["isPreferred"] is True
    assert quick["diagnostics"] == [diag]
    fixed = apply(ARTICLE, edits_of(quick, versioned=False), "utf-16")
    assert fixed == ARTICLE.replace(". .", ".")

    after = client.change(2, [{"text": fixed}])
    assert doubled(after) == []
    assert after == [d for d in diagnostics if d is not diag]  # nothing else moved or appeared
    assert client.shutdown() == 0


def test_incremental_changes_and_fix_all_utf32(client, registry):
    assert (
        client.initialize(["utf-32", "utf-16"], document_changes=True)["capabilities"]["positionEncoding"]
        == "utf-32"
    )
    (diag,) = doubled(client.open(ARTICLE))
    assert diag["range"]["start"] == {"line": 2, "character": CP_START}

    # Apply the quick fix the way an editor reports it: as an incremental change.
    (quick,) = [a for a in client.code_actions(diag["range"], [diag]) if a["kind"] == "quickfix"]
    (edit,) = edits_of(quick, versioned=True)
    assert quick["edit"]["documentChanges"][0]["textDocument"]["version"] == 1
    text = apply(ARTICLE, [edit], "utf-32")
    assert doubled(client.change(2, [{"range": edit["range"], "text": edit["newText"]}])) == []

    # Type two faults after the emoji: a repeated word and a space before a comma.
    at = {"line": 2, "character": LINE.index("and")}
    typed = "the the cat , "
    text = apply(text, [{"range": {"start": at, "end": at}, "newText": typed}], "utf-32")
    found = client.change(3, [{"range": {"start": at, "end": at}, "text": typed}])
    rules = {d["code"] for d in found}
    assert {"typos.repeated-word", "punctuation.space-before-mark"} <= rules
    repeated = next(d for d in found if d["code"] == "typos.repeated-word")
    assert repeated["range"]["start"] == at  # code points: the emoji counts one

    # A cursor inside the finding, no diagnostics sent: the quick fix is still offered.
    cursor = {"line": 2, "character": at["character"] + 2}
    actions = client.code_actions({"start": cursor, "end": cursor}, [])
    assert [a["title"] for a in actions if a["kind"] == "quickfix"] == [
        f"Fix: {registry.get('typos.repeated-word').title}"
    ]

    (fix_all,) = client.code_actions({"start": at, "end": at}, [], only=["source.fixAll"])
    assert fix_all["kind"] == "source.fixAll.newslint"
    assert fix_all["title"] == "Fix all safe newslint problems"
    fixed = apply(text, edits_of(fix_all, versioned=True), "utf-32")
    assert fixed == fix(text, unsafe=False)
    assert "the the" not in fixed and "cat ," not in fixed
    assert client.code_actions({"start": at, "end": at}, [], only=["source.organizeImports"]) == []

    left = client.change(4, [{"text": fixed}])
    assert not {"typos.repeated-word", "punctuation.space-before-mark"} & {d["code"] for d in left}
    assert client.code_actions({"start": at, "end": at}, [], only=["source.fixAll"]) == []
    assert client.shutdown() == 0


def test_save_relints_and_close_clears_diagnostics(client):
    client.initialize()
    opened = client.open(ARTICLE)
    assert doubled(opened)
    client.notify("textDocument/didSave", {"textDocument": {"uri": URI}})
    assert client.diagnostics(1) == opened
    client.notify("textDocument/didClose", {"textDocument": {"uri": URI}})
    cleared = client.wait(
        lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == URI,
        "the diagnostics cleared",
    )
    assert cleared["params"]["diagnostics"] == []
    assert client.shutdown() == 0


def test_exit_without_shutdown_is_status_1(client):
    client.initialize()
    client.notify("exit")
    assert client.proc.wait(timeout=TIMEOUT) == 1


def test_editor_going_away_ends_the_server(client):
    client.initialize()
    client.proc.stdin.close()
    assert client.proc.wait(timeout=TIMEOUT) == 1


# -- position conversion -----------------------------------------------------------------------

TEXT = "a😀b\r\nZoë\u0301\rx\n\n😀😀 end"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_line_index_round_trips_every_offset(encoding):
    index = LineIndex(TEXT, encoding)
    codec, width = _CODEC[encoding]
    lines = ["a😀b", "Zoë\u0301", "x", "", "😀😀 end"]
    starts = [0, 5, 10, 12, 13]
    assert index.line_count == len(lines)
    for line, (start, body) in enumerate(zip(starts, lines, strict=True)):
        for col in range(len(body) + 1):
            units = len(body[:col].encode(codec)) // width
            assert index.position(start + col) == (line, units)
            assert index.offset(line, units) == start + col


def test_line_index_known_values():
    u16, u8, u32 = (LineIndex(TEXT, e) for e in ("utf-16", "utf-8", "utf-32"))
    b = TEXT.index("b")
    assert (u16.position(b), u8.position(b), u32.position(b)) == ((0, 3), (0, 5), (0, 2))
    # Combining accents are code points of their own: "Zoë\u0301" is four of them.
    assert u16.position(TEXT.index("\r", 4)) == (1, 4)
    assert u8.position(TEXT.index("\r", 4)) == (1, 6)


def test_line_index_clamps_and_rounds_down():
    index = LineIndex(TEXT, "utf-16")
    assert index.offset(0, 2) == 1  # inside the emoji's surrogate pair: before the emoji
    assert LineIndex(TEXT, "utf-8").offset(0, 3) == 1  # inside its four bytes: the same
    assert index.offset(0, 99) == 3  # past the end of the line: the end of the line
    assert index.offset(99, 0) == len(TEXT)  # past the last line: the end of the text
    assert index.offset(-1, 5) == 0
    assert index.position(TEXT.index("\n")) == (0, 4)  # inside the CRLF: end of its line
    assert index.position(len(TEXT) + 5) == index.position(len(TEXT)) == (4, 8)
    # Only \r\n, \r and \n break lines; U+2028 and form feeds do not (LSP's rule).
    assert LineIndex("a\u2028b\x0cc\nd").position(6) == (1, 0)
    with pytest.raises(ValueError):
        LineIndex("", "utf-7")


@pytest.mark.parametrize(
    ("offered", "chosen"),
    [
        (None, "utf-16"),
        ([], "utf-16"),
        (["utf-8", "utf-16"], "utf-16"),
        (["utf-8", "utf-32"], "utf-32"),
        (["utf-8"], "utf-8"),
        (["utf-7"], "utf-16"),
    ],
)
def test_choose_encoding(offered, chosen):
    assert choose_encoding(offered) == chosen


@pytest.mark.parametrize(
    ("old", "new", "span", "replacement"),
    [
        ("said . . Then", "said . Then", (7, 9), ""),
        ("a😀b", "a😀c", (2, 3), "c"),
        ("abc", "abc!", (3, 3), "!"),
        ("a\r\nb", "a\r\n\r\nb", (3, 3), "\r\n"),
        # Never a position between \r and \n: the edit grows to take the whole CRLF.
        ("x\r\ny", "x\ny", (1, 3), "\n"),
        ("a\r\nb", "a\rX\nb", (1, 3), "\rX\n"),
    ],
)
def test_minimal_edit(old, new, span, replacement):
    edit = minimal_edit(old, new)
    assert (edit.span.start, edit.span.end, edit.replacement) == (*span, replacement)
    assert old[: edit.span.start] + edit.replacement + old[edit.span.end :] == new
    assert minimal_edit(old, old) is None


# -- hostile input: the server answers with an error and keeps serving ---------------------------


def error_reply(client: Client) -> dict:
    return client.wait(lambda m: "error" in m and m.get("id") is None, "an error answer")["error"]


def test_a_huge_content_length_is_refused_and_the_server_keeps_serving(client):
    client.initialize()
    client.send_raw(b"Content-Length: 99999999999999\r\n\r\n")
    assert error_reply(client)["code"] == -32600
    assert doubled(client.open(ARTICLE))
    assert client.shutdown() == 0


def test_random_bytes_get_an_error_and_the_server_keeps_serving(client):
    import random

    client.initialize()
    noise = random.Random(14).randbytes(2000)
    client.send_raw(noise)
    # Noise that happens to frame as a message gets a parse error; then real messages work.
    client.send_raw(b"Content-Length: 9\r\n\r\nnot json!")
    assert error_reply(client)["code"] == -32700
    client.send({"method": "no/such", "params": [1]})  # valid JSON-RPC the server does not know
    assert doubled(client.open(ARTICLE))
    assert client.shutdown() == 0


def test_a_five_megabyte_document_gets_a_notice_and_shutdown_is_answered(client):
    client.initialize()
    started = time.monotonic()
    (notice,) = client.open("word " * 1_000_000)
    assert notice["code"] == "lsp.not-linted" and "newslint check" in notice["message"]
    assert client.shutdown() == 0
    assert time.monotonic() - started < TIMEOUT


def test_requests_are_answered_while_a_long_lint_runs(client):
    client.initialize()
    client.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": URI,
                "languageId": "plaintext",
                "version": 1,
                "text": "The the vote. " * 60_000,
            }
        },
    )
    started = time.monotonic()
    assert (
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": URI},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
                "context": {"diagnostics": []},
            },
        )
        == []
    )
    assert time.monotonic() - started < 5, "a request waited for the lint"
    assert client.shutdown() == 0


def utf8_range(text: str, rng: dict, encoding: str) -> dict:
    """The same range with byte columns, as Neovim 0.7 sends it."""
    lines = text.split("\n")

    def convert(pos: dict) -> dict:
        offset = to_offset(text, pos, encoding)
        line_start = sum(len(line) + 1 for line in lines[: pos["line"]])
        return {"line": pos["line"], "character": len(text[line_start:offset].encode("utf-8"))}

    return {"start": convert(rng["start"]), "end": convert(rng["end"])}


@pytest.mark.parametrize("offered", [None, ["utf-32"]])
def test_a_quick_fix_is_offered_for_a_range_in_byte_columns(client, offered):
    caps = client.initialize(offered)["capabilities"]
    encoding = caps["positionEncoding"]
    (diag,) = doubled(client.open(ARTICLE))
    in_bytes = utf8_range(ARTICLE, diag["range"], encoding)
    assert in_bytes != diag["range"]  # the line has non-ASCII text before the finding
    sent = {**diag, "range": in_bytes}
    actions = client.code_actions(in_bytes, [sent], only=["quickfix"])
    (quick,) = actions
    assert apply(ARTICLE, edits_of(quick, versioned=False), encoding) == ARTICLE.replace(". .", ".")
    # No diagnostics sent back, only the cursor's range in bytes: the same fix.
    (again,) = client.code_actions(in_bytes, [], only=["quickfix"])
    assert again["edit"] == quick["edit"]
    assert client.shutdown() == 0


# -- one settings path: the editor and the command line agree ------------------------------------


def test_the_editor_and_check_give_the_same_findings_under_one_configuration(tmp_path):
    (tmp_path / ".git").mkdir()  # no configuration from outside the folder
    (tmp_path / ".newslint.toml").write_text(
        'grammar-backend = "none"\n'
        'severity = { "punctuation.doubled-mark" = "info" }\n'
        '[per-file-ignores]\n"desk/*.txt" = ["typos"]\n',
        encoding="utf-8",
    )
    desk = tmp_path / "desk"
    desk.mkdir()
    text = "The the talks ended. . It was a apple of discord.\n\nThey they left.\n"
    article = desk / "story.txt"
    article.write_text(text, encoding="utf-8")
    other = tmp_path / "story.txt"
    other.write_text(text, encoding="utf-8")

    def cli(path) -> set[tuple[str, int, int, str]]:
        run = subprocess.run(
            [sys.executable, "-m", "lint", "check", "--format", "json", str(path)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode in (0, 1), run.stderr
        [report] = json.loads(run.stdout)["files"]
        return {
            (d["rule"], d["start"]["offset"], d["end"]["offset"], d["severity"])
            for d in report["diagnostics"]
        }

    severities = {1: "error", 2: "warning", 3: "info"}
    client = Client(cwd=tmp_path)
    try:
        assert client.initialize(["utf-32"])["capabilities"]["positionEncoding"] == "utf-32"
        editor = {}
        for path in (article, other):
            found = client.open(text, uri=path.as_uri())
            editor[path] = {
                (
                    d["code"],
                    to_offset(text, d["range"]["start"], "utf-32"),
                    to_offset(text, d["range"]["end"], "utf-32"),
                    severities[d["severity"]],
                )
                for d in found
            }
        assert client.shutdown() == 0
    finally:
        client.kill()
    for path in (article, other):
        assert editor[path] == cli(path)
    rules = {r for r, *_ in editor[article]}
    assert "punctuation.doubled-mark" in rules
    assert not any(r.startswith(("typos.", "harper.")) for r in rules)  # per-file-ignores, no backend
    assert any(r.startswith("typos.") for r, *_ in editor[other])
    assert ("punctuation.doubled-mark", "info") in {(r, s) for r, _, _, s in editor[article]}
