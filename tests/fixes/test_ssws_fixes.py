"""The SSWS → OAuth fix of Python code: what it rewrites, what it leaves, where the module goes,
and that the module it writes passes oinlint itself and really speaks private_key_jwt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fakes import api_token, clean_env

from oinlint.cli import main
from oinlint.fixes.oauth_module import render_module
from oinlint.fixes.ssws_fixes import line_edits
from oinlint.fixes.ssws_python import rewrite_ssws
from oinlint.live.emulator import Emulator

LEGACY = '''\
"""List the org's users."""
# A comment that stays.
import os

import requests

ORG_URL = os.environ["OKTA_ORG_URL"]
API_TOKEN = os.environ["OKTA_API_TOKEN"]


def users():
    # Another comment that stays.

    return requests.get(f"{ORG_URL}/api/v1/users",
                        headers={"Authorization": f"SSWS {API_TOKEN}"},  # gone with it
                        timeout=10).json()  # the call's own comment
'''


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", *args, "."])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_fix_keeps_every_line_outside_the_changed_expressions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, monkeypatch, {"users.py": LEGACY})
    _check(capsys, "--fix", "--unsafe-fixes")
    assert (root / "users.py").read_text(encoding="utf-8") == '''\
"""List the org's users."""
# A comment that stays.
import os

import requests

from okta_oauth import OktaAuth

ORG_URL = os.environ["OKTA_ORG_URL"]


def users():
    # Another comment that stays.

    return requests.get(f"{ORG_URL}/api/v1/users",
                        auth=OktaAuth(),  # gone with it
                        timeout=10).json()  # the call's own comment
'''
    assert 'SCOPES = "okta.users.read"' in (root / "okta_oauth.py").read_text(encoding="utf-8")


def test_fix_without_unsafe_fixes_changes_nothing_and_says_unsafe_fixes_would(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, monkeypatch, {"users.py": LEGACY})
    _, out, err = _check(capsys, "--fix")
    assert "applied 0 fix(es)" in err
    assert (root / "users.py").read_text(encoding="utf-8") == LEGACY
    assert not (root / "okta_oauth.py").exists()
    assert "--unsafe-fixes" in out


def test_diff_shows_the_module_and_the_rewrite_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, monkeypatch, {"users.py": LEGACY})
    code, out, err = _check(capsys, "--diff", "--unsafe-fixes")
    assert code == 1 and "2 fix(es) would be applied" in err
    assert "+++ b/okta_oauth.py" in out and "+++ b/users.py" in out
    assert '-API_TOKEN = os.environ["OKTA_API_TOKEN"]' in out
    assert not (root / "okta_oauth.py").exists()


def test_file_that_does_not_parse_is_never_touched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    broken = LEGACY + "def oops(:\n"
    root = _project(tmp_path, monkeypatch, {"users.py": broken})
    _check(capsys, "--fix", "--unsafe-fixes")
    assert (root / "users.py").read_text(encoding="utf-8") == broken
    assert rewrite_ssws(broken, [(15, 51)], module_name="okta_oauth",
                        scopes=["okta.users.read"]) is None


def test_no_fix_when_no_call_says_which_scopes_the_token_needs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    text = ('import os\nimport requests\n\n\ndef get(url):\n    return requests.get(url, headers='
            '{"Authorization": "SSWS " + os.environ["OKTA_API_TOKEN"]}, timeout=5)\n')
    root = _project(tmp_path, monkeypatch, {"client.py": text})
    _check(capsys, "--fix", "--unsafe-fixes")
    assert (root / "client.py").read_text(encoding="utf-8") == text
    assert not (root / "okta_oauth.py").exists()


def test_helper_used_by_another_file_is_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    helper = ('import os\nimport requests\n\n\ndef okta_headers(token):\n'
              '    return {"Authorization": "SSWS " + token}\n\n\ndef users(org):\n'
              '    return requests.get(f"{org}/api/v1/users", '
              'headers=okta_headers(os.environ["OKTA_API_TOKEN"]), timeout=5)\n')
    other = 'from helper import okta_headers\n\nHEADERS = okta_headers("x")\n'
    root = _project(tmp_path, monkeypatch, {"helper.py": helper, "other.py": other})
    _check(capsys, "--fix", "--unsafe-fixes")
    assert (root / "helper.py").read_text(encoding="utf-8") == helper


def test_module_of_that_name_that_is_not_ours_stops_the_fix(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    mine = '"""Something else."""\n'
    root = _project(tmp_path, monkeypatch, {"users.py": LEGACY, "okta_oauth.py": mine})
    _check(capsys, "--fix", "--unsafe-fixes")
    assert (root / "users.py").read_text(encoding="utf-8") == LEGACY
    assert (root / "okta_oauth.py").read_text(encoding="utf-8") == mine


def test_configured_module_path_is_where_the_module_goes_and_what_the_code_imports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, monkeypatch, {
        "pyproject.toml": '[tool.oinlint]\nfix = { oauth-module = "acme/auth/okta_oauth.py" }\n',
        "acme/__init__.py": "", "acme/auth/__init__.py": "", "acme/users.py": LEGACY})
    _check(capsys, "--fix", "--unsafe-fixes")
    assert (root / "acme/auth/okta_oauth.py").is_file()
    assert not (root / "acme/okta_oauth.py").exists()
    assert "from acme.auth.okta_oauth import OktaAuth\n" in (root / "acme/users.py").read_text(
        encoding="utf-8")


def test_configured_module_path_must_stay_inside_the_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path, monkeypatch, {
        "pyproject.toml": '[tool.oinlint]\nfix = { oauth-module = "../okta_oauth.py" }\n',
        "users.py": LEGACY})
    code, _, err = _check(capsys, "--fix", "--unsafe-fixes")
    assert code == 2 and "'fix.oauth-module' must be a .py path relative" in err
    assert "Traceback" not in err


def test_okta_api_token_read_another_file_imports_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    other = "from users import API_TOKEN\n"
    root = _project(tmp_path, monkeypatch, {"users.py": LEGACY, "other.py": other})
    _check(capsys, "--fix", "--unsafe-fixes")
    text = (root / "users.py").read_text(encoding="utf-8")
    assert 'API_TOKEN = os.environ["OKTA_API_TOKEN"]' in text and "SSWS" not in text


@pytest.mark.parametrize(("requests_auth", "httpx_auth"), [(True, False), (False, True),
                                                          (True, True)])
def test_generated_module_passes_oinlint_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        requests_auth: bool, httpx_auth: bool) -> None:
    text = render_module(["okta.users.read", "okta.groups.read"], requests_auth=requests_auth,
                         httpx_auth=httpx_auth)
    compile(text, "okta_oauth.py", "exec")
    _project(tmp_path, monkeypatch, {"okta_oauth.py": text})
    code = main(["check", "--no-cache", "--ignore", "OIN607", "--format", "json", "."])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert (code, findings) == (0, [])


def test_a_second_fix_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, monkeypatch, {"users.py": LEGACY})
    _check(capsys, "--fix", "--unsafe-fixes")
    first = {p.name: p.read_bytes() for p in root.glob("*.py")}
    _, _, err = _check(capsys, "--fix", "--unsafe-fixes")
    assert "applied 0 fix(es)" in err
    assert {p.name: p.read_bytes() for p in root.glob("*.py")} == first


def test_line_edits_rebuild_the_new_text() -> None:
    before = "a\nb\nc\nd\n"
    after = "a\nB\nc\nd\ne\n"
    edits = line_edits(before, after)
    assert [(e.start_line, e.end_line, e.lines) for e in edits] == [
        (2, 3, ("B\n",)), (5, 5, ("e\n",))]


def test_okta_sdk_token_gets_no_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """okta-sdk-python's only OAuth mode is PrivateKey, which an OIN instance cannot use
    (OIN306): OIN102 is reported and left to the user, never rewritten into another finding."""
    text = ('import os\n\nfrom okta.client import Client as OktaClient\n\n'
            'client = OktaClient({"orgUrl": os.environ["OKTA_ORG_URL"], '
            '"token": os.environ["OKTA_API_TOKEN"]})\n\n\n'
            'async def users():\n    return await client.list_users()\n')
    project = _project(tmp_path, monkeypatch, {"sdk_client.py": text})
    code = main(["check", "--isolated", "--no-cache", "--fix", "--unsafe-fixes", "."])
    out = capsys.readouterr().out
    assert (project / "sdk_client.py").read_text() == text
    assert not (project / "okta_oauth.py").exists()
    assert "OIN102" in out and "OIN102 [*]" not in out
    assert code == 1


_PK_SCRIPT = '''\
import os

import httpx

from okta_oauth import OktaHttpxAuth

with httpx.Client(auth=OktaHttpxAuth(), timeout=10) as client:
    for user in client.get(os.environ["OKTA_ORG_URL"] + "/api/v1/users").json():
        print(user["profile"]["login"])
'''


def test_generated_module_speaks_private_key_jwt_when_a_key_file_is_set(tmp_path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = tmp_path / "key.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    public = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    public["kid"] = "k1"
    (tmp_path / "okta_oauth.py").write_text(
        render_module(["okta.users.read"], requests_auth=False, httpx_auth=True),
        encoding="utf-8")
    (tmp_path / "script.py").write_text(_PK_SCRIPT, encoding="utf-8")
    with Emulator() as org:
        client = org.add_client(scopes=["okta.users.read"], jwks=[public])
        env = {**clean_env(), "OKTA_ORG_URL": org.url, "OKTA_CLIENT_ID": client.client_id,
               "OKTA_PRIVATE_KEY_FILE": str(pem), "OKTA_KEY_ID": "k1"}
        run = subprocess.run([sys.executable, "script.py"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=60, check=False)
        methods = [r.auth_method for r in org.token_requests]
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["ada.admin@example.com", "bo.builder@example.com",
                                  "cy.contractor@example.com"]
    assert methods == ["private_key_jwt"]


def test_emulator_accepts_only_the_api_tokens_a_test_registered() -> None:
    with Emulator() as org:
        url = org.url + "/api/v1/users"
        unknown = api_token()
        assert httpx.get(url, headers={"Authorization": f"SSWS {unknown}"}).status_code == 401
        token = org.add_api_token(api_token())
        assert httpx.get(url, headers={"Authorization": f"SSWS {token}"}).status_code == 200
        assert httpx.get(url, headers={"Authorization": f"SSWS {unknown}"}).status_code == 401
        # an API token acts as its admin: no scope limits what it reaches
        logs = httpx.get(org.url + "/api/v1/logs", headers={"Authorization": f"SSWS {token}"})
        assert logs.status_code == 200


@pytest.mark.parametrize(("source", "target"), [
    ('import requests\n\n\ndef f(tok):\n    headers = {"Authorization": "SSWS " + tok}\n'
     '    return paged_get("https://x.okta.com/api/v1/users", headers)\n', (5, 33)),
    ('import requests\n\n\ndef f(tok):\n    return build(headers={"Authorization": "SSWS " + tok})'
     '\n', (5, 44)),
    ('import requests\n\nH = {"Authorization": "SSWS " + tok}\nrequests.get("u", headers=H)\n'
     'requests.get("u", headers={**H})\n', (3, 23)),
    ('import requests\n\n\ndef hdrs(tok):\n    return {"Authorization": "SSWS " + tok}\n\n\n'
     'requests.get("u", headers=hdrs("t"))\nCALLBACKS = [hdrs]\n', (5, 30)),
    ('import requests\n\nrequests.get("u", headers={"Authorization": "SSWS " + tok}, auth=A)\n',
     (3, 45)),
], ids=["passed-positionally", "not-an-http-call", "merged-elsewhere", "helper-passed-around",
        "call-has-its-own-auth"])
def test_headers_that_also_go_elsewhere_are_not_rewritten(source: str,
                                                          target: tuple[int, int]) -> None:
    line = source.splitlines()[target[0] - 1]
    assert line[target[1] - 1:].startswith('"SSWS "'), line
    assert rewrite_ssws(source, [target], module_name="okta_oauth",
                        scopes=["okta.users.read"]) is None


def test_values_that_only_fed_the_ssws_header_go_with_it() -> None:
    source = ('import os\nimport requests\n\n\ndef drop(org, sid):\n'
              '    token = os.environ["OKTA_API_TOKEN"]\n    value = f"SSWS {token}"\n'
              '    kept = os.environ["OKTA_API_TOKEN"]  # still read below\n'
              '    requests.delete(f"https://{org}/api/v1/sessions/{sid}",\n'
              '                    headers={"Authorization": value}, timeout=10)\n'
              '    return kept\n')
    rewrite = rewrite_ssws(source, [(10, 47)], module_name="okta_oauth",
                           scopes=["okta.sessions.manage"])
    assert rewrite is not None
    assert "token = " not in rewrite.text and "value = " not in rewrite.text
    assert 'kept = os.environ["OKTA_API_TOKEN"]  # still read below' in rewrite.text
