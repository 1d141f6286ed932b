import json
import os

import urllib3

http = urllib3.PoolManager(cert_reqs="CERT_NONE")


def token(domain: str) -> str:
    resp = http.request(
        "POST",
        f"https://{domain}/oauth2/v1/token",
        fields={"grant_type": "client_credentials", "scope": "okta.users.read",
                "client_id": os.environ["OKTA_CLIENT_ID"], "client_secret": os.environ["OKTA_CLIENT_SECRET"]},
        encode_multipart=False,
    )
    return json.loads(resp.data)["access_token"]


def users(domain: str) -> list:
    resp = http.request("GET", f"https://{domain}/api/v1/users",
                        headers={"Authorization": f"Bearer {token(domain)}"})
    return json.loads(resp.data)
