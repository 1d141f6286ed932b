import pytest
import responses

from acme_sync.guards import ApiTokenNotAllowed, ensure_bearer
from acme_sync.okta_client import OktaClient

ACCESS_TOKEN = "eyJraWQiOiJGQUtFIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiIwb2E4ZmFrZSIsInNjcCI6WyJva3RhLnVzZXJzLnJlYWQiXX0.FAKEsig"


@responses.activate
def test_sends_bearer_token(token_response):
    responses.post("https://acme.okta.com/oauth2/v1/token", json=token_response)
    responses.get("https://acme.okta.com/api/v1/users", json=[])
    OktaClient("acme.okta.com", "0oa8fakeoinlintCl1d", "<test-secret>").list_users()
    sent = responses.calls[1].request
    assert sent.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert not sent.headers["Authorization"].startswith("SSWS")


def test_rejects_api_token_header():
    with pytest.raises(ApiTokenNotAllowed):
        ensure_bearer({"Authorization": "SSWS 00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})


def test_rejects_basic_auth():
    with pytest.raises(ApiTokenNotAllowed, match="unexpected authorization scheme"):
        ensure_bearer({"Authorization": "Basic Zm9vOmJhcg=="})
