"""The emulated Okta org, spoken to over real loopback sockets as an integration would."""

from __future__ import annotations

import base64
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fakes import clean_env, client_secret

from oinlint.live.dpop import DPoPKey, jwk_thumbprint
from oinlint.live.emulator import Emulator
from oinlint.live.emulator.org_config import ClientConfig, EmulatorConfigError, parse_config


@pytest.fixture(scope="module")
def org() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5.0, follow_redirects=False) as client:
        yield client


def _token(http: httpx.Client, org: Emulator, client: ClientConfig, scope: str,
           **kwargs: Any) -> httpx.Response:
    return http.post(org.token_url, data={"grant_type": "client_credentials", "scope": scope},
                     auth=(client.client_id, client.client_secret or ""), **kwargs)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- discovery and tokens -------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/.well-known/oauth-authorization-server",
                                  "/.well-known/openid-configuration"])
def test_discovery_names_the_org_authorization_server(org: Emulator, http: httpx.Client,
                                                      path: str) -> None:
    doc = http.get(org.url + path).json()
    assert doc["issuer"] == org.url
    assert doc["token_endpoint"] == f"{org.url}/oauth2/v1/token"
    assert doc["jwks_uri"] == f"{org.url}/oauth2/v1/keys"
    assert "client_credentials" in doc["grant_types_supported"]
    assert "okta.users.read" in doc["scopes_supported"]
    assert "ES256" in doc["dpop_signing_alg_values_supported"]


def test_access_token_is_an_rs256_jwt_with_oktas_claims(org: Emulator,
                                                        http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read", "okta.groups.read"])
    reply = _token(http, org, client, "okta.users.read okta.groups.read")
    assert reply.status_code == 200
    assert reply.headers["cache-control"] == "no-store"
    body = reply.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["scope"] == "okta.users.read okta.groups.read"
    assert "refresh_token" not in body and "id_token" not in body
    keys = http.get(f"{org.url}/oauth2/v1/keys").json()["keys"]
    header = jwt.get_unverified_header(body["access_token"])
    assert header["alg"] == "RS256"
    key = jwt.PyJWK(next(k for k in keys if k["kid"] == header["kid"])).key
    claims = jwt.decode(body["access_token"], key, algorithms=["RS256"], audience=org.url,
                        issuer=org.url)
    assert claims["ver"] == 1 and claims["jti"].startswith("AT.")
    assert claims["sub"] == claims["cid"] == client.client_id
    assert claims["scp"] == ["okta.users.read", "okta.groups.read"]
    assert claims["exp"] - claims["iat"] == 3600
    assert "cnf" not in claims


def test_a_subset_of_the_granted_scopes_may_be_requested(org: Emulator,
                                                         http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read", "okta.groups.read"])
    assert _token(http, org, client, "okta.groups.read").json()["scope"] == "okta.groups.read"


def test_basic_credentials_are_form_urlencoded_first(org: Emulator,
                                                     http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read"], client_secret="s3cr+t/with=odd chars!!")
    raw = f"{client.client_id}:{'s3cr%2Bt%2Fwith%3Dodd+chars%21%21'}"
    reply = http.post(org.token_url,
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                      headers={"Authorization": "Basic " + base64.b64encode(raw.encode()).decode()})
    assert reply.status_code == 200, reply.text


@pytest.mark.parametrize(("change", "status", "error", "text"), [
    ({"secret": "wrong"}, 401, "invalid_client",
     "client secret supplied for a confidential client is invalid"),
    ({"client_id": "0oa1nosuchclient0000"}, 401, "invalid_client", "Client authentication"),
    ({"no_auth": True}, 401, "invalid_client", "No client credentials found."),
    ({"grant_type": "password"}, 400, "unsupported_grant_type", "grant type"),
    ({"scope": ""}, 400, "invalid_scope", "No scopes were requested."),
    ({"scope": "openid okta.users.read"}, 400, "invalid_scope", "openid"),
    ({"scope": "okta.users.read.self"}, 400, "invalid_scope", ".self scopes"),
    ({"scope": "okta.users.manage"}, 400, "invalid_scope", "exceeds the scope granted"),
])
def test_token_errors_have_oktas_shape(org: Emulator, http: httpx.Client,
                                       change: dict[str, Any], status: int, error: str,
                                       text: str) -> None:
    client = org.add_client(scopes=["okta.users.read"])
    data = {"grant_type": change.get("grant_type", "client_credentials"),
            "scope": change.get("scope", "okta.users.read")}
    auth = None if change.get("no_auth") else (str(change.get("client_id", client.client_id)),
                                                str(change.get("secret", client.client_secret)))
    reply = http.post(org.token_url, data=data, auth=auth) if auth else http.post(
        org.token_url, data=data)
    assert reply.status_code == status
    body = reply.json()
    assert set(body) == {"error", "error_description"}
    assert body["error"] == error and text in body["error_description"]


def test_client_secret_post_is_refused_for_an_oin_instance(org: Emulator,
                                                           http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read"])
    reply = http.post(org.token_url, data={
        "grant_type": "client_credentials", "scope": "okta.users.read",
        "client_id": client.client_id, "client_secret": client.client_secret})
    assert reply.status_code == 401
    assert reply.json()["error"] == "invalid_client"
    assert "client_secret_basic" in reply.json()["error_description"]
    assert org.token_requests[-1].auth_method == "client_secret_post"


def test_client_secret_post_when_the_client_allows_it(org: Emulator,
                                                      http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read"], auth_methods=["client_secret_post"])
    reply = http.post(org.token_url, data={
        "grant_type": "client_credentials", "scope": "okta.users.read",
        "client_id": client.client_id, "client_secret": client.client_secret})
    assert reply.status_code == 200


def test_multiple_client_credentials_are_refused(org: Emulator, http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read"])
    reply = http.post(org.token_url, auth=(client.client_id, client.client_secret or ""),
                      data={"grant_type": "client_credentials", "scope": "okta.users.read",
                            "client_secret": client.client_secret})
    assert reply.status_code == 400
    assert reply.json()["error"] == "invalid_request"


def test_scope_refusal_can_list_the_scopes_or_downscope(http: httpx.Client) -> None:
    for mode, status, check in (
            ("list", 400, lambda b: "okta.apps.read" in b["error_description"]),
            ("downscope", 200, lambda b: b["scope"] == "okta.users.read")):
        with Emulator({"scope_refusal": mode}) as org:
            client = org.add_client(scopes=["okta.users.read"])
            reply = _token(http, org, client, "okta.users.read okta.apps.read")
            assert reply.status_code == status and check(reply.json()), mode


# --- private_key_jwt ------------------------------------------------------------------------

def _assertion(key: Any, client_id: str, aud: str, *, alg: str = "RS256",
               exp_in: int = 300, jti: str | None = None, **extra: Any) -> str:
    now = int(time.time())
    claims = {"iss": client_id, "sub": client_id, "aud": aud, "iat": now, "exp": now + exp_in,
              "jti": jti or str(uuid.uuid4()), **extra}
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": "k1"})


def _pkj_client(org: Emulator) -> tuple[ClientConfig, rsa.RSAPrivateKey]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    public["kid"] = "k1"
    return org.add_client(scopes=["okta.users.read"], jwks=[public]), key


def _post_assertion(http: httpx.Client, org: Emulator, assertion: str) -> httpx.Response:
    return http.post(org.token_url, data={
        "grant_type": "client_credentials", "scope": "okta.users.read",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion})


def test_private_key_jwt_happy_path_and_replay_refused(org: Emulator,
                                                       http: httpx.Client) -> None:
    client, key = _pkj_client(org)
    assertion = _assertion(key, client.client_id, org.token_url)
    first = _post_assertion(http, org, assertion)
    assert first.status_code == 200, first.text
    again = _post_assertion(http, org, assertion)
    assert again.status_code == 401
    assert again.json() == {"error": "invalid_client",
                            "error_description": "The client_assertion token has already "
                                                 "been used."}


@pytest.mark.parametrize(("kwargs", "text"), [
    ({"aud": "https://elsewhere.example/oauth2/v1/token"}, "audience claim"),
    ({"exp_in": 7200}, "too far into the future"),
    ({"exp_in": -120}, "expired"),
    ({"sub": "0oa1someoneelse00000"}, "'iss' and 'sub'"),
])
def test_private_key_jwt_checks(org: Emulator, http: httpx.Client, kwargs: dict[str, Any],
                                text: str) -> None:
    client, key = _pkj_client(org)
    aud = kwargs.pop("aud", org.token_url)
    reply = _post_assertion(http, org, _assertion(key, client.client_id, aud, **kwargs))
    assert reply.status_code == 401
    assert text in reply.json()["error_description"]


def test_private_key_jwt_signed_with_another_key_is_refused(org: Emulator,
                                                            http: httpx.Client) -> None:
    client, _key = _pkj_client(org)
    stranger = ec.generate_private_key(ec.SECP256R1())
    reply = _post_assertion(http, org, _assertion(stranger, client.client_id, org.token_url,
                                                  alg="ES256"))
    assert reply.status_code == 401
    assert "signature is invalid" in reply.json()["error_description"]


def test_client_secret_refused_for_a_private_key_client(org: Emulator,
                                                        http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read"], client_secret=client_secret(),
                            auth_methods=["private_key_jwt"])
    reply = _token(http, org, client, "okta.users.read")
    assert reply.status_code == 401
    assert "private_key_jwt token_endpoint_auth_method" in reply.json()["error_description"]


# --- DPoP -----------------------------------------------------------------------------------

def test_dpop_handshake_binds_the_token(org: Emulator, http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read"], dpop=True)
    missing = _token(http, org, client, "okta.users.read")
    assert missing.status_code == 400
    assert missing.json() == {"error": "invalid_dpop_proof",
                              "error_description": "The DPoP proof JWT header is missing."}
    key = DPoPKey()
    first = _token(http, org, client, "okta.users.read",
                   headers={"DPoP": key.proof("POST", org.token_url)})
    assert first.status_code == 400 and first.json()["error"] == "use_dpop_nonce"
    nonce = first.headers["dpop-nonce"]
    proof = key.proof("POST", org.token_url, nonce=nonce)
    granted = _token(http, org, client, "okta.users.read", headers={"DPoP": proof})
    assert granted.status_code == 200, granted.text
    body = granted.json()
    assert body["token_type"] == "DPoP"
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["cnf"]["jkt"] == key.thumbprint == jwk_thumbprint(key.public_jwk)
    replay = _token(http, org, client, "okta.users.read", headers={"DPoP": proof})
    assert replay.json()["error"] == "invalid_dpop_proof"

    token = body["access_token"]
    url = f"{org.url}/api/v1/users?limit=1"
    assert http.get(url, headers=_bearer(token)).status_code == 401
    bound = http.get(url, headers={"Authorization": f"DPoP {token}",
                                   "DPoP": key.proof("GET", url, access_token=token)})
    assert bound.status_code == 200
    wrong_ath = http.get(url, headers={"Authorization": f"DPoP {token}",
                                       "DPoP": key.proof("GET", url, access_token="x")})
    assert wrong_ath.status_code == 401


def test_dpop_proof_for_another_url_is_refused(org: Emulator, http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read"], dpop=True)
    proof = DPoPKey().proof("POST", "https://acme.okta.com/oauth2/v1/token")
    reply = _token(http, org, client, "okta.users.read", headers={"DPoP": proof})
    assert reply.json()["error"] == "invalid_dpop_proof"
    assert "htu" in reply.json()["error_description"]


# --- management API -------------------------------------------------------------------------

def test_scope_enforcement_403_outside_the_tokens_scopes_200_inside(
        org: Emulator, http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read"])
    token = _token(http, org, client, "okta.users.read").json()["access_token"]
    inside = http.get(f"{org.url}/api/v1/users", headers=_bearer(token))
    assert inside.status_code == 200 and len(inside.json()) == 3
    outside = http.get(f"{org.url}/api/v1/groups", headers=_bearer(token))
    assert outside.status_code == 403
    assert outside.json()["errorCode"] == "E0000006"
    challenge = outside.headers["www-authenticate"]
    assert challenge.startswith("Bearer ")
    assert 'error="insufficient_scope"' in challenge
    assert 'scope="okta.groups.read"' in challenge and 'resource="/api/v1/groups"' in challenge
    # The scope comes from Okta's operation data, not from the URL: roles need okta.roles.*.
    uid = inside.json()[0]["id"]
    roles = http.get(f"{org.url}/api/v1/users/{uid}/roles", headers=_bearer(token))
    assert roles.status_code == 403 and 'scope="okta.roles.read"' in (
        roles.headers["www-authenticate"])
    writes = http.post(f"{org.url}/api/v1/users", headers=_bearer(token),
                       json={"profile": {"login": "new@example.com"}})
    assert writes.status_code == 403


def test_manage_scope_includes_read_and_two_scope_operations_need_both(
        org: Emulator, http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.manage", "okta.apps.read"])
    token = issue = _token(http, org, client, "okta.users.manage okta.apps.read")
    token = issue.json()["access_token"]
    assert http.get(f"{org.url}/api/v1/users", headers=_bearer(token)).status_code == 200
    app_id = http.get(f"{org.url}/api/v1/apps", headers=_bearer(token)).json()[0]["id"]
    push = http.get(f"{org.url}/api/v1/apps/{app_id}/group-push/mappings",
                    headers=_bearer(token))
    assert push.status_code == 403  # needs okta.apps.read AND okta.groups.read
    both = org.issue_token(client.client_id, ["okta.apps.read", "okta.groups.read"])
    assert http.get(f"{org.url}/api/v1/apps/{app_id}/group-push/mappings",
                    headers=_bearer(both)).status_code == 200


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "SSWS 00abc",
                                           "Basic Zm9vOmJhcg=="])
def test_bad_tokens_are_e0000011(org: Emulator, http: httpx.Client,
                                 authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    reply = http.get(f"{org.url}/api/v1/users", headers=headers)
    assert reply.status_code == 401
    assert reply.json()["errorCode"] == "E0000011"
    assert 'error="invalid_token"' in reply.headers["www-authenticate"]


def test_expired_tokens_are_refused(http: httpx.Client) -> None:
    with Emulator() as org:
        client = org.add_client(scopes=["okta.users.read"])
        token = org.issue_token(client.client_id, ["okta.users.read"])
        assert http.get(f"{org.url}/api/v1/users", headers=_bearer(token)).status_code == 200
        org.expire_tokens()
        assert http.get(f"{org.url}/api/v1/users", headers=_bearer(token)).status_code == 401


def test_a_token_fetched_right_after_expire_tokens_is_accepted(http: httpx.Client) -> None:
    """The documented test: expire, then the integration re-fetches; the new token works at
    once, in the same second as the expiry (an iat in whole seconds cannot tell them apart)."""
    with Emulator() as org:
        client = org.add_client(scopes=["okta.users.read"])
        old = _token(http, org, client, "okta.users.read").json()["access_token"]
        assert http.get(f"{org.url}/api/v1/users", headers=_bearer(old)).status_code == 200
        for _ in range(3):
            org.expire_tokens()
            assert http.get(f"{org.url}/api/v1/users", headers=_bearer(old)).status_code == 401
            new = _token(http, org, client, "okta.users.read").json()["access_token"]
            users = http.get(f"{org.url}/api/v1/users", headers=_bearer(new))
            assert users.status_code == 200, users.text
            direct = org.issue_token(client.client_id, ["okta.users.read"])
            assert http.get(f"{org.url}/api/v1/users",
                            headers=_bearer(direct)).status_code == 200
            old = new


def test_users_crud_pagination_and_groups(http: httpx.Client) -> None:
    with Emulator() as org:
        client = org.add_client(scopes=["okta.users.manage", "okta.groups.manage"])
        auth = _bearer(org.issue_token(client.client_id, ["okta.users.manage",
                                                          "okta.groups.manage"]))
        seen: list[str] = []
        url: str | None = f"{org.url}/api/v1/users?limit=1"
        while url:
            page = http.get(url, headers=auth)
            assert page.status_code == 200 and len(page.json()) <= 1
            seen += [u["profile"]["login"] for u in page.json()]
            url = page.links.get("next", {}).get("url")
        assert seen == ["ada.admin@example.com", "bo.builder@example.com",
                        "cy.contractor@example.com"]
        created = http.post(f"{org.url}/api/v1/users?activate=true", headers=auth,
                            json={"profile": {"login": "di@example.com", "firstName": "Di"}})
        assert created.status_code == 200 and created.json()["status"] == "ACTIVE"
        dupe = http.post(f"{org.url}/api/v1/users", headers=auth,
                         json={"profile": {"login": "di@example.com"}})
        assert dupe.status_code == 400 and dupe.json()["errorCode"] == "E0000001"
        uid = created.json()["id"]
        assert http.get(f"{org.url}/api/v1/users/di@example.com",
                        headers=auth).json()["id"] == uid
        group = http.get(f"{org.url}/api/v1/groups?q=Eng", headers=auth).json()[0]
        assert http.put(f"{org.url}/api/v1/groups/{group['id']}/users/{uid}",
                        headers=auth).status_code == 204
        members = http.get(f"{org.url}/api/v1/groups/{group['id']}/users", headers=auth).json()
        assert uid in [m["id"] for m in members]
        assert http.delete(f"{org.url}/api/v1/users/{uid}", headers=auth).status_code == 204
        assert http.get(f"{org.url}/api/v1/users/{uid}",
                        headers=auth).json()["status"] == "DEPROVISIONED"
        assert http.delete(f"{org.url}/api/v1/users/{uid}", headers=auth).status_code == 204
        gone = http.get(f"{org.url}/api/v1/users/{uid}", headers=auth)
        assert gone.status_code == 404 and gone.json()["errorCode"] == "E0000007"


def test_logs_always_link_to_next_and_apps_list_their_users(org: Emulator,
                                                            http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.logs.read", "okta.apps.read"])
    auth = _bearer(org.issue_token(client.client_id, ["okta.logs.read", "okta.apps.read"]))
    logs = http.get(f"{org.url}/api/v1/logs?limit=100", headers=auth)
    assert logs.status_code == 200 and len(logs.json()) == 5
    assert "next" in logs.links
    apps = http.get(f"{org.url}/api/v1/apps", headers=auth).json()
    users = http.get(f"{org.url}/api/v1/apps/{apps[1]['id']}/users", headers=auth).json()
    assert [u["credentials"]["userName"] for u in users] == ["ada.admin@example.com",
                                                             "bo.builder@example.com"]


def test_unknown_paths_methods_and_unimplemented_operations(org: Emulator,
                                                            http: httpx.Client) -> None:
    client = org.add_client(scopes=["okta.users.read", "okta.policies.read"])
    auth = _bearer(org.issue_token(client.client_id, ["okta.users.read", "okta.policies.read"]))
    assert http.get(f"{org.url}/api/v1/nope", headers=auth).json()["errorCode"] == "E0000007"
    assert http.patch(f"{org.url}/api/v1/users", headers=auth).status_code == 405
    assert http.get(f"{org.url}/api/v1/policies?type=OKTA_SIGN_ON",
                    headers=auth).json() == []
    assert http.get(f"{org.url}/api/v1/policies/00p1nothere",
                    headers=auth).status_code == 404


def test_every_reply_carries_rate_limit_headers_and_429_when_spent(http: httpx.Client) -> None:
    with Emulator({"rate_limits": {"default": 2, "window_seconds": 3600}}) as org:
        url = f"{org.url}/.well-known/openid-configuration"
        first = http.get(url)
        assert first.headers["x-rate-limit-limit"] == "2"
        assert first.headers["x-rate-limit-remaining"] == "1"
        assert int(first.headers["x-rate-limit-reset"]) > time.time()
        assert "x-okta-request-id" in first.headers
        http.get(url)
        limited = http.get(url)
        assert limited.status_code == 429
        assert limited.json()["errorCode"] == "E0000047"
        assert limited.headers["x-rate-limit-remaining"] == "0"


def test_faults_fire_as_often_as_configured(http: httpx.Client) -> None:
    with Emulator({"faults": [{"path": "/oauth2/v1/keys", "kind": "status", "status": 500,
                               "times": 2, "skip": 1}]}) as org:
        statuses = [http.get(f"{org.url}/oauth2/v1/keys").status_code for _ in range(4)]
        assert statuses == [200, 500, 500, 200]
        org.add_fault("/oauth2/v1/keys", "drop", times=1)
        with pytest.raises(httpx.RemoteProtocolError):
            http.get(f"{org.url}/oauth2/v1/keys")
        org.add_fault("/oauth2/v1/keys", "delay", seconds=0.3, times=1)
        started = time.monotonic()
        assert http.get(f"{org.url}/oauth2/v1/keys").status_code == 200
        assert time.monotonic() - started >= 0.3


def test_config_errors_name_the_key() -> None:
    with pytest.raises(EmulatorConfigError, match="unknown key 'clientz'"):
        parse_config({"clientz": []})
    with pytest.raises(EmulatorConfigError, match=r"clients\[0\].auth_methods"):
        parse_config({"clients": [{"auth_methods": ["client_secret_jwt"]}]})
    with pytest.raises(EmulatorConfigError, match="must be public"):
        parse_config({"clients": [{"public_jwk": {"kty": "EC", "d": "x"}}]})
    with pytest.raises(EmulatorConfigError, match="redirect fault needs a 'location'"):
        parse_config({"faults": [{"kind": "redirect"}]})
    with pytest.raises(ValueError, match="loopback"):
        Emulator(host="0.0.0.0")


# --- the pytest plugin and the command ------------------------------------------------------

def test_okta_test_org_fixture(okta_test_org: Emulator, http: httpx.Client) -> None:
    client = okta_test_org.add_client(scopes=["okta.users.read"])
    assert _token(http, okta_test_org, client, "okta.users.read").status_code == 200
    assert okta_test_org.token_requests[0].scopes == ("okta.users.read",)


@pytest.mark.okta_org({"clients": [{"client_id": "0oa1fixtureclient001",
                                    "scopes": ["okta.logs.read"]}]})
def test_okta_test_org_fixture_takes_a_config(okta_test_org: Emulator) -> None:
    client = okta_test_org.client("0oa1fixtureclient001")
    assert client.scopes == ("okta.logs.read",)
    assert client.client_secret and len(client.client_secret) == 40


def test_emulator_command_prints_its_url_and_serves(tmp_path: Any) -> None:
    secret = client_secret()
    config = tmp_path / "org.yaml"
    config.write_text("clients:\n  - client_id: 0oa1cmdclient0000001\n"
                      f"    client_secret: {secret}\n"
                      "    scopes: [okta.users.read]\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "oinlint", "emulator", "--config", str(config), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env())
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        reply = httpx.post(f"{url}/oauth2/v1/token", auth=("0oa1cmdclient0000001", secret),
                           data={"grant_type": "client_credentials", "scope": "okta.users.read"})
        assert reply.status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert "0oa1cmdclient0000001" in err
