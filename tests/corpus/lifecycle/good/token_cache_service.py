"""Per-org token cache for the provisioning worker."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import httpx

SCOPES = "okta.users.read okta.groups.read"
MARGIN = 120


@dataclass
class _Entry:
    token: str
    expires_at: float


class OrgTokens:
    def __init__(self, http: httpx.Client) -> None:
        self._http = http
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}

    def token(self, domain: str, client_id: str, secret: str) -> str:
        with self._lock:
            entry = self._entries.get(domain)
            if entry is None or time.monotonic() > entry.expires_at:
                entry = self._request(domain, client_id, secret)
                self._entries[domain] = entry
            return entry.token

    def drop(self, domain: str) -> None:
        with self._lock:
            self._entries.pop(domain, None)

    def _request(self, domain: str, client_id: str, secret: str) -> _Entry:
        resp = self._http.post(
            f"https://{domain}/oauth2/v1/token",
            data={"grant_type": "client_credentials", "scope": SCOPES},
            auth=(client_id, secret),
            headers={"Accept": "application/json"},
        )
        resp.raise_for_status()
        body = resp.json()
        return _Entry(body["access_token"], time.monotonic() + int(body["expires_in"]) - MARGIN)


def call(http: httpx.Client, tokens: OrgTokens, domain: str, cid: str, secret: str, path: str):
    for attempt in range(2):
        token = tokens.token(domain, cid, secret)
        resp = http.get(f"https://{domain}{path}", headers={"Authorization": f"Bearer {token}"})
        if resp.status_code == 401 and attempt == 0:
            tokens.drop(domain)
            continue
        resp.raise_for_status()
        return resp.json()
    return None
