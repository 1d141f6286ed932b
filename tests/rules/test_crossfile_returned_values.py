"""Python URLs built from what a function of another module returns: ``base_url, headers =
get_api_info()`` (imported from ``utils``) then ``requests.get("{}/users".format(base_url))``.
The defining module records what its functions return (``ReturnedUrl``), the calling one the
call with that value as a hole to fill (``ImportedUrlCall``), and the cross-file pass joins them."""

from __future__ import annotations

import pytest
from project_rules import hits, parsed

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import ApiCall, ImportedUrlCall, ReturnedUrl

UTILS = '''import os


def get_creds():
    return os.environ["OKTA_DOMAIN"], os.environ["OKTA_API_TOKEN"]


def get_api_info():
    domain, token = get_creds()
    base_url = "https://{}/api/v1".format(domain)
    headers = {"Authorization": "SSWS {}".format(token)}
    return base_url, headers


def org_url(domain):
    return f"https://{domain}/api/v1"


def several(flag):
    if flag:
        return "https://a.example.com"
    return "https://b.example.com"
'''

CLI = '''import requests
from .utils import get_api_info, org_url, several


def list_users():
    base_url, headers = get_api_info()
    return requests.get("{}/users?limit=200".format(base_url), headers=headers).json()


def deactivate(user_id):
    base_url, headers = get_api_info()
    requests.post(base_url + f"/users/{user_id}/lifecycle/deactivate", headers=headers)


def groups(domain, headers):
    return requests.get(org_url(domain) + "/groups", headers=headers).json()


def elsewhere(headers):
    return requests.get(several(True) + "/apps", headers=headers).json()
'''


def resolved_calls(files: dict[str, str]) -> list[tuple[str, int, str | None, str | None]]:
    facts = parsed(files)
    return sorted((f.path, c.span.line, c.method, c.path_template)
                  for f in with_resolved(facts, resolve(facts)) for c in f.of(ApiCall))


def test_the_defining_module_records_the_urls_its_functions_return() -> None:
    facts = parsed({"okta/utils.py": UTILS})[0]
    assert sorted((r.name, r.item, "".join(p.text for p in r.url))
                  for r in facts.of(ReturnedUrl)) == [
        ("get_api_info", 0, "https://{}/api/v1"), ("org_url", -1, "https://{}/api/v1")]


def test_the_calling_module_records_the_value_to_look_up() -> None:
    facts = parsed({"okta/utils.py": UTILS, "okta/okta_cli.py": CLI})[1]
    assert sorted((c.span.line, [p.returned for p in c.url if p.returned])
                  for c in facts.of(ImportedUrlCall)) == [
        (7, [".utils.get_api_info#0"]), (12, [".utils.get_api_info#0"]),
        (16, [".utils.org_url#-1"]), (20, [".utils.several#-1"])]


def test_calls_built_from_another_modules_return_values_are_okta_calls() -> None:
    files = {"okta/__init__.py": "", "okta/utils.py": UTILS, "okta/okta_cli.py": CLI}
    assert resolved_calls(files) == [
        ("okta/okta_cli.py", 7, "GET", "/api/v1/users"),
        ("okta/okta_cli.py", 12, "POST", "/api/v1/users/{}/lifecycle/deactivate"),
        ("okta/okta_cli.py", 16, "GET", "/api/v1/groups"),
    ]


def test_a_function_of_a_library_is_not_looked_up() -> None:
    cli = ("import os\nimport requests\n\n\ndef f():\n"
           "    return requests.get(os.getcwd() + '/users')\n")
    facts = parsed({"okta/okta_cli.py": cli})[0]
    assert list(facts.of(ImportedUrlCall)) == []


@pytest.mark.parametrize("module", ["missing", "other"])
def test_a_module_the_project_does_not_have_gives_no_call(module: str) -> None:
    files = {"okta/utils.py": UTILS, "okta/okta_cli.py": CLI.replace(".utils", f".{module}")}
    if module == "other":
        files["okta/other.py"] = "def get_api_info():\n    return None, None\n"
    assert resolved_calls(files) == []


def test_the_resolved_calls_are_paged_and_scoped() -> None:
    files = {"okta/__init__.py": "", "okta/utils.py": UTILS, "okta/okta_cli.py": CLI}
    assert hits(files, "OIN502") == [("okta/okta_cli.py", 7), ("okta/okta_cli.py", 16)]


WRAPPER = '''import requests
from .utils import get_api_info


def get(path):
    base_url, headers = get_api_info()
    return requests.get(base_url + path, headers=headers).json()


def apps():
    return get("/apps")
'''


def test_a_wrapper_over_an_imported_base_resolves_at_its_calls_here_and_elsewhere() -> None:
    files = {"okta/__init__.py": "", "okta/utils.py": UTILS, "okta/okta_http.py": WRAPPER,
             "okta/sync.py": "from .okta_http import get\n\n\ndef groups():\n"
                             "    return get('/groups')\n"}
    assert resolved_calls(files) == [
        ("okta/okta_http.py", 11, "GET", "/api/v1/apps"),
        ("okta/sync.py", 5, "GET", "/api/v1/groups"),
    ]
