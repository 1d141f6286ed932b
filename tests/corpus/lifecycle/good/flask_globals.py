import os
import time

import requests
from flask import Flask, jsonify

app = Flask(__name__)
_token = None
_expires_at = 0.0


def access_token() -> str:
    global _token, _expires_at
    if _token is None or time.time() >= _expires_at:
        resp = requests.post(f"https://{os.environ['OKTA_DOMAIN']}/oauth2/v1/token",
                             data={"grant_type": "client_credentials", "scope": "okta.groups.read"},
                             auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]))
        resp.raise_for_status()
        body = resp.json()
        _token = body["access_token"]
        _expires_at = time.time() + body["expires_in"] - 120
    return _token


@app.get("/groups")
def groups():
    global _token
    url = f"https://{os.environ['OKTA_DOMAIN']}/api/v1/groups"
    resp = requests.get(url, headers={"Authorization": f"Bearer {access_token()}"})
    if resp.status_code == 401:
        _token = None
        resp = requests.get(url, headers={"Authorization": f"Bearer {access_token()}"})
    return jsonify(resp.json())
