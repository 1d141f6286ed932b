"""The audit report's data model: what the HTML and Markdown renderers both read.

:mod:`oinlint.report.audit` builds it from a run (and optionally a live check); the renderers
only lay it out, so the two formats cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from oinlint.redact import redact

__all__ = [
    "NOT_ANALYSED",
    "AuditReport",
    "Cell",
    "Evidence",
    "FamilyGroup",
    "FindingEntry",
    "LiveCheck",
    "RunInfo",
    "ScopeRow",
    "Verdict",
    "clean",
    "failing_split",
]

NOT_ANALYSED = "not analysed yet"

VerdictStatus = Literal["ready", "not-ready", "undecided"]


def clean(text: object) -> str:
    """A string from the project or the org, with secrets masked (escaping is the renderer's)."""
    return redact(str(text))


@dataclass(frozen=True, slots=True)
class Verdict:
    status: VerdictStatus
    reasons: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return {"ready": "Ready", "not-ready": "Not ready",
                "undecided": "Could not decide"}[self.status]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One place that backs a matrix cell; ``anchor`` is its id in the evidence section."""

    anchor: str
    scope: str
    kind: str  # declared | requested | required
    where: str  # path:line
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    """A matrix cell: a short text and the anchors of the evidence behind it."""

    text: str
    links: tuple[tuple[str, str], ...] = ()  # (label, anchor)
    state: str = "none"  # yes | no | unknown | none: for styling


@dataclass(frozen=True, slots=True)
class ScopeRow:
    scope: str
    declared: Cell
    requested: Cell
    required: Cell
    granted: Cell
    findings: tuple[tuple[str, str], ...] = ()  # (code, anchor) of findings naming the scope


@dataclass(frozen=True, slots=True)
class FindingEntry:
    anchor: str
    code: str
    name: str
    severity: str
    message: str
    where: str
    snippet: tuple[tuple[int, str, bool], ...]  # (line number, text, inside the span)
    why: str
    fix: str
    related: tuple[str, ...] = ()
    waiver_kind: str | None = None
    waiver_reason: str | None = None
    source: str = "check"  # check | verify


@dataclass(frozen=True, slots=True)
class FamilyGroup:
    family: str
    title: str
    by_severity: tuple[tuple[str, tuple[FindingEntry, ...]], ...]

    @property
    def count(self) -> int:
        return sum(len(entries) for _, entries in self.by_severity)


@dataclass(frozen=True, slots=True)
class LiveCheck:
    outcome: str
    reason: str
    host: str
    emulator: bool
    started_at: str
    duration: str
    client_id: str
    auth_method: str
    requests: tuple[tuple[str, str, str, str, str], ...]  # step, method, path, status, result
    request_count: int
    granted: tuple[str, ...]
    refused: tuple[str, ...]
    undetermined: tuple[str, ...]
    undeclared_checked: str | None
    undeclared_granted: tuple[str, ...]
    notes: tuple[str, ...]
    incomplete: str | None = None


@dataclass(frozen=True, slots=True)
class RunInfo:
    version: str
    generated: str
    rules: str
    enabled: tuple[str, ...]
    config: tuple[tuple[str, str], ...]
    scanned: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]
    duration: str
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AuditReport:
    title: str
    verdict: Verdict
    matrix: tuple[ScopeRow, ...]
    matrix_analysed: bool
    evidence: tuple[Evidence, ...]
    families: tuple[FamilyGroup, ...]
    waived: tuple[FindingEntry, ...]
    stale_baseline: tuple[str, ...]
    live: LiveCheck | None
    run: RunInfo
    counts: dict[str, int] = field(default_factory=dict)


# --- inputs ---------------------------------------------------------------------------------


def failing_split(counts: dict[str, int]) -> str:
    """`` (2 in code, 1 live)`` after the failing count when the live check adds to it, so the
    count reads as the verdict's reasons do; empty otherwise."""
    live = counts.get("failing_live", 0)
    if not live:
        return ""
    return f" ({counts.get('failing', 0) - live} in code, {live} live)"
