import os

import requests

SESSION = requests.Session()
SESSION.headers.update({
    "Accept": "application/json",
    "User-Agent": "acme-sync/2.3",
    "Authorization": "SSWS %s" % os.environ["OKTA_API_TOKEN"],
})


def session_for(org: str, api_token: str) -> requests.Session:
    """A session for one legacy tenant."""
    session = requests.Session()
    session.headers["Authorization"] = "SSWS {}".format(api_token)
    session.headers["Accept"] = "application/json"
    return session


def bearer_session(access_token: str) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {access_token}"
    return session
