import os

from okta.client import Client as OktaClient


def make_client(domain: str) -> OktaClient:
    config = {
        "orgUrl": f"https://{domain}",
        "authorizationMode": "PrivateKey",
        "clientId": os.environ["OKTA_CLIENT_ID"],
        "scopes": ["okta.users.read", "okta.groups.read"],
        "privateKey": os.environ["OKTA_PRIVATE_KEY"],
    }
    return OktaClient(config)
