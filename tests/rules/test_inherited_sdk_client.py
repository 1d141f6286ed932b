"""An okta-sdk-python client kept by a base class (``self.client = OktaSDKClient(config)``,
or made by a method of it) and used by subclasses in other modules (``self.client.list_users()``
in ``class Users(OktaService)``): each operation is an API call needing its scopes. Before,
``self.client`` in the subclass was an unknown receiver."""

from __future__ import annotations

import pytest
from project_rules import parsed

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import ApiCall

BASE = '''from okta.client import Client as OktaSDKClient


class OktaService:
    def __init__(self, session):
        self.client = MAKE


    @staticmethod
    def _make(session):
        return OktaSDKClient({"orgUrl": session.org, "authorizationMode": "PrivateKey",
                              "clientId": session.client_id, "privateKey": session.key})
'''

USERS = '''from app.lib.service import OktaService


class Users(OktaService):
    async def fetch(self):
        users, resp, err = await self.client.list_users()
        return users
'''


def calls(files: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    facts = parsed(files)
    return sorted((f.path, c.method, c.path_template)
                  for f in with_resolved(facts, resolve(facts)) for c in f.of(ApiCall))


@pytest.mark.parametrize("make", [
    pytest.param('OktaSDKClient({"orgUrl": session.org})', id="constructor"),
    pytest.param("self._make(session)", id="factory-method"),
])
def test_a_subclass_uses_the_base_classes_client(make: str) -> None:
    files = {"app/__init__.py": "", "app/lib/__init__.py": "",
             "app/lib/service.py": BASE.replace("MAKE", make), "app/users.py": USERS}
    assert ("app/users.py", "GET", "/api/v1/users") in calls(files)


def test_an_attribute_the_subclass_sets_itself_is_its_own() -> None:
    users = USERS.replace("    async def fetch(self):",
                          "    def __init__(self):\n        self.client = object()\n\n"
                          "    async def fetch(self):")
    files = {"app/__init__.py": "", "app/lib/__init__.py": "",
             "app/lib/service.py": BASE.replace("MAKE", "self._make(session)"),
             "app/users.py": users}
    assert [c for c in calls(files) if c[0] == "app/users.py"] == []


def test_a_base_whose_attribute_is_no_client() -> None:
    files = {"app/__init__.py": "", "app/lib/__init__.py": "",
             "app/lib/service.py": BASE.replace("MAKE", "session.http"), "app/users.py": USERS}
    assert [c for c in calls(files) if c[0] == "app/users.py"] == []


TS_BASE = """import { Client } from '@okta/okta-sdk-nodejs';

export abstract class OktaBase {
  FIELD
}
"""

TS_USERS = """import { OktaBase } from './base';

export class Users extends OktaBase {
  async list() {
    return this.client.userApi.listUsers();
  }
}
"""


@pytest.mark.parametrize("field", [
    pytest.param("protected client = new Client({ orgUrl: process.env.OKTA_ORG_URL });",
                 id="class-field"),
    pytest.param("protected client: Client;\n  constructor() {\n"
                 "    this.client = new Client({ orgUrl: process.env.OKTA_ORG_URL });\n  }",
                 id="set-in-constructor"),
])
def test_a_typescript_subclass_uses_the_base_classes_client(field: str) -> None:
    files = {"src/base.ts": TS_BASE.replace("FIELD", field), "src/users.ts": TS_USERS}
    assert calls(files) == [("src/users.ts", "GET", "/api/v1/users")]


def test_a_typescript_class_extending_nothing_imported() -> None:
    users = TS_USERS.replace("import { OktaBase } from './base';\n", "class OktaBase {}\n")
    files = {"src/base.ts": TS_BASE.replace("FIELD", "protected client = new Client({});"),
             "src/users.ts": users}
    assert calls(files) == []
