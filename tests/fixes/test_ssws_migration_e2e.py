"""The SSWS → OAuth migration works, not just edits: each legacy script runs against the
emulator with an API token, ``oinlint check --fix --unsafe-fixes`` rewrites it, and the fixed
script, run with ``OKTA_ORG_URL``, ``OKTA_CLIENT_ID`` and ``OKTA_CLIENT_SECRET`` only, on a
client granted only the scopes the fix asked for, prints the same; a 401 mid-run (the tokens
expired) and a 429 on the way are survived.

The scripts are subprocesses of this interpreter on loopback. requests is not a dependency of
oinlint: when it is not installed, the copy pip vendors stands in for it (a shim outside the
project), and the requests cases are skipped when neither is there.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import api_token, clean_env, run_oinlint

from oinlint.live.emulator import Emulator

PAUSE = "-- pause --"  # the scripts print this, then wait for a line on stdin

_LIST = f'''
def main():
    for user in list_users():
        print(user["profile"]["login"])
    print("{PAUSE}", flush=True)
    sys.stdin.readline()  # the test expires the tokens here
    for group in list_groups():
        print(group["profile"]["name"])


if __name__ == "__main__":
    main()
'''

SCRIPTS = {
    "requests_per_call": '''\
import os
import sys

import requests

# The org and the admin's API token.
ORG_URL = os.environ["OKTA_ORG_URL"]
API_TOKEN = os.environ["OKTA_API_TOKEN"]


def list_users():
    resp = requests.get(
        f"{ORG_URL}/api/v1/users",
        headers={"Authorization": f"SSWS {API_TOKEN}", "Accept": "application/json"},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()


def list_groups():
    resp = requests.get(f"{ORG_URL}/api/v1/groups",
                        headers={"Authorization": "SSWS " + API_TOKEN}, timeout=10)
    resp.raise_for_status()
    return resp.json()
''' + _LIST,
    "requests_headers_constant": '''\
import os
import sys

import requests

ORG_URL = os.environ["OKTA_ORG_URL"]
HEADERS = {
    "Accept": "application/json",
    "Authorization": "SSWS {}".format(os.environ["OKTA_API_TOKEN"]),  # the legacy token
}


def list_users():
    return requests.get(ORG_URL + "/api/v1/users", headers=HEADERS, timeout=10).json()


def list_groups():
    return requests.get(ORG_URL + "/api/v1/groups", headers=HEADERS, timeout=10).json()
''' + _LIST,
    "requests_session": '''\
import os
import sys

import requests

org = os.environ["OKTA_ORG_URL"]
token = os.environ.get("OKTA_API_TOKEN")

session = requests.Session()
session.headers.update({"Authorization": f"SSWS {token}", "Accept": "application/json"})


def list_users():
    return session.get(f"{org}/api/v1/users", timeout=10).json()


def list_groups():
    return session.get(f"{org}/api/v1/groups", timeout=10).json()
''' + _LIST,
    "requests_helper": '''\
import os
import sys

import requests

ORG = os.environ["OKTA_ORG_URL"]


def okta_headers(api_token):
    """The headers every Okta call sends."""
    return {"Authorization": "SSWS %s" % api_token, "Accept": "application/json"}


def list_users():
    headers = okta_headers(os.environ["OKTA_API_TOKEN"])
    return requests.get(f"{ORG}/api/v1/users", headers=headers, timeout=10).json()


def list_groups():
    return requests.get(f"{ORG}/api/v1/groups",
                        headers=okta_headers(os.environ["OKTA_API_TOKEN"]), timeout=10).json()
''' + _LIST,
    "httpx_client": '''\
import os
import sys

import httpx

ORG = os.environ["OKTA_ORG_URL"]
TOKEN = os.environ["OKTA_API_TOKEN"]

client = httpx.Client(base_url=ORG, headers={"Authorization": f"SSWS {TOKEN}"}, timeout=10)


def list_users():
    return client.get("/api/v1/users").raise_for_status().json()


def list_groups():
    return client.get("/api/v1/groups").raise_for_status().json()
''' + _LIST,
    "httpx_async": '''\
import asyncio
import os
import sys

import httpx

ORG = os.environ["OKTA_ORG_URL"]
TOKEN = os.environ["OKTA_API_TOKEN"]


async def run():
    async with httpx.AsyncClient(base_url=ORG, headers={"Authorization": f"SSWS {TOKEN}",
                                                        "Accept": "application/json"}) as c:
        for user in (await c.get("/api/v1/users")).raise_for_status().json():
            print(user["profile"]["login"])
        print("-- pause --", flush=True)
        sys.stdin.readline()  # the test expires the tokens here
        for group in (await c.get("/api/v1/groups")).raise_for_status().json():
            print(group["profile"]["name"])


if __name__ == "__main__":
    asyncio.run(run())
''',
}

EXPECTED_OUTPUT = ["ada.admin@example.com", "bo.builder@example.com",
                   "cy.contractor@example.com", PAUSE, "Everyone", "Engineering"]

_SHIM = '''\
"""requests for the scripts under test: the copy pip vendors (requests is not installed)."""
import sys

from pip._vendor import requests as _requests

sys.modules[__name__] = _requests
sys.modules[__name__ + ".auth"] = _requests.auth
'''


def _requests_path(tmp_path: Path) -> str | None:
    """A PYTHONPATH entry that makes ``import requests`` work, or None when nothing can."""
    if importlib.util.find_spec("requests") is not None:
        return ""
    if importlib.util.find_spec("pip._vendor.requests") is None:
        return None
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "requests.py").write_text(_SHIM, encoding="utf-8")
    return str(shim)


@pytest.fixture
def org() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


def _env(extra_path: str, **values: str) -> dict[str, str]:
    env = {k: v for k, v in clean_env().items() if not k.startswith("OKTA_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (extra_path, env.get("PYTHONPATH", "")) if p)
    env.update(values)
    return env


def _run(script: Path, env: dict[str, str], org: Emulator | None = None) -> list[str]:
    """Run the script; at its pause, expire every token issued so far (when ``org``)."""
    with subprocess.Popen([sys.executable, script.name], cwd=script.parent, env=env,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None and proc.stdin is not None
        lines: list[str] = []
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.strip() == PAUSE:
                break
        if org is not None:
            org.expire_tokens()
        out, err = proc.communicate("\n", timeout=60)
    assert proc.returncode == 0, err[-2000:]
    return lines + out.splitlines()


def _requested_scopes(module: Path) -> set[str]:
    match = re.search(r'^SCOPES = "([^"]*)"$', module.read_text(encoding="utf-8"), re.M)
    assert match is not None
    return set(match.group(1).split())


@pytest.mark.parametrize("shape", sorted(SCRIPTS))
def test_fixed_legacy_script_prints_what_it_printed_with_the_api_token(
        tmp_path: Path, org: Emulator, shape: str) -> None:
    extra = _requests_path(tmp_path)
    if extra is None and "requests" in shape:
        pytest.skip("neither requests nor pip's vendored copy is importable")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    script = project / f"{shape}.py"
    script.write_text(SCRIPTS[shape], encoding="utf-8")
    token = org.add_api_token(api_token())
    legacy = _run(script, _env(extra or "", OKTA_ORG_URL=org.url, OKTA_API_TOKEN=token))
    assert legacy == EXPECTED_OUTPUT

    fixed = run_oinlint(["check", "--no-cache", "--fix", "--unsafe-fixes", "."], project)
    assert "applied" in fixed.stderr and token not in fixed.stdout + fixed.stderr
    text = script.read_text(encoding="utf-8")
    assert "SSWS" not in text and "OKTA_API_TOKEN" not in text
    assert len(re.findall(r"^from okta_oauth import ", text, re.M)) == 1
    scopes = _requested_scopes(project / "okta_oauth.py")
    assert scopes == {"okta.users.read", "okta.groups.read"}

    client = org.add_client(scopes=sorted(scopes))
    org.add_fault(path="/api/v1/groups", kind="rate_limit", times=1, reset_after=1)
    org.clear_log()
    env = _env(extra or "", OKTA_ORG_URL=org.url, OKTA_CLIENT_ID=client.client_id,
               OKTA_CLIENT_SECRET=client.client_secret or "")
    assert _run(script, env, org) == legacy
    statuses = [r.status for r in org.requests if r.path.startswith("/api/v1/")]
    assert 401 in statuses and 429 in statuses  # both happened, and both were survived
    assert len(org.token_requests) == 2  # one token, and one more after the 401
    again = run_oinlint(["check", "--no-cache", "--fix", "--unsafe-fixes", "."], project)
    assert "applied 0 fix(es)" in again.stderr
    assert script.read_text(encoding="utf-8") == text
