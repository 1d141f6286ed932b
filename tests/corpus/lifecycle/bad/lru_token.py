import functools
import os

import requests


@functools.lru_cache(maxsize=32)
def token_for(domain: str) -> str:
    resp = requests.post(
        f"https://{domain}/oauth2/v1/token",
        data={"grant_type": "client_credentials", "scope": "okta.apps.read"},
        auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]),
    )
    return resp.json()["access_token"]


def apps(domain: str) -> list:
    return requests.get(f"https://{domain}/api/v1/apps",
                        headers={"Authorization": "Bearer " + token_for(domain)}).json()
