"""Cross-file resolution for Python: wrappers, wrappers of wrappers, client classes and scope
constants defined in one module and used in another (:mod:`oinlint.crossfile`)."""

from __future__ import annotations

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import ApiCall, FileFacts, HttpApiUse, ScopeList, Unresolved
from oinlint.frontends import parse
from oinlint.project import ProjectFacts

WRAPPER = '''import requests
BASE = "https://example.okta.com"
session = requests.Session()

def get(path):
    return session.get(BASE + "/api/v1" + path, timeout=10)

def send(method, path, body=None):
    return session.request(method, f"{BASE}/api/v1{path}", json=body)
'''


def _project(files: dict[str, str]) -> tuple[FileFacts, ...]:
    parsed = tuple(parse(path, text, "python") for path, text in files.items())
    return with_resolved(parsed, resolve(parsed))


def _calls(files: dict[str, str], path: str) -> list[tuple[str | None, str | None, str]]:
    facts = next(f for f in _project(files) if f.path == path)
    return sorted((c.method, c.path_template, c.via) for c in facts.of(ApiCall))


def _uses(files: dict[str, str]) -> list[tuple[str, str, str]]:
    return sorted((u.span.path, u.method, u.path) for f in _project(files)
                  for u in f.of(HttpApiUse))


# -- an imported wrapper ---------------------------------------------------------------------

def test_an_imported_module_wrapper_call_is_an_okta_call() -> None:
    files = {"app/okta_client.py": WRAPPER,
             "app/sync.py": "import okta_client\n\nokta_client.get('/users')\n"}
    assert _calls(files, "app/sync.py") == [("GET", "/api/v1/users", "wrapper:get")]


def test_a_wrapper_imported_by_name_takes_its_method_from_a_parameter() -> None:
    files = {"app/okta_client.py": WRAPPER,
             "app/sync.py": "from app.okta_client import send\n\n"
                            "send('DELETE', f'/groups/{gid}')\n"}
    assert _calls(files, "app/sync.py") == [("DELETE", "/api/v1/groups/{}", "wrapper:send")]


def test_a_relative_import_of_a_wrapper_resolves_from_the_callers_folder() -> None:
    files = {"pkg/okta_client.py": WRAPPER, "pkg/__init__.py": "",
             "pkg/jobs/sync.py": "from ..okta_client import get\n\nget('/apps')\n"}
    assert _calls(files, "pkg/jobs/sync.py") == [("GET", "/api/v1/apps", "wrapper:get")]


def test_the_wrappers_inner_call_is_replaced_by_its_call_sites() -> None:
    """The inner call, with its path unknown, is an unresolved call only while no call site
    anywhere says which path it is."""
    alone = {"app/okta_client.py": WRAPPER}
    both = {**alone, "app/sync.py": "import okta_client\nokta_client.get('/users')\n"}
    inner = next(f for f in _project(alone) if f.path == "app/okta_client.py")
    assert [u.detail for u in inner.of(Unresolved)] == ["GET /api/v1{}", "ANY /api/v1{}"]
    inner = next(f for f in _project(both) if f.path == "app/okta_client.py")
    assert [u.detail for u in inner.of(Unresolved)] == ["ANY /api/v1{}"]


# -- a wrapper of a wrapper ------------------------------------------------------------------

def test_a_wrapper_of_an_imported_generic_wrapper_resolves_at_its_call_site() -> None:
    files = {
        "lib/http.py": "import requests\n\ndef http_get(url):\n"
                       "    return requests.get(url, timeout=5)\n",
        "lib/okta.py": "from lib.http import http_get\nORG = 'https://x.okta.com'\n\n"
                       "def okta_get(path):\n    return http_get(ORG + '/api/v1' + path)\n",
        "main.py": "from lib.okta import okta_get\n\nokta_get('/users')\n",
    }
    assert _calls(files, "main.py") == [("GET", "/api/v1/users", "wrapper:okta_get")]


def test_wrappers_of_wrappers_in_one_file_resolve_at_any_depth() -> None:
    files = {"client.py": WRAPPER + "\ndef users(suffix):\n    return get('/users' + suffix)\n"
                                    "\ndef user_groups(uid, what):\n"
                                    "    return users('/' + uid + '/' + what)\n",
             "main.py": "from client import user_groups\nuser_groups('00u1', 'groups')\n"}
    assert _calls(files, "main.py") == [("GET", "/api/v1/users/00u1/groups",
                                         "wrapper:user_groups")]


def test_a_function_whose_parameters_only_fill_ids_is_the_call_itself() -> None:
    """``user_groups(uid)`` reaches one operation whatever ``uid`` holds: the call is judged
    there (as a direct HTTP call so written is), not at each caller."""
    files = {"client.py": WRAPPER + "\ndef users(suffix):\n    return get('/users' + suffix)\n"
                                    "\ndef user_groups(uid):\n"
                                    "    return users('/' + uid + '/groups')\n",
             "main.py": "from client import user_groups\nuser_groups('00u1')\n"}
    assert _calls(files, "main.py") == []
    assert ("GET", "/api/v1/users/{}/groups", "wrapper:users") in _calls(files, "client.py")


def test_circular_imports_between_wrappers_end() -> None:
    files = {"a.py": "from b import g\n\ndef f(path):\n    return g(path + '/x')\n",
             "b.py": "from a import f\n\ndef g(path):\n    return f(path + '/y')\n",
             "main.py": "from a import f\nf('/api/v1/users')\n"}
    # the walk ends; the call stays what one file says of it (an unknown helper, any verb)
    assert _calls(files, "main.py") == [(None, "/api/v1/users", "wrapper:f")]


# -- a client class imported from another module ------------------------------------------

CLIENT = '''import requests

class OktaClient:
    def __init__(self, org):
        self.base = f"https://{org}.okta.com/api/v1"
        self.session = requests.Session()

    def get(self, path):
        return self.session.get(self.base + path)

    def post(self, path, body):
        return self.session.post(self.base + path, json=body)
'''


def test_a_method_of_an_imported_client_class_is_an_okta_call() -> None:
    files = {"okta_api.py": CLIENT,
             "jobs.py": "from okta_api import OktaClient\n\nclient = OktaClient('acme')\n"
                        "client.post('/groups', {'name': 'x'})\n"}
    assert _calls(files, "jobs.py") == [("POST", "/api/v1/groups", "wrapper:post")]


def test_a_parameter_annotated_with_an_imported_client_is_a_typed_receiver() -> None:
    files = {"okta_api.py": CLIENT,
             "jobs.py": "from okta_api import OktaClient\n\n"
                        "def sync(client: OktaClient, gid):\n"
                        "    return client.get(f'/groups/{gid}/users')\n"}
    assert _calls(files, "jobs.py") == [("GET", "/api/v1/groups/{}/users", "wrapper:get")]


# -- good: nothing resolved ------------------------------------------------------------------

def test_a_wrapper_whose_url_is_not_okta_makes_no_okta_call() -> None:
    files = {"slack.py": "import requests\n\ndef get(path):\n"
                         "    return requests.get('https://slack.com/api' + path)\n",
             "main.py": "import slack\nslack.get('/users')\n"}
    assert _calls(files, "main.py") == []


def test_the_same_module_name_in_two_folders_equally_near_is_not_guessed() -> None:
    files = {"one/okta_client.py": WRAPPER, "two/okta_client.py": WRAPPER,
             "main.py": "import okta_client\nokta_client.get('/users')\n"}
    assert _calls(files, "main.py") == []


def test_the_same_module_name_in_two_folders_resolves_to_the_nearer() -> None:
    slack = "import requests\n\ndef get(path):\n    return requests.get('https://s.io' + path)\n"
    files = {"one/okta_client.py": WRAPPER, "two/okta_client.py": slack,
             "two/main.py": "import okta_client\nokta_client.get('/users')\n"}
    assert _calls(files, "two/main.py") == []


def test_an_unknown_module_function_is_not_resolved() -> None:
    files = {"main.py": "import os\nos.path.join('/api/v1', 'users')\n"}
    assert _calls(files, "main.py") == []


# -- the consumers read the resolved facts ----------------------------------------------------

def test_the_hygiene_rules_see_an_imported_wrappers_calls() -> None:
    files = {"app/okta_client.py": WRAPPER,
             "app/sync.py": "import okta_client\nokta_client.get('/users')\n"}
    assert ("app/sync.py", "GET", "/api/v1/users") in _uses(files)
    parsed = tuple(parse(p, t, "python") for p, t in files.items())
    project = ProjectFacts(parsed)
    assert [u.path for f in project.resolved_files for u in f.of(HttpApiUse)
            if f.path == "app/sync.py"] == ["/api/v1/users"]
    assert [op.operation_id for call in project.scopes.calls
            for op in call.operations] == ["listUsers"]


# -- scope constants ------------------------------------------------------------------------

SETTINGS = 'SCOPES = ["okta.users.read", "okta.groups.read"]\nOTHER = "okta.apps.read"\n'


def _scopes(files: dict[str, str], path: str) -> list[tuple[str, list[str]]]:
    facts = next(f for f in _project(files) if f.path == path)
    return [(s.role, [r.name for r in s.scopes]) for s in facts.of(ScopeList)]


def test_an_imported_scope_constant_is_a_requested_scope() -> None:
    files = {"settings.py": SETTINGS,
             "auth.py": "import requests\nfrom settings import SCOPES\n\n"
                        "def token(url, cid, key):\n"
                        "    return requests.post(url, data={'grant_type': 'client_credentials',"
                        " 'scope': ' '.join(SCOPES)})\n"}
    assert _scopes(files, "auth.py") == [("token-request", ["okta.users.read",
                                                            "okta.groups.read"])]


def test_a_scope_constant_read_through_its_module_is_requested() -> None:
    files = {"conf/settings.py": SETTINGS,
             "auth.py": "import requests\nfrom conf import settings\n\n"
                        "def token(url):\n"
                        "    return requests.post(url, data={'grant_type': 'client_credentials',"
                        " 'scope': settings.OTHER})\n"}
    assert _scopes(files, "auth.py") == [("token-request", ["okta.apps.read"])]


def test_a_parameter_defaulting_to_an_imported_constant_is_requested() -> None:
    files = {"settings.py": SETTINGS,
             "auth.py": "import requests\nfrom .settings import SCOPES\n\n"
                        "def token(url, scopes=SCOPES):\n"
                        "    return requests.post(url, data={'grant_type': 'client_credentials',"
                        " 'scope': ' '.join(scopes)})\n"}
    assert _scopes(files, "auth.py") == [("token-request", ["okta.users.read",
                                                            "okta.groups.read"])]


def test_an_imported_name_that_is_not_a_scope_constant_requests_nothing() -> None:
    files = {"settings.py": "SCOPES = load_scopes()\n",
             "auth.py": "import requests\nfrom settings import SCOPES\n\n"
                        "def token(url):\n"
                        "    return requests.post(url, data={'grant_type': 'client_credentials',"
                        " 'scope': SCOPES})\n"}
    assert _scopes(files, "auth.py") == []


def test_a_scope_constant_of_an_unknown_module_requests_nothing() -> None:
    files = {"auth.py": "import requests\nfrom vendor.settings import SCOPES\n\n"
                        "def token(url):\n"
                        "    return requests.post(url, data={'grant_type': 'client_credentials',"
                        " 'scope': SCOPES})\n"}
    assert _scopes(files, "auth.py") == []


# -- an Okta SDK client made in another module ------------------------------------------------

CLIENTS = '''from okta.client import Client as OktaClient

client = OktaClient({"orgUrl": "https://example.okta.com", "authorizationMode": "PrivateKey"})


def make_client(org):
    return OktaClient({"orgUrl": org, "authorizationMode": "PrivateKey"})


def make_cache():
    return {}
'''


def _operations(files: dict[str, str], path: str) -> list[tuple[int, str | None]]:
    facts = next(f for f in _project(files) if f.path == path)
    return sorted((c.span.line, c.operation_id) for c in facts.of(ApiCall))


def test_operations_on_another_modules_sdk_client_are_calls() -> None:
    user = ("from app.clients import client, make_client\n\n\n"
            "async def report(org):\n"
            "    users, _, _ = await client.list_users()\n"
            "    okta = make_client(org)\n"
            "    groups, _, _ = await okta.list_groups()\n"
            "    return await make_client(org).list_applications()\n")
    files = {"app/clients.py": CLIENTS, "app/report.py": user}
    assert _operations(files, "app/report.py") == [
        (5, "listUsers"), (7, "listGroups"), (8, "listApplications")]


def test_operations_on_other_modules_objects_that_are_not_sdk_clients_stay_silent() -> None:
    user = ("from app.clients import make_cache\nimport boto3\n\n\n"
            "def report():\n"
            "    cache = make_cache()\n"
            "    iam = boto3.client('iam')\n"
            "    return cache.list_users(), iam.list_users()\n")
    files = {"app/clients.py": CLIENTS, "app/report.py": user}
    assert _operations(files, "app/report.py") == []
