"""httpx auth hook: attaches the org's access token and renews it once on 401."""

import httpx


class OktaClientCredentials(httpx.Auth):
    requires_response_body = True

    def __init__(self, domain: str, client_id: str, client_secret: str, scopes: str) -> None:
        self.domain = domain
        self.client_id = client_id
        self.client_secret = client_secret
        self.scopes = scopes
        self._token = None

    def _new_token(self) -> str:
        resp = httpx.post(
            f"https://{self.domain}/oauth2/v1/token",
            data={"grant_type": "client_credentials", "scope": self.scopes},
            auth=(self.client_id, self.client_secret),
        )
        resp.raise_for_status()
        return resp.json()["access_token"]

    def auth_flow(self, request):
        if self._token is None:
            self._token = self._new_token()
        request.headers["Authorization"] = f"Bearer {self._token}"
        response = yield request
        if response.status_code == 401:
            self._token = self._new_token()
            request.headers["Authorization"] = f"Bearer {self._token}"
            yield request
