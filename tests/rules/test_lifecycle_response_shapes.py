# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Token responses read in shapes the trace did not follow: http.client's ``conn.request(…)``
returns nothing and the response is read from ``conn.getresponse()``; Azure AD v1 answers with
``expires_on`` (the time the token expires), which is the response's lifetime as much as
``expires_in`` is."""

from __future__ import annotations

import pytest
from project_rules import all_hits, parsed

from oinlint.facts import TokenRequest

HTTPLIB = '''import http.client
import json
import time
from urllib.parse import urlencode


class OktaConnection:
    def __init__(self, org, client_id, secret):
        self.org = org
        self.client_id = client_id
        self.secret = secret
        self.token = self.fetch()

    def fetch(self):
        conn = http.client.HTTPSConnection(self.org)
        body = urlencode({"grant_type": "client_credentials", "client_id": self.client_id,
                          "client_secret": self.secret, "scope": "okta.users.read"})
        conn.request("POST", "/oauth2/v1/token", body, {"Content-Type": "application/x-www-form-urlencoded"})
        reply = json.loads(conn.getresponse().read())
{keep}

    def users(self):
        conn = http.client.HTTPSConnection(self.org)
        conn.request("GET", "/api/v1/users", headers={"Authorization": "Bearer %s" % self.token})
        return json.loads(conn.getresponse().read())
'''


def test_httplib_response_is_followed_to_the_instance() -> None:
    keep = '''        return reply["access_token"]'''
    files = {"okta.py": HTTPLIB.replace('{keep}', keep)}
    requests = [r for f in parsed(files) for r in f.of(TokenRequest)]
    assert [(r.grant_type, r.caching) for r in requests] == [("client_credentials", "instance")]
    assert ("OIN301", "okta.py", 12) in all_hits(files)


def test_httplib_token_with_its_expiry_is_not_fetched_once() -> None:
    keep = '''        self.expires_at = time.monotonic() + reply["expires_in"] - 60
        return reply["access_token"]'''
    found = all_hits({"okta.py": HTTPLIB.replace('{keep}', keep)})
    assert [code for code, _, _ in found if code in ("OIN301", "OIN302")] == []


def test_a_request_whose_result_is_used_is_not_read_twice() -> None:
    # the response of another connection is not this request's
    source = HTTPLIB.replace('{keep}', '''        other = http.client.HTTPSConnection("status.example.com")
        other.request("GET", "/")
        return other.getresponse().read()''').replace(
        'reply = json.loads(conn.getresponse().read())', 'reply = None')
    requests = [r for f in parsed({"okta.py": source}) for r in f.of(TokenRequest)]
    assert [r.caching for r in requests] != ["instance"]


AZURE_V1 = '''import time
import requests


class Graph:
    def __init__(self, org, client_id, secret):
        self.org, self.client_id, self.secret = org, client_id, secret
        self.token = None
        self.expires = 0

    def _login(self):
        reply = requests.post(f"https://{{self.org}}/oauth2/v1/token",
                              data={{"grant_type": "client_credentials", "client_id": self.client_id,
                                    "client_secret": self.secret}}).json()
        self.token = reply["access_token"]
        self.expires = {expiry}

    def get(self, path):
        if time.time() + 300 >= self.expires:
            self._login()
        return requests.get(f"https://{{self.org}}/api/v1{{path}}",
                            headers={{"Authorization": "Bearer " + self.token}}).json()
'''


@pytest.mark.parametrize(("expiry", "guessed"), [
    pytest.param('int(reply["expires_on"])', False, id="expires_on-read"),
    pytest.param('reply.get("expires_on")', False, id="expires_on-get"),
    pytest.param("time.time() + 3600", True, id="fixed-guess"),
])
def test_expires_on_is_the_responses_lifetime(expiry: str, guessed: bool) -> None:
    found = all_hits({"graph.py": AZURE_V1.format(expiry=expiry)})
    assert any(code == "OIN302" for code, _, _ in found) is guessed


JS_EXPIRES_ON = '''export class Graph {
  constructor(org, id, secret) { this.org = org; this.id = id; this.secret = secret; this.token = null; this.expiresOn = 0; }

  async login() {
    const r = await fetch(`https://${this.org}/oauth2/v1/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.id, client_secret: this.secret }) });
    const data = await r.json();
    this.token = data.access_token;
    this.expiresOn = EXPIRY;
  }

  async users() {
    if (!this.token || Date.now() / 1000 > this.expiresOn - 60) await this.login();
    return fetch(`https://${this.org}/api/v1/users`, { headers: { Authorization: `Bearer ${this.token}` } });
  }
}
'''


@pytest.mark.parametrize(("expiry", "guessed"), [
    pytest.param("Number(data.expires_on)", False, id="expires_on"),
    pytest.param("Date.now() / 1000 + 3600", True, id="fixed-guess"),
])
def test_expires_on_in_javascript(expiry: str, guessed: bool) -> None:
    found = all_hits({"graph.js": JS_EXPIRES_ON.replace("EXPIRY", expiry)})
    assert any(code == "OIN302" for code, _, _ in found) is guessed
