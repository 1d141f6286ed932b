"""The submission model: what ``oin-submission.yaml`` declares, with where each part is written.

Rules read this model, never the YAML: every value that a rule may point at carries its
:class:`~oinlint.facts.Span` (1-based line and column, ``end_column`` exclusive).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from oinlint.facts import Comment, ScopeList, ScopeRef, Span

__all__ = [
    "DEFAULT_SUBMISSION",
    "DeclaredScope",
    "ProblemCode",
    "Submission",
    "SubmissionProblem",
    "TenantSetting",
    "TestAccount",
]

DEFAULT_SUBMISSION = "oin-submission.yaml"

ProblemCode = Literal["OIN601", "OIN602", "OIN603", "OIN604", "OIN605", "OIN606", "OIN607",
                      "OIN608"]


@dataclass(frozen=True, slots=True)
class SubmissionProblem:
    """One thing wrong with the submission file, at the node that is wrong.

    ``field`` is the dotted path of that node (``scopes[2].reason``), "" for the whole file.
    ``fix`` is the help for this problem when it is more precise than the rule's own.
    """

    code: ProblemCode
    span: Span
    message: str
    field: str = ""
    fix: str | None = None


@dataclass(frozen=True, slots=True)
class DeclaredScope:
    """A scope declared under ``scopes:``. ``span`` is the scope name's value."""

    name: str
    reason: str | None
    span: Span
    reason_span: Span | None = None


@dataclass(frozen=True, slots=True)
class TenantSetting:
    name: str
    label: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class TestAccount:
    """The review account (``test_account:``), without any password."""

    __test__ = False  # not a pytest test class

    url: str | None
    username: str | None
    instructions: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Submission:
    """A loaded ``oin-submission.yaml``.

    ``parsed`` is False when the file could not be read as a YAML mapping (then every field is
    empty and ``problems`` says why). Fields hold a value only when it has the right type, so
    a rule can trust ``name`` to be a ``str`` or None; whether it is *valid* is in ``problems``.
    ``display`` is the path as findings show it (relative to the working directory when the
    file is under it).
    """

    path: Path
    display: str
    parsed: bool = False
    name: str | None = None
    description: str | None = None
    logo: str | None = None
    use_cases: tuple[str, ...] = ()
    support_email: str | None = None
    config_guide_url: str | None = None
    auth_method: str | None = None
    scopes: tuple[DeclaredScope, ...] = ()
    tenant_settings: tuple[TenantSetting, ...] = ()
    test_account: TestAccount | None = None
    problems: tuple[SubmissionProblem, ...] = ()
    comments: tuple[Comment, ...] = ()
    spans: Mapping[str, Span] = field(default_factory=dict)
    data: Any = None

    @property
    def valid(self) -> bool:
        """Parsed and without any problem."""
        return self.parsed and not self.problems

    @property
    def scope_names(self) -> frozenset[str]:
        return frozenset(scope.name for scope in self.scopes)

    def span_of(self, field_path: str) -> Span | None:
        """Where a field's value is written, by dotted path: ``auth.method``, ``scopes[0].name``."""
        return self.spans.get(field_path)

    def problems_for(self, code: str) -> tuple[SubmissionProblem, ...]:
        return tuple(p for p in self.problems if p.code == code)

    def scope_list(self) -> ScopeList:
        """The declared scopes as a neutral :class:`~oinlint.facts.ScopeList` fact."""
        where = self.spans.get("scopes") or Span(self.display, 1, 1, 1, 1)
        refs = tuple(ScopeRef(scope.name, scope.span) for scope in self.scopes)
        return ScopeList(where, "", refs, "submission")
