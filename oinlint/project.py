"""The project as project rules see it: every file's facts, the submission, and one analysis.

The scope analysis is made at most once per run, on first use, and shared by the seven OIN2xx
rules and every reporter that shows the scope matrix (through ``RunResult.scope_analysis``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import FileFacts
from oinlint.scope_analysis import Analysis, analyse

__all__ = ["ProjectFacts"]


@dataclass(frozen=True)
class ProjectFacts:
    """All files' facts and the project-level inputs, for project rules."""

    files: tuple[FileFacts, ...]
    submission: Any = None
    root: str = "."

    @functools.cached_property
    def resolved_files(self) -> tuple[FileFacts, ...]:
        """The files' facts with what only the whole project knows: calls of wrappers and
        scope constants defined in another module (:mod:`oinlint.crossfile`; made once)."""
        return with_resolved(self.files, resolve(self.files, self.root))

    @functools.cached_property
    def scopes(self) -> Analysis:
        """Least-privilege analysis of these files against this submission (made once)."""
        return analyse(self.resolved_files, self.submission)
