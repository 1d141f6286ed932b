# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""A JavaScript value read from the environment with a default (``process.env.OKTA_SCOPES ??
'okta.users.read'``, ``|| 'https://…'``) is the default: what the code asks for unless it is
configured otherwise, as Python's ``os.environ.get("OKTA_SCOPES", DEFAULT)`` already was."""

from __future__ import annotations

import pytest
from project_rules import hits

from oinlint.facts import AuthHeader, ScopeList
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


def test_an_empty_default_says_nothing() -> None:
    # ``|| ""`` only says the value may be missing: the header stays an SSWS one with an
    # unknown credential, not ``SSWS `` with an empty one
    source = "const token = process.env.OKTA_API_TOKEN || '';\n" \
             "const h = { Authorization: `SSWS ${token}` };\n"
    assert [a.scheme for a in parse("okta.js", source, "javascript").of(AuthHeader)] == ["SSWS"]


CS = """public class Okta {
  static readonly string Scopes = Environment.GetEnvironmentVariable("OKTA_SCOPES") ?? "okta.users.read";
  public async Task<string> Token(string org) {
    var r = await http.PostAsync($"https://{org}/oauth2/v1/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = Scopes }));
    return "";
  }
  public async Task Deactivate(string org, string id) {
    await http.PostAsync($"https://{org}/api/v1/users/{id}/lifecycle/deactivate", null);
  }
}
"""


def test_csharp_null_coalescing_default() -> None:
    assert hits({"Okta.cs": CS}, "OIN204") == [("Okta.cs", 8)]
