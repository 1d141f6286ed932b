"""The scope analysis on the shapes real integrations have (issue 15): OIN204 without a
submission against the project's own token requests, partial knowledge of unresolved calls,
an application's own scopes, and Terraform's okta provider against its resources."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from oinlint.checks.interface import ProjectFacts
from oinlint.checks.scopes import call_needs_undeclared_scope, scope_needed_by_no_call
from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import (
    ApiCall,
    FileFacts,
    ScopeList,
    ScopeRef,
    SdkClient,
    Span,
    Unresolved,
)
from oinlint.findings import Finding
from oinlint.okta import operation_by_id, scope
from oinlint.okta.terraform import terraform_blocks
from oinlint.scope_analysis import analyse, minimal_scopes

TOKEN = '''\
def token(org, cid, secret):
    resp = requests.post(f"https://{{org}}/oauth2/v1/token", auth=(cid, secret),
                         data={{"grant_type": "client_credentials", "scope": {scope}}})
    return resp.json()["access_token"]


'''


def call(path: str, name: str, method: str = "get") -> str:
    return (f"def {name}(org, tok):\n    return requests.{method}(f\"https://{{org}}{path}\", "
            "headers={\"Authorization\": f\"Bearer {tok}\"}).json()\n\n\n")


def run(tmp_path: Path, files: dict[str, str]) -> list[Finding]:
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    result = check([str(tmp_path)], Settings(root=tmp_path, respect_gitignore=False))
    return [f for f in result.findings if f.code.startswith("OIN2")]


def py(*parts: str) -> dict[str, str]:
    return {"app.py": "import requests\n\n\n" + "".join(parts)}


def summary(findings: list[Finding]) -> list[tuple[str, int]]:
    return sorted((f.code, f.span.line) for f in findings)


# --- OIN204 without a submission ------------------------------------------------------------


def test_oin204_without_submission_names_the_token_request_and_the_operation(
        tmp_path: Path) -> None:
    found = run(tmp_path, py(TOKEN.format(scope='"okta.groups.read"'),
                             call("/api/v1/groups", "groups"), call("/api/v1/users", "users")))
    assert summary(found) == [("OIN204", 15)]
    message = found[0].message
    assert "GET /api/v1/users (listUsers) needs okta.users.read" in message
    assert "the project's token requests do not ask for" in message
    assert "okta.groups.read at " in message and "app.py:5" in message
    assert found[0].related and found[0].related[0].span.line == 5


def test_oin204_without_submission_silent_when_a_token_request_is_unresolved(
        tmp_path: Path) -> None:
    second = TOKEN.format(scope="scope").replace("def token(org, cid, secret)",
                                                 "def token2(org, cid, secret, scope)")
    found = run(tmp_path, py(TOKEN.format(scope='"okta.groups.read"'), second,
                             call("/api/v1/users", "users")))
    assert [f for f in found if f.code == "OIN204"] == []


DEFAULTED = '''\
DEFAULT_SCOPES = "okta.groups.read"


def token(org, cid, secret, scopes):
    resp = requests.post(f"https://{org}/oauth2/v1/token", auth=(cid, secret),
                         data={"grant_type": "client_credentials", "scope": " ".join(scopes)})
    return resp.json()["access_token"]


def main():
    return token(os.environ["ORG"], "cid", "secret",
                 os.getenv("OKTA_SCOPES", DEFAULT_SCOPES).split())


'''


def _with_os(files: dict[str, str]) -> dict[str, str]:
    return {name: text.replace("import requests\n", "import os\nimport requests\n", 1)
            for name, text in files.items()}


def test_oin204_against_the_one_scope_constant_when_the_request_takes_its_scopes_elsewhere(
        tmp_path: Path) -> None:
    """The token request's scopes come through a parameter (the default of an environment
    variable): the project's one scope constant names what it asks for, as OIN203 takes it."""
    files = _with_os(py(DEFAULTED, call("/api/v1/groups", "groups"),
                        call("/api/v1/users", "users")))
    found = run(tmp_path, files)
    assert summary(found) == [("OIN204", 24)]
    message = found[0].message
    assert "GET /api/v1/users (listUsers) needs okta.users.read" in message
    assert "okta.groups.read, as the scope constant DEFAULT_SCOPES at " in message
    assert message.endswith("app.py:5 names them)")
    assert found[0].related[0].message == ("the scope constant DEFAULT_SCOPES asks for "
                                           "okta.groups.read")


def test_oin204_stays_silent_when_two_scope_constants_could_feed_the_request(
        tmp_path: Path) -> None:
    two = DEFAULTED.replace('DEFAULT_SCOPES = "okta.groups.read"\n',
                            'DEFAULT_SCOPES = "okta.groups.read"\n'
                            'ADMIN_SCOPES = ["okta.users.manage"]\n')
    files = _with_os(py(two, call("/api/v1/users", "users")))
    assert [f for f in run(tmp_path, files) if f.code == "OIN204"] == []


def test_oin204_without_submission_silent_without_any_token_request(tmp_path: Path) -> None:
    found = run(tmp_path, py(call("/api/v1/users", "users")))
    assert found == []


def test_oin204_without_submission_silent_when_the_request_covers_the_call(
        tmp_path: Path) -> None:
    found = run(tmp_path, py(TOKEN.format(scope='"okta.users.manage"'),
                             call("/api/v1/users", "users")))
    assert [f.code for f in found] == ["OIN202"]  # manage for a read, not a missing scope


def test_oin204_without_submission_skips_a_call_made_with_an_api_token(tmp_path: Path) -> None:
    legacy = ('def legacy(org, api_token):\n    return requests.get(f"https://{org}/api/v1/users", '
              'headers={"Authorization": f"SSWS {api_token}"}).json()\n')
    files = py(TOKEN.format(scope='"okta.groups.read"'), call("/api/v1/groups", "groups"))
    files["legacy.py"] = "import requests\n\n\n" + legacy
    assert [f for f in run(tmp_path, files) if f.code == "OIN204"] == []


def test_oin203_without_submission_silent_when_only_api_token_calls_are_found(
        tmp_path: Path) -> None:
    legacy = ('def legacy(org, api_token):\n    return requests.get('
              'f"https://{org}/api/v1/groups", '
              'headers={"Authorization": f"SSWS {api_token}"}).json()\n')
    files = py(TOKEN.format(scope='"okta.users.read"'))
    files["legacy.py"] = "import requests\n\n\n" + legacy
    assert [f for f in run(tmp_path, files) if f.code == "OIN203"] == []


SPAN = Span("svc.ts", 10, 1, 16, 2)


def _sdk_project(*extra: object) -> ProjectFacts:
    """A TypeScript-SDK shaped project: a PrivateKey client asking for okta.groups.read and
    a getUser call (what the tree-sitter front end emits for it)."""
    facts = (
        SdkClient(SPAN, "", "okta-sdk-nodejs", "PrivateKey", ("authorizationMode", "scopes")),
        ScopeList(Span("svc.ts", 13, 5, 13, 30), "", (
            ScopeRef("okta.groups.read", Span("svc.ts", 13, 14, 13, 30)),), "sdk-config"),
        ApiCall(Span("svc.ts", 30, 3, 30, 40), "getUser", "GET", "/api/v1/users/{id}",
                "okta-sdk-nodejs", "getUser"),
        *extra,
    )
    return ProjectFacts((FileFacts("svc.ts", "typescript", tuple(facts)),))  # type: ignore[arg-type]


def test_oin204_for_an_sdk_client_whose_scopes_miss_the_call() -> None:
    hits = list(call_needs_undeclared_scope(_sdk_project()))
    assert [(h.span.line, h.args["scope"]) for h in hits] == [(30, "okta.users.read")]
    assert "svc.ts:10" in hits[0].args["problem"] and "getUser" in hits[0].args["problem"]


def test_oin204_silent_when_an_sdk_configuration_is_not_resolved() -> None:
    open_config = Unresolved(Span("other.ts", 3, 1, 3, 9), "", "okta-sdk-nodejs config",
                             "the Client configuration is not an object literal in this file")
    assert list(call_needs_undeclared_scope(_sdk_project(open_config))) == []


def test_oin204_silent_when_an_oauth_sdk_client_has_no_known_scopes() -> None:
    other = SdkClient(Span("svc.ts", 40, 1, 44, 2), "", "okta-sdk-nodejs", "PrivateKey",
                      ("authorizationMode",))
    assert list(call_needs_undeclared_scope(_sdk_project(other))) == []


# --- partial knowledge ------------------------------------------------------------------------


def _partial(prefix: str | None) -> ProjectFacts:
    requested = ScopeList(Span("a.py", 1, 1, 1, 80), "", tuple(
        ScopeRef(name, Span("a.py", 1, 10 * i + 1, 1, 10 * i + 9))
        for i, name in enumerate(("okta.groups.read", "okta.users.read", "okta.apps.read"))),
        "token-request")
    facts = (
        requested,
        ApiCall(Span("a.py", 5, 1, 5, 9), "", "GET", "/api/v1/groups", "requests"),
        Unresolved(Span("a.py", 7, 1, 7, 9), "", "api-call", "GET {}", prefix),
    )
    return ProjectFacts((FileFacts("a.py", "python", facts),))


def test_prefix_known_unresolved_call_blocks_only_its_resource() -> None:
    hits = list(scope_needed_by_no_call(_partial("/api/v1/users")))
    assert [h.args["scope"] for h in hits] == ["okta.apps.read"]


def test_unresolved_call_of_which_nothing_is_known_blocks_every_scope() -> None:
    assert list(scope_needed_by_no_call(_partial(None))) == []


def test_unresolved_calls_are_listed_with_their_known_start() -> None:
    analysis = analyse(_partial("/api/v1/users").files)
    (open_call,) = analysis.unresolved
    assert open_call.path == "/api/v1/users/…" and "/api/v1/users" in open_call.reason
    assert "okta.users.read" in open_call.could_need()
    assert "okta.users.manage" not in open_call.could_need()  # a GET never manages
    assert "okta.apps.read" not in open_call.could_need()


def test_init_keeps_a_requested_scope_an_unresolved_call_could_need() -> None:
    needed = minimal_scopes(analyse(_partial("/api/v1/users").files))
    assert set(needed) == {"okta.groups.read", "okta.users.read"}
    assert needed["okta.users.read"] == ["a.py:7"]


# --- only Okta's scopes -----------------------------------------------------------------------


def test_an_applications_own_scopes_are_not_oin201s_business(tmp_path: Path) -> None:
    code = '''\
    import requests

    SCOPES = ["privacy-request-access-results:read", "orders.write"]


    def token(issuer, cid, secret):
        return requests.post(f"{issuer}/token", auth=(cid, secret),
                             data={"grant_type": "client_credentials", "scope": " ".join(SCOPES)})
    '''
    assert run(tmp_path, {"app.py": code}) == []


def test_an_okta_shaped_typo_in_a_constant_is_still_oin201(tmp_path: Path) -> None:
    code = 'SCOPES = ["okta.user.read"]\n'
    found = run(tmp_path, {"app.py": code})
    assert [(f.code, f.span.line) for f in found] == [("OIN201", 1)]


def test_openid_for_a_users_sign_in_is_not_oin207(tmp_path: Path) -> None:
    code = 'LOGIN_SCOPES = ["openid", "profile", "email"]\n'
    assert run(tmp_path, {"app.py": code}) == []


# --- Terraform --------------------------------------------------------------------------------

PROVIDER = '''\
provider "okta" {{
  org_name    = "acme"
  client_id   = var.client_id
  private_key = var.private_key
  scopes      = {scopes}
}}

'''


def tf(scopes: str, *blocks: str) -> dict[str, str]:
    return {"main.tf": PROVIDER.format(scopes=scopes) + "\n".join(blocks)}


def test_terraform_data_sources_only_with_manage_scopes_is_oin202(tmp_path: Path) -> None:
    found = run(tmp_path, tf('["okta.groups.manage", "okta.users.manage"]',
                             'data "okta_groups" "all" {\n}\n', 'data "okta_users" "all" {\n}\n'))
    assert summary(found) == [("OIN202", 5), ("OIN202", 5)]
    assert 'data "okta_groups" "all"' in found[0].message + found[1].message


def test_terraform_resource_needing_an_unrequested_scope_is_oin204(tmp_path: Path) -> None:
    found = run(tmp_path, tf('["okta.users.read"]', 'data "okta_user" "me" {\n}\n',
                             'resource "okta_group" "ops" {\n  name = "ops"\n}\n'))
    assert summary(found) == [("OIN204", 11)]
    assert 'resource "okta_group" "ops" needs okta.groups.manage' in found[0].message
    assert "main.tf:1" in found[0].message


def test_terraform_scope_no_block_needs_is_oin203(tmp_path: Path) -> None:
    found = run(tmp_path, tf('"okta.groups.manage,okta.logs.read"',
                             'resource "okta_group" "ops" {\n  name = "ops"\n}\n'))
    assert [(f.code, f.message.split()[0]) for f in found] == [("OIN203", "okta.logs.read")]


def test_terraform_with_matching_scopes_is_quiet(tmp_path: Path) -> None:
    found = run(tmp_path, tf('["okta.groups.manage", "okta.users.read"]',
                             'resource "okta_group_memberships" "m" {\n}\n',
                             'data "okta_users" "all" {\n}\n'))
    assert found == []


def test_terraform_scopes_from_a_variable_keep_oin204_silent(tmp_path: Path) -> None:
    found = run(tmp_path, tf("var.okta_scopes", 'resource "okta_group" "ops" {\n}\n'))
    assert found == []


def test_terraform_unknown_okta_block_keeps_oin203_silent(tmp_path: Path) -> None:
    found = run(tmp_path, tf('["okta.groups.manage", "okta.logs.read"]',
                             'resource "okta_group" "ops" {\n}\n',
                             'resource "okta_something_new" "x" {\n}\n'))
    assert found == []


def test_terraform_table_is_well_formed() -> None:
    table = terraform_blocks()
    assert len(table) >= 50
    assert ("resource", "okta_group") in table and ("data", "okta_users") in table
    for (kind, block_type), row in table.items():
        assert kind in ("resource", "data") and block_type.startswith("okta_")
        assert row.source.strip() and row.operations and row.scopes
        for name in row.scopes:
            entry = scope(name)
            assert entry is not None and entry.usable_by_api_service, (block_type, name)
            assert name.endswith(".read") == (kind == "data"), (kind, block_type, name)
        for operation_id in row.operations:
            op = operation_by_id(operation_id)
            assert op is not None, (block_type, operation_id)
            assert op.satisfied_by(row.scopes), (block_type, operation_id)


def test_terraform_table_file_names_a_source_for_every_row() -> None:
    path = Path(__file__).resolve().parents[2] / "oinlint/okta/data/terraform_resources.json"
    rows = json.loads(path.read_text())["blocks"]
    assert all(set(row) == {"scopes", "operations", "source"} for row in rows.values())
