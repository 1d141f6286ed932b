"""Java: kept results of methods of the project's other classes (for the lifecycle pass).

Java classes call each other through typed fields, parameters and locals; the import (or the
shared package) names no function. ``UsersClient`` has ``private final TokenService tokens;``
and calls ``tokens.fetchToken()`` in each API method, or keeps ``this.token =
tokens.fetchToken()``; the token's fate is visible here, that it is a token only in
``TokenService.java``. This pass finds such calls whose result is assigned and names their
callee as :mod:`oinlint.crossfile` looks it up: ``java:#TokenService.fetchToken`` (the
receiver's declared class, or the class of a static call ``TokenUtil.get()``). Methods of a
class this file declares are traced by the file itself; the JDK's classes (``java.lang``, and
those imported from ``java.``, ``javax.``, ``jakarta.``) and those imported from common
libraries (Jackson's ``ObjectMapper``, Spring's, OkHttp's) are never the project's; ``m()`` and
``this.m()`` of a superclass are not followed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import tree_sitter as ts

from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.walk import assigned

__all__ = ["JAVA_CLASS", "package_calls"]

JAVA_CLASS: Final = "java:#"
_KINDS: Final = frozenset({"method_invocation", "class_declaration", "interface_declaration",
                           "enum_declaration", "record_declaration", "import_declaration"})
_CLASSES: Final = _KINDS - {"method_invocation", "import_declaration"}
_FUNCTIONS: Final = frozenset({"method_declaration", "constructor_declaration",
                               "lambda_expression"})
# packages of the JDK and of the libraries an integration uses most (JSON, HTTP, Spring,
# logging, Okta's SDK): their classes are never the project's
_LIBRARIES: Final = ("java.", "javax.", "jakarta.", "com.fasterxml.", "com.google.",
                     "org.apache.", "org.springframework.", "okhttp3.", "com.squareup.",
                     "com.okta.", "org.slf4j.", "io.jsonwebtoken.", "com.nimbusds.",
                     "org.json.", "reactor.", "io.netty.")
# java.lang's classes a file uses without importing them
_JAVA_LANG: Final = frozenset({
    "String", "Object", "Integer", "Long", "Short", "Byte", "Double", "Float", "Boolean",
    "Character", "Number", "Math", "StrictMath", "System", "Thread", "Runtime", "Class",
    "StringBuilder", "StringBuffer", "Iterable", "CharSequence", "Enum", "Record", "Void",
    "ThreadLocal", "ProcessBuilder", "Process",
})
_VALUE_FIELDS: Final = {"variable_declarator": "value", "assignment_expression": "right"}
# how :func:`_scope` reads the names a node declares (a function's locals, a class's fields)
_Reader = Callable[[Analyzer, ts.Node], dict[str, str]]


def package_calls(a: Analyzer, root: ts.Node) -> None:
    """Fill ``a.handoff_calls`` with the kept calls of other classes' methods."""
    own: set[str] = set()
    library = set(_JAVA_LANG)
    calls: list[ts.Node] = []
    for node in a.query_nodes(root, _KINDS, ordered=False):
        if node.type == "method_invocation":
            if node.child_by_field_name("object") is not None and _kept(node):
                calls.append(node)
        elif node.type in _CLASSES:
            name = node.child_by_field_name("name")
            if name is not None:
                own.add(a.text_of(name))
        else:
            text = a.text_of(node).removeprefix("import").strip().rstrip(";").strip()
            if text.startswith(_LIBRARIES):
                library.add(text.rsplit(".", 1)[-1])
    bindings: dict[tuple[int, int], dict[str, str]] = {}
    for call in calls:
        owner = _receiver_class(a, call, bindings)
        name = call.child_by_field_name("name")
        if owner and name is not None and owner not in own and owner not in library:
            a.handoff_calls[a.key(call)] = (call, f"{JAVA_CLASS}{owner}.{a.text_of(name)}")


def _kept(call: ts.Node) -> bool:
    """Is the call's result assigned (``String t = x.m()``, ``this.t = x.m()``)?"""
    return assigned(call, _VALUE_FIELDS)


def _receiver_class(a: Analyzer, call: ts.Node,
                    bindings: dict[tuple[int, int], dict[str, str]]) -> str | None:
    """The declared class of the call's receiver (a local, parameter or field, ``this.f``),
    or the class of a static call; None when not known."""
    receiver = call.child_by_field_name("object")
    if receiver is None:
        return None
    if receiver.type == "field_access":
        obj = receiver.child_by_field_name("object")
        field = receiver.child_by_field_name("field")
        if obj is None or obj.type != "this" or field is None:
            return None
        return _fields(a, call, bindings).get(a.text_of(field))
    if receiver.type != "identifier":
        return None
    name = a.text_of(receiver)
    node: ts.Node | None = call.parent
    while node is not None and node.type != "class_body":
        if node.type in _FUNCTIONS:
            found = _scope(a, node, bindings, _locals)
            if name in found:
                return found[name] or None
        node = node.parent
    found = _fields(a, call, bindings)
    if name in found:
        return found[name] or None
    return name if name[:1].isupper() and not name.isupper() else None  # Class.m()


def _fields(a: Analyzer, call: ts.Node, bindings: dict[tuple[int, int], dict[str, str]]
            ) -> dict[str, str]:
    """The fields of the class the call is in, with their classes."""
    node: ts.Node | None = call.parent
    while node is not None and node.type != "class_body":
        node = node.parent
    return _scope(a, node, bindings, _class_fields) if node is not None else {}


def _scope(a: Analyzer, node: ts.Node, bindings: dict[tuple[int, int], dict[str, str]],
           read: _Reader) -> dict[str, str]:
    key = a.key(node)
    if key not in bindings:
        bindings[key] = read(a, node)
    return bindings[key]


def _locals(a: Analyzer, function: ts.Node) -> dict[str, str]:
    """Parameters and locals a method, constructor or lambda declares (not in nested ones)."""
    found: dict[str, str] = {}
    stack = list(function.named_children)
    while stack:
        node = stack.pop()
        if node.type in _FUNCTIONS or node.type == "class_body":
            continue
        if node.type in ("formal_parameter", "local_variable_declaration"):
            found.update(_declared(a, node))
        stack.extend(node.named_children)
    return found


def _class_fields(a: Analyzer, body: ts.Node) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in body.named_children:
        if node.type == "field_declaration":
            found.update(_declared(a, node))
    return found


def _declared(a: Analyzer, node: ts.Node) -> dict[str, str]:
    """``TokenService tokens`` / ``var s = new TokenService()`` → {name: class}."""
    declared = _type_name(a, node.child_by_field_name("type"))
    if node.type == "formal_parameter":
        name = node.child_by_field_name("name")
        return {a.text_of(name): declared} if name is not None else {}
    found: dict[str, str] = {}
    for declarator in node.children_by_field_name("declarator"):
        name = declarator.child_by_field_name("name")
        value = declarator.child_by_field_name("value")
        if name is None:
            continue
        type_name = declared
        if type_name == "var":
            type_name = _type_name(a, value.child_by_field_name("type")) if value is not None \
                and value.type == "object_creation_expression" else ""
        found[a.text_of(name)] = type_name
    return found


def _type_name(a: Analyzer, node: ts.Node | None) -> str:
    """``TokenService`` / ``Box<T>`` → the class's simple name; "" for a primitive or array."""
    if node is not None and node.type == "generic_type":
        node = next((c for c in node.named_children if c.type in (
            "type_identifier", "scoped_type_identifier")), None)
    if node is not None and node.type == "scoped_type_identifier":
        node = node.named_children[-1] if node.named_child_count else None
    return a.text_of(node) if node is not None and node.type == "type_identifier" else ""
