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
