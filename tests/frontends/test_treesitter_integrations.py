"""Integrations as people write them, in the tree-sitter languages (issue 15): API calls through
the project's own wrappers (``getAll(url)``, ``c.getJSON(ctx, "/api/v1/users", &out)``), SDK
clients reached through fields and aliases, client configurations chosen per branch, and the
project-wide 429 / pagination handling that OIN501 and OIN502 look for."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from fakes import api_token

from oinlint import frontends
from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import ApiCall, FileFacts, HttpApiUse, ResponseHandling, SdkClient

PATHS = {"javascript": "t.js", "typescript": "t.ts", "go": "t.go", "java": "T.java",
         "ruby": "t.rb", "php": "t.php", "csharp": "T.cs"}


def parse(language: str, source: str) -> FileFacts:
    return frontends.parse(PATHS[language], textwrap.dedent(source), language)


def calls(language: str, source: str) -> list[tuple[int, str | None, str | None, str]]:
    return [(c.span.line, c.method, c.path_template, c.via)
            for c in parse(language, source).of(ApiCall)]


# -- API calls through wrappers --------------------------------------------------------------

WRAPPED = [
    ("ts-url-from-field", "typescript", """\
        class Users {
          constructor(private readonly orgUrl: string) {}
          list() {
            return getAll(`${this.orgUrl}/api/v1/users`);
          }
        }
        """, [(4, "GET", "/api/v1/users", "wrapper:getAll")]),
    ("js-method-as-argument", "javascript", """\
        const api = require("./api");
        async function main() {
          await api.call("/api/v1/groups/" + groupId + "/users", "DELETE");
        }
        """, [(3, "DELETE", "/api/v1/groups/{}/users", "wrapper:call")]),
    ("js-name-says-method", "javascript", """\
        const PATH = "/api/v1/apps";
        module.exports = () => client.createResource(PATH, body);
        """, [(2, "POST", "/api/v1/apps", "wrapper:createResource")]),
    ("go-path-to-method", "go", """\
        package okta
        func (c *Client) Users(ctx context.Context) ([]User, error) {
            var out []User
            err := c.getJSON(ctx, "/api/v1/users", &out)
            return out, err
        }
        """, [(4, "GET", "/api/v1/users", "wrapper:getJSON")]),
    ("go-method-constant", "go", """\
        package okta
        func (c *Client) Deactivate(ctx context.Context, id string) error {
            return c.do(ctx, http.MethodPost, "/api/v1/users/"+id+"/lifecycle/deactivate", nil)
        }
        """, [(3, "POST", "/api/v1/users/{}/lifecycle/deactivate", "wrapper:do")]),
    ("java-helper", "java", """\
        class Sync {
            List<Group> groups() {
                return api.getList("/api/v1/groups", Group.class);
            }
        }
        """, [(3, "GET", "/api/v1/groups", "wrapper:getList")]),
]

WRAPPED += [
    ("ruby-helper", "ruby", """\
        def users
          call_with_token("get", "/api/v1/users")
        end
        """, [(2, "GET", "/api/v1/users", "wrapper:call_with_token")]),
    ("php-helper", "php", """\
        <?php
        function groups($api) {
            return $api->getResource('/api/v1/groups');
        }
        """, [(3, "GET", "/api/v1/groups", "wrapper:getResource")]),
    ("csharp-helper", "csharp", """\
        class Users {
            Task<List<User>> All() => _api.GetAllAsync<User>("/api/v1/users");
        }
        """, [(2, "GET", "/api/v1/users", "wrapper:GetAllAsync")]),
]

NOT_WRAPPED = [
    ("ts-string-tests-and-logs", "typescript", """\
        function isApi(url: string): boolean {
          console.log(`calling /api/v1/users`);
          return url.startsWith("/api/v1/users") || url.includes("/api/v1/groups");
        }
        """),
    ("js-fetch-is-the-call-not-its-wrapper", "javascript", """\
        async function users(base, token) {
          return withRetry(() => fetch(`${base}/api/v1/users`, {
            headers: { Authorization: `Bearer ${token}` } }));
        }
        """),
    ("go-sprintf-builds-a-string", "go", """\
        package okta
        func url(base string) string {
            return fmt.Sprintf("%s/api/v1/users", base)
        }
        """),
    ("java-format-and-version-prefix", "java", """\
        class Paths {
            String users(String base) { return String.format("%s/api/v1/users", base); }
            Client client() { return new Client(prefix("/api/v1")); }
        }
        """),
]


@pytest.mark.parametrize(("language", "source", "expected"),
                         [pytest.param(lang, src, exp, id=name)
                          for name, lang, src, exp in WRAPPED])
def test_an_api_call_through_a_wrapper_is_seen_at_its_call_site(
        language: str, source: str, expected: list[tuple[int, str, str, str]]) -> None:
    assert calls(language, source) == expected


@pytest.mark.parametrize(("language", "source"),
                         [pytest.param(lang, src, id=name) for name, lang, src in NOT_WRAPPED])
def test_strings_that_are_built_tested_or_logged_are_not_api_calls(language: str,
                                                                   source: str) -> None:
    found = calls(language, source)
    assert all(not via.startswith("wrapper:") for _, _, _, via in found), found


def test_a_wrapped_call_is_an_api_use_for_the_hygiene_rules() -> None:
    facts = parse("go", WRAPPED[3][2])
    assert [(u.span.line, u.method, u.path) for u in facts.of(HttpApiUse)] == [
        (4, "GET", "/api/v1/users")]


# -- okta-sdk-nodejs: clients by field, alias and branch --------------------------------------

def test_a_client_configuration_chosen_per_branch_is_each_branch_s_client() -> None:
    token = api_token()
    facts = parse("typescript", f"""\
        import {{ Client }} from '@okta/okta-sdk-nodejs';
        let config;
        if (process.env.OKTA_TOKEN) {{
          config = {{ orgUrl: url, token: process.env.OKTA_TOKEN || "{token}",
                     authorizationMode: 'SSWS' }};
        }} else {{
          config = {{ orgUrl: url, clientId, authorizationMode: 'PrivateKey',
                     scopes: ['okta.users.read'], privateKey }};
        }}
        export const client = new Client(config);
        """)
    clients = [(c.span.line, c.auth_mode, c.token_span is not None) for c in facts.of(SdkClient)]
    assert clients == [(10, "SSWS", True), (10, "PrivateKey", False)]
    assert token not in repr(facts)


def test_a_project_alias_of_the_sdk_client_is_the_sdk_client() -> None:
    facts = parse("typescript", """\
        import { RequestExecutor } from '@okta/okta-sdk-nodejs';
        import { OktaClient } from './types';
        export const client = new OktaClient({ orgUrl: config.orgUrl, token: config.apiKey });
        """)
    assert [(c.sdk, "token" in c.options) for c in facts.of(SdkClient)] == [
        ("okta-sdk-nodejs", True)]


def test_an_unrelated_client_class_is_not_the_sdk() -> None:
    facts = parse("typescript", """\
        import { OktaClient } from './types';
        export const client = new OktaClient({ orgUrl: config.orgUrl, token: config.apiKey });
        """)
    assert list(facts.of(SdkClient)) == []


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("""\
        import * as okta from '@okta/okta-sdk-nodejs';
        export class Groups {
          constructor(private readonly client: okta.Client) {}
          get = (id: string) => this.client.getGroup(id);
        }
        """, [(4, "getGroup")], id="typed-field"),
    pytest.param("""\
        const okta = require('@okta/okta-sdk-nodejs');
        const oktaClient = new okta.Client({ orgUrl, authorizationMode: 'PrivateKey' });
        async function all() { return oktaClient.userApi.listUsers(); }
        """, [(3, "listUsers")], id="api-object"),
    pytest.param("""\
        import * as okta from '@okta/okta-sdk-nodejs';
        const readOnlyClient = build();
        export const groups = () => readOnlyClient.listGroups({ q });
        """, [(3, "listGroups")], id="named-client"),
])
def test_sdk_operations_through_client_fields_are_calls(source: str,
                                                        expected: list[tuple[int, str]]) -> None:
    facts = parse("typescript", source)
    found = [(c.span.line, c.operation_id) for c in facts.of(ApiCall)]
    assert found == expected


@pytest.mark.parametrize("source", [
    pytest.param("""\
        const client = new Redis();
        client.getUser("x");
        """, id="no-sdk-in-file"),
    pytest.param("""\
        import * as okta from '@okta/okta-sdk-nodejs';
        const cache = new Map();
        cache.getGroup("x");
        """, id="receiver-not-a-client"),
    pytest.param("""\
        import * as okta from '@okta/okta-sdk-nodejs';
        httpClient.somethingElse("x");
        """, id="not-an-operation"),
])
def test_calls_that_are_not_sdk_operations_stay_silent(source: str) -> None:
    assert list(parse("typescript", source).of(ApiCall)) == []


# -- project-wide hygiene (OIN501, OIN502) ----------------------------------------------------

HELPER = """\
    const base = process.env.OKTA_ORG_URL;
    module.exports = {
      call(path, method) {
        return fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
      },
    };
    """
CALLER = """\
    const api = require("./api");
    (async () => {
      const r = await api.call("/api/v1/users", "GET");
      console.log(await r.json());
    })();
    """


def _codes(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int]]:
    for name, source in files.items():
        (tmp_path / name).write_text(textwrap.dedent(source), encoding="utf-8")
    settings = Settings(root=tmp_path, select=("OIN501", "OIN502"), respect_gitignore=False)
    result = check([str(tmp_path)], settings)
    return sorted((f.code, Path(f.span.path).name, f.span.line) for f in result.findings)


def test_calls_through_a_helper_in_another_file_are_judged_for_429_and_pages(
        tmp_path: Path) -> None:
    assert _codes(tmp_path, {"api.js": HELPER, "main.js": CALLER}) == [
        ("OIN501", "main.js", 3), ("OIN502", "main.js", 3)]


@pytest.mark.parametrize(("handler", "silenced"), [
    pytest.param("""\
        async function retrying(res) {
          if (res.status === 429) { await sleep(Number(res.headers.get("x-rate-limit-reset"))); }
        }
        """, "OIN501", id="status-429"),
    pytest.param("""\
        const axiosRetry = require("axios-retry");
        axiosRetry(axios, { retries: 3 });
        """, "OIN501", id="retry-layer"),
])
def test_429_handling_anywhere_in_the_project_silences_its_rule(tmp_path: Path, handler: str,
                                                               silenced: str) -> None:
    found = _codes(tmp_path, {"api.js": HELPER, "main.js": CALLER, "retry.js": handler})
    assert [code for code, _, _ in found] == [c for c in ("OIN501", "OIN502") if c != silenced]


NEXT_PAGE = """\
    function nextPage(res) {
      const m = /<([^>]+)>; rel="next"/.exec(res.headers.get("link"));
      return m && m[1];
    }
    module.exports = { nextPage };
    """


def test_a_next_link_reader_the_call_does_not_use_leaves_the_list_call_reported(
        tmp_path: Path) -> None:
    """Pagination is judged per call: a pager somewhere in the project does not page this
    list."""
    found = _codes(tmp_path, {"api.js": HELPER, "main.js": CALLER, "pages.js": NEXT_PAGE})
    assert ("OIN502", "main.js", 3) in found


@pytest.mark.parametrize("caller", [
    pytest.param("""\
        const api = require("./api");
        const { nextPage } = require("./pages");
        (async () => {
          let r = await api.call("/api/v1/users", "GET");
          while (nextPage(r)) { r = await api.call(nextPage(r), "GET"); }
        })();
        """, id="reads-the-next-link"),
    pytest.param("""\
        const api = require("./api");
        (async () => {
          let after = "";
          do {
            const r = await api.call(`/api/v1/users?limit=200&after=${after}`, "GET");
            after = cursorOf(r);
          } while (after);
        })();
        """, id="after-cursor"),
    pytest.param("""\
        const api = require("./api");
        async function allUsers() { return collect(await api.call("/api/v1/users", "GET")); }
        async function collect(res) {
          const out = await res.json();
          const m = /<([^>]+)>; rel="next"/.exec(res.headers.get("link"));
          return m ? out.concat(await collect(await api.call(m[1], "GET"))) : out;
        }
        module.exports = { allUsers };
        """, id="same-file-pager"),
])
def test_a_list_call_made_where_the_pages_are_followed_is_not_reported(
        tmp_path: Path, caller: str) -> None:
    found = _codes(tmp_path, {"api.js": HELPER, "main.js": caller, "pages.js": NEXT_PAGE})
    assert "OIN502" not in {code for code, _, _ in found}
    assert "OIN501" in {code for code, _, _ in found}  # the call itself is still seen


@pytest.mark.parametrize("source", [
    pytest.param('// on 429, wait for X-Rate-Limit-Reset (TODO)\n', id="comment"),
    pytest.param('console.log("got 429, giving up", res.headers["retry-after"]);\n',
                 id="log-message"),
    pytest.param('throw new Error(`429 from ${url}; rel="next" not followed`);\n',
                 id="exception-text"),
])
def test_handling_words_in_comments_and_messages_are_not_handling(source: str) -> None:
    assert list(parse("javascript", source).of(ResponseHandling)) == []


# -- Go and Java SDK shapes -------------------------------------------------------------------

@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("""\
        package sync
        import "github.com/okta/okta-sdk-golang/v2/okta"
        func (s *Syncer) Users(ctx context.Context) {
            users, _, _ := s.client.User.ListUsers(ctx, nil)
        }
        """, [(4, "listUsers")], id="v2-resource-field"),
    pytest.param("""\
        package sync
        import "github.com/okta/okta-sdk-golang/v2/okta"
        func groups(ctx context.Context, c *okta.Client) {
            gs, _, _ := c.Group.ListGroups(ctx, &query.Params{Q: "eng"})
        }
        """, [(4, "listGroups")], id="v2-parameter"),
    pytest.param("""\
        package sync
        import "github.com/okta/okta-sdk-golang/v5/okta"
        type Syncer struct{ userApi *okta.UserAPIService }
        func (s *Syncer) Users(ctx context.Context) {
            users, _, _ := s.userApi.ListUsers(ctx).Execute()
        }
        """, [(5, "listUsers")], id="v5-typed-field"),
    pytest.param("""\
        package sync
        import "github.com/okta/okta-sdk-golang/v5/okta"
        func (r *Reporter) Run(ctx context.Context) ([]okta.User, error) {
            users, _, err := r.users.ListUsers(ctx).Execute()
            return users, err
        }
        """, [(4, "listUsers")], id="v5-field-of-any-name-declared-elsewhere"),
])
def test_go_sdk_calls_through_fields_are_operations(source: str,
                                                    expected: list[tuple[int, str]]) -> None:
    assert [(c.span.line, c.operation_id) for c in parse("go", source).of(ApiCall)] == expected


@pytest.mark.parametrize("source", [
    pytest.param("""\
        package sync
        func users(ctx context.Context) { db.User.ListUsers(ctx, nil) }
        """, id="no-okta-import"),
    pytest.param("""\
        package sync
        import "github.com/okta/okta-sdk-golang/v2/okta"
        func users(ctx context.Context) { s.cache.User.Lookup(ctx, id) }
        """, id="not-an-operation"),
    pytest.param("""\
        package sync
        import "github.com/okta/okta-sdk-golang/v2/okta"
        func users(ctx context.Context) { okta.ListUsers(ctx) }
        """, id="package-function-not-a-resource"),
    pytest.param("""\
        package sync
        func users(ctx context.Context) { r.users.ListUsers(ctx).Execute() }
        """, id="execute-without-okta-import"),
    pytest.param("""\
        package sync
        import "github.com/okta/okta-sdk-golang/v5/okta"
        func users(ctx context.Context) { r.jobs.Lookup(ctx).Execute() }
        """, id="execute-of-no-operation"),
])
def test_go_calls_that_are_not_sdk_resources_stay_silent(source: str) -> None:
    assert list(parse("go", source).of(ApiCall)) == []


def test_a_java_api_client_with_the_ssws_prefix_is_an_api_token_client() -> None:
    facts = parse("java", """\
        class Builder {
            ApiClient build() {
                ApiClient apiClient = new ApiClient(restTemplate(), cache);
                apiClient.setApiKeyPrefix("SSWS");
                apiClient.setApiKey(config.getApiToken());
                return apiClient;
            }
        }
        """)
    assert [(c.span.line, c.sdk, c.auth_mode, "token" in c.options)
            for c in facts.of(SdkClient)] == [(4, "okta-sdk-java", "SSWS", True)]


@pytest.mark.parametrize("prefix", ['"Bearer"', "prefix", '"DPoP"'])
def test_other_java_api_key_prefixes_are_not_api_token_clients(prefix: str) -> None:
    facts = parse("java", f"""\
        class Builder {{
            void build(ApiClient apiClient) {{ apiClient.setApiKeyPrefix({prefix}); }}
        }}
        """)
    assert list(facts.of(SdkClient)) == []


# -- a wrapper that adds the API prefix itself ------------------------------------------------

PREFIX_GO = """\
    package okta
    func (c *Client) get(ctx context.Context, path string, out any) error {
        req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/api/v1"+path, nil)
        _, err := c.http.Do(req)
        return err
    }
    """
PREFIX_JS = """\
    const base = process.env.OKTA_ORG_URL;
    async function oktaGet(path) {
      return fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
    }
    """


@pytest.mark.parametrize(("language", "source", "expected"), [
    pytest.param("go", PREFIX_GO + """\
        func (c *Client) Users(ctx context.Context) error { return c.get(ctx, "/users", &out) }
        """, [(7, "GET", "/api/v1/users")], id="go-literal-path"),
    pytest.param("go", PREFIX_GO + """\
        func (c *Client) Group(ctx context.Context, id string) error {
            return c.get(ctx, "/groups/"+id, &out)
        }
        """, [(8, "GET", "/api/v1/groups/{}")], id="go-built-path"),
    pytest.param("javascript", PREFIX_JS + """\
        module.exports = { apps: () => oktaGet(`/apps?q=${q}`) };
        """, [(5, "GET", "/api/v1/apps")], id="js-query-dropped"),
])
def test_a_path_handed_to_a_prefixing_wrapper_is_an_api_call(
        language: str, source: str, expected: list[tuple[int, str, str]]) -> None:
    assert [(line, method, path) for line, method, path, _ in calls(language, source)] == expected


@pytest.mark.parametrize(("language", "source"), [
    pytest.param("go", PREFIX_GO + """\
        func (c *Client) Users(ctx context.Context) error { return c.get(ctx, "users", &out) }
        """, id="not-a-path"),
    pytest.param("go", PREFIX_GO + """\
        func (c *Client) Users(ctx context.Context) error { return c.fetch(ctx, "/users", &out) }
        """, id="another-function"),
    pytest.param("javascript", """\
        async function get(path) { return fetch(`${base}${path}`); }
        module.exports = () => get("/users");
        """, id="no-api-prefix-in-the-wrapper"),
])
def test_paths_not_handed_to_a_prefixing_wrapper_stay_silent(language: str, source: str) -> None:
    assert calls(language, source) == []


WRAPPER_JS = """\
    const ORG = process.env.OKTA_ORG_URL;
    async function getAll(path) { return (await fetch(ORG + path)).json(); }
    """
WRAPPER_JAVA = """\
    class Okta {
        String getJson(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(orgUrl + path)).GET().build(),
                             HttpResponse.BodyHandlers.ofString()).body();
        }
    """


@pytest.mark.parametrize(("language", "source", "expected"), [
    pytest.param("javascript", WRAPPER_JS + """\
        console.log((await getAll("/api/v1/users")).length);
        """, [(3, "GET", "/api/v1/users")], id="js-in-console-log"),
    pytest.param("go", PREFIX_GO + """\
        func (c *Client) Report(ctx context.Context) {
            log.Println(c.get(ctx, "/users", &out))
        }
        """, [(8, "GET", "/api/v1/users")], id="go-in-log-println"),
    pytest.param("java", WRAPPER_JAVA + """\
        void report() throws Exception {
            System.out.println(getJson("/api/v1/groups").length());
        }
    }
    """, [(7, "GET", "/api/v1/groups")], id="java-in-println"),
])
def test_a_wrapper_call_inside_a_message_is_still_an_api_call(
        language: str, source: str, expected: list[tuple[int, str, str]]) -> None:
    assert [(line, method, path) for line, method, path, _ in calls(language, source)] == expected


@pytest.mark.parametrize(("language", "source"), [
    pytest.param("javascript", WRAPPER_JS + 'console.log("calling /api/v1/users");\n',
                 id="js-path-in-a-message"),
    pytest.param("go", PREFIX_GO + 'func f() { log.Printf("GET %s", "/api/v1/users") }\n',
                 id="go-path-in-a-message"),
    pytest.param("javascript", WRAPPER_JS + 'console.log(describe("/api/v1/users"));\n',
                 id="js-not-a-wrapper-in-a-message"),
])
def test_paths_in_messages_are_not_api_calls(language: str, source: str) -> None:
    assert calls(language, source) == []


@pytest.mark.parametrize(("language", "source", "expected"), [
    pytest.param("typescript", """\
        import axios from "axios";
        const okta = axios.create({ baseURL: `https://${process.env.OKTA_DOMAIN}/api/v1` });
        export const users = async () => (await okta.get("/users", { params: { limit } })).data;
        export const members = async (id: string) => okta.get(`/groups/${id}/users`);
        """, [(3, "GET", "/api/v1/users"), (4, "GET", "/api/v1/groups/{}/users")],
        id="axios-create-module-const"),
    pytest.param("typescript", """\
        class Okta {
          private http = axios.create({ baseURL: `${process.env.OKTA_ORG_URL}/api/v1/` });
          apps() { return this.http.get("apps"); }
        }
        """, [(3, "GET", "/api/v1/apps")], id="axios-create-class-field"),
    pytest.param("javascript", """\
        class Okta {
          constructor(org) { this.api = got.extend({ prefixUrl: `${org}/api/v1` }); }
          deactivate(id) { return this.api.post(`users/${id}/lifecycle/deactivate`); }
        }
        """, [(3, "POST", "/api/v1/users/{}/lifecycle/deactivate")], id="got-extend-constructor"),
    pytest.param("typescript", """\
        async function members(groupId: string, base: string) {
          const url = new URL(`/api/v1/groups/${groupId}/users`, base);
          return fetch(url.toString(), { headers: { Authorization: `Bearer ${t}` } });
        }
        """, [(3, "GET", "/api/v1/groups/{}/users")], id="new-url-path-and-base"),
])
def test_calls_through_client_instances_and_url_objects_have_their_base(
        language: str, source: str, expected: list[tuple[int, str, str]]) -> None:
    assert [(line, method, path) for line, method, path, _ in calls(language, source)] == expected


@pytest.mark.parametrize(("language", "source"), [
    pytest.param("typescript", """\
        const gh = axios.create({ baseURL: "https://api.github.com" });
        export const users = () => gh.get("/users");
        """, id="another-products-instance"),
    pytest.param("typescript", """\
        const okta = axios.create({ timeout: 5000 });
        export const users = () => okta.get("/users");
        """, id="instance-without-a-base"),
    pytest.param("javascript", """\
        const okta = makeClient({ baseURL: `${org}/api/v1` });
        const users = () => okta.get("/users");
        """, id="not-an-http-library-factory"),
])
def test_instances_without_an_okta_base_make_no_okta_call(language: str, source: str) -> None:
    assert calls(language, source) == []


JAVA_SDK_HTTP = """\
    import com.okta.sdk.client.Client;
    class Servers {
        Object list(Client client) {
            return client.http().get("/api/v1/authorizationServers", Object.class);
        }
        void claim(Client client, String id, Object body) {
            client.http()
                .setBody(body)
                .post("/api/v1/authorizationServers/" + id + "/claims", Object.class);
        }
    }
    """


def test_java_sdk_raw_requests_are_calls_its_executor_retries() -> None:
    """``client.http()`` is okta-sdk-java's own request executor (it retries 429s like every
    SDK call): the calls count for the scopes, and the hygiene rules do not judge them."""
    facts = parse("java", JAVA_SDK_HTTP)
    assert [(c.span.line, c.method, c.path_template, c.via) for c in facts.of(ApiCall)] == [
        (4, "GET", "/api/v1/authorizationServers", "okta-sdk-java.http().get"),
        (7, "POST", "/api/v1/authorizationServers/{}/claims", "okta-sdk-java.http().post")]
    assert list(facts.of(HttpApiUse)) == []


def test_an_http_method_outside_the_java_sdk_is_still_judged() -> None:
    source = JAVA_SDK_HTTP.replace("import com.okta.sdk.client.Client;", "import x.Client;")
    assert [u.path for u in parse("java", source).of(HttpApiUse)] != []


NODE_SDK_HTTP = """\
    const okta = require('@okta/okta-sdk-nodejs');
    const client = new okta.Client({ orgUrl: process.env.ORG });
    async function publish(ip) {
      const request = { method: 'post', body: JSON.stringify({ ip }) };
      await client.http.http(`${process.env.ORG}/api/v1/groups`, request);
      return client.http.getJson(`${process.env.ORG}/api/v1/users`);
    }
    """


def test_node_sdk_raw_requests_are_calls_its_executor_retries() -> None:
    """okta-sdk-nodejs ``client.http.http(url, request)`` / ``getJson(url)`` go through the
    SDK's request executor (it retries 429s): calls for the scopes, not for OIN501/OIN502."""
    facts = parse("javascript", NODE_SDK_HTTP)
    assert [(c.span.line, c.method, c.path_template) for c in facts.of(ApiCall)] == [
        (5, "POST", "/api/v1/groups"), (6, "GET", "/api/v1/users")]
    assert list(facts.of(HttpApiUse)) == []


def test_an_http_member_outside_the_node_sdk_is_still_judged() -> None:
    source = NODE_SDK_HTTP.replace("require('@okta/okta-sdk-nodejs')", "require('./mine')")
    assert [u.path for u in parse("javascript", source).of(HttpApiUse)] != []


@pytest.mark.parametrize(("language", "source", "expected"), [
    pytest.param("java", """\
        import com.okta.sdk.resource.api.UserApi;
        class Report {
            int count() { return users.listUsers(null, null).size(); }
            private final UserApi users;
        }
        """, [(3, "listUsers")], id="java-field-declared-after-use"),
    pytest.param("java", """\
        import com.okta.sdk.resource.api.GroupApi;
        class Report {
            int groups(ApiClient c) { return new GroupApi(c).listGroups(null).size(); }
        }
        """, [(3, "listGroups")], id="java-constructed-receiver"),
    pytest.param("csharp", """\
        using Okta.Sdk.Api;
        public class Report {
            private readonly IUserApi _users;
            public Report(IUserApi users) { _users = users; }
            public object Run() => _users.ListUsers();
        }
        """, [(5, "listUsers")], id="csharp-interface-typed-field"),
])
def test_java_and_dotnet_sdk_calls_through_typed_receivers_are_operations(
        language: str, source: str, expected: list[tuple[int, str]]) -> None:
    found = [(c.span.line, c.operation_id) for c in parse(language, source).of(ApiCall)]
    assert found == expected


@pytest.mark.parametrize(("language", "source"), [
    pytest.param("java", """\
        class Report {
            private final UserApi users;
            int count() { return users.listUsers().size(); }
        }
        """, id="java-no-okta-sdk-in-file"),
    pytest.param("java", """\
        import com.okta.sdk.resource.api.UserApi;
        class Report {
            private final Repository users;
            int count() { return users.listUsers().size(); }
        }
        """, id="java-receiver-of-another-type"),
    pytest.param("csharp", """\
        using Okta.Sdk.Api;
        public class Report {
            private readonly IUserStore _users;
            public object Run() => _users.ListUsers();
        }
        """, id="csharp-receiver-of-another-type"),
])
def test_receivers_of_other_types_are_not_sdk_calls(language: str, source: str) -> None:
    assert list(parse(language, source).of(ApiCall)) == []
