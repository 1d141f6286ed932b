"""OAuth scope strings in Python: ``ScopeList`` facts with a span per scope word.

Where scopes are written: the ``scope`` of a token request (form dict, urlencoded body, list
joined with spaces, constants; role ``token-request``), the ``scopes`` option of an
okta-sdk-python config (``sdk-config``), and module constants holding ``okta.*`` scope strings
(``constant``). Each :class:`~oinlint.facts.ScopeRef` spans the scope's own characters inside
its string literal. :class:`ScopeStrings` is the layer of the call collector
(:class:`~oinlint.frontends.python.calls.CallCollector`) that finds them: the collector decides
which calls are token requests and SDK clients, this layer reads their scopes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from oinlint.facts import Fact, ScopeList, ScopeRef, ScopeRole, Span
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import argument, keyword_value
from oinlint.frontends.python.state import Collector, WalkState
from oinlint.frontends.python.values import LexicalScope, Resolver, string_literal_value
from oinlint.okta import is_known_scope

__all__ = ["ScopeStrings"]

BODY_KEYWORDS: Final = ("data", "json", "params", "content", "body", "fields")
_TOKEN_FORM = re.compile(r"grant_type=client_credentials|client_assertion_type=")
_SCOPE_SPLIT = re.compile(r"(?:\s|%20|\+|,)+")
_SCOPE_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9_.:\-]*$")
_OKTA_SCOPE = re.compile(r"^okta\.[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$")


@dataclass(slots=True)
class _Const:
    """A module-level constant: may hold scope strings."""

    value: tree.BaseExpression
    scope: LexicalScope
    name: str


class ScopeStrings(Collector):
    """Scope strings of token requests, SDK configs and module constants (a collector layer)."""

    def __init__(self, primary: WalkState) -> None:
        super().__init__(primary)
        self.constants: list[_Const] = []
        # (id(function scope), parameter) → its default, read where the parameter is used
        self.defaults: dict[tuple[int, str], tree.BaseExpression] = {}
        self.resolver = Resolver()
        self.facts: list[Fact] = []

    def visit_FunctionDef(self, node: tree.FunctionDef) -> None:
        # the primary visitor has entered the function: its scope is the function's
        for param in (*node.params.posonly_params, *node.params.params,
                      *node.params.kwonly_params):
            if param.default is not None:
                self.defaults[(id(self.primary.scope), param.name.value)] = param.default

    def token_body(self, node: tree.Call, scope: LexicalScope) -> bool:
        """Does the call send a client-credentials grant or a client assertion (a token
        request, whatever its URL)?"""
        for keyword in BODY_KEYWORDS:
            body = keyword_value(node, keyword)
            if body is None:
                continue
            for entry in self.resolver.dict_entries(body, scope) or ():
                if entry.key == "client_assertion_type":
                    return True
                if entry.key == "grant_type":
                    value = self.resolver.string(entry.value, entry.scope)
                    if value is not None and value.literal == "client_credentials":
                        return True
            text = self.resolver.string(body, scope)
            if text is not None and _TOKEN_FORM.search(text.template):
                return True
        return False

    def visit_Assign(self, node: tree.Assign) -> None:
        if (self.primary.scope is self.primary.module_scope and len(node.targets) == 1
                and isinstance(node.targets[0].target, tree.Name)):
                self.constants.append(_Const(node.value, self.primary.scope,
                                             node.targets[0].target.value))

    def token_request_scopes(self, node: tree.Call, call_scope: LexicalScope, context: str) -> None:
        """The ``scope`` sent to a token endpoint: form dict, JSON, params, urlencoded body."""
        for keyword in ("data", "json", "params", "content", "body", "fields"):
            body = keyword_value(node, keyword)
            if body is None:
                continue
            entries = self.resolver.dict_entries(body, call_scope)
            if entries is not None:
                for entry in entries:
                    if entry.key == "scope":
                        self.scope_list(node, entry.value, entry.scope, context,
                                        "token-request")
                continue
            target, scope = self.resolver.follow(body, call_scope)
            refs = self._scope_refs(target, scope, urlencoded=True)
            if refs:
                self.facts.append(ScopeList(self.primary.span(node), context,
                                            tuple(refs), "token-request"))
        scope_expr = keyword_value(node, "scope", "scopes")
        if scope_expr is not None:
            self.scope_list(node, scope_expr, call_scope, context, "token-request")

    def sdk_config_scopes(self, node: tree.Call, scope: LexicalScope, context: str) -> None:
        """The ``scopes`` option of an okta-sdk-python ``Client(config)``."""
        config = argument(node, 0, "user_config")
        if config is None:
            return
        for entry in self.resolver.dict_entries(config, scope) or ():
            if entry.key == "scopes":
                self.scope_list(node, entry.value, entry.scope, context, "sdk-config")

    def scope_list(
        self, anchor: tree.Node, expr: tree.BaseExpression, scope: LexicalScope, context: str,
        role: ScopeRole,
    ) -> None:
        """A ``ScopeList`` at ``anchor`` for the scope words ``expr`` is built from."""
        refs = self._scope_refs(expr, scope)
        if refs:
            self.facts.append(ScopeList(self.primary.span(anchor), context, tuple(refs), role))
        else:
            self.scope_import(anchor, expr, scope, context, role)

    def scope_import(self, anchor: tree.Node, expr: tree.BaseExpression,
                     scope: LexicalScope, context: str, role: ScopeRole) -> bool:
        """Scopes named by a constant of another module: overridden by the helper layer."""
        return False

    def constant_scopes(self) -> None:
        """Module constants holding nothing but Okta scope strings."""
        for const in self.constants:
            refs = self._scope_refs(const.value, const.scope, follow=False)
            if refs and all(_constant_scope(r.name) for r in refs):
                self.facts.append(ScopeList(self.primary.span(const.value), "", tuple(refs),
                                            "constant", const.name))

    def _scope_refs(
        self, node: tree.BaseExpression, scope: LexicalScope, urlencoded: bool = False,
        follow: bool = True, depth: int = 0,
    ) -> list[ScopeRef]:
        """Each scope word in the strings ``node`` is built from, with its own span."""
        if depth > 10:
            return []
        if follow:
            node, scope = self.resolver.follow(node, scope)
            default = self._default(node, scope)
            if default is not None:
                return self._scope_refs(*default, urlencoded, True, depth + 1)
        if isinstance(node, tree.BooleanOperation) and node.operator == "or":
            # ``scopes or DEFAULT_SCOPES``: either may be requested
            return [*self._scope_refs(node.left, scope, urlencoded, True, depth + 1),
                    *self._scope_refs(node.right, scope, urlencoded, True, depth + 1)]
        if isinstance(node, tree.SimpleString):
            return self._literal_refs(node, urlencoded)
        if isinstance(node, tree.ConcatenatedString):
            return [*self._scope_refs(node.left, scope, urlencoded, follow, depth + 1),
                    *self._scope_refs(node.right, scope, urlencoded, follow, depth + 1)]
        if isinstance(node, tree.BinaryOperation) and node.operator == "+":
            return [*self._scope_refs(node.left, scope, urlencoded, True, depth + 1),
                    *self._scope_refs(node.right, scope, urlencoded, True, depth + 1)]
        if isinstance(node, tree.FormattedString):
            refs: list[ScopeRef] = []
            for part in node.parts:
                if isinstance(part, tree.FormattedStringExpression):
                    refs.extend(self._scope_refs(part.expression, scope, False, True, depth + 1))
            return refs
        if isinstance(node, tree.List | tree.Tuple | tree.Set):
            refs = []
            for element in node.elements:
                if isinstance(element, tree.Element):
                    refs.extend(self._scope_refs(element.value, scope, False, True, depth + 1))
            return refs
        if (isinstance(node, tree.Call) and isinstance(node.func, tree.Attribute)
                and node.func.attr.value == "join" and len(node.args) == 1):
            return self._scope_refs(node.args[0].value, scope, False, True, depth + 1)
        return []

    def _default(
        self, node: tree.BaseExpression, scope: LexicalScope
    ) -> tuple[tree.BaseExpression, LexicalScope] | None:
        """A parameter used with its default (``def __init__(self, scopes=DEFAULT)``): the
        default, evaluated where the function is defined."""
        if not isinstance(node, tree.Name):
            return None
        binding, holder = scope.lookup(node.value)
        if binding is not None or holder is None or holder.parent is None or len(
            holder.names.get(node.value, ())) != 1:
            return None  # bound to a value, not a parameter, or reassigned in the body
        default = self.defaults.get((id(holder), node.value))
        return (default, holder.parent) if default is not None else None

    def _literal_refs(self, node: tree.SimpleString, urlencoded: bool) -> list[ScopeRef]:
        value = string_literal_value(node)
        raw = node.value
        skip = len(raw) - len(raw.lstrip("rRbBuUfF"))
        quote = 3 if raw[skip:skip + 3] in ('"""', "'''") else 1
        inner = raw[skip + quote: len(raw) - quote]
        start = node.start + skip + quote
        text, base = value, 0
        if urlencoded:
            found = re.search(r"(?:^|&)scope=([^&]*)", value)
            if found is None:
                return []
            text, base = found.group(1), found.start(1)
        refs: list[ScopeRef] = []
        position = 0
        for word in _SCOPE_SPLIT.split(text):
            if not word:
                continue
            index = text.index(word, position)
            position = index + len(word)
            if not _SCOPE_WORD.match(word):
                continue
            offset = base + index
            if inner == value:
                begin = start + offset
                span = self._span(begin, begin + len(word))
            else:  # escapes in the literal: point at the whole string
                span = self.primary.span(node)
            refs.append(ScopeRef(word, span))
        return refs

    def _span(self, start: int, end: int) -> Span:
        line, column = self.primary.lines.position(start)
        end_line, end_column = self.primary.lines.position(end)
        return Span(self.primary.path, line, column, end_line, end_column)


def _constant_scope(word: str) -> bool:
    """``okta.users.read`` yes, ``okta.example.com`` (a host) no: known, or okta.*.<action>."""
    if is_known_scope(word):
        return True
    return _OKTA_SCOPE.match(word) is not None and word.rsplit(".", 1)[-1].lower() in (
        "read", "manage", "write", "self", "admin", "all")
