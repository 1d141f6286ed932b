import time

import requests


class OktaToken:
    def __init__(self, domain, client_id, secret):
        self.domain, self.client_id, self.secret = domain, client_id, secret
        self.body = None
        self.expires_at = 0

    def access_token(self):
        if self.body is None:
            self.body = self._grant({"grant_type": "client_credentials", "scope": "okta.users.read"})
        elif time.time() > self.expires_at:
            self.body = self._grant({"grant_type": "refresh_token",
                                     "refresh_token": self.body["refresh_token"]})
        self.expires_at = time.time() + self.body["expires_in"]
        return self.body["access_token"]

    def _grant(self, form):
        resp = requests.post(f"https://{self.domain}/oauth2/v1/token", data=form,
                             auth=(self.client_id, self.secret))
        if resp.status_code == 401:
            raise PermissionError("client credentials rejected")
        return resp.json()
