"""The operation matcher: URLs and templates seen in code -> Okta operations and their scopes."""

from __future__ import annotations

import re
import time
import zlib
from collections import defaultdict

import pytest

from oinlint import okta
from oinlint.okta import matcher

PARAM = re.compile(r"\{[^}]+\}")


def op_id(method: str | None, url: str) -> str:
    result = okta.match(method, url)
    assert result.status == "matched", (method, url, result)
    assert result.operation is not None
    return result.operation.operation_id


def ids(result: okta.MatchResult) -> set[str]:
    return {op.operation_id for op in result.candidates}


# --- the traps -------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "url", "operation_id", "alternatives"), [
    ("GET", "/api/v1/users/{id}/roles", "listAssignedRolesForUser", [["okta.roles.read"]]),
    ("GET", "https://{}/api/v1/users/00u1ab2/roles", "listAssignedRolesForUser",
     [["okta.roles.read"]]),
    ("POST", "/api/v1/users/{}/roles", "assignRoleToUser", [["okta.roles.manage"]]),
    ("GET", "/api/v1/users/{userId}/risk", "getUserRisk", [["okta.userRisk.read"]]),
    ("PUT", "{base}/api/v1/users/00u9/risk", "upsertUserRisk", [["okta.userRisk.manage"]]),
    ("POST", "/api/v1/policies/simulate", "createPolicySimulation", [["okta.policies.read"]]),
    ("GET", "/api/v1/apps/{}/group-push/mappings", "listGroupPushMappings",
     [["okta.apps.read", "okta.groups.read"]]),
    ("POST", "/api/v1/apps/0oa1/group-push/mappings", "createGroupPushMapping",
     [["okta.apps.manage", "okta.groups.manage"]]),
    ("PATCH", "/api/v1/apps/0oa1/group-push/mappings/{}", "updateGroupPushMapping",
     [["okta.apps.manage", "okta.groups.manage"]]),
    ("GET", "/api/v1/org/privacy/aerial", "getAerialConsent", [["okta.orgs.manage"]]),
    ("GET", "/api/v1/groups/rules", "listGroupRules", [["okta.groups.read"]]),
    ("GET", "/api/v1/groups/00g1abc", "getGroup", [["okta.groups.read"]]),
    ("GET", "/api/v1/groups/{groupId}", "getGroup", [["okta.groups.read"]]),
    ("GET", "/api/v1/groups/rules/0pr1", "getGroupRule", [["okta.groups.read"]]),
    ("GET", "/api/v1/groups/00g1/roles", "listGroupAssignedRoles", [["okta.roles.read"]]),
    ("GET", "/api/v1/users/me", "getUser", [["okta.users.read"]]),
    ("GET", "/api/v1/users/{}", "getUser", [["okta.users.read"]]),
    ("GET", "/api/v1/logs", "listLogEvents", [["okta.logs.read"]]),
    ("GET", "https://acme.okta.com/api/v1/logs?since=2024-01-01T00:00:00Z&limit=100",
     "listLogEvents", [["okta.logs.read"]]),
    ("GET", "/api/v1/meta/schemas/user/linkedObjects", "listLinkedObjectDefinitions",
     [["okta.linkedObjects.read"]]),
    ("GET", "/api/v1/meta/schemas/user/default", "getUserSchema", [["okta.schemas.read"]]),
    ("GET", "/api/v1/users/{}/factors/catalog", "listSupportedFactors", [["okta.users.read"]]),
    ("GET", "/api/v1/users/00u1/factors/{}", "getFactor", [["okta.users.read"]]),
    ("DELETE", "/api/v1/api-tokens/current", "revokeCurrentApiToken", []),
    ("DELETE", "/api/v1/api-tokens/{}", "revokeApiToken", [["okta.apiTokens.manage"]]),
    ("POST", "https://acme.okta.com/oauth2/v1/token", "token", []),
    ("POST", "https://acme.okta.com/oauth2/default/v1/token", "tokenCustomAS", []),
    ("GET", "/oauth2/v1/clients", "listClients", [["okta.clients.read"]]),
])
def test_traps(method: str, url: str, operation_id: str, alternatives: list[list[str]]) -> None:
    result = okta.match(method, url)
    assert result.status == "matched", result
    assert result.operation is not None
    assert result.operation.operation_id == operation_id
    assert [list(alt) for alt in result.oauth2_alternatives or ()] == alternatives


def test_privacy_aerial_is_a_get_that_needs_manage() -> None:
    operation = okta.match("GET", "/api/v1/org/privacy/aerial").operation
    assert operation is not None
    assert not operation.satisfied_by(["okta.orgs.read"])
    assert operation.satisfied_by(["okta.orgs.manage"])


# --- sampled operations, every tag -----------------------------------------------------------


def _sample() -> list[okta.Operation]:
    """One operation per (family, tag), picked by a stable hash of the tag."""
    by_tag: dict[tuple[str, str], list[okta.Operation]] = defaultdict(list)
    for op in okta.operations():
        by_tag[(op.family, op.tags[0])].append(op)
    picked = []
    for key in sorted(by_tag):
        ops = sorted(by_tag[key], key=lambda o: o.key)
        picked.append(ops[zlib.crc32("/".join(key).encode()) % len(ops)])
    return picked


SAMPLE = _sample()


def _concrete(path: str) -> str:
    counter = iter(range(1, 100))
    return PARAM.sub(lambda _: f"x{next(counter)}Qz9", path)


def test_sample_covers_every_tag() -> None:
    tags = {(op.family, op.tags[0]) for op in okta.operations()}
    assert {(op.family, op.tags[0]) for op in SAMPLE} == tags
    assert len(SAMPLE) >= 50
    assert sum(op.family == "management" for op in SAMPLE) >= 50


@pytest.mark.parametrize("op", SAMPLE, ids=lambda op: op.operation_id)
def test_sampled_operation_matches_itself(op: okta.Operation) -> None:
    holes = PARAM.sub("{}", op.path)
    concrete = _concrete(op.path)
    variants = [
        holes,                                           # f-string with {} holes
        op.path,                                         # named holes, as in the spec
        "https://{}" + holes,                            # org URL as a hole
        "{}" + holes,                                    # base URL variable
        "{self.base_url}" + op.path + "?limit=200",      # named base and a query string
        "https://acme.okta.com" + concrete,              # concrete URL with made-up ids
        "https://acme.okta.com" + concrete + "?limit=5&after=abc#frag",
        "http://localhost:8080" + concrete + "/",        # trailing slash
        "acme.oktapreview.com" + concrete,               # host without scheme
        PARAM.sub("%s", op.path),                        # %-formatting
        "${baseUrl}" + PARAM.sub("${id}", op.path),      # JS template literal
    ]
    for url in variants:
        for method in (op.method, op.method.lower(), f" {op.method.title()} "):
            assert op_id(method, url) == op.operation_id, (method, url)


def test_every_operation_matches_itself() -> None:
    for op in okta.operations():
        assert okta.match(op.method, "{}" + PARAM.sub("{}", op.path)).operation == op
        assert okta.match(op.method, "https://acme.okta.com" + _concrete(op.path)).operation == op


# --- ambiguity is reported, never guessed -----------------------------------------------------


def test_unknown_method_lists_every_method() -> None:
    result = okta.match(None, "/api/v1/groups/rules")
    assert result.ambiguous and result.status == "ambiguous"
    assert ids(result) == {"listGroupRules", "createGroupRule"}
    assert result.operation is None
    assert result.oauth2_alternatives is None  # read for GET, manage for POST
    assert set(result.scopes) == {"okta.groups.read", "okta.groups.manage"}
    assert op_id(None, "/api/v1/logs") == "listLogEvents"  # one method only: no ambiguity


def test_hole_standing_for_a_fixed_word_is_ambiguous() -> None:
    result = okta.match("POST", "/api/v1/users/{id}/lifecycle/{action}")
    assert result.status == "ambiguous"
    assert {"activateUser", "deactivateUser", "suspendUser", "unlockUser"} <= ids(result)
    assert result.oauth2_alternatives == (("okta.users.manage",),)  # all agree


def test_hole_prefers_a_parameter_to_a_literal() -> None:
    assert op_id("GET", "/api/v1/groups/{}") == "getGroup"
    assert op_id("GET", "/api/v1/meta/schemas/user/{}") == "getUserSchema"


def test_hole_spanning_several_segments_is_unresolved() -> None:
    result = okta.match("GET", "{base}/api/v1/{path}")
    assert result.status == "unresolved" and not result.resolved
    assert {"listUsers", "getUser", "listAssignedRolesForUser"} <= ids(result)
    runtime_tail = okta.match("GET", "{base}/api/v1/users{rest}")
    assert runtime_tail.status == "unresolved"
    assert {"listUsers", "getUser"} <= ids(runtime_tail)


def test_nothing_known_is_unresolved() -> None:
    for url in ("{}", "{url}", "https://acme.okta.com", "https://{}/", "{a}/{b}"):
        result = okta.match("GET", url)
        assert result.status == "unresolved" and result.candidates == (), url


def test_unknown_base_path_matches_the_end() -> None:
    result = okta.match("POST", "{issuer}/v1/token")
    assert result.status == "ambiguous" and not result.anchored
    assert ids(result) == {"token", "tokenCustomAS"}
    users = okta.match("GET", "{base}/users")
    assert users.status == "ambiguous" and "listUsers" in ids(users)
    logs = okta.match("GET", "{base}/logs")
    assert logs.status == "matched" and not logs.anchored
    relative = okta.match("GET", "users/{}/roles")  # httpx base_url=".../api/v1/"
    assert relative.operation is not None
    assert relative.operation.operation_id == "listAssignedRolesForUser"


def test_not_okta() -> None:
    assert okta.match("GET", "/nope/nothing").status == "unknown"
    assert okta.match("GET", "{base}/definitely-not-okta").status == "unknown"
    assert okta.match("FETCH", "/api/v1/users").status == "unknown"
    assert okta.match("GET", "/api/v1/Users").status == "unknown"  # paths are case-sensitive


# --- URL shapes ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "/api/v1/users",
    "/api/v1/users/",
    "/api/v1/users//",
    "api/v1/users",
    "https://acme.okta.com/api/v1/users",
    "https://acme.okta.com:443/api/v1/users?limit=1",
    "https://{}/api/v1/users",
    "https://{org}.okta.com/api/v1/users",
    "{}/api/v1/users",
    "{self._base}/api/v1/users/",
    "{}api/v1/users",
    "//acme.okta.com/api/v1/users",
    "acme.okta.com/api/v1/users#top",
    "/api/v1/users?search=profile.department eq \"{dept}\"",
])
def test_url_shapes(url: str) -> None:
    assert op_id("GET", url) == "listUsers"
    assert okta.normalise_path(url) == "/api/v1/users"


def test_request_style_method_is_case_insensitive() -> None:
    for method in ("DELETE", "delete", "Delete", " delete "):
        assert op_id(method, "https://{}/api/v1/users/{uid}") == "deleteUser"
    assert okta.match("delete", "/api/v1/users/{}").method == "DELETE"
    assert okta.match("", "/api/v1/logs").method is None


# --- lookup by operationId / SDK method name -------------------------------------------------


@pytest.mark.parametrize(("name", "operation_id"), [
    ("list_users", "listUsers"),
    ("list_log_events", "listLogEvents"),
    ("listLogEvents", "listLogEvents"),
    ("ListUsers", "listUsers"),
    ("get_user", "getUser"),
    ("list_assigned_roles_for_user", "listAssignedRolesForUser"),
    ("get_api_service_integration_instance", "getApiServiceIntegrationInstance"),
    ("list_group_push_mappings", "listGroupPushMappings"),
    ("get_org_settings", "getOrgSettings"),
])
def test_lookup(name: str, operation_id: str) -> None:
    found = okta.lookup(name)
    assert found is not None and found.operation_id == operation_id
    assert found.family == "management"
    assert found.sdk_name == okta.snake_case(operation_id)


def test_lookup_across_families() -> None:
    management = okta.lookup("getOrgSettings")
    governance = okta.lookup("get_org_settings", family="governance")
    assert management is not None and management.path == "/api/v1/org"
    assert governance is not None and governance.path == "/governance/api/v1/settings"
    assert len(okta.operations_by_id("getOrgSettings")) == 2
    assert okta.lookup("no_such_method") is None
    token = okta.lookup("token", family=None)
    assert token is not None and token.path == "/oauth2/v1/token"


def test_sdk_names_are_unique_within_management() -> None:
    names = [op.sdk_name for op in okta.operations() if op.family == "management"]
    assert len(names) == len(set(names))
    assert okta.snake_case("getWellKnownOpenIDConfiguration") == (
        "get_well_known_open_id_configuration")
    assert okta.snake_case("oob-authenticate") == "oob_authenticate"


# --- cost ------------------------------------------------------------------------------------


def test_match_is_cheap_and_cached() -> None:
    matcher._match.cache_clear()
    urls = [(op.method, "https://acme.okta.com" + _concrete(op.path) + f"?n={i}")
            for i in range(3) for op in okta.operations()]
    start = time.perf_counter()
    for method, url in urls:
        okta.match(method, url)
    elapsed = time.perf_counter() - start
    assert elapsed < 3.0, f"{len(urls)} matches took {elapsed:.2f}s"
    assert okta.match("GET", "/api/v1/users") is okta.match("GET", "/api/v1/users")
