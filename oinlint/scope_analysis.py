"""Least-privilege scope analysis: the Okta calls the code makes against the scopes it asks for.

Every file's facts plus the submission go in; out comes an :class:`Analysis` that the OIN2xx
rules, the scope matrix (``--show-scopes``, ``"scopes"`` in JSON) and ``oinlint init`` read,
so the three can never disagree. The semantics, in one place:

* A call *needs* one alternative of its operation's ``oauth2_alternatives`` (each an AND-set,
  e.g. group-push mappings need ``okta.apps.read`` and ``okta.groups.read`` at once).
* A ``.manage`` scope covers its ``.read`` twin (Okta docs; ``okta.logs.read`` has no twin).
* A call is *resolved* when the matcher found one operation, or several that agree on scopes
  (e.g. the same path under two methods that need the same scope). Anything else (the path
  is built at runtime, candidates disagree, no Okta operation has that shape) is counted in
  :attr:`Analysis.unresolved` and never guessed: rules that would claim "nothing needs this
  scope" stay silent for every scope such a call could need.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from oinlint.facts import ApiCall, FileFacts, ScopeList, Span, TokenRequest, Unresolved
from oinlint.okta import lookup, match, satisfies, scope, twin
from oinlint.okta.spec import Operation

__all__ = [
    "Analysis",
    "CallNeed",
    "ScopeRow",
    "ScopeUse",
    "analyse",
    "covers",
    "minimal_scopes",
]

Alternatives = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class CallNeed:
    """One Okta call and what it needs. ``alternatives`` is None when it could not be decided;
    ``candidates`` are then the operations the call could still be (possibly none)."""

    span: Span
    context: str
    method: str | None
    path: str
    via: str
    operations: tuple[Operation, ...]
    alternatives: Alternatives | None
    status: str
    reason: str = ""

    @property
    def label(self) -> str:
        """``GET /api/v1/users (listUsers)`` for messages."""
        ids = ", ".join(dict.fromkeys(op.operation_id for op in self.operations[:3]))
        head = f"{self.method or 'ANY'} {self.path}"
        return f"{head} ({ids})" if ids and self.alternatives is not None else head

    @property
    def where(self) -> str:
        return f"{self.span.path}:{self.span.line}"

    def could_need(self) -> frozenset[str]:
        """Every scope any candidate names (for unresolved calls)."""
        return frozenset(s for op in self.operations for alt in op.oauth2_alternatives
                         for s in alt)


@dataclass(frozen=True, slots=True)
class ScopeUse:
    """A scope string in the code (``role``: token-request, sdk-config, constant)."""

    name: str
    span: Span
    role: str


@dataclass(slots=True)
class ScopeRow:
    """One line of the scope matrix."""

    name: str
    declared: list[Span] = field(default_factory=list)
    requested: list[ScopeUse] = field(default_factory=list)
    required_by: list[CallNeed] = field(default_factory=list)
    granted: bool | None = None  # filled by the live checker; None until then
    covered_by: str | None = None  # a declared .manage twin that grants this .read scope

    def to_dict(self) -> dict[str, Any]:
        entry = scope(self.name)
        return {
            "scope": self.name,
            "known": entry is not None,
            "usable_by_api_service": entry.usable_by_api_service if entry else None,
            "declared": [_where(s) for s in self.declared],
            "requested": [{**_where(u.span), "role": u.role} for u in self.requested],
            "required_by": [
                {**_where(c.span), "method": c.method, "url_path": c.path,
                 "operations": [op.operation_id for op in c.operations]}
                for c in self.required_by
            ],
            "covered_by": self.covered_by,
            "granted": self.granted,
        }


def _where(span: Span) -> dict[str, Any]:
    return {"path": span.path, "line": span.line, "column": span.column}


def covers(have: str, needed: str) -> bool:
    """Does ``have`` grant ``needed``? Itself, or the ``.manage`` twin of a ``.read`` scope."""
    if have == needed:
        return True
    entry = scope(needed)
    return entry is not None and entry.is_read and entry.twin == have


def _satisfied(alternatives: Alternatives, granted: Iterable[str]) -> bool:
    have = frozenset(granted)
    return not alternatives or any(all(satisfies(have, s) for s in alt) for alt in alternatives)


def _preferred(alternatives: Alternatives, granted: Iterable[str] = ()) -> tuple[str, ...]:
    """The alternative to name: one the grant satisfies, else the fewest manage scopes."""
    have = frozenset(granted)
    for alt in alternatives:
        if all(satisfies(have, s) for s in alt):
            return alt
    return min(alternatives, key=lambda alt: (sum(s.endswith(".manage") for s in alt), len(alt)))


@dataclass(frozen=True, slots=True)
class Analysis:
    """The project's Okta calls, scopes requested in code, and scopes declared."""

    calls: tuple[CallNeed, ...]
    unresolved: tuple[CallNeed, ...]
    requested: tuple[ScopeUse, ...]
    declared: tuple[tuple[str, Span], ...]
    submission: Any = None
    # Answers already worked out, per question: rules ask the same ones for every finding.
    _memo: dict[tuple[str, Any], Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_calls(self) -> bool:
        return bool(self.calls or self.unresolved)

    @property
    def declared_names(self) -> frozenset[str]:
        key = ("declared_names", None)
        if key not in self._memo:
            self._memo[key] = frozenset(name for name, _ in self.declared)
        names: frozenset[str] = self._memo[key]
        return names

    @property
    def requested_names(self) -> frozenset[str]:
        key = ("requested_names", None)
        if key not in self._memo:
            self._memo[key] = frozenset(u.name for u in self.requested)
        names: frozenset[str] = self._memo[key]
        return names

    def users_of(self, name: str) -> list[CallNeed]:
        """Resolved calls one of whose alternatives ``name`` helps to satisfy."""
        key = ("users_of", name)
        if key not in self._memo:
            self._memo[key] = [c for c in self.calls if c.alternatives and any(
                covers(name, s) for alt in c.alternatives for s in alt)]
        found: list[CallNeed] = self._memo[key]
        return found

    def unresolved_users_of(self, name: str) -> list[CallNeed]:
        """Unresolved calls that might need ``name`` (any candidate names a scope it covers)."""
        key = ("unresolved_users_of", name)
        if key not in self._memo:
            self._memo[key] = [
                c for c in self.unresolved if any(covers(name, s) for s in c.could_need())]
        found: list[CallNeed] = self._memo[key]
        return found

    def missing(self, call: CallNeed, granted: Iterable[str]) -> tuple[str, ...]:
        """Scopes ``call`` needs beyond ``granted`` (empty: satisfied)."""
        have = frozenset(granted)
        if call.alternatives is None or _satisfied(call.alternatives, have):
            return ()
        best = min(call.alternatives,
                   key=lambda alt: (sum(not satisfies(have, s) for s in alt),
                                    sum(s.endswith(".manage") for s in alt)))
        return tuple(s for s in best if not satisfies(have, s))

    def read_suffices(self, name: str, granted: Iterable[str]) -> str | None:
        """For a ``.manage`` scope used only for reads: its ``.read`` twin, else None."""
        key = ("read_suffices", (name, frozenset(granted)))
        if key not in self._memo:
            self._memo[key] = self._read_suffices(name, key[1][1])
        answer: str | None = self._memo[key]
        return answer

    def _read_suffices(self, name: str, granted: frozenset[str]) -> str | None:
        entry = scope(name)
        read = twin(name)
        if entry is None or not entry.is_manage or read is None:
            return None
        users = self.users_of(name)
        if not users or self.unresolved_users_of(name):
            return None
        reduced = (frozenset(granted) - {name}) | {read}
        if all(c.alternatives is not None and _satisfied(c.alternatives, reduced)
               for c in users):
            return read
        return None

    def matrix(self) -> list[ScopeRow]:
        """Per scope: declared (where), requested in code (where), required by calls, granted."""
        rows: dict[str, ScopeRow] = {}

        def row(name: str) -> ScopeRow:
            return rows.setdefault(name, ScopeRow(name))

        for name, span in self.declared:
            row(name).declared.append(span)
        for use in self.requested:
            row(use.name).requested.append(use)
        granted = self.declared_names or self.requested_names
        for call in self.calls:
            if call.alternatives:
                for name in _preferred(call.alternatives, granted):
                    row(name).required_by.append(call)
        for entry in rows.values():
            manage = twin(entry.name)
            if (not entry.declared and entry.name.endswith(".read") and manage is not None
                    and manage in self.declared_names):
                entry.covered_by = manage
        return sorted(rows.values(), key=lambda r: r.name)


def minimal_scopes(analysis: Analysis) -> dict[str, list[str]]:
    """The fewest scopes the calls need (read where only reads are made), with where:
    ``{"okta.users.read": ["app.py:3"]}`` (for ``oinlint init``)."""
    needed: dict[str, list[str]] = {}
    for call in analysis.calls:
        if not call.alternatives:
            continue
        for name in _preferred(call.alternatives):
            places = needed.setdefault(name, [])
            if call.where not in places:
                places.append(call.where)
    # A manage scope makes its read twin redundant.
    for name in list(needed):
        manage = twin(name)
        if name.endswith(".read") and manage in needed:
            needed[manage].extend(p for p in needed.pop(name) if p not in needed[manage])
    return dict(sorted(needed.items()))


def _need(call: ApiCall) -> CallNeed:
    if call.operation_id is not None:
        op = lookup(call.operation_id)
        if op is not None:
            return CallNeed(call.span, call.context, op.method, op.path, call.via, (op,),
                            op.oauth2_alternatives, "matched")
    path = call.path_template or ""
    result = match(call.method, path) if path else None
    if result is None:
        return CallNeed(call.span, call.context, call.method, path, call.via, (), None,
                        "unresolved", "no part of the path is known")
    alternatives = result.oauth2_alternatives
    if result.status in ("matched", "ambiguous") and alternatives is not None:
        return CallNeed(call.span, call.context, call.method, result.path or path, call.via,
                        result.candidates, alternatives, result.status, result.reason)
    reason = result.reason or result.status
    if result.status == "ambiguous":
        reason = f"{reason}; the candidates need different scopes"
    return CallNeed(call.span, call.context, call.method, result.path or path, call.via,
                    result.candidates, None, result.status, reason)


def _unresolved(fact: Unresolved) -> CallNeed:
    method, _, path = fact.detail.partition(" ")
    verb = None if method in ("ANY", "") else method
    result = match(verb, path) if path else None
    candidates = result.candidates if result is not None else ()
    reason = result.reason if result is not None and result.reason else "built at runtime"
    return CallNeed(fact.span, fact.context, verb, path, "unresolved", candidates, None,
                    "unresolved", reason)


def analyse(files: Sequence[FileFacts], submission: Any = None) -> Analysis:
    """The analysis of one project (``submission``: a loaded, parsed Submission or None)."""
    calls: list[CallNeed] = []
    unresolved: list[CallNeed] = []
    requested: dict[tuple[str, Span], ScopeUse] = {}
    for facts in files:
        for fact in facts.facts:
            if isinstance(fact, ApiCall):
                need = _need(fact)
                (calls if need.alternatives is not None else unresolved).append(need)
            elif isinstance(fact, Unresolved) and fact.what == "api-call":
                unresolved.append(_unresolved(fact))
            elif isinstance(fact, ScopeList) and fact.role != "submission":
                for ref in fact.scopes:
                    key = (ref.name, ref.span)
                    old = requested.get(key)
                    if old is None or old.role == "constant":
                        requested[key] = ScopeUse(ref.name, ref.span, fact.role)
            elif isinstance(fact, TokenRequest):
                for ref in fact.scopes:
                    requested.setdefault((ref.name, ref.span),
                                         ScopeUse(ref.name, ref.span, "token-request"))
    declared: tuple[tuple[str, Span], ...] = ()
    if submission is not None and getattr(submission, "parsed", False):
        declared = tuple((s.name, s.span) for s in submission.scopes)
    order = sorted(requested.values(), key=lambda u: (u.span, u.name))
    return Analysis(tuple(calls), tuple(unresolved), tuple(order), declared, submission)
