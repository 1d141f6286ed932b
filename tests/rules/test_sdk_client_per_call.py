"""okta-sdk-python in PrivateKey mode gets and renews its own token: a client kept for the
process is fine, but a new client made in the function that calls the API (a factory called by
every MCP tool or request handler) requests a new token on every call (OIN304). The SDK's own
requests are judged through the client, never as a token request with unknown scopes."""

from __future__ import annotations

import pytest
from project_rules import all_hits, hits

FACTORY = '''import os
from okta.client import Client as OktaClient


def get_client():
    return OktaClient({
        "orgUrl": os.environ["OKTA_ORG_URL"],
        "authorizationMode": "PrivateKey",
        "clientId": os.environ["OKTA_CLIENT_ID"],
        "scopes": ["okta.users.read"],
        "privateKey": os.environ["OKTA_PRIVATE_KEY"],
    })


async def list_users(q):
    client = get_client()
    users, _, err = await client.list_users({"q": q})
    return [u.profile.login for u in users]
'''

INLINE = '''import os
from okta.client import Client as OktaClient

CONFIG = {"orgUrl": os.environ["OKTA_ORG_URL"], "authorizationMode": "PrivateKey",
          "clientId": os.environ["OKTA_CLIENT_ID"], "scopes": ["okta.groups.read"],
          "privateKey": os.environ["OKTA_PRIVATE_KEY"]}


async def group_count():
    groups, _, _ = await OktaClient(CONFIG).list_groups()
    return len(groups)
'''

KEPT = FACTORY.replace("def get_client():\n    return OktaClient(",
                       "CLIENT = None\n\n\ndef get_client():\n    global CLIENT\n"
                       "    CLIENT = CLIENT or OktaClient(").replace(
    '        "privateKey": os.environ["OKTA_PRIVATE_KEY"],\n    })',
    '        "privateKey": os.environ["OKTA_PRIVATE_KEY"],\n    })\n    return CLIENT')


def test_a_new_client_per_call_requests_a_token_per_call() -> None:
    assert hits({"tools.py": FACTORY}, "OIN304") == [("tools.py", 16)]
    assert hits({"handler.py": INLINE}, "OIN304") == [("handler.py", 10)]


@pytest.mark.parametrize("files", [
    {"tools.py": KEPT},  # one client for the process: the SDK renews its token
    # a Lambda handler's one client per event: one token per run, as for any entry point
    {"handler.py": INLINE.replace("async def group_count():",
                                  "async def handler(event, context):")},
    # a module-level client
    {"tools.py": FACTORY.replace("async def list_users(q):\n    client = get_client()",
                                 "CLIENT = get_client()\n\n\nasync def list_users(q):\n"
                                 "    client = CLIENT")},
])
def test_a_kept_client_is_fine(files: dict[str, str]) -> None:
    assert [c for c, _, _ in all_hits(files) if c.startswith(("OIN301", "OIN302", "OIN303",
                                                              "OIN304"))] == []


def test_the_sdks_token_request_does_not_open_the_scope_judgement() -> None:
    # okta.users.read is what list_users needs: nothing to report either way
    assert all_hits({"tools.py": FACTORY}, "OIN20") == []
    extra = FACTORY.replace('"scopes": ["okta.users.read"]',
                            '"scopes": ["okta.users.read", "okta.apps.read"]')
    assert all_hits({"tools.py": extra}, "OIN20") == [("OIN203", "tools.py", 10)]


NODE_FACTORY = '''const okta = require('@okta/okta-sdk-nodejs');

function getClient() {
  return new okta.Client({
    orgUrl: process.env.OKTA_ORG_URL,
    authorizationMode: 'PrivateKey',
    clientId: process.env.OKTA_CLIENT_ID,
    scopes: ['okta.users.read'],
    privateKey: process.env.OKTA_PRIVATE_KEY,
  });
}

async function findUsers(q) {
  const client = getClient();
  return client.userApi.listUsers({ q });
}

module.exports = { findUsers };
'''

NODE_KEPT = '''const okta = require('@okta/okta-sdk-nodejs');

const client = new okta.Client({
  orgUrl: process.env.OKTA_ORG_URL, authorizationMode: 'PrivateKey',
  clientId: process.env.OKTA_CLIENT_ID, scopes: ['okta.groups.read'],
  privateKey: process.env.OKTA_PRIVATE_KEY,
});

async function groups() {
  return client.groupApi.listGroups();
}

module.exports = { groups };
'''

GO_PER_CALL = '''package main

import (
	"context"

	"github.com/okta/okta-sdk-golang/v2/okta"
)

func newClient(ctx context.Context) (context.Context, *okta.Client, error) {
	return okta.NewClient(ctx, okta.WithOrgUrl("https://x.okta.com"),
		okta.WithAuthorizationMode("PrivateKey"), okta.WithClientId("0oa1"),
		okta.WithScopes([]string{"okta.users.read"}), okta.WithPrivateKey("/k.pem"))
}

func countUsers(ctx context.Context) (int, error) {
	ctx, client, err := newClient(ctx)
	if err != nil {
		return 0, err
	}
	users, _, err := client.User.ListUsers(ctx, nil)
	return len(users), err
}
'''


@pytest.mark.parametrize(("path", "text", "line"), [
    ("tools.js", NODE_FACTORY, 14),
    ("main.go", GO_PER_CALL, 16),
])
def test_other_sdks_made_per_call(path: str, text: str, line: int) -> None:
    assert hits({path: text}, "OIN304") == [(path, line)]


@pytest.mark.parametrize(("path", "text"), [
    ("groups.js", NODE_KEPT),
    # an SSWS client made per call requests no token
    ("tools.js", NODE_FACTORY.replace("authorizationMode: 'PrivateKey',",
                                      "token: process.env.OKTA_API_TOKEN,")),
])
def test_other_sdks_kept_or_not_oauth(path: str, text: str) -> None:
    assert [c for c, _, _ in all_hits({path: text}) if c in ("OIN301", "OIN302", "OIN303",
                                                               "OIN304")] == []


GO_CACHED_FIELD = '''package dir

import (
	"context"

	"github.com/okta/okta-sdk-golang/v2/okta"
)

type Provider struct{ Client *okta.Client }

func (p *Provider) client(ctx context.Context) (context.Context, *okta.Client, error) {
	if p.Client != nil {
		return ctx, p.Client, nil
	}
	ctx, client, err := okta.NewClient(ctx, okta.WithAuthorizationMode("PrivateKey"),
		okta.WithScopes([]string{"okta.users.read"}))
	if err != nil {
		return nil, nil, err
	}
	p.Client = client
	return ctx, client, nil
}
'''

GO_USES = '''package dir

import "context"

func (p *Provider) Count(ctx context.Context) (int, error) {
	ctx, client, err := p.client(ctx)
	if err != nil {
		return 0, err
	}
	users, _, err := client.User.ListUsers(ctx, nil)
	return len(users), err
}
'''

GO_CACHE_SET = GO_CACHED_FIELD.replace(
    "func (p *Provider) client(ctx context.Context)",
    "func connect(ctx context.Context, d *QueryData)").replace(
    "\tif p.Client != nil {\n\t\treturn ctx, p.Client, nil\n\t}\n", "").replace(
    "\tp.Client = client\n", "\td.ConnectionManager.Cache.Set(\"okta\", client)\n")


@pytest.mark.parametrize("files", [
    # ``ctx, client, err :=``: the client is the value kept in the field, not the context
    {"dir/provider.go": GO_CACHED_FIELD, "dir/count.go": GO_USES},
    # put into the framework's connection cache, which outlives the call
    {"dir/connect.go": GO_CACHE_SET,
     "dir/count.go": GO_USES.replace("p.client(ctx)", "connect(ctx, nil)")},
])
def test_go_clients_kept_by_the_getter_are_fine(files: dict[str, str]) -> None:
    assert hits(files, "OIN304") == []


def test_go_client_made_per_call_through_the_getter() -> None:
    per_call = GO_CACHED_FIELD.replace("\tp.Client = client\n", "")
    assert hits({"dir/provider.go": per_call, "dir/count.go": GO_USES}, "OIN304") == [
        ("dir/count.go", 6)]
