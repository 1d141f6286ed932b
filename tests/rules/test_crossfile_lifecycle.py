"""A token fetched by one module's function and kept by another (issue 15, "lifecycle across
functions"): the fetching module cannot tell the token's fate, the keeping module cannot tell
it is a token; :mod:`oinlint.crossfile` joins ``TokenRequest.exported_by`` with the keeping
file's ``TokenHandoff`` and the lifecycle rules judge the token where it is kept."""

from __future__ import annotations

from project_rules import hits as _hits
from project_rules import parsed as _parsed

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import HandedToken, TokenHandoff, TokenRequest, Unresolved
from oinlint.frontends import parse

TOKENS = '''import os
import requests


class TokenSource:
    def fetch(self):
        r = requests.post(f"{os.environ['OKTA_ORG']}/oauth2/v1/token",
                          data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                          auth=(os.environ["CID"], os.environ["CSECRET"]), timeout=5)
        return r.json()["access_token"]


def get_token(org):
    r = requests.post(f"{org}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                      auth=(os.environ["CID"], os.environ["CSECRET"]), timeout=5)
    return r.json()["access_token"]
'''

WORKER = '''import time
from app.tokens import TokenSource


def main():
    token = TokenSource().fetch()
    while True:
        print(token)
        time.sleep(600)
'''

CLIENT = '''import requests
from .tokens import get_token


class Users:
    def __init__(self, org):
        self.org = org
        self.token = get_token(org)

    def list(self):
        return requests.get(f"{self.org}/api/v1/users",
                            headers={"Authorization": f"Bearer {self.token}"}, timeout=5).json()


def one_user(org, uid):
    token = get_token(org)
    return requests.get(f"{org}/api/v1/users/{uid}",
                        headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
'''






def test_a_token_returned_to_other_modules_names_its_exporting_function() -> None:
    facts = parse("app/tokens.py", TOKENS, "python")
    assert sorted(r.exported_by or "" for r in facts.of(TokenRequest)) == [
        "TokenSource.fetch", "get_token"]


def test_a_call_kept_by_a_worker_loop_is_a_handoff_named_as_imported() -> None:
    facts = parse("app/worker.py", WORKER, "python")
    handoffs = [(h.callee, h.held_by, h.span.line) for h in facts.of(TokenHandoff)]
    assert handoffs == [("app.tokens.TokenSource.fetch", "loop", 6)]


def test_the_handoff_joins_the_exporting_request_and_supersedes_its_unresolved() -> None:
    parsed = _parsed({"app/tokens.py": TOKENS, "app/worker.py": WORKER})
    before = [u.what for u in parsed[0].of(Unresolved)]
    resolved = with_resolved(parsed, resolve(parsed))
    tokens, worker = resolved
    handed = list(worker.of(HandedToken))
    assert [(h.request.exported_by, h.span.line) for h in handed] == [("TokenSource.fetch", 6)]
    assert before.count("token-lifecycle") == 2
    # the fetch method's fate is now known; get_token's (never called) still is not
    assert [u.what for u in tokens.of(Unresolved)].count("token-lifecycle") == 1


def test_a_token_from_another_module_kept_by_a_worker_loop_is_fetched_once() -> None:
    files = {"app/tokens.py": TOKENS, "app/worker.py": WORKER}
    assert _hits(files, "OIN301") == [("app/worker.py", 6)]
    assert _hits(files, "OIN303") == [("app/worker.py", 6)]


def test_a_token_from_another_module_kept_on_the_instance_and_per_call() -> None:
    files = {"app/tokens.py": TOKENS, "app/client.py": CLIENT, "app/__init__.py": ""}
    assert _hits(files, "OIN301") == [("app/client.py", 8)]
    # OIN303 where the instance's token is sent; OIN304 where each call fetches one
    assert _hits(files, "OIN303") == [("app/client.py", 12)]
    assert _hits(files, "OIN304") == [("app/client.py", 16)]


def test_a_value_that_is_not_a_token_kept_by_a_worker_loop_is_not_reported() -> None:
    settings = "import os\n\ndef load():\n    return dict(os.environ)\n"
    worker = WORKER.replace("from app.tokens import TokenSource", "from app.settings import load")
    worker = worker.replace("TokenSource().fetch()", "load()")
    files = {"app/tokens.py": TOKENS, "app/settings.py": settings, "app/worker.py": worker}
    assert [h.callee for h in parse("app/worker.py", worker, "python").of(TokenHandoff)] == [
        "app.settings.load"]
    assert _hits(files, "OIN301") == []


def test_a_token_kept_in_a_one_shot_script_is_not_reported() -> None:
    script = ('import argparse\nfrom app.tokens import get_token\n\n\ndef main():\n'
              '    parser = argparse.ArgumentParser()\n    parser.parse_args()\n'
              '    token = get_token("https://example.okta.com")\n    print(token)\n\n\n'
              'if __name__ == "__main__":\n    main()\n')
    files = {"app/tokens.py": TOKENS, "app/cli.py": script}
    assert _hits(files, "OIN301") == []
    assert _hits(files, "OIN304") == []


def test_a_generated_function_of_many_assignments_is_not_searched_for_handoffs() -> None:
    """Each trace reads the whole function: thousands of assignments from imported calls
    would cost their square, so such a function (generated code) is left out."""
    from oinlint.frontends.python.tokenhandoffs import MAX_ASSIGNS

    body = "".join(f"    x{i} = make(x{i - 1})\n" for i in range(1, MAX_ASSIGNS + 2))
    source = ("import time\nfrom app.tokens import get_token, make\n\n\ndef main():\n"
              "    x0 = get_token('o')\n" + body + "    while True:\n        print(x0)\n"
              "        time.sleep(60)\n")
    small = ("import time\nfrom app.tokens import get_token\n\n\ndef main():\n"
             "    x0 = get_token('o')\n    while True:\n        print(x0)\n"
             "        time.sleep(60)\n")
    assert list(parse("app/big.py", source, "python").of(TokenHandoff)) == []
    assert [h.held_by for h in parse("app/small.py", small, "python").of(TokenHandoff)] == [
        "loop"]
