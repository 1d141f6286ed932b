#!/usr/bin/env python3
"""Print who an API token belongs to (stdlib only, runs on the bastion)."""

import json
import os
import sys
import urllib.request


def whoami(org: str, token: str) -> dict:
    req = urllib.request.Request(f"https://{org}/api/v1/users/me")
    req.add_header("Accept", "application/json")
    req.add_header("Authorization", "SSWS " + token)
    with urllib.request.urlopen(req, timeout=15) as resp:
        return json.load(resp)


if __name__ == "__main__":
    me = whoami(sys.argv[1], os.environ["OKTA_API_TOKEN"])
    print(me["profile"]["login"])
