# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""A JavaScript value read from the environment with a default (``process.env.OKTA_SCOPES ??
'okta.users.read'``, ``|| 'https://…'``) is the default: what the code asks for unless it is
configured otherwise, as Python's ``os.environ.get("OKTA_SCOPES", DEFAULT)`` already was."""

from __future__ import annotations

import pytest
from project_rules import hits

from oinlint.facts import ScopeList
from oinlint.frontends import parse

TOKEN_TS = """const SCOPES = EXPR;
export async function token(org: string) {
  const r = await fetch(`https://${org}/oauth2/v1/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: SCOPES }) });
  return (await r.json()).access_token;
}
export async function deactivate(org: string, tok: string, id: string) {
  await fetch(`https://${org}/api/v1/users/${id}/lifecycle/deactivate`, { method: 'POST', headers: { Authorization: `Bearer ${tok}` } });
}
"""


@pytest.mark.parametrize("expr", [
    "process.env.OKTA_SCOPES ?? 'okta.users.read'",
    "process.env.OKTA_SCOPES || 'okta.users.read'",
    "'okta.users.read' || process.env.OKTA_SCOPES",
])
def test_the_default_is_the_requested_scope(expr: str) -> None:
    files = {"okta.ts": TOKEN_TS.replace("EXPR", expr)}
    lists = [[r.name for r in s.scopes] for s in parse("okta.ts", files["okta.ts"],
                                                      "typescript").of(ScopeList)]
    assert ["okta.users.read"] in lists
    # the deactivation needs okta.users.manage, which the default does not ask for
    assert hits(files, "OIN204") == [("okta.ts", 7)]


def test_an_unknown_default_stays_unknown() -> None:
    files = {"okta.ts": TOKEN_TS.replace("EXPR", "process.env.OKTA_SCOPES ?? config.scopes")}
    assert hits(files, "OIN204") == []
