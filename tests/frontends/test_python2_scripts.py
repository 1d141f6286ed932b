"""Python 2 scripts are read as Python 3 would write them (``python2.as_python3``): their
calls, tokens and headers are facts, on the lines where they are, instead of a parse error and
the text front end. A file that is not Python 2 is left alone."""

from __future__ import annotations

import pytest

from oinlint.facts import AuthHeader, HttpApiUse, ParseProblem
from oinlint.frontends import parse
from oinlint.frontends.python.python2 import as_python3
from oinlint.frontends.python.syntax import syntax_error_of

SCRIPT = '''import requests, sys

API_TOKEN = sys.argv[1]
HEADERS = {"Authorization": "SSWS " + API_TOKEN}  # the admin's token

def users(org):
    print "Fetching users from", org
    try:
        r = requests.get("https://%s/api/v1/users" % org, headers=HEADERS)
    except requests.RequestException, e:
        print >>sys.stderr, "failed:", e
        raise SystemExit, 1
    os.chmod("out.json", 0644)
    print `r.status_code`
    return r.json()

for u in users(sys.argv[2]):
    print u["id"],
'''


def _adapted(source: str) -> str | None:
    error = syntax_error_of("s.py", source)
    assert error is not None
    return as_python3(source, error, lambda text: syntax_error_of("s.py", text))


def test_a_python2_script_gives_its_facts_where_they_are() -> None:
    facts = parse("s.py", SCRIPT, "python")
    assert facts.problems == ()
    assert [(h.scheme, h.span.line) for h in facts.of(AuthHeader)] == [("SSWS", 4)]
    assert [(c.method, c.path, c.span.line) for c in facts.of(HttpApiUse)] == [
        ("GET", "/api/v1/users", 9)]


def test_each_statement_is_rewritten_on_its_own_line() -> None:
    adapted = _adapted(SCRIPT)
    assert adapted is not None
    lines = adapted.split("\n")
    assert len(lines) == len(SCRIPT.split("\n"))
    assert lines[6] == '    print("Fetching users from", org)'
    assert lines[9] == "    except requests.RequestException as e:"
    # ``print >>sys.stderr, …`` parses as Python 3 (a tuple expression): left as it is
    assert lines[10] == SCRIPT.split("\n")[10]
    assert lines[11] == "        raise SystemExit(1)"
    assert lines[12] == '    os.chmod("out.json", 0o644)'
    assert lines[13] == "    print(repr(r.status_code))"
    assert lines[17] == '    print(u["id"])'
    assert lines[3] == SCRIPT.split("\n")[3]  # untouched lines stay as they were


@pytest.mark.parametrize("source", [
    pytest.param("def f(:\n    pass\n", id="python3-syntax-error"),
    pytest.param('print "a" \\\n    "b"\n', id="continued-print"),
])
def test_what_is_not_python2_stays_a_parse_problem(source: str) -> None:
    assert _adapted(source) is None
    facts = parse("s.py", source, "python")
    assert [type(p) for p in facts.problems] == [ParseProblem]


def test_a_comment_after_the_statement_is_kept() -> None:
    adapted = _adapted('print "x"  # say x\n')
    assert adapted == 'print("x")  # say x\n'


def test_a_script_of_many_print_statements_is_rewritten_in_one_pass() -> None:
    """The tokenizer finds every ``print x`` statement at once; one parse error at a time
    would reparse the file for each (and gave up after 400)."""
    body = "\n".join(f'print "user {i}", requests.get(URL + "/{i}").status_code'
                     for i in range(600))
    source = 'import requests\nURL = "https://acme.okta.com/api/v1/users"\n' + body + "\n"
    facts = parse("s.py", source, "python")
    assert facts.problems == ()
    assert len(list(facts.of(HttpApiUse))) == 600
