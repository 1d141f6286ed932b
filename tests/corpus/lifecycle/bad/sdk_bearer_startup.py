import os

import requests
from okta.client import Client as OktaClient


def _client_credentials_token(org_url: str) -> str:
    resp = requests.post(org_url + "/oauth2/v1/token",
                         data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                         auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]))
    resp.raise_for_status()
    return resp.json()["access_token"]


class Directory:
    def __init__(self, org_url: str) -> None:
        self.client = OktaClient({"orgUrl": org_url, "authorizationMode": "Bearer",
                                  "token": _client_credentials_token(org_url)})

    async def users(self):
        users, _resp, _err = await self.client.list_users()
        return users
