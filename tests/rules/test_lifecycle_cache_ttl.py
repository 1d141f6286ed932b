# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""A token kept in a cache that gives every entry a fixed lifetime is renewed on a guess
(OIN302), and the finding points at that lifetime: node-cache's ``stdTTL``, lru-cache's
``ttl``, a literal third argument of ``cache.set``, cachetools' ``ttl_cache(ttl=…)`` and
``TTLCache(…, ttl=…)``. Before, a JS cache made with a default lifetime counted as honouring
the token's expiry, and ``cachetools.func.ttl_cache`` was taken for no cache at all (a token
per call, OIN304)."""

from __future__ import annotations

import pytest
from project_rules import all_hits

JS = '''const axios = require('axios');
{cache}
const ORG = process.env.OKTA_ORG_URL;

async function token() {{
  let t = cache.get('okta');
  if (!t) {{
    const res = await axios.post(`${{ORG}}/oauth2/v1/token`, new URLSearchParams({{ grant_type: 'client_credentials', scope: 'okta.groups.read' }}),
      {{ auth: {{ username: process.env.CLIENT_ID, password: process.env.CLIENT_SECRET }} }});
    t = res.data.access_token;
    {store}
  }}
  return t;
}}

async function groups() {{
  const res = await axios.get(`${{ORG}}/api/v1/groups`, {{ headers: {{ Authorization: `Bearer ${{await token()}}` }} }});
  if (res.status === 401) {{ cache.del('okta'); return groups(); }}
  return res.data;
}}
module.exports = {{ groups }};
'''

PY = '''import os
import requests
{imports}

ORG = os.environ["OKTA_ORG_URL"]


{decorator}
def get_token():
    r = requests.post(f"{{ORG}}/oauth2/v1/token", data={{"grant_type": "client_credentials", "scope": "okta.users.read"}},
                      auth=(os.environ["CLIENT_ID"], os.environ["CLIENT_SECRET"]))
    return r.json()["access_token"]


def users():
    r = requests.get(f"{{ORG}}/api/v1/users", headers={{"Authorization": f"Bearer {{get_token()}}"}})
    if r.status_code == 401:
        get_token.cache_clear()
        return users()
    return r.json()
'''


@pytest.mark.parametrize(("cache", "store", "line"), [
    pytest.param("const NodeCache = require('node-cache');\nconst cache = new NodeCache({ stdTTL: 3600 });",
                 "cache.set('okta', t);", 3, id="node-cache-stdTTL"),
    pytest.param("const { LRUCache } = require('lru-cache');\nconst cache = new LRUCache({ max: 10, ttl: 55 * 60 * 1000 });",
                 "cache.set('okta', t);", 3, id="lru-cache-ttl"),
    pytest.param("const NodeCache = require('node-cache');\nconst cache = new NodeCache();",
                 "cache.set('okta', t, 3300);", 12, id="literal-third-argument"),
])
def test_a_cache_with_a_fixed_lifetime_guesses_the_tokens(cache: str, store: str, line: int) -> None:
    source = JS.format(cache=cache, store=store)
    assert all_hits({"okta.js": source}) == [("OIN302", "okta.js", line)]


@pytest.mark.parametrize("store", [
    pytest.param("cache.set('okta', t, res.data.expires_in - 60);", id="response-lifetime"),
    pytest.param("cache.set('okta', t, res.data.expires_in);", id="exact-lifetime"),
])
def test_a_cache_entry_given_the_responses_lifetime_is_fine(store: str) -> None:
    source = JS.format(cache="const NodeCache = require('node-cache');\nconst cache = new NodeCache({ stdTTL: 3600 });",
                       store=store)
    assert all_hits({"okta.js": source}) == []


def test_a_cache_without_a_lifetime_is_not_a_guess() -> None:
    source = JS.format(cache="const NodeCache = require('node-cache');\nconst cache = new NodeCache({ checkperiod: 120 });",
                       store="cache.set('okta', t);")
    assert [code for code, _, _ in all_hits({"okta.js": source})] == []


@pytest.mark.parametrize(("imports", "decorator", "line"), [
    pytest.param("from cachetools.func import ttl_cache", "@ttl_cache(maxsize=1, ttl=3500)", 8,
                 id="cachetools-func-ttl_cache"),
    pytest.param("from cachetools import TTLCache, cached", "@cached(TTLCache(maxsize=1, ttl=3500))", 8,
                 id="cached-TTLCache-keyword"),
    pytest.param("from cachetools import TTLCache, cached", "@cached(cache=TTLCache(1, 3000))", 8,
                 id="cached-TTLCache-positional"),
])
def test_python_ttl_caches_point_at_their_lifetime(imports: str, decorator: str, line: int) -> None:
    source = PY.format(imports=imports, decorator=decorator)
    assert all_hits({"okta.py": source}) == [("OIN302", "okta.py", line)]
