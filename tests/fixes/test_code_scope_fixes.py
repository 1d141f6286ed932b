"""``--fix`` narrows the scope strings of the code itself (issue 17): the token request of a
project without a submission asks for exactly what its calls need. Language-neutral edits at
the finding's place, each proved by the front end on the new text: a separator of a scope
string or an element of a list goes with the scope, a one-element list or tuple is left alone,
and a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.cli import main

PY_CALL = ('\n\ndef users(org: str, token: str) -> object:\n'
           '    return requests.get(f"https://{org}/api/v1/users",\n'
           '                        headers={"Authorization": f"Bearer {token}"}).json()\n')


def _py_token(scope_expr: str, before: str = "") -> str:
    return ("import requests\n" + before + "\n\ndef token(org: str) -> str:\n"
            f"    data = {{\"grant_type\": \"client_credentials\", \"scope\": {scope_expr}}}\n"
            '    return requests.post(f"https://{org}/oauth2/v1/token", data=data).json()'
            '["access_token"]\n' + PY_CALL)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    return tmp_path


def _fix(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["check", "--isolated", "--no-cache", "--select", "OIN2", "--fix", *extra, "."])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("before", "after"), [
    pytest.param('"okta.users.manage"', '"okta.users.read"', id="manage-to-read"),
    pytest.param('"okta.users.read okta.logs.read"', '"okta.users.read"',
                 id="drop-last-in-string"),
    pytest.param('"okta.logs.read okta.users.read"', '"okta.users.read"',
                 id="drop-first-in-string"),
    pytest.param('"okta.users.read okta.users.manage"', '"okta.users.read"',
                 id="manage-goes-when-read-is-there"),
    pytest.param('" ".join(["okta.users.read", "okta.logs.read"])', '" ".join(["okta.users.read"])',
                 id="list-element-last"),
    pytest.param('" ".join(["okta.groups.read", "okta.users.read"])',
                 '" ".join(["okta.users.read"])', id="list-element-first"),
])
def test_python_token_request_scope_is_narrowed(project: Path, capsys: pytest.CaptureFixture[str],
                                                before: str, after: str) -> None:
    app = project / "app.py"
    app.write_text(_py_token(before))
    code, err = _fix(capsys)
    assert app.read_text() == _py_token(after)
    assert code == 0, err
    assert "applied" in err
    _fix(capsys)  # a second run changes nothing
    assert app.read_text() == _py_token(after)


def test_an_element_on_its_own_line_goes_with_its_line_and_comments_stay(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    constant = ('\nSCOPES = [\n    "okta.users.read",  # the review\n'
                '    "okta.logs.read",  # was for sign-ins\n]\n')
    app = project / "app.py"
    app.write_text(_py_token('" ".join(SCOPES)', before=constant))
    _fix(capsys)
    assert app.read_text() == _py_token(
        '" ".join(SCOPES)', before='\nSCOPES = [\n    "okta.users.read",  # the review\n]\n')


def test_a_one_element_tuple_is_never_made_a_string(project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Removing the only other scope would leave ``("okta.users.read")``: a string, not a
    tuple, which ``" ".join`` would spell out letter by letter. The proof refuses it."""
    text = _py_token('" ".join(("okta.users.read", "okta.logs.read"))')
    (project / "app.py").write_text(text)
    _fix(capsys)
    assert (project / "app.py").read_text() in (text, _py_token('" ".join(("okta.users.read",))'))
    assert '("okta.users.read")' not in (project / "app.py").read_text()


def test_the_only_scope_of_a_request_is_not_removed(project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    text = _py_token('["okta.logs.read"]')
    (project / "app.py").write_text(text)
    code, _ = _fix(capsys)
    assert (project / "app.py").read_text() == text
    assert code == 1  # OIN203 and OIN204 remain for the user to decide


def test_unresolved_call_on_the_resource_holds_the_fix_back(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = ('\n\ndef anything(org: str, token: str, path: str) -> object:\n'
             '    return requests.post(f"https://{org}/api/v1/users/{path}",\n'
             '                         headers={"Authorization": f"Bearer {token}"}).json()\n')
    text = _py_token('"okta.users.manage"') + extra
    (project / "app.py").write_text(text)
    _fix(capsys)
    assert (project / "app.py").read_text() == text


TS = """\
const ORG = process.env.OKTA_ORG_URL ?? "";
const SCOPES = ["okta.users.read", "okta.groups.manage"];

export async function token(): Promise<string> {
  const body = new URLSearchParams({ grant_type: "client_credentials", scope: SCOPES.join(" ") });
  const res = await fetch(`${ORG}/oauth2/v1/token`, { method: "POST", body });
  return (await res.json()).access_token;
}

export async function report(bearer: string): Promise<void> {
  const auth = { headers: { Authorization: `Bearer ${bearer}` } };
  const users = await fetch(`${ORG}/api/v1/users`, auth);
  const groups = await fetch(`${ORG}/api/v1/groups`, auth);
  console.log(users.status, groups.status);
}
"""

GO = """\
package okta

import (
	"net/http"
	"net/url"
)

func token(base string) (*http.Response, error) {
	return http.PostForm(base+"/oauth2/v1/token", url.Values{
		"grant_type": {"client_credentials"},
		"scope":      {"okta.users.read okta.apps.read"},
	})
}

func users(base, bearer string) (*http.Response, error) {
	req, _ := http.NewRequest("GET", base+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+bearer)
	return http.DefaultClient.Do(req)
}
"""


def test_typescript_scope_constant_manage_becomes_read(project: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (project / "okta.ts").write_text(TS)
    _fix(capsys)
    assert (project / "okta.ts").read_text() == TS.replace("okta.groups.manage", "okta.groups.read")


def test_go_unneeded_scope_leaves_its_string(project: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (project / "okta.go").write_text(GO)
    _fix(capsys)
    assert (project / "okta.go").read_text() == GO.replace(" okta.apps.read", "")


def test_diff_shows_the_code_change_and_writes_nothing(project: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (project / "okta.go").write_text(GO)
    code = main(["check", "--isolated", "--no-cache", "--select", "OIN2", "--diff", "."])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("--- a/okta.go\n+++ b/okta.go\n")
    assert '-\t\t"scope":      {"okta.users.read okta.apps.read"},' in out
    assert '+\t\t"scope":      {"okta.users.read"},' in out
    assert (project / "okta.go").read_text() == GO
