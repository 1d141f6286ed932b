#!/usr/bin/env python3
"""One-off export of users for the Globex migration (run locally, then delete)."""

import csv
import sys

import requests

ORG = "globex.okta.com"
TOKEN = "00oinlintFAKEfW7Ln0KRgNBYxpRqsT9UQkRWQgbYO"


def main() -> int:
    headers = {"Authorization": "SSWS " + TOKEN, "Accept": "application/json"}
    url = f"https://{ORG}/api/v1/users?limit=200"
    writer = csv.writer(sys.stdout)
    while url:
        resp = requests.get(url, headers=headers, timeout=30)
        resp.raise_for_status()
        for user in resp.json():
            writer.writerow([user["id"], user["profile"]["login"], user["status"]])
        url = resp.links.get("next", {}).get("url")
    return 0


if __name__ == "__main__":
    sys.exit(main())
