"""The generated Okta data: counts, the scope catalogue, and no drift from ../shared/okta."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from oinlint import okta
from oinlint.okta import spec as catalogue

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "okta"
DATA = ROOT / "oinlint" / "okta" / "data"
GENERATED = ("operations.json", "scopes.json", "README.md")


def management_ops() -> list[okta.Operation]:
    return [op for op in okta.operations() if op.family == "management"]


def admin_scopes() -> list[okta.Scope]:
    return [s for s in okta.scopes() if s.family == "management"]


# --- counts and structure --------------------------------------------------------------------


def test_counts_match_the_spec() -> None:
    assert len(management_ops()) == 732
    assert len(admin_scopes()) == 109
    families = Counter(op.family for op in okta.operations())
    assert families == {"management": 732, "oauth": 44, "myaccount": 40, "governance": 162}
    auth = Counter(op.auth for op in management_ops())
    assert auth == {"oauth2_or_apiToken": 708, "oauth2_only": 15, "apiToken_only": 2, "none": 7}


def test_spec_version_and_commit_are_recorded() -> None:
    meta = okta.data_meta()
    assert meta["spec_version"] == "2026.06.3"
    management = meta["sources"]["management"]
    assert management["commit"] == "5ef70f744c9db8260c4f8e867a99459a3651fed6"
    assert management["repo"] == "okta/okta-management-openapi-spec"
    assert len(management["sha256"]) == 64
    scopes_meta = json.loads((DATA / "scopes.json").read_text())["meta"]
    assert scopes_meta["sources"] == meta["sources"]


def test_operation_keys_are_unique_and_paths_are_templates() -> None:
    keys = [op.key for op in okta.operations()]
    assert len(keys) == len(set(keys))
    for op in okta.operations():
        assert op.path.startswith("/") and not op.path.endswith("/") and "//" not in op.path
        assert op.method in {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
        assert op.tags


def test_every_admin_scope_is_used_and_counted() -> None:
    used = Counter(s for op in management_ops() for s in op.scopes)
    for entry in admin_scopes():
        assert entry.usable_by_api_service
        assert entry.operations >= 1, entry.name
        assert used[entry.name] == entry.operations, entry.name
        assert entry.description, entry.name
    assert set(used) == {s.name for s in admin_scopes()}


def test_every_operation_scope_is_in_the_catalogue() -> None:
    for op in okta.operations():
        for name in op.scopes:
            assert okta.is_known_scope(name), (op.key, name)


def test_oauth2_alternatives_keep_and_semantics() -> None:
    multi = {op.operation_id: op.oauth2_alternatives for op in management_ops()
             if any(len(alt) > 1 for alt in op.oauth2_alternatives)}
    assert multi == {
        "listGroupPushMappings": (("okta.apps.read", "okta.groups.read"),),
        "getGroupPushMapping": (("okta.apps.read", "okta.groups.read"),),
        "createGroupPushMapping": (("okta.apps.manage", "okta.groups.manage"),),
        "updateGroupPushMapping": (("okta.apps.manage", "okta.groups.manage"),),
        "deleteGroupPushMapping": (("okta.apps.manage", "okta.groups.manage"),),
    }
    push = okta.operation_by_id("listGroupPushMappings")
    assert push is not None
    assert not push.satisfied_by(["okta.apps.read"])
    assert push.satisfied_by(["okta.apps.read", "okta.groups.read"])
    assert push.satisfied_by(["okta.apps.manage", "okta.groups.manage"])  # manage ⊇ read


def test_operations_without_scopes() -> None:
    none = {op.operation_id: op.auth for op in management_ops() if not op.oauth2_alternatives}
    assert len(none) == 9
    assert none["revokeCurrentApiToken"] == "apiToken_only"
    assert none["listSupportedSecurityQuestions"] == "apiToken_only"
    token_only = okta.operation_by_id("revokeCurrentApiToken")
    assert token_only is not None and not token_only.accepts_oauth
    assert not token_only.satisfied_by(["okta.apiTokens.manage"])
    well_known = okta.operation_by_id("getWellknownOrgMetadata")
    assert well_known is not None and well_known.satisfied_by([])


# --- twins -----------------------------------------------------------------------------------


def test_read_manage_twins() -> None:
    for entry in admin_scopes():
        if entry.name == "okta.logs.read":
            continue
        assert entry.twin is not None, entry.name
        other = okta.scope(entry.twin)
        assert other is not None and other.twin == entry.name
        assert {entry.action, other.action} == {"read", "manage"}
        assert entry.resource == other.resource
    assert okta.twin("okta.users.read") == "okta.users.manage"
    assert okta.twin("okta.users.manage") == "okta.users.read"
    assert okta.twin("okta.serviceAccounts.okta.read") == "okta.serviceAccounts.okta.manage"
    assert okta.twin("ssf.manage") == "ssf.read"
    assert okta.twin("no.such.scope") is None


def test_logs_read_is_the_only_admin_scope_without_a_twin() -> None:
    assert [s.name for s in admin_scopes() if s.twin is None] == ["okta.logs.read"]
    assert okta.twin("okta.logs.read") is None
    assert not okta.is_known_scope("okta.logs.manage")


def test_manage_implies_read() -> None:
    assert okta.implied_by("okta.users.read") == ("okta.users.read", "okta.users.manage")
    assert okta.implied_by("okta.users.manage") == ("okta.users.manage",)
    assert okta.satisfies({"okta.users.manage"}, "okta.users.read")
    assert not okta.satisfies({"okta.users.read"}, "okta.users.manage")
    aerial = okta.operation_by_id("getAerialConsent")
    assert aerial is not None and aerial.method == "GET"
    assert not aerial.satisfied_by(["okta.orgs.read"])


# --- the other families ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "family", "phrase"), [
    ("openid", "oidc", "openid_not_allowed_client_creds"),
    ("profile", "oidc", "openid_not_allowed_client_creds"),
    ("email", "oidc", "openid_not_allowed_client_creds"),
    ("address", "oidc", "openid_not_allowed_client_creds"),
    ("phone", "oidc", "openid_not_allowed_client_creds"),
    ("groups", "oidc", "not supported for OIN"),
    ("offline_access", "oidc", "no refresh token"),
    ("okta.clients.read", "oauth", "may not"),
    ("okta.clients.manage", "oauth", "may not"),
    ("okta.clients.register", "oauth", "may not"),
    ("okta.myAccount.profile.read", "myaccount", "user's token"),
    ("okta.myAccount.email.manage", "myaccount", "user's token"),
    ("okta.governance.accessCertifications.read", "governance", "may not"),
    ("okta.accessRequests.catalog.read", "governance", "may not"),
    ("okta.governance.reviewer.read", "governance", "user's token"),
    ("okta.users.read.self", "self", "client_credentials_self_scope_requested"),
    ("okta.users.manage.self", "self", "client_credentials_self_scope_requested"),
    ("okta.authenticators.manage.self", "self", "client_credentials_self_scope_requested"),
    ("okta.riskProviders.read", "legacy", "deprecated"),
    ("okta.riskProviders.manage", "legacy", "deprecated"),
    ("okta.riskEvents.manage", "legacy", "deprecated"),
    ("okta.events.read", "legacy", "okta.logs.read"),
    ("okta.manifests.read", "dev", "PRODUCT_DEV"),
    ("okta.privilegedResources.manage", "dev", "PRODUCT_DEV"),
])
def test_non_usable_families_say_why(name: str, family: str, phrase: str) -> None:
    entry = okta.scope(name)
    assert entry is not None, name
    assert entry.family == family
    assert not entry.usable_by_api_service
    assert entry.why is not None and phrase in entry.why
    assert entry.basis in {"documented", "inference"}


def test_every_non_usable_scope_has_a_one_line_why() -> None:
    for entry in okta.scopes():
        if entry.usable_by_api_service:
            assert entry.family == "management" and entry.why is None
            continue
        assert entry.why and "\n" not in entry.why, entry.name
        assert entry.basis in {"documented", "inference"}, entry.name
        if entry.basis == "inference":
            assert "may" in entry.why or "user's token" in entry.why or "needs" in entry.why
    curated = [s for s in okta.scopes() if s.family in {"self", "dev", "legacy"}]
    keys = json.loads((DATA / "scopes.json").read_text())["meta"]["source_keys"]
    for entry in curated:
        assert entry.source, entry.name
        assert all(key in keys for key in entry.source.split("; ")), entry.name


def test_replacements_point_at_usable_scopes() -> None:
    for entry in okta.scopes():
        if entry.replacement:
            target = okta.scope(entry.replacement)
            assert target is not None and target.usable_by_api_service
    self_scope = okta.scope("okta.users.read.self")
    assert self_scope is not None and self_scope.replacement == "okta.users.read"


def test_scope_names_are_unique_and_families_known() -> None:
    names = [s.name for s in okta.scopes()]
    assert len(names) == len(set(names))
    meta = json.loads((DATA / "scopes.json").read_text())["meta"]
    assert {s.family for s in okta.scopes()} == set(meta["families"])


# --- did you mean ----------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "meant"), [
    ("okta.user.read", "okta.users.read"),
    ("okta.users.write", "okta.users.manage"),
    ("okta.logs.manage", "okta.logs.read"),
    ("okta.group.read", "okta.groups.read"),
    ("okta.policy.read", "okta.policies.read"),
    ("okta.application.read", "okta.apps.read"),
    ("OKTA.USERS.READ", "okta.users.read"),
    ("okta.Users.Read", "okta.users.read"),
    ("users:read", "okta.users.read"),
    ("okta_users_read", "okta.users.read"),
    ("okta.users", "okta.users.read"),
    ("okta.usres.read", "okta.users.read"),
    ("okta.threadInsights.read", "okta.threatInsights.read"),
    ("okta.logs.write", "okta.logs.read"),
    ("okta.roles.admin", "okta.roles.manage"),
    ("offline-access", "offline_access"),
])
def test_suggest(typed: str, meant: str) -> None:
    suggestions = okta.suggest(typed)
    assert suggestions and suggestions[0] == meant, suggestions
    assert len(suggestions) <= 3


def test_suggest_nothing_for_known_or_hopeless_names() -> None:
    assert okta.suggest("okta.users.read") == ()
    assert okta.suggest("") == ()
    assert okta.suggest("zzzz-qqqq-not-a-scope-at-all") == ()


# --- packaging and drift ---------------------------------------------------------------------


def test_data_is_package_data() -> None:
    data = resources.files("oinlint.okta").joinpath("data")
    for name in GENERATED:
        assert data.joinpath(name).is_file(), name


def test_data_files_are_one_record_per_line() -> None:
    text = (DATA / "operations.json").read_text()
    lines = text.splitlines()
    assert len(lines) == len(okta.operations()) + 3
    assert all(line.startswith('{"auth":') for line in lines[2:-1])
    parsed = json.loads(text)
    assert len(parsed["operations"]) == len(okta.operations())
    assert text.endswith("\n") and "\r" not in text


def test_loaders_are_cached() -> None:
    assert okta.operations() is okta.operations()
    assert okta.scopes() is okta.scopes()
    assert catalogue._operations_data() is catalogue._operations_data()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/okta is not available")
def test_no_drift_from_shared_okta(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_okta_data.py"), str(SHARED),
         "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    for name in GENERATED:
        fresh = (tmp_path / name).read_bytes()
        committed = (DATA / name).read_bytes()
        assert fresh == committed, (
            f"oinlint/okta/data/{name} is stale: run python scripts/generate_okta_data.py")


# --- pagination (issue 14 item 5): from the spec, not from the operation's name ----------------


def _operation(operation_id: str) -> okta.Operation:
    (operation,) = [op for op in okta.operations_by_id(operation_id) if op.family == "management"]
    return operation


@pytest.mark.parametrize(("operation_id", "paginated"), [
    ("listUsers", True), ("listGroups", True), ("listGroupUsers", True),
    ("listApplications", True), ("listLogEvents", True), ("listApplicationUsers", True),
    ("listFactors", False), ("listUserTypes", False), ("getUser", False),
    ("getDRStatus", False),  # declares a Link header but takes no cursor
])
def test_paginated_comes_from_the_spec_not_the_name(operation_id: str, paginated: bool) -> None:
    assert _operation(operation_id).paginated is paginated


def test_only_gets_are_paginated_and_the_count_matches_the_spec() -> None:
    paged = [op for op in okta.operations() if op.paginated]
    assert {op.method for op in paged} == {"GET"}
    assert Counter(op.family for op in paged) == {"management": 58, "governance": 37, "oauth": 1}
