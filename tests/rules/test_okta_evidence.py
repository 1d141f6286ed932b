"""Only Okta findings in a repository where Okta is one connector among many (issue 15).

A made-up multi-purpose tree: an Okta connector beside a Redis cache and a BigFix session with
TLS off, Argo CD and Kandji clients over plain http, a setup script printing a database
password, the application's own token server, UI mocks and tests with an Okta org.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from oinlint.config import Settings, load_settings
from oinlint.engine import check
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()

TREE = {
    "okta_sync/client.py": """\
        import os
        import requests

        OKTA_ORG_URL = os.environ["OKTA_ORG_URL"]

        def token(client_id, client_secret):
            resp = requests.post(OKTA_ORG_URL + "/oauth2/v1/token", verify=False,
                                 data={"grant_type": "client_credentials"},
                                 auth=(client_id, client_secret))
            print("token", resp.json()["access_token"])
            return resp.json()["access_token"]
        """,
    "okta_sync/settings.py": 'OKTA_DOMAIN = "http://acme.okta.com"\n',
    "connectors/cache.py": """\
        import redis
        import requests

        cache = redis.Redis(host="cache", ssl=False)
        bigfix = requests.Session()
        bigfix.verify = False
        """,
    "connectors/argocd.py": """\
        import requests

        ARGOCD = "http://argocd.internal/api/v1/applications"

        def apps(token):
            return requests.get(ARGOCD, headers={"Authorization": f"Bearer {token}"}).json()
        """,
    "connectors/kandji.ts": """\
        const agent = new https.Agent({ rejectUnauthorized: false });
        export const devices = () => fetch('http://acme.kandji.io/api/v1/devices', { agent });
        """,
    "scripts/setup_db.py": """\
        import os

        password = os.environ["POSTGRES_PASSWORD"]
        print("connect with:", password)
        """,
    "auth/server.py": """\
        import logging

        log = logging.getLogger(__name__)

        def issue(client_id, access_token):
            log.info("issued %s to %s", access_token, client_id)
        """,
    "web/src/__mocks__/orgs.ts": "export const orgs = [{ url: 'https://acme.okta.com' }];\n",
    "tests/test_okta.py": """\
        import requests

        ORG = "https://acme.okta.com"
        session = requests.Session()
        session.verify = False
        """,
}
# What is about Okta: the connector's TLS, its token printed, its plain-http org URL.
OKTA_FINDINGS = {
    ("okta_sync/client.py", "OIN403"), ("okta_sync/client.py", "OIN405"),
    ("okta_sync/settings.py", "OIN402"), ("okta_sync/settings.py", "OIN403"),
}
TRANSPORT = ("OIN402", "OIN403", "OIN405")


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _findings(root: Path, config: str = "") -> set[tuple[str, str]]:
    (root / ".oinlint.toml").write_text(config, encoding="utf-8")
    settings = load_settings(CATALOGUE, cwd=root)
    result = check([str(root)], settings.with_overrides(respect_gitignore=False))
    return {(Path(f.span.path).relative_to(root).as_posix(), f.code)
            for f in result.findings if f.code in TRANSPORT}


def test_only_okta_code_is_reported_in_a_multi_purpose_repository(tmp_path: Path) -> None:
    _write(tmp_path, TREE)
    assert _findings(tmp_path) == OKTA_FINDINGS


def test_messages_name_the_evidence(tmp_path: Path) -> None:
    _write(tmp_path, TREE)
    result = check([str(tmp_path / "okta_sync")], Settings(root=tmp_path, select=TRANSPORT))
    messages = [f.message for f in result.findings if f.code in ("OIN403", "OIN405")]
    assert any("Okta code: `OKTA_ORG_URL`, line 4" in m for m in messages), messages
    assert any("Okta host `acme.okta.com`" in m for m in messages), messages


@pytest.mark.parametrize(("name", "text"), [
    ("cache.py", "import requests\ns = requests.Session()\ns.verify = False\n"),
    ("argo.py", 'URL = "http://argocd.internal/api/v1/applications"\n'),
    ("kandji.js", "const a = new https.Agent({ rejectUnauthorized: false });\n"),
])
def test_tls_off_outside_okta_code_is_not_reported(tmp_path: Path, name: str, text: str) -> None:
    _write(tmp_path, {name: text})
    assert _findings(tmp_path) == set()


@pytest.mark.parametrize(("name", "text"), [
    ("cache.py", "import requests\nOKTA_URL = 'x'\ns = requests.Session()\ns.verify = False\n"),
    ("okta_argo.py", 'URL = "http://okta.internal/api/v1/users"\n'),
    ("client.js", "// okta\nconst oktaUrl = process.env.OKTA_URL;\n"
                  "const a = new https.Agent({ rejectUnauthorized: false });\n"),
])
def test_tls_off_in_okta_code_is_reported(tmp_path: Path, name: str, text: str) -> None:
    _write(tmp_path, {name: text})
    assert _findings(tmp_path) == {(name, "OIN403")}


def test_a_comment_naming_okta_is_not_evidence(tmp_path: Path) -> None:
    _write(tmp_path, {"cache.py": "# unlike okta, redis\nimport requests\n"
                                  "s = requests.Session()\ns.verify = False\n"})
    assert _findings(tmp_path) == set()


@pytest.mark.parametrize("name", ["tests/test_org.py", "src/__mocks__/org.ts",
                                  "docs/conf.py"])
def test_test_paths_report_only_credential_rules(tmp_path: Path, name: str) -> None:
    _write(tmp_path, {name: 'ORG = "https://acme.okta.com"\n'})
    assert _findings(tmp_path) == set()
    assert _findings(tmp_path, "test-paths = []\n") == {(name, "OIN402")}


def test_test_paths_setting_replaces_the_default_list(tmp_path: Path) -> None:
    _write(tmp_path, {"tests/test_org.py": 'ORG = "https://acme.okta.com"\n',
                      "qa/org.py": 'ORG = "https://acme.okta.com"\n'})
    assert _findings(tmp_path, 'test-paths = ["qa"]\n') == {("tests/test_org.py", "OIN402")}


def test_oin607_needs_okta_evidence_beyond_a_bare_api_v1_call(tmp_path: Path) -> None:
    _write(tmp_path, {k: v for k, v in TREE.items() if k.startswith("connectors/")})
    result = check([str(tmp_path)], Settings(root=tmp_path, select=("OIN607",),
                                             respect_gitignore=False))
    assert [f.code for f in result.findings] == []
    _write(tmp_path, {"okta_sync/client.py": TREE["okta_sync/client.py"]})
    result = check([str(tmp_path)], Settings(root=tmp_path, select=("OIN607",),
                                             respect_gitignore=False))
    assert [Path(f.span.path).name for f in result.findings] == ["client.py"]
