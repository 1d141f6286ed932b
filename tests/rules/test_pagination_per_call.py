# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""OIN502 is judged per list call: the function making the call must follow the pages, by
itself (a next link, Okta's ``after`` cursor, a ``next_url``), with a pager, or through a
function that does (of the same file by name, of another file through the project model).
Before, one next-link reader anywhere in the project silenced every list call of it."""

from __future__ import annotations

import pytest
from project_rules import hits

API = '''import requests

BASE = "https://acme.okta.com"


def get(path, **params):
    return requests.get(BASE + path, params=params, headers={"Authorization": "SSWS x"})
'''


@pytest.mark.parametrize(("files", "expected"), [
    pytest.param({"okta.py": '''import requests

def users(org, token):
    url, out = f"https://{org}/api/v1/users", []
    while url:
        r = requests.get(url, headers={"Authorization": "Bearer " + token})
        out += r.json()
        url = r.links.get("next", {}).get("url")
    return out

def groups(org, token):
    return requests.get(f"https://{org}/api/v1/groups", headers={"Authorization": "Bearer " + token}).json()
'''}, [("okta.py", 12)], id="python-one-function-pages-the-other-does-not"),
    pytest.param({"okta.py": '''import requests

class Okta:
    def zones(self):
        return self.json("GET", "/api/v1/zones")

    def all_groups(self):
        return self.get_all_pages(self.request("GET", "/api/v1/groups"))

    def get_all_pages(self, response):
        data = response.json()
        if 'rel="next"' in response.headers.get("link", ""):
            data += self.get_all_pages(self.request("GET", response.links["next"]["url"]))
        return data

    def json(self, method, path):
        return self.request(method, path).json()

    def request(self, method, path):
        return requests.request(method, "https://acme.okta.com" + path, headers={"Authorization": "SSWS x"})
'''}, [("okta.py", 5)], id="python-pager-method-used-by-one-list-only"),
    pytest.param({"okta.rb": '''class Okta
  def members(group_id)
    JSON.parse(@conn.get("/api/v1/groups/#{group_id}/users").body)
  end

  def apps
    response = @conn.get('/api/v1/apps?limit=200')
    apps = JSON.parse(response.body)
    while contains_next(response)
      response = @conn.get(next_href(response))
      apps += JSON.parse(response.body)
    end
    apps
  end

  def contains_next(response)
    response.headers['link'].to_s.include?('rel="next"')
  end
end
'''}, [("okta.rb", 3)], id="ruby-same-file-next-check"),
])
def test_each_list_call_is_judged_where_it_is_made(files: dict[str, str],
                                                    expected: list[tuple[str, int]]) -> None:
    assert hits(files, "OIN502") == expected


@pytest.mark.parametrize("users", [
    pytest.param('''from api import get


def users():
    out, after = [], None
    while True:
        page = get("/api/v1/users", limit=200, after=after)
        out += page.json()
        after = page.headers.get("x-next-cursor")
        if not after:
            return out
''', id="after-keyword"),
    pytest.param('''import requests


def users(org):
    out, cursor = [], ""
    while True:
        r = requests.get(f"https://{org}/api/v1/users?limit=200&after={cursor}")
        out += r.json()
        cursor = r.headers.get("x-cursor", "")
        if not cursor:
            return out
''', id="after-in-f-string"),
    pytest.param('''import requests


def users(org):
    next_url = f"https://{org}/api/v1/users"
    out = []
    while next_url:
        r = requests.get(next_url)
        out += r.json()
        next_url = parse_header_links(r.headers.get("link"))
    return out
''', id="next-url-variable"),
    pytest.param('''from api import get
from pages import paginate


def users():
    return paginate(get("/api/v1/users"))
''', id="pager-named-call"),
    pytest.param('''from api import get
from pages import collect


def users():
    return collect(get("/api/v1/users"))
''', id="cross-file-page-reader"),
])
def test_a_list_call_whose_function_follows_the_pages_is_not_reported(users: str) -> None:
    pages = '''def collect(response):
    out = response.json()
    while "next" in response.links:
        response = response.next_page()
        out += response.json()
    return out
'''
    files = {"api.py": API, "users.py": users, "pages.py": pages,
             "groups.py": 'from api import get\n\n\ndef groups():\n    return get("/api/v1/groups").json()\n'}
    assert hits(files, "OIN502") == [("groups.py", 5)]


def test_a_pager_mentioned_in_a_comment_is_not_a_call() -> None:
    source = '''import requests

def get_all_pages(resp):
    return resp.links.get("next")

def groups(org):
    # TODO: get_all_pages(response) once the org has more groups
    return requests.get(f"https://{org}/api/v1/groups").json()
'''
    assert hits({"okta.py": source}, "OIN502") == [("okta.py", 8)]


def test_a_function_whose_parameters_only_fill_the_query_is_the_call_not_a_wrapper() -> None:
    """``getAdminsGroup(name)`` always calls listGroups: the list call is judged where it is
    made (as in Python), not at each caller in another file."""
    lib = '''const axios = require("axios");
const orgUrl = "https://acme.okta.com";
async function getAdminsGroup(name) {
  return axios.get(orgUrl + "/api/v1/groups?q=ADMINS_" + name + "&limit=2", { headers });
}
async function getUser(path) {
  return axios.get(orgUrl + "/api/v1/" + path, { headers });
}
module.exports = { getAdminsGroup, getUser };
'''
    add = '''const lib = require("./lib");
async function addTenant(name) {
  const existing = await lib.getAdminsGroup(name);
  const members = await lib.getUser("groups/" + existing.id + "/users");
  return [existing, members];
}
module.exports = { addTenant };
'''
    assert hits({"lib.js": lib, "add.js": add}, "OIN502") == [("add.js", 4), ("lib.js", 4)]


def test_a_method_spelt_out_as_an_argument_is_the_calls_method() -> None:
    """The wrapper turns its ``method`` parameter into the request's method in a way the
    front end does not follow (``(method || 'GET').toUpperCase()``); the call's own literal
    ``'GET'`` says it."""
    api = '''export async function handleMakeApiRequest(endpoint: string, method: string = "GET") {
  const normalized = (method || "GET").toUpperCase();
  return fetch("https://acme.okta.com" + endpoint, { method: normalized, headers: { Authorization: `SSWS ${key}` } });
}
'''
    search = '''import { handleMakeApiRequest } from "./api";
export async function searchGroups(q: string) {
  const url = `/api/v1/groups?q=${encodeURIComponent(q)}&limit=20`;
  return handleMakeApiRequest(url, "GET");
}
export async function removeMember(g: string, u: string) {
  return handleMakeApiRequest(`/api/v1/groups/${g}/users/${u}`, "DELETE");
}
'''
    assert hits({"api.ts": api, "search.ts": search}, "OIN502") == [("search.ts", 4)]


def test_functions_on_one_line_are_told_apart() -> None:
    """A minified bundle keeps every function on one line: which function pages is told by
    byte offset, not by line (by line, every call took the last function's context)."""
    bundle = ";".join(
        f"function users{i}(c){{return fetch('https://acme.okta.com/api/v1/users?after='+c)"
        f".then(r=>r.headers.get('link'))}}" for i in range(3))
    bundle += ";function groups(){return fetch('https://acme.okta.com/api/v1/groups')}\n"
    assert hits({"bundle.js": bundle}, "OIN502") == [("bundle.js", 1)]


def test_offset_ranges_name_the_innermost_function() -> None:
    from oinlint.frontends.shared.tidy import OffsetRanges

    ranges = OffsetRanges()
    ranges.extend([(0, 100, "A"), (10, 20, "A.f"), (30, 60, "A.g"), (40, 50, "A.g.h"),
                   (120, 130, "B")])
    assert [ranges.context(o) for o in (5, 10, 20, 45, 55, 99, 100, 125, 130)] == [
        "A", "A.f", "A", "A.g.h", "A.g", "A", "", "B", ""]
