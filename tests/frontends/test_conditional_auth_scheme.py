"""An ``Authorization`` scheme chosen at run time (``"SSWS" if api_token else "Bearer"``,
``useKey ? 'SSWS' : 'Bearer'``): the code can send an Okta API token, so the header is an
``SSWS`` one (OIN101). Before, a conditional made the header's scheme unknown."""

from __future__ import annotations

import pytest

from oinlint.facts import AuthHeader
from oinlint.frontends import parse


def schemes(path: str, source: str, language: str) -> list[str | None]:
    return [h.scheme for h in parse(path, source, language).of(AuthHeader)]


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param('import os\nscheme = "SSWS" if os.environ.get("OKTA_API_TOKEN") else "Bearer"\n'
                 'headers = {"Authorization": f"{scheme} {os.environ[\'OKTA_TOKEN\']}"}\n',
                 ["SSWS"], id="name-bound-to-a-conditional"),
    pytest.param('def h(api, t):\n'
                 '    return {"Authorization": f"SSWS {t}" if api else f"Bearer {t}"}\n',
                 ["SSWS"], id="conditional-header-value"),
    pytest.param('def h(t, jwt):\n    kind = "DPoP" if jwt else "Bearer"\n'
                 '    return {"Authorization": f"{kind} {t}"}\n',
                 [None], id="no-ssws-branch"),
])
def test_python(source: str, expected: list[str | None]) -> None:
    assert schemes("okta_client.py", source, "python") == expected


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("const scheme = process.env.OKTA_API_TOKEN ? 'SSWS' : 'Bearer';\n"
                 "const h = { Authorization: `${scheme} ${process.env.OKTA_TOKEN}` };\n",
                 ["SSWS"], id="name-bound-to-a-conditional"),
    pytest.param("const h = { Authorization: useKey ? `SSWS ${key}` : `Bearer ${tok}` };\n",
                 ["SSWS"], id="conditional-header-value"),
    pytest.param("const scheme = dpop ? 'DPoP' : 'Bearer';\n"
                 "const h = { Authorization: `${scheme} ${tok}` };\n",
                 [None], id="no-ssws-branch"),
])
def test_javascript(source: str, expected: list[str | None]) -> None:
    assert schemes("okta.js", source, "javascript") == expected


def test_csharp_conditional() -> None:
    source = ('class A { void F(bool key) { request.Headers.Add("Authorization", '
              'key ? $"SSWS {apiToken}" : $"Bearer {token}"); } }\n')
    assert schemes("Okta.cs", source, "csharp") == ["SSWS"]
