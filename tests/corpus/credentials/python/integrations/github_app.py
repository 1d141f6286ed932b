"""GitHub App used to open remediation pull requests."""

import time

import jwt
import requests

GITHUB_APP_ID = 184467
GITHUB_CLIENT_ID = "Iv1.fake0inlint5c3a"
GITHUB_CLIENT_SECRET = "FAKEghsecret9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c"
SLACK_CLIENT_SECRET = "FAKEslack-oinlint-3c2b1a0f9e8d7c6b5a4f"
STRIPE = {"client_id": "ca_FAKEoinlint", "client_secret": "FAKEstripe_oinlint_Zq8Lm2Vx7Rt4Wp9Ks3Yd"}


def app_jwt(private_key_pem: str) -> str:
    now = int(time.time())
    return jwt.encode({"iat": now - 60, "exp": now + 540, "iss": GITHUB_APP_ID},
                      private_key_pem, algorithm="RS256")


def installation_token(private_key_pem: str, installation_id: int) -> str:
    resp = requests.post(
        f"https://api.github.com/app/installations/{installation_id}/access_tokens",
        headers={"Authorization": f"Bearer {app_jwt(private_key_pem)}",
                 "Accept": "application/vnd.github+json"},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["token"]


def exchange_code(code: str) -> str:
    resp = requests.post("https://github.com/login/oauth/access_token",
                         data={"client_id": GITHUB_CLIENT_ID, "client_secret": GITHUB_CLIENT_SECRET,
                               "code": code},
                         headers={"Accept": "application/json"}, timeout=10)
    return resp.json()["access_token"]
