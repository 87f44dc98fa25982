"""newslint serve: a real LanguageTool client (language-tool-python) and plain HTTP against the
server the command line starts, and the limits and error answers of the application."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import ROOT

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

SEED = ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt"
MAX_BYTES = 200_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lint", "serve", "--port", str(port), "--max-bytes", str(MAX_BYTES)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{url}/v2/healthcheck", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"newslint serve did not start:\n{proc.stdout.read()}")
        time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        log = proc.communicate(timeout=10)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        log = proc.communicate()[0]
    # No request may have crashed the server with a trace.
    assert "Traceback" not in log, log


def expected_findings(path) -> list[tuple[int, str, str]]:
    """(code-point offset, rule, text) from a seed's .expected file."""
    source = path.read_text(encoding="utf-8")
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    out = []
    for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        m = re.match(r'(\d+):(\d+) \w+ (\S+) "(.*)"$', line)
        if m:
            offset = starts[int(m[1]) - 1] + int(m[2]) - 1
            out.append((offset, m[3], m[4]))
    return out


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


# -- a real client ----------------------------------------------------------------------------------


def test_language_tool_python_receives_the_seed_findings(server):
    ltp = pytest.importorskip("language_tool_python")
    tool = ltp.LanguageTool("en-US", remote_server=server)
    text = SEED.read_text(encoding="utf-8")
    got = {(m.offset, m.rule_id): m for m in tool.check(text)}
    wanted = expected_findings(SEED)
    assert len(wanted) >= 5
    for offset, rule, flagged in wanted:
        m = got.get((offset, rule))
        assert m is not None, (offset, rule, flagged, sorted(got))
        assert text[m.offset : m.offset + m.error_length] == flagged
    blinken = got[(13, "fact.misnamed-official")]
    assert blinken.replacements == ["Antony Blinken"]
    assert blinken.category == "FACT" and "Antony Blinken" in blinken.message
    # language-tool-python's own correction applies the first replacement of each match.
    fixed = tool.correct("Mr Anthony Blinken said ;; nothing.")
    assert ";;" not in fixed


def test_offsets_are_utf16_code_units(server):
    ltp = pytest.importorskip("language_tool_python")
    text = "Fans 😀🎉 cheered ;; the the players. Ünïcödé 𝔘 text,, here."
    raw = requests.post(f"{server}/v2/check", data={"language": "en-US", "text": text}, timeout=30).json()
    assert {m["rule"]["id"] for m in raw["matches"]} >= {"punctuation.doubled-mark", "typos.repeated-word"}
    for m in raw["matches"]:  # context offsets count UTF-16 units too
        units = m["context"]["text"].encode("utf-16-le")
        at, n = 2 * m["context"]["offset"], 2 * m["context"]["length"]
        flagged = text.encode("utf-16-le")[2 * m["offset"] : 2 * (m["offset"] + m["length"])]
        assert units[at : at + n] == flagged
    doubled = [m for m in raw["matches"] if m["rule"]["id"] == "punctuation.doubled-mark"]
    assert [(m["offset"], m["length"]) for m in doubled] == [
        (utf16(text, text.index(";;")), 2),
        (utf16(text, text.index(",,")), 2),
    ]
    # The client converts back to code points and lands on the flagged text.
    tool = ltp.LanguageTool("en-US", remote_server=server)
    flagged = {text[m.offset : m.offset + m.error_length] for m in tool.check(text)}
    assert {";;", "the the", ",,"} <= flagged


def test_languages_and_errors_in_languagetool_shape(server):
    langs = requests.get(f"{server}/v2/languages", timeout=10).json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in langs
    r = requests.post(f"{server}/v2/check", data={"language": "de-DE", "text": "Hallo"}, timeout=10)
    assert r.status_code == 400 and r.text.startswith("Error: language 'de-DE' is not supported")
    r = requests.post(f"{server}/v2/check", data={"language": "en-US"}, timeout=10)
    assert r.status_code == 400 and "'text' or the 'data'" in r.text
    r = requests.post(f"{server}/v2/check", data={"language": "en", "data": "{not json"}, timeout=10)
    assert r.status_code == 400 and "'data' is not JSON" in r.text
    r = requests.post(
        f"{server}/v2/check", data={"language": "en", "text": "x" * (MAX_BYTES + 10)}, timeout=10
    )
    assert r.status_code == 413 and f"{MAX_BYTES} bytes" in r.text
    r = requests.get(f"{server}/v2/check", params={"language": "auto", "text": "Say ;; it."}, timeout=10)
    assert r.ok and r.json()["matches"][0]["rule"]["id"] == "punctuation.doubled-mark"
    assert r.json()["language"]["code"] == "en-US"


def test_annotated_data_offsets_count_the_markup(server):
    data = {
        "annotation": [
            {"markup": "<p>"},
            {"text": "The the minister spoke."},
            {"markup": "</p><p>", "interpretAs": "\n\n"},
            {"markup": "<b>"},
            {"text": "He said ;; nothing."},
            {"markup": "</b></p>"},
        ]
    }
    full = "<p>The the minister spoke.</p><p><b>He said ;; nothing.</b></p>"
    r = requests.post(f"{server}/v2/check", data={"language": "en-US", "data": json.dumps(data)}, timeout=30)
    assert r.ok, r.text
    spans = {m["rule"]["id"]: full[m["offset"] : m["offset"] + m["length"]] for m in r.json()["matches"]}
    assert spans["typos.repeated-word"] == "The the"
    assert spans["punctuation.doubled-mark"] == ";;"
    bad = {"annotation": [{"text": "a", "markup": "<b>"}]}
    r = requests.post(f"{server}/v2/check", data={"language": "en", "data": json.dumps(bad)}, timeout=10)
    assert r.status_code == 400 and "annotation item 0" in r.text


def test_enabled_and_disabled_rules(server):
    text = "The the minister said ;; nothing."

    def rules(**params):
        r = requests.post(
            f"{server}/v2/check", data={"language": "en-US", "text": text, **params}, timeout=30
        )
        assert r.ok, r.text
        return {m["rule"]["id"] for m in r.json()["matches"]}

    assert rules() >= {"typos.repeated-word", "punctuation.doubled-mark"}
    assert rules(enabledRules="punctuation", enabledOnly="true") == {"punctuation.doubled-mark"}
    # LanguageTool rule ids a client has configured are not newslint's: ignored, as LanguageTool does.
    assert "typos.repeated-word" not in rules(disabledRules="typos.repeated-word,EN_A_VS_AN")
    assert rules(enabledRules="EN_A_VS_AN", enabledOnly="true") == set()
    # Categories by LanguageTool's ids: newslint's categories in upper case.
    assert rules(enabledCategories="PUNCTUATION", enabledOnly="true") == {"punctuation.doubled-mark"}
    assert "punctuation.doubled-mark" not in rules(disabledCategories="PUNCTUATION,TYPOS")
    assert "typos.repeated-word" in rules(disabledCategories="PUNCTUATION,TYPOS")


def test_native_lint_returns_the_json_report(server):
    html = (
        "<html><body><article><p>US Secretary of State Anthony Blinken said ;; nothing.</p>"
        "</article></body></html>"
    )
    r = requests.post(
        f"{server}/v1/lint",
        json={"document": html, "filename": "story.html", "date": "2023-02-28"},
        timeout=30,
    )
    assert r.ok, r.text
    report = r.json()
    (f,) = report["files"]
    assert f["path"] == "story.html" and f["date"] == "2023-02-28" and f["date_source"] == "option"
    by_rule = {d["rule"]: d for d in f["diagnostics"]}
    d = by_rule["punctuation.doubled-mark"]
    assert html[d["start"]["offset"] : d["end"]["offset"]] == ";;" == d["text"]
    assert by_rule["fact.misnamed-official"]["text"] == "Anthony Blinken"
    assert report["summary"]["diagnostics"] == len(f["diagnostics"])
    # Bad input: 400 with the reason, as JSON.
    for body, reason in (
        (b"{oops", "not a JSON object"),
        (b'{"text": "a", "document": "b"}', "exactly one"),
        (b'{"text": "a", "date": "28/02/2023"}', "not a date"),
        (b'{"text": "a", "select": ["no.such-rule"]}', "unknown rule or prefix"),
        (b'{"text": "a", "colour": 1}', "unknown field"),
    ):
        r = requests.post(f"{server}/v1/lint", data=body, timeout=10)
        assert r.status_code == 400 and reason in r.json()["error"], (body, r.text)


def test_many_requests_at_once(server):
    text = SEED.read_text(encoding="utf-8")

    def one(i):
        r = requests.post(f"{server}/v2/check", data={"language": "en-US", "text": text}, timeout=60)
        return r.status_code, [(m["offset"], m["rule"]["id"]) for m in r.json()["matches"]]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(16)))
    assert {status for status, _ in results} == {200}
    assert all(found == results[0][1] for _, found in results)


def test_bound_to_loopback_by_default(server):
    port = int(server.rsplit(":", 1)[1])
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outward interface
            outside = probe.getsockname()[0]
        except OSError:
            outside = "127.0.0.1"
    if outside.startswith("127."):
        pytest.skip("this machine has no address besides loopback")
    with pytest.raises(OSError), socket.create_connection((outside, port), timeout=2):
        pass


# -- limits, in process ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linter():
    from lint.api import Linter

    return Linter()


def test_slow_check_gets_503_with_retry_after(linter):
    from starlette.testclient import TestClient

    from lint.serve.app import Limits, create_app

    app = create_app(linter, Limits(timeout=0.01))
    article = SEED.read_text(encoding="utf-8") * 30
    with TestClient(app) as client:
        r = client.post("/v2/check", data={"language": "en-US", "text": article})
        assert r.status_code == 503 and "time limit" in r.text and r.headers["retry-after"]
        r = client.post("/v1/lint", json={"text": article})
        assert r.status_code == 503 and "time limit" in r.json()["error"]


def test_internal_error_is_a_500_without_trace(linter, monkeypatch):
    from starlette.testclient import TestClient

    from lint.serve import app as app_module

    def broken(*args, **kwargs):
        raise RuntimeError("boom in a check")

    app = app_module.create_app(linter)
    monkeypatch.setattr(linter.engine, "lint", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/v1/lint", json={"text": "Some text."})
    assert r.status_code == 500
    assert (
        r.json()["error"].startswith("internal error") and "boom" not in r.text and "Traceback" not in r.text
    )


def test_serve_refuses_an_unknown_rule_before_listening():
    run = subprocess.run(
        [sys.executable, "-m", "lint", "serve", "--port", str(free_port()), "--select", "no.such-rule"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2 and "unknown rule or prefix: no.such-rule" in run.stderr
