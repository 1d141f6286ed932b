import os
import time

import httpx

_state = {"token": None, "expires": 0.0}


def _fetch() -> str:
    resp = httpx.post(f"https://{os.environ['OKTA_DOMAIN']}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.logs.read"},
                      auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]))
    return resp.json()["access_token"]


def token() -> str:
    if _state["token"] is None or time.time() > _state["expires"]:
        _state["token"] = _fetch()
        _state["expires"] = time.time() + 3600
    return _state["token"]


def logs(since: str) -> list:
    resp = httpx.get(f"https://{os.environ['OKTA_DOMAIN']}/api/v1/logs", params={"since": since},
                     headers={"Authorization": f"Bearer {token()}"})
    if resp.status_code == 401:
        _state["token"] = None
    return resp.json()
