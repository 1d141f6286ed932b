import os

from oauthlib.oauth2 import BackendApplicationClient
from requests_oauthlib import OAuth2Session

CLIENT_ID = os.environ["OKTA_CLIENT_ID"]
DOMAIN = os.environ["OKTA_DOMAIN"]

session = OAuth2Session(client=BackendApplicationClient(client_id=CLIENT_ID), scope=["okta.users.read"])
session.fetch_token(token_url=f"https://{DOMAIN}/oauth2/v1/token", client_id=CLIENT_ID,
                    client_secret=os.environ["OKTA_CLIENT_SECRET"], grant_type="client_credentials")


def users():
    return session.get(f"https://{DOMAIN}/api/v1/users").json()
