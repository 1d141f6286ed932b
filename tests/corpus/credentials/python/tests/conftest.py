import pytest

from acme_sync.store import Tenant


@pytest.fixture
def token_response():
    return {
        "token_type": "Bearer",
        "expires_in": 3600,
        "access_token": "eyJraWQiOiJGQUtFIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiIwb2E4ZmFrZSIsInNjcCI6WyJva3RhLnVzZXJzLnJlYWQiXX0.FAKEsig",
        "scope": "okta.users.read",
    }


@pytest.fixture
def id_token():
    return "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2FjbWUub2t0YS5jb20ifQ.FAKEsig"


@pytest.fixture
def tenant():
    return Tenant(domain="acme-test.okta.com", client_id="0oa8fakeoinlintCl1d",
                  client_secret="${OKTA_TEST_CLIENT_SECRET}")
