import time

import httpx

TOKEN_LIFETIME = 55 * 60


class CachedToken:
    def __init__(self, domain, client_id, secret):
        self.domain = domain
        self.client_id = client_id
        self.secret = secret
        self.value = None
        self.fetched = 0.0

    def get(self):
        if self.value is None or time.monotonic() - self.fetched > TOKEN_LIFETIME:
            self.value = self._fetch()
            self.fetched = time.monotonic()
        return self.value

    def _fetch(self):
        resp = httpx.post(f"https://{self.domain}/oauth2/v1/token", auth=(self.client_id, self.secret),
                          data={"grant_type": "client_credentials", "scope": "okta.logs.read"})
        resp.raise_for_status()
        return resp.json()["access_token"]

    def refresh_on_401(self, resp):
        if resp.status_code == 401:
            self.value = None
