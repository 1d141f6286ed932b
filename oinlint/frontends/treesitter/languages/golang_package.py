"""Go: kept results of functions the package defines in its other files (for the lifecycle pass).

A Go package is the ``.go`` files of one directory, and they call each other's functions and
methods without importing them: ``users.go`` calls ``c.token(ctx)``, a method ``auth.go``
defines on ``*Client``, and keeps or reuses the result. This pass finds such calls whose result
is assigned (``tok, err := c.token(ctx)``, ``c.tok = getToken()``) and names their callee as
:mod:`oinlint.crossfile` looks it up among the directory's files: ``go:#Client.token`` for a
method (the receiver's type read from the enclosing method's receiver, a parameter, a local, a
package variable or a field of a struct this file declares), ``go:#getToken`` for a package
function. A callee this file defines is traced by the file itself; a call through an imported
package (``http.Get``) is another package's.

SDK clients the same way: ``oktaClient.User.ResetFactors(ctx, id)`` on a local the function bound
from such a call (``ctx, oktaClient, err := p.client(ctx)``) is an ``ImportedSdkCall`` of
``go:#Provider.client``, an Okta call when that method returns an okta-sdk-golang client
(``SdkClientExport``, made by the front end).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import tree_sitter as ts

from oinlint.facts import ImportedSdkCall
from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.walk import assigned, descendants
from oinlint.okta import lookup

__all__ = ["GO_PACKAGE", "SdkCandidate", "descendants", "package_calls"]

GO_PACKAGE: Final = "go:#"
# built-in functions and predeclared types (a conversion ``string(b)`` is a call too)
_BUILTINS: Final = frozenset({
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
    "min", "new", "panic", "print", "println", "real", "recover", "any", "bool", "byte",
    "complex64", "complex128", "error", "float32", "float64", "int", "int8", "int16", "int32",
    "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
})
# SDK-shaped calls on a local resolved per file (each searches its function's bindings)
_MAX_SDK_CALLS: Final = 256
_KINDS: Final = frozenset({"call_expression", "function_declaration", "method_declaration",
                           "type_spec", "import_spec", "var_spec"})
_FUNCTIONS: Final = frozenset({"function_declaration", "method_declaration", "func_literal"})
_BINDINGS: Final = frozenset({"parameter_declaration", "var_spec", "short_var_declaration"})
# (statement, the field holding the assigned values)
_VALUE_FIELDS: Final = {"short_var_declaration": "right", "assignment_statement": "right",
                        "var_spec": "value"}


# (call, receiver variable, method, context): an SDK-shaped call on a local (``oktaClient.User.
# ResetFactors(ctx, id)``) that the front end saw during its walk
SdkCandidate = tuple[ts.Node, str, str, str]


def package_calls(a: Analyzer, root: ts.Node, sdk_candidates: Sequence[SdkCandidate] = ()
                  ) -> None:
    """Fill ``a.handoff_calls`` with the kept calls of the package's other files' functions, and
    add an ``ImportedSdkCall`` for each SDK candidate whose local another file's function
    made."""
    nodes = a.query_nodes(root, _KINDS, ordered=False)
    defined: set[str] = set()
    packages: set[str] = set()
    struct_fields: dict[str, dict[str, str]] = {}
    globals_: dict[str, str] = {}
    calls: list[ts.Node] = []
    for node in nodes:
        kind = node.type
        if kind == "call_expression":
            if _kept(node):
                calls.append(node)
        elif kind == "function_declaration":
            name = node.child_by_field_name("name")
            defined.add(a.text_of(name) if name is not None else "")
        elif kind == "method_declaration":
            name = node.child_by_field_name("name")
            receiver = _receiver_type(a, node)
            if name is not None and receiver is not None:
                defined.add(f"{receiver}.{a.text_of(name)}")
        elif kind == "type_spec":
            _struct(a, node, struct_fields)
        elif kind == "import_spec":
            packages.add(_package_name(a, node))
        elif _package_level(node):
            globals_.update(_bound(a, node))
    bindings: dict[tuple[int, int], dict[str, str]] = {}
    for call in calls:
        callee = _callee(a, call, defined, packages, struct_fields, globals_, bindings)
        if callee is not None:
            a.handoff_calls[a.key(call)] = (call, GO_PACKAGE + callee)
    for node, variable, method, context in sdk_candidates[:_MAX_SDK_CALLS]:
        made = _made_by(a, node, variable)
        if made is None or lookup(method) is None:
            continue
        callee = _callee(a, made, defined, packages, struct_fields, globals_, bindings)
        if callee is not None:
            a.facts.append(ImportedSdkCall(a.span(node), context, GO_PACKAGE + callee, method))
            a.sdk_nodes.append(node)  # an API call for the lifecycle pass too


def _made_by(a: Analyzer, call: ts.Node, variable: str) -> ts.Node | None:
    """The call whose result the enclosing function bound ``variable`` to (``ctx, client,
    err := p.client(ctx)``), when there is exactly one such binding."""
    node: ts.Node | None = call.parent
    while node is not None and node.type not in _FUNCTIONS:
        node = node.parent
    if node is None:
        return None
    found: list[ts.Node] = []
    for bound in descendants(node):
        if bound.type not in ("short_var_declaration", "assignment_statement"):
            continue
        left = bound.child_by_field_name("left")
        right = bound.child_by_field_name("right")
        if left is None or right is None or bound.start_byte > call.start_byte:
            continue
        names = [a.text_of(n) for n in left.named_children]
        values = [v for v in right.named_children if v.type != "comment"]
        if variable not in names:
            continue
        value = values[0] if len(values) == 1 else (
            values[names.index(variable)] if len(values) == len(names) else None)
        if value is None or value.type != "call_expression":
            return None  # bound to something else: not a client another file made
        found.append(value)
    return found[0] if len(found) == 1 else None


def _kept(call: ts.Node) -> bool:
    """Is the call's result assigned (the first value of ``tok, err := f()``, or one of a
    list)?"""
    return assigned(call, _VALUE_FIELDS, "expression_list")


def _package_level(spec: ts.Node) -> bool:
    """A ``var`` of the package (``var x = …`` or in a ``var ( … )`` list)?"""
    parent = spec.parent
    if parent is not None and parent.type == "var_spec_list":
        parent = parent.parent
    return parent is not None and parent.parent is not None and \
        parent.parent.type == "source_file"


def _callee(a: Analyzer, call: ts.Node, defined: set[str], packages: set[str],
            struct_fields: dict[str, dict[str, str]], globals_: dict[str, str],
            bindings: dict[tuple[int, int], dict[str, str]]) -> str | None:
    """``Type.m`` / ``f`` of a call of a function this file does not define, else None."""
    function = call.child_by_field_name("function")
    if function is None:
        return None
    if function.type == "identifier":
        name = a.text_of(function)
        local = _lookup(a, call, name, bindings) is not None  # a func value
        return None if name in defined or name in _BUILTINS or local else name
    if function.type != "selector_expression":
        return None
    operand = function.child_by_field_name("operand")
    field = function.child_by_field_name("field")
    if operand is None or field is None:
        return None
    owner: str | None = None
    if operand.type == "identifier":
        name = a.text_of(operand)
        if name in packages:
            return None
        owner = _lookup(a, call, name, bindings)
        if owner is None:
            owner = globals_.get(name)
    elif operand.type == "selector_expression":  # c.svc.fetch(): a field of a struct here
        inner = operand.child_by_field_name("operand")
        attr = operand.child_by_field_name("field")
        if inner is not None and attr is not None and inner.type == "identifier":
            base = _lookup(a, call, a.text_of(inner), bindings)
            if base is None:
                base = globals_.get(a.text_of(inner))
            owner = struct_fields.get(base or "", {}).get(a.text_of(attr))
    if not owner:
        return None
    symbol = f"{owner}.{a.text_of(field)}"
    return None if symbol in defined else symbol


def _lookup(a: Analyzer, call: ts.Node, name: str,
            bindings: dict[tuple[int, int], dict[str, str]]) -> str | None:
    """The type of ``name`` where ``call`` is: bound by an enclosing function (its receiver,
    parameters, locals; closures see their outer functions'); "" when bound with another
    package's type or one not known; None when not bound there."""
    node: ts.Node | None = call.parent
    while node is not None:
        if node.type in _FUNCTIONS:
            key = a.key(node)
            if key not in bindings:
                found: dict[str, str] = {}
                for bound in descendants(node):
                    if bound.type in _BINDINGS:
                        for bound_name, type_name in _bound(a, bound).items():
                            found.setdefault(bound_name, type_name)
                bindings[key] = found
            if name in bindings[key]:
                return bindings[key][name]
        node = node.parent
    return None


def _bound(a: Analyzer, node: ts.Node) -> dict[str, str]:
    """Names a parameter, ``var`` or ``:=`` binds, with their type ("" unknown or another
    package's): ``c *Client``, ``var s Svc``, ``x := &T{…}``, ``y := NewT(…)``."""
    if node.type == "short_var_declaration":
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        names = [c for c in left.named_children] if left is not None else []
        values = [c for c in right.named_children] if right is not None else []
        return {a.text_of(n): _value_type(a, values[i]) if len(values) == len(names) and
                i < len(values) else "" for i, n in enumerate(names) if n.type == "identifier"}
    names = node.children_by_field_name("name")
    declared = _type_name(a, node.child_by_field_name("type"))
    value = node.child_by_field_name("value")
    values = value.named_children if value is not None else []
    return {a.text_of(n): declared or (_value_type(a, values[i]) if len(values) == len(names)
                                       else "") for i, n in enumerate(names)}


def _value_type(a: Analyzer, value: ts.Node) -> str:
    """The local type of a value: ``&Client{…}``, ``Client{…}``, ``NewClient(…)``."""
    while value.type == "unary_expression" and value.named_child_count:
        value = value.named_children[-1]
    if value.type == "composite_literal":
        return _type_name(a, value.child_by_field_name("type"))
    if value.type == "call_expression":
        function = value.child_by_field_name("function")
        if function is not None and function.type == "identifier":
            name = a.text_of(function)
            if name.startswith(("New", "new")) and len(name) > 3 and name[3].isupper():
                return name[3:]
    return ""


def _type_name(a: Analyzer, node: ts.Node | None) -> str:
    """``*Client`` / ``Client`` / ``Client[T]`` → ``Client``; "" for another package's type."""
    while node is not None and node.type in ("pointer_type", "generic_type"):
        node = node.named_children[0] if node.type == "pointer_type" and \
            node.named_child_count else node.child_by_field_name("type")
    return a.text_of(node) if node is not None and node.type == "type_identifier" else ""


def _receiver_type(a: Analyzer, method: ts.Node) -> str | None:
    receiver = method.child_by_field_name("receiver")
    types = [t for t in descendants(receiver) if t.type == "type_identifier"] \
        if receiver is not None else []
    return a.text_of(types[0]) if types else None


def _struct(a: Analyzer, spec: ts.Node, fields: dict[str, dict[str, str]]) -> None:
    """The fields of a struct this file declares, with their local types."""
    name = spec.child_by_field_name("name")
    body = spec.child_by_field_name("type")
    if name is None or body is None or body.type != "struct_type":
        return
    found = fields.setdefault(a.text_of(name), {})
    for declaration in descendants(body):
        if declaration.type != "field_declaration":
            continue
        type_name = _type_name(a, declaration.child_by_field_name("type"))
        for field in declaration.children_by_field_name("name"):
            if type_name:
                found[a.text_of(field)] = type_name


def _package_name(a: Analyzer, spec: ts.Node) -> str:
    alias = spec.child_by_field_name("name")
    if alias is not None:
        return a.text_of(alias)
    path = spec.child_by_field_name("path")
    text = a.text_of(path).strip("\"`") if path is not None else ""
    return text.rsplit("/", 1)[-1]
