import os

import requests

AUTH_SERVER = os.environ.get("OKTA_AUTH_SERVER", "default")


class Tokens:
    def __init__(self, domain, client_id, secret):
        self.domain, self.client_id, self.secret = domain, client_id, secret
        self.token = None
        self.expires_at = 0.0

    def get(self, now):
        if self.token is None or now() >= self.expires_at:
            body = requests.post(
                f"https://{self.domain}/oauth2/{AUTH_SERVER}/v1/token",
                data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                auth=(self.client_id, self.secret),
            ).json()
            self.token = body["access_token"]
            self.expires_at = now() + body["expires_in"] - 60
        return self.token

    def clear(self):
        self.token = None


def users(tokens: Tokens, now):
    r = requests.get(f"https://{tokens.domain}/api/v1/users", headers={"Authorization": f"Bearer {tokens.get(now)}"})
    if r.status_code == 401:
        tokens.clear()
    return r.json()
