"""Scope strings joined from parts (issue 15): a JS template literal or ``+`` chain that embeds a
scope constant reports each scope where it is written, and ``openid`` asked for in the same
string as an Okta scope is asked of Okta (OIN207), while an application's own login scopes on
their own are not Okta's business; a wrapper's verb is read from any word of its name."""

from __future__ import annotations

import textwrap

from oinlint.facts import ApiCall, FileFacts, ScopeList
from oinlint.frontends import parse
from oinlint.scope_analysis import analyse


def _ts(source: str, path: str = "src/config.ts") -> FileFacts:
    return parse(path, textwrap.dedent(source), "typescript")


def test_an_embedded_constant_s_scopes_are_where_the_constant_is_written() -> None:
    facts = _ts("""\
        export const ID_SCOPES = "openid profile";
        export const ALL_SCOPES = `${ID_SCOPES} okta.users.read`;
        export const MORE_SCOPES = ID_SCOPES + " okta.apps.read";
        """)
    lists = {lst.name: [(r.name, r.span.line, r.span.column) for r in lst.scopes]
             for lst in facts.of(ScopeList)}
    constant = [("openid", 1, 27), ("profile", 1, 34)]
    assert lists["ALL_SCOPES"] == [*constant, ("okta.users.read", 2, 41)]
    assert lists["MORE_SCOPES"] == [*constant, ("okta.apps.read", 3, 42)]


def test_openid_beside_an_okta_scope_is_asked_of_okta() -> None:
    facts = _ts("""\
        export const SCOPES = "openid offline_access okta.users.read";
        """)
    business = {use.name: use.okta_business() for use in analyse([facts]).requested}
    assert business == {"openid": True, "offline_access": True, "okta.users.read": True}


def test_an_applications_own_login_scopes_alone_are_not_oktas() -> None:
    facts = _ts("""\
        export const LOGIN_SCOPES = "openid profile email";
        """)
    assert [use.okta_business() for use in analyse([facts]).requested] == [False] * 3


def test_a_wrappers_verb_comes_from_any_word_of_its_name() -> None:
    facts = _ts("""\
        class OktaClient {
          private async apiFetch(path: string) {
            return fetch(`${this.org}${path}`, { headers: { Accept: "application/json" } });
          }
          async searchUsers(q: string) {
            return this.apiFetch(`/api/v1/users?search=${encodeURIComponent(q)}`);
          }
        }
        """, "src/okta-client.ts")
    calls = [(c.span.line, c.method, c.path_template) for c in facts.of(ApiCall)
             if c.span.line == 6]
    assert calls == [(6, "GET", "/api/v1/users")]
