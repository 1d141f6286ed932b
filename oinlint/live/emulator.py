"""An Okta org on 127.0.0.1: what the live checker and an integration's tests talk to.

It is a real HTTP server (stdlib ``ThreadingHTTPServer`` in a daemon thread) so that everything
above the socket is exercised for real: TLS aside, the client code under test cannot tell it
from an org. It serves the org authorization server's discovery documents and JWKS, the token
endpoint (client secret basic/post, ``private_key_jwt`` checked with pyjwt, DPoP with nonces),
RS256 JWT access tokens with Okta's claims, management endpoints for users, groups, apps and the
System Log with scope enforcement from Okta's operation data, Okta's error bodies, rate-limit
headers and 429s, and configurable faults (5xx, delays, malformed JSON, redirects, drops).

Usage::

    with Emulator({"clients": [{"client_id": "0oa…", "client_secret": "…",
                                "scopes": ["okta.users.read"]}]}) as org:
        httpx.post(org.token_url, ...)
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import functools
import hmac
import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from oinlint.live import okta_scopes
from oinlint.live.dpop import ALGORITHMS, ProofError, verify_proof
from oinlint.live.emulator_data import (
    AUTH_METHODS,
    ClientConfig,
    EmulatorConfig,
    Fault,
    OrgData,
    new_client_id,
    new_client_secret,
    parse_config,
)

__all__ = ["Emulator", "RequestRecord", "TokenRequestRecord"]

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
OIDC_SCOPES = frozenset({"openid", "profile", "email", "address", "phone", "offline_access",
                         "groups", "device_sso"})
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One request the emulator received: never the values of headers or bodies."""

    method: str
    path: str
    status: int
    header_names: frozenset[str]
    client_id: str | None = None

    @property
    def had_authorization(self) -> bool:
        return "authorization" in self.header_names


@dataclass(frozen=True, slots=True)
class TokenRequestRecord:
    """One call of ``/oauth2/v1/token`` and how the org answered it."""

    client_id: str | None
    auth_method: str | None
    scopes: tuple[str, ...]
    status: int
    error: str | None
    granted: tuple[str, ...]
    dpop: bool


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0
    drop: bool = False
    client_id: str | None = None

    def header(self, name: str, value: str) -> _Reply:
        self.headers.append((name, value))
        return self


def _json(status: int, payload: Any) -> _Reply:
    body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return _Reply(status, body, [("Content-Type", "application/json")])


def _oauth_error(status: int, error: str, description: str) -> _Reply:
    reply = _json(status, {"error": error, "error_description": description})
    return reply.header("Cache-Control", "no-store").header("Pragma", "no-cache")


def _okta_error(status: int, code: str, summary: str,
                causes: Iterable[str] = ()) -> _Reply:
    return _json(status, {
        "errorCode": code,
        "errorSummary": summary,
        "errorLink": code,
        "errorId": "oae" + secrets.token_hex(11),
        "errorCauses": [{"errorSummary": c} for c in causes],
    })


class _TokenError(Exception):
    def __init__(self, reply: _Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply


@dataclass
class _Issued:
    token: str
    client_id: str
    scopes: tuple[str, ...]
    issued_at: float
    jkt: str | None


@functools.cache
def _process_signing_key() -> tuple[rsa.RSAPrivateKey, str]:
    """One RSA key (and kid) per process: making one takes up to a quarter second, and tokens
    stay org-specific through their ``iss``/``aud`` claims anyway."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048), \
        secrets.token_urlsafe(32)


class Emulator:
    """An emulated Okta org; start it with ``with Emulator(config) as org:`` or :meth:`start`."""

    def __init__(self, config: EmulatorConfig | Mapping[str, Any] | None = None, *,
                 host: str = "127.0.0.1", port: int = 0,
                 signing_key: tuple[rsa.RSAPrivateKey, str] | None = None) -> None:
        if host not in LOOPBACK_HOSTS:
            raise ValueError(f"the emulator only listens on loopback addresses, not {host!r}")
        self.config = config if isinstance(config, EmulatorConfig) else parse_config(config)
        self.data = OrgData(self.config.data)
        self._host, self._port = host, port
        self._lock = threading.RLock()
        self._clients: dict[str, ClientConfig] = {c.client_id: c for c in self.config.clients}
        self._key, self._kid = signing_key or _process_signing_key()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._nonce = secrets.token_urlsafe(24)
        self._assertion_jtis: set[str] = set()
        self._proof_jtis: set[str] = set()
        self._windows: dict[str, tuple[int, int]] = {}
        self._not_before = 0.0
        self.requests: list[RequestRecord] = []
        self.token_requests: list[TokenRequestRecord] = []
        self.issued: list[_Issued] = []
        self.url = ""

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> Emulator:
        if self._server is not None:
            return self
        handler = _handler_for(self)
        self._server = _QuietServer((self._host, self._port), handler)
        self._server.daemon_threads = True
        port = self._server.server_address[1]
        shown = f"[{self._host}]" if ":" in self._host else self._host
        self.url = f"http://{shown}:{port}"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name=f"oinlint-emulator-{port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1]) if self.url else 0

    @property
    def issuer(self) -> str:
        return (self.config.issuer or "{url}").format(url=self.url)

    @property
    def token_url(self) -> str:
        return f"{self.url}/oauth2/v1/token"

    # --- test helpers ---------------------------------------------------------------------

    def add_client(self, client_id: str | None = None, client_secret: str | None = None, *,
                   scopes: Iterable[str] = (), auth_methods: Iterable[str] | None = None,
                   jwks: Iterable[Mapping[str, Any]] = (), dpop: bool = False) -> ClientConfig:
        """Register an OAuth client; an OIN API service instance (client secret, Basic) unless
        ``jwks`` is given (then ``private_key_jwt``, like a plain API Services app)."""
        keys = tuple(dict(k) for k in jwks)
        methods = tuple(auth_methods) if auth_methods is not None else (
            ("private_key_jwt",) if keys else ("client_secret_basic",))
        for method in methods:
            if method not in AUTH_METHODS:
                raise ValueError(f"unknown auth method {method!r}")
        secret = client_secret if client_secret is not None else (
            None if methods == ("private_key_jwt",) else new_client_secret())
        client = ClientConfig(client_id=client_id or new_client_id(), client_secret=secret,
                              scopes=tuple(scopes), auth_methods=methods, jwks=keys, dpop=dpop)
        with self._lock:
            self._clients[client.client_id] = client
        return client

    def client(self, client_id: str) -> ClientConfig:
        with self._lock:
            return self._clients[client_id]

    @property
    def clients(self) -> list[ClientConfig]:
        with self._lock:
            return list(self._clients.values())

    def add_fault(self, path: str = "*", kind: str = "status", *, method: str | None = None,
                  status: int = 503, times: int | None = None, skip: int = 0,
                  seconds: float = 0.0, location: str = "", reset_after: int = 1) -> Fault:
        """Inject a misbehaviour (see :class:`~oinlint.live.emulator_data.Fault`)."""
        fault = Fault(path=path, method=method.upper() if method else None, kind=kind,
                      status=status, seconds=seconds, location=location,
                      reset_after=reset_after, times=times, skip=skip)
        with self._lock:
            self.config.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self.config.faults.clear()

    def issue_token(self, client_id: str, scopes: Iterable[str]) -> str:
        """Mint an access token directly (for tests that do not exercise the token flow)."""
        return self._mint(client_id, tuple(scopes), None)

    def expire_tokens(self) -> None:
        """Make every token issued so far invalid (401 E0000011), as if an hour had passed."""
        with self._lock:
            self._not_before = time.time() + 1

    def rotate_nonce(self) -> str:
        with self._lock:
            self._nonce = secrets.token_urlsafe(24)
            return self._nonce

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()
            self.token_requests.clear()

    @property
    def public_jwks(self) -> dict[str, Any]:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        jwk.update({"kid": self._kid, "alg": "RS256", "use": "sig"})
        return {"keys": [jwk]}

    # --- dispatch -------------------------------------------------------------------------

    def handle(self, method: str, target: str, headers: Mapping[str, str],
               body: bytes) -> _Reply:
        """Answer one request (headers with lower-case names). Thread-safe."""
        parts = urlsplit(target)
        path = parts.path or "/"
        query = parse_qs(parts.query, keep_blank_values=True)
        fault_reply, delay = self._fault(method, path)
        if fault_reply is not None:
            return fault_reply
        limited = self._rate_limit(path)
        if limited is not None:
            limited.delay = delay
            return limited
        reply = self._route(method, path, query, headers, body)
        reply.delay = delay
        return reply

    def _route(self, method: str, path: str, query: Mapping[str, list[str]],
               headers: Mapping[str, str], body: bytes) -> _Reply:
        if path in ("/.well-known/oauth-authorization-server",
                    "/.well-known/openid-configuration"):
            if method != "GET":
                return _okta_error(405, "E0000022", "The endpoint does not support the "
                                   "provided HTTP method")
            return _json(200, self._discovery(openid=path.endswith("openid-configuration")))
        if path == "/oauth2/v1/keys":
            return _json(200, self.public_jwks).header("Cache-Control", "max-age=3600")
        if path == "/oauth2/v1/token":
            if method != "POST":
                return _oauth_error(405, "invalid_request", "The token endpoint only accepts "
                                    "POST requests.")
            return self._token(headers, body)
        if path.startswith(("/api/", "/integrations/", "/privileged-access/",
                            "/okta-personal-settings/", "/security/", "/attack-protection/",
                            "/webauthn-registration/", "/device-access/", "/oauth2/v1/clients")):
            return self._management(method, path, query, headers, body)
        return _okta_error(404, "E0000007", f"Not found: Resource not found: {path} (Path)")

    # --- faults and rate limits -----------------------------------------------------------

    def _fault(self, method: str, path: str) -> tuple[_Reply | None, float]:
        delay = 0.0
        with self._lock:
            for fault in self.config.faults:
                if fault.method and fault.method != method:
                    continue
                if not fnmatch.fnmatchcase(path, fault.path):
                    continue
                fault.seen += 1
                if fault.seen <= fault.skip:
                    continue
                if fault.times is not None and fault.fired >= fault.times:
                    continue
                fault.fired += 1
                if fault.kind == "delay":
                    delay += fault.seconds
                    continue
                return self._fault_reply(fault), delay
        return None, delay

    def _fault_reply(self, fault: Fault) -> _Reply:
        if fault.kind == "status":
            if fault.status >= 500:
                return _okta_error(fault.status, "E0000009", "Internal Server Error")
            codes = {401: ("E0000011", "Invalid token provided"),
                     403: ("E0000006", "You do not have permission to perform the requested "
                           "action"),
                     404: ("E0000007", "Not found: Resource not found"),
                     405: ("E0000022", "The endpoint does not support the provided HTTP "
                           "method")}
            code, summary = codes.get(fault.status, ("E0000001", "Api validation failed"))
            return _okta_error(fault.status, code, summary)
        if fault.kind == "malformed":
            return _Reply(200, b'{"token_type": "Bearer", "expires_in": 36',
                          [("Content-Type", "application/json")])
        if fault.kind == "redirect":
            return _Reply(307, b"", [("Location", fault.location.format(url=self.url))])
        if fault.kind == "rate_limit":
            reset = int(time.time()) + fault.reset_after
            return self._too_many(limit=600, reset=reset)
        return _Reply(0, drop=True)

    @staticmethod
    def _too_many(limit: int, reset: int) -> _Reply:
        reply = _okta_error(429, "E0000047",
                            "API call exceeded rate limit due to too many requests.")
        return (reply.header("X-Rate-Limit-Limit", str(limit))
                .header("X-Rate-Limit-Remaining", "0")
                .header("X-Rate-Limit-Reset", str(reset)))

    @staticmethod
    def _bucket(path: str) -> str:
        return "/" + "/".join(path.strip("/").split("/")[:3])

    def _rate_limit(self, path: str) -> _Reply | None:
        bucket = self._bucket(path)
        limits = self.config.rate_limits
        window = max(1, limits.window_seconds)
        now = int(time.time())
        with self._lock:
            start, count = self._windows.get(bucket, (now - now % window, 0))
            if now >= start + window:
                start, count = now - now % window, 0
            limit = limits.limit_for(bucket)
            reset = start + window
            if count >= limit:
                return self._too_many(limit, reset)
            self._windows[bucket] = (start, count + 1)
        return None

    def rate_limit_headers(self, path: str) -> list[tuple[str, str]]:
        bucket = self._bucket(path)
        limits = self.config.rate_limits
        with self._lock:
            start, count = self._windows.get(bucket, (int(time.time()), 0))
        limit = limits.limit_for(bucket)
        return [("X-Rate-Limit-Limit", str(limit)),
                ("X-Rate-Limit-Remaining", str(max(0, limit - count))),
                ("X-Rate-Limit-Reset", str(start + max(1, limits.window_seconds)))]

    # --- the authorization server ---------------------------------------------------------

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

    def _token(self, headers: Mapping[str, str], body: bytes) -> _Reply:
        form_raw = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        dupes = [k for k, v in form_raw.items() if len(v) > 1]
        form = {k: v[0] for k, v in form_raw.items()}
        record: dict[str, Any] = {"client_id": None, "auth_method": None,
                                  "scopes": tuple(dict.fromkeys(form.get("scope", "").split())),
                                  "dpop": "dpop" in headers, "granted": ()}
        try:
            if dupes:
                raise _TokenError(_oauth_error(400, "invalid_request",
                                               f"Parameter '{dupes[0]}' is repeated."))
            client = self._authenticate(headers, form, record)
            jkt = self._check_dpop(client, headers)
            if form.get("grant_type") != "client_credentials":
                raise _TokenError(_oauth_error(
                    400, "unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization "
                    "server. Configured grant types: [client_credentials]."))
            granted = self._grant(client, record["scopes"])
            token = self._mint(client.client_id, granted, jkt)
            record["granted"] = granted
            reply = _json(200, {"token_type": "DPoP" if jkt else "Bearer",
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
            raise _TokenError(_oauth_error(
                400, "invalid_request",
                "Cannot supply multiple client credentials. Use one of the following: "
                "credentials in the Authorization header, credentials in the post body, or a "
                "client_assertion in the post body."))
        if not (basic or posted or assertion):
            raise _TokenError(_oauth_error(401, "invalid_client",
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
                raise _TokenError(_oauth_error(
                    401, "invalid_client",
                    "Found Authentication header but was not valid client credentials."
                )) from None
        else:
            record["auth_method"] = "client_secret_post"
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        record["client_id"] = client_id or None
        client = self._clients.get(client_id)
        if client is None:
            raise _TokenError(_oauth_error(
                401, "invalid_client",
                "Client authentication failed. Either the client or the client credentials "
                "are invalid."))
        self._require_method(client, record["auth_method"])
        expected = client.client_secret or ""
        if not expected or not hmac.compare_digest(expected.encode(), secret.encode()):
            raise _TokenError(_oauth_error(
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
        raise _TokenError(_oauth_error(401, "invalid_client", text))

    def _authenticate_assertion(self, form: Mapping[str, str],
                                record: dict[str, Any]) -> ClientConfig:
        def refuse(text: str) -> _TokenError:
            return _TokenError(_oauth_error(401, "invalid_client", text))

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
            raise _TokenError(_oauth_error(400, "invalid_dpop_proof",
                                           "The DPoP proof JWT header is missing."))
        if "," in proof:
            raise _TokenError(_oauth_error(400, "invalid_dpop_proof",
                                           "Multiple DPoP proof JWT headers were supplied."))
        try:
            claims = verify_proof(proof, "POST", self.token_url)
        except ProofError as exc:
            raise _TokenError(_oauth_error(400, "invalid_dpop_proof", str(exc))) from None
        with self._lock:
            nonce = self._nonce
            if claims.nonce != nonce:
                reply = _oauth_error(400, "use_dpop_nonce",
                                     "Authorization server requires nonce in DPoP proof.")
                raise _TokenError(reply.header("DPoP-Nonce", nonce))
            if claims.jti in self._proof_jtis:
                raise _TokenError(_oauth_error(400, "invalid_dpop_proof",
                                               "The DPoP proof JWT has already been used."))
            self._proof_jtis.add(claims.jti)
        return claims.jkt

    def _grant(self, client: ClientConfig, requested: tuple[str, ...]) -> tuple[str, ...]:
        if not requested:
            raise _TokenError(_oauth_error(400, "invalid_scope", "No scopes were requested."))
        if OIDC_SCOPES & set(requested):
            raise _TokenError(_oauth_error(
                400, "invalid_scope",
                "Cannot request 'openid' scopes using client credentials."))
        if any(s.endswith(".self") for s in requested):
            raise _TokenError(_oauth_error(
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
            raise _TokenError(_oauth_error(400, "consent_required",
                                           "You are not allowed any of the requested scopes."))
        if mode == "list":
            raise _TokenError(_oauth_error(
                400, "invalid_scope",
                "The following scopes are not allowed for this request: " + ", ".join(refused)))
        raise _TokenError(_oauth_error(
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
            self.issued.append(_Issued(token, client_id, scopes, float(now), jkt))
        return token

    # --- the management API ---------------------------------------------------------------

    def _unauthorized(self, scheme: str, reason: str) -> _Reply:
        reply = _okta_error(401, "E0000011", "Invalid token provided")
        return reply.header("WWW-Authenticate",
                            f'{scheme} authorization_uri="{self.url}/oauth2/v1/authorize", '
                            f'realm="IdpError", error="invalid_token", '
                            f'error_description="{reason}"')

    def _caller(self, method: str, path: str,
                headers: Mapping[str, str]) -> tuple[str, frozenset[str]] | _Reply:
        authorization = headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        scheme_l = scheme.lower()
        if scheme_l not in ("bearer", "dpop") or not token.strip():
            return self._unauthorized("Bearer", "The access token is missing or invalid.")
        token = token.strip()
        shown = "DPoP" if scheme_l == "dpop" else "Bearer"
        try:
            claims = jwt.decode(token, self._key.public_key(), algorithms=["RS256"],
                                audience=self.url, issuer=self.issuer)
        except jwt.ExpiredSignatureError:
            return self._unauthorized(shown, "The token has expired.")
        except jwt.PyJWTError:
            return self._unauthorized(shown, "The access token is invalid.")
        if float(claims.get("iat", 0)) < self._not_before:
            return self._unauthorized(shown, "The token has expired.")
        jkt = (claims.get("cnf") or {}).get("jkt")
        if jkt:
            if scheme_l != "dpop":
                return self._unauthorized("DPoP", "The access token is DPoP-bound; use the "
                                          "DPoP authentication scheme.")
            proof = headers.get("dpop", "")
            try:
                checked = verify_proof(proof, method, f"{self.url}{path}", access_token=token)
            except ProofError as exc:
                return self._unauthorized("DPoP", str(exc))
            if checked.jkt != jkt:
                return self._unauthorized("DPoP", "The DPoP proof key does not match the "
                                          "access token.")
        elif scheme_l == "dpop":
            return self._unauthorized("Bearer", "The access token is not DPoP-bound.")
        return str(claims.get("cid", "")), frozenset(str(s) for s in claims.get("scp", []))

    def _management(self, method: str, path: str, query: Mapping[str, list[str]],
                    headers: Mapping[str, str], body: bytes) -> _Reply:
        caller = self._caller(method, path, headers)
        if isinstance(caller, _Reply):
            return caller
        client_id, scopes = caller
        operation = okta_scopes.match_operation(method, path)
        if operation is None:
            if okta_scopes.path_exists(path):
                return _okta_error(405, "E0000022",
                                   "The endpoint does not support the provided HTTP method")
            return _okta_error(404, "E0000007", f"Not found: Resource not found: {path} (Path)")
        if not operation.accepts_oauth or (operation.alternatives and not any(
                okta_scopes.satisfies(scopes, alt) for alt in operation.alternatives)):
            needed = " ".join(sorted(operation.alternatives[0])) if operation.alternatives else ""
            dpop = headers.get("authorization", "")[:5].lower() == "dpop "
            scheme = "DPoP" if dpop else "Bearer"
            reply = _okta_error(403, "E0000006",
                                "You do not have permission to perform the requested action")
            reply.client_id = client_id
            return reply.header("WWW-Authenticate",
                                f'{scheme} authorization_uri="{self.url}/oauth2/v1/authorize", '
                                f'realm="IdpError", scope="{needed}", '
                                f'error="insufficient_scope", error_description="The access '
                                f'token provided does not contain the required scopes.", '
                                f'resource="{path}"')
        handler = _Resources(self, query, body)
        with self._lock:
            served = handler.dispatch(method, path)
        if served is None and method == "GET":
            # Served from an empty data set: collections are empty, members do not exist.
            served = (_json(200, []) if not operation.template.endswith("}")
                      else self._resources_not_found(path))
        reply = served if served is not None else _okta_error(
            501, "E0000060", f"Unsupported operation: the oinlint emulator does not implement "
            f"{operation.operation_id} (the token's scopes allow it)")
        reply.client_id = client_id
        return reply

    @staticmethod
    def _resources_not_found(path: str) -> _Reply:
        return _okta_error(404, "E0000007", f"Not found: Resource not found: "
                           f"{path.rstrip('/').rsplit('/', 1)[-1]} (Resource)")


class _Resources:
    """The handful of management resources the emulator serves from :class:`OrgData`."""

    def __init__(self, org: Emulator, query: Mapping[str, list[str]], body: bytes) -> None:
        self.org, self.data, self.query, self.body = org, org.data, query, body

    def arg(self, name: str, default: str = "") -> str:
        return self.query.get(name, [default])[0]

    def payload(self) -> dict[str, Any]:
        try:
            value = json.loads(self.body or b"{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def dispatch(self, method: str, path: str) -> _Reply | None:
        parts = path.rstrip("/").split("/")[3:]  # after /api/v1
        if path.startswith("/api/v1/") and parts:
            routes: dict[str, Callable[[str, list[str]], _Reply | None]] = {
                "users": self.users, "groups": self.groups, "apps": self.apps,
                "logs": self.logs, "org": self.org_settings,
            }
            route = routes.get(parts[0])
            if route is not None:
                return route(method, parts[1:])
        return None

    # paging -------------------------------------------------------------------------------

    def page(self, path: str, items: list[dict[str, Any]], key: str = "id",
             max_limit: int = 200) -> _Reply:
        try:
            limit = max(1, min(max_limit, int(self.arg("limit", str(max_limit)))))
        except ValueError:
            return _okta_error(400, "E0000001", "Api validation failed: limit")
        after = self.arg("after")
        start = 0
        if after:
            ids = [str(i[key]) for i in items]
            start = ids.index(after) + 1 if after in ids else len(items)
        chunk = items[start : start + limit]
        reply = _json(200, chunk)
        params = {k: v[0] for k, v in self.query.items() if k != "after"}
        base = f"{self.org.url}{path}"
        reply.header("Link", f'<{base}?{urlencode(params)}>; rel="self"')
        if start + limit < len(items) and chunk:
            nxt = urlencode({**params, "after": str(chunk[-1][key])})
            reply.header("Link", f'<{base}?{nxt}>; rel="next"')
        return reply

    @staticmethod
    def not_found(kind: str, ident: str) -> _Reply:
        return _okta_error(404, "E0000007", f"Not found: Resource not found: {ident} ({kind})")

    # users --------------------------------------------------------------------------------

    def users(self, method: str, rest: list[str]) -> _Reply | None:
        data = self.data
        if not rest:
            if method == "GET":
                items = list(data.users.values())
                q = self.arg("q").lower()
                if q:
                    items = [u for u in items if any(
                        str(u["profile"].get(f, "")).lower().startswith(q)
                        for f in ("login", "email", "firstName", "lastName"))]
                status = self._status_filter()
                if status:
                    items = [u for u in items if u["status"] == status]
                return self.page("/api/v1/users", items)
            if method == "POST":
                profile = dict(self.payload().get("profile") or {})
                login = str(profile.get("login") or "")
                if not login:
                    return _okta_error(400, "E0000001", "Api validation failed: login",
                                       ["login: The field cannot be left blank"])
                if data.user_id(login):
                    return _okta_error(400, "E0000001", "Api validation failed: login", [
                        "login: An object with this field already exists in the current "
                        "organization"])
                user = data.add_user({"profile": profile, "id": "00u" + secrets.token_hex(8)[:17]})
                user["status"] = "ACTIVE" if self.arg("activate", "true") != "false" else "STAGED"
                return _json(200, user)
            return None
        uid = data.user_id(rest[0])
        if uid is None:
            return self.not_found("User", rest[0])
        user = data.users[uid]
        if len(rest) == 1:
            if method == "GET":
                return _json(200, user)
            if method in ("POST", "PUT"):
                profile = dict(self.payload().get("profile") or {})
                user["profile"] = {**user["profile"], **profile} if method == "POST" else profile
                return _json(200, user)
            if method == "DELETE":
                if user["status"] != "DEPROVISIONED":
                    user["status"] = "DEPROVISIONED"
                else:
                    del data.users[uid]
                    for members in data.group_members.values():
                        if uid in members:
                            members.remove(uid)
                return _Reply(204)
            return None
        if rest[1:] == ["groups"] and method == "GET":
            return _json(200, [data.groups[g] for g, m in data.group_members.items() if uid in m])
        if len(rest) == 3 and rest[1] == "lifecycle" and method == "POST":
            states = {"activate": "ACTIVE", "deactivate": "DEPROVISIONED",
                      "suspend": "SUSPENDED", "unsuspend": "ACTIVE", "reactivate": "ACTIVE",
                      "unlock": "ACTIVE"}
            if rest[2] in states:
                user["status"] = states[rest[2]]
                return _json(200, {})
        return None

    def _status_filter(self) -> str:
        text = self.arg("filter") or self.arg("search")
        marker = 'status eq "'
        if marker in text:
            return text.split(marker, 1)[1].split('"', 1)[0]
        return ""

    # groups -------------------------------------------------------------------------------

    def groups(self, method: str, rest: list[str]) -> _Reply | None:
        data = self.data
        if not rest:
            if method == "GET":
                items = list(data.groups.values())
                q = self.arg("q").lower()
                if q:
                    items = [g for g in items if g["profile"]["name"].lower().startswith(q)]
                return self.page("/api/v1/groups", items)
            if method == "POST":
                profile = dict(self.payload().get("profile") or {})
                if not profile.get("name"):
                    return _okta_error(400, "E0000001", "Api validation failed: name")
                return _json(200, data.add_group({"profile": profile,
                                                  "id": "00g" + secrets.token_hex(8)[:17]}))
            return None
        gid = rest[0]
        if gid not in data.groups:
            return self.not_found("Group", gid) if rest[0] != "rules" else None
        group = data.groups[gid]
        if len(rest) == 1:
            if method == "GET":
                return _json(200, group)
            if method == "PUT":
                group["profile"] = dict(self.payload().get("profile") or group["profile"])
                return _json(200, group)
            if method == "DELETE":
                del data.groups[gid]
                data.group_members.pop(gid, None)
                return _Reply(204)
            return None
        members = data.group_members.setdefault(gid, [])
        if rest[1] == "users":
            if len(rest) == 2 and method == "GET":
                return self.page(f"/api/v1/groups/{gid}/users",
                                 [data.users[u] for u in members if u in data.users])
            if len(rest) == 3:
                uid = data.user_id(rest[2])
                if uid is None:
                    return self.not_found("User", rest[2])
                if method == "PUT":
                    if uid not in members:
                        members.append(uid)
                    return _Reply(204)
                if method == "DELETE":
                    if uid in members:
                        members.remove(uid)
                    return _Reply(204)
        return None

    # apps ---------------------------------------------------------------------------------

    def apps(self, method: str, rest: list[str]) -> _Reply | None:
        data = self.data
        if not rest:
            if method == "GET":
                items = list(data.apps.values())
                q = self.arg("q").lower()
                if q:
                    items = [a for a in items if a["label"].lower().startswith(q)]
                return self.page("/api/v1/apps", items)
            return None
        aid = rest[0]
        if aid not in data.apps:
            return self.not_found("AppInstance", aid)
        if len(rest) == 1 and method == "GET":
            return _json(200, data.apps[aid])
        if rest[1:] == ["users"] and method == "GET":
            app_users = []
            for uid in data.app_users.get(aid, []):
                user = data.users.get(uid)
                if user is not None:
                    app_users.append({"id": uid, "scope": "USER", "status": "ACTIVE",
                                      "credentials": {"userName": user["profile"]["login"]},
                                      "profile": {}, "_links": {}})
            return self.page(f"/api/v1/apps/{aid}/users", app_users)
        if rest[1:] == ["groups"] and method == "GET":
            return self.page(f"/api/v1/apps/{aid}/groups", [])
        return None

    # logs and org -------------------------------------------------------------------------

    def logs(self, method: str, rest: list[str]) -> _Reply | None:
        if rest or method != "GET":
            return None
        items = list(self.data.logs)
        since, until = self.arg("since"), self.arg("until")
        if since:
            items = [e for e in items if e["published"] >= since]
        if until:
            items = [e for e in items if e["published"] < until]
        if self.arg("sortOrder", "ASCENDING").upper() == "DESCENDING":
            items.reverse()
        reply = self.page("/api/v1/logs", items, key="uuid", max_limit=1000)
        if not any('rel="next"' in v for k, v in reply.headers if k == "Link"):
            params = {k: v[0] for k, v in self.query.items() if k != "after"}
            last = items[-1]["uuid"] if items else ""
            nxt = urlencode({**params, "after": last})
            reply.header("Link", f'<{self.org.url}/api/v1/logs?{nxt}>; rel="next"')
        return reply

    def org_settings(self, method: str, rest: list[str]) -> _Reply | None:
        if rest or method != "GET":
            return None
        return _json(200, {"id": "00o1emulatedorg", "companyName": "Emulated Org",
                           "subdomain": "emulated", "status": "ACTIVE",
                           "website": "https://example.com", "_links": {}})


class _QuietServer(ThreadingHTTPServer):
    """A client that gives up mid-reply (timeouts, dropped connections) is normal here: no
    traceback on stderr."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


def _handler_for(org: Emulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else each reply waits ~40 ms for a delayed ACK
        server_version = "oinlint-emulator"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            """Silence: requests are recorded in ``org.requests`` instead of printed."""

        def _serve(self) -> None:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                self.send_error(400, "Bad Content-Length")
                return
            body = self.rfile.read(length) if length > 0 else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            if "dpop" in headers and len(self.headers.get_all("DPoP") or []) > 1:
                headers["dpop"] = ",".join(self.headers.get_all("DPoP") or [])
            try:
                reply = org.handle(self.command, self.path, headers, body)
            except Exception:  # an emulator bug must look like an Okta 500, not hang the client
                reply = _okta_error(500, "E0000009", "Internal Server Error")
            path = urlsplit(self.path).path
            with org._lock:
                org.requests.append(RequestRecord(self.command, self.path,
                                                  reply.status, frozenset(headers),
                                                  reply.client_id))
            if reply.delay:
                time.sleep(reply.delay)
            if reply.drop:
                self.close_connection = True
                self.connection.close()
                return
            self.send_response(reply.status, HTTPStatus(reply.status).phrase
                               if reply.status in HTTPStatus._value2member_map_ else None)
            names = {k.lower() for k, _ in reply.headers}
            if "x-rate-limit-limit" not in names:
                for name, value in org.rate_limit_headers(path):
                    self.send_header(name, value)
            self.send_header("X-Okta-Request-Id", uuid.uuid4().hex[:20])
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

    return Handler
