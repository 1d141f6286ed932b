"""The granted token response's shape and the access token's claims (OIN905, and notes).

Checked once, on the first granted answer: ``access_token``, ``token_type`` (``DPoP`` when the
token is DPoP-bound), ``expires_in``, ``scope``; then the JWT's claims as a diagnostic (Okta
says org-AS tokens are opaque to clients): ``cid``, ``scp`` against ``scope``, ``cnf.jkt``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jwt

from oinlint.live.server_text import server_text
from oinlint.live.verify.session import VerifySession
from oinlint.redact import remember_secret

__all__ = ["TokenResponseChecks"]


class TokenResponseChecks(VerifySession):
    """The OIN905 checks of a token response."""

    def check_shape(self, body: dict[str, Any], requested: Sequence[str]) -> None:
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            self.finding("OIN905", kind="access_token",
                         problem="the token response has no access_token")
            return
        remember_secret(token)
        self.token = token
        expected = "DPoP" if self.dpop_key is not None else "Bearer"
        # Every value the org sent is shown as server_text: short, escaped, redacted.
        token_type = server_text(body.get("token_type", ""), 80)
        self.result.token_type = token_type or None
        if token_type.lower() != expected.lower():
            self.finding("OIN905", kind="token_type", problem=(
                f"token_type is {token_type or '(missing)'!s}, expected {expected}"))
        expires = body.get("expires_in")
        if not isinstance(expires, int) or isinstance(expires, bool) or expires <= 0:
            self.finding("OIN905", kind="expires_in",
                         problem=f"expires_in is {server_text(repr(expires), 80)}, expected a "
                                 "positive integer")
        elif expires != 3600:
            self.result.notes.append(f"expires_in is {expires} s (Okta's org AS uses 3600 s)")
        if not isinstance(body.get("scope"), str):
            self.finding("OIN905", kind="scope",
                         problem="the token response has no `scope` listing the granted scopes")
        for extra in ("refresh_token", "id_token"):
            if extra in body:
                remember_secret(str(body[extra]))
                self.result.notes.append(f"the token response carries a {extra} "
                                         "(client credentials should not)")
        self.check_claims(token, body, requested)

    def check_claims(self, token: str, body: dict[str, Any], requested: Sequence[str]) -> None:
        """Read the JWT as a diagnostic: Okta says org-AS tokens are opaque to clients."""
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:  # PyJWT also turns claims nested too deeply into DecodeError
            self.result.notes.append("the access token is opaque (not a JWT): claims not read")
            return
        scp = claims.get("scp")
        if isinstance(scp, list):
            self.result.token_scp = [str(s) for s in scp]
        cid, sub = claims.get("cid"), claims.get("sub")
        if cid is not None and cid != self.creds.client_id:
            self.finding("OIN905", kind="cid", problem=(
                f"the access token's cid claim is {server_text(cid, 80)}, not the client id"))
        if sub is not None and sub != self.creds.client_id:
            self.result.notes.append(f"the access token's sub claim is {server_text(sub, 80)}, "
                                     "not the client id")
        scope = body.get("scope")
        if isinstance(scp, list) and isinstance(scope, str) and set(scp) != set(scope.split()):
            self.finding("OIN905", kind="scp", problem=(
                f"the access token's scp claim ({server_text(' '.join(map(str, scp)))}) "
                f"differs from the response's scope ({server_text(scope)})"))
        iss = claims.get("iss")
        if iss is not None and self.result.issuer and server_text(
                iss, 120) != self.result.issuer:
            self.result.notes.append(f"the access token's iss is {server_text(iss, 120)}, not "
                                     "the issuer "
                                     f"{self.result.issuer}")
        if self.dpop_key is not None:
            jkt = (claims.get("cnf") or {}).get("jkt") if isinstance(claims.get("cnf"),
                                                                      dict) else None
            if jkt != self.dpop_key.thumbprint:
                self.finding("OIN905", kind="cnf", problem=(
                    "the DPoP-bound access token's cnf.jkt does not match the proof key"))
        iat, exp = claims.get("iat"), claims.get("exp")
        if isinstance(iat, int) and isinstance(exp, int) and exp - iat != 3600:
            self.result.notes.append(f"the access token lives {exp - iat} s (Okta: 3600 s)")
