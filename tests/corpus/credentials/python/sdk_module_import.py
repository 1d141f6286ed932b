import okta.client

from .config import load_tenant


def client_for(tenant_id: str) -> okta.client.Client:
    tenant = load_tenant(tenant_id)
    return okta.client.Client(
        {
            "orgUrl": f"https://{tenant.domain}",
            "token": tenant.api_token,
            "cache": {"enabled": False},
        }
    )
