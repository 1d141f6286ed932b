"""What a JavaScript, TypeScript or TSX expression evaluates to, and the reading it needs.

:class:`JavaScriptValues` is the base of the JavaScript analyzer: names of properties and
callees, object literals (``{ key: value }``, followed through a name bound to one) and the
string evaluator: literals, template literals (`` `SSWS ${t}` ``), ``+``, ``[..].join(sep)``,
``util.format``, ``.concat``, names bound once and object-literal members.
"""

from __future__ import annotations

import re
from typing import Final

import tree_sitter as ts

from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.values import HOLE, LexicalScope, Part, StrValue, unescape

__all__ = ["UNWRAP", "JavaScriptValues"]

# Wrappers that do not change an expression's value: ``(x)``, ``x as T``, ``x!``, ``await x``.
UNWRAP: Final = frozenset({"parenthesized_expression", "as_expression", "satisfies_expression",
                            "non_null_expression", "type_assertion", "await_expression"})


# a helper that builds a URL from its arguments (``joinUrl``, ``urlJoin``, ``buildURL``)
_URL_JOINER: Final = re.compile(r"(?i)^(?:(?:join|build|make|resolve)_?ur[il]|ur[il]_?join)$")


class JavaScriptValues(Analyzer):
    """The JavaScript analyzer's reading of names, callees, object literals and strings."""

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        # the file's top-level function declarations by name: URL builders a call is
        # evaluated through (``apiUrl('/users')``); filled by the walk
        self.declared_functions: dict[str, ts.Node] = {}

    def name_of(self, node: ts.Node | None) -> str | None:
        """A property key or identifier as a name (``'x-y'`` → x-y; computed → its literal)."""
        if node is None:
            return None
        kind = node.type
        if kind in ("identifier", "property_identifier", "shorthand_property_identifier",
                    "private_property_identifier", "type_identifier",
                    "shorthand_property_identifier_pattern"):
            return self.text_of(node).lstrip("#")
        if kind in ("string", "template_string"):
            return self.literal(node)
        if kind == "computed_property_name" and node.named_child_count:
            return self.literal(node.named_children[0])
        if kind == "number":
            return self.text_of(node)
        return None

    def callee(self, node: ts.Node) -> tuple[str | None, ts.Node | None]:
        """(name, receiver) of a call's function: ``a.b.c(`` → ("c", a.b)."""
        function = node.child_by_field_name("function") or node.child_by_field_name(
            "constructor")
        if function is None:
            return None, None
        while function.type in UNWRAP and function.named_child_count:
            function = function.named_children[0]
        if function.type == "member_expression":
            prop = function.child_by_field_name("property")
            return (self.text_of(prop) if prop else None), function.child_by_field_name("object")
        if function.type == "identifier":
            return self.text_of(function), None
        return None, None

    def pairs(self, obj: ts.Node) -> list[tuple[str, ts.Node]]:
        out: list[tuple[str, ts.Node]] = []
        for child in obj.named_children:
            if child.type == "pair":
                key = self.name_of(child.child_by_field_name("key"))
                value = child.child_by_field_name("value")
                if key is not None and value is not None:
                    out.append((key, value))
            elif child.type == "shorthand_property_identifier":
                out.append((self.text_of(child), child))
        return out

    def object_of(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node | None, LexicalScope]:
        for _ in range(4):
            while node.type in UNWRAP and node.named_child_count:
                node = node.named_children[0]
            if node.type == "object":
                return node, scope
            if node.type != "identifier":
                return None, scope
            found = scope.lookup(self.text_of(node))
            if found is None:
                return None, scope
            node, scope = found
        return None, scope

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        kind = node.type
        if kind == "string":
            return StrValue.of((unescape(self.text_of(node)[1:-1]),), "literal")
        if kind == "template_string":
            parts: list[Part] = []
            for child in node.named_children:
                if child.type == "template_substitution":
                    inner = child.named_children[0] if child.named_child_count else None
                    value = self.value(inner, scope, depth) if inner is not None else None
                    parts.extend(value.parts if value is not None else (HOLE,))
                elif child.type in ("string_fragment", "escape_sequence"):
                    parts.append(unescape(self.text_of(child)))
            return StrValue.of(parts, "template")
        if kind in UNWRAP:
            return self.value(node.named_children[0], scope, depth) if node.named_child_count \
                else None
        if kind == "binary_expression":
            return self.binary_concat(node, scope, depth, "+")
        if kind in ("identifier", "shorthand_property_identifier"):  # ``{ url }`` names url
            return self.name_value(self.text_of(node), scope, depth)
        if kind == "member_expression":
            return self.member(node, scope, depth)
        if kind == "call_expression":
            return self.call_value(node, scope, depth)
        return None

    def member(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        obj = node.child_by_field_name("object")
        prop = self.name_of(node.child_by_field_name("property"))
        if obj is None or prop is None or scope is None or obj.type != "identifier":
            return None
        found, where = self.object_of(obj, scope)
        if found is None:
            return None
        for key, value in self.pairs(found):
            if key == prop and value.type != "shorthand_property_identifier":
                result = self.value(value, where, depth)
                if result is not None:
                    self.consumed.add(self.key(value))
                    return result.with_via("constant")
        return None

    def call_value(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        name, receiver = self.callee(node)
        args_node = node.child_by_field_name("arguments")
        args = args_node.named_children if args_node is not None else []
        if name == "join" and receiver is not None:
            items = receiver
            while items.type in UNWRAP and items.named_child_count:
                items = items.named_children[0]
            if items.type != "array":
                return None
            sep = self.value(args[0], scope, depth) if args else StrValue.of((",",), "literal")
            separator = sep.literal if sep is not None and sep.literal is not None else None
            if separator is None:
                return None
            elements = [(item, scope) for item in items.named_children]
            return StrValue.of(self.joined(elements, separator, depth), "join")
        if name == "format" and args:
            return self.formatted(args[0], args[1:], scope, depth)
        if name == "concat" and receiver is not None:
            value = self.value(receiver, scope, depth)
            for arg in args:
                value = self.concat(value, self.value(arg, scope, depth))
            return value
        if name is not None and args and (_URL_JOINER.match(name) or (
                name in ("join", "resolve") and receiver is not None
                and self.text_of(receiver) in ("path", "posix", "path.posix", "url"))):
            # ``joinUrl(okta.orgUrl, path)``, ``buildUrl('/api/v1/groups')``, ``url.resolve(a,
            # b)``: the URL is its parts in order (a one-part builder may put a base before)
            joined: StrValue | None = None if len(args) > 1 else StrValue.hole()
            for arg in args:
                joined = self.concat(joined, self.value(arg, scope, depth))
            return joined
        if name is not None and receiver is None and scope is not None:
            builder = self.builder_function(name, scope)
            if builder is not None:
                return self.built_value(builder, args, scope, depth)
        return None

    def builder_function(self, name: str, scope: LexicalScope) -> ts.Node | None:
        """The function of this file a call names (``function apiUrl(path)``, ``const base =
        () => …``), when it returns one expression."""
        found = scope.lookup(name)
        node = found[0] if found is not None else self.declared_functions.get(name)
        while node is not None and node.type in UNWRAP and node.named_child_count:
            node = node.named_children[0]
        if node is None or node.type not in _BUILDERS:
            return None
        return node if _single_return(node) is not None else None

    def built_value(self, function: ts.Node, args: list[ts.Node], caller: LexicalScope,
                    depth: int) -> StrValue | None:
        """What ``function`` returns with its parameters bound to ``args``."""
        returned = _single_return(function)
        if returned is None:
            return None
        params = function.child_by_field_name("parameters") or \
            function.child_by_field_name("parameter")
        nodes = [params] if params is not None and params.type == "identifier" else (
            params.named_children if params is not None else [])
        names = [self.text_of(target) if target.type == "identifier" else None
                 for target in (p.child_by_field_name("pattern") or p for p in nodes)]
        return self.built(returned, names, args, caller, depth)

    def sequence(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                 LexicalScope]] | None:
        while node.type in UNWRAP and node.named_child_count:
            node = node.named_children[0]
        if node.type == "array":
            return [(child, scope) for child in node.named_children]
        if node.type == "call_expression":
            name, receiver = self.callee(node)
            if name == "join" and receiver is not None:
                followed = self.follow_node(receiver, scope)
                if followed is not None:
                    self.scope_nodes.add(self.key(followed[0]))
                    return self.sequence(*followed)
                return self.sequence(receiver, scope)
        return None

    def follow_node(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node,
                    LexicalScope] | None:
        while node.type in UNWRAP and node.named_child_count:
            node = node.named_children[0]
        if node.type == "identifier":
            return scope.lookup(self.text_of(node))
        if node.type == "member_expression":
            obj = node.child_by_field_name("object")
            prop = self.name_of(node.child_by_field_name("property"))
            if obj is not None and obj.type == "identifier" and prop is not None:
                found, where = self.object_of(obj, scope)
                for key, value in self.pairs(found) if found is not None else ():
                    if key == prop:
                        return value, where
        return None


_BUILDERS: Final = frozenset({"function_declaration", "arrow_function", "function_expression",
                              "function"})


def _single_return(function: ts.Node) -> ts.Node | None:
    """The one expression a function returns: an arrow's expression body, or the value of
    its only ``return`` (nested functions' returns not counted); None otherwise."""
    body = function.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        return body
    found: list[ts.Node] = []
    stack = list(body.named_children)
    while stack and len(found) < 2:
        node = stack.pop()
        if node.type == "return_statement":
            found.append(node)
        elif node.type not in _BUILDERS and node.type not in ("class_declaration",
                                                             "method_definition"):
            stack.extend(node.named_children)
    if len(found) != 1 or not found[0].named_child_count:
        return None
    return found[0].named_children[0]
