"""Findings: what a rule reports, in the one shape every reporter reads."""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from oinlint.facts import Span

__all__ = ["Finding", "Related", "Severity", "Waiver", "active", "failing", "fingerprint"]


class Severity(enum.IntEnum):
    """How bad a finding is; ``fail-on`` compares against this order."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(text) from None

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def sarif_level(self) -> str:
        if self >= Severity.HIGH:
            return "error"
        if self is Severity.MEDIUM:
            return "warning"
        return "note"

    @property
    def security_severity(self) -> str:
        """GitHub code scanning's numeric ``security-severity`` (a string, as GitHub wants)."""
        return {0: "1.0", 1: "3.0", 2: "5.5", 3: "8.0", 4: "9.5"}[int(self)]


@dataclass(frozen=True, slots=True)
class Related:
    """Another location that explains a finding (e.g. the call that needs a scope)."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Waiver:
    """Why a finding does not count: an inline suppression or a baseline entry."""

    kind: str  # "inline" | "baseline" | "config"
    reason: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    ``snippet`` holds the source lines around the span (redacted), the first of them being line
    ``snippet_line``; reporters show them without reading the file again.
    """

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    fingerprint: str
    context: str = ""
    fix: str | None = None
    snippet: tuple[str, ...] = ()
    snippet_line: int = 0
    related: tuple[Related, ...] = ()
    waiver: Waiver | None = None

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.path, self.span.line, self.span.column, self.code)


_SPACE = re.compile(r"\s+")


def fingerprint(code: str, path: str, text: str, context: str) -> str:
    """Line-free identity of a finding: rule, path, normalised offending text, enclosing name.

    It survives edits above the finding (unlike ``file:line`` keys) and changes when the
    offending text itself changes (so a different secret on the same line is a new finding).
    """
    normalised = _SPACE.sub(" ", text).strip()
    joined = "\x00".join((code, path, normalised, context))
    digest = hashlib.sha256(joined.encode("utf-8", "surrogateescape"))  # non-UTF-8 file names
    return digest.hexdigest()[:32]


def active(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that count: not waived inline or by the baseline."""
    return [f for f in findings if f.waiver is None]


def failing(findings: Iterable[Finding], fail_on: Severity) -> list[Finding]:
    """The findings that count at or above ``fail_on``: the ones that fail a gate."""
    return [f for f in active(findings) if f.severity >= fail_on]
