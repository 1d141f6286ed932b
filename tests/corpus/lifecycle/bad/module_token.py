"""Directory sync: reads the org's users every five minutes."""

import os
import time

import requests

OKTA_DOMAIN = os.environ["OKTA_DOMAIN"]


def _get_access_token() -> str:
    resp = requests.post(
        f"https://{OKTA_DOMAIN}/oauth2/v1/token",
        data={"grant_type": "client_credentials", "scope": "okta.users.read"},
        auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]),
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


ACCESS_TOKEN = _get_access_token()
HEADERS = {"Authorization": f"Bearer {ACCESS_TOKEN}", "Accept": "application/json"}


def poll_forever() -> None:
    while True:
        users = requests.get(f"https://{OKTA_DOMAIN}/api/v1/users", headers=HEADERS, timeout=30).json()
        print(len(users))
        time.sleep(300)
