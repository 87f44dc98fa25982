"""The one diagnostic model every check produces and every emitter reads."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

CATEGORIES = (
    "fact",
    "grammar",
    "punctuation",
    "boilerplate",
    "consistency",
    "style",
    "spelling",
    # newslint could not check something: an unreadable file, a rule that timed out.
    "internal",
)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, Enum):
    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # applied only with --unsafe-fixes


@dataclass(frozen=True, order=True)
class Span:
    """Half-open range of code-point offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Edit:
    span: Span
    replacement: str


@dataclass(frozen=True)
class Fix:
    applicability: Applicability
    edits: tuple[Edit, ...]

    def __post_init__(self) -> None:
        spans = sorted(e.span for e in self.edits)
        for a, b in zip(spans, spans[1:], strict=False):
            if a.end > b.start:
                raise ValueError("a fix's edits overlap")

    @property
    def span(self) -> Span:
        return Span(min(e.span.start for e in self.edits), max(e.span.end for e in self.edits))


@dataclass(frozen=True)
class ArticleRef:
    """Which article of a CMS export a finding is in."""

    number: int  # its place in the file, from 1
    id: str | None = None  # the export's own id for it, when it gives one
    pointer: str = ""  # JSON pointer of the article object (within its line, for JSON Lines)
    date: str | None = None  # its own date (ISO), when it gives one

    @property
    def label(self) -> str:
        return f"article {self.id}" if self.id is not None else f"article #{self.number}"


@dataclass(frozen=True)
class Diagnostic:
    """One finding. Offsets are into the text the check saw; the engine maps them to the
    source file before anything leaves it."""

    rule: str
    category: str
    severity: Severity
    message: str
    span: Span
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    # Filled by the engine from the document; checks leave them empty.
    text: str = field(default="", compare=False)
    article: ArticleRef | None = None

    def shifted(self, offset: int) -> Diagnostic:
        """The finding with its span and fix moved ``offset`` characters on."""
        if not offset:
            return self
        fix = self.fix
        if fix is not None:
            edits = tuple(
                Edit(Span(e.span.start + offset, e.span.end + offset), e.replacement) for e in fix.edits
            )
            fix = Fix(fix.applicability, edits)
        return replace(self, span=Span(self.span.start + offset, self.span.end + offset), fix=fix)
