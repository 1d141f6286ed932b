#!/usr/bin/env python3
"""Export the users of one customer org to CSV (run by support, takes a minute)."""

import csv
import os
import sys

import requests


def main() -> int:
    domain = os.environ["OKTA_DOMAIN"]
    resp = requests.post(
        f"https://{domain}/oauth2/v1/token",
        data={"grant_type": "client_credentials", "scope": "okta.users.read"},
        auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]),
        timeout=10,
    )
    resp.raise_for_status()
    token = resp.json()["access_token"]
    writer = csv.writer(sys.stdout)
    url = f"https://{domain}/api/v1/users?limit=200"
    while url:
        page = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        page.raise_for_status()
        for user in page.json():
            writer.writerow([user["id"], user["profile"]["login"]])
        url = page.links.get("next", {}).get("url")
    return 0


if __name__ == "__main__":
    sys.exit(main())
