"""DPoP (RFC 9449) proofs: made by the checker, checked by the emulator.

One module for both sides so that they agree on the details Okta documents: ``typ: dpop+jwt``,
the public ``jwk`` in the header, ``htm``/``htu``/``iat``/``jti`` claims, ``nonce`` after a
``use_dpop_nonce`` answer, ``ath`` on resource calls and the RFC 7638 thumbprint in ``cnf.jkt``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

from oinlint.redact import remember_secret

__all__ = [
    "DPoPKey",
    "ProofError",
    "access_token_hash",
    "htu_of",
    "jwk_thumbprint",
    "verify_proof",
]

ALGORITHMS = ("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
MAX_AGE = 300  # Okta: "issued more than five minutes in the past" is refused
MAX_SKEW = 60


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwk_thumbprint(jwk: Mapping[str, Any]) -> str:
    """RFC 7638 SHA-256 thumbprint of a public JWK (the value of ``cnf.jkt``)."""
    kty = jwk.get("kty")
    if kty == "EC":
        members = {k: jwk[k] for k in ("crv", "kty", "x", "y")}
    elif kty == "RSA":
        members = {k: jwk[k] for k in ("e", "kty", "n")}
    elif kty == "OKP":
        members = {k: jwk[k] for k in ("crv", "kty", "x")}
    else:
        raise ValueError(f"unsupported key type {kty!r}")
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode("utf-8")).digest())


def access_token_hash(token: str) -> str:
    """``ath``: base64url SHA-256 of the access token."""
    return _b64(hashlib.sha256(token.encode("ascii")).digest())


def htu_of(url: str) -> str:
    """The ``htu`` of a URL: without query and fragment."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


class DPoPKey:
    """A fresh ES256 key for one run; its private half never leaves this object."""

    def __init__(self) -> None:
        self._key = ec.generate_private_key(ec.SECP256R1())
        remember_secret(str(self._key.private_numbers().private_value))
        public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self._key.public_key()))
        self.public_jwk: dict[str, str] = {
            "kty": public["kty"], "crv": public["crv"], "x": public["x"], "y": public["y"]}
        self.thumbprint = jwk_thumbprint(self.public_jwk)

    def proof(self, method: str, url: str, *, nonce: str | None = None,
              access_token: str | None = None, now: float | None = None) -> str:
        claims: dict[str, Any] = {
            "htm": method.upper(),
            "htu": htu_of(url),
            "iat": int(time.time() if now is None else now),
            "jti": secrets.token_urlsafe(24),
        }
        if nonce:
            claims["nonce"] = nonce
        if access_token:
            claims["ath"] = access_token_hash(access_token)
        headers = {"typ": "dpop+jwt", "alg": "ES256", "jwk": self.public_jwk}
        return jwt.encode(claims, self._key, algorithm="ES256", headers=headers)


class ProofError(Exception):
    """A DPoP proof Okta would refuse; the text is Okta's ``error_description``."""


@dataclass(frozen=True, slots=True)
class ProofClaims:
    jkt: str
    jti: str
    nonce: str | None


def verify_proof(proof: str, method: str, url: str, *, now: float | None = None,
                 access_token: str | None = None) -> ProofClaims:
    """Check a DPoP proof as Okta does; the caller checks ``nonce`` and ``jti`` reuse."""
    now = time.time() if now is None else now
    try:
        header = jwt.get_unverified_header(proof)
    except jwt.PyJWTError:
        raise ProofError("The DPoP proof JWT is malformed.") from None
    if header.get("typ") != "dpop+jwt":
        raise ProofError("The DPoP proof JWT has an invalid 'typ' header. Expected 'dpop+jwt'.")
    alg = header.get("alg")
    if alg not in ALGORITHMS:
        raise ProofError("The DPoP proof JWT has an unsupported 'alg'.")
    jwk = header.get("jwk")
    if not isinstance(jwk, dict) or "d" in jwk:
        raise ProofError("The DPoP proof JWT 'jwk' header is missing or not a public key.")
    try:
        key = jwt.PyJWK(jwk, algorithm=alg).key
        claims = jwt.decode(proof, key, algorithms=[alg],
                            options={"require": ["iat", "jti", "htm", "htu"],
                                     "verify_iat": False, "verify_aud": False})
    except (jwt.PyJWTError, ValueError, TypeError):
        raise ProofError("The DPoP proof JWT signature is invalid.") from None
    if claims.get("htm") != method.upper():
        raise ProofError("The DPoP proof JWT 'htm' does not match the request method.")
    if claims.get("htu") != htu_of(url):
        raise ProofError("The DPoP proof JWT 'htu' does not match the request URL.")
    iat = claims.get("iat")
    if not isinstance(iat, int | float):
        raise ProofError("The DPoP proof JWT 'iat' is invalid.")
    if iat > now + MAX_SKEW:
        raise ProofError("The DPoP proof JWT was issued in the future.")
    if iat < now - MAX_AGE:
        raise ProofError("The DPoP proof JWT was issued more than five minutes in the past.")
    if access_token is not None and claims.get("ath") != access_token_hash(access_token):
        raise ProofError("The DPoP proof 'ath' claim does not match the access token.")
    nonce = claims.get("nonce")
    return ProofClaims(jwk_thumbprint(jwk), str(claims["jti"]),
                       str(nonce) if nonce is not None else None)
