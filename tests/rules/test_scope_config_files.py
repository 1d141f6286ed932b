"""Scopes written in configuration files (issue 15, "scope lists in … settings modules and
config objects"): ``.env``, YAML, JSON, TOML and properties files are read for Okta scope names
and judged like a scope constant in code; the submission's own file, test fixtures and names
that are not scopes (an Okta host) are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import ScopeList
from oinlint.frontends import parse
from oinlint.scope_analysis import analyse

CODE = '''import os
import requests

ORG = os.environ["OKTA_ORG_URL"]


def users(token):
    return requests.get(f"{ORG}/api/v1/users",
                        headers={"Authorization": f"Bearer {token}"}).json()
'''


def _scopes(path: str, text: str, language: str) -> list[tuple[str, int, int]]:
    facts = parse(path, text, language)
    return [(ref.name, ref.span.line, ref.span.column)
            for lst in facts.of(ScopeList) if lst.role == "config" for ref in lst.scopes]


@pytest.mark.parametrize(("path", "language", "text", "expected"), [
    pytest.param(".env", "dotenv", 'OKTA_SCOPES="okta.users.read okta.groups.manage"\n',
                 [("okta.users.read", 1, 14), ("okta.groups.manage", 1, 30)], id="dotenv"),
    pytest.param("config.yaml", "yaml",
                 "okta:\n  scopes:\n    - okta.users.read\n    # - okta.apps.manage\n"
                 "    - okta.logs.read\n",
                 [("okta.users.read", 3, 7), ("okta.logs.read", 5, 7)], id="yaml-comment-out"),
    pytest.param("appsettings.json", "json",
                 '{"Okta": {"Scopes": ["okta.users.read", "okta.myAccount.email.read"]}}\n',
                 [("okta.users.read", 1, 23), ("okta.myAccount.email.read", 1, 42)], id="json"),
    pytest.param("settings.toml", "toml", 'okta_scopes = ["okta.groups.read"]\n',
                 [("okta.groups.read", 1, 17)], id="toml"),
])
def test_okta_scopes_in_configuration_are_a_scope_list(path: str, language: str, text: str,
                                                        expected: list[tuple[str, int, int]]
                                                        ) -> None:
    assert _scopes(path, text, language) == expected


@pytest.mark.parametrize(("path", "language", "text"), [
    pytest.param(".env", "dotenv", "OKTA_DOMAIN=okta.example.com\nOKTA_ORG=https://acme.okta.com\n",
                 id="hosts-are-not-scopes"),
    pytest.param("app.yaml", "yaml", "logger: okta.users.reader\nmodule: my.okta.users.read\n",
                 id="longer-dotted-names"),
    pytest.param(".env", "dotenv", "# OKTA_SCOPES=okta.users.read\n", id="commented-out"),
    pytest.param("notes.yaml", "yaml",
                 'note: "okta.users.read is enough here, not okta.users.manage"\n'
                 "why: the okta.apps.read scope was dropped in 2024\n", id="prose-about-scopes"),
    pytest.param("manifest.json", "json",
                 '{"description": "Lists users (okta.users.read) every night"}\n',
                 id="a-description-in-json"),
])
def test_names_that_are_not_okta_scopes_are_not_a_scope_list(path: str, language: str,
                                                             text: str) -> None:
    assert _scopes(path, text, language) == []


def _oin2(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int]]:
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    result = check([str(tmp_path)], Settings(root=tmp_path, respect_gitignore=False))
    return sorted((f.code, Path(f.span.path).name, f.span.line) for f in result.findings
                  if f.code.startswith("OIN2"))


def test_a_scope_no_call_needs_in_a_dotenv_file_is_reported_there(tmp_path: Path) -> None:
    files = {"sync.py": CODE,
             ".env": 'OKTA_ORG_URL=https://example.okta.com\n'
                     'OKTA_SCOPES="okta.users.read okta.groups.manage"\n'}
    assert _oin2(tmp_path, files) == [("OIN203", ".env", 2)]


def test_the_message_says_configuration(tmp_path: Path) -> None:
    (tmp_path / "sync.py").write_text(CODE)
    (tmp_path / "config.yaml").write_text("scopes: [okta.users.read, okta.apps.read]\n")
    result = check([str(tmp_path)], Settings(root=tmp_path, respect_gitignore=False))
    messages = [f.message for f in result.findings if f.code == "OIN203"]
    assert messages == ["okta.apps.read is requested in configuration, but none of the 1 "
                        "Okta call(s) found needs it"]


def test_fixtures_and_the_submission_file_request_nothing(tmp_path: Path) -> None:
    files = {"sync.py": CODE,
             "tests/fixtures/token.json": '{"scope": "okta.users.read okta.apps.manage"}\n',
             "oin-submission.yaml": "scopes:\n  - name: okta.groups.manage\n"}
    # the declared scope is judged as declared (OIN203 there, OIN204 at the call it misses);
    # the fixture's scopes are requested by nothing (no OIN203/OIN205 at token.json)
    assert _oin2(tmp_path, files) == [("OIN203", "oin-submission.yaml", 2),
                                      ("OIN204", "sync.py", 8)]



def test_a_fixtures_scopes_are_not_requested_by_the_project() -> None:
    """Whatever ``test-paths`` says: the scope matrix (``--format json``, ``oinlint init``)
    lists what the integration asks for, not a recorded token response."""
    files = [parse("sync.py", CODE, "python"),
             parse("tests/fixtures/token.json", '{"scope": "okta.apps.manage"}\n', "json"),
             parse("deploy/okta.env", "OKTA_SCOPES=okta.users.read\n", "dotenv")]
    requested = [(use.name, use.span.path, use.role) for use in analyse(files).requested]
    assert requested == [("okta.users.read", "deploy/okta.env", "config")]
