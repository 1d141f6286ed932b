"""What other modules need to resolve a JavaScript/TypeScript file's wrappers and imports.

A file is parsed alone, so ``import { oktaGet } from './okta'`` and ``oktaGet('/users')`` here
are half a fact, and ``export async function oktaGet(path) { return fetch(`${ORG}/api/v1${path}`)
}`` in ``okta.ts`` the other half. This layer writes the halves down as plain data for
:mod:`oinlint.crossfile`: ``HelperDef`` (a function whose HTTP call's URL comes from its
parameters, the URL in terms of them), ``HelperCall`` (a call of an imported name, of a method
of an imported class's instance, or of this file's own function from a function whose
parameters feed it), ``ScopeImport`` (scopes sent through an imported name) and ``ReExport``
(``export { x } from './y'``, ``export * from``, ``export default``, ``module.exports =``).
Callees are written ``<specifier>#<symbol>`` (``./okta#oktaGet``, ``../lib/okta#OktaClient.get``;
``:name`` for this file's own), package imports (``axios``) never: they are not the project's.
Parameters are evaluated as *markers* (private-use characters) that the string evaluator carries
through ``+`` and template literals like any literal text.
"""

from __future__ import annotations

from typing import Final

import tree_sitter as ts

from oinlint.facts import (
    HelperArg,
    HelperCall,
    HelperDef,
    ReExport,
    ScopeImport,
    ScopeRole,
)
from oinlint.frontends.shared.paramtemplate import decided_operation, marker, template_parts
from oinlint.frontends.treesitter.languages.javascript_values import UNWRAP, JavaScriptValues
from oinlint.frontends.treesitter.values import LexicalScope, StrValue
from oinlint.frontends.treesitter.walk import Walker

__all__ = ["JavaScriptProject"]

_PARAM_TYPES: Final = frozenset({"required_parameter", "optional_parameter"})
# where a node's value is kept: node type → the field holding the value
_VALUE_FIELDS: Final = {"variable_declarator": "value", "assignment_expression": "right",
                        "augmented_assignment_expression": "right",
                        "field_definition": "value", "public_field_definition": "value"}


def _compose(base: str, rest: str) -> str:
    """``./okta#`` + ``get`` → ``./okta#get``; ``./okta#Client`` + ``get`` → ``…#Client.get``."""
    if not rest:
        return base
    return base + rest if base.endswith("#") else f"{base}.{rest}"


def _result_kept(call: ts.Node) -> bool:
    """Is the call's result assigned (``x = f()``, ``const x = await f()``, a field's value),
    or handed straight to a constructor (``new Api(org, await f())``)? What the lifecycle pass
    follows as a token another module may have fetched."""
    child, parent = call, call.parent
    while parent is not None and parent.type in UNWRAP:
        child, parent = parent, parent.parent
    if parent is None:
        return False
    field = _VALUE_FIELDS.get(parent.type)
    if field is not None:
        value = parent.child_by_field_name(field)
        return value is not None and Walker.key(value) == Walker.key(child)
    if parent.type == "arguments" and parent.parent is not None and \
            parent.parent.type == "new_expression":
        return True
    return _sent_in_header(child)


# What a value passes through on its way into a header: `Bearer ${await f()}`, 'Bearer ' + f()
_HEADER_CARRIERS: Final = frozenset({"template_substitution", "template_string",
                                     "binary_expression", "parenthesized_expression",
                                     "await_expression", "as_expression",
                                     "non_null_expression"})


def _sent_in_header(node: ts.Node) -> bool:
    """Is the value built into an ``Authorization`` header (``{ Authorization: `Bearer
    ${await getToken()}` }``)? The token is then fetched where the header is sent."""
    parent = node.parent
    for _ in range(8):
        if parent is None:
            return False
        if parent.type == "pair":
            key = parent.child_by_field_name("key")
            raw = (key.text or b"") if key is not None else b""
            text = raw.decode("utf-8", "replace").strip("'\"`").lower()
            return text == "authorization"
        if parent.type not in _HEADER_CARRIERS:
            return False
        parent = parent.parent
    return False


class JavaScriptProject(JavaScriptValues):
    """Imports, exports, parameters and typed receivers, and the facts made of them."""

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.js_imports: dict[str, str] = {}  # local name → ``spec#symbol`` (``spec#``: all)
        self.params_of: dict[int, tuple[str, ...]] = {}  # id(function scope) → parameters
        self.typed: dict[tuple[int, str], str] = {}  # (id(scope), name) → its class
        self.field_types: dict[tuple[str, str], str] = {}  # (class context, field) → class
        self.classes: set[str] = set()  # contexts of this file's classes
        self.functions: set[str] = set()  # contexts of this file's named functions
        self.project_calls: list[tuple[ts.Node, LexicalScope, str]] = []
        self.kept_calls: list[tuple[ts.Node, LexicalScope, str]] = []  # assigned results
        # top-level ``x = new C()`` and ``export default new C()``: (node, name, creation)
        self.instances: list[tuple[ts.Node, str, ts.Node]] = []
        self.markers: dict[tuple[int, str], str] = {}

    # -- recorded during the walk ---------------------------------------------------------

    def project_import(self, node: ts.Node, spec: str) -> None:
        """``import x, { a as b }, * as ns from './m'`` of a project file."""
        if not spec.startswith("."):
            return
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for child in clause.named_children:
                if child.type == "identifier":
                    self.js_imports[self.text_of(child)] = f"{spec}#default"
                elif child.type == "namespace_import" and child.named_child_count:
                    self.js_imports[self.text_of(child.named_children[-1])] = f"{spec}#"
                elif child.type == "named_imports":
                    for item in child.named_children:
                        name = item.child_by_field_name("name")
                        alias = item.child_by_field_name("alias") or name
                        if item.type == "import_specifier" and name is not None and alias:
                            self.js_imports[self.text_of(alias)] = f"{spec}#{self.text_of(name)}"

    def project_require(self, target: ts.Node, spec: str) -> None:
        """``const okta = require('./okta')`` / ``const { get: g } = require('./okta')``."""
        if not spec.startswith("."):
            return
        if target.type == "identifier":
            self.js_imports[self.text_of(target)] = f"{spec}#"
            return
        for child in target.named_children if target.type == "object_pattern" else ():
            if child.type == "shorthand_property_identifier_pattern":
                self.js_imports[self.text_of(child)] = f"{spec}#{self.text_of(child)}"
            elif child.type == "pair_pattern":
                key = self.name_of(child.child_by_field_name("key"))
                value = child.child_by_field_name("value")
                if key and value is not None and value.type == "identifier":
                    self.js_imports[self.text_of(value)] = f"{spec}#{key}"

    def project_parameters(self, node: ts.Node) -> None:
        """The enclosing function's positional parameters, and the classes they are typed
        with (``client: OktaClient``; ``private client: OktaClient`` is also a field)."""
        names: list[str] = []
        for param in node.named_children:
            target = param
            if param.type in _PARAM_TYPES:
                target = param.child_by_field_name("pattern") or param
                kind = param.child_by_field_name("type")
                type_name = self._type_name(kind)
                if type_name and target.type == "identifier":
                    name = self.text_of(target)
                    self.typed[(id(self.scope), name)] = type_name
                    if any(c.type == "accessibility_modifier" for c in param.children):
                        self.field_types[(self._class_context(), name)] = type_name
            elif param.type == "assignment_pattern":
                target = param.child_by_field_name("left") or param
            names.append(self.text_of(target) if target.type == "identifier" else "")
        self.params_of[id(self.scope)] = tuple(names)
        if self.scope.name and self.scope.kind == "function":
            self.functions.add(self.context)

    def project_field(self, node: ts.Node) -> None:
        """``private client: OktaClient`` / ``client = new OktaClient()`` in a class body."""
        name = self.name_of(node.child_by_field_name("property") or node.child_by_field_name(
            "name"))
        if name is None:
            return
        type_name = self._type_name(node.child_by_field_name("type"))
        value = node.child_by_field_name("value")
        if type_name is None and value is not None and value.type == "new_expression":
            type_name, _ = self.callee(value)
        if type_name:
            self.field_types[(self.context, name)] = type_name

    def project_assignment(self, left: ts.Node, right: ts.Node) -> None:
        """``this.client = new OktaClient()``; ``module.exports = X`` / ``= { a, b: c }``."""
        text = self.text_of(left)
        obj = left.child_by_field_name("object")
        prop = self.name_of(left.child_by_field_name("property"))
        if obj is not None and obj.type == "this" and prop and right.type == "new_expression":
            name, _ = self.callee(right)
            if name:
                self.field_types[(self._class_context(), prop)] = name
        elif text == "module.exports":
            if right.type == "identifier":
                self.reexport(left, "default", f":{self.text_of(right)}")
            elif right.type == "new_expression":
                self.instances.append((left, "default", right))
            elif right.type == "object":
                for key, value in self.pairs(right):
                    if value.type == "identifier" and key != self.text_of(value):
                        self.reexport(left, key, f":{self.text_of(value)}")
        elif obj is not None and self.text_of(obj) in ("exports", "module.exports") and prop \
                and right.type == "identifier" and prop != self.text_of(right):
            self.reexport(left, prop, f":{self.text_of(right)}")

    def on_export_statement(self, node: ts.Node) -> None:
        source = node.child_by_field_name("source")
        spec = self.literal(source) if source is not None else None
        declaration = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        if any(c.type == "default" for c in node.children):
            named = declaration.child_by_field_name("name") if declaration else None
            target = named if named is not None else value
            if target is not None and target.type in ("identifier", "type_identifier"):
                self.reexport(node, "default", f":{self.text_of(target)}")
            elif target is not None and target.type == "new_expression":
                self.instances.append((node, "default", target))
            return
        if spec is not None and not spec.startswith("."):
            return
        if spec is not None and any(c.type == "*" for c in node.children):
            names = [c for c in node.named_children if c.type == "namespace_export"]
            alias = names[0].named_children[-1] if names and names[0].named_child_count else None
            self.reexport(node, self.text_of(alias) if alias else "*", f"{spec}#")
            return
        for clause in node.named_children:
            if clause.type != "export_clause":
                continue
            for item in clause.named_children:
                name = item.child_by_field_name("name")
                alias = item.child_by_field_name("alias") or name
                if name is None or alias is None:
                    continue
                goes = f"{spec}#{self.text_of(name)}" if spec else f":{self.text_of(name)}"
                if spec or self.text_of(alias) != self.text_of(name):
                    self.reexport(item, self.text_of(alias), goes)

    def reexport(self, node: ts.Node, name: str, target: str) -> None:
        self.facts.append(ReExport(self.span(node), self.context, name, target))

    def project_binding(self, target: ts.Node, value: ts.Node, spec: str | None) -> None:
        """``const x = …``: a ``require`` of module ``spec``, or maybe an instance."""
        if spec is not None:
            self.project_require(target, spec)
        else:
            self.project_instance(target, value)

    def project_instance(self, target: ts.Node, value: ts.Node) -> None:
        """``export const tokens = new TokenSource()`` at the top level: other modules call
        its methods (``tokens.fetch()``), which are the class's (a ``ReExport``, after the
        walk)."""
        while value.type in UNWRAP and value.named_child_count:
            value = value.named_children[0]
        if self.scope.parent is None and target.type == "identifier" and \
                value.type == "new_expression":
            self.instances.append((target, self.text_of(target), value))

    def project_call(self, node: ts.Node) -> None:
        args = node.child_by_field_name("arguments")
        if args is not None and args.named_child_count:
            self.project_calls.append((node, self.scope, self.context))
        if self.js_imports and _result_kept(node):
            self.kept_calls.append((node, self.scope, self.context))

    def on_class_body(self, node: ts.Node) -> None:
        self.classes.add(self.context)

    def _type_name(self, annotation: ts.Node | None) -> str | None:
        if annotation is None:
            return None
        for child in (annotation, *annotation.named_children):
            if child.type == "type_identifier":
                return self.text_of(child)
        return None

    def _class_context(self) -> str:
        """The context of the class the walk is in (a method's context minus the method)."""
        context = self.context
        while context and context not in self.classes:
            context = context.rpartition(".")[0]
        return context

    # -- resolved after the walk ----------------------------------------------------------

    def imported(self, name: str, scope: LexicalScope) -> str | None:
        """The import a name refers to where it is used (None when a local shadows it)."""
        base = self.js_imports.get(name)
        if base is None:
            return None
        for where in scope.chain():
            if name in where.names and where.parent is not None:
                return None
        return base

    def class_callee(self, name: str, scope: LexicalScope) -> str | None:
        """How another module names a class used here: imported, or ``:Class`` (this file's)."""
        imported = self.imported(name, scope)
        if imported is not None:
            return imported
        return f":{name}" if name in self.classes else None

    def receiver_class(self, node: ts.Node, scope: LexicalScope, context: str) -> str | None:
        """The class of a call's receiver: ``client`` (typed, or ``= new C()``), ``this.c``."""
        while node.type in UNWRAP and node.named_child_count:
            node = node.named_children[0]
        if node.type == "identifier":
            name = self.text_of(node)
            for where in scope.chain():
                if name in where.names:
                    typed = self.typed.get((id(where), name))
                    if typed is not None:
                        return self.class_callee(typed, scope)
                    break
            found = scope.lookup(name)
            value = found[0] if found is not None else None
            while value is not None and value.type in UNWRAP and value.named_child_count:
                value = value.named_children[0]
            if value is not None and value.type == "new_expression":
                return self.receiver_class(value, scope, context)
            return None
        if node.type == "new_expression":  # ``new TokenSource().fetch()``
            cls, receiver = self.callee(node)
            return self.class_callee(cls, scope) if cls and receiver is None else None
        if node.type == "member_expression":
            obj = node.child_by_field_name("object")
            prop = self.name_of(node.child_by_field_name("property"))
            if obj is not None and obj.type == "this" and prop:
                owner = context
                while owner and owner not in self.classes:
                    owner = owner.rpartition(".")[0]
                cls = self.field_types.get((owner, prop))
                return self.class_callee(cls, scope) if cls else None
        return None

    def project_callee(self, node: ts.Node, scope: LexicalScope, context: str
                       ) -> str | None:
        """How another module names the function called, when it may be the project's."""
        function = node.child_by_field_name("function")
        while function is not None and function.type in UNWRAP and function.named_child_count:
            function = function.named_children[0]
        if function is None:
            return None
        if function.type == "identifier":
            name = self.text_of(function)
            imported = self.imported(name, scope)
            if imported is not None:
                return imported
            return f":{name}" if name in self.functions else None
        if function.type != "member_expression":
            return None
        obj = function.child_by_field_name("object")
        method = self.name_of(function.child_by_field_name("property"))
        if obj is None or not method:
            return None
        if obj.type == "identifier":
            imported = self.imported(self.text_of(obj), scope)
            if imported is not None:
                return _compose(imported, method)
        if obj.type == "this":
            owner = context
            while owner and owner not in self.classes:
                owner = owner.rpartition(".")[0]
            return f":{owner}.{method}" if owner else None
        cls = self.receiver_class(obj, scope, context)
        return _compose(cls, method) if cls is not None else None

    def function_of(self, scope: LexicalScope) -> tuple[LexicalScope, tuple[str, ...]] | None:
        """The nearest named function around ``scope`` and its parameters."""
        for where in scope.chain():
            params = self.params_of.get(id(where))
            if params is not None and where.name:
                return where, params
            if where.kind == "class":
                return None
        return None

    def marked(self, node: ts.Node, scope: LexicalScope, function: LexicalScope | None,
               params: tuple[str, ...]) -> StrValue | None:
        """The value of ``node`` with ``function``'s parameters as markers."""
        self.markers = {(id(function), p): marker(i)
                        for i, p in enumerate(params) if p} if function is not None else {}
        try:
            return self.value(node, scope)
        finally:
            self.markers = {}

    def name_value(self, name: str, scope: LexicalScope | None, depth: int) -> StrValue | None:
        if self.markers and scope is not None:
            for where in scope.chain():
                if name in where.names:
                    marker = self.markers.get((id(where), name))
                    if marker is not None:
                        return StrValue.of((marker,), "literal")
                    break
        return super().name_value(name, scope, depth)

    def project_facts(self) -> None:
        """HelperDef for each wrapper's HTTP call, HelperCall for each call of the project's
        own functions (after the walk: every name is bound by now)."""
        for call in self.http_calls:
            if call.url is None:
                continue
            found = self.function_of(call.scope)
            if found is None:
                continue
            function, params = found
            value = self.marked(call.url, call.scope, function, params)
            if value is None:
                continue
            parts = template_parts(value, params)
            method_param = ""
            if call.method is None and call.method_node is not None and \
                    call.method_node.type in ("identifier", "shorthand_property_identifier"):
                text = self.text_of(call.method_node)
                method_param = text if text in params else ""
            if (any(p.param for p in parts) or method_param) and not decided_operation(
                    call.method, parts):
                self.facts.append(HelperDef(self.span(call.node), call.context, call.context,
                                            params, parts, call.method, method_param))
        for node, scope, context in self.project_calls:
            callee = self.project_callee(node, scope, context)
            if callee is not None:
                self.project_helper_call(node, callee, scope, context)
        for target, name, created in self.instances:
            cls, receiver = self.callee(created)
            instance_of = self.class_callee(cls, self.module_scope) if cls and receiver is None \
                else None
            if instance_of is not None:
                self.reexport(target, name, instance_of)
        for node, scope, context in self.kept_calls:
            callee = self.project_callee(node, scope, context)
            if callee is not None and callee.startswith(("./", "../")):
                self.handoff_calls[self.key(node)] = (node, callee)

    def project_helper_call(self, node: ts.Node, callee: str, scope: LexicalScope,
                            context: str) -> None:
        found = self.function_of(scope)
        function, params = found if found is not None else (None, ())
        args: list[HelperArg] = []
        args_node = node.child_by_field_name("arguments")
        for arg in args_node.named_children if args_node is not None else ():
            if arg.type == "comment":
                continue
            if arg.type == "spread_element":
                return  # ``...args``: positions unknown
            value = self.marked(arg, scope, function, params)
            args.append(HelperArg("", template_parts(value, params) if value is not None else ()))
        used = any(p.param for a in args for p in a.parts)
        if callee.startswith(":") and not used:
            return  # this file's own function: one file already judges it
        if not any(p.param or "/" in p.text for a in args for p in a.parts) and \
                not callee.startswith(("./", "../")):
            return
        self.facts.append(HelperCall(self.span(node), context, callee, tuple(args),
                                     params if used else ()))

    def scope_import(self, node: ts.Node, scope: LexicalScope, context: str,
                     role: ScopeRole) -> bool:
        """Scopes sent through an imported name (``SCOPES``, ``SCOPES.join(' ')``,
        ``conf.SCOPES``): a ``ScopeImport``."""
        for _ in range(6):
            while node.type in UNWRAP and node.named_child_count:
                node = node.named_children[0]
            if node.type == "call_expression":
                name, receiver = self.callee(node)
                if name != "join" or receiver is None:
                    return False
                node = receiver
                continue
            if node.type == "template_string":
                subs = [c for c in node.named_children if c.type == "template_substitution"]
                if len(subs) != 1 or not subs[0].named_child_count:
                    return False
                node = subs[0].named_children[0]
                continue
            if node.type == "identifier":
                symbol = self.imported(self.text_of(node), scope)
                if symbol is None:
                    found = scope.lookup(self.text_of(node))
                    if found is None:
                        return False
                    node, scope = found
                    continue
            elif node.type == "member_expression":
                obj = node.child_by_field_name("object")
                prop = self.name_of(node.child_by_field_name("property"))
                base = self.imported(self.text_of(obj), scope) if obj is not None and \
                    obj.type == "identifier" else None
                symbol = _compose(base, prop) if base is not None and prop else None
            else:
                return False
            if symbol is None:
                return False
            self.facts.append(ScopeImport(self.span(node), context, symbol, role))
            return True
        return False
