import requests


class OktaGateway:
    def __init__(self, settings):
        self.domain = settings.okta_domain
        self.client_id = settings.okta_client_id
        self.client_secret = settings.okta_client_secret
        self._token = None

    @property
    def token(self) -> str:
        if not self._token:
            self._token = self._fetch_token()
        return self._token

    def _fetch_token(self) -> str:
        r = requests.post(f"https://{self.domain}/oauth2/v1/token",
                          data={"grant_type": "client_credentials", "scope": "okta.users.manage"},
                          auth=(self.client_id, self.client_secret))
        r.raise_for_status()
        return r.json()["access_token"]

    def suspend(self, user_id: str) -> None:
        requests.post(f"https://{self.domain}/api/v1/users/{user_id}/lifecycle/suspend",
                      headers={"Authorization": f"Bearer {self.token}"}).raise_for_status()
