"""The scopes a submission declares, with where each is written (for finding locations).

:func:`load_declared_scopes` is the live checker's only door to ``oin-submission.yaml``: the
names and their spans come from the schema-validating loader (:mod:`oinlint.submission`);
schema problems other than unreadable YAML are ``oinlint check``'s business (OIN6xx), so they
do not stop a live check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from oinlint.facts import Span
from oinlint.submission.loader import load_submission

__all__ = ["DeclaredScopes", "DeclaredScopesError", "load_declared_scopes"]


class DeclaredScopesError(Exception):
    """The submission file is missing, unreadable, or has no usable ``scopes`` list."""


@dataclass(frozen=True)
class DeclaredScopes:
    """Declared scopes in file order; ``spans`` maps a scope to its entry in the file."""

    path: str
    scopes: tuple[str, ...]
    spans: dict[str, Span] = field(default_factory=dict)
    anchor: Span | None = None  # the ``scopes:`` key, for findings about the list as a whole

    def span_for(self, scope: str | None) -> Span:
        if scope is not None and scope in self.spans:
            return self.spans[scope]
        if self.anchor is not None:
            return self.anchor
        return Span(self.path, 1, 1, 1, 1)


def _key_span(text: str, display: str) -> Span | None:
    """The ``scopes:`` key itself (the loader records value spans only)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, _value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "scopes":
            start, end = key.start_mark, key.end_mark
            return Span(display, start.line + 1, start.column + 1, end.line + 1,
                        end.column + 1)
    return None


def load_declared_scopes(path: Path, display: str | None = None) -> DeclaredScopes:
    """Read the declared scopes of ``path``; ``display`` is the path shown in findings."""
    shown = display or str(path)
    if not path.is_file():
        raise DeclaredScopesError(f"cannot read submission file {shown}: no such file "
                                  "(write one with `oinlint init`, or pass --submission)")
    submission = load_submission(path, shown)
    if not submission.parsed:
        problem = submission.problems[0] if submission.problems else None
        where = f"{problem.span.path}:{problem.span.line}: " if problem else f"{shown}: "
        raise DeclaredScopesError(where + (problem.message if problem else "cannot be read"))
    scopes: list[str] = []
    spans: dict[str, Span] = {}
    for entry in submission.scopes:
        if entry.name and entry.name not in spans:
            scopes.append(entry.name)
            spans[entry.name] = entry.span
    if not scopes:
        raise DeclaredScopesError(f"{shown}: no scopes declared (a `scopes` list of "
                                  "{name, reason} entries)")
    text = path.read_text(encoding="utf-8-sig")
    anchor = _key_span(text, shown) or submission.spans.get("scopes")
    return DeclaredScopes(shown, tuple(scopes), spans, anchor)
