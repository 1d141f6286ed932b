"""okta-sdk-python in Bearer mode: we fetch the access token ourselves (client secret, HTTP
Basic) and hand it to the SDK."""

from __future__ import annotations

from pathlib import Path

from okta.client import Client as OktaClient

from .tokens import TokenCache


def sdk_client(org: str, tokens: TokenCache) -> OktaClient:
    access_token = tokens.access_token(org)
    return OktaClient({
        "orgUrl": f"https://{org}",
        "authorizationMode": "Bearer",
        "token": access_token,
    })


def private_key_client(org: str, client_id: str, key_path: Path) -> OktaClient:
    # Internal admin tool only (not the OIN integration): a plain API Services app.
    return OktaClient({
        "orgUrl": f"https://{org}",
        "authorizationMode": "PrivateKey",
        "clientId": client_id,
        "scopes": ["okta.users.read", "okta.groups.read"],
        "privateKey": key_path.read_text(encoding="utf-8"),
        "kid": "internal-admin-2024",
    })


def token_cache_entry(access_token: str, expires_at: float) -> dict:
    return {"token": access_token, "expires_at": expires_at}
