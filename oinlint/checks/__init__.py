"""Rule implementations: small functions that read facts and yield hits.

A *file rule* sees one file's :class:`~oinlint.facts.FileFacts`; a *project rule* sees every
file's facts plus the submission metadata (scopes are a property of the whole integration).
Rules never parse source and never decide their own severity or wording beyond message
arguments: those come from the catalogue (``rules/*.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from oinlint.facts import FileFacts, Span
from oinlint.findings import Related
from oinlint.project import ProjectFacts

__all__ = [
    "FILE_RULES",
    "PROJECT_RULES",
    "Hit",
    "ProjectFacts",
    "file_rule",
    "load_checks",
    "project_rule",
]


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's raw report: where, and the values its message template needs."""

    span: Span
    context: str = ""
    args: Mapping[str, str] = field(default_factory=dict)
    fix: str | None = None
    related: tuple[Related, ...] = ()


FileRule = Callable[[FileFacts], Iterable[Hit]]
ProjectRule = Callable[[ProjectFacts], Iterable[Hit]]

FILE_RULES: dict[str, FileRule] = {}
PROJECT_RULES: dict[str, ProjectRule] = {}


def file_rule(code: str) -> Callable[[FileRule], FileRule]:
    def register(func: FileRule) -> FileRule:
        FILE_RULES[code] = func
        return func

    return register


def project_rule(code: str) -> Callable[[ProjectRule], ProjectRule]:
    def register(func: ProjectRule) -> ProjectRule:
        PROJECT_RULES[code] = func
        return func

    return register


def load_checks() -> None:
    """Import every rule module so that its decorators register it."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
