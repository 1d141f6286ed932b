"""What a findings reporter reads, whether the findings came from ``check`` or from ``verify``.

A ``check`` run's :class:`~oinlint.engine.RunResult` has this shape, and so does a live check's
:class:`~oinlint.report.verify.VerifyRun`: the concise, SARIF, JUnit and GitHub reporters take
either, so ``verify`` reuses them without pretending to be an engine run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from oinlint.engine.baseline import BaselineEntry
from oinlint.findings import Finding, Severity

__all__ = ["ReportInput"]


class ReportInput(Protocol):
    @property
    def findings(self) -> list[Finding]:
        """Every finding, waived ones included."""
        ...

    @property
    def active(self) -> list[Finding]:
        """Findings that count: not waived."""
        ...

    @property
    def failing(self) -> list[Finding]: ...

    @property
    def fail_on(self) -> Severity: ...

    @property
    def severity_overrides(self) -> Mapping[str, Severity]:
        """Rule code → the severity configured for it (the catalogue's where absent)."""
        ...

    @property
    def enabled(self) -> frozenset[str]: ...

    @property
    def scanned(self) -> Sequence[str]: ...

    @property
    def skipped(self) -> Sequence[tuple[str, str]]: ...

    @property
    def warnings(self) -> Sequence[str]: ...

    @property
    def stale_baseline(self) -> Sequence[BaselineEntry]: ...

    @property
    def duration(self) -> float: ...
