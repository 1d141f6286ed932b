"""Client-credentials token requests with per-tenant credentials from the environment."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Credentials:
    domain: str
    client_id: str
    client_secret: str


def from_env(prefix: str = "OKTA") -> Credentials:
    return Credentials(
        domain=os.environ[f"{prefix}_DOMAIN"],
        client_id=os.environ[f"{prefix}_CLIENT_ID"],
        client_secret=os.environ["OKTA_CLIENT_SECRET"],
    )


def fetch_token(creds: Credentials, scopes: list[str]) -> tuple[str, float]:
    resp = httpx.post(
        f"https://{creds.domain}/oauth2/v1/token",
        auth=(creds.client_id, creds.client_secret),
        data={"grant_type": "client_credentials", "scope": " ".join(scopes)},
        timeout=10,
    )
    resp.raise_for_status()
    body = resp.json()
    access_token = body["access_token"]
    return access_token, time.monotonic() + body["expires_in"] - 300


def placeholder_credentials() -> Credentials:
    # Used by `acme-sync doctor` to show which settings are missing.
    return Credentials(domain="<your-org>.okta.com", client_id="<client-id>",
                       client_secret="<your-client-secret>")
