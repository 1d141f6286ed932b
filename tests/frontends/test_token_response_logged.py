"""OIN405 in JS/TS: a whole client-credentials token response logged leaks the access token."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import Settings
from oinlint.engine import check

HEAD = ('const axios = require("axios");\n'
        'const TOKEN_URL = process.env.OKTA_ORG_URL + "/oauth2/v1/token";\n')
THEN = """function get() {
  axios.post(TOKEN_URL, "grant_type=client_credentials")
    .then(response => {
      console.log(%s);
    });
}
"""
AWAIT = """async function get() {
  const tokenResponse = await axios.post(TOKEN_URL, "grant_type=client_credentials");
  logger.info(%s);
}
"""
FETCH = """async function get() {
  const res = await fetch(TOKEN_URL, {method: "POST", body: "grant_type=client_credentials"});
  console.log(%s);
  const users = await fetch(process.env.OKTA_ORG_URL + "/api/v1/users");
  console.log(await users.json());
}
"""


def _logged(tmp_path: Path, body: str) -> list[str]:
    (tmp_path / "token.js").write_text(HEAD + body, encoding="utf-8")
    result = check([str(tmp_path / "token.js")], Settings(root=tmp_path, select=("OIN405",)))
    return [f.message.split("`")[1] for f in result.findings if f.code == "OIN405"]


@pytest.mark.parametrize(("body", "logged"), [
    (THEN % "response.data", "response.data"),
    (AWAIT % "tokenResponse", "tokenResponse"),
    (FETCH % "await res.json()", "await res.json()"),
])
def test_whole_token_response_logged_is_oin405(tmp_path: Path, body: str, logged: str) -> None:
    assert _logged(tmp_path, body) == [logged]


@pytest.mark.parametrize("body", [
    THEN % "response.status",
    AWAIT % '"token received"',
    FETCH % "res.status",
])
def test_status_or_other_api_response_logged_is_not_oin405(tmp_path: Path, body: str) -> None:
    assert _logged(tmp_path, body) == []
