"""JS/TS: a URL built by a helper named for it (``joinUrl(okta.orgUrl, path)``,
``buildUrl('/api/v1/groups')``, ``url.resolve(base, path)``, ``path.posix.join``) is its parts in
order, so the Okta call made with it is resolved; a helper named otherwise stays unknown."""

from __future__ import annotations

import pytest

from oinlint.facts import HttpApiUse
from oinlint.frontends import parse

TEMPLATE = '''import {{ joinUrl, buildUrl }} from '../util/url';
import url from 'url';
const okta = {{ orgUrl: process.env.OKTA_ORG_URL }};
export async function groups(name) {{
  const path = {path};
  return fetch({call}, {{ headers: {{ Authorization: `SSWS ${{process.env.OKTA_API_TOKEN}}` }} }});
}}
'''


@pytest.mark.parametrize(("path", "call", "expected"), [
    ("`${buildUrl('/api/v1/groups')}?q=${name}`", "joinUrl(okta.orgUrl, path)",
     [("GET", "/api/v1/groups")]),
    ("'/api/v1/users'", "url.resolve(okta.orgUrl, path)", [("GET", "/api/v1/users")]),
    ("'/api/v1/apps'", "urlJoin(okta.orgUrl, path)", [("GET", "/api/v1/apps")]),
    ("'/api/v1/users'", "decorate(okta.orgUrl, path)", []),
], ids=["joinUrl-of-buildUrl", "url.resolve", "urlJoin", "other-helper"])
def test_url_built_by_a_joining_helper_is_resolved(path: str, call: str,
                                                   expected: list[tuple[str, str]]) -> None:
    text = TEMPLATE.format(path=path, call=call)
    facts = parse("groups.js", text, "javascript")
    fetched = [(u.method, u.path) for u in facts.of(HttpApiUse) if u.span.line == 6]
    assert fetched == expected
