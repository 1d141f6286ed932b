# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""A token stored by one function and handed out by another (``getAuthToken(account)``
returning ``state.tokens[key].authToken``) is sent where that getter's result goes into an
``Authorization`` header, in another file: OIN303 points there. A predicate over the store
(``checkForToken()``) is not the getter."""

from __future__ import annotations

from project_rules import all_hits

AUTH = '''const state = { tokens: {} };

export async function checkForToken(key: string): Promise<boolean> {
  return state.tokens[key]?.expiresAt > Date.now();
}

export async function getAuthToken(key: string): Promise<string> {
  if (!(await checkForToken(key))) {
    state.tokens[key] = await fetchToken();
  }
  return state.tokens[key].authToken;
}

async function fetchToken() {
  const res = await fetch('https://acme.okta.com/oauth2/v1/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read' }),
  });
  const data = await res.json();
  return { authToken: `Bearer ${data.access_token}`, expiresAt: Date.now() + data.expires_in * 1000 };
}
'''

API = '''import { getAuthToken } from './auth';

export async function users(account: string) {
  const res = await fetch('https://acme.okta.com/api/v1/users', {
    headers: { Authorization: await getAuthToken(account) },
  });
  return res.json();
}
'''


def test_oin303_points_at_the_header_the_getter_fills() -> None:
    assert [h for h in all_hits({"auth.ts": AUTH, "api.ts": API}) if h[0] == "OIN303"] == [
        ("OIN303", "api.ts", 5)]


def test_a_401_answered_where_the_token_is_sent_silences_it() -> None:
    answered = API.replace("  return res.json();", "  if (res.status === 401) { delete state.tokens[account]; return users(account); }\n  return res.json();")
    assert [h for h in all_hits({"auth.ts": AUTH, "api.ts": answered}) if h[0] == "OIN303"] == []
