import os

import requests

ORG = os.environ["OKTA_ORG_URL"]


def token() -> str:
    data = {"grant_type": "client_credentials", "scope": "okta.users.read okta.groups.read"}
    return requests.post(f"{ORG}/oauth2/v1/token", data=data, timeout=10).json()["access_token"]


def get_all(path: str, bearer: str) -> list[dict]:
    return requests.get(ORG + path, headers={"Authorization": f"Bearer {bearer}"}, timeout=10).json()


def report() -> None:
    bearer = token()
    print(len(get_all("/api/v1/users", bearer)), len(get_all("/api/v1/groups", bearer)))
