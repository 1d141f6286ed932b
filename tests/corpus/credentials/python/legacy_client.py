"""Legacy Okta client for the v1 sync (kept until every tenant is migrated).

Historically this module sent ``Authorization: SSWS <token>``; the OAuth client in
``okta_oauth.py`` replaces it for tenants that installed the OIN integration.
"""

from __future__ import annotations

import logging
import os

import requests

log = logging.getLogger(__name__)

OKTA_ORG = os.environ.get("OKTA_ORG", "acme.okta.com")


def list_users(api_token: str, limit: int = 200) -> list[dict]:
    """Return the first page of users (SSWS, legacy path)."""
    headers = {
        "Accept": "application/json",
        "Authorization": f"SSWS {api_token}",
    }
    log.debug("GET /api/v1/users with SSWS auth (legacy tenant)")
    resp = requests.get(
        f"https://{OKTA_ORG}/api/v1/users",
        params={"limit": limit},
        headers=headers,
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()


def get_group(api_token: str, group_id: str) -> dict:
    resp = requests.get(
        f"https://{OKTA_ORG}/api/v1/groups/{group_id}",
        headers={"Authorization": "SSWS " + api_token},
        timeout=30,
    )
    if resp.status_code == 401:
        raise PermissionError("Okta rejected the SSWS token (expired or revoked)")
    resp.raise_for_status()
    return resp.json()


def get_app(access_token: str, app_id: str) -> dict:
    # New path: OAuth access token from the org authorization server.
    resp = requests.get(
        f"https://{OKTA_ORG}/api/v1/apps/{app_id}",
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()
