from functools import cached_property

import requests


class OktaService:
    def __init__(self, domain: str, client_id: str, client_secret: str) -> None:
        self.domain = domain
        self.client_id = client_id
        self.client_secret = client_secret

    @cached_property
    def token(self) -> str:
        resp = requests.post(f"https://{self.domain}/oauth2/v1/token",
                             data={"grant_type": "client_credentials", "scope": "okta.apps.read"},
                             auth=(self.client_id, self.client_secret))
        resp.raise_for_status()
        return resp.json()["access_token"]

    def apps(self) -> list:
        return requests.get(f"https://{self.domain}/api/v1/apps",
                            headers={"Authorization": f"Bearer {self.token}"}).json()
