"""Each sync job builds an SDK client around a fresh token from the per-org cache."""

from okta.client import Client as OktaClient

from .tokens import cache


async def sync_users(tenant):
    token = cache.access_token(tenant)
    client = OktaClient({"orgUrl": f"https://{tenant.domain}", "authorizationMode": "Bearer",
                         "token": token})
    users, resp, err = await client.list_users()
    return users
