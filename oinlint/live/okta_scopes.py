"""Okta's scopes as the live code asks about them: one door to Okta's operation → scope data.

The generated catalogue (:mod:`oinlint.okta.spec`) and matcher (:mod:`oinlint.okta.matcher`)
live in :mod:`oinlint.okta`; this module adapts them to the questions the live code asks: which
operation does a request reach and which scopes does it need (emulator scope enforcement), which
read-only call proves a scope (``--probe``), what is a scope's read/manage twin and which scopes
exist (the undeclared-scope check).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from oinlint.okta import matcher, spec

__all__ = [
    "OperationMatch",
    "is_known_scope",
    "known_scopes",
    "match_operation",
    "path_exists",
    "probe_for",
    "satisfies",
    "twin",
]


@dataclass(frozen=True, slots=True)
class OperationMatch:
    """An Okta operation and the scopes it needs.

    ``alternatives`` is OR of AND-sets (OpenAPI security semantics); empty means the operation
    names no OAuth scope. ``accepts_oauth`` is False for API-token-only operations.
    """

    operation_id: str
    method: str
    template: str
    alternatives: tuple[frozenset[str], ...]
    accepts_oauth: bool = True


# A cheap read-only call per resource: the probe for its read and manage scope. Listing calls
# take ``limit=1`` so that a probe reads at most one object.
_PREFERRED_PROBES: dict[str, str] = {
    "okta.users": "/api/v1/users?limit=1",
    "okta.groups": "/api/v1/groups?limit=1",
    "okta.apps": "/api/v1/apps?limit=1",
    "okta.logs": "/api/v1/logs?limit=1",
    "okta.orgs": "/api/v1/org",
    "okta.roles": "/api/v1/iam/roles",
    "okta.networkZones": "/api/v1/zones?limit=1",
    "okta.authorizationServers": "/api/v1/authorizationServers?limit=1",
    "okta.idps": "/api/v1/idps?limit=1",
    "okta.policies": "/api/v1/policies?type=OKTA_SIGN_ON",
    "okta.devices": "/api/v1/devices?limit=1",
    "okta.oauthIntegrations": "/integrations/api/v1/api-services",
}


def twin(scope: str) -> str | None:
    """``okta.x.read`` ↔ ``okta.x.manage`` (``None`` when the scope has no twin)."""
    return spec.twin(scope)


@functools.cache
def known_scopes() -> frozenset[str]:
    """The Admin Management scopes an API service integration can be granted."""
    return frozenset(s.name for s in spec.scopes() if s.usable_by_api_service)


def is_known_scope(scope: str) -> bool:
    return spec.is_known_scope(scope)


def satisfies(granted: Iterable[str], needed: frozenset[str]) -> bool:
    """Whether a token's scopes cover one AND-set; a ``.manage`` scope also covers its ``.read``."""
    have = frozenset(granted)
    return all(spec.satisfies(have, scope) for scope in needed)


def match_operation(method: str, path: str) -> OperationMatch | None:
    """The operation a concrete request reaches, or ``None`` when no Okta operation has it."""
    result = matcher.match(method.upper(), path.split("?", 1)[0])
    if result.status not in ("matched", "ambiguous") or not result.candidates:
        return None
    op = result.candidates[0]
    return OperationMatch(
        operation_id=op.operation_id,
        method=op.method,
        template=op.path,
        alternatives=tuple(frozenset(alt) for alt in op.oauth2_alternatives),
        accepts_oauth=op.accepts_oauth,
    )


def path_exists(path: str) -> bool:
    """Whether any method of any Okta operation has this path (405 rather than 404)."""
    result = matcher.match(None, path.split("?", 1)[0])
    return bool(result.candidates) and result.status in ("matched", "ambiguous")


@functools.cache
def probe_for(scope: str) -> str | None:
    """A read-only GET (path and query) that a token with ``scope`` may call, or ``None``."""
    entry = spec.scope(scope)
    if entry is None or not entry.usable_by_api_service:
        return None
    read = scope if entry.is_read else (entry.twin or scope)
    resource = read.rsplit(".", 1)[0]
    if resource in _PREFERRED_PROBES:
        return _PREFERRED_PROBES[resource]
    found = [op.path for op in spec.operations()
             if op.family == "management" and op.method == "GET" and "{" not in op.path
             and op.accepts_oauth and ((read,),) == op.oauth2_alternatives]
    return min(found, key=lambda p: (len(p), p)) if found else None
