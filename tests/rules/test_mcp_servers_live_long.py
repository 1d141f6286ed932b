"""An MCP server (stdio or HTTP) answers tool calls for as long as its host runs, often for
hours: a token it keeps must be renewed and re-fetched on 401 like a web server's (issue 15;
many public Okta integrations are MCP servers). And a dict used as a record of one token
(``_token_cache["token"] = …``) is a module-level token, not a cache per org."""

from __future__ import annotations

import pytest
from project_rules import all_hits, parsed

from oinlint.facts import ProcessShape, TokenRequest

PY_MCP = '''import os
import time
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("okta")
_token_cache = {"token": None, "expires_at": 0}


def _get_token():
    if _token_cache["token"] and _token_cache["expires_at"] > time.time() + 60:
        return _token_cache["token"]
    r = requests.post(f"{os.environ['OKTA_ORG_URL']}/oauth2/v1/token", timeout=10,
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"})
    data = r.json()
    _token_cache["token"] = data["access_token"]
    _token_cache["expires_at"] = time.time() + data["expires_in"]
    return data["access_token"]


@mcp.tool()
def list_users(query: str) -> list:
    return requests.get(f"{os.environ['OKTA_ORG_URL']}/api/v1/users", params={"q": query},
                        headers={"Authorization": f"Bearer {_get_token()}"}, timeout=10).json()


if __name__ == "__main__":
    mcp.run()
'''

TS_MCP = '''import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

let token: string | undefined;

async function getToken(): Promise<string> {
  if (token) return token;
  const res = await fetch(`${process.env.OKTA_ORG_URL}/oauth2/v1/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", scope: "okta.users.read" }),
  });
  token = (await res.json()).access_token;
  return token!;
}

const server = new McpServer({ name: "okta", version: "1.0.0" });
server.tool("list_users", {}, async () => {
  const res = await fetch(`${process.env.OKTA_ORG_URL}/api/v1/users`, {
    headers: { Authorization: `Bearer ${await getToken()}` },
  });
  return { content: [{ type: "text", text: await res.text() }] };
});

async function main() {
  await server.connect(new StdioServerTransport());
}
main();
'''


@pytest.mark.parametrize(("path", "text", "line"), [("server.py", PY_MCP, 6),
                                                    ("index.ts", TS_MCP, 16)])
def test_an_mcp_server_is_a_server(path: str, text: str, line: int) -> None:
    shapes = {(s.kind, s.span.line) for f in parsed({path: text}) for s in f.of(ProcessShape)}
    assert ("server", line) in shapes


def test_a_token_an_mcp_server_keeps_is_judged_as_a_servers() -> None:
    # the `if __name__ == "__main__"` entry point alone made it a one-shot command
    assert all_hits({"server.py": PY_MCP}) == [("OIN303", "server.py", 24)]
    assert all_hits({"index.ts": TS_MCP}) == [("OIN301", "index.ts", 8),
                                              ("OIN303", "index.ts", 19)]


def test_the_same_code_without_the_mcp_server_is_a_one_shot_command() -> None:
    one_shot = PY_MCP.replace("from mcp.server.fastmcp import FastMCP\n", "").replace(
        'mcp = FastMCP("okta")\n', "").replace("@mcp.tool()\n", "").replace(
        "    mcp.run()", "    print(list_users('a'))")
    assert all_hits({"server.py": one_shot}) == []


@pytest.mark.parametrize(("store", "caching"), [
    ('_token_cache["token"] = data["access_token"]', "module"),
    ('_token_cache[org] = data["access_token"]', "per-org"),
])
def test_a_literal_key_is_a_record_not_a_cache_per_org(store: str, caching: str) -> None:
    text = PY_MCP.replace('_token_cache["token"] = data["access_token"]', store).replace(
        "def _get_token():", "def _get_token(org=None):")
    [request] = [r for f in parsed({"server.py": text}) for r in f.of(TokenRequest)]
    assert request.caching == caching
