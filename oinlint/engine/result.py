"""What one run produced: findings, what was read and skipped, and the analyses made once.

Reporters read a :class:`RunResult` and nothing else; the scope analysis that the OIN2xx rules
used is the one they show (``scope_analysis``), never a second computation.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from oinlint.config import Settings
from oinlint.engine.baseline import BaselineEntry
from oinlint.engine.discovery import relative_posix
from oinlint.exitcode import ExitCode
from oinlint.facts import FileFacts
from oinlint.findings import Finding, Severity, active, failing
from oinlint.project import ProjectFacts
from oinlint.scope_analysis import Analysis, analyse
from oinlint.submission import Submission

__all__ = ["ALL_RULES_IGNORED", "RunResult", "shown_path"]

# Why a file the configuration turns every rule off for was not read: a deliberate skip.
ALL_RULES_IGNORED = "all rules ignored for this path"


def shown_path(path: Path) -> str:
    """``path`` relative to the working directory when below it (``.`` for itself), else
    absolute: how the run's root and files are named to the user."""
    relative = relative_posix(path.resolve(), Path.cwd().resolve())
    return relative if relative is not None else path.resolve().as_posix()


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
    # Warnings about files outside the paths named (a commit-shaped run): counted, not shown.
    hidden_warnings: int = 0
    stale_baseline: list[BaselineEntry] = field(default_factory=list)
    duration: float = 0.0
    submission: Submission | None = None  # oin-submission.yaml as loaded (None: no file)
    project: ProjectFacts | None = None  # what the project rules saw (None: not a check run)

    @property
    def active(self) -> list[Finding]:
        """Findings that count: not suppressed inline, not in the baseline."""
        return active(self.findings)

    def checked_nothing(self, force_exclude: bool) -> str | None:
        """Why this run checked no file at all, or None. Such a run must not pass: an empty
        folder, a typo'd path or a tree of unreadable files proves nothing. The configuration
        may leave nothing on purpose (``--force-exclude`` of the paths pre-commit passes,
        per-file-ignores that turn every rule off): that is no error."""
        if self.scanned:
            return None
        unreadable = [path for path, why in self.skipped if why != ALL_RULES_IGNORED]
        if not unreadable and (force_exclude or self.skipped):
            return None
        if unreadable:
            more = f" (and {len(unreadable) - 1} more)" if len(unreadable) > 1 else ""
            return (f"nothing was checked: every file was skipped as unreadable, "
                    f"{unreadable[0]}{more}")
        return "nothing was checked: the paths given hold no file oinlint reads"

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

    @property
    def run_properties(self) -> dict[str, str | None]:
        """The project root, configuration file and submission file this run used (``-v``,
        the JSON and SARIF reports), relative to the working directory when below it."""
        config = self.settings.config_file
        return {
            "root": shown_path(self.settings.root),
            "configuration": shown_path(config) if config is not None else None,
            "submission": self.submission.display if self.submission is not None else None,
        }

    @functools.cached_property
    def scope_analysis(self) -> Analysis:
        """The least-privilege analysis: the project rules' own when they ran, else made now."""
        if self.project is not None:
            return self.project.scopes
        return analyse(tuple(self.files), self.submission)


