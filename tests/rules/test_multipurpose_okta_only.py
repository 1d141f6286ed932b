"""Only Okta findings where Okta is one connector among many (issue 15), measured on whole
released packages (``tests/corpus/multipurpose/REVIEW.md``): each shape below stands for a
generic cause of a non-Okta finding there, written from scratch, next to its Okta twin that
must still be reported."""

from __future__ import annotations

import textwrap
from pathlib import Path

import fakes
import pytest

from oinlint.config import Settings, load_settings
from oinlint.engine import check
from oinlint.facts import ApiCall, Span
from oinlint.okta_code import another_products_call
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()

# Another product's client-credentials token fetched per call, and its refresh-token logic.
DEVICES_PY = """\
    import requests


    def list_devices(base, client_id, secret):
        token = requests.post(base + "/oauth/token", data={
            "grant_type": "client_credentials", "client_id": client_id,
            "client_secret": secret}).json()["access_token"]
        return requests.get(base + "/v2/devices",
                            headers={"Authorization": f"Bearer {token}"}).json()


    class Session:
        def __init__(self, issuer, client_id, secret):
            self.issuer = issuer
            self.client_id = client_id
            self.secret = secret

        def renew(self):
            return requests.post(self.issuer + "/token", data={
                "grant_type": "refresh_token", "refresh_token": self.refresh_token,
                "client_id": self.client_id, "client_secret": self.secret})

        def first(self):
            return requests.post(self.issuer + "/token", data={
                "grant_type": "client_credentials", "client_id": self.client_id,
                "client_secret": self.secret})
    """
DEVICES_TS = """\
    export async function listDevices(base: string, id: string, secret: string) {
      const res = await fetch(`${base}/oauth/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: id,
                                    client_secret: secret }),
      });
      const { access_token } = await res.json();
      return fetch(`${base}/v2/devices`, { headers: { Authorization: `Bearer ${access_token}` } });
    }
    """


def _codes(root: Path, files: dict[str, str],
           select: tuple[str, ...]) -> list[tuple[str, int, str]]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    # every rule runs (the prefilter reads a file for the selected rules' keywords only)
    result = check([str(root)], Settings(root=root, respect_gitignore=False))
    return sorted((Path(f.span.path).relative_to(root).as_posix(), f.span.line, f.code)
                  for f in result.findings if f.code.startswith(select))


def test_lifecycle_rules_ignore_another_products_tokens(tmp_path: Path) -> None:
    files = {"devices.py": DEVICES_PY, "devices.ts": DEVICES_TS}
    assert _codes(tmp_path, files, ("OIN3",)) == []


def test_lifecycle_rules_still_judge_tokens_in_okta_code(tmp_path: Path) -> None:
    files = {"devices.py": DEVICES_PY.replace("base", "okta_org_url"),
             "devices.ts": DEVICES_TS.replace("base", "oktaOrgUrl")}
    assert _codes(tmp_path, files, ("OIN3",)) == [
        ("devices.py", 5, "OIN304"), ("devices.py", 20, "OIN305"), ("devices.ts", 2, "OIN304")]


def test_lifecycle_rules_judge_a_token_from_oktas_token_path_in_any_file(tmp_path: Path) -> None:
    files = {"devices.py": DEVICES_PY.replace('"/oauth/token"', '"/oauth2/v1/token"')}
    # a token from Okta makes the file Okta code: its refresh-token logic is judged too
    assert _codes(tmp_path, files, ("OIN3",)) == [
        ("devices.py", 5, "OIN304"), ("devices.py", 20, "OIN305")]


# Another product's REST API that happens to have ``/api/v1/users/…``, beside the app's own
# token request for its own scope.
VENDOR_VIEWS = """\
    import requests


    class VendorAdapter:
        profile_url = "https://www.vendor-health.com/api/v1/users/current"

        def profile(self, token):
            return requests.get(self.profile_url,
                                headers={"Authorization": f"Bearer {token}"}).json()
    """
OWN_TOKEN = """\
    import requests


    def own_token(server, client_id, secret):
        return requests.post(server + "/token", auth=(client_id, secret),
                             data={"grant_type": "client_credentials", "scope": "profile"}).json()
    """


def test_another_products_api_v1_url_needs_no_okta_scope(tmp_path: Path) -> None:
    files = {"connectors/views.py": VENDOR_VIEWS, "idp/tokens.py": OWN_TOKEN}
    assert _codes(tmp_path, files, ("OIN2", "OIN607")) == []


def test_the_same_call_in_okta_code_still_needs_its_scope(tmp_path: Path) -> None:
    views = VENDOR_VIEWS.replace("profile_url", "okta_profile_url")
    assert _codes(tmp_path, {"connectors/views.py": views, "idp/tokens.py": OWN_TOKEN},
                  ("OIN204",)) == [("connectors/views.py", 8, "OIN204")]


@pytest.mark.parametrize(("base", "other"), [
    ("https://www.vendor-health.com", True),
    ("https://acme.okta.com", False),              # an org host
    ("https://login.acme-okta.io", False),         # a host that names Okta
    ("https://your-org.example.com", False),       # a placeholder in an example
    ("http://localhost:8080", False),              # a local test double
    ("https://{}", False),                         # unknown
])
def test_which_hosts_are_another_products(base: str, other: bool) -> None:
    call = ApiCall(Span("x.py", 1, 1, 1, 2), "", "GET", "/api/v1/users", "http", None, base)
    assert another_products_call(call, okta_file=False) is other
    assert another_products_call(call, okta_file=True) is False


def _settled(root: Path, files: dict[str, str], config: str = "") -> list[tuple[str, str]]:
    """Findings of a run as a user's, with the project's configuration (``test-paths``)."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / ".oinlint.toml").write_text(config, encoding="utf-8")
    settings = load_settings(CATALOGUE, cwd=root).with_overrides(respect_gitignore=False)
    return sorted((Path(f.span.path).relative_to(root).as_posix(), f.code)
                  for f in check([str(root)], settings).findings)


def _sign_in_library(secret: str) -> dict[str, str]:
    """A sign-in library: Okta is one backend among many, and only its tests name Okta's
    credentials (the client secret a mocked flow is configured with)."""
    return {
        "signin/backends/github.py": "AUTHORIZE_URL = 'https://github.com/login/oauth/authorize'\n",
        "tests/backends/test_okta_backend.py": f"""\
            SETTINGS = {{"okta": {{"client_id": "abc", "client_secret": "{secret}"}}}}
            """,
        "tests/project/settings.py": f"""\
            INSTALLED = ["signin.backends.github", "signin.backends.okta"]
            OWN_IDP_CLIENT_SECRET = "{secret[::-1]}"
            """,
    }


def test_fixture_credentials_of_okta_tests_are_not_findings(tmp_path: Path) -> None:
    assert _settled(tmp_path, _sign_in_library(fakes.client_secret())) == []


def test_test_paths_off_reports_them_again(tmp_path: Path) -> None:
    assert _settled(tmp_path, _sign_in_library(fakes.client_secret()), "test-paths = []\n") == [
        ("tests/backends/test_okta_backend.py", "OIN105"),
        ("tests/backends/test_okta_backend.py", "OIN607"),
        ("tests/project/settings.py", "OIN105")]


def test_api_tokens_are_still_reported_in_tests(tmp_path: Path) -> None:
    files = {"tests/test_sync.py": f'HEADERS = {{"Authorization": "SSWS {fakes.api_token()}"}}\n'}
    assert ("tests/test_sync.py", "OIN103") in _settled(tmp_path, files)


def test_oin607_names_code_before_tests_whatever_the_path_order(tmp_path: Path) -> None:
    files = {**_sign_in_library(fakes.client_secret()),
             "web/okta_sync.py": f'OKTA_CLIENT_SECRET = "{fakes.client_secret()}"\n'}
    found = _settled(tmp_path, files, "")
    assert [hit for hit in found if hit[1] == "OIN607"] == [("web/okta_sync.py", "OIN607")]


MOCK_ORG = "const app={sign_on_url:'https://acme.okta.com/app/x/sso/saml'};\n"


def test_built_front_end_bundles_are_not_checked(tmp_path: Path) -> None:
    files = {"ui-build/static/_next/static/chunks/8324.js": MOCK_ORG,
             "web/.next/server/pages/apps.js": MOCK_ORG,
             "web/public/vendor-ui.min.js": MOCK_ORG}
    assert _settled(tmp_path, files) == []


def test_the_same_source_file_is_checked(tmp_path: Path) -> None:
    assert _settled(tmp_path, {"web/src/apps.js": MOCK_ORG}) == [("web/src/apps.js", "OIN402")]
