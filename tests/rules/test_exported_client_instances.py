# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""A client instance made with a base URL in one module and used in another: ``export const okta
= axios.create({ baseURL })`` / ``client = httpx.Client(base_url=…)`` in ``okta``, then
``okta.get("/users")`` in ``users``. Before, the call's path was only ``/users`` (not an Okta
call), so the scopes it needs were "needed by no call" (OIN203) and nothing was paged."""

from __future__ import annotations

import pytest
from project_rules import hits, parsed

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import ApiCall

TS_CLIENT = """import axios from 'axios';

export const okta = axios.create({ baseURL: `https://${process.env.OKTA_DOMAIN}/api/v1` });
"""

TS_USERS = """import { okta } from './okta';

export async function listUsers() {
  const { data } = await okta.get('/users', { params: { limit: 200 } });
  return data;
}

export async function deactivate(id: string) {
  await okta.post(`users/${id}/lifecycle/deactivate`);
}
"""

PY_CLIENT = """import os
import httpx

client = httpx.Client(base_url=f"https://{os.environ['OKTA_DOMAIN']}/api/v1")
"""

PY_USERS = """from app.okta import client


def list_users():
    return client.get("/users", params={"limit": 200}).json()


def deactivate(user_id):
    client.post(f"users/{user_id}/lifecycle/deactivate")
"""


def calls(files: dict[str, str]) -> list[tuple[str, int, str | None, str | None]]:
    facts = parsed(files)
    resolved = with_resolved(facts, resolve(facts))
    return sorted((f.path, c.span.line, c.method, c.path_template)
                  for f in resolved for c in f.of(ApiCall))


@pytest.mark.parametrize(("files", "users"), [
    pytest.param({"src/okta.ts": TS_CLIENT, "src/users.ts": TS_USERS}, "src/users.ts",
                 id="typescript-axios"),
    pytest.param({"src/okta.ts": TS_CLIENT.replace(
        "axios.create({ baseURL:", "got.extend({ prefixUrl:").replace(
        "import axios from 'axios'", "import got from 'got'"),
        "src/users.ts": TS_USERS}, "src/users.ts", id="typescript-got"),
    pytest.param({"app/__init__.py": "", "app/okta.py": PY_CLIENT, "app/users.py": PY_USERS},
                 "app/users.py", id="python-httpx"),
])
def test_calls_on_another_modules_client_instance_are_okta_calls(
        files: dict[str, str], users: str) -> None:
    found = [(line, method, path) for path_, line, method, path in calls(files)
             if path_ == users]
    assert [(m, p) for _, m, p in found] == [
        ("GET", "/api/v1/users"), ("POST", "/api/v1/users/{}/lifecycle/deactivate")]


def test_a_client_without_a_base_url_gives_no_call() -> None:
    files = {"app/__init__.py": "", "app/okta.py": PY_CLIENT.replace(
        "base_url=f\"https://{os.environ['OKTA_DOMAIN']}/api/v1\"", "timeout=10"),
        "app/users.py": PY_USERS}
    assert calls(files) == []


def test_a_client_bound_twice_is_not_guessed() -> None:
    twice = TS_CLIENT + "\nexport let other = axios.create({ baseURL: 'https://example.com' });\n"
    twice = twice.replace("export const okta = ", "export let okta = ") + \
        "okta = axios.create({ baseURL: 'https://status.example.com/api/v1' });\n"
    assert calls({"src/okta.ts": twice, "src/users.ts": TS_USERS}) == []


def test_another_hosts_client_is_not_okta() -> None:
    files = {"src/okta.ts": TS_CLIENT.replace(
        "`https://${process.env.OKTA_DOMAIN}/api/v1`", "'https://api.github.com'"),
        "src/users.ts": TS_USERS}
    assert calls(files) == []


TOKEN = """import axios from 'axios';

export async function token(): Promise<string> {
  const r = await axios.post(`https://${process.env.OKTA_DOMAIN}/oauth2/v1/token`,
    new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read okta.groups.manage' }));
  return r.data.access_token;
}
"""


def test_the_scope_the_imported_clients_calls_need_is_not_unused() -> None:
    files = {"src/token.ts": TOKEN, "src/okta.ts": TS_CLIENT,
             "src/users.ts": TS_USERS.replace("await okta.post(`users/${id}/lifecycle/deactivate`);",
                                              "await okta.get(`groups/${id}`);")}
    # the users call needs okta.users.read; okta.groups.manage is more than a read of a group
    assert hits(files, "OIN203") == []
    assert hits(files, "OIN202") == [("src/token.ts", 5)]
