"""How long the process lives decides OIN301/OIN303 (issue 15): ``ProcessShape`` facts from the
Python and tree-sitter front ends, a one-shot project keeps its token without a finding, and a
token a worker loop, thread or scheduled job keeps using is reported across functions."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import ProcessShape
from oinlint.frontends import parse

PY_TOKEN = '''import os
import requests

ORG = os.environ["OKTA_ORG"]


def get_token():
    r = requests.post(f"https://{ORG}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                      auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]))
    return r.json()["access_token"]


TOKEN = get_token()


def users():
    return requests.get(f"https://{ORG}/api/v1/users", headers={"Authorization": f"Bearer {TOKEN}"})
'''

JS_SERVICE = '''const orgUrl = process.env.OKTA_ORG_URL;
const state = { accessToken: '' };

module.exports = {
  async authenticate() {
    if (!state.accessToken) {
      const res = await fetch(`${orgUrl}/oauth2/v1/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.read' }),
      });
      state.accessToken = (await res.json()).access_token;
    }
    return state.accessToken;
  },
  listUsers() {
    const headers = { Authorization: `Bearer ${state.accessToken}` };
    return fetch(`${orgUrl}/api/v1/users`, { headers });
  },
};
'''


def _codes(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, str, int]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = Settings(root=tmp_path, select=("OIN301", "OIN303"), respect_gitignore=False)
    result = check([str(tmp_path)], settings)
    return {(Path(f.span.path).name, f.code, f.span.line) for f in result.active}


def _kinds(name: str, text: str, language: str) -> set[str]:
    return {f.kind for f in parse(name, text, language).of(ProcessShape)}


# -- the front ends see the shape -------------------------------------------------------------

@pytest.mark.parametrize(("name", "text", "language", "kinds"), [
    ("a.py", "import flask\napp = flask.Flask(__name__)\n", "python", {"server"}),
    ("a.py", "import schedule\nschedule.every(5).minutes.do(print)\n", "python", {"scheduler"}),
    ("a.py", "import time\nwhile True:\n    time.sleep(1)\n", "python", {"loop"}),
    ("a.py", "def lambda_handler(event, context):\n    return 1\n", "python", {"handler"}),
    ("a.py", 'if __name__ == "__main__":\n    print(1)\n', "python", {"cli"}),
    ("a.py", "import click\n@click.command()\ndef run():\n    pass\n", "python", {"cli"}),
    ("a.js", "const app = require('express')();\napp.listen(3000);\n", "javascript", {"server"}),
    ("a.js", "setInterval(() => sync(), 60000);\n", "javascript", {"scheduler"}),
    ("a.js", "exports.handler = async (event) => 1;\n", "javascript", {"handler"}),
    ("a.js", "(async () => { await run(); })();\n", "javascript", {"cli"}),
    ("a.ts", "const n = Number(process.argv[2]);\n", "typescript", {"cli"}),
    ("main.go", "package main\n\nfunc main() {\n\tfor {\n\t\tpoll()\n\t}\n}\n", "go",
     {"cli", "loop"}),
])
def test_front_ends_emit_the_process_shape(name: str, text: str, language: str,
                                           kinds: set[str]) -> None:
    assert _kinds(name, text, language) == kinds


@pytest.mark.parametrize(("name", "text", "language"), [
    # a pagination loop breaks on its last page: not a worker loop
    ("a.py", "def f():\n    while True:\n        if done():\n            break\n", "python"),
    ("a.js", "async function f() {\n  while (true) {\n    if (done()) break;\n  }\n}\n",
     "javascript"),
    # a sign in a comment or a string is no sign
    ("a.js", "// app.listen(3000)\nconst s = 'setInterval(x)';\n", "javascript"),
    ("a.py", "# while True: poll()\nHELP = 'if __name__ == \"__main__\"'\n", "python"),
])
def test_no_shape_without_a_sign(name: str, text: str, language: str) -> None:
    assert _kinds(name, text, language) == set()


# -- OIN301 / OIN303 read the project's shape -------------------------------------------------

@pytest.mark.parametrize("entry", [
    'import okta\n\nif __name__ == "__main__":\n    print(okta.users().json())\n',
    "import argparse\nimport okta\nparser = argparse.ArgumentParser()\n",
    "import click\nimport okta\n\n\n@click.command()\ndef run():\n    okta.users()\n",
])
def test_one_shot_project_keeps_its_token_without_a_finding(tmp_path: Path, entry: str) -> None:
    assert _codes(tmp_path, {"okta.py": PY_TOKEN, "cli.py": entry}) == set()


@pytest.mark.parametrize("entry", [
    "import time\nfrom okta import users\n\nwhile True:\n    users()\n    time.sleep(60)\n",
    "import flask\nimport okta\napp = flask.Flask(__name__)\n",
    "import okta\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n"
    "s = BlockingScheduler()\n",
    "",  # no sign either way: a library client may live in any process
])
def test_long_lived_or_unknown_project_is_reported(tmp_path: Path, entry: str) -> None:
    found = _codes(tmp_path, {"okta.py": PY_TOKEN, "entry.py": entry})
    assert found == {("okta.py", "OIN301", 14), ("okta.py", "OIN303", 18)}  # 303: where it is sent


def test_one_shot_and_long_lived_together_is_reported(tmp_path: Path) -> None:
    files = {"okta.py": PY_TOKEN, "cli.py": 'import okta\nif __name__ == "__main__":\n    pass\n',
             "web.py": "import flask\nimport okta\napp = flask.Flask(__name__)\n"}
    assert ("okta.py", "OIN301", 14) in _codes(tmp_path, files)


@pytest.mark.parametrize(("entry", "expected"), [
    ("(async () => {\n  await okta.authenticate();\n})();\n", set()),
    ("okta.authenticate().then(() => console.log(process.argv[2]));\n", set()),
    ("main();\n\nasync function main() {\n  await okta.authenticate();\n}\n", set()),
    ("setInterval(() => okta.authenticate(), 60000);\n",
     {("oktaService.js", "OIN301", 7), ("oktaService.js", "OIN303", 16)}),
    ("const app = require('express')();\napp.listen(3000);\n",
     {("oktaService.js", "OIN301", 7), ("oktaService.js", "OIN303", 16)}),
    ("exports.handler = async () => okta.authenticate();\n",
     {("oktaService.js", "OIN301", 7), ("oktaService.js", "OIN303", 16)}),
])
def test_javascript_module_cache_follows_the_project_shape(
        tmp_path: Path, entry: str, expected: set[tuple[str, str, int]]) -> None:
    files = {"oktaService.js": JS_SERVICE,
             "app.js": "const okta = require('./oktaService.js');\n" + entry}
    assert _codes(tmp_path, files) == expected


# -- a local token that something long-running keeps using ------------------------------------

HELD_HEAD = '''import os
import threading
import time
import requests

ORG = os.environ["OKTA_ORG"]


def get_token():
    r = requests.post(f"https://{ORG}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                      auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]))
    return r.json()["access_token"]


def sync(token):
    requests.get(f"https://{ORG}/api/v1/users", headers={"Authorization": f"Bearer {token}"})


def forever(token):
    while True:
        sync(token)
        time.sleep(60)


def main():
    token = get_token()
'''


@pytest.mark.parametrize("tail", [
    "    while True:\n        sync(token)\n        time.sleep(60)\n",
    "    forever(token)\n",
    "    threading.Thread(target=sync, args=(token,)).start()\n",
])
def test_token_held_by_a_worker_is_fetched_once(tmp_path: Path, tail: str) -> None:
    found = _codes(tmp_path, {"worker.py": HELD_HEAD + tail})
    assert found == {("worker.py", "OIN301", 27), ("worker.py", "OIN303", 17)}


@pytest.mark.parametrize("tail", [
    "    sync(token)\n",  # one run
    "    for _ in range(3):\n        sync(token)\n",  # a bounded loop
    "    while True:\n        sync(token)\n        if time.time() > 0:\n            break\n",
])
def test_token_used_by_a_short_run_is_not_held(tmp_path: Path, tail: str) -> None:
    assert _codes(tmp_path, {"worker.py": HELD_HEAD + tail}) == set()


ORGS_HEAD = '''import argparse
import requests

ORGS = ["a.okta.example", "b.okta.example"]


def fetch(org):
    r = requests.post(f"https://{org}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"})
    return r.json()["access_token"]


'''


@pytest.mark.parametrize(("line", "expected"), [
    ("TOKENS = {org: fetch(org) for org in ORGS}\n", {13}),
    ("TOKENS = {tenant: fetch(tenant) for tenant in ORGS}\n", {13}),
    ("TOKEN = fetch(ORGS[0])\n", set()),  # one org, one short run
])
def test_one_shot_run_over_every_org_still_outlives_its_tokens(
        tmp_path: Path, line: str, expected: set[int]) -> None:
    source = ORGS_HEAD + line + "\nparser = argparse.ArgumentParser()\n"
    found = _codes(tmp_path, {"okta_job.py": source})
    assert {n for _, code, n in found if code == "OIN301"} == expected


def test_token_fetched_per_org_inside_the_loop_is_not_held(tmp_path: Path) -> None:
    source = ORGS_HEAD + ("def run():\n    for org in ORGS:\n        token = fetch(org)\n"
                          "        requests.get(f'https://{org}/api/v1/users',"
                          " headers={'Authorization': token})\n")
    assert _codes(tmp_path, {"okta_job.py": source}) == set()
