"""Small readers of analysis-tree expressions shared by the Python visitor and its collectors.

Dotted names (``a.b.c``), the last name of an attribute chain, a subscript's key, a literal
``True`` / ``False``, and a call's arguments by position or keyword: what several passes ask of a
node, kept in one place so the visitor and the collectors read nodes alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from oinlint.frontends.python import tree

__all__ = [
    "argument",
    "attr_name",
    "bool_literal",
    "dotted",
    "dotted_chain",
    "imported_names",
    "keyword_arg",
    "keyword_value",
    "positional_values",
    "subscript_key",
]


def dotted(node: tree.BaseExpression) -> str | None:
    """``a.b.c`` for a chain of names and attributes; None for anything else."""
    if isinstance(node, tree.Attribute):
        found = node.dotted
        if found == "":  # asked for the first time
            found = node.dotted = _dotted(node)
        return found
    return node.value if isinstance(node, tree.Name) else None


def _dotted(node: tree.BaseExpression) -> str | None:
    parts: list[str] = []
    while isinstance(node, tree.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, tree.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def imported_names(node: tree.ImportFrom) -> Iterator[tuple[str, str]]:
    """(local name, imported name) of each alias of ``from m import a as b, c``; nothing for
    ``import *`` (whose names a static reader cannot know)."""
    if isinstance(node.names, tree.ImportStar):
        return
    for alias in node.names:
        name = dotted(alias.name)
        if name is None:
            continue
        local = name
        if alias.asname is not None and isinstance(alias.asname.name, tree.Name):
            local = alias.asname.name.value
        yield local, name


def dotted_chain(node: tree.BaseExpression) -> str | None:
    """:func:`dotted` through calls too: ``make().auth.token``; None for any other part."""
    parts: list[str] = []
    while isinstance(node, tree.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, tree.Call):
        inner = dotted_chain(node.func)
        return None if inner is None else ".".join([inner + "()", *reversed(parts)])
    if not isinstance(node, tree.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def attr_name(node: tree.BaseExpression) -> str | None:
    """``x.y.z`` → ``z``; ``z`` → ``z``."""
    if isinstance(node, tree.Attribute):
        return node.attr.value
    if isinstance(node, tree.Name):
        return node.value
    return None


def subscript_key(node: tree.Subscript) -> tree.BaseExpression | None:
    """The key of ``x[key]`` (one plain index); None for slices and ``x[a, b]``."""
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, tree.Index):
        return node.slice[0].slice.value
    return None


def bool_literal(node: tree.BaseExpression) -> bool | None:
    """``True`` / ``False`` written as such; None for any other expression."""
    if isinstance(node, tree.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def argument(call: tree.Call, index: int, keyword: str) -> tree.BaseExpression | None:
    """The argument passed as ``keyword``, else the positional one at ``index``."""
    positional = [a for a in call.args if a.keyword is None and not a.star]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    return positional[index].value if index < len(positional) else None


def keyword_value(call: tree.Call, *names: str) -> tree.BaseExpression | None:
    """The value of the first keyword argument named one of ``names``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in names:
            return arg.value
    return None


def keyword_arg(call: tree.Call, *names: str) -> tree.Arg | None:
    """The first keyword argument named one of ``names``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in names:
            return arg
    return None


def positional_values(call: tree.Call) -> list[tree.BaseExpression]:
    """The values of the positional (not starred) arguments."""
    return [a.value for a in call.args if a.keyword is None and not a.star]
