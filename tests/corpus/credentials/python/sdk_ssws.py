import os

from okta.client import Client as OktaClient


def make_client(org_url: str) -> OktaClient:
    return OktaClient({"orgUrl": org_url, "token": os.environ["OKTA_CLIENT_TOKEN"]})


async def deactivated_users(org_url: str) -> list:
    client = make_client(org_url)
    users, resp, err = await client.list_users(search='status eq "DEPROVISIONED"')
    if err:
        raise RuntimeError(err)
    return users
