import time

import requests


class TokenSource:
    def __init__(self, domain, client_id, secret):
        self.domain = domain
        self.client_id = client_id
        self.secret = secret
        self._token = None
        self._deadline = 0.0

    def get(self) -> str:
        if self._token is None or time.time() >= self._deadline:
            body = self._post()
            self._token = body["access_token"]
            self._deadline = time.time() + body.get("expires_in", 3600) - 60
        return self._token

    def invalidate(self) -> None:
        self._token = None

    def _post(self) -> dict:
        for attempt in range(4):
            resp = requests.post(f"https://{self.domain}/oauth2/v1/token",
                                 data={"grant_type": "client_credentials", "scope": "okta.apps.read"},
                                 auth=(self.client_id, self.secret), allow_redirects=False, timeout=10)
            if resp.status_code == 429:
                reset = int(resp.headers.get("X-Rate-Limit-Reset", time.time() + 1))
                time.sleep(max(1, reset - time.time()))
                continue
            resp.raise_for_status()
            return resp.json()
        raise RuntimeError("token endpoint rate limited")


def apps(source: TokenSource) -> list:
    resp = requests.get(f"https://{source.domain}/api/v1/apps",
                        headers={"Authorization": f"Bearer {source.get()}"}, timeout=30)
    if resp.status_code == 401:
        source.invalidate()
        resp = requests.get(f"https://{source.domain}/api/v1/apps",
                            headers={"Authorization": f"Bearer {source.get()}"}, timeout=30)
    resp.raise_for_status()
    return resp.json()
