"""``--changed-since REV``: keep only the findings on lines changed since a git revision.

For each git repository holding the linted files, one ``git diff --unified=0 REV -- FILES``
compares REV with the files as they are in the working tree, which covers both staged and
unstaged edits (under pre-commit, which stashes the unstaged ones before running hooks, that
is exactly what is being committed; so ``--changed-since HEAD`` suits a hook). A line counts
as changed when the diff adds it in the new file; a pure deletion changes no line that is
left. A file that git does not track (untracked, ignored) or that it diffs as binary counts
as entirely changed, and so does text read from stdin. Findings that newslint reports about
itself (category ``internal``: an unreadable file, a rule that timed out) are always kept.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
from dataclasses import replace

from lint.report import FileReport, Report

ALL = None  # the whole file counts as changed

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class ChangesError(Exception):
    pass


def _git(args: list[str], cwd: str) -> str:
    try:
        run = subprocess.run(
            ["git", "--literal-pathspecs", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise ChangesError("--changed-since needs git, and git is not installed") from None
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangesError(f"git {args[0]} failed: {message[0] if message else run.returncode}")
    return run.stdout.decode("utf-8", "surrogateescape")


def _toplevel(folder: str) -> str:
    return os.path.realpath(_git(["rev-parse", "--show-toplevel"], folder).strip())


def _unquote(name: str) -> str:
    """A path as git prints it in a diff header (C-quoted when it holds odd characters)."""
    if name.startswith('"') and name.endswith('"'):
        raw = codecs.escape_decode(name[1:-1].encode("utf-8", "surrogateescape"))[0]
        return raw.decode("utf-8", "surrogateescape")
    return name


def parse_diff(text: str) -> dict[str, set[int] | None]:
    """Added lines of the new side per path (``ALL`` for a binary file) from a
    ``git diff --unified=0`` patch; paths as git prints them, relative to the top level."""
    out: dict[str, set[int] | None] = {}
    current: str | None = None
    for line in text.splitlines():
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            name = _unquote(line[4:].rstrip("\t"))
            current = None if name == "/dev/null" else name.removeprefix("b/")
            if current is not None:
                out.setdefault(current, set())
        elif line.startswith("Binary files ") and line.endswith(" differ"):
            # "Binary files a/x and b/x differ": no +++ line, so take the name from it.
            name = _unquote(line[len("Binary files ") : -len(" differ")].rpartition(" and ")[2])
            if name != "/dev/null":
                out[name.removeprefix("b/")] = ALL
        elif current is not None and line.startswith("@@"):
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or 1)
                lines = out[current]
                if lines is not ALL:
                    lines.update(range(start, start + count))
    return out


def changed_lines(paths: list[str], rev: str) -> dict[str, set[int] | None]:
    """For each path (as given), the changed lines since ``rev``, or ``ALL``."""
    by_top: dict[str, list[tuple[str, str]]] = {}
    tops: dict[str, str] = {}
    for path in paths:
        real = os.path.realpath(path)
        folder = os.path.dirname(real)
        if folder not in tops:
            tops[folder] = _toplevel(folder)
        rel = os.path.relpath(real, tops[folder]).replace(os.sep, "/")
        by_top.setdefault(tops[folder], []).append((path, rel))
    result: dict[str, set[int] | None] = {}
    for top, items in by_top.items():
        rels = sorted({rel for _, rel in items})
        # Chunked so that a very long list of files cannot exceed the command line's size.
        tracked: set[str] = set()
        diff: dict[str, set[int] | None] = {}
        for i in range(0, len(rels), 500):
            chunk = rels[i : i + 500]
            listed = _git(["ls-files", "-z", "--", *chunk], top)
            tracked.update(p for p in listed.split("\0") if p)
            patch = _git(
                [
                    "diff",
                    "--unified=0",
                    "--no-color",
                    "--no-ext-diff",
                    "--no-textconv",
                    "--no-renames",
                    rev,
                    "--",
                    *chunk,
                ],
                top,
            )
            diff.update(parse_diff(patch))
        for path, rel in items:
            if rel not in tracked:
                result[path] = ALL
            else:
                result[path] = diff.get(rel, set())
    return result


def only_changed(inputs: list[str], report: Report, rev: str) -> Report:
    """``report`` (one FileReport per input, in order; ``-`` is stdin) without the findings
    outside the lines changed since ``rev``."""
    files = [i for i in inputs if i != "-"]
    if rev.startswith("-"):
        raise ChangesError(f"not a revision: {rev!r}")
    changed = changed_lines(files, rev) if files else {}
    out: list[FileReport] = []
    for item, f in zip(inputs, report.files, strict=True):
        lines = ALL if item == "-" else changed[item]
        if lines is ALL:
            out.append(f)
            continue
        kept = []
        for d in f.diagnostics:
            first = f.position(d.span.start).line
            last = f.position(max(d.span.start, d.span.end - 1)).line
            if d.category == "internal" or any(n in lines for n in range(first, last + 1)):
                kept.append(d)
        out.append(replace(f, diagnostics=kept))
    return Report(out)
