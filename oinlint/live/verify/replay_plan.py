"""What verify replays: the token requests the code makes and the Okta calls it needs scopes for.

The static analysis already knows both (``TokenRequest`` and ``ScopeList`` facts, and the
:class:`~oinlint.scope_analysis.Analysis` of the calls); :func:`plan_from_facts` turns them into
a :class:`ReplayPlan`, plain data that the live check replays against an org without reading
source. A request whose scopes the analysis could not resolve stays unresolved: it is listed,
never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from oinlint.facts import FileFacts, ScopeList, ScopeRef, Span, TokenRequest
from oinlint.scope_analysis import Analysis, CallNeed

__all__ = ["CodeCall", "CodeRequest", "ReplayPlan", "plan_from_facts"]

# The fact's client authentication → the OAuth token_endpoint_auth_method it is.
AUTH_METHODS = {"basic": "client_secret_basic", "body-secret": "client_secret_post",
                "private-key-jwt": "private_key_jwt"}


@dataclass(frozen=True, slots=True)
class CodeRequest:
    """One token request in the code. ``scopes`` is None when they could not be resolved."""

    span: Span
    scopes: tuple[ScopeRef, ...] | None
    auth_method: str | None  # client_secret_basic, client_secret_post, private_key_jwt
    endpoint_kind: str  # org, custom, unknown
    grant_type: str | None
    via: str

    @property
    def where(self) -> str:
        return f"{self.span.path}:{self.span.line}"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.name for ref in self.scopes or ()))

    @property
    def replayable(self) -> bool:
        """Scopes known and a client-credentials grant (what an OIN integration uses)."""
        return bool(self.scopes) and self.grant_type in (None, "client_credentials")


@dataclass(frozen=True, slots=True)
class CodeCall:
    """One Okta call: what it needs (``alternatives``: AND-sets; None when unresolved)."""

    span: Span
    label: str
    alternatives: tuple[tuple[str, ...], ...] | None
    could_need: frozenset[str] = frozenset()  # unresolved: every scope a candidate names

    @property
    def where(self) -> str:
        return f"{self.span.path}:{self.span.line}"


@dataclass(frozen=True)
class ReplayPlan:
    """The project's token requests and Okta calls, with paths as verify shows them."""

    requests: tuple[CodeRequest, ...] = ()
    calls: tuple[CodeCall, ...] = ()
    unresolved_calls: tuple[CodeCall, ...] = ()

    @property
    def resolved(self) -> list[CodeRequest]:
        return [r for r in self.requests if r.scopes]

    @property
    def unresolved(self) -> list[CodeRequest]:
        return [r for r in self.requests if not r.scopes]


def _inside(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and (
        (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column))


def _requests_of(facts: FileFacts) -> list[CodeRequest]:
    """A file's token requests, each with the scope strings written in it (if any)."""
    token_requests = [f for f in facts.facts if isinstance(f, TokenRequest)]
    lists = [f for f in facts.facts if isinstance(f, ScopeList)]
    found: list[CodeRequest] = []
    paired: set[int] = set()
    for request in token_requests:
        refs: list[ScopeRef] = list(request.scopes)
        for index, scope_list in enumerate(lists):
            if scope_list.role == "token-request" and _inside(scope_list.span, request.span):
                refs.extend(scope_list.scopes)
                paired.add(index)
        found.append(CodeRequest(
            request.span, tuple(refs) or None, AUTH_METHODS.get(request.client_auth),
            request.endpoint_kind, request.grant_type, request.via))
    for index, scope_list in enumerate(lists):
        if index in paired or scope_list.role not in ("token-request", "sdk-config"):
            continue
        # okta-sdk-python and friends fetch their own tokens, signed with a private key.
        sdk = scope_list.role == "sdk-config"
        found.append(CodeRequest(scope_list.span, scope_list.scopes,
                                 "private_key_jwt" if sdk else None, "org" if sdk else "unknown",
                                 None, "sdk" if sdk else "http"))
    return found


def _call(need: CallNeed, place: Callable[[Span], Span]) -> CodeCall:
    return CodeCall(place(need.span), need.label, need.alternatives, need.could_need())


def plan_from_facts(files: Sequence[FileFacts], analysis: Analysis,
                    place: Callable[[Span], Span] = lambda span: span) -> ReplayPlan:
    """The plan for a project: ``place`` maps a fact's span to the path verify shows."""

    def moved(refs: Iterable[ScopeRef]) -> tuple[ScopeRef, ...]:
        return tuple(ScopeRef(r.name, place(r.span)) for r in refs)

    requests: list[CodeRequest] = []
    for facts in files:
        for request in _requests_of(facts):
            scopes = moved(request.scopes) if request.scopes is not None else None
            requests.append(replace(request, span=place(request.span), scopes=scopes))
    requests.sort(key=lambda r: (r.span.path, r.span.line, r.span.column))
    return ReplayPlan(tuple(requests),
                      tuple(_call(c, place) for c in analysis.calls),
                      tuple(_call(c, place) for c in analysis.unresolved))
