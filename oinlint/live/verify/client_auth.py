"""Who ``oinlint verify`` authenticates as: a client id with a client secret or a private key.

OIN API service instances get a client secret (``client_secret_basic``); ``--private-key``
reads a PEM or JWK private key for ``private_key_jwt``. Secret material is remembered for
redaction as soon as it is read, and never shown by ``repr``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from oinlint.redact import remember_secret

__all__ = ["Credentials", "PrivateKey", "PrivateKeyError", "load_private_key"]


class PrivateKeyError(Exception):
    """``--private-key`` could not be read as a PEM or JWK private key."""


@dataclass(frozen=True)
class PrivateKey:
    """A private key for ``private_key_jwt``; only its algorithm and kid are ever shown."""

    key: Any
    algorithm: str
    key_id: str | None

    def __repr__(self) -> str:
        return f"PrivateKey(algorithm={self.algorithm!r}, key_id={self.key_id!r})"


def _algorithm_for(key: Any) -> str:
    if isinstance(key, rsa.RSAPrivateKey):
        return "RS256"
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}.get(
            key.curve.name, "ES256")
    raise PrivateKeyError("the private key must be an RSA or EC (P-256/384/521) key")


def load_private_key(path: Path, key_id: str | None = None) -> PrivateKey:
    """Read a PEM (PKCS#1/PKCS#8) or JWK private key; remember its material as secret."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PrivateKeyError(f"cannot read private key file {path}: "
                              f"{getattr(exc, 'strerror', None) or exc}") from None
    remember_secret(text)
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            jwk = json.loads(stripped)
        except ValueError:
            raise PrivateKeyError(f"{path}: not valid JSON (expected a JWK)") from None
        if isinstance(jwk, dict) and "keys" in jwk and isinstance(jwk["keys"], list):
            jwk = jwk["keys"][0] if jwk["keys"] else {}
        if not isinstance(jwk, dict) or "d" not in jwk:
            raise PrivateKeyError(f"{path}: the JWK is not a private key (no 'd')")
        for member in ("d", "p", "q", "dp", "dq", "qi"):
            if isinstance(jwk.get(member), str):
                remember_secret(jwk[member])
        try:
            key = jwt.PyJWK(jwk).key
        except (jwt.PyJWTError, ValueError, KeyError, TypeError):
            raise PrivateKeyError(f"{path}: unsupported JWK (use RSA or EC)") from None
        return PrivateKey(key, str(jwk.get("alg") or _algorithm_for(key)),
                          key_id or (str(jwk["kid"]) if jwk.get("kid") else None))
    if "PRIVATE KEY-----" not in text:
        raise PrivateKeyError(f"{path}: not a PEM private key or a JWK")
    try:
        key = serialization.load_pem_private_key(text.encode("utf-8"), password=None)
    except (ValueError, TypeError):
        raise PrivateKeyError(f"{path}: the PEM private key cannot be read (encrypted keys "
                              "are not supported)") from None
    return PrivateKey(key, _algorithm_for(key), key_id)


@dataclass(frozen=True)
class Credentials:
    """The client's identity: a client secret (OIN instances) or a private key."""

    client_id: str
    secret: str | None = None
    private_key: PrivateKey | None = None

    def __post_init__(self) -> None:
        if self.secret:
            remember_secret(self.secret)

    def __repr__(self) -> str:
        return f"Credentials(client_id={self.client_id!r}, method={self.method!r})"

    @property
    def method(self) -> str:
        return "private_key_jwt" if self.private_key is not None else "client_secret_basic"
