"""Customers who set Acme up before the OIN integration existed gave us an API token."""

from __future__ import annotations

import os

from okta.client import Client as OktaClient

from .okta_api import USER_AGENT, paged_get


def legacy_users(domain: str) -> list[dict]:
    headers = {
        "Authorization": f"SSWS {os.environ['OKTA_API_TOKEN']}",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }
    return paged_get(f"https://{domain}/api/v1/users", headers, {"limit": 200})


def legacy_sdk_client(domain: str) -> OktaClient:
    return OktaClient({
        "orgUrl": f"https://{domain}",
        "token": os.environ["OKTA_CLIENT_TOKEN"],
        "userAgent": USER_AGENT,
    })


async def legacy_groups(domain: str) -> list[dict]:
    client = legacy_sdk_client(domain)
    groups, resp, err = await client.list_groups()
    if err:
        raise RuntimeError(f"listing groups in {domain} failed: {err}")
    while resp.has_next():
        more, err = await resp.next()
        if err:
            raise RuntimeError(f"listing groups in {domain} failed: {err}")
        groups.extend(more)
    return [{"id": g.id, "profile": {"name": g.profile.name}} for g in groups]
