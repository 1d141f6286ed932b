"""Calls through a wrapper of a client made with a base URL, as integrations write them: the
wrapper hands a path relative to the API root (``get("users?limit=200")``) to a client whose base
is the API root (Guzzle ``base_uri``, axios ``baseURL``, httpx ``base_url``), and the class calls
its own wrapper through ``self`` / ``$this`` even when it is named like an HTTP verb (``get``)."""

from __future__ import annotations

import textwrap

import pytest

from oinlint import frontends
from oinlint.facts import ApiCall, ResponseHandling

LANGUAGES = {".py": "python", ".js": "javascript", ".php": "php", ".rb": "ruby",
             ".ts": "typescript", ".go": "go"}


# a class whose ``get`` wraps a client with the API root as its base URL (indented as the
# sources below are: ``api_calls`` dedents the whole)
IMPORTS = "        import os\n        import httpx\n\n"
OKTA_CLASS = """\
        class Okta:
            def __init__(self):
                self.client = httpx.Client(base_url=os.environ["OKTA_API_URL"])

            def get(self, endpoint):
                return self.client.get(endpoint).json()
"""


def api_calls(name: str, source: str) -> list[tuple[int, str, str, str]]:
    facts = frontends.parse(name, textwrap.dedent(source), LANGUAGES[name[name.rindex("."):]])
    return [(c.span.line, c.method or "", c.path_template or "", c.via) for c in facts.of(ApiCall)]


def test_python_class_wrapper_named_get_over_a_base_url_client() -> None:
    assert api_calls("okta.py", IMPORTS + OKTA_CLASS + """\

            def users(self):
                return self.get("users")
        """) == [(12, "GET", "/api/v1/users", "wrapper:get")]


def test_python_self_get_without_a_wrapper_of_that_name_stays_an_http_call() -> None:
    """A ``requests.Session`` subclass calling its own inherited ``get``: no wrapper, the call
    is judged as an HTTP call (its relative URL is not Okta's)."""
    assert api_calls("okta.py", """\
        import requests

        class Okta(requests.Session):
            def users(self):
                return self.get("users")
        """) == []


def test_js_relative_path_through_a_wrapper_of_an_api_root_client() -> None:
    assert api_calls("okta.js", """\
        const axios = require('axios');
        const api = axios.create({ baseURL: process.env.OKTA_API_URL });
        async function get(p) { return (await api.get(p)).data; }
        async function users() { return get('users?limit=200'); }
        async function groups() { return get('/groups'); }
        """) == [(4, "GET", "/api/v1/users", "wrapper:get"),
                 (5, "GET", "/api/v1/groups", "wrapper:get")]


def test_js_relative_word_after_a_prefix_without_a_slash_is_not_a_path() -> None:
    """``base + "/api/v1" + p`` with ``p = "users"`` sends ``/api/v1users``: not joined."""
    assert api_calls("okta.js", """\
        const base = process.env.OKTA_ORG_URL;
        async function get(p) { return fetch(base + "/api/v1" + p); }
        async function users() { return get('users'); }
        """) == []


def test_php_guzzle_base_uri_direct_calls() -> None:
    assert api_calls("gw.php", """\
        <?php
        use GuzzleHttp\\Client;
        class Gw {
            public function users() {
                $client = new Client(['base_uri' => getenv('OKTA_ORG_URL')]);
                return $client->get('/api/v1/users');
            }
            public function groups() {
                $client = new Client(['base_uri' => getenv('OKTA_API_URL')]);
                return $client->get('groups');
            }
        }
        """) == [(6, "GET", "/api/v1/users", "client.get"),
                 (10, "GET", "/api/v1/groups", "client.get")]


def test_php_guzzle_field_client_and_own_get_wrapper() -> None:
    assert api_calls("gw.php", """\
        <?php
        use GuzzleHttp\\Client;
        class Gw {
            private $http;
            public function __construct() {
                $this->http = new Client(['base_uri' => getenv('OKTA_API_URL')]);
            }
            public function users($limit) {
                return $this->get(sprintf('users?limit=%d', $limit));
            }
            public function members($id) {
                return $this->get(sprintf('groups/%s/users', $id));
            }
            public function get($endpoint) {
                return $this->http->get($endpoint);
            }
        }
        """) == [(9, "GET", "/api/v1/users", "wrapper:get"),
                 (12, "GET", "/api/v1/groups/{}/users", "wrapper:get")]


@pytest.mark.parametrize(("source", "found"), [
    ("$link = $data['Headers']['Link'];\n$parts = explode(',', $link);\n"
     "if (strpos($parts[0], 'rel=\"next\"')) { $more = true; }", True),
    ("foreach ($links as $link) {\n  if ($link['rel'] == 'next') { $url = $link[0]; }\n}", True),
    ("$rel = 'next';\n$x = $data['Headers']['Content-Type'];", False),
])
def test_php_link_header_read_by_hand_is_pagination(source: str, found: bool) -> None:
    facts = frontends.parse("svc.php", "<?php\nfunction page($data, $links) {\n" + source
                            + "\n}\n", "php")
    kinds = {h.kind for h in facts.of(ResponseHandling)}
    assert ("pagination" in kinds) is found


def test_ruby_faraday_connection_with_a_base_url() -> None:
    assert api_calls("okta.rb", """\
        require "faraday"
        class Okta
          def initialize
            @conn = Faraday.new(url: ENV["OKTA_API_URL"])
          end
          def users
            @conn.get("users").body
          end
          def groups
            @http ||= Faraday.new(ENV["OKTA_ORG_URL"])
            @http.get("/api/v1/groups").body
          end
          def local
            conn = Faraday.new(url: ENV["OKTA_API_URL"])
            conn.get("apps")
          end
        end
        """) == [(7, "GET", "/api/v1/users", "@conn.get"),
                 (11, "GET", "/api/v1/groups", "@http.get"),
                 (15, "GET", "/api/v1/apps", "conn.get")]


def test_ruby_connection_bound_twice_is_not_followed() -> None:
    """Two connections in one variable: which base a call uses cannot be told."""
    assert api_calls("okta.rb", """\
        require "faraday"
        def users(admin)
          conn = Faraday.new(url: ENV["OKTA_API_URL"])
          conn = Faraday.new(url: ENV["GITHUB_API_URL"]) if admin
          conn.get("users")
        end
        """) == []


def test_python_instance_of_a_class_of_the_file_calls_its_wrapper() -> None:
    assert api_calls("okta.py", IMPORTS + OKTA_CLASS + """\

            def fetch(self, endpoint):
                return self.get(endpoint)

        def main():
            o = Okta()
            a = o.get("groups")
            b = Okta().get("apps")
            c = o.fetch("users")
            return a, b, c
        """) == [(16, "GET", "/api/v1/groups", "wrapper:get"),
                 (17, "GET", "/api/v1/apps", "wrapper:get"),
                 (18, "GET", "/api/v1/users", "wrapper:fetch")]


def test_python_instance_of_another_class_is_not_this_files_wrapper() -> None:
    """``s = requests.Session(); s.get("users")``: the file's ``get`` wrapper is not called."""
    imports = IMPORTS.replace("\n\n", "\n        import requests\n\n")
    assert api_calls("okta.py", imports + OKTA_CLASS + """\

        def main():
            s = requests.Session()
            return s.get("users")
        """) == []


def test_python_wrappers_of_wrappers_are_followed() -> None:
    """``list_users`` → ``get(path)`` → ``_request("GET", path)`` → the session: each call site
    carries the URL through every wrapper on the way."""
    assert api_calls("okta.py", """\
        import os
        import requests

        class Okta:
            def __init__(self):
                self.base = os.environ["OKTA_ORG_URL"]
                self.session = requests.Session()

            def _request(self, method, path, **kw):
                return self.session.request(method, f"{self.base}/api/v1{path}", **kw).json()

            def get(self, path, **kw):
                return self._request("GET", path, **kw)

            def post(self, path, body):
                return self._request("POST", path, json=body)

            def list_users(self):
                return self.get("/users")

            def create_group(self, name):
                return self.post("/groups", {"profile": {"name": name}})

            def drop(self, uid):
                return self._request("DELETE", f"/users/{uid}")
        """) == [(19, "GET", "/api/v1/users", "wrapper:get"),
                 (22, "POST", "/api/v1/groups", "wrapper:post"),
                 (25, "DELETE", "/api/v1/users/{}", "wrapper:_request")]


def test_python_wrapper_of_a_wrapper_is_defined_for_other_modules() -> None:
    from oinlint.facts import HelperDef

    facts = frontends.parse("okta.py", textwrap.dedent("""\
        import requests

        def _request(method, url):
            return requests.request(method, url)

        def get(org, path):
            return _request("GET", f"https://{org}/api/v1{path}")
        """), "python")
    helpers = {h.name: h for h in facts.of(HelperDef)}
    assert helpers["get"].params == ("org", "path")
    assert helpers["get"].method == "GET"
    assert [p.param for p in helpers["get"].url if p.param] == ["org", "path"]


def test_python_parameter_and_field_typed_with_a_class_of_the_file() -> None:
    assert api_calls("okta.py", IMPORTS + OKTA_CLASS + """\

        class Sync:
            def __init__(self, okta: Okta):
                self.okta = okta

            def run(self):
                return self.okta.get("users")

        def report(client: "Okta"):
            return client.get("groups")

        def unrelated(session: requests.Session):
            return session.get("apps")
        """) == [(16, "GET", "/api/v1/users", "wrapper:get"),
                 (19, "GET", "/api/v1/groups", "wrapper:get")]


def test_typescript_wrappers_of_wrappers_are_followed() -> None:
    assert api_calls("okta.ts", """\
        import axios from 'axios';

        export class Okta {
          private base = process.env.OKTA_ORG_URL;

          private async request(method: string, path: string, body?: unknown) {
            const url = `${this.base}/api/v1${path}`;
            const res = await axios.request({ method, url, data: body });
            return res.data;
          }

          get(path: string) { return this.request('GET', path); }
          post(path: string, body: unknown) { return this.request('POST', path, body); }

          listUsers() { return this.get('/users'); }
          createGroup(name: string) { return this.post('/groups', { profile: { name } }); }
          drop(id: string) { return this.request('DELETE', `/users/${id}`); }
        }
        """) == [(15, "GET", "/api/v1/users", "wrapper:get"),
                 (16, "POST", "/api/v1/groups", "wrapper:post"),
                 (17, "DELETE", "/api/v1/users/{}", "wrapper:request")]


def test_a_function_handing_a_decided_path_on_is_a_call_site_not_a_wrapper() -> None:
    """``createGroup(body)`` → ``this.post('groups', body)``: its parameter is the body, so
    ``createGroup('admins')`` is no call of ``/api/v1/admins``."""
    assert api_calls("okta.ts", """\
        import axios from 'axios';
        export class Okta {
          private base = process.env.OKTA_ORG_URL;
          private async request(method: string, path: string, body?: unknown) {
            const url = `${this.base}/api/v1/${path}`;
            return (await axios.request({ method, url, data: body })).data;
          }
          post(path: string, body: unknown) { return this.request('POST', path, body); }
          createGroup(body: unknown) { return this.post('groups', body); }
          make() { return this.createGroup('admins'); }
        }
        """) == [(9, "POST", "/api/v1/groups", "wrapper:post")]


def test_go_wrappers_of_wrappers_are_followed() -> None:
    assert api_calls("client.go", """\
        package okta

        func (c *Client) do(ctx context.Context, method, path string, out any) error {
        \treq, _ := http.NewRequestWithContext(ctx, method, c.base+"/api/v1"+path, nil)
        \t_, err := c.http.Do(req)
        \treturn err
        }

        func (c *Client) get(ctx context.Context, path string, out any) error {
        \treturn c.do(ctx, http.MethodGet, path, out)
        }

        func (c *Client) Users(ctx context.Context) error { return c.get(ctx, "/users", nil) }
        """) == [(13, "GET", "/api/v1/users", "wrapper:get")]


def test_js_config_with_a_shorthand_url_property() -> None:
    """``axios.request({ method: 'GET', url })``: the shorthand names the local ``url``."""
    assert api_calls("okta.js", """\
        const axios = require('axios');
        async function users(org) {
          const url = `https://${org}/api/v1/users`;
          return (await axios.request({ method: 'GET', url })).data;
        }
        """) == [(4, "GET", "/api/v1/users", "axios.request")]


def test_ruby_connection_memoised_by_a_method() -> None:
    """``def conn; @conn ||= Faraday.new(url: …); end`` and ``conn.get(path)`` in a wrapper."""
    assert api_calls("okta.rb", """\
        require "faraday"
        class Okta
          def conn
            @conn ||= Faraday.new(url: ENV["OKTA_API_URL"])
          end
          def get(endpoint)
            conn.get(endpoint).body
          end
          def users
            get("users")
          end
        end
        """) == [(10, "GET", "/api/v1/users", "wrapper:get")]
