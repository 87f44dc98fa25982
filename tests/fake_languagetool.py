"""A stand-in LanguageTool server on loopback that speaks LanguageTool's HTTP API (/v2/languages,
/v2/check) with the JSON LanguageTool documents. It knows one rule, EN_A_VS_AN ("a" before a
vowel), which is enough to exercise the client, the offsets and the fixes."""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = [{"name": "English (US)", "code": "en", "longCode": "en-US"}]


def matches(text: str) -> list[dict]:
    out = []
    for m in re.finditer(r"\b[Aa] (?=[aeiouAEIOU]\w)", text):
        offset = len(text[: m.start()].encode("utf-16-le")) // 2  # LanguageTool counts UTF-16 units
        out.append(
            {
                "message": "Use 'an' instead of 'a' if the following word starts with a vowel sound.",
                "shortMessage": "Wrong article",
                "replacements": [{"value": "an" if m.group()[0] == "a" else "An"}],
                "offset": offset,
                "length": 1,
                "context": {"text": text[max(0, m.start() - 20) : m.start() + 20], "offset": 0, "length": 1},
                "sentence": text,
                "type": {"typeName": "Other"},
                "rule": {
                    "id": "EN_A_VS_AN",
                    "description": "Use of 'a' vs. 'an'",
                    "issueType": "misspelling",
                    "category": {"id": "GRAMMAR", "name": "Grammar"},
                },
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 1,
            }
        )
    return out


class _Handler(BaseHTTPRequestHandler):
    mode = "ok"  # "ok", or "garbage" to answer with something that is not JSON

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: str, kind: str = "application/json") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/v2/languages"):
            self._send(200, json.dumps(LANGUAGES))
        else:
            self._send(404, "{}")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        params = urllib.parse.parse_qs(self.rfile.read(length).decode())
        if not self.path.startswith("/v2/check"):
            self._send(404, "{}")
        elif self.server.mode == "garbage":
            self._send(500, "<html>Internal error</html>", "text/html")
        else:
            text = params.get("text", [""])[0]
            self._send(200, json.dumps({"software": {"name": "LanguageTool"}, "matches": matches(text)}))


class FakeLanguageTool:
    def __init__(self, mode: str = "ok"):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.mode = mode
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
