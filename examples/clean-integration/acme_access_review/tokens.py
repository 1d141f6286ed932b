"""Access tokens from each customer org's authorization server (client credentials, client
secret sent with HTTP Basic), cached per org until shortly before they expire."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus

import httpx

from .credentials import OrgCredentials
from .ratelimit import wait_for_reset

SCOPES = ("okta.users.read", "okta.groups.read", "okta.logs.read")
EXPIRY_MARGIN = 300  # seconds: renew five minutes before the token expires
DEFAULT_EXPIRES_IN = 3600


class TokenError(RuntimeError):
    """The org refused to issue an access token."""


@dataclass(frozen=True)
class _Cached:
    access_token: str
    expires_at: float


class TokenCache:
    def __init__(self, http: httpx.Client, scopes: tuple[str, ...] = SCOPES,
                 margin: float = EXPIRY_MARGIN,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._http = http
        self._scopes = scopes
        self._margin = margin
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[str, _Cached] = {}

    def access_token(self, org: OrgCredentials) -> str:
        with self._lock:
            cached = self._tokens.get(org.domain)
            if cached is None or self._clock() >= cached.expires_at:
                cached = self._fetch(org)
                self._tokens[org.domain] = cached
            return cached.access_token

    def invalidate(self, org: OrgCredentials) -> None:
        with self._lock:
            self._tokens.pop(org.domain, None)

    def _fetch(self, org: OrgCredentials) -> _Cached:
        # RFC 6749 §2.3.1: form-encode the client id and secret before Basic encoding.
        auth = httpx.BasicAuth(quote_plus(org.client_id), quote_plus(org.client_secret))
        for attempt in range(3):
            resp = self._http.post(
                f"https://{org.domain}/oauth2/v1/token",
                auth=auth,
                data={"grant_type": "client_credentials", "scope": " ".join(self._scopes)},
                headers={"Accept": "application/json"},
                follow_redirects=False,
            )
            if resp.status_code == 429 and attempt < 2:
                wait_for_reset(resp)
                continue
            break
        if resp.status_code != 200:
            try:
                body = resp.json()
            except ValueError:
                body = {}
            raise TokenError(f"token request to {org.domain} failed: HTTP {resp.status_code} "
                             f"{body.get('error', '')} {body.get('error_description', '')}".strip())
        body = resp.json()
        expires_in = int(body.get("expires_in", DEFAULT_EXPIRES_IN))
        return _Cached(body["access_token"], self._clock() + max(0.0, expires_in - self._margin))
