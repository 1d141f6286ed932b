# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Cross-file resolution for JavaScript/TypeScript: wrappers, client classes and scope
constants exported by one module and used in another (:mod:`oinlint.crossfile`, the facts of
:mod:`oinlint.frontends.treesitter.languages.javascript_project`)."""

from __future__ import annotations

import pytest

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import ApiCall, FileFacts, HttpApiUse, ScopeList
from oinlint.frontends import parse
from oinlint.project import ProjectFacts

OKTA_TS = """import axios from 'axios';
const ORG = process.env.OKTA_ORG_URL;

export async function oktaGet(path: string) {
  return fetch(`${ORG}/api/v1${path}`, { headers: { Accept: 'application/json' } });
}

export const getAll = (url: string) => axios.get(url, { timeout: 5000 });

export class OktaClient {
  constructor(private readonly org: string) {}
  async get(path: string) { return axios.get(`https://${this.org}/api/v1${path}`); }
  async send(method: string, path: string) {
    return fetch(`${ORG}/api/v1${path}`, { method });
  }
}

export const SCOPES = ['okta.users.read', 'okta.groups.read'];
"""

SLACK_JS = """export function slackGet(path) {
  return fetch(`https://slack.example.com/api${path}`);
}
"""


def _language(path: str) -> str:
    return {"ts": "typescript", "tsx": "tsx"}.get(path.rsplit(".", 1)[-1], "javascript")


def _project(files: dict[str, str]) -> tuple[FileFacts, ...]:
    parsed = tuple(parse(path, text, _language(path)) for path, text in files.items())
    return with_resolved(parsed, resolve(parsed))


def _calls(files: dict[str, str], path: str) -> list[tuple[str | None, str | None, str]]:
    facts = next(f for f in _project(files) if f.path == path)
    return sorted((c.method, c.path_template, c.via) for c in facts.of(ApiCall))


# -- bad: an imported wrapper is an Okta call at its call site --------------------------------

def test_a_named_import_of_a_wrapper_function_is_an_okta_call() -> None:
    files = {"src/okta.ts": OKTA_TS,
             "src/sync.ts": "import { oktaGet } from './okta';\n\noktaGet('/users');\n"}
    assert _calls(files, "src/sync.ts") == [("GET", "/api/v1/users", "wrapper:oktaGet")]


def test_a_namespace_import_from_a_parent_folder_resolves() -> None:
    files = {"lib/okta.ts": OKTA_TS,
             "src/jobs/sync.ts": "import * as api from '../../lib/okta';\n"
                                 "export const run = (id: string) =>\n"
                                 "  api.oktaGet(`/groups/${id}`);\n"}
    assert _calls(files, "src/jobs/sync.ts") == [("GET", "/api/v1/groups/{}",
                                                  "wrapper:oktaGet")]


def test_a_required_commonjs_module_wrapper_resolves() -> None:
    files = {"okta.js": "const axios = require('axios');\n"
                        "function oktaPost(path, body) {\n"
                        "  return axios.post(process.env.ORG + '/api/v1' + path, body);\n}\n"
                        "module.exports = { oktaPost };\n",
             "main.js": "const okta = require('./okta');\nokta.oktaPost('/groups', {});\n"}
    assert _calls(files, "main.js") == [("POST", "/api/v1/groups", "wrapper:oktaPost")]


def test_a_generic_wrapper_handed_an_okta_url_resolves_through_an_index_re_export() -> None:
    files = {"src/lib/okta.ts": OKTA_TS,
             "src/lib/index.ts": "export * from './okta';\n",
             "src/main.ts": "import { getAll } from './lib';\n"
                            "getAll(`${process.env.ORG}/api/v1/apps`);\n"}
    assert _calls(files, "src/main.ts") == [("GET", "/api/v1/apps", "wrapper:getAll")]


def test_a_method_of_an_imported_client_class_instance_is_an_okta_call() -> None:
    files = {"src/okta.ts": OKTA_TS,
             "src/index.ts": "export { OktaClient as Client } from './okta';\n",
             "src/main.ts": "import { Client } from './index';\n"
                            "const client = new Client('acme');\nclient.get('/logs');\n"}
    assert _calls(files, "src/main.ts") == [("GET", "/api/v1/logs", "wrapper:get")]


def test_a_method_called_on_a_new_instance_or_an_exported_instance_is_an_okta_call() -> None:
    files = {"src/okta.ts": OKTA_TS + "export const okta = new OktaClient('acme');\n",
             "src/main.ts": "import { OktaClient, okta } from './okta';\n"
                            "new OktaClient('acme').get('/logs');\nokta.get('/apps');\n"}
    assert _calls(files, "src/main.ts") == [("GET", "/api/v1/apps", "wrapper:get"),
                                            ("GET", "/api/v1/logs", "wrapper:get")]


def test_a_typed_parameter_and_field_of_an_imported_client_are_receivers() -> None:
    files = {"src/okta.ts": OKTA_TS,
             "src/sync.ts": "import { OktaClient } from './okta.js';\n"
                            "export function drop(c: OktaClient, gid: string) {\n"
                            "  return c.send('DELETE', `/groups/${gid}`);\n}\n"
                            "export class Job {\n  constructor(private okta: OktaClient) {}\n"
                            "  run() { return this.okta.get('/apps'); }\n}\n"}
    assert _calls(files, "src/sync.ts") == [("DELETE", "/api/v1/groups/{}", "wrapper:send"),
                                            ("GET", "/api/v1/apps", "wrapper:get")]


def test_an_imported_scope_constant_is_a_requested_scope() -> None:
    files = {"src/okta.ts": OKTA_TS,
             "src/token.ts": "import { SCOPES } from './okta';\n"
                             "export async function token(url: string) {\n"
                             "  return fetch(`${url}/oauth2/v1/token`, { method: 'POST', body:"
                             " new URLSearchParams({ grant_type: 'client_credentials',"
                             " scope: SCOPES.join(' ') }) });\n}\n"}
    facts = next(f for f in _project(files) if f.path == "src/token.ts")
    assert [(s.role, [r.name for r in s.scopes]) for s in facts.of(ScopeList)] == [
        ("token-request", ["okta.users.read", "okta.groups.read"])]


# -- good: nothing resolved --------------------------------------------------------------

def test_a_wrapper_of_another_service_handed_a_relative_path_makes_no_okta_call() -> None:
    files = {"slack.js": SLACK_JS,
             "main.js": "import { slackGet } from './slack';\nslackGet('/users');\n"}
    assert _calls(files, "main.js") == []


def test_the_same_name_in_two_modules_resolves_to_the_imported_one() -> None:
    files = {"a/okta.ts": OKTA_TS,
             "b/okta.ts": SLACK_JS.replace("slackGet", "oktaGet"),
             "b/main.ts": "import { oktaGet } from './okta';\noktaGet('/users');\n"}
    assert _calls(files, "b/main.ts") == []


def test_a_package_import_is_never_a_project_file() -> None:
    files = {"axios.ts": OKTA_TS.replace("export async function oktaGet", "export default "
                                         "async function oktaGet"),
             "main.ts": "import axios from 'axios';\naxios('/users');\n"}
    assert _calls(files, "main.ts") == []


def test_circular_re_exports_and_imports_end() -> None:
    files = {"a.ts": "export * from './b';\nexport { f } from './b';\n",
             "b.ts": "export * from './a';\nexport { f } from './a';\n",
             "main.ts": "import { f } from './a';\nf('/users');\n"}
    assert _calls(files, "main.ts") == []


# -- the consumers read the resolved facts -------------------------------------------------

def test_the_project_facts_see_an_imported_wrappers_calls() -> None:
    files = {"src/okta.ts": OKTA_TS,
             "src/sync.ts": "import { oktaGet } from './okta';\noktaGet('/users');\n"}
    parsed = tuple(parse(p, t, _language(p)) for p, t in files.items())
    project = ProjectFacts(parsed)
    assert [u.path for f in project.resolved_files for u in f.of(HttpApiUse)
            if f.path == "src/sync.ts"] == ["/api/v1/users"]
    assert [op.operation_id for call in project.scopes.calls
            for op in call.operations] == ["listUsers"]


# -- an okta-sdk-nodejs client made in another module -----------------------------------------

SDK_TS = """import * as okta from '@okta/okta-sdk-nodejs';

export const client = new okta.Client({ orgUrl: process.env.OKTA_ORG_URL });

export const readOnlyClient = (orgUrl: string) =>
  new okta.Client({ orgUrl, authorizationMode: 'PrivateKey', scopes: ['okta.users.read'] });

export function makeCache() { return new Map(); }
"""


def _operations(files: dict[str, str], path: str) -> list[tuple[int, str | None]]:
    parsed = tuple(parse(p, text, _language(p)) for p, text in files.items())
    facts = next(f for f in with_resolved(parsed, resolve(parsed)) if f.path == path)
    return sorted((c.span.line, c.operation_id) for c in facts.of(ApiCall))


def test_operations_on_another_modules_sdk_client_are_calls() -> None:
    user = """import { client, readOnlyClient } from './okta';

export async function report(org: string) {
  const users = await client.userApi.listUsers();
  const c = readOnlyClient(org);
  const logs = await c.systemLogApi.listLogEvents();
  return [users, logs, await client.listGroups()];
}
"""
    files = {"src/okta.ts": SDK_TS, "src/report.ts": user}
    assert _operations(files, "src/report.ts") == [
        (4, "listUsers"), (6, "listLogEvents"), (7, "listGroups")]


def test_operations_on_other_modules_objects_that_are_not_sdk_clients_stay_silent() -> None:
    user = """import { makeCache } from './okta';
import { db } from './db';

export function report() {
  const cache = makeCache();
  return [cache.listUsers(), db.listGroups()];
}
"""
    files = {"src/okta.ts": SDK_TS, "src/report.ts": user, "src/db.ts": "export const db = {};\n"}
    assert _operations(files, "src/report.ts") == []


# -- a call whose parameters only fill the host and the query --------------------------------

CACHED_FETCH_TS = """export async function cachedFetch(url: string, options: RequestInit, key: string, env: Env) {
  const hit = await env.KV.get(key);
  if (hit) return JSON.parse(hit);
  const response = await fetch(url, options);
  await env.KV.put(key, await response.clone().text());
  return response;
}
"""

FETCHERS_TS = """import { cachedFetch } from '../utils/cache';

export async function fetchOktaUsers(env: Env) {
  const url = `https://${env.OKTA_DOMAIN}/api/v1/users?limit=${env.LIMIT}`;
  return cachedFetch(url, { headers: { Authorization: `SSWS ${env.OKTA_API_TOKEN}` } }, 'users', env);
}

export async function fetchPath(env: Env, path: string) {
  return cachedFetch(`https://${env.OKTA_DOMAIN}/api/v1${path}`, {}, path, env);
}
"""

SYNC_HANDLER_TS = """import { fetchOktaUsers, fetchPath } from '../integrations/okta';

export async function sync(env: Env) {
  await fetchOktaUsers(env);
  await fetchPath(env, '/groups');
}
"""


def test_a_forward_whose_parameters_fill_only_host_and_query_is_the_call_itself() -> None:
    files = {"src/utils/cache.ts": CACHED_FETCH_TS, "src/integrations/okta.ts": FETCHERS_TS,
             "src/handlers/sync.ts": SYNC_HANDLER_TS}
    # fetchOktaUsers(env) is GET /api/v1/users whatever env holds: judged in okta.ts;
    # fetchPath(env, path) is a wrapper: judged where the path is given
    assert _calls(files, "src/integrations/okta.ts") == [
        ("GET", "/api/v1/users", "wrapper:cachedFetch")]
    assert _calls(files, "src/handlers/sync.ts") == [("GET", "/api/v1/groups", "wrapper:fetchPath")]


def _chain(length: int) -> dict[str, str]:
    chain = ["const ORG = process.env.OKTA_ORG_URL;",
             "export const b0 = (p: string) => fetch(ORG + '/api/v1' + p);"]
    chain += [f"export const b{i} = (p: string) => b{i - 1}(p);" for i in range(1, length)]
    last = f"b{length - 1}"
    return {"src/chain.ts": "\n".join(chain) + "\n",
            "src/use.ts": f"import {{ {last} }} from './chain';\n"
                          f"export const u = () => {last}('/users');\n"}


@pytest.mark.parametrize(("length", "expected"), [
    (6, [("GET", "/api/v1/users", "wrapper:b5")]),
    # deeper than the cross-file pass follows: nothing is guessed, and the run ends (each
    # forward's "is it the call itself" is decided once, not again for every caller above)
    (400, []),
])
def test_a_chain_of_forwards(length: int, expected: list[tuple[str, str, str]]) -> None:
    assert _calls(_chain(length), "src/use.ts") == expected
