"""The emulated org: :class:`Emulator`, its lifecycle, test helpers, routing and HTTP handler.

It is a real HTTP server (stdlib ``ThreadingHTTPServer`` in a daemon thread); :meth:`handle`
answers one request (faults and rate limits first, then the route: discovery and the token
endpoint of :class:`AuthorizationServer`, or the management API of :class:`ManagementApi`).
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt

from oinlint.live.emulator.authorization_server import AuthorizationServer
from oinlint.live.emulator.faults import FaultInjector
from oinlint.live.emulator.management_api import ManagementApi
from oinlint.live.emulator.org_config import (
    AUTH_METHODS,
    ClientConfig,
    Fault,
    new_client_id,
    new_client_secret,
)
from oinlint.live.emulator.rate_limits import RateLimiter
from oinlint.live.emulator.records import RequestRecord
from oinlint.live.emulator.replies import Reply, json_reply, oauth_error, okta_error
from oinlint.live.emulator.tls import make_throwaway_tls

__all__ = ["Emulator"]


class Emulator(AuthorizationServer, ManagementApi, FaultInjector, RateLimiter):
    """An emulated Okta org; start it with ``with Emulator(config) as org:`` or :meth:`start`.

    ``Emulator(config, *, host="127.0.0.1", port=0, signing_key=None, https=False,
    ca_file=None)``: the constructor is :class:`~oinlint.live.emulator.state.OrgState`'s
    (``config`` is an ``org.yaml`` mapping or an
    :class:`~oinlint.live.emulator.org_config.EmulatorConfig`). With ``https=True`` it serves
    TLS with a throwaway CA whose certificate is at :attr:`ca_file` once started.
    """

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> Emulator:
        if self._server is not None:
            return self
        handler = _handler_for(self)
        self._server = _QuietServer((self._host, self._port), handler)
        self._server.daemon_threads = True
        scheme = "http"
        if self.https:
            self._tls = make_throwaway_tls(self._host, self.ca_file)
            self.ca_file = self._tls.ca_file
            # The handshake happens on the first read, in the request's own thread: a client
            # that never finishes it cannot stall the accept loop.
            self._server.socket = self._tls.context.wrap_socket(
                self._server.socket, server_side=True, do_handshake_on_connect=False)
            scheme = "https"
        port = self._server.server_address[1]
        shown = f"[{self._host}]" if ":" in self._host else self._host
        self.url = f"{scheme}://{shown}:{port}"
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
        if self._tls is not None:
            self._tls.cleanup()  # the server key; a ca_file the caller chose stays
            self._tls = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

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

    def add_api_token(self, token: str | None = None) -> str:
        """Accept ``Authorization: SSWS <token>`` on the management API, as an admin's API
        token (unscoped); for running legacy code before its OAuth migration."""
        value = token or "00" + secrets.token_urlsafe(30)
        with self._lock:
            self._api_tokens.add(value)
        return value

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
        """Inject a misbehaviour (see :class:`~oinlint.live.emulator.org_config.Fault`)."""
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
        """Make every token issued so far invalid (401 E0000011), as if an hour had passed;
        a token issued after the call is valid, however soon after."""
        with self._lock:
            self._expired.update(issued.token for issued in self.issued)

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
               body: bytes) -> Reply:
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
               headers: Mapping[str, str], body: bytes) -> Reply:
        if path in ("/.well-known/oauth-authorization-server",
                    "/.well-known/openid-configuration"):
            if method != "GET":
                return okta_error(405, "E0000022", "The endpoint does not support the "
                                  "provided HTTP method")
            return json_reply(200, self._discovery(openid=path.endswith("openid-configuration")))
        if path == "/oauth2/v1/keys":
            return json_reply(200, self.public_jwks).header("Cache-Control", "max-age=3600")
        if path == "/oauth2/v1/token":
            if method != "POST":
                return oauth_error(405, "invalid_request", "The token endpoint only accepts "
                                   "POST requests.")
            return self._token(headers, body)
        if path.startswith(("/api/", "/integrations/", "/privileged-access/",
                            "/okta-personal-settings/", "/security/", "/attack-protection/",
                            "/webauthn-registration/", "/device-access/", "/oauth2/v1/clients")):
            return self._management(method, path, query, headers, body)
        return okta_error(404, "E0000007", f"Not found: Resource not found: {path} (Path)")


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
                reply = okta_error(500, "E0000009", "Internal Server Error")
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
