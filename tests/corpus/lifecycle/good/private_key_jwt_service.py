"""Internal service app (not OIN): private_key_jwt, cached with expires_in."""

import time
import uuid

import jwt
import requests


class ServiceToken:
    def __init__(self, domain: str, client_id: str, private_key: str) -> None:
        self.domain = domain
        self.client_id = client_id
        self.private_key = private_key
        self.value: str | None = None
        self.expires_at = 0.0

    def _assertion(self) -> str:
        now = int(time.time())
        aud = f"https://{self.domain}/oauth2/v1/token"
        return jwt.encode({"iss": self.client_id, "sub": self.client_id, "aud": aud,
                           "iat": now, "exp": now + 300, "jti": str(uuid.uuid4())},
                          self.private_key, algorithm="RS256")

    def get(self) -> str:
        if self.value is None or time.monotonic() >= self.expires_at:
            resp = requests.post(f"https://{self.domain}/oauth2/v1/token", data={
                "grant_type": "client_credentials",
                "scope": "okta.users.read",
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": self._assertion(),
            })
            resp.raise_for_status()
            body = resp.json()
            self.value = body["access_token"]
            self.expires_at = time.monotonic() + body["expires_in"] - 60
        return self.value

    def reset(self) -> None:
        self.value = None


def users(token: ServiceToken) -> list:
    r = requests.get(f"https://{token.domain}/api/v1/users", headers={"Authorization": f"Bearer {token.get()}"})
    if r.status_code == 401:
        token.reset()
        r = requests.get(f"https://{token.domain}/api/v1/users", headers={"Authorization": f"Bearer {token.get()}"})
    return r.json()
