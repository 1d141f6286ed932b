"""The Python front end's shortcuts give exactly what the long way gives: the walk's order,
remembered dotted names, ASCII positions before a file's first non-ASCII character, and
f-string fields built without parsing."""

from __future__ import annotations

import ast

from oinlint.frontends.python import tree as t
from oinlint.frontends.python.build import Builder
from oinlint.frontends.python.nodes import dotted
from oinlint.frontends.python.statements import build_module
from oinlint.frontends.python.walk import Visitor, walk


def build(source: str) -> t.Module:
    return build_module(source, ast.parse(source))


def first(root: t.Node, kind: type[t.Node]) -> t.Node:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, kind):
            return node
        stack.extend(reversed(node.children))
    raise AssertionError(f"no {kind.__name__}")


class _Order(Visitor):
    def __init__(self) -> None:
        self.seen: list[str] = []

    def visit_Name(self, node: t.Name) -> None:
        self.seen.append(node.value)

    def visit_Call(self, node: t.Call) -> None:
        self.seen.append("call(")

    def leave_Call(self, node: t.Call) -> None:
        self.seen.append(")")

    def visit_Lambda(self, node: t.Lambda) -> bool:
        self.seen.append("lambda")
        return False  # pruned: its names are never seen


def test_walk_visits_fields_in_order_leaves_after_children_and_prunes() -> None:
    order = _Order()
    walk(build("f(a, g(b), k=c, m=lambda z: z)\nd\n"), order)
    assert order.seen == ["call(", "f", "a", "call(", "g", "b", ")", "c", "k", "lambda", "m",
                          ")", "d"]


def test_dotted_name_is_remembered_on_the_node_and_none_too() -> None:
    source = "a.b.c\nf().x\n"
    module = build(source)
    chain = first(module.body[0], t.Attribute)
    assert isinstance(chain, t.Attribute)
    assert dotted(chain) == "a.b.c"
    assert chain.dotted == "a.b.c"
    assert dotted(chain) == "a.b.c"
    call_attr = first(module.body[1], t.Attribute)
    assert isinstance(call_attr, t.Attribute)
    assert dotted(call_attr) is None
    assert call_attr.dotted is None
    assert dotted(call_attr) is None


def test_positions_before_and_after_the_first_non_ascii_line() -> None:
    source = 'alpha = beta\n# café\nx = "é"; gamma = delta\n'
    module = build(source)
    texts = []
    stack: list[t.Node] = [module]
    while stack:
        node = stack.pop()
        if isinstance(node, t.Name):
            texts.append(source[node.start:node.end])
        stack.extend(node.children)
    assert sorted(texts) == ["alpha", "beta", "delta", "gamma", "x"]


def _slow_field(source: str, start: int, end: int) -> t.BaseExpression:
    """What field_expression built for every field before the shortcut."""
    text = "(" + source[start:end] + ")"
    return Builder(text, start - 1).expr(ast.parse(text, mode="eval").body)


def test_fstring_name_fields_built_without_parsing_match_the_parsed_ones() -> None:
    source = 'u = f"{base}/users/{self.org.id}?q={match}&r={ spaced }"\n'
    builder = Builder(source)
    for field in ("base", "self.org.id", "match", " spaced "):
        start = source.index("{" + field + "}") + 1
        end = start + len(field)
        fast = builder.field_expression(start, end)
        assert repr(fast) == repr(_slow_field(source, start, end))
        assert source[fast.start:fast.end] == field.strip()
    attr = builder.field_expression(source.index("self.org.id"),
                                    source.index("self.org.id") + len("self.org.id"))
    assert isinstance(attr, t.Attribute)
    assert (attr.attr.value, source[attr.attr.start:attr.attr.end]) == ("id", "id")
    assert dotted(attr) == "self.org.id"
