"""Method names of the older Okta SDKs (built from the 2.x management spec) are Okta calls
(issue 15): okta-sdk-golang v2 ``client.Group.AddUserToGroup``, okta-sdk-python 1-2
``client.add_user_to_group``, okta-sdk-nodejs up to 6 ``client.getLogs()`` name operations the
current spec renamed (``assignUserToGroup``, ``listLogEvents``).
``oinlint/okta/data/legacy_operation_ids.json`` maps them, derived by
``scripts/generate_legacy_operation_ids.py`` from the 2.x spec by method and path."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from project_rules import all_hits, parsed

from oinlint.facts import ApiCall
from oinlint.okta import lookup
from oinlint.okta.spec import operations

ALIASES: dict[str, str] = json.loads(resources.files("oinlint.okta").joinpath(
    "data", "legacy_operation_ids.json").read_text(encoding="utf-8"))["aliases"]


def test_every_old_name_maps_to_a_current_management_operation() -> None:
    current = {op.operation_id for op in operations() if op.family == "management"}
    assert len(ALIASES) >= 70
    assert set(ALIASES.values()) <= current
    # a name the current spec still uses keeps its current meaning
    assert not set(ALIASES) & current


@pytest.mark.parametrize(("name", "operation", "method", "path"), [
    ("AddUserToGroup", "assignUserToGroup", "PUT", "/api/v1/groups/{groupId}/users/{userId}"),
    ("add_user_to_group", "assignUserToGroup", "PUT",
     "/api/v1/groups/{groupId}/users/{userId}"),
    ("getLogs", "listLogEvents", "GET", "/api/v1/logs"),
    ("create_group", "addGroup", "POST", "/api/v1/groups"),
    ("deactivateOrDeleteUser", "deleteUser", "DELETE", "/api/v1/users/{id}"),
    ("clearUserSessions", "revokeUserSessions", "DELETE", "/api/v1/users/{userId}/sessions"),
    # a current name is never redirected: updateUser is today's partial update
    ("updateUser", "updateUser", "POST", "/api/v1/users/{id}"),
])
def test_old_sdk_names_are_looked_up(name: str, operation: str, method: str, path: str) -> None:
    op = lookup(name)
    assert op is not None
    assert (op.operation_id, op.method, op.path) == (operation, method, path)


@pytest.mark.parametrize("name", ["addUserToGroupz", "getLogz", "list_teams", "sendEmail"])
def test_unknown_names_stay_unknown(name: str) -> None:
    assert lookup(name) is None


GO_V2 = '''package main

import (
	"context"

	"github.com/okta/okta-sdk-golang/v2/okta"
)

func main() {
	ctx, client, _ := okta.NewClient(context.TODO(), okta.WithOrgUrl("https://acme.okta.com"),
		okta.WithAuthorizationMode("PrivateKey"), okta.WithClientId("0oa1"),
		okta.WithScopes([]string{"okta.groups.read", "okta.logs.read"}),
		okta.WithPrivateKey("/keys/key.pem"))
	client.Group.AddUserToGroup(ctx, "00g1", "00u1")
	client.LogEvent.GetLogs(ctx, nil)
}
'''

PY_V2 = '''import asyncio
from okta.client import Client as OktaClient

config = {"orgUrl": "https://acme.okta.com", "authorizationMode": "PrivateKey",
          "clientId": "0oa1", "scopes": ["okta.groups.manage", "okta.users.manage"],
          "privateKey": "/keys/key.pem"}


async def main():
    client = OktaClient(config)
    await client.add_user_to_group("00g1", "00u1")


asyncio.run(main())
'''


def test_go_v2_calls_count_for_the_scopes() -> None:
    calls = [(c.method, c.path_template) for f in parsed({"main.go": GO_V2})
             for c in f.of(ApiCall)]
    assert calls == [("PUT", "/api/v1/groups/{groupId}/users/{userId}"), ("GET", "/api/v1/logs")]
    # adding a member needs okta.groups.manage, which the client does not request
    assert ("OIN204", "main.go", 14) in all_hits({"main.go": GO_V2}, "OIN20")


def test_python_v2_calls_count_for_the_scopes() -> None:
    # okta.users.manage is needed by no call; okta.groups.manage by add_user_to_group
    assert all_hits({"sync.py": PY_V2}, "OIN20") == [("OIN203", "sync.py", 5)]
