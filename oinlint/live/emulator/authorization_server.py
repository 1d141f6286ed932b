"""The org authorization server: discovery, the token endpoint and the tokens it mints.

Client credentials only: client authentication (client secret basic/post, ``private_key_jwt``
checked with pyjwt, replayed assertions refused), DPoP proofs with server nonces, scope granting
(OIDC and ``.self`` scopes refused; refused scopes answered as ``scope_refusal`` says) and RS256
JWT access tokens with Okta's claims. Every call is recorded in ``token_requests``.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, unquote_plus

import jwt

from oinlint.live import okta_scopes
from oinlint.live.dpop import ALGORITHMS, ProofError, verify_proof
from oinlint.live.emulator.org_config import ClientConfig
from oinlint.live.emulator.records import IssuedToken, TokenRequestRecord
from oinlint.live.emulator.replies import Reply, json_reply, oauth_error
from oinlint.live.emulator.state import OrgState

__all__ = ["JWT_BEARER", "OIDC_SCOPES", "AuthorizationServer"]

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
OIDC_SCOPES = frozenset({"openid", "profile", "email", "address", "phone", "offline_access",
                         "groups", "device_sso"})


class _TokenError(Exception):
    """The token endpoint refuses the request with ``reply``."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply


class AuthorizationServer(OrgState):
    """Discovery documents and ``/oauth2/v1/token`` of the org authorization server."""

    def _discovery(self, *, openid: bool) -> dict[str, Any]:
        base = self.url
        doc: dict[str, Any] = {
            "issuer": self.issuer,
            "authorization_endpoint": f"{base}/oauth2/v1/authorize",
            "token_endpoint": (self.config.token_endpoint or "{url}/oauth2/v1/token").format(
                url=base),
            "jwks_uri": f"{base}/oauth2/v1/keys",
            "registration_endpoint": f"{base}/oauth2/v1/clients",
            "response_types_supported": ["code", "token", "id_token", "code id_token",
                                         "code token", "id_token token", "code id_token token"],
            "response_modes_supported": ["query", "fragment", "form_post", "okta_post_message"],
            "grant_types_supported": ["authorization_code", "implicit", "refresh_token",
                                      "password", "client_credentials",
                                      "urn:ietf:params:oauth:grant-type:device_code"],
            "scopes_supported": sorted({"openid", "email", "profile", "address", "phone",
                                        "offline_access", "groups",
                                        *okta_scopes.known_scopes()}),
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post",
                                                      "client_secret_jwt", "private_key_jwt",
                                                      "none"],
            "introspection_endpoint": f"{base}/oauth2/v1/introspect",
            "revocation_endpoint": f"{base}/oauth2/v1/revoke",
            "code_challenge_methods_supported": ["S256"],
            "dpop_signing_alg_values_supported": list(ALGORITHMS),
        }
        if openid:
            doc["userinfo_endpoint"] = f"{base}/oauth2/v1/userinfo"
            doc["subject_types_supported"] = ["public"]
            doc["id_token_signing_alg_values_supported"] = ["RS256"]
        return doc

    def _token(self, headers: Mapping[str, str], body: bytes) -> Reply:
        form_raw = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        dupes = [k for k, v in form_raw.items() if len(v) > 1]
        form = {k: v[0] for k, v in form_raw.items()}
        record: dict[str, Any] = {"client_id": None, "auth_method": None,
                                  "scopes": tuple(dict.fromkeys(form.get("scope", "").split())),
                                  "dpop": "dpop" in headers, "granted": ()}
        try:
            if dupes:
                raise _TokenError(oauth_error(400, "invalid_request",
                                              f"Parameter '{dupes[0]}' is repeated."))
            client = self._authenticate(headers, form, record)
            jkt = self._check_dpop(client, headers)
            if form.get("grant_type") != "client_credentials":
                raise _TokenError(oauth_error(
                    400, "unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization "
                    "server. Configured grant types: [client_credentials]."))
            granted = self._grant(client, record["scopes"])
            token = self._mint(client.client_id, granted, jkt)
            record["granted"] = granted
            reply = json_reply(200, {"token_type": "DPoP" if jkt else "Bearer",
                                     "expires_in": self.config.token_lifetime,
                                     "access_token": token, "scope": " ".join(granted)})
            reply.header("Cache-Control", "no-store").header("Pragma", "no-cache")
        except _TokenError as exc:
            reply = exc.reply
        error = None
        if reply.status != 200:
            try:
                error = str(json.loads(reply.body).get("error"))
            except (ValueError, AttributeError):
                error = None
        with self._lock:
            self.token_requests.append(TokenRequestRecord(
                client_id=record["client_id"], auth_method=record["auth_method"],
                scopes=record["scopes"], status=reply.status, error=error,
                granted=tuple(record["granted"]), dpop=record["dpop"]))
        reply.client_id = record["client_id"]
        return reply

    def _authenticate(self, headers: Mapping[str, str], form: Mapping[str, str],
                      record: dict[str, Any]) -> ClientConfig:
        authorization = headers.get("authorization", "")
        basic = authorization[:6].lower() == "basic "
        posted = "client_secret" in form
        assertion = "client_assertion" in form
        if basic + posted + assertion > 1:
            raise _TokenError(oauth_error(
                400, "invalid_request",
                "Cannot supply multiple client credentials. Use one of the following: "
                "credentials in the Authorization header, credentials in the post body, or a "
                "client_assertion in the post body."))
        if not (basic or posted or assertion):
            raise _TokenError(oauth_error(401, "invalid_client",
                                          "No client credentials found."))
        if assertion:
            record["auth_method"] = "private_key_jwt"
            return self._authenticate_assertion(form, record)
        if basic:
            record["auth_method"] = "client_secret_basic"
            try:
                decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
                raw_id, _, raw_secret = decoded.partition(":")
                client_id, secret = unquote_plus(raw_id), unquote_plus(raw_secret)
            except (binascii.Error, UnicodeDecodeError):
                raise _TokenError(oauth_error(
                    401, "invalid_client",
                    "Found Authentication header but was not valid client credentials."
                )) from None
        else:
            record["auth_method"] = "client_secret_post"
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        record["client_id"] = client_id or None
        client = self._clients.get(client_id)
        if client is None:
            raise _TokenError(oauth_error(
                401, "invalid_client",
                "Client authentication failed. Either the client or the client credentials "
                "are invalid."))
        self._require_method(client, record["auth_method"])
        expected = client.client_secret or ""
        if not expected or not hmac.compare_digest(expected.encode(), secret.encode()):
            raise _TokenError(oauth_error(
                401, "invalid_client",
                "The client secret supplied for a confidential client is invalid."))
        return client

    @staticmethod
    def _require_method(client: ClientConfig, method: str) -> None:
        if method in client.auth_methods:
            return
        if client.auth_methods == ("private_key_jwt",):
            text = ("Client Credentials requests to the Org Authorization Server must use the "
                    "private_key_jwt token_endpoint_auth_method.")
        else:
            text = ("OAuth Integration Client Credentials requests to the Org Authorization "
                    "Server must use either private_key_jwt or client_secret_basic as the "
                    "token_endpoint_auth_method.")
        raise _TokenError(oauth_error(401, "invalid_client", text))

    def _authenticate_assertion(self, form: Mapping[str, str],
                                record: dict[str, Any]) -> ClientConfig:
        def refuse(text: str) -> _TokenError:
            return _TokenError(oauth_error(401, "invalid_client", text))

        if form.get("client_assertion_type") != JWT_BEARER:
            raise refuse("The client_assertion_type is invalid; it must be "
                         f"'{JWT_BEARER}'.")
        assertion = form["client_assertion"]
        try:
            header = jwt.get_unverified_header(assertion)
            unverified = jwt.decode(assertion, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise refuse("The client_assertion token is malformed.") from None
        client_id = str(unverified.get("iss") or form.get("client_id") or "")
        record["client_id"] = client_id or None
        client = self._clients.get(client_id)
        if client is None:
            raise refuse("Client authentication failed. Either the client or the client "
                         "credentials are invalid.")
        self._require_method(client, "private_key_jwt")
        alg = header.get("alg")
        if alg not in ALGORITHMS:
            raise refuse("The client_assertion token has an unsupported signing algorithm.")
        keys = [k for k in client.jwks if not header.get("kid") or k.get("kid") in (None,
                                                                                  header["kid"])]
        claims: dict[str, Any] | None = None
        for jwk in keys:
            try:
                key = jwt.PyJWK(jwk, algorithm=alg).key
                claims = jwt.decode(assertion, key, algorithms=[alg], audience=self.token_url,
                                    options={"require": ["exp", "iss", "sub", "aud"]},
                                    leeway=30)
                break
            except jwt.InvalidAudienceError:
                raise refuse("The audience claim for client_assertion must be the endpoint "
                             "invoking the client_assertion.") from None
            except jwt.ExpiredSignatureError:
                raise refuse("The client_assertion token is expired.") from None
            except jwt.MissingRequiredClaimError as exc:
                raise refuse(f"The client_assertion token is missing the '{exc.claim}' "
                             "claim.") from None
            except (jwt.PyJWTError, ValueError, TypeError):
                continue
        if claims is None:
            raise refuse("The client_assertion signature is invalid.")
        if claims.get("iss") != client_id or claims.get("sub") != client_id:
            raise refuse("The client_assertion token's 'iss' and 'sub' claims must both be "
                         "the client_id.")
        if float(claims["exp"]) > time.time() + 3600 + 30:
            raise refuse("The client_assertion token has an expiration too far into the "
                          "future.")
        jti = claims.get("jti")
        if jti is not None:
            with self._lock:
                if str(jti) in self._assertion_jtis:
                    raise refuse("The client_assertion token has already been used.")
                self._assertion_jtis.add(str(jti))
        return client

    def _check_dpop(self, client: ClientConfig, headers: Mapping[str, str]) -> str | None:
        if not client.dpop:
            return None
        proof = headers.get("dpop")
        if not proof:
            raise _TokenError(oauth_error(400, "invalid_dpop_proof",
                                          "The DPoP proof JWT header is missing."))
        if "," in proof:
            raise _TokenError(oauth_error(400, "invalid_dpop_proof",
                                          "Multiple DPoP proof JWT headers were supplied."))
        try:
            claims = verify_proof(proof, "POST", self.token_url)
        except ProofError as exc:
            raise _TokenError(oauth_error(400, "invalid_dpop_proof", str(exc))) from None
        with self._lock:
            nonce = self._nonce
            if claims.nonce != nonce:
                reply = oauth_error(400, "use_dpop_nonce",
                                    "Authorization server requires nonce in DPoP proof.")
                raise _TokenError(reply.header("DPoP-Nonce", nonce))
            if claims.jti in self._proof_jtis:
                raise _TokenError(oauth_error(400, "invalid_dpop_proof",
                                              "The DPoP proof JWT has already been used."))
            self._proof_jtis.add(claims.jti)
        return claims.jkt

    def _grant(self, client: ClientConfig, requested: tuple[str, ...]) -> tuple[str, ...]:
        if not requested:
            raise _TokenError(oauth_error(400, "invalid_scope", "No scopes were requested."))
        if OIDC_SCOPES & set(requested):
            raise _TokenError(oauth_error(
                400, "invalid_scope",
                "Cannot request 'openid' scopes using client credentials."))
        if any(s.endswith(".self") for s in requested):
            raise _TokenError(oauth_error(
                400, "invalid_scope",
                "The 'client_credentials' grant type may not request .self scopes."))
        refused = [s for s in requested if s not in client.scopes]
        if not refused:
            return requested
        mode = self.config.scope_refusal
        if mode == "downscope":
            granted = tuple(s for s in requested if s not in refused)
            if granted:
                return granted
            raise _TokenError(oauth_error(400, "consent_required",
                                          "You are not allowed any of the requested scopes."))
        if mode == "list":
            raise _TokenError(oauth_error(
                400, "invalid_scope",
                "The following scopes are not allowed for this request: " + ", ".join(refused)))
        raise _TokenError(oauth_error(
            400, "invalid_scope",
            "The requested scope is invalid, unknown, malformed, or exceeds the scope granted "
            "by the resource owner."))

    def _mint(self, client_id: str, scopes: tuple[str, ...], jkt: str | None) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "ver": 1,
            "jti": "AT." + secrets.token_urlsafe(32),
            "iss": self.issuer,
            "aud": self.url,
            "sub": client_id,
            "iat": now,
            "exp": now + self.config.token_lifetime,
            "cid": client_id,
            "scp": list(scopes),
        }
        if jkt:
            claims["cnf"] = {"jkt": jkt}
        token = jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self._kid})
        with self._lock:
            self.issued.append(IssuedToken(token, client_id, scopes, float(now), jkt))
        return token
