import os

import requests

DOMAIN = os.environ["OKTA_DOMAIN"]


def _token() -> str:
    resp = requests.post(f"https://{DOMAIN}/oauth2/v1/token",
                         data={"grant_type": "client_credentials", "scope": "okta.users.manage"},
                         auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]))
    resp.raise_for_status()
    return resp.json()["access_token"]


def get_user(user_id: str) -> dict:
    headers = {"Authorization": f"Bearer {_token()}"}
    return requests.get(f"https://{DOMAIN}/api/v1/users/{user_id}", headers=headers).json()


def update_user(user_id: str, profile: dict) -> dict:
    token = _token()
    return requests.post(f"https://{DOMAIN}/api/v1/users/{user_id}", json={"profile": profile},
                         headers={"Authorization": f"Bearer {token}"}).json()
