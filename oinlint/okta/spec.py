"""Okta operations and OAuth 2.0 scopes, loaded from the generated data in ``data/``.

The data comes from Okta's own OpenAPI specs (see ``data/README.md``); this module only types
it and answers the questions rules ask: which scopes exist, which ones an OIN API service
integration may use and why not, which ``.read``/``.manage`` pair a scope belongs to, and what a
misspelt scope was probably meant to be. Everything is loaded once, on first use, and cached.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "Operation",
    "Scope",
    "data_meta",
    "implied_by",
    "is_known_scope",
    "operation_by_id",
    "operations",
    "operations_by_id",
    "satisfies",
    "scope",
    "scopes",
    "snake_case",
    "suggest",
    "twin",
]

READ, MANAGE = "read", "manage"


@dataclass(frozen=True, slots=True)
class Operation:
    """One Okta API operation and the OAuth 2.0 scopes it needs.

    ``oauth2_alternatives`` keeps the OpenAPI structure: a tuple of alternatives (ANY one will
    do), each a tuple of scopes that are ALL required. Empty means the operation names no scope
    (unauthenticated, API-token only, or client authentication such as ``/oauth2/v1/token``).
    ``family`` says which API it belongs to: ``management`` (the Admin Management API that OIN
    API service integrations call), ``oauth``, ``myaccount`` or ``governance``.
    """

    operation_id: str
    method: str
    path: str
    family: str
    oauth2_alternatives: tuple[tuple[str, ...], ...]
    auth: str
    lifecycle: str | None
    tags: tuple[str, ...]
    deprecated: bool = False
    paginated: bool = False

    @property
    def key(self) -> str:
        """``"GET /api/v1/users"``: unique across all families."""
        return f"{self.method} {self.path}"

    @property
    def scopes(self) -> tuple[str, ...]:
        """Every scope the operation names, sorted (the AND-set when there is one alternative)."""
        return tuple(sorted({s for alt in self.oauth2_alternatives for s in alt}))

    @property
    def sdk_name(self) -> str:
        """The okta-sdk-python method name: the snake_case of the operationId."""
        return snake_case(self.operation_id)

    @property
    def accepts_oauth(self) -> bool:
        """False for operations only an SSWS API token can call (an OIN integration cannot)."""
        return self.auth != "apiToken_only"

    def satisfied_by(self, granted: Iterable[str]) -> bool:
        """Would a token with ``granted`` scopes be allowed (manage counts as read)?"""
        if not self.accepts_oauth:
            return False
        if not self.oauth2_alternatives:
            return True
        have = set(granted)
        return any(all(satisfies(have, s) for s in alt) for alt in self.oauth2_alternatives)


@dataclass(frozen=True, slots=True)
class Scope:
    """One OAuth 2.0 scope name as Okta knows it (or knew it).

    ``usable_by_api_service`` is True only for the Admin Management scopes; every other scope
    carries ``why`` (one line, for a finding message) and ``basis`` (``documented`` when an Okta
    source says so, ``inference`` when it is our conclusion). ``operations`` counts the
    operations of its own API that need it. ``replacement`` is the scope to use instead, when
    there is an obvious one (``okta.users.read.self`` -> ``okta.users.read``).
    """

    name: str
    family: str
    description: str | None
    resource: str | None
    action: str | None
    twin: str | None
    operations: int
    usable_by_api_service: bool
    why: str | None = None
    basis: str | None = None
    note: str | None = None
    source: str | None = None
    replacement: str | None = None

    @property
    def is_read(self) -> bool:
        return self.action == READ

    @property
    def is_manage(self) -> bool:
        return self.action == MANAGE


# --- loading ---------------------------------------------------------------------------------


def _read_json(name: str) -> dict[str, Any]:
    text = resources.files("oinlint.okta").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def _operations_data() -> dict[str, Any]:
    return _read_json("operations.json")


@functools.cache
def _scopes_data() -> dict[str, Any]:
    return _read_json("scopes.json")


def _operation(row: Mapping[str, Any]) -> Operation:
    return Operation(
        operation_id=row["operationId"],
        method=row["method"],
        path=row["path"],
        family=row["family"],
        oauth2_alternatives=tuple(tuple(alt) for alt in row["oauth2_alternatives"]),
        auth=row["auth"],
        lifecycle=row["lifecycle"],
        tags=tuple(row["tags"]),
        deprecated=bool(row.get("deprecated", False)),
        paginated=bool(row.get("paginated", False)),
    )


def _scope(row: Mapping[str, Any]) -> Scope:
    return Scope(
        name=row["name"],
        family=row["family"],
        description=row["description"],
        resource=row["resource"],
        action=row["action"],
        twin=row["twin"],
        operations=row["operations"],
        usable_by_api_service=row["usable_by_api_service"],
        why=row.get("why"),
        basis=row.get("basis"),
        note=row.get("note"),
        source=row.get("source"),
        replacement=row.get("replacement"),
    )


@functools.cache
def operations() -> tuple[Operation, ...]:
    """Every known operation, management first, then by path and method."""
    return tuple(_operation(row) for row in _operations_data()["operations"])


@functools.cache
def scopes() -> tuple[Scope, ...]:
    """Every known scope: the Admin Management ones first, then the other families."""
    return tuple(_scope(row) for row in _scopes_data()["scopes"])


def data_meta() -> Mapping[str, Any]:
    """Spec versions, source commits and counts recorded by the generator."""
    meta: Mapping[str, Any] = _operations_data()["meta"]
    return meta


@functools.cache
def _scope_index() -> dict[str, Scope]:
    return {s.name: s for s in scopes()}


def scope(name: str) -> Scope | None:
    """The catalogue entry for ``name`` (exact, case-sensitive as Okta is), or None."""
    return _scope_index().get(name)


def is_known_scope(name: str) -> bool:
    return name in _scope_index()


def twin(name: str) -> str | None:
    """The ``.manage`` scope for a ``.read`` one and vice versa; None when there is none."""
    entry = _scope_index().get(name)
    return entry.twin if entry else None


def implied_by(name: str) -> tuple[str, ...]:
    """Scopes that grant ``name``: itself and, for a read scope, its manage twin."""
    entry = _scope_index().get(name)
    if entry is not None and entry.is_read and entry.twin:
        return (name, entry.twin)
    return (name,)


def satisfies(granted: Iterable[str], required: str) -> bool:
    """Does a token holding ``granted`` cover ``required``? (Okta docs: manage ⊇ read.)"""
    have = granted if isinstance(granted, (set, frozenset)) else set(granted)
    return any(s in have for s in implied_by(required))


# --- operation ids ---------------------------------------------------------------------------


def snake_case(name: str) -> str:
    """``listLogEvents`` -> ``list_log_events``: how okta-sdk-python names its methods."""
    name = re.sub(r"[-\s.]+", "_", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", name)
    return name.lower()


@functools.cache
def _by_id() -> dict[str, tuple[Operation, ...]]:
    index: dict[str, list[Operation]] = {}
    for op in operations():
        index.setdefault(op.operation_id, []).append(op)
    return {k: tuple(v) for k, v in index.items()}


def operations_by_id(operation_id: str) -> tuple[Operation, ...]:
    """All operations with this operationId (a few ids repeat across families)."""
    return _by_id().get(operation_id, ())


def operation_by_id(operation_id: str, family: str | None = "management") -> Operation | None:
    """The operation with this operationId in ``family`` (None: the first family that has it)."""
    for op in operations_by_id(operation_id):
        if family is None or op.family == family:
            return op
    return None


# --- did you mean ----------------------------------------------------------------------------

_MANAGE_WORDS = frozenset({"manage", "write", "update", "create", "delete", "admin", "all", "full",
                           "modify", "edit", "readwrite", "rw", "crud", "manager", "manages",
                           "writer", "put", "post", "patch"})
_READ_WORDS = frozenset({"read", "get", "list", "view", "readonly", "ro", "reader", "reads",
                         "search", "query"})
_RESOURCE_SYNONYMS: dict[str, str] = {
    "app": "apps", "application": "apps", "applications": "apps",
    "org": "orgs", "organization": "orgs", "organizations": "orgs", "organisation": "orgs",
    "log": "logs", "systemlog": "logs", "systemlogs": "logs", "syslog": "logs",
    "zone": "networkZones", "zones": "networkZones", "networkzone": "networkZones",
    "authserver": "authorizationServers", "authservers": "authorizationServers",
    "identityprovider": "idps", "identityproviders": "idps", "idp": "idps",
    "role": "roles", "adminroles": "roles", "user": "users", "group": "groups",
    "policy": "policies", "session": "sessions", "device": "devices", "schema": "schemas",
    "threatinsight": "threatInsights", "threadinsights": "threatInsights",
    "logstream": "logStreams", "eventhook": "eventHooks", "inlinehook": "inlineHooks",
    "brand": "brands", "domain": "domains", "template": "templates", "factor": "factors",
    "apitoken": "apiTokens", "tokens": "apiTokens", "usertype": "userTypes",
    "client": "clients", "integration": "oauthIntegrations", "integrations": "oauthIntegrations",
}


@functools.cache
def _lower_index() -> dict[str, str]:
    return {name.lower(): name for name in _scope_index()}


@functools.cache
def _resources() -> dict[str, dict[str, str]]:
    """Lowercased resource -> {action: scope name}, usable families first."""
    index: dict[str, dict[str, str]] = {}
    for entry in sorted(scopes(), key=lambda s: not s.usable_by_api_service):
        if entry.resource and entry.action:
            index.setdefault(entry.resource.lower(), {}).setdefault(entry.action, entry.name)
    return index


def _resource_candidates(resource: str) -> list[str]:
    """Spellings of a resource to try: as written, synonyms, singular/plural."""
    head, _, last = resource.rpartition(".")
    forms = [last, _RESOURCE_SYNONYMS.get(last, last).lower()]
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    elif last.endswith("y"):
        forms.append(last[:-1] + "ies")
    forms.append(last[:-1] if last.endswith("s") else last + "s")
    prefix = f"{head}." if head else ""
    return [prefix + form for form in dict.fromkeys(forms)]


def _structural(name: str) -> list[str]:
    """Suggestions from the shape okta.<resource>.<action>: fix separators, case, words."""
    text = re.sub(r"[\s:/_\-]+", ".", name.strip().strip("'\"")).strip(".")
    text = re.sub(r"\.{2,}", ".", text)
    lowered = text.lower()
    if not lowered.startswith(("okta.", "ssf.")):
        lowered = "okta." + lowered
    parts = lowered.split(".")
    if parts[-1] == "self":
        parts = parts[:-1]
    action = parts[-1]
    if action in _MANAGE_WORDS:
        wanted, resource = [MANAGE, READ], ".".join(parts[:-1])
    elif action in _READ_WORDS:
        wanted, resource = [READ, MANAGE], ".".join(parts[:-1])
    else:
        wanted, resource = [READ, MANAGE], lowered
    out: list[str] = []
    index = _resources()
    for candidate in _resource_candidates(resource):
        actions = index.get(candidate)
        if actions:
            # The intended action first; else its twin (okta.logs.manage -> okta.logs.read).
            out.extend(actions[a] for a in wanted if a in actions)
            break
    exact = _lower_index().get(lowered)
    return ([exact] if exact else []) + out


def suggest(name: str, limit: int = 3) -> tuple[str, ...]:
    """"Did you mean" for an unknown scope, best first; empty when ``name`` is known or hopeless.

    Tries, in order: typos Okta's own pages printed, a case-insensitive match, the
    okta.<resource>.<action> shape with common slips (``okta.user.read``, ``okta.users.write``,
    ``okta.logs.manage``, ``users:read``), then difflib over every known name.
    """
    if not name or is_known_scope(name):
        return ()
    typos: Mapping[str, str] = _scopes_data()["meta"].get("doc_typos", {})
    found: list[str] = []
    if name in typos:
        found.append(typos[name])
    lowered = name.strip().lower()
    if lowered in _lower_index():
        found.append(_lower_index()[lowered])
    found.extend(_structural(name))
    # Spelling neighbours: only close ones once the structure already gave an answer.
    cutoff = 0.9 if found else 0.8
    close = difflib.get_close_matches(lowered, list(_lower_index()), n=limit, cutoff=cutoff)
    found.extend(_lower_index()[c] for c in close)
    return tuple(dict.fromkeys(found))[:limit]
