"""Every id newslint can print, and what it means: the rules of the registry, the findings
newslint reports itself (``io.read``, ``suppression.unused``, ...) and the members of a
family rule (``harper.AnA``: a Harper rule reported under the ``harper`` rule). ``newslint
explain``, SARIF's rule descriptors and ``--statistics`` all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# What newslint itself reports when it could not check something or a directive is wrong:
# not rules, never in a pack. id: (title, description, category, severity).
INTERNAL: dict[str, tuple[str, str, str, str]] = {
    "io.read": (
        "Unreadable file",
        "The file could not be read (missing permission, a folder, a broken link, not a regular "
        "file). Nothing in it was checked.",
        "internal",
        "error",
    ),
    "io.decode": (
        "Undecodable file",
        "The file is not valid UTF-8 (nor UTF-16 with a byte-order mark); the finding is at the "
        "first bad byte. Nothing in the file was checked.",
        "internal",
        "error",
    ),
    "io.binary": (
        "Binary file",
        "The file holds binary data, not text; it was not checked.",
        "internal",
        "error",
    ),
    "io.write": (
        "Fix not written",
        "A fix could not be written to the file; the file is unchanged.",
        "internal",
        "error",
    ),
    "engine.rule-timeout": (
        "Rule ran out of time",
        "A rule exceeded its time budget on this file and was stopped; its findings in the file "
        "may be incomplete. Raise the rule's `timeout` or simplify its pattern.",
        "internal",
        "warning",
    ),
    "engine.rule-error": (
        "Rule failed on this file",
        "A rule raised an error on this file; its findings there are missing, and the rest of "
        "the file was linted. The message names the rule and the reason. The run's exit status "
        "is 2 (an internal error); please report it with the file.",
        "internal",
        "error",
    ),
    "engine.fix-unstable": (
        "Fixes did not settle",
        "Applying fixes kept changing the text, so newslint stopped after 10 passes.",
        "internal",
        "warning",
    ),
    "suppression.unknown-rule": (
        "Unknown rule in a suppression comment",
        "A newslint-disable, -enable or -disable-next-line comment names a rule or prefix that "
        "no rule has (a typo, or a rule that was renamed); that name suppresses nothing. "
        "`newslint rules` lists the ids.",
        "internal",
        "warning",
    ),
    "suppression.unknown-directive": (
        "Unknown suppression directive",
        "A `newslint-…` comment is not one of disable, enable, disable-next-line or "
        "disable-line (disable-line only after text on a Markdown or HTML line); it suppresses "
        "nothing.",
        "internal",
        "warning",
    ),
    "suppression.unused": (
        "Suppression comment that suppressed nothing",
        "With --report-unused-suppressions: a newslint-disable comment (or one of its rule "
        "names) matched no finding; the comment can go.",
        "internal",
        "info",
    ),
    "lsp.not-linted": (
        "Not linted in the editor",
        "The language server did not lint this document: it is larger than the editor's limit "
        "(2,000,000 characters) or linting it took longer than the editor's time limit (20 s). "
        "`newslint check` lints it in full.",
        "internal",
        "info",
    ),
}

# Ids a family rule reports about itself rather than for one of its members.
FAMILY_INTERNAL: dict[str, tuple[str, str, str, str]] = {
    "unavailable": (
        "Grammar backend unavailable",
        "The grammar backend could not be reached (a server down or answering nonsense); its "
        "checks were skipped on this file and the rest was linted. The exit status does not "
        "change because of it.",
        "internal",
        "info",
    ),
}

NOT_A_RULE = (
    "newslint reports this itself; it is not a rule and cannot be turned off: fix the input (or the comment)."
)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    description: str
    category: str
    severity: str
    rule: object | None = None  # the registry rule that reports it (a family's for a member)
    member: str | None = None  # the backend's own rule, for a family member

    @property
    def silence(self) -> str:
        if self.rule is None:
            return NOT_A_RULE
        text = (
            f"To silence it: newslint check --ignore {self.id} ...,"
            f' or ignore = ["{self.id}"] in .newslint.toml.'
        )
        if self.member is not None:
            text = f"Reported by rule {self.rule.id} (--ignore {self.rule.id} silences the family). " + text
        return text


def owning_rule(registry, rule_id: str):
    """The registry rule a diagnostic id belongs to: the rule of that id, else the one with the
    longest id that is a dotted prefix of it ("harper" for "harper.RepeatedWords"), else None."""
    if registry is None:
        return None
    parts = rule_id.split(".")
    for n in range(len(parts), 0, -1):
        rule = registry.get(".".join(parts[:n]))
        if rule is not None:
            return rule
    return None


def lookup(registry, rule_id: str) -> Entry | None:
    """What ``rule_id`` is, or None when newslint cannot print it."""
    rule = registry.get(rule_id) if registry is not None else None
    if rule is not None:
        return Entry(rule.id, rule.title, rule.description, rule.category, rule.severity.value, rule)
    if rule_id in INTERNAL:
        return Entry(rule_id, *INTERNAL[rule_id])
    owner = owning_rule(registry, rule_id)
    if owner is None or not _is_family(owner):
        return None
    member = rule_id[len(owner.id) + 1 :]
    if member in FAMILY_INTERNAL:
        title, description, category, severity = FAMILY_INTERNAL[member]
        return Entry(rule_id, f"{owner.title}: {title.lower()}", description, category, severity)
    from lint.kinds import load_kind

    describe = getattr(load_kind(owner.kind), "member_description", None)
    found = describe(owner, member) if describe is not None else ""
    if found is None:  # the backend has no rule of that name
        return None
    what = f"{owner.title}, rule {member}"
    description = f"{found}\n\n{owner.description}" if found else owner.description
    return Entry(rule_id, what, description, owner.category, owner.severity.value, owner, member)


def _is_family(rule) -> bool:
    from lint.kinds import load_kind

    return bool(getattr(load_kind(rule.kind), "FAMILY", False))


def explain(registry, rule_id: str) -> str | None:
    """``newslint explain``'s text for any id newslint prints, or None."""
    entry = lookup(registry, rule_id)
    if entry is None:
        return None
    rule = entry.rule
    if rule is None:
        return "\n".join(
            [
                f"{entry.id}: {entry.title}",
                f"({entry.category}, {entry.severity}; reported by newslint itself)",
                "",
                entry.description,
                "",
                NOT_A_RULE,
            ]
        )
    head = f"({entry.category}, {entry.severity}, kind {rule.kind}" + (
        "" if rule.enabled else ", off by default"
    )
    if entry.member is not None:
        head += f"; a member of the {rule.id} family"
    lines = [f"{entry.id}: {entry.title}", head + ")", f"defined in {Path(rule.path).name}:{rule.line}", ""]
    lines.append(entry.description)
    if entry.member is None:
        lines += ["", "Examples:"]
        for ex in rule.examples:
            when = f"  (article date {ex['date']})" if "date" in ex else ""
            if "good" in ex:
                lines.append(f"  ok:      {ex['good']!r}{when}")
            else:
                lines.append(f"  flagged: {ex['bad']!r}  ->  {ex['flagged']!r}{when}")
                if "fixed" in ex:
                    lines.append(f"  fixed:   {ex['fixed']!r}")
    lines += ["", "To silence it:", f"  newslint check --ignore {entry.id} ..."]
    if entry.member is not None:
        lines.append(f"  (--ignore {rule.id} silences every {rule.id}.* finding)")
    lines.append(f'  or in .newslint.toml:  ignore = ["{entry.id}"]')
    return "\n".join(lines)
