"""What one run produced: findings, what was read and skipped, and the analyses made once.

Reporters read a :class:`RunResult` and nothing else; the scope analysis that the OIN2xx rules
used is the one they show (``scope_analysis``), never a second computation.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from oinlint.config import Settings
from oinlint.engine.baseline import BaselineEntry
from oinlint.exitcode import ExitCode
from oinlint.facts import FileFacts
from oinlint.findings import Finding, Severity, active, failing
from oinlint.project import ProjectFacts
from oinlint.scope_analysis import Analysis, analyse
from oinlint.submission import Submission

__all__ = ["RunResult"]


@dataclass
class RunResult:
    """Everything a reporter needs about one run."""

    findings: list[Finding]
    settings: Settings
    enabled: frozenset[str]
    files: list[FileFacts] = field(default_factory=list)
    scanned: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stale_baseline: list[BaselineEntry] = field(default_factory=list)
    duration: float = 0.0
    submission: Submission | None = None  # oin-submission.yaml as loaded (None: no file)
    project: ProjectFacts | None = None  # what the project rules saw (None: not a check run)

    @property
    def active(self) -> list[Finding]:
        """Findings that count: not suppressed inline, not in the baseline."""
        return active(self.findings)

    @property
    def failing(self) -> list[Finding]:
        return failing(self.findings, self.settings.fail_on)

    @property
    def fail_on(self) -> Severity:
        return self.settings.fail_on

    @property
    def severity_overrides(self) -> Mapping[str, Severity]:
        return self.settings.severity

    @property
    def exit_code(self) -> int:
        return ExitCode.FINDINGS if self.failing else ExitCode.OK

    @functools.cached_property
    def scope_analysis(self) -> Analysis:
        """The least-privilege analysis: the project rules' own when they ran, else made now."""
        if self.project is not None:
            return self.project.scopes
        return analyse(tuple(self.files), self.submission)


