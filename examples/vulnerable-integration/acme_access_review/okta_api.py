"""Okta Management API calls for the access review (OAuth 2.0 tenants)."""

from __future__ import annotations

import logging
import time

import requests

from .config import Tenant, load_tenants

log = logging.getLogger(__name__)

USER_AGENT = "acme-access-review/0.9"
SCOPES = "okta.users.manage okta.groups.manage"


def _fetch_token(tenant: Tenant) -> str:
    resp = requests.post(
        f"https://{tenant.domain}/oauth2/default/v1/token",
        auth=(tenant.client_id, tenant.client_secret),
        data={"grant_type": "client_credentials", "scope": SCOPES},
        headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        timeout=10,
        allow_redirects=False,
        verify=False,  # the EU proxy re-signs TLS; "temporary"
    )
    resp.raise_for_status()
    log.info("fetched an access token for %s", tenant.domain)
    return resp.json()["access_token"]


# One token per org, fetched when this module is imported and used until the process exits.
TOKENS = {t.domain: _fetch_token(t) for t in load_tenants() if not t.legacy}


def paged_get(url: str, headers: dict[str, str], params: dict | None = None) -> list[dict]:
    """GET every page of a list endpoint: follow Link rel="next", wait out 429s."""
    results: list[dict] = []
    while url:
        resp = requests.get(url, headers=headers, params=params, timeout=30)
        if resp.status_code == 429:
            reset = int(resp.headers.get("X-Rate-Limit-Reset", int(time.time()) + 1))
            time.sleep(max(1, reset - int(time.time()) + 1))
            continue
        resp.raise_for_status()
        results.extend(resp.json())
        url = resp.links.get("next", {}).get("url", "")
        params = None  # the next link carries the cursor and the query
    return results


def _headers(tenant: Tenant) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {TOKENS[tenant.domain]}",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }


def list_users(tenant: Tenant) -> list[dict]:
    return paged_get(f"https://{tenant.domain}/api/v1/users", _headers(tenant), {"limit": 200})


def list_groups(tenant: Tenant) -> list[dict]:
    return paged_get(f"https://{tenant.domain}/api/v1/groups", _headers(tenant), {"limit": 200})


def list_group_members(tenant: Tenant, group_id: str) -> list[dict]:
    url = f"https://{tenant.domain}/api/v1/groups/{group_id}/users"
    return paged_get(url, _headers(tenant), {"limit": 200})


def list_apps(tenant: Tenant) -> list[dict]:
    return paged_get(f"https://{tenant.domain}/api/v1/apps", _headers(tenant), {"limit": 200})
