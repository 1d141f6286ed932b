"""HTTP client instances with a base URL, as JavaScript and TypeScript integrations make them.

``const okta = axios.create({ baseURL: `https://${domain}/api/v1` })`` and then
``okta.get("/users")``; ``got.extend({ prefixUrl })``, ``ky.create({ prefixUrl })`` the same.
The request's URL is the instance's base joined with the path it is handed (as axios, got and
ky join them: an absolute URL wins, one slash between), so the call is ``GET /api/v1/users``
instead of an unknown ``/users``. Instances are followed through a name bound once (module or
function), a class field (``private okta = axios.create(...)``) and ``this.okta = …`` in the
constructor. ``new URL(path, base)`` is the base joined the same way (a path starting with
``/`` replaces the base's path, so only the origin stays unknown).
"""

from __future__ import annotations

from typing import Final

import tree_sitter as ts

from oinlint.facts import HelperDef, TemplatePart
from oinlint.frontends.shared.paramtemplate import template_parts
from oinlint.frontends.treesitter.languages.javascript_sdk import JavaScriptSdk
from oinlint.frontends.treesitter.languages.javascript_values import UNWRAP
from oinlint.frontends.treesitter.values import LexicalScope, StrValue, joined_url

__all__ = ["JavaScriptClients", "joined_url"]

# factory method -> the option naming the base URL
_FACTORIES: Final = {"create": ("baseURL", "prefixUrl", "baseUrl"),
                     "extend": ("prefixUrl", "baseURL")}
_LIBRARIES: Final = frozenset({"axios", "got", "ky"})
# an instance's methods that take the URL first (``okta.get(url, config)``)
_VERBS: Final = ("get", "post", "put", "patch", "delete", "head")


class JavaScriptClients(JavaScriptSdk):
    """Base URLs of HTTP client instances, for the calls made through them."""

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        # field name -> the expression a class field or ``this.X = …`` was set to
        self.instance_fields: dict[str, tuple[ts.Node, LexicalScope]] = {}
        # (context, name) -> the pairs appended to a form object there
        # (``params.append("grant_type", "client_credentials")``)
        self.form_appends: dict[tuple[str, str], list[tuple[ts.Node, ts.Node]]] = {}

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        """Also ``new URL(path, base)``, its ``.href`` and ``.toString()``."""
        kind = node.type
        if kind == "new_expression":
            name, _ = self.callee(node)
            return self.url_object(node, scope, depth) if name == "URL" else None
        if kind == "call_expression":
            name, receiver = self.callee(node)
            args = node.child_by_field_name("arguments")
            if name == "toString" and receiver is not None and (
                    args is None or not args.named_children):
                return self.value(receiver, scope, depth + 1)
        if kind == "member_expression" and self.name_of(
                node.child_by_field_name("property")) == "href":
            obj = node.child_by_field_name("object")
            return self.value(obj, scope, depth + 1) if obj is not None else None
        return super().evaluate(node, scope, depth)

    def instance_base(self, receiver: ts.Node, scope: LexicalScope) -> StrValue | None:
        """The base URL of the client ``receiver`` names, when it is an instance made by
        ``axios.create`` / ``got.extend`` / ``ky.create`` with a base option."""
        found = self._instance(receiver, scope)
        return self.factory_base(*found) if found is not None else None

    def factory_base(self, made: ts.Node, where: LexicalScope) -> StrValue | None:
        """The base option of ``axios.create({ baseURL })`` (``got.extend``, ``ky.create``)
        when ``made`` is such a call, evaluated where it is written."""
        while made.type in UNWRAP and made.named_child_count:
            made = made.named_children[0]
        if made.type != "call_expression":
            return None
        name, library = self.callee(made)
        if name not in _FACTORIES or library is None or \
                self.text_of(library).rsplit(".", 1)[-1] not in _LIBRARIES:
            return None
        args = made.child_by_field_name("arguments")
        config = args.named_children[0] if args is not None and args.named_children else None
        if config is None:
            return None
        obj, at = self.object_of(config, where)
        for key, value in self.pairs(obj) if obj is not None else ():
            if key in _FACTORIES[name]:
                return self.value(value, at)
        return None

    def project_facts(self) -> None:
        """Also a ``HelperDef`` per HTTP method of each module-level client instance with a base
        URL, so that another module's ``okta.get("/users")`` resolves to ``GET
        /api/v1/users`` (the base and the path joined by one slash, as the libraries do)."""
        super().project_facts()
        for name, base in self.module_instances():
            made = self.module_scope.names[name][0][0]
            if made is None:
                continue
            parts = (*template_parts(base, ()), TemplatePart("/"), TemplatePart("", "url"))
            for verb in _VERBS:
                self.facts.append(HelperDef(self.span(made), "", f"{name}.{verb}", ("url",),
                                            parts, verb.upper()))

    def module_instances(self) -> list[tuple[str, StrValue]]:
        """The file's module-level client instances with a base URL (``export const okta =
        axios.create({ baseURL })``), by name: other modules call ``okta.get("/users")``."""
        found: list[tuple[str, StrValue]] = []
        for name, bindings in self.module_scope.names.items():
            if len(bindings) != 1 or bindings[0][0] is None:
                continue
            made, where = bindings[0]
            if made is None or made.type not in ("call_expression", *UNWRAP):
                continue
            base = self.factory_base(made, where)
            if base is not None and base.known:
                found.append((name, base))
        return found

    def _instance(self, receiver: ts.Node, scope: LexicalScope
                  ) -> tuple[ts.Node, LexicalScope] | None:
        while receiver.type in UNWRAP and receiver.named_child_count:
            receiver = receiver.named_children[0]
        if receiver.type == "identifier":  # a name bound once
            return self.follow_node(receiver, scope)
        obj = receiver.child_by_field_name("object")
        if receiver.type == "member_expression" and obj is not None and obj.type == "this":
            prop = self.name_of(receiver.child_by_field_name("property"))
            return self.instance_fields.get(prop) if prop is not None else None
        return None

    def remember_instance_field(self, name: str | None, value: ts.Node | None) -> None:
        """``private okta = axios.create(...)`` or ``this.okta = axios.create(...)``: kept by
        field name (the first one wins, as a constructor sets it once)."""
        if name is not None and value is not None and value.type in ("call_expression",
                                                                      *UNWRAP):
            self.instance_fields.setdefault(name, (value, self.scope))

    def url_object(self, node: ts.Node, scope: LexicalScope | None,
                   depth: int) -> StrValue | None:
        """``new URL(path, base)``: ``path`` against ``base``; ``new URL(url)``: ``url``."""
        args_node = node.child_by_field_name("arguments")
        args = args_node.named_children if args_node is not None else []
        if not args:
            return None
        path = self.value(args[0], scope, depth + 1)
        if path is None or len(args) < 2:
            return path
        base = self.value(args[1], scope, depth + 1) or StrValue.hole()
        return joined_url(base, path, origin_only=True)
