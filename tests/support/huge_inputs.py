"""Hostile, very large inputs made at test time (issue 13, item 12): files within the default
``max-file-size`` whose parse or query used to take minutes and gigabytes.

Each generator plants one SSWS header with a fresh fake token, so a test can check that a file
its front end degrades still yields its credential finding. Run as a script to write one for
measuring: ``python tests/support/huge_inputs.py KIND DIR`` (KIND: js-concat, js-nested,
py-statements, submission, js-calls, js-claims).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from fakes import api_token


def js_concatenation(terms: int = 80_000) -> tuple[str, str]:
    """``a + "x" + "x" + …`` of ``terms`` terms (~320 KB at 80k), after an SSWS header line."""
    header = f'const headers = {{ Authorization: "SSWS {api_token()}" }};\n'
    body = "const okta = a" + '+"x"' * terms + ";\n"
    return "app.js", header + body


def js_nested_arrays(depth: int = 100_000) -> tuple[str, str]:
    """``[[[[…]]]]`` ``depth`` deep, after an SSWS header line."""
    header = f'const headers = {{ Authorization: "SSWS {api_token()}" }};\n'
    return "app.js", header + "const okta = " + "[" * depth + "]" * depth + ";\n"


def python_statements(size: int = 800_000) -> tuple[str, str]:
    """``size`` bytes of trivial statements (``x = 1``), after an SSWS header line."""
    header = f'headers = {{"Authorization": "SSWS {api_token()}"}}  # okta\n'
    line = "x = 1\n"
    return "app.py", header + line * (size // len(line))


def submission(size: int = 7_000_000) -> tuple[str, str]:
    """An ``oin-submission.yaml`` of ``size`` bytes: a valid head, then a long list."""
    head = "name: Acme\nscopes:\n"
    item = "  - name: okta.users.read\n    reason: to read users\n"
    return "oin-submission.yaml", head + item * (size // len(item))


def js_wrapper_calls(calls: int = 30_000) -> tuple[str, str]:
    """One line of ``calls`` calls handing an Okta path to an imported wrapper (~1 MB at 30k):
    each is an API call, so each gets findings with the whole line as their context."""
    body = "".join(f"x{i}=getUsers('/api/v1/users'); " for i in range(calls))
    return "bundle.js", "import { getUsers } from './okta';\n" + body + "\n"


def js_claims(keys: int = 20_000, assignments: int = 5_000) -> tuple[str, str]:
    """A token function signing a JWT assertion whose claims object has ``keys`` ``aud`` keys
    (~600 KB at 20k), beside ``assignments`` lines reading the clock: the assertion's text is
    blanked before the expiry reading, which once scanned back from every claim key."""
    claims = ", ".join(f"aud{i}: 1, aud: {i}" for i in range(keys))
    lines = [f'const headers = {{ Authorization: "SSWS {api_token()}" }};',
             "let token;", "async function getToken() {", "  if (token) return token;",
             "  const now = Date.now();", f"  const claims = {{{claims}}};",
             *(f"  const v{i} = now + {i};" for i in range(assignments)),
             "  const a = jwt.sign(claims, key, { expiresIn: '5m' });",
             "  const r = await fetch('https://acme.okta.com/oauth2/v1/token', { method: 'POST',"
             " body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion: a"
             " }) });",
             "  token = (await r.json()).access_token;", "  return token;", "}"]
    return "assertion.js", "\n".join(lines) + "\n"


GENERATORS: dict[str, Callable[[], tuple[str, str]]] = {
    "js-concat": js_concatenation,
    "js-nested": js_nested_arrays,
    "py-statements": python_statements,
    "submission": submission,
    "js-calls": js_wrapper_calls,
    "js-claims": js_claims,
}


def write(kind: str, directory: Path) -> Path:
    name, text = GENERATORS[kind]()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write(sys.argv[1], Path(sys.argv[2])))
