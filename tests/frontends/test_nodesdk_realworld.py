"""okta-sdk-nodejs calls that are not named like an operation (issue 15): model methods on
objects the SDK returned, the v6 client's own names, and a configuration object built before
``new Client(config)``. Snippets written for these tests, shaped like real integrations."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from oinlint import frontends
from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import ApiCall


def operations(source: str, path: str = "t.ts") -> list[tuple[int, str | None]]:
    language = "typescript" if path.endswith(".ts") else "javascript"
    facts = frontends.parse(path, textwrap.dedent(source), language)
    return [(c.span.line, c.operation_id) for c in facts.of(ApiCall)]


MODEL_CALLS = [
    pytest.param("""\
        import * as okta from '@okta/okta-sdk-nodejs';
        class Groups {
          constructor(private readonly client: okta.Client) {}
          add = (userId: string, groupId: string) =>
            this.client.getUser(userId).then((user: okta.User) => user.addToGroup(groupId));
        }
        """, [(5, "getUser"), (5, "assignUserToGroup")], id="typed-then-callback"),
    pytest.param("""\
        const okta = require('@okta/okta-sdk-nodejs');
        const client = new okta.Client({ orgUrl: 'https://example.okta.com' });
        function drop(groupId, userId) {
          return client.getGroup(groupId).then(g => g.removeUser(userId));
        }
        """, [(4, "getGroup"), (4, "unassignUserFromGroup")], id="untyped-then-callback"),
    pytest.param("""\
        import { Client } from '@okta/okta-sdk-nodejs';
        export async function offboard(client: Client, id: string) {
          const user = await client.getUser(id);
          await user.deactivate();
        }
        """, [(3, "getUser"), (4, "deactivateUser")], id="awaited-variable"),
    pytest.param("""\
        import { Client, User } from '@okta/okta-sdk-nodejs';
        export function suspend(who: User) {
          return who.suspend();
        }
        """, [(3, "suspendUser")], id="imported-model-type"),
    pytest.param("""\
        const okta = require('@okta/okta-sdk-nodejs');
        const client = new okta.Client({ orgUrl: 'https://example.okta.com' });
        client.listUsers().each(u => u.deactivate());
        client.addUserToGroup('g1', 'u1');
        """, [(3, "listUsers"), (3, "deactivateUser"), (4, "assignUserToGroup")],
        id="collection-each-and-v6-client-name"),
]


@pytest.mark.parametrize(("source", "expected"), MODEL_CALLS)
def test_model_methods_on_objects_the_sdk_returned_are_okta_operations(
        source: str, expected: list[tuple[int, str]]) -> None:
    assert operations(source) == expected


NOT_MODEL_CALLS = [
    pytest.param("""\
        import * as okta from '@okta/okta-sdk-nodejs';
        export function drop(store: Store, id: string) {
          const user = store.find(id);
          user.deactivate();
        }
        """, id="object-from-elsewhere"),
    pytest.param("""\
        import { Client } from '@okta/okta-sdk-nodejs';
        export function leave(user: Member, group: Team) {
          user.addToGroup(group.id);
          group.removeUser(user.id);
        }
        """, id="parameters-of-other-types"),
    pytest.param("""\
        import { GroupsClient } from './groups';
        const client = new GroupsClient();
        client.getGroup('g').then(g => g.removeUser('u'));
        """, id="non-okta-client-getGroup"),
    pytest.param("""\
        const okta = require('@okta/okta-sdk-nodejs');
        const client = new okta.Client({ orgUrl: 'https://example.okta.com' });
        client.getGroup('g').then(toGroup).then(g => g.removeUser('u'));
        """, id="promise-chain-after-a-mapping-step"),
]


@pytest.mark.parametrize("source", NOT_MODEL_CALLS)
def test_model_method_names_without_sdk_evidence_are_not_okta_operations(source: str) -> None:
    assert [op for _, op in operations(source)
            if op not in ("getGroup",)] == []


def test_a_model_method_without_the_sdk_imported_is_not_okta() -> None:
    assert operations("""\
        export function drop(user: User) { return user.deactivate(); }
        """) == []


CONFIG_BUILT_BEFORE = """\
    import { Client } from '@okta/okta-sdk-nodejs';
    export class Directory {
      private client: Client;
      async user(id: string) {
        return this.client.userApi.getUser({ userId: id });
      }
      async groups() {
        return this.client.groupApi.listGroups({});
      }
      init(keyId: string, key: string) {
        let config;
        config = { orgUrl: 'https://example.okta.com', clientId: 'c', keyId,
                   authorizationMode: 'PrivateKey', scopes: ['okta.groups.read'],
                   privateKey: key };
        this.client = new Client(config);
      }
    }
    """


def _scope_findings(tmp_path: Path, source: str) -> list[tuple[str, int]]:
    (tmp_path / "directory.ts").write_text(textwrap.dedent(source), encoding="utf-8")
    settings = Settings(root=tmp_path, select=("OIN204",), respect_gitignore=False)
    result = check([str(tmp_path)], settings)
    return sorted((f.code, f.span.line) for f in result.findings)


def test_a_call_beyond_the_scopes_of_a_config_built_before_the_client_is_oin204(
        tmp_path: Path) -> None:
    assert _scope_findings(tmp_path, CONFIG_BUILT_BEFORE) == [("OIN204", 5)]


def test_a_model_call_beyond_the_client_scopes_is_oin204(tmp_path: Path) -> None:
    assert _scope_findings(tmp_path, """\
        import * as okta from '@okta/okta-sdk-nodejs';
        const client = new okta.Client({ orgUrl: 'https://example.okta.com', clientId: 'c',
          authorizationMode: 'PrivateKey', scopes: ['okta.groups.read'], privateKey: 'k' });
        export const drop = (groupId: string, userId: string) =>
          client.getGroup(groupId).then((g: okta.Group) => g.removeUser(userId));
        """) == [("OIN204", 5)]
