"""Client-credentials token requests (first version, before the secret store)."""

import requests


def fetch_token(org: str) -> dict:
    data = {"grant_type": "client_credentials", "scope": "okta.users.read okta.groups.read",
            "client_id": "0oa8fakeoinlintCl1d",
            "client_secret": "FAKEsecret-oinlint-SY7XemZfBRaLsGAMUc6fx"}
    resp = requests.post(f"https://{org}/oauth2/v1/token", data=data, timeout=10,
                         allow_redirects=False)
    resp.raise_for_status()
    return resp.json()


def dev_tenant_token() -> str:
    resp = requests.post(
        "https://acme-dev.oktapreview.com/oauth2/v1/token",
        auth=("0oa9fakeoinlintDevId", "FAKEoinlintSecrethClUaerGJdjMk1zKIKKyE5U"),
        data={"grant_type": "client_credentials", "scope": "okta.users.read"},
        timeout=10,
        allow_redirects=False,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]
