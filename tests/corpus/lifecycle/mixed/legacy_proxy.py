"""Token client used behind the customer's TLS-intercepting proxy."""

import logging
import time

import requests

log = logging.getLogger(__name__)


class ProxyTokens:
    def __init__(self, domain, client_id, client_secret):
        self.domain = domain
        self.client_id = client_id
        self.client_secret = client_secret
        self.session = requests.Session()
        self.session.verify = False
        self._token = None
        self._exp = 0.0

    def token(self):
        if self._token is None or time.time() > self._exp:
            resp = self.session.post(f"https://{self.domain}/oauth2/v1/token",
                                     data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                                     auth=(self.client_id, self.client_secret), allow_redirects=True)
            body = resp.json()
            self._token = body["access_token"]
            self._exp = time.time() + body["expires_in"] - 30
            log.debug("new token %s", self._token)
        return self._token

    def reset(self):
        self._token = None


def check(tokens, resp):
    if resp.status_code == 401:
        tokens.reset()
