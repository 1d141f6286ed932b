"""The emulator's configuration: the ``org.yaml`` format, validated with clear messages.

The format has one documented home here (docs/live-check.md describes it key by key): clients,
token lifetime, how refused scopes are answered, issuer and token endpoint overrides, rate
limits, faults, and the ``data`` key (read by :mod:`~oinlint.live.emulator.org_data`).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ALNUM",
    "AUTH_METHODS",
    "ClientConfig",
    "EmulatorConfig",
    "EmulatorConfigError",
    "Fault",
    "RateLimits",
    "new_client_id",
    "new_client_secret",
    "parse_config",
]

AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt")
FAULT_KINDS = ("status", "delay", "malformed", "redirect", "rate_limit", "drop")
SCOPE_REFUSALS = ("invalid_scope", "list", "downscope")
ALNUM = string.ascii_letters + string.digits


class EmulatorConfigError(Exception):
    """A bad ``org.yaml``: names the key and what is allowed."""


def new_client_id() -> str:
    """An Okta-shaped client id: ``0oa`` + 17 characters (20 in all)."""
    return "0oa" + "".join(secrets.choice(ALNUM) for _ in range(17))


def new_client_secret() -> str:
    """A 40-character client secret, like the ones Okta shows at install time."""
    return "".join(secrets.choice(ALNUM + "-_") for _ in range(40))


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
    """A validated ``org.yaml``."""

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
