"""The ``ast``-built analysis tree of the Python front end (oinlint.frontends.python): the traps
between CPython's ``ast`` and what the analysis reads, each with exact values."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from oinlint.facts import SecretLogged
from oinlint.frontends import python as python_frontend
from oinlint.frontends.python import tree as t
from oinlint.frontends.python.statements import build_module
from oinlint.frontends.python.strings import comments

PATH = "app.py"


def build(source: str) -> t.Module:
    return build_module(source, ast.parse(source))


def nodes(root: t.Node, kind: type[t.Node]) -> list[t.Node]:
    found: list[t.Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, kind):
            found.append(node)
        stack.extend(reversed(node.children))
    return found


def text_of(source: str, node: t.Node) -> str:
    return source[node.start:node.end]


def test_columns_are_characters_not_utf8_bytes() -> None:
    source = 'x = "héllo wörld"; client_secret = 1\n'
    names = [n for n in nodes(build(source), t.Name) if isinstance(n, t.Name)]
    assert [(n.value, n.start, text_of(source, n)) for n in names] == [
        ("x", 0, "x"), ("client_secret", 19, "client_secret")]


def test_a_parenthesised_tuple_does_not_include_its_parentheses() -> None:
    source = "a = (1, 2, )\nb = 1,\nc = (x), y\n"
    tuples = nodes(build(source), t.Tuple)
    assert [text_of(source, n) for n in tuples] == ["1, 2,", "1,", "(x), y"]


def test_implicit_concatenation_keeps_each_literal_raw() -> None:
    source = 'v = ("a"  # why\n     r"b\\n" f"{c!r}")\n'
    value = nodes(build(source), t.Assign)[0]
    assert isinstance(value, t.Assign)
    concat = value.value
    assert isinstance(concat, t.ConcatenatedString)
    assert isinstance(concat.left, t.SimpleString) and concat.left.value == '"a"'
    right = concat.right
    assert isinstance(right, t.ConcatenatedString)
    assert isinstance(right.left, t.SimpleString) and right.left.value == 'r"b\\n"'
    assert isinstance(right.right, t.FormattedString)
    assert text_of(source, concat) == '"a"  # why\n     r"b\\n" f"{c!r}"'


def test_fstring_fields_are_placed_at_their_own_characters() -> None:
    source = 'msg = f"""é {a["k"]!r:>{width}}\n  {b.c=}"""\n'
    fstring = nodes(build(source), t.FormattedString)[0]
    assert isinstance(fstring, t.FormattedString)
    fields = [p for p in fstring.parts if isinstance(p, t.FormattedStringExpression)]
    assert [text_of(source, f.expression) for f in fields] == ['a["k"]', "b.c"]
    assert fields[0].conversion == "r" and fields[1].equal
    spec = fields[0].format_spec or []
    assert [text_of(source, p) for p in spec] == [">", "{width}"]


def test_a_def_starts_at_def_not_at_its_decorator() -> None:
    source = "@app.route('/')\nasync def index():\n    return 1\n"
    function = nodes(build(source), t.FunctionDef)[0]
    assert text_of(source, function) == "async def index():\n    return 1"


def test_call_arguments_in_source_order() -> None:
    source = "f(a, *b, k=1, **d, z=2)\n"
    call = nodes(build(source), t.Call)[0]
    assert isinstance(call, t.Call)
    assert [(a.star, a.keyword.value if a.keyword else None, text_of(source, a))
            for a in call.args] == [("", None, "a"), ("*", None, "*b"), ("", "k", "k=1"),
                                    ("**", None, "**d"), ("", "z", "z=2")]


def test_subscript_with_a_tuple_key_versus_two_keys() -> None:
    keys = []
    for source in ("d[a, b]\n", "d[(a, b)]\n"):
        subscript = nodes(build(source), t.Subscript)[0]
        assert isinstance(subscript, t.Subscript)
        keys.append(len(subscript.slice))
    assert keys == [2, 1]


def test_comments_skip_hashes_in_strings() -> None:
    source = 'url = "https://x/#frag"  # real one  \ns = """\n# not a comment\n"""\n#last'
    assert comments(source) == [(25, " real one  "), (66, "last")]


def test_secret_logged_inside_an_fstring_points_at_the_name() -> None:
    source = 'import logging\nlog = logging.getLogger()\nlog.info(f"ü {client_secret}")\n'
    facts = python_frontend.parse(PATH, source, "python")
    logged = list(facts.of(SecretLogged))
    assert [(f.span.line, f.span.column, f.span.end_column) for f in logged] == [(3, 15, 28)]


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    source = "x = " + "+".join(["a"] * 3000) + "\n"
    facts = python_frontend.parse(PATH, source, "python")
    assert [p.message for p in facts.problems] in (
        [], ["file is nested too deeply to analyse"])


def test_adjacent_literals_without_space_are_two_parts() -> None:
    source = 'x = f"a{b}""c"\'d\'\n'
    concat = nodes(build(source), t.ConcatenatedString)[0]
    assert isinstance(concat, t.ConcatenatedString)
    assert text_of(source, concat.left) == 'f"a{b}"'
    assert isinstance(concat.right, t.ConcatenatedString)
    assert [text_of(source, concat.right.left), text_of(source, concat.right.right)] == [
        '"c"', "'d'"]


def test_columns_after_a_form_feed_count_it() -> None:
    # libcst left the form feed out of its offsets: every column after one was one too small
    source = 'import x\n\x0cclient_secret = "Zx9vQ2mL7pW4kR8tZ1mN6bY3aaaa"\nprint(client_secret)\n'
    facts = python_frontend.parse(PATH, source, "python")
    logged = list(facts.of(SecretLogged))
    lines = source.splitlines()
    assert [(f.span.line, f.span.column) for f in logged] == [(4, 7)]
    assert lines[3][6:19] == "client_secret"


def test_standard_modules_removed_from_newer_pythons_are_still_not_helpers() -> None:
    # sys.stdlib_module_names lost ``imp`` in 3.12: its calls must not become HelperCalls there
    source = "import imp\n\ndef load(path):\n    return imp.load_source('m', path)\n"
    facts = python_frontend.parse(PATH, source, "python")
    assert [type(f).__name__ for f in facts.facts] == []


def test_one_literal_fast_path_never_swallows_a_concatenation() -> None:
    for source, parts in (('x = "a" \'b\'\n', 2), ("x = '' ''\n", 2), ('x = """a""" "b"\n', 2),
                          ("x = ''''''\n", 1), ('x = rb"\\x00"\n', 1), ('x = "a\\"b"\n', 1)):
        module = build(source)
        strings = nodes(module, t.SimpleString)
        assert len(strings) == parts, source


def test_checking_python_files_does_not_import_libcst(tmp_path: Path) -> None:
    # libcst is for --fix only: ~0.1 s of start-up that a plain check must not pay
    (tmp_path / "app.py").write_text('import requests\nrequests.get("https://x.okta.com/api/v1/users")\n')
    code = ("import sys\nfrom oinlint import check\n"
            f"check([{str(tmp_path)!r}])\nprint('libcst' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split()[-1] == "False"
