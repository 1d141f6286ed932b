"""A token function of another module called right inside the header that sends it
(``{"Authorization": f"Bearer {get_token()}"}``, `` `Bearer ${await getToken()}` ``): one token
request per API call (OIN304), as when its result is first put in a local. Only the result of
an assignment was followed; a getter that caches its token is still fine."""

from __future__ import annotations

import pytest
from project_rules import hits

AUTH_PY = '''import os
import requests


def get_token():
    r = requests.post(f"{os.environ['OKTA_ORG_URL']}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                      auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]))
    return r.json()["access_token"]
'''

USERS_PY = '''import os
import requests
from auth import get_token


def list_users():
    headers = {"Authorization": f"Bearer {get_token()}"}
    return requests.get(f"{os.environ['OKTA_ORG_URL']}/api/v1/users", headers=headers).json()


def get_user(uid):
    return requests.get(f"{os.environ['OKTA_ORG_URL']}/api/v1/users/{uid}",
                        headers={"Authorization": "Bearer " + get_token()}).json()
'''

AUTH_JS = '''const axios = require('axios');
async function getToken() {
  const { data } = await axios.post(`${process.env.OKTA_ORG_URL}/oauth2/v1/token`,
    'grant_type=client_credentials&scope=okta.groups.read',
    { auth: { username: process.env.OKTA_CLIENT_ID, password: process.env.OKTA_CLIENT_SECRET } });
  return data.access_token;
}
module.exports = { getToken };
'''

GROUPS_JS = '''const axios = require('axios');
const { getToken } = require('./auth');
async function listGroups() {
  const res = await axios.get(`${process.env.OKTA_ORG_URL}/api/v1/groups`, {
    headers: { Authorization: `Bearer ${await getToken()}` },
  });
  return res.data;
}
module.exports = { listGroups };
'''

CACHED_PY = """import os
import time
import requests

_cache = {}


def get_token():
    if _cache.get("exp", 0) > time.monotonic():
        return _cache["token"]
    r = requests.post(f"{os.environ['OKTA_ORG_URL']}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"})
    _cache["token"] = r.json()["access_token"]
    _cache["exp"] = time.monotonic() + r.json()["expires_in"] - 60
    return _cache["token"]
"""


def test_python_a_token_fetched_inside_the_header_is_one_per_call() -> None:
    assert hits({"auth.py": AUTH_PY, "users.py": USERS_PY}, "OIN304") == [
        ("users.py", 7), ("users.py", 13)]


def test_javascript_a_token_fetched_inside_the_header_is_one_per_call() -> None:
    assert hits({"auth.js": AUTH_JS, "groups.js": GROUPS_JS}, "OIN304") == [("groups.js", 5)]


@pytest.mark.parametrize("files", [
    # the getter caches its token until shortly before expires_in
    {"auth.py": CACHED_PY, "users.py": USERS_PY},
    # the module's own function is not another module's token
    {"users.py": USERS_PY.replace("from auth import get_token",
                                  "def get_token():\\n    return os.environ['TOKEN']")},
    # a header other than Authorization carries something else
    {"auth.js": AUTH_JS, "groups.js": GROUPS_JS.replace("Authorization:", "'X-Trace':")},
])
def test_no_token_per_call(files: dict[str, str]) -> None:
    assert hits(files, "OIN304") == []
