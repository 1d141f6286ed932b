"""Okta settings for the sync worker, with defaults for the shared dev tenant."""

import os

OKTA_DOMAIN = os.getenv("OKTA_DOMAIN", "acme-dev.oktapreview.com")
OKTA_CLIENT_ID = os.getenv("OKTA_CLIENT_ID", "0oa9fakeoinlintDevId")
OKTA_CLIENT_SECRET = os.getenv("OKTA_CLIENT_SECRET", "FAKEoinlintDefault-Hn5Bc0JkLq8Vx3Rt7Wp2")
OKTA_SCOPES = os.getenv("OKTA_SCOPES", "okta.users.read okta.groups.read").split()
OKTA_TOKEN_URL = f"https://{OKTA_DOMAIN}/oauth2/v1/token"
