"""``oinlint verify`` against emulated orgs over real loopback sockets: every outcome the issue
lists, the transport rules (no redirects, no credentials elsewhere, bounded retries) and the
request budget of the pinpointing search."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fakes import client_secret
from live_support import Sleeper, codes, declared, free_port, verify

from oinlint.cli.verify import _public_jwk
from oinlint.live.client import OrgUrlError, Policy, normalise_org_url
from oinlint.live.emulator import Emulator
from oinlint.live.verify import load_private_key
from oinlint.live.verify.pinpointing import pinpoint

FIVE = ("okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read",
        "okta.roles.read")


@pytest.fixture(scope="module")
def shared_org() -> Iterator[Emulator]:
    """One org for the many-client tests (an emulator's RSA key takes a moment to make)."""
    with Emulator() as org:
        yield org


@pytest.fixture
def org() -> Iterator[Emulator]:
    with Emulator() as fresh:
        yield fresh


@pytest.fixture
def other_host() -> Iterator[Emulator]:
    """A second origin: redirects and rogue discovery documents point here."""
    with Emulator(host="localhost") as other:
        yield other


def test_matching_grant_is_verified(org: Emulator, tmp_path: Path) -> None:
    scopes = ("okta.users.read", "okta.groups.read", "okta.logs.read")
    client = org.add_client(scopes=scopes)
    result = verify(org, client, declared(tmp_path, scopes))
    assert result.outcome == "verified", result.notes
    assert result.exit_code == 0
    assert result.findings == []
    assert result.granted == {**dict.fromkeys(scopes, True), "okta.users.manage": False}
    assert result.token_type == "Bearer"
    assert result.token_scp == list(scopes)
    assert [r.scopes for r in org.token_requests] == [scopes, ("okta.users.manage",)]
    assert all(r.auth_method == "client_secret_basic" for r in org.token_requests)


def test_extra_granted_scope_is_found_by_the_undeclared_check(org: Emulator,
                                                              tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read", "okta.users.manage"))
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]))
    assert result.outcome == "failed" and result.exit_code == 1
    assert codes(result) == ["OIN902", "OIN903"]
    assert result.undeclared_checked == "okta.users.manage"
    assert result.undeclared_granted == ["okta.users.manage"]
    oin903 = result.findings[1]
    assert "okta.users.manage" in oin903.message
    assert oin903.span.line == 4  # the `scopes:` key: an undeclared scope has no entry


def test_undeclared_scope_can_be_chosen(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.logs.read", "okta.apps.read"))
    result = verify(org, client, declared(tmp_path, ["okta.logs.read"]),
                    undeclared_scope="okta.apps.read")
    assert codes(result) == ["OIN902", "OIN903"]


def test_refused_declared_scope_is_pinpointed_at_its_entry(org: Emulator,
                                                           tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    result = verify(org, client, declared(tmp_path, ["okta.users.read", "okta.groups.read"]))
    assert result.outcome == "failed"
    assert codes(result) == ["OIN902", "OIN904"]
    oin904 = result.findings[1]
    assert "okta.groups.read" in oin904.message
    assert (oin904.span.path, oin904.span.line, oin904.span.column) == (
        "oin-submission.yaml", 7, 11)
    assert result.refused == ["okta.groups.read"] and result.undetermined == []


def test_silent_downscoping_is_pinpointed_by_the_first_answer(tmp_path: Path) -> None:
    with Emulator({"scope_refusal": "downscope"}) as org:
        client = org.add_client(scopes=("okta.users.read",))
        result = verify(org, client, declared(tmp_path, ["okta.users.read", "okta.apps.read"]))
        assert codes(result) == ["OIN902", "OIN904"]
        assert result.refused == ["okta.apps.read"]
        assert result.response_scope == ["okta.users.read"]
        assert len(org.token_requests) == 2  # all declared + the undeclared check


def test_wrong_secret_fails_with_oin901_and_stops(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]),
                    secret=client_secret())
    assert result.outcome == "failed"
    assert codes(result) == ["OIN901"]
    assert "invalid_client" in result.findings[0].message
    assert "client secret supplied for a confidential client is invalid" in (
        result.findings[0].message)
    assert len(org.token_requests) == 1


def test_client_secret_refused_for_a_private_key_only_client(org: Emulator,
                                                            tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",), client_secret=client_secret(),
                            auth_methods=["private_key_jwt"])
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]))
    assert codes(result) == ["OIN901"]
    assert "must use the private_key_jwt" in result.findings[0].message


def test_dpop_required_is_negotiated(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read", "okta.logs.read"), dpop=True)
    result = verify(org, client, declared(tmp_path, ["okta.users.read", "okta.logs.read"]),
                    probe=True)
    assert result.outcome == "verified", (codes(result), result.notes)
    assert result.dpop and result.token_type == "DPoP"
    assert result.dpop_handshakes == 2
    errors = [r.error for r in org.token_requests]
    assert errors == ["invalid_dpop_proof", "use_dpop_nonce", None, "invalid_scope"]
    assert [p.status for p in result.probes] == [200, 200]
    assert org.issued[0].jkt is not None


def test_rate_limit_then_success_waits_for_the_reset(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/oauth2/v1/token", "rate_limit", reset_after=2, times=1)
    sleeper = Sleeper()
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]), sleeper=sleeper)
    assert result.outcome == "verified"
    assert len(sleeper.waits) == 1 and 1.0 <= sleeper.waits[0] <= 4.0
    assert [e.status for e in result.exchanges if e.step == "token"] == [429, 200, 400]


def test_rate_limit_past_the_wait_budget_is_unknown(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/oauth2/v1/token", "rate_limit", reset_after=600)
    sleeper = Sleeper()
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]), sleeper=sleeper)
    assert result.outcome == "unknown" and result.exit_code == 3
    assert result.findings == []
    assert "wait budget" in result.reason
    assert sleeper.waits == []


def test_rate_limit_budget_of_the_org_itself(tmp_path: Path) -> None:
    with Emulator({"rate_limits": {"buckets": {"/oauth2/v1/token": 1},
                                   "window_seconds": 3600}}) as org:
        client = org.add_client(scopes=("okta.users.read",))
        result = verify(org, client, declared(tmp_path, ["okta.users.read"]),
                        policy=Policy(max_wait=5.0))
        assert result.outcome == "unknown"
        assert "rate-limited" in result.reason


def test_5xx_then_success_is_retried_with_backoff(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/oauth2/v1/token", "status", status=503, times=2)
    sleeper = Sleeper()
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]), sleeper=sleeper)
    assert result.outcome == "verified"
    assert sleeper.waits == [0.5, 1.0]
    assert [e.attempt for e in result.exchanges if e.step == "token"] == [1, 2, 3, 1]


def test_persistent_5xx_is_unknown_after_bounded_retries(org: Emulator,
                                                         tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/oauth2/v1/token", "status", status=502)
    sleeper = Sleeper()
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]), sleeper=sleeper,
                    policy=Policy(retries=3))
    assert result.outcome == "unknown" and result.exit_code == 3
    assert result.findings == []
    assert sleeper.waits == [0.5, 1.0, 2.0]
    assert len(org.token_requests) == 0  # the fault answered before the token endpoint
    assert sum(1 for r in org.requests if r.path == "/oauth2/v1/token") == 4
    assert "HTTP 502 4 times" in result.reason


def test_redirect_to_another_host_sends_no_credential(org: Emulator, other_host: Emulator,
                                                      tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/oauth2/v1/token", "redirect", location=other_host.token_url)
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]))
    assert result.outcome == "unknown"
    assert "redirect" in result.reason and "not followed" in result.reason
    assert other_host.requests == []  # not even a connection that carried a request
    assert org.requests[-1].had_authorization  # the org itself did get the Basic header


def test_redirected_discovery_is_not_followed(org: Emulator, other_host: Emulator,
                                              tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/.well-known/*", "redirect",
                  location=other_host.url + "/.well-known/oauth-authorization-server")
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]))
    assert result.outcome == "unknown"
    assert other_host.requests == []
    assert org.token_requests == []


def test_discovery_naming_another_token_endpoint_gets_no_credential(
        other_host: Emulator, tmp_path: Path) -> None:
    with Emulator({"token_endpoint": other_host.token_url}) as org:
        client = org.add_client(scopes=("okta.users.read",))
        result = verify(org, client, declared(tmp_path, ["okta.users.read"]))
        assert result.outcome == "unknown"
        assert "no credentials were sent" in result.reason
        assert other_host.requests == [] and org.token_requests == []


def test_custom_authorization_server_is_oin901_before_any_credential(tmp_path: Path) -> None:
    with Emulator({"issuer": "{url}/oauth2/default"}) as org:
        client = org.add_client(scopes=("okta.users.read",))
        result = verify(org, client, declared(tmp_path, ["okta.users.read"]))
        assert codes(result) == ["OIN901"]
        assert "custom authorization server" in result.findings[0].message
        assert org.token_requests == []


def test_unreachable_port_is_unknown(tmp_path: Path) -> None:
    result = verify(f"http://127.0.0.1:{free_port()}", None,
                    declared(tmp_path, ["okta.users.read"]), secret=client_secret())
    assert result.outcome == "unknown" and result.exit_code == 3
    assert "could not connect" in result.reason
    assert result.findings == []


def test_malformed_json_is_unknown(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/oauth2/v1/token", "malformed")
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]))
    assert result.outcome == "unknown"
    assert "not valid JSON" in result.reason
    assert result.findings == []


def test_connection_dropped_is_unknown(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/oauth2/v1/token", "drop")
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]))
    assert result.outcome == "unknown"


def test_slow_org_times_out_as_unknown(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read",))
    org.add_fault("/oauth2/v1/token", "delay", seconds=1.0, times=1)
    result = verify(org, client, declared(tmp_path, ["okta.users.read"]),
                    policy=Policy(timeout=0.2, connect_timeout=0.2))
    assert result.outcome == "unknown"
    assert "did not answer within 0.2 s" in result.reason


def test_private_key_jwt_happy_path_rsa_pem(org: Emulator, tmp_path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    (tmp_path / "key.pem").write_bytes(pem)
    loaded = load_private_key(tmp_path / "key.pem", "kid-1")
    client = org.add_client(scopes=("okta.apps.read",), jwks=[_public_jwk(key, "kid-1")])
    result = verify(org, client, declared(tmp_path, ["okta.apps.read"]), private_key=loaded)
    assert result.outcome == "verified", (codes(result), result.notes)
    assert result.auth_method == "private_key_jwt"
    assert any("OIN API service instances are given a client secret" in n
               for n in result.notes)
    assert [r.auth_method for r in org.token_requests] == ["private_key_jwt"] * 2


def test_private_key_jwt_happy_path_ec_jwk(org: Emulator, tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    private = jwt.algorithms.ECAlgorithm.to_jwk(key, as_dict=True)
    private["kid"] = "ec-1"
    (tmp_path / "key.json").write_text(json.dumps(private))
    public = {k: v for k, v in private.items() if k != "d"}
    client = org.add_client(scopes=("okta.logs.read",), jwks=[public])
    result = verify(org, client, declared(tmp_path, ["okta.logs.read"]),
                    private_key=load_private_key(tmp_path / "key.json"))
    assert result.outcome == "verified", (codes(result), result.notes)


def test_probe_refused_is_oin906(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.read", "okta.groups.read"))
    org.add_fault("/api/v1/groups", "status", status=403)
    result = verify(org, client, declared(tmp_path, ["okta.users.read", "okta.groups.read"]),
                    probe=True)
    assert codes(result) == ["OIN906"]
    assert "GET /api/v1/groups?limit=1" in result.findings[0].message
    assert result.findings[0].span.line == 7
    assert [(p.path, p.status, p.ok) for p in result.probes] == [
        ("/api/v1/users?limit=1", 200, True), ("/api/v1/groups?limit=1", 403, False)]


def test_probe_of_a_manage_scope_reads_only(org: Emulator, tmp_path: Path) -> None:
    client = org.add_client(scopes=("okta.users.manage",))
    result = verify(org, client, declared(tmp_path, ["okta.users.manage"]), probe=True)
    assert result.outcome == "verified"
    probes = [r for r in org.requests if r.path.startswith("/api/")]
    assert [(r.method, r.path, r.status) for r in probes] == [
        ("GET", "/api/v1/users?limit=1", 200)]


# --- the request budget ---------------------------------------------------------------------

@pytest.mark.parametrize("dpop", [False, True], ids=["bearer", "dpop"])
def test_every_refusal_pattern_of_five_scopes_is_pinpointed_within_budget(
        shared_org: Emulator, tmp_path: Path, dpop: bool) -> None:
    submission = declared(tmp_path, FIVE)
    n = len(FIVE)
    worst = 0
    for size in range(n + 1):
        for refused in itertools.combinations(FIVE, size):
            granted = [s for s in FIVE if s not in refused]
            client = shared_org.add_client(scopes=granted, dpop=dpop)
            before = len(shared_org.requests)
            result = verify(shared_org, client, submission)
            label = f"refused={refused}"
            assert result.refused == list(refused), label
            assert result.undetermined == [], label
            assert result.token_requests <= n + 3, label
            assert result.dpop_handshakes == (2 if dpop else 0), label
            http = len(shared_org.requests) - before
            assert http == len(result.exchanges), label
            worst = max(worst, result.token_requests)
            assert result.outcome == ("failed" if refused else "verified"), label
    assert worst == n + 3


def _http_requests(org: Emulator, tmp_path: Path, granted: tuple[str, ...],
                   probe: bool = False) -> int:
    client = org.add_client(scopes=granted)
    before = len(org.requests)
    result = verify(org, client, declared(tmp_path, FIVE), probe=probe)
    assert len(org.requests) - before == len(result.exchanges)
    return len(result.exchanges)


def test_request_counts_for_five_declared_scopes(shared_org: Emulator, tmp_path: Path) -> None:
    """The numbers reported on the issue (HTTP requests, discovery included)."""
    # Matching: discovery + all declared + the undeclared check.
    assert _http_requests(shared_org, tmp_path, FIVE) == 3
    # Matching with --probe: plus one read-only GET per granted scope (5 distinct probes).
    assert _http_requests(shared_org, tmp_path, FIVE, probe=True) == 8
    # One scope refused, at each position: discovery + all + pinpointing + undeclared check.
    single = [_http_requests(shared_org, tmp_path, tuple(s for s in FIVE if s != gone))
              for gone in FIVE]
    assert single == [5, 6, 7, 8, 7]
    # Every scope refused (the worst case): 1 + (N + 3).
    assert _http_requests(shared_org, tmp_path, ()) == 1 + len(FIVE) + 3


@pytest.mark.parametrize("n", range(1, 9))
def test_pinpoint_search_is_exact_and_within_n_plus_one(n: int) -> None:
    """The search itself, exhaustively: every refusal pattern of up to eight scopes."""
    scopes = [f"okta.s{i}.read" for i in range(n)]
    for size in range(1, n + 1):
        for refused in itertools.combinations(scopes, size):
            calls: list[list[str]] = []

            def ask(group: list[str], refused: tuple[str, ...] = refused,
                    calls: list[list[str]] = calls) -> frozenset[str] | None:
                calls.append(list(group))
                return None if set(group) & set(refused) else frozenset(group)

            found = pinpoint(scopes, n + 1, ask)
            assert found == {s: s not in refused for s in scopes}, refused
            assert len(calls) <= n + 1, refused
            if size == 1:  # one refusal at position p costs p + 1 (n - 1 for the last)
                position = scopes.index(refused[0]) + 1
                assert len(calls) == (n - 1 if position == n else min(position + 1, n)), refused


def test_pinpoint_leaves_scopes_undetermined_rather_than_overspend() -> None:
    found = pinpoint(["a", "b", "c"], 1, lambda group: None)
    assert found == {"a": False, "b": None, "c": None}


@pytest.mark.parametrize(("given", "expected"), [
    ("acme.okta.com", "https://acme.okta.com"),
    ("https://ACME.okta.com/", "https://acme.okta.com"),
    ("https://acme.okta.com:443", "https://acme.okta.com:443"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("http://localhost:1", "http://localhost:1"),
    ("http://[::1]:9", "http://[::1]:9"),
])
def test_org_urls_are_normalised(given: str, expected: str) -> None:
    assert normalise_org_url(given) == expected


@pytest.mark.parametrize("given", ["http://acme.okta.com", "http://10.0.0.1",
                                   "https://acme.okta.com/oauth2/default",
                                   "https://acme.okta.com/?x=1", "https://u:p@acme.okta.com",
                                   "file:///etc/passwd", ""])
def test_org_urls_that_are_refused(given: str) -> None:
    with pytest.raises(OrgUrlError):
        normalise_org_url(given)
