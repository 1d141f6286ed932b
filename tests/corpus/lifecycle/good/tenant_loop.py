import logging

import httpx

log = logging.getLogger(__name__)


def fetch_token(client: httpx.Client, tenant) -> str:
    resp = client.post(f"https://{tenant.domain}/oauth2/v1/token",
                       data={"grant_type": "client_credentials", "scope": "okta.logs.read"},
                       auth=(tenant.client_id, tenant.client_secret))
    resp.raise_for_status()
    return resp.json()["access_token"]


def run(tenants) -> None:
    with httpx.Client(timeout=30) as client:
        for tenant in tenants:
            token = fetch_token(client, tenant)
            export_logs(client, tenant, token)
            log.info("exported logs for %s", tenant.domain)
