"""Tokens that OAuth client libraries request, and tokens renewed on a timer (issue 15).

Real integrations often let a library send the client-credentials POST: openid-client's
``client.grant``, simple-oauth2's ``ClientCredentials#getToken``, the oauth2 gem's
``client_credentials.get_token``, league/oauth2-client's ``getAccessToken('client_credentials')``,
requests-oauthlib's ``OAuth2Session(client=BackendApplicationClient(...))``. Each is a token
request (its scopes judged, its token followed), and the library token's own ``expired()`` check
is expiry handling. A token renewed by a timer (``setInterval(refresh, 50 min)``,
``threading.Timer(3000, refresh)``) is renewed on a guessed lifetime: OIN302, not OIN301.
"""

from __future__ import annotations

import pytest
from project_rules import all_hits, parsed

from oinlint.facts import AuthHeader, ScopeList, TokenRequest

OPENID_CLIENT_JS = '''const { Issuer } = require('openid-client');
const axios = require('axios');

let tokenSet;

async function token() {
  if (!tokenSet) {
    const issuer = await Issuer.discover(process.env.OKTA_ORG_URL);
    const client = new issuer.Client({ client_id: process.env.OKTA_CLIENT_ID,
                                       client_secret: process.env.OKTA_CLIENT_SECRET });
    tokenSet = await client.grant({ grant_type: 'client_credentials', scope: 'okta.users.read' });
  }
  return tokenSet.access_token;
}

async function users() {
  const { data } = await axios.get(`${process.env.OKTA_ORG_URL}/api/v1/users`, {
    headers: { Authorization: `Bearer ${await token()}` },
  });
  return data;
}
module.exports = { users };
'''

SIMPLE_OAUTH2_JS = '''const { ClientCredentials } = require('simple-oauth2');
const fetch = require('node-fetch');

const client = new ClientCredentials({
  client: { id: process.env.OKTA_CLIENT_ID, secret: process.env.OKTA_CLIENT_SECRET },
  auth: { tokenHost: process.env.OKTA_ORG_URL, tokenPath: '/oauth2/v1/token' },
});
let accessToken;

async function listUsers() {
  if (!accessToken || accessToken.expired(60)) {
    accessToken = await client.getToken({ scope: 'okta.users.read' });
  }
  const res = await fetch(process.env.OKTA_ORG_URL + '/api/v1/users', {
    headers: { Authorization: `Bearer ${accessToken.token.access_token}` },
  });
  return res.json();
}
module.exports = { listUsers };
'''

OAUTH2_GEM_RB = '''require 'oauth2'

class OktaSync
  def initialize
    @client = OAuth2::Client.new(ENV['OKTA_CLIENT_ID'], ENV['OKTA_CLIENT_SECRET'],
                                 site: ENV['OKTA_ORG_URL'], token_url: '/oauth2/v1/token')
  end

  def token
    @token ||= @client.client_credentials.get_token(scope: 'okta.users.read okta.groups.manage')
  end

  def users
    token.get('/api/v1/users').parsed
  end
end
'''

LEAGUE_PHP = '''<?php
use League\\OAuth2\\Client\\Provider\\GenericProvider;
use GuzzleHttp\\Client;

class OktaService {
    private $provider;
    private $token;

    public function __construct() {
        $this->provider = new GenericProvider([
            'clientId' => getenv('OKTA_CLIENT_ID'),
            'clientSecret' => getenv('OKTA_CLIENT_SECRET'),
            'urlAccessToken' => getenv('OKTA_ORG_URL') . '/oauth2/v1/token',
        ]);
    }

    private function token() {
        if ($this->token === null) {
            $this->token = $this->provider->getAccessToken('client_credentials',
                ['scope' => 'okta.users.read']);
        }
        return $this->token->getToken();
    }

    public function users() {
        $http = new Client();
        $res = $http->get(getenv('OKTA_ORG_URL') . '/api/v1/users',
            ['headers' => ['Authorization' => 'Bearer ' . $this->token()]]);
        return json_decode($res->getBody(), true);
    }
}
'''

REQUESTS_OAUTHLIB_PY = '''import os
import time
from oauthlib.oauth2 import BackendApplicationClient
from requests_oauthlib import OAuth2Session

ORG = os.environ["OKTA_ORG_URL"]
client = BackendApplicationClient(client_id=os.environ["OKTA_CLIENT_ID"])
okta = OAuth2Session(client=client, scope=["okta.users.read", "okta.groups.manage"])
okta.fetch_token(token_url=f"{ORG}/oauth2/v1/token", client_id=os.environ["OKTA_CLIENT_ID"],
                 client_secret=os.environ["OKTA_CLIENT_SECRET"])


def main():
    while True:
        print(len(okta.get(f"{ORG}/api/v1/users").json()))
        time.sleep(300)
'''


def _requests(files: dict[str, str]) -> list[TokenRequest]:
    return [r for f in parsed(files) for r in f.of(TokenRequest)]


@pytest.mark.parametrize(("path", "text", "line", "via"), [
    ("okta.js", OPENID_CLIENT_JS, 11, "grant"),
    ("okta.js", SIMPLE_OAUTH2_JS, 12, "getToken"),
    ("okta.rb", OAUTH2_GEM_RB, 10, "oauth2.client_credentials"),
    ("okta.php", LEAGUE_PHP, 19, "league.getAccessToken"),
    ("sync.py", REQUESTS_OAUTHLIB_PY, 9, "requests-oauthlib"),
])
def test_a_library_token_call_is_a_client_credentials_request(path: str, text: str, line: int,
                                                              via: str) -> None:
    [request] = _requests({path: text})
    assert (request.span.line, request.grant_type, request.via) == (line, "client_credentials",
                                                                    via)


def test_the_library_requests_scopes_are_judged() -> None:
    scopes = {(s.role, r.name) for f in parsed({"okta.rb": OAUTH2_GEM_RB})
              for s in f.of(ScopeList) for r in s.scopes}
    assert scopes == {("token-request", "okta.users.read"),
                      ("token-request", "okta.groups.manage")}
    sessions = {(s.role, r.name) for f in parsed({"sync.py": REQUESTS_OAUTHLIB_PY})
                for s in f.of(ScopeList) for r in s.scopes}
    assert ("token-request", "okta.groups.manage") in sessions


@pytest.mark.parametrize(("path", "text", "expected"), [
    # kept with no expiry: OIN301 at the request, OIN303 where it is sent
    ("okta.js", OPENID_CLIENT_JS, [("OIN301", 11), ("OIN303", 18)]),
    # simple-oauth2's ``expired(60)`` is expiry handling: only the 401 is missing
    ("okta.js", SIMPLE_OAUTH2_JS, [("OIN303", 15)]),
    ("okta.php", LEAGUE_PHP, [("OIN301", 19), ("OIN303", 28)]),
    ("sync.py", REQUESTS_OAUTHLIB_PY, [("OIN301", 9), ("OIN303", 9)]),
    ("okta.rb", OAUTH2_GEM_RB, [("OIN301", 10), ("OIN303", 10)]),
])
def test_library_tokens_are_followed(path: str, text: str, expected: list[tuple[str, int]]
                                     ) -> None:
    assert [(code, line) for code, _, line in all_hits({path: text})] == expected


def test_a_library_expiry_check_counts_in_ruby_and_php() -> None:
    ruby = OAUTH2_GEM_RB.replace(
        "    @token ||= @client",
        "    @token = nil if @token&.expired?\n    @token ||= @client")
    php = LEAGUE_PHP.replace("if ($this->token === null) {",
                             "if ($this->token === null || $this->token->hasExpired()) {")
    assert [c for c, _, _ in all_hits({"okta.rb": ruby})] == ["OIN303"]
    assert [c for c, _, _ in all_hits({"okta.php": php})] == ["OIN303"]


@pytest.mark.parametrize("text", [
    # an authorization-code exchange through openid-client is a user's token
    OPENID_CLIENT_JS.replace("grant_type: 'client_credentials'",
                             "grant_type: 'authorization_code', code"),
    # another library's ``grant()`` (a permission grant) is no token request
    "const acl = require('acl');\nacl.grant({ role: 'admin', resource: 'users' });\n",
    # simple-oauth2's AuthorizationCode#getToken exchanges a code
    "const { AuthorizationCode } = require('simple-oauth2');\n"
    "const c = new AuthorizationCode({});\n"
    "async function cb(code) { return c.getToken({ code, redirect_uri: 'x' }); }\n",
    # a getToken() of any other library is not simple-oauth2's
    "const msal = require('msal');\nasync function t(app) { return app.getToken({}); }\n",
])
def test_other_grants_are_not_client_credentials_requests(text: str) -> None:
    assert _requests({"auth.js": text}) == []


JS_TIMER = '''const axios = require('axios');
let accessToken = null;

async function refreshToken() {
  const res = await axios.post(`${process.env.OKTA_ORG_URL}/oauth2/v1/token`,
    'grant_type=client_credentials&scope=okta.logs.read',
    { auth: { username: process.env.OKTA_CLIENT_ID, password: process.env.OKTA_CLIENT_SECRET } });
  accessToken = res.data.access_token;
}

async function poll() {
  const res = await axios.get(`${process.env.OKTA_ORG_URL}/api/v1/logs`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  console.log(res.data.length);
}

refreshToken().then(() => {
  setInterval(refreshToken, 50 * 60 * 1000);
  setInterval(poll, 60 * 1000);
});
'''

PY_TIMER = '''import os
import threading
import time
import requests

ORG = os.environ["OKTA_ORG_URL"]
_token = None


def refresh():
    global _token
    r = requests.post(f"{ORG}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.logs.read"})
    _token = r.json()["access_token"]
    threading.Timer(3000, refresh).start()


def poll():
    while True:
        r = requests.get(f"{ORG}/api/v1/logs", headers={"Authorization": f"Bearer {_token}"})
        print(len(r.json()))
        time.sleep(60)
'''

PY_POLLER_TIMER = '''import os
import schedule
import requests

ORG = os.environ["OKTA_ORG_URL"]


def get_token():
    r = requests.post(f"{ORG}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.logs.read"})
    return r.json()["access_token"]


TOKEN = get_token()


def poll():
    r = requests.get(f"{ORG}/api/v1/logs", headers={"Authorization": f"Bearer {TOKEN}"})
    print(len(r.json()))


schedule.every(1).minutes.do(poll)
'''


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("worker.js", JS_TIMER, [("OIN302", 5), ("OIN303", 13)]),
    ("worker.py", PY_TIMER, [("OIN302", 12), ("OIN303", 20)]),
    # the delay computed from the response's lifetime is expiry handling
    ("worker.js", JS_TIMER.replace(
        "accessToken = res.data.access_token;\n}",
        "accessToken = res.data.access_token;\n"
        "  setTimeout(refreshToken, (res.data.expires_in - 60) * 1000);\n}").replace(
        "  setInterval(refreshToken, 50 * 60 * 1000);\n", ""), [("OIN303", 14)]),
    ("worker.py", PY_TIMER.replace("threading.Timer(3000, refresh)",
                                   'threading.Timer(r.json()["expires_in"] - 60, refresh)'),
     [("OIN303", 20)]),
    # a timer that runs the poller renews nothing: the token is still fetched once
    ("worker.py", PY_POLLER_TIMER, [("OIN301", 14), ("OIN303", 18)]),
])
def test_a_token_renewed_on_a_timer(path: str, text: str, expected: list[tuple[str, int]]
                                    ) -> None:
    assert [(code, line) for code, _, line in all_hits({path: text})] == expected


SCRIBEJAVA = '''package com.acme;

import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.oauth.OAuth20Service;

public class OktaAuthenticator {
    private final OAuth20Service service;
    private OAuth2AccessToken token;

    public OktaAuthenticator(OAuth20Service service) { this.service = service; }

    private OAuth2AccessToken getToken() throws Exception {
        if (token == null) {
            token = service.getAccessTokenClientCredentialsGrant("okta.users.read");
        }
        return token;
    }

    public void configure(HttpRequest request) throws Exception {
        request.addHeader(OAuthConstants.HEADER, "Bearer " + getToken().getAccessToken());
    }

    public void start() { Server.listen(8080); }
}
'''


def test_scribejava_client_credentials_grant_is_a_token_request() -> None:
    [request] = [f for facts in parsed({"OktaAuthenticator.java": SCRIBEJAVA})
                 for f in facts.of(TokenRequest)]
    assert (request.span.line, request.grant_type, request.caching) == (
        14, "client_credentials", "instance")
    [scopes] = [f for facts in parsed({"OktaAuthenticator.java": SCRIBEJAVA})
                for f in facts.of(ScopeList)]
    assert [s.name for s in scopes.scopes] == ["okta.users.read"]


def test_a_bearer_header_named_by_a_constant_is_where_the_token_is_sent() -> None:
    """``addHeader(OAuthConstants.HEADER, "Bearer " + …)``: OIN303 points at it."""
    assert ("OIN303", "OktaAuthenticator.java", 20) in all_hits(
        {"OktaAuthenticator.java": SCRIBEJAVA})


def test_a_header_named_by_a_constant_with_another_value_is_no_authorization() -> None:
    text = SCRIBEJAVA.replace('"Bearer " + getToken().getAccessToken()', '"application/json"')
    found = [f for facts in parsed({"OktaAuthenticator.java": text}) for f in facts.of(AuthHeader)]
    assert found == []


AXIOS_PARAMS_JS = '''const axios = require('axios');

let accessToken = null;
let accessTokenExpiry = null;

function getCurrentTime() {
  return Math.floor(new Date() / 1000);
}

function isAuthExpired() {
  return !accessToken || !accessTokenExpiry || accessTokenExpiry <= %s;
}

async function refreshAccessToken() {
  const response = await axios.post(`${process.env.OKTA_ORG_URL}/oauth2/v1/token`, {}, {
    params: { grant_type: 'client_credentials', scope: 'okta.users.read' },
    auth: { username: process.env.OKTA_CLIENT_ID, password: process.env.OKTA_CLIENT_SECRET },
  });
  accessToken = response.data.access_token;
  accessTokenExpiry = response.data.expires_in + %s;
}

async function users() {
  if (isAuthExpired()) await refreshAccessToken();
  const r = await axios.get(`${process.env.OKTA_ORG_URL}/api/v1/users`,
    { headers: { Authorization: `Bearer ${accessToken}` } });
  return r.data;
}
module.exports = { users };
'''


def test_axios_params_carry_the_grant_and_a_clock_helper_reads_the_clock() -> None:
    """``axios.post(url, {}, { params: { grant_type } })`` is a token request, and
    ``getCurrentTime()`` around ``new Date()`` is a clock read: expiry handled, only OIN303."""
    assert all_hits({"auth.js": AXIOS_PARAMS_JS % ("getCurrentTime()", "getCurrentTime()")}) == [
        ("OIN303", "auth.js", 26)]


def test_expires_in_never_compared_with_a_clock_is_still_oin302() -> None:
    """The clock helper is defined but never called where the token's expiry is handled."""
    assert all_hits({"auth.js": AXIOS_PARAMS_JS % ("60", "0")}) == [
        ("OIN302", "auth.js", 15), ("OIN303", "auth.js", 26)]
