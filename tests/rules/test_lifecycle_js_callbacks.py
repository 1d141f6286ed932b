# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""JS/TS: a token that reaches its store through a promise's callback (``fetchToken().then((data)
=> { state.token = data.access_token })``) or a Node-style callback (``request.post(options,
function (err, res, body) { token = body.access_token })``) is kept there. Before, the promise
form was taken for a token per call (a false OIN304) and the request-library form was no token
request at all."""

from __future__ import annotations

import pytest
from project_rules import all_hits

THEN_CHAIN = """const axios = require('axios');
const state = {};
function getToken() {
  return axios.post(`${process.env.OKTA_ORG_URL}/oauth2/v1/token`, 'grant_type=client_credentials',
    { auth: { username: process.env.CID, password: process.env.CSEC } })
    .then((res) => res.data)
    .then((data) => { state.accessToken = data.access_token; return data.access_token; });
}
async function users() {
  if (!state.accessToken) await getToken();
  const headers = { Authorization: `Bearer ${state.accessToken}` };
  return (await axios.get(`${process.env.OKTA_ORG_URL}/api/v1/users`, { headers })).data;
}
module.exports = { users };
"""

THEN_FUNCTION = """const fetch = require('node-fetch');
class Okta {
  constructor(org) { this.org = org; this.token = null; }
  login() {
    const self = this;
    return fetch(`${this.org}/oauth2/v1/token`, { method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read' }) })
      .then(function (r) { return r.json(); })
      .then(function ({ access_token }) { self.token = access_token; });
  }
  users() {
    return fetch(`${this.org}/api/v1/users`, { headers: { Authorization: 'Bearer ' + this.token } });
  }
}
module.exports = Okta;
"""

NODE_CALLBACK = """var request = require('request');
var accessToken = null;
function getToken(done) {
  request.post({
    url: process.env.OKTA_ORG_URL + '/oauth2/v1/token',
    form: { grant_type: 'client_credentials', scope: 'okta.users.read' },
    auth: { user: process.env.CID, pass: process.env.CSEC },
    json: true
  }, function (err, res, body) {
    if (err) return done(err);
    accessToken = body.access_token;
    done(null, accessToken);
  });
}
function listUsers(done) {
  var url = process.env.OKTA_ORG_URL + '/api/v1/users';
  var go = function () {
    request.get({ url: url, headers: { Authorization: 'Bearer ' + accessToken }, json: true }, done);
  };
  if (accessToken) return go();
  getToken(function (err) { if (err) return done(err); go(); });
}
module.exports = { listUsers: listUsers };
"""


@pytest.mark.parametrize(("text", "expected"), [
    (THEN_CHAIN, [("OIN301", "okta.js", 4), ("OIN303", "okta.js", 11)]),
    (THEN_FUNCTION, [("OIN301", "okta.js", 6), ("OIN303", "okta.js", 12)]),
    (NODE_CALLBACK, [("OIN301", "okta.js", 4), ("OIN303", "okta.js", 18)]),
], ids=["then-chain", "then-function", "node-callback"])
def test_token_kept_through_a_callback_is_fetched_once(
        text: str, expected: list[tuple[str, str, int]]) -> None:
    assert all_hits({"okta.js": text}) == expected


# handled: the expiry is kept beside the token, in the callback
THEN_EXPIRY = THEN_CHAIN.replace(
    "state.accessToken = data.access_token;",
    "state.accessToken = data.access_token;"
    " state.expiresAt = Date.now() + (data.expires_in - 60) * 1000;").replace(
    "if (!state.accessToken)", "if (!state.accessToken || Date.now() > state.expiresAt)")
NODE_EXPIRY = NODE_CALLBACK.replace(
    "    accessToken = body.access_token;\n",
    "    accessToken = body.access_token;\n"
    "    expiresAt = Date.now() + body.expires_in * 1000;\n").replace(
    "var accessToken = null;\n", "var accessToken = null;\nvar expiresAt = 0;\n").replace(
    "if (accessToken) return go();", "if (accessToken && Date.now() < expiresAt) return go();")
# tricky: the callback receives nothing of the token (``.then(() => …)``): the token is only
# returned, and each API call asks for one
THEN_NOTHING = """const axios = require('axios');
function getToken() {
  return axios.post(`${process.env.OKTA_ORG_URL}/oauth2/v1/token`, 'grant_type=client_credentials')
    .then((res) => res.data.access_token);
}
async function users() {
  const token = await getToken().then(() => 'ignored');
  return axios.get(`${process.env.OKTA_ORG_URL}/api/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
}
"""


@pytest.mark.parametrize(("text", "expected"), [
    (THEN_EXPIRY, [("OIN303", "okta.js", 11)]),
    (NODE_EXPIRY, [("OIN303", "okta.js", 20)]),
    (THEN_NOTHING, [("OIN304", "okta.js", 7)]),
], ids=["then-expiry", "node-callback-expiry", "then-without-parameter"])
def test_token_through_a_callback_is_judged_by_what_is_done_there(
        text: str, expected: list[tuple[str, str, int]]) -> None:
    assert all_hits({"okta.js": text}) == expected
