"""A token fetched by one JavaScript/TypeScript module's function and kept by another (issue
15, "lifecycle across functions"), the twin of test_crossfile_lifecycle.py: the fetching module
cannot tell the token's fate, the keeping module cannot tell it is a token; the tree-sitter
lifecycle pass writes both halves (``TokenRequest.exported_by``, ``TokenHandoff``) and
:mod:`oinlint.crossfile` joins them, through every import form."""

from __future__ import annotations

import pytest
from project_rules import handoffs as _handoffs
from project_rules import hits as _hits
from project_rules import parsed as _parsed
from project_rules import where as _where

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import HandedToken, TokenRequest, Unresolved
from oinlint.frontends import parse

_POST = """axios.post(`${ORG}/oauth2/v1/token`,
    new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read' }),
    { auth: { username: process.env.CID!, password: process.env.CSECRET! } })"""

TOKEN = f"""import axios from 'axios';

const ORG = process.env.OKTA_ORG!;

export class TokenSource {{
  async fetch(): Promise<string> {{
    const res = await {_POST};
    return res.data.access_token;
  }}
}}

export const tokens = new TokenSource();

export async function getToken(): Promise<string> {{
  const res = await {_POST};
  return res.data.access_token;
}}
"""

MAIN = """import { getToken } from './token';
import { OktaApi } from './api';

const ORG = process.env.OKTA_ORG!;

async function main() {
  const token = await getToken();
  const api = new OktaApi(ORG, token);
  setInterval(() => api.listUsers(), 600_000);
}

main();
"""

CLIENT = """import axios from 'axios';
import { getToken } from './token';

export class Users {
  private tokenPromise: Promise<string>;

  constructor(private org: string) {
    this.tokenPromise = getToken();
  }

  async list() {
    const token = await this.tokenPromise;
    return axios.get(`${this.org}/api/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
  }
}
"""

USERS = """import axios from 'axios';
import * as auth from './token';

const ORG = process.env.OKTA_ORG!;

export async function getUser(id: string) {
  const token = await auth.getToken();
  return axios.get(`${ORG}/api/v1/users/${id}`, { headers: { Authorization: `Bearer ${token}` } });
}
"""












def test_a_token_returned_to_other_modules_names_its_exporting_function() -> None:
    facts = parse("src/token.ts", TOKEN, "typescript")
    assert sorted((r.exported_by or "", r.span.line) for r in facts.of(TokenRequest)) == [
        ("TokenSource.fetch", 7), ("getToken", 17)]


def test_a_call_held_by_a_scheduled_job_is_a_handoff_named_as_imported() -> None:
    assert _handoffs("src/main.ts", MAIN) == [("./token#getToken", "local", "scheduler", 7)]


def test_the_handoff_joins_the_exporting_request_and_supersedes_its_unresolved() -> None:
    parsed = _parsed({"src/token.ts": TOKEN, "src/main.ts": MAIN})
    before = [u.what for u in parsed[0].of(Unresolved)]
    tokens, main = with_resolved(parsed, resolve(parsed))
    handed = [(h.request.exported_by, h.span.path, h.span.line) for h in main.of(HandedToken)]
    assert handed == [("getToken", "src/main.ts", 7)]
    assert before.count("token-lifecycle") == 2
    # getToken's fate is now known; the fetch method's (never called) still is not
    assert [u.span.line for u in tokens.of(Unresolved) if u.what == "token-lifecycle"] == [7]


def test_a_token_from_another_module_held_by_a_scheduled_job_is_fetched_once() -> None:
    files = {"src/token.ts": TOKEN, "src/main.ts": MAIN}
    assert _where(files) == [("src/main.ts", 7, "in a local handed to a scheduled job")]
    assert _hits(files, "OIN303") == [("src/main.ts", 7)]


def test_a_token_from_another_module_kept_on_the_instance_and_per_call() -> None:
    files = {"src/token.ts": TOKEN, "src/client.ts": CLIENT, "src/users.ts": USERS}
    assert _where(files) == [("src/client.ts", 8, "in an instance attribute")]
    # OIN303 where the instance's token is sent; OIN304 where each call fetches one
    assert _hits(files, "OIN303") == [("src/client.ts", 13)]
    assert _hits(files, "OIN304") == [("src/users.ts", 7)]


def test_a_token_awaited_at_the_top_level_of_a_module_is_kept_there() -> None:
    top = ("import { getToken } from './token';\nimport { OktaApi } from './api';\n\n"
           "const token = await getToken();\nconst api = new OktaApi(process.env.OKTA_ORG!, "
           "token);\nsetInterval(() => api.listUsers(), 600_000);\n")
    assert _handoffs("src/top.ts", top) == [("./token#getToken", "module", None, 4)]
    assert _hits({"src/token.ts": TOKEN, "src/top.ts": top}, "OIN301") == [("src/top.ts", 4)]


def test_an_init_method_of_a_commonjs_class_keeps_a_required_token() -> None:
    init = ("const axios = require('axios');\nconst { getToken } = require('./token');\n\n"
            "class Groups {\n  async init() {\n    this.token = await getToken();\n  }\n\n"
            "  list() {\n    return axios.get(`${process.env.OKTA_ORG}/api/v1/groups`,\n"
            "      { headers: { Authorization: `Bearer ${this.token}` } });\n  }\n}\n"
            "module.exports = { Groups };\n")
    assert _handoffs("src/groups.js", init) == [("./token#getToken", "instance", None, 6)]
    assert _hits({"src/token.ts": TOKEN, "src/groups.js": init}, "OIN301") == [
        ("src/groups.js", 6)]


def test_a_method_of_an_imported_instance_and_of_a_class_through_an_index() -> None:
    worker = ("const { tokens } = require('./token');\n\nasync function run() {\n"
              "  const token = await tokens.fetch();\n  while (true) {\n"
              "    console.log(token);\n    await new Promise((r) => setTimeout(r, 60000));\n"
              "  }\n}\nrun();\n")
    job = ("import { TokenSource } from './index';\n\nexport async function poll() {\n"
           "  const token = await new TokenSource().fetch();\n"
           "  setInterval(() => console.log(token), 1000);\n}\n")
    assert _handoffs("src/worker.js", worker) == [("./token#tokens.fetch", "local", "loop", 4)]
    assert _handoffs("src/job.ts", job) == [("./index#TokenSource.fetch", "local", "scheduler",
                                             4)]
    files = {"src/token.ts": TOKEN, "src/index.ts": "export * from './token';\n",
             "src/worker.js": worker, "src/job.ts": job}
    assert _hits(files, "OIN301") == [("src/job.ts", 4), ("src/worker.js", 4)]


def test_a_value_that_is_not_a_token_held_by_a_scheduled_job_is_not_reported() -> None:
    settings = "export function load() {\n  return { ...process.env };\n}\n"
    poller = MAIN.replace("import { getToken } from './token';", "import { load } from "
                          "'./settings';").replace("await getToken()", "load()")
    assert _handoffs("src/poller.ts", poller) == [("./settings#load", "local", "scheduler", 7)]
    files = {"src/token.ts": TOKEN, "src/settings.ts": settings, "src/poller.ts": poller}
    assert _hits(files, "OIN301") == []
    assert _hits(files, "OIN303") == []


def test_a_callee_that_caches_with_expiry_exports_no_token() -> None:
    cached = ("import axios from 'axios';\n\nlet cached: { value: string; at: number } | "
              "undefined;\n\nexport async function cachedToken(): Promise<string> {\n"
              "  if (cached && Date.now() < cached.at) return cached.value;\n"
              "  const res = await axios.post(`${process.env.OKTA_ORG}/oauth2/v1/token`, "
              "'grant_type=client_credentials&scope=okta.users.read');\n"
              "  cached = { value: res.data.access_token, at: Date.now() + "
              "(res.data.expires_in - 60) * 1000 };\n  return cached.value;\n}\n")
    daemon = MAIN.replace("getToken } from './token'", "cachedToken } from './cached'"
                          ).replace("getToken()", "cachedToken()")
    assert [r.exported_by for r in parse("src/cached.ts", cached, "typescript").of(
        TokenRequest)] == [None]
    assert _handoffs("src/daemon.ts", daemon) == [("./cached#cachedToken", "local", "scheduler",
                                                    7)]
    files = {"src/cached.ts": cached, "src/daemon.ts": daemon}
    assert _hits(files, "OIN301") == []


def test_a_token_in_a_one_shot_script_is_not_reported() -> None:
    iife = ("import axios from 'axios';\nimport { getToken } from '../src/token';\n\n"
            "(async () => {\n  const org = process.argv[2];\n  const token = await getToken();\n"
            "  for (const id of process.argv.slice(3)) {\n"
            "    const r = await axios.get(`${org}/api/v1/users/${id}`,\n"
            "      { headers: { Authorization: `Bearer ${token}` } });\n"
            "    console.log(r.data);\n  }\n})();\n")
    cli = ("import { getToken } from '../src/token';\nimport { report } from './report';\n\n"
           "const token = await getToken();\nfunction show() {\n  console.log(token);\n}\n"
           "report(process.argv[2], show);\n")
    assert _handoffs("scripts/iife.ts", iife) == []
    assert _handoffs("scripts/cli.ts", cli) == [("../src/token#getToken", "module", None, 4)]
    files = {"src/token.ts": TOKEN, "scripts/iife.ts": iife, "scripts/cli.ts": cli}
    for code in ("OIN301", "OIN303", "OIN304"):
        assert _hits(files, code) == []


def test_a_token_fetched_in_a_top_level_iife_is_one_token_for_one_run() -> None:
    """The single-file case behind the script above: an IIFE is a script's body, as ``main``
    is, not a function that fetches a token per API call."""
    script = (f"import axios from 'axios';\nconst ORG = process.argv[2];\n\n(async () => {{\n"
              f"  const res = await {_POST};\n  const token = res.data.access_token;\n"
              "  for (const id of process.argv.slice(3)) {\n"
              "    await axios.get(`${ORG}/api/v1/users/${id}`,\n"
              "      { headers: { Authorization: `Bearer ${token}` } });\n  }\n})();\n")
    facts = parse("scripts/once.ts", script, "typescript")
    assert [(r.caching, r.per_call) for r in facts.of(TokenRequest)] == [("local", False)]
    assert _hits({"scripts/once.ts": script}, "OIN304") == []


_RAW = ("const r = await axios.post(`${process.env.OKTA_ORG}/oauth2/v1/token`, "
        "'grant_type=client_credentials&scope=okta.users.read');")
_HELD = ("async function main() {\n  const token = await getToken();\n"
         "  setInterval(() => console.log(token), 1000);\n}\nmain();\n")


@pytest.mark.parametrize(("token", "main", "callee"), [
    (f"const axios = require('axios');\nasync function getToken() {{\n  {_RAW}\n"
     "  return r.data.access_token;\n}\nmodule.exports = getToken;\n",
     "const getToken = require('./token');\n", "./token#"),
    (f"import axios from 'axios';\nexport default async function getToken() {{\n  {_RAW}\n"
     "  return r.data.access_token;\n}\n", "import getToken from './token';\n",
     "./token#default"),
    (f"import axios from 'axios';\nexport const fetchOkta = async () => {{\n  {_RAW}\n"
     "  return r.data.access_token;\n};\n",
     "import { fetchOkta as getToken } from './token';\n", "./token#fetchOkta"),
    (f"import axios from 'axios';\nasync function raw() {{\n  {_RAW}\n  return r.data;\n}}\n"
     "export async function getToken() {\n  const body = await raw();\n"
     "  return body.access_token;\n}\n", "import { getToken } from './token';\n",
     "./token#getToken"),
], ids=["commonjs-default", "esm-default", "aliased-arrow", "through-a-helper-of-its-file"])
def test_every_export_form_of_the_fetching_function_is_joined(token: str, main: str,
                                                              callee: str) -> None:
    files = {"src/token.ts" if "import" in token else "src/token.js": token,
             "src/main.ts": main + _HELD}
    assert [h[0] for h in _handoffs("src/main.ts", main + _HELD)] == [callee]
    assert _hits(files, "OIN301") == [("src/main.ts", 3)]


@pytest.mark.parametrize(("export", "imported"), [
    ("export default new TokenSource();\n", "import tokens from './source';\n"),
    ("module.exports = new TokenSource();\n", "const tokens = require('./source');\n"),
    ("export const tokens = new TokenSource();\n", "import { tokens } from './source';\n"),
], ids=["esm-default", "commonjs-default", "named"])
def test_a_method_of_an_exported_instance_is_its_classs(export: str, imported: str) -> None:
    source = (f"import axios from 'axios';\nclass TokenSource {{\n  async fetch() {{\n"
              f"    {_RAW}\n    return r.data.access_token;\n  }}\n}}\n{export}")
    main = imported + _HELD.replace("getToken()", "tokens.fetch()")
    assert _hits({"src/source.ts": source, "src/main.ts": main}, "OIN301") == [("src/main.ts", 3)]
