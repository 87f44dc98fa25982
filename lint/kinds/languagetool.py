"""LanguageTool through language-tool-python, as a kind: used when the configuration (or
--languagetool-url) names a LanguageTool server, or when a local LanguageTool install is
found through LTP_JAR_DIR_PATH. Nothing is downloaded.

One rule of this kind stands for all of LanguageTool's rules: findings carry ids
``languagetool.<RULE_ID>``. The client is created once per process. A server that is
down or answers nonsense costs one notice on stderr per run and an ``info`` finding
``languagetool.unavailable`` per file; the rest of the lint runs, and the exit status
does not change because of it.
"""

from __future__ import annotations

import os
import sys
from functools import cache

from lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span

FAMILY = True


def member_description(rule, name: str) -> str | None:
    """LanguageTool's rules live on its server, so only where to read about one."""
    if not name or not all(c.isalnum() or c == "_" for c in name):
        return None
    return (
        f"LanguageTool rule {name}: its description and examples are at "
        f"https://community.languagetool.org/rule/show/{name}?lang=en"
    )


CATEGORIES = {
    "GRAMMAR": "grammar",
    "CONFUSED_WORDS": "grammar",
    "CASING": "grammar",
    "COLLOCATIONS": "grammar",
    "NONSTANDARD_PHRASES": "grammar",
    "TYPOS": "spelling",
    "PUNCTUATION": "punctuation",
    "TYPOGRAPHY": "punctuation",
}
_warned: set[str] = set()
# Seconds to wait for an answer (the library waits 300, twice). A server that times out is
# not asked again in this run: a stalled server must not stall every file.
TIMEOUT = 30.0
_stalled: dict[str | None, Exception] = {}


class Unavailable(Exception):
    pass


@cache
def client(url: str | None, language: str):
    import language_tool_python

    class Client(language_tool_python.LanguageTool):
        _TIMEOUT = TIMEOUT

    try:
        if url:
            return Client(language, remote_server=url)
        if os.environ.get("LTP_JAR_DIR_PATH"):
            return Client(language)
    except Exception as err:  # the library raises several kinds for a dead or odd server
        raise Unavailable(f"{url or os.environ.get('LTP_JAR_DIR_PATH')}: {err}") from None
    raise Unavailable(
        "no LanguageTool server: set --languagetool-url, 'languagetool-url' in the config, "
        "or LTP_JAR_DIR_PATH"
    )


class LanguageToolCheck:
    def __init__(self, rule, context):
        p = rule.params
        self.rule = rule
        self.url = getattr(context, "languagetool_url", None) or p.get("url")
        self.language = p.get("language", "en-US")
        self.disabled_rules = set(p.get("disabled_rules", []))
        self.disabled_categories = set(p.get("disabled_categories", []))

    def run(self, doc):
        if self.url in _stalled:
            yield self._unavailable(_stalled[self.url])
            return
        try:
            tool = client(self.url, self.language)
            tool.disabled_rules = self.disabled_rules
            tool.disabled_categories = self.disabled_categories
            matches = tool.check(doc.text)
        except Exception as err:
            if "timed out" in str(err).lower():
                _stalled[self.url] = err
            yield self._unavailable(err)
            return
        for m in matches:
            start = max(0, min(m.offset, len(doc.text)))
            span = Span(start, min(len(doc.text), start + max(0, m.error_length)))
            replacements = tuple(m.replacements[:5])
            fix = Fix(Applicability.UNSAFE, (Edit(span, replacements[0]),)) if replacements else None
            yield Diagnostic(
                rule=f"{self.rule.id}.{m.rule_id}",
                category=CATEGORIES.get(m.category, "style"),
                severity=self.rule.severity,
                message=self.rule.message.format(text=doc.text[span.start : span.end], message=m.message),
                span=span,
                suggestions=replacements,
                fix=fix,
            )

    def _unavailable(self, err: Exception) -> Diagnostic:
        reason = str(err).splitlines()[0][:300] if str(err) else type(err).__name__
        if reason not in _warned:
            _warned.add(reason)
            print(f"newslint: LanguageTool unavailable, its checks were skipped: {reason}", file=sys.stderr)
        return Diagnostic(
            rule=f"{self.rule.id}.unavailable",
            category="internal",
            severity=Severity.INFO,
            message=f"LanguageTool was not reached; its checks were skipped ({reason})",
            span=Span(0, 0),
        )


compile = LanguageToolCheck
