# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Client-credentials token requests whose body is written in ways that were not read (the URLs
here are unknown, so only the body tells a token request): Python's
``data=json.dumps(payload)`` and aiohttp's ``data=aiohttp.FormData(options)``, a token endpoint
under ``/api/`` (Jamf's ``/api/oauth/token``) posted through the project's own helper, and a
JavaScript body handed on by name (``request(url, { method: 'POST', body })``)."""

from __future__ import annotations

import pytest

from oinlint.facts import TokenRequest
from oinlint.frontends import parse

BALROG = '''import json
import time

_cache = {}


def token(secrets, session):
    payload = dict(client_id=secrets["id"], client_secret=secrets["secret"], grant_type="client_credentials")
    request = session.post(secrets["token_url"], BODY, headers={"Content-Type": "application/json"})
    _cache["t"] = request.json()
    return _cache["t"]["access_token"]
'''


def requests_of(path: str, source: str, language: str = "python") -> list[tuple[str | None, str]]:
    return [(r.grant_type, r.caching) for r in parse(path, source, language).of(TokenRequest)]


@pytest.mark.parametrize(("body", "found"), [
    pytest.param("data=json.dumps(payload)", True, id="json-dumps"),
    pytest.param("data=aiohttp.FormData(payload)", True, id="aiohttp-formdata"),
    pytest.param("data=json.dumps({'grant_type': 'password'})", False, id="other-grant"),
])
def test_a_body_wrapped_in_a_serialiser_is_read(body: str, found: bool) -> None:
    got = requests_of("okta_auth.py", BALROG.replace("BODY", body))
    assert (got == [("client_credentials", "module")]) is found


JAMF = '''class Tokens:
    async def fetch(self):
        url = f"{self.client.base_url}/api/oauth/token"
        data = {"client_id": self.client.client_id, "grant_type": "client_credentials"}
        self.token = (await self.api.fetch_json(url, method="POST", data=data))["access_token"]
        return self.token
'''


def test_a_token_endpoint_under_api_posted_through_a_helper() -> None:
    assert requests_of("okta_tokens.py", JAMF) == [("client_credentials", "instance")]


def test_an_api_call_under_api_sending_a_grant_is_not_a_token_request() -> None:
    # an Okta API call whose body names a grant (an authorization server's policy rule)
    source = JAMF.replace("/api/oauth/token", "/api/v1/authorizationServers/aus1/policies")
    assert requests_of("okta_tokens.py", source) == []


RAI = '''import { request } from './rest';

export class ClientCredentials {
  accessToken?: string;

  async requestToken() {
    const body = {
      client_id: this.clientId,
      client_secret: this.clientSecret,
      grant_type: GRANT,
    };
    const data = await request(this.tokenUrl, { method: 'POST', body });
    this.accessToken = data.access_token;
    return this.accessToken;
  }
}
'''


@pytest.mark.parametrize(("grant", "expected"), [
    pytest.param("'client_credentials'", [("client_credentials", "instance")], id="client-credentials"),
    pytest.param("'authorization_code'", [], id="other-grant"),
])
def test_a_javascript_body_handed_on_by_name(grant: str, expected: list[tuple[str, str]]) -> None:
    found = requests_of("credentials.ts", RAI.replace("GRANT", grant), "typescript")
    assert [(g, c) for g, c in found if g == "client_credentials"] == expected


def test_a_javascript_fetch_body_named_by_shorthand() -> None:
    source = RAI.replace("await request(", "await fetch(").replace("import { request } from './rest';\n", "")
    found = requests_of("credentials.ts", source.replace("GRANT", "'client_credentials'"), "typescript")
    assert found == [("client_credentials", "instance")]


DT_FETCH = '''import { dtFetch } from '../utils';

const getAccessToken = async (config) => {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: config.id, client_secret: config.secret });
  const res = await dtFetch(config.tokenUrl, config.name, { method: 'POST', body });
  return res.json();
};

const query = async (config, dql) => {
  const token = await getAccessToken(config);
  const res = await dtFetch(new URL('query', config.url), config.name, {
    method: 'POST', headers: { Authorization: `Bearer ${token.access_token}` }, body: dql,
  });
  return res.json();
};

export const records = async (config, dql) => query(config, dql);
'''


def test_a_token_sent_through_a_fetch_helper_is_fetched_per_call() -> None:
    found = parse("dql.ts", DT_FETCH, "typescript").of(TokenRequest)
    assert [(r.grant_type, r.caching, r.per_call) for r in found] == [
        ("client_credentials", "none", True)]


def test_a_getter_returning_the_bearer_value_is_not_an_api_call() -> None:
    getter = DT_FETCH.replace(
        "const res = await dtFetch(new URL('query', config.url), config.name, {\n"
        "    method: 'POST', headers: { Authorization: `Bearer ${token.access_token}` }, body: dql,\n"
        "  });\n  return res.json();",
        "const header = `Bearer ${token.access_token}`;\n  return header;")
    found = parse("dql.ts", getter, "typescript").of(TokenRequest)
    assert [(r.caching, r.per_call) for r in found] != [("none", True)]
