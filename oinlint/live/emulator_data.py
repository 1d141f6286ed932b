"""The emulator's configuration (``org.yaml``) and its small in-memory Okta data set.

Kept apart from the server so that the configuration format has one documented home
(docs/live-check.md describes it key by key) and can be validated with clear messages.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = [
    "AUTH_METHODS",
    "ClientConfig",
    "EmulatorConfig",
    "EmulatorConfigError",
    "Fault",
    "OrgData",
    "RateLimits",
    "new_client_id",
    "new_client_secret",
    "parse_config",
]

AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt")
FAULT_KINDS = ("status", "delay", "malformed", "redirect", "rate_limit", "drop")
SCOPE_REFUSALS = ("invalid_scope", "list", "downscope")
_ALNUM = string.ascii_letters + string.digits


class EmulatorConfigError(Exception):
    """A bad ``org.yaml``: names the key and what is allowed."""


def new_client_id() -> str:
    """An Okta-shaped client id: ``0oa`` + 17 characters (20 in all)."""
    return "0oa" + "".join(secrets.choice(_ALNUM) for _ in range(17))


def new_client_secret() -> str:
    """A 40-character client secret, like the ones Okta shows at install time."""
    return "".join(secrets.choice(_ALNUM + "-_") for _ in range(40))


@dataclass
class ClientConfig:
    """One OAuth client of the org: an OIN API service instance by default."""

    client_id: str = field(default_factory=new_client_id)
    client_secret: str | None = field(default_factory=new_client_secret)
    scopes: tuple[str, ...] = ()
    auth_methods: tuple[str, ...] = ("client_secret_basic",)
    jwks: tuple[dict[str, Any], ...] = ()
    dpop: bool = False


@dataclass
class Fault:
    """An injected misbehaviour for requests whose path matches (``*`` globs allowed).

    ``times`` is how often it fires (``None``: always), after ``skip`` matching requests.
    """

    path: str = "*"
    method: str | None = None
    kind: str = "status"
    status: int = 503
    seconds: float = 0.0
    location: str = ""
    reset_after: int = 1
    times: int | None = None
    skip: int = 0
    fired: int = 0
    seen: int = 0


@dataclass
class RateLimits:
    """Per-bucket request budget per window (a bucket is the path's first three segments)."""

    window_seconds: int = 60
    default: int = 600
    buckets: dict[str, int] = field(default_factory=dict)

    def limit_for(self, bucket: str) -> int:
        return self.buckets.get(bucket, self.default)


@dataclass
class EmulatorConfig:
    clients: list[ClientConfig] = field(default_factory=list)
    token_lifetime: int = 3600
    scope_refusal: str = "invalid_scope"
    issuer: str | None = None
    token_endpoint: str | None = None
    rate_limits: RateLimits = field(default_factory=RateLimits)
    faults: list[Fault] = field(default_factory=list)
    data: Mapping[str, Any] = field(default_factory=dict)


def _want(value: Any, kind: type | tuple[type, ...], where: str, what: str) -> Any:
    if not isinstance(value, kind):
        raise EmulatorConfigError(f"{where}: must be {what}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(value.split())
    items = _want(value, list, where, "a list of strings")
    return tuple(str(_want(v, str, where, "a list of strings")) for v in items)


def _client(raw: Any, where: str) -> ClientConfig:
    data = _want(raw, dict, where, "a mapping")
    known = {"client_id", "client_secret", "scopes", "auth_methods", "jwks", "public_jwk", "dpop"}
    for key in data:
        if key not in known:
            raise EmulatorConfigError(f"{where}: unknown key '{key}' (allowed: "
                                      f"{', '.join(sorted(known))})")
    client = ClientConfig()
    if "client_id" in data:
        client.client_id = str(_want(data["client_id"], str, f"{where}.client_id", "a string"))
    if "client_secret" in data:
        secret = data["client_secret"]
        client.client_secret = None if secret is None else str(secret)
    client.scopes = _strings(data.get("scopes", []), f"{where}.scopes")
    if "auth_methods" in data:
        client.auth_methods = _strings(data["auth_methods"], f"{where}.auth_methods")
        for method in client.auth_methods:
            if method not in AUTH_METHODS:
                raise EmulatorConfigError(f"{where}.auth_methods: '{method}' is not one of "
                                          f"{', '.join(AUTH_METHODS)}")
    keys: list[dict[str, Any]] = []
    if "jwks" in data:
        jwks = _want(data["jwks"], dict, f"{where}.jwks", "a JWK set ({keys: [...]})")
        keys.extend(_want(jwks.get("keys"), list, f"{where}.jwks.keys", "a list of JWKs"))
    if "public_jwk" in data:
        keys.append(_want(data["public_jwk"], dict, f"{where}.public_jwk", "a JWK"))
    for key in keys:
        if "d" in key:
            raise EmulatorConfigError(f"{where}: a client's JWK must be public (no 'd')")
    client.jwks = tuple(keys)
    if keys and "auth_methods" not in data:
        client.auth_methods = ("private_key_jwt",)
    client.dpop = bool(data.get("dpop", False))
    return client


def _fault(raw: Any, where: str) -> Fault:
    data = _want(raw, dict, where, "a mapping")
    fault = Fault()
    for key, value in data.items():
        if key not in {"path", "method", "kind", "status", "seconds", "location", "reset_after",
                       "times", "skip"}:
            raise EmulatorConfigError(f"{where}: unknown key '{key}'")
        if key in {"path", "location"}:
            setattr(fault, key, str(value))
        elif key == "method":
            fault.method = str(value).upper()
        elif key == "kind":
            if value not in FAULT_KINDS:
                raise EmulatorConfigError(
                    f"{where}.kind: '{value}' is not one of {', '.join(FAULT_KINDS)}")
            fault.kind = str(value)
        elif key == "seconds":
            fault.seconds = float(_want(value, (int, float), f"{where}.seconds", "a number"))
        elif key == "times":
            fault.times = None if value is None else int(
                _want(value, int, f"{where}.times", "an integer"))
        else:
            setattr(fault, key, int(_want(value, int, f"{where}.{key}", "an integer")))
    if fault.kind == "redirect" and not fault.location:
        raise EmulatorConfigError(f"{where}: a redirect fault needs a 'location'")
    return fault


def parse_config(raw: Mapping[str, Any] | None) -> EmulatorConfig:
    """Validate a loaded ``org.yaml`` (or a dict from a test) into :class:`EmulatorConfig`."""
    config = EmulatorConfig()
    if raw is None:
        return config
    data = _want(raw, Mapping, "org config", "a mapping")
    allowed = {"clients", "token_lifetime", "scope_refusal", "issuer", "token_endpoint",
               "rate_limits", "faults", "data"}
    for key in data:
        if key not in allowed:
            raise EmulatorConfigError(
                f"org config: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
    config.clients = [_client(c, f"clients[{i}]")
                      for i, c in enumerate(_want(data.get("clients", []), list, "clients",
                                                  "a list"))]
    config.token_lifetime = int(_want(data.get("token_lifetime", 3600), int, "token_lifetime",
                                      "an integer (seconds)"))
    refusal = str(data.get("scope_refusal", "invalid_scope"))
    if refusal not in SCOPE_REFUSALS:
        raise EmulatorConfigError(
            f"scope_refusal: '{refusal}' is not one of {', '.join(SCOPE_REFUSALS)}")
    config.scope_refusal = refusal
    for key in ("issuer", "token_endpoint"):
        if data.get(key) is not None:
            setattr(config, key, str(data[key]))
    limits = _want(data.get("rate_limits", {}), dict, "rate_limits", "a mapping")
    config.rate_limits = RateLimits(
        window_seconds=int(limits.get("window_seconds", 60)),
        default=int(limits.get("default", 600)),
        buckets={str(k): int(v) for k, v in dict(limits.get("buckets", {})).items()},
    )
    config.faults = [_fault(f, f"faults[{i}]")
                     for i, f in enumerate(_want(data.get("faults", []), list, "faults",
                                                 "a list"))]
    config.data = dict(_want(data.get("data", {}), dict, "data", "a mapping"))
    return config


# --- the data set -------------------------------------------------------------------------

def _okta_id(prefix: str, seed: str) -> str:
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    body = "".join(_ALNUM[int(digest[i : i + 2], 16) % len(_ALNUM)] for i in range(0, 34, 2))
    return prefix + body


_EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


DEFAULT_USERS: tuple[dict[str, Any], ...] = (
    {"login": "ada.admin@example.com", "firstName": "Ada", "lastName": "Admin"},
    {"login": "bo.builder@example.com", "firstName": "Bo", "lastName": "Builder"},
    {"login": "cy.contractor@example.com", "firstName": "Cy", "lastName": "Contractor",
     "status": "SUSPENDED"},
)
DEFAULT_GROUPS: tuple[dict[str, Any], ...] = (
    {"name": "Everyone", "description": "All users in your organization",
     "type": "BUILT_IN",
     "members": ["ada.admin@example.com", "bo.builder@example.com", "cy.contractor@example.com"]},
    {"name": "Engineering", "description": "Builders", "members": ["bo.builder@example.com"]},
)
DEFAULT_APPS: tuple[dict[str, Any], ...] = (
    {"label": "Acme Access Review", "name": "oidc_client", "signOnMode": "OPENID_CONNECT",
     "users": ["ada.admin@example.com"]},
    {"label": "Wiki", "name": "bookmark", "signOnMode": "BOOKMARK",
     "users": ["ada.admin@example.com", "bo.builder@example.com"]},
)
DEFAULT_LOGS: tuple[dict[str, Any], ...] = (
    {"eventType": "user.session.start", "displayMessage": "User login to Okta",
     "actor": "ada.admin@example.com"},
    {"eventType": "user.session.start", "displayMessage": "User login to Okta",
     "actor": "bo.builder@example.com"},
    {"eventType": "group.user_membership.add", "displayMessage": "Add user to group membership",
     "actor": "ada.admin@example.com"},
    {"eventType": "user.lifecycle.suspend", "displayMessage": "Suspend Okta user",
     "actor": "ada.admin@example.com"},
    {"eventType": "application.user_membership.add",
     "displayMessage": "Add user to application membership", "actor": "ada.admin@example.com"},
)


class OrgData:
    """Users, groups, apps and System Log events in Okta's JSON shapes, kept in memory."""

    def __init__(self, raw: Mapping[str, Any] | None = None) -> None:
        raw = raw or {}
        self.users: dict[str, dict[str, Any]] = {}
        self.groups: dict[str, dict[str, Any]] = {}
        self.apps: dict[str, dict[str, Any]] = {}
        self.logs: list[dict[str, Any]] = []
        self.group_members: dict[str, list[str]] = {}
        self.app_users: dict[str, list[str]] = {}
        for i, user in enumerate(self._list(raw, "users", DEFAULT_USERS)):
            self.add_user(user, created=_EPOCH + timedelta(days=i))
        for i, group in enumerate(self._list(raw, "groups", DEFAULT_GROUPS)):
            self.add_group(group, created=_EPOCH + timedelta(days=i))
        for i, app in enumerate(self._list(raw, "apps", DEFAULT_APPS)):
            self.add_app(app, created=_EPOCH + timedelta(days=i))
        for i, event in enumerate(self._list(raw, "logs", DEFAULT_LOGS)):
            self.add_log(event, published=_EPOCH + timedelta(hours=i))

    @staticmethod
    def _list(raw: Mapping[str, Any], key: str,
              default: Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
        value = raw.get(key, default)
        if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
            raise EmulatorConfigError(f"data.{key}: must be a list of mappings")
        return value

    def user_id(self, id_or_login: str) -> str | None:
        if id_or_login in self.users:
            return id_or_login
        for uid, user in self.users.items():
            if user["profile"]["login"].lower() == id_or_login.lower():
                return uid
        return None

    def add_user(self, raw: Mapping[str, Any], created: datetime | None = None) -> dict[str, Any]:
        profile = dict(raw.get("profile", {}))
        for key in ("login", "firstName", "lastName", "email"):
            if key in raw:
                profile[key] = raw[key]
        login = str(profile.get("login") or profile.get("email") or "")
        if not login:
            raise EmulatorConfigError("data.users: each user needs a login")
        profile.setdefault("email", login)
        profile.setdefault("firstName", login.split("@")[0])
        profile.setdefault("lastName", "")
        uid = str(raw.get("id") or _okta_id("00u", login))
        when = _iso(created or datetime.now(UTC))
        user = {
            "id": uid,
            "status": str(raw.get("status", "ACTIVE")),
            "created": when,
            "activated": when,
            "statusChanged": when,
            "lastLogin": None,
            "lastUpdated": when,
            "passwordChanged": None,
            "type": {"id": "oty1examplestdusr"},
            "profile": profile,
            "credentials": {"provider": {"type": "OKTA", "name": "OKTA"}},
            "_links": {},
        }
        self.users[uid] = user
        return user

    def add_group(self, raw: Mapping[str, Any], created: datetime | None = None) -> dict[str, Any]:
        profile = dict(raw.get("profile", {}))
        for key in ("name", "description"):
            if key in raw:
                profile[key] = raw[key]
        name = str(profile.get("name") or "")
        if not name:
            raise EmulatorConfigError("data.groups: each group needs a name")
        gid = str(raw.get("id") or _okta_id("00g", name))
        when = _iso(created or datetime.now(UTC))
        group = {"id": gid, "created": when, "lastUpdated": when, "lastMembershipUpdated": when,
                 "objectClass": ["okta:user_group"], "type": str(raw.get("type", "OKTA_GROUP")),
                 "profile": {"name": name, "description": profile.get("description", "")},
                 "_links": {}}
        self.groups[gid] = group
        members = [self.user_id(str(m)) for m in raw.get("members", [])]
        self.group_members[gid] = [m for m in members if m]
        return group

    def add_app(self, raw: Mapping[str, Any], created: datetime | None = None) -> dict[str, Any]:
        label = str(raw.get("label") or "")
        if not label:
            raise EmulatorConfigError("data.apps: each app needs a label")
        aid = str(raw.get("id") or _okta_id("0oa", label))
        when = _iso(created or datetime.now(UTC))
        app = {"id": aid, "name": str(raw.get("name", "bookmark")), "label": label,
               "status": str(raw.get("status", "ACTIVE")), "created": when, "lastUpdated": when,
               "signOnMode": str(raw.get("signOnMode", "BOOKMARK")), "features": [],
               "_links": {}}
        self.apps[aid] = app
        users = [self.user_id(str(u)) for u in raw.get("users", [])]
        self.app_users[aid] = [u for u in users if u]
        return app

    def add_log(self, raw: Mapping[str, Any], published: datetime | None = None) -> dict[str, Any]:
        actor_login = str(raw.get("actor", "system@okta.com"))
        actor_id = self.user_id(actor_login) or "0oa1system"
        when = published or datetime.now(UTC)
        event = {
            "uuid": str(raw.get("uuid") or hashlib.sha1(
                f"{actor_login}{when.isoformat()}{raw.get('eventType')}".encode(),
                usedforsecurity=False).hexdigest()),
            "published": _iso(when),
            "eventType": str(raw.get("eventType", "user.session.start")),
            "version": "0",
            "severity": str(raw.get("severity", "INFO")),
            "displayMessage": str(raw.get("displayMessage", "")),
            "actor": {"id": actor_id, "type": "User", "alternateId": actor_login,
                      "displayName": actor_login.split("@")[0]},
            "outcome": {"result": str(raw.get("outcome", "SUCCESS"))},
            "target": [],
        }
        self.logs.append(event)
        return event
