"""What a rule module writes against: :class:`Hit`, :class:`ProjectFacts` and the decorators
that register a function as the implementation of one rule code.

A *file rule* sees one file's :class:`~oinlint.facts.FileFacts`; a *project rule* sees every
file's facts plus the submission metadata (scopes are a property of the whole integration); a
*suppression rule* (OIN001) sees the problems the engine's suppression step found in one file.
Every registration is also recorded as an :class:`~oinlint.rules.implementation.Implementation`
(all of them, duplicates included) for :mod:`oinlint.rules.registry` to check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from oinlint.facts import FileFacts, Span
from oinlint.findings import Related
from oinlint.project import ProjectFacts
from oinlint.rules.implementation import Implementation

__all__ = [
    "FILE_RULES",
    "IMPLEMENTATIONS",
    "PROJECT_RULES",
    "SUPPRESSION_RULES",
    "FileRule",
    "Hit",
    "Problem",
    "ProjectFacts",
    "ProjectRule",
    "SuppressionRule",
    "file_rule",
    "project_rule",
    "suppression_rule",
]


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's raw report: where, and the values its message template needs."""

    span: Span
    context: str = ""
    args: Mapping[str, str] = field(default_factory=dict)
    fix: str | None = None
    related: tuple[Related, ...] = ()


class Problem(Protocol):
    """Something a step of the run could not accept, where and why. The suppression step's
    ``SuppressionProblem`` is read through this shape: rules never import the engine."""

    @property
    def span(self) -> Span: ...

    @property
    def message(self) -> str: ...

    @property
    def fix(self) -> str | None: ...


FileRule = Callable[[FileFacts], Iterable[Hit]]
ProjectRule = Callable[[ProjectFacts], Iterable[Hit]]
SuppressionRule = Callable[[Iterable[Problem]], Iterable[Hit]]

FILE_RULES: dict[str, FileRule] = {}
PROJECT_RULES: dict[str, ProjectRule] = {}
SUPPRESSION_RULES: dict[str, SuppressionRule] = {}
IMPLEMENTATIONS: list[Implementation] = []


def _record(code: str, scope: Literal["file", "project", "tool"], runs_on: str,
            func: Callable[..., Iterable[Hit]]) -> None:
    IMPLEMENTATIONS.append(
        Implementation(code, scope, runs_on, f"{func.__module__}.{func.__qualname__}"))


def file_rule(code: str, *, scope: Literal["file", "tool"] = "file"
              ) -> Callable[[FileRule], FileRule]:
    """Register a file rule; ``scope="tool"`` for the tool's own (OIN000)."""

    def register(func: FileRule) -> FileRule:
        _record(code, scope, "file facts", func)
        FILE_RULES[code] = func
        return func

    return register


def project_rule(code: str) -> Callable[[ProjectRule], ProjectRule]:
    def register(func: ProjectRule) -> ProjectRule:
        _record(code, "project", "project facts", func)
        PROJECT_RULES[code] = func
        return func

    return register


def suppression_rule(code: str) -> Callable[[SuppressionRule], SuppressionRule]:
    """Register a rule over the suppression problems the engine's suppression step found."""

    def register(func: SuppressionRule) -> SuppressionRule:
        _record(code, "tool", "suppression problems", func)
        SUPPRESSION_RULES[code] = func
        return func

    return register
