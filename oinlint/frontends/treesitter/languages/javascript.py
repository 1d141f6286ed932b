"""JavaScript, TypeScript and TSX: facts from the tree-sitter-javascript / -typescript trees.

Strings (:mod:`.javascript_values`, the analyzer's base): literals, template literals, ``+``,
``[..].join(sep)``, ``util.format``, ``.concat`` and names bound once (``const``/``let``/``var``,
object-literal members). Headers: ``Authorization`` keys of object literals (``fetch``/axios/got
``headers``), ``headers.set/append(...)``, ``setHeader``/``setRequestHeader``/``header(...)``,
``h["Authorization"] = …`` and ``h.Authorization = …``, ``new Headers([["Authorization", v]])``.
SDK: ``new okta.Client({...})`` (``require``/``import`` of ``@okta/okta-sdk-nodejs``, the
config object inline or bound to a name). HTTP: ``fetch``, ``axios[.method]``, ``got``,
``superagent`` and any ``x.get/post/...(url)`` whose URL reaches ``/api/v1/`` or a token
endpoint.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.frontends.shared.vocabulary import EXCEPTION_TYPE, MESSAGE_CALL
from oinlint.frontends.treesitter.analyzer import Analyzer, HttpCall
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.grammars import GrammarSource
from oinlint.frontends.treesitter.languages.javascript_clients import JavaScriptClients, joined_url
from oinlint.frontends.treesitter.languages.javascript_sdk import (
    MODEL_METHODS,
    OKTA_MODULE,
)
from oinlint.frontends.treesitter.languages.javascript_values import UNWRAP
from oinlint.frontends.treesitter.lifecycle.syntax import LifecycleSyntax
from oinlint.frontends.treesitter.transport import TransportSyntax
from oinlint.frontends.treesitter.values import LexicalScope, StrValue
from oinlint.frontends.treesitter.walk import Leave

__all__ = ["JAVASCRIPT", "TSX", "TYPESCRIPT", "JavaScriptAnalyzer"]

# okta-sdk-nodejs's ``client.http`` methods: the verb each sends (None: the request's ``method``)
_SDK_HTTP: Final = {"http": None, "json": None, "getJson": "GET", "postJson": "POST",
                    "putJson": "PUT", "delete": "DELETE"}
_HTTP_METHODS: Final = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
# a URL object's query (``url.searchParams.append("grant_type", …)``) and the URL sent
_SEARCH_PARAMS: Final = re.compile(r"[A-Za-z_$][\w$]*\.searchParams")
_URL_OBJECT: Final = re.compile(r"([A-Za-z_$][\w$]*)(?:\.href|\.toString\(\))?")
_HEADER_SETTERS: Final = frozenset({"set", "append", "setHeader", "setRequestHeader", "header",
                                    "add", "put"})
# a client of the SDK by its name: ``client``, ``oktaClient``, ``this.readOnlyClient``
_CLIENT_NAME: Final = re.compile(r"(?:^|[a-z_])[cC]lient$")
# a project's own alias or subclass of the SDK's client: ``OktaClient``, ``OktaApiClient``
_OKTA_CLIENT_CLASS: Final = re.compile(r"Okta\w*Client")
# simple-oauth2's client-credentials client, imported or required
_SIMPLE_OAUTH2: Final = re.compile(rb"""["']simple-oauth2["']""")
_FUNCTIONS: Final = frozenset({"function_declaration", "generator_function_declaration",
                               "function_expression", "function", "generator_function",
                               "arrow_function", "method_definition"})

LIFECYCLE: Final = LifecycleSyntax(
    functions=_FUNCTIONS,
    methods=frozenset({"method_definition"}),
    classes=frozenset({"class_declaration", "class", "abstract_class_declaration"}),
    loops=frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"}),
    assignments={"assignment_expression": ("left", "right"),
                 "augmented_assignment_expression": ("left", "right"),
                 "variable_declarator": ("name", "value"),
                 "field_definition": ("property", "value"),
                 "public_field_definition": ("name", "value")},
    declarations={"variable_declarator": "name", "field_definition": "property",
                  "public_field_definition": "name"},
    parameters=frozenset({"formal_parameters"}),
    returns=frozenset({"return_statement"}),
    calls=frozenset({"call_expression"}),
    identifiers=frozenset({"identifier", "shorthand_property_identifier",
                           "shorthand_property_identifier_pattern"}),
    self_names=frozenset({"this"}),
    clock=re.compile(r"Date\.now\(|new Date\(|performance\.now\(|process\.hrtime|\.getTime\(\)"
                     r"|Date\.parse\(|dayjs\(|moment\("),
    comparisons=frozenset({"binary_expression"}),
    cases=frozenset({"switch_case"}),
    strings=frozenset({"string", "template_string"}), modules=True,
)

TRANSPORT: Final = TransportSyntax(
    calls=frozenset({"call_expression"}),
    creations=frozenset({"new_expression"}),
    strings=frozenset({"string", "template_string"}),
    identifiers=frozenset({"identifier", "shorthand_property_identifier"}),
    members={"member_expression": "property"},
    subscripts=frozenset({"subscript_expression"}),
    functions=_FUNCTIONS,
    print_receivers=frozenset({"console", "process.stdout", "process.stderr"}),
    pairs={"pair": ("key", "value")},
    assignments={"assignment_expression": ("left", "right")},
    verify_off={"rejectUnauthorized": frozenset({"false"}), "strictSSL": frozenset({"false"}),
                "NODE_TLS_REJECT_UNAUTHORIZED": frozenset({"0"})},
)


class JavaScriptAnalyzer(JavaScriptClients):
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset({"string", "template_string"})
    CONCAT_TYPES: ClassVar[frozenset[str]] = frozenset({"binary_expression"})
    LANGUAGE_NAME: ClassVar[str] = "JavaScript/TypeScript"

    # -- names ----------------------------------------------------------------------------

    def bind_pattern(self, pattern: ts.Node | None, value: ts.Node | None) -> None:
        if pattern is None:
            return
        if pattern.type == "identifier":
            self.scope.bind(self.text_of(pattern), value)
            return
        for child in pattern.named_children:
            if child.type in ("identifier", "shorthand_property_identifier_pattern"):
                self.scope.bind(self.text_of(child), None)
            elif child.type in ("object_assignment_pattern", "assignment_pattern"):
                left = child.child_by_field_name("left")
                if left is not None and left.type in ("identifier",
                                                      "shorthand_property_identifier_pattern"):
                    # const { OKTA_CLIENT_SECRET = "literal" } = process.env
                    self.scope.bind(self.text_of(left), None)
                    self.named_value(self.text_of(left), child.child_by_field_name("right"))
                    continue
                self.bind_pattern(child, None)
            elif child.type in ("pair_pattern", "object_assignment_pattern", "assignment_pattern",
                                "rest_pattern", "object_pattern", "array_pattern"):
                self.bind_pattern(child, None)

    # -- scopes ---------------------------------------------------------------------------

    def function(self, node: ts.Node) -> Leave:
        name_node = node.child_by_field_name("name")
        if name_node is not None and node.type.endswith("declaration"):
            self.scope.bind(self.text_of(name_node), None)
            if self.scope is self.module_scope:
                self.declared_functions.setdefault(self.text_of(name_node), node)
        return self.enter(self.function_name(node), node)

    def function_name(self, node: ts.Node) -> str | None:
        """A function's own name, or the name it is assigned to (``const f = () => …``)."""
        name_node = node.child_by_field_name("name")
        name = self.text_of(name_node) if name_node is not None else None
        if name is None and node.parent is not None:
            parent = node.parent
            if parent.type == "variable_declarator":
                name = self.name_of(parent.child_by_field_name("name"))
            elif parent.type in ("pair", "assignment_expression", "field_definition",
                                 "public_field_definition"):
                target = (parent.child_by_field_name("key") or parent.child_by_field_name("left")
                          or parent.child_by_field_name("property")
                          or parent.child_by_field_name("name"))
                if target is not None and target.type == "member_expression":
                    target = target.child_by_field_name("property")
                name = self.name_of(target)
        return name

    def lc_function_name(self, node: ts.Node) -> str:
        return self.function_name(node) or ""

    def lc_is_method(self, node: ts.Node, syntax: LifecycleSyntax) -> bool:
        """Methods, and functions kept in a class field, an object or a member
        (``getToken = async () => …``, ``{ get() {} }``, ``exports.f = …``)."""
        parent = node.parent
        return node.type == "method_definition" or (parent is not None and parent.type in (
            "field_definition", "public_field_definition", "pair", "assignment_expression")
            and (parent.type != "assignment_expression" or (
                (left := parent.child_by_field_name("left")) is not None
                and left.type == "member_expression")))

    def lc_call(self, node: ts.Node) -> tuple[str | None, str | None]:
        name, receiver = self.callee(node)
        return name, self.text_of(receiver) if receiver is not None else None

    def lc_implicit_returns(self, node: ts.Node) -> list[ts.Node]:
        body = node.child_by_field_name("body")
        if node.type == "arrow_function" and body is not None and body.type != "statement_block":
            return [body]
        return []

    on_function_declaration = function
    on_generator_function_declaration = function
    on_function_expression = function
    on_function = function
    on_generator_function = function
    on_arrow_function = function
    on_method_definition = function

    def on_class_declaration(self, node: ts.Node) -> Leave:
        name_node = node.child_by_field_name("name")
        name = self.text_of(name_node) if name_node is not None else None
        if name is not None:
            self.scope.bind(name, None)
        return self.enter(name, node, "class")

    on_class = on_class_declaration
    on_abstract_class_declaration = on_class_declaration

    def on_formal_parameters(self, node: ts.Node) -> None:
        self.project_parameters(node)
        for param in node.named_children:
            target: ts.Node | None = param
            default: ts.Node | None = None
            if param.type == "assignment_pattern":
                target, default = param.child_by_field_name("left"), param.child_by_field_name(
                    "right")
            elif param.type in ("required_parameter", "optional_parameter"):
                target, default = param.child_by_field_name("pattern"), param.child_by_field_name(
                    "value")
            self.bind_pattern(target, None)
            if default is not None and target is not None and target.type == "identifier":
                self.named_value(self.text_of(target), default)

    # -- bindings and values --------------------------------------------------------------

    def on_variable_declarator(self, node: ts.Node) -> None:
        target = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if target is None:
            return
        if value is not None and self.is_require(value):
            self.okta_import(target)
        elif value is not None:
            self.project_binding(target, value, self.required(value))
        self.bind_pattern(target, value)
        if target.type != "identifier" or value is None:
            return
        name = self.text_of(target)
        self.declared_value(name, value)
        self.object_secrets(value, name)

    def on_import_statement(self, node: ts.Node) -> None:
        source = node.child_by_field_name("source")
        module = self.literal(source) if source is not None else None
        if module is not None:
            self.project_import(node, module)
        if module is not None and module.startswith(OKTA_MODULE + "/"):
            self.okta_sdk_file = True  # types from inside the SDK's package
        if module != OKTA_MODULE:
            return
        for clause in node.named_children:
            if clause.type == "import_clause":
                self.okta_import(clause)

    def is_require(self, value: ts.Node) -> bool:
        return self.required(value) == OKTA_MODULE

    def required(self, value: ts.Node) -> str | None:
        """The module ``require('m')`` (``await import('m')``) names, else None."""
        while value.type in UNWRAP and value.named_child_count:
            value = value.named_children[0]
        if value.type != "call_expression":
            return None
        name, receiver = self.callee(value)
        args = value.child_by_field_name("arguments")
        if name != "require" or receiver is not None or args is None or not args.named_children:
            return None
        return self.literal(args.named_children[0])

    def okta_import(self, target: ts.Node) -> None:
        """Names bound to the okta module or to its ``Client`` class."""
        self.okta_sdk_file = True
        stack = [target]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind == "identifier" and node.parent is not None and node.parent.type in (
                "import_clause", "namespace_import", "variable_declarator"
            ):
                self.okta_modules.add(self.text_of(node))
            elif kind in ("import_specifier", "pair_pattern"):
                name = node.child_by_field_name("name") or node.child_by_field_name("key")
                alias = node.child_by_field_name("alias") or node.child_by_field_name("value")
                if name is not None and self.text_of(name) == "Client":
                    self.okta_classes.add(self.text_of(alias or name))
                elif name is not None and self.text_of(name) in MODEL_METHODS:
                    self.okta_models[self.text_of(alias or name)] = self.text_of(name)
            elif kind == "shorthand_property_identifier_pattern":
                if self.text_of(node) == "Client":
                    self.okta_classes.add("Client")
            else:
                stack.extend(node.named_children)

    def on_assignment_expression(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        while left.type in UNWRAP and left.named_child_count:
            left = left.named_children[0]
        self.project_assignment(left, right)
        if left.type == "identifier":
            self.scope.bind(self.text_of(left), right)
            self.named_value(self.text_of(left), right)
        elif left.type == "member_expression":
            prop = left.child_by_field_name("property")
            name = self.name_of(prop)
            obj = left.child_by_field_name("object")
            if obj is not None and obj.type == "this":
                self.remember_instance_field(name, right)
            if name is not None and name.lower() == "authorization":
                self.header(None, right)
                return
            self.named_value(name, right)
        elif left.type == "subscript_expression":
            index = left.child_by_field_name("index")
            if index is not None:
                self.header(index, right, standalone=True)
                self.named_value(self.name_of(index), right)
                return
        self.value_position(right)

    def on_augmented_assignment_expression(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            self.scope.bind(self.text_of(left), None)

    def field(self, node: ts.Node) -> None:
        name = self.name_of(node.child_by_field_name("property") or node.child_by_field_name(
            "name"))
        value = node.child_by_field_name("value")
        self.project_field(node)
        self.remember_instance_field(name, value)
        self.named_value(name, value)
        self.value_position(value)

    on_field_definition = field
    on_public_field_definition = field

    def on_pair(self, node: ts.Node) -> None:
        key = node.child_by_field_name("key")
        value = node.child_by_field_name("value")
        if key is None or value is None:
            return
        name = self.name_of(key)
        if name is None:
            if key.type == "computed_property_name" and key.named_child_count:
                self.header(key.named_children[0], value, standalone=True)
            return
        if name.strip().lower() == "authorization":
            self.header(None, value)
            return
        self.entry_value(name, value)

    def object_secrets(self, value: ts.Node, name: str | None) -> None:
        if value.type == "object":
            self.jwk(self.pairs(value), name)

    on_return_statement = Analyzer.value_children

    def on_array(self, node: ts.Node) -> None:
        elements = node.named_children
        if len(elements) == 2 and elements[0].type == "string":
            key = self.literal(elements[0])
            if key is not None and key.strip().lower() == "authorization":
                self.header(None, elements[1])
                return
        for element in elements:
            self.value_position(element)

    on_throw_statement = Analyzer.message

    def on_binary_expression(self, node: ts.Node) -> Leave | None:
        return self.binary_operator(node, defaults=("||", "??"),
                                    comparisons=("==", "===", "!=", "!=="))

    def lookup_name(self, node: ts.Node) -> str | None:
        """The name an environment / config lookup reads: ``process.env.X``, ``cfg.get('X')``."""
        while node.type in UNWRAP and node.named_child_count:
            node = node.named_children[0]
        if node.type == "member_expression":
            return self.name_of(node.child_by_field_name("property"))
        if node.type == "subscript_expression":
            return self.name_of(node.child_by_field_name("index"))
        if node.type == "call_expression":
            args = node.child_by_field_name("arguments")
            if args is not None and args.named_children:
                return self.literal(args.named_children[0])
        return None

    # -- calls ----------------------------------------------------------------------------

    def on_call_expression(self, node: ts.Node) -> Leave | None:
        name, receiver = self.callee(node)
        args_node = node.child_by_field_name("arguments")
        args = [a for a in args_node.named_children if a.type != "comment"] if args_node else []
        if name is not None and MESSAGE_CALL.match(name):
            return self.in_message()
        self.helper_call(node, name, args)
        self.project_call(node)
        if name in _HEADER_SETTERS and receiver is not None and len(args) >= 2:
            self.header(args[0], args[1])
        if name in ("append", "set") and receiver is not None and len(args) == 2 and (
                receiver.type == "identifier" or _SEARCH_PARAMS.fullmatch(self.text_of(receiver))):
            # ``params.append("grant_type", …)``; ``url.searchParams.append(…)`` of a URL object
            self.form_appends.setdefault((self.context, self.text_of(receiver)), []).append(
                (args[0], args[1]))
        if name in ("get", "fetch") and receiver is not None and len(args) >= 2:
            self.named_value(self.literal(args[0]), args[1])  # config.get("X", "default")
        for arg in args:
            self.value_position(arg)
        if name is not None and receiver is not None and self.sdk_receiver(receiver) \
                and self.sdk_operation(node, name, "okta-sdk-nodejs"):
            return None  # client.userApi.listUsers(), this.client.getGroup(id)
        operation = self.sdk_model_operation(name, receiver, node) \
            if name is not None and receiver is not None else None
        if operation is not None and self.sdk_operation(node, operation, "okta-sdk-nodejs"):
            return None  # user.addToGroup(groupId) on a user the SDK returned
        if name is not None and receiver is not None and not self.okta_sdk_file:
            self.imported_sdk_call(node, name, receiver)  # client.userApi.listUsers(), imported
        if self.library_token(node, name, receiver, args):
            return None
        self.http_call(node, name, receiver, args)
        return None

    def library_token(self, node: ts.Node, name: str | None, receiver: ts.Node | None,
                      args: list[ts.Node]) -> bool:
        """A client-credentials token from an OAuth library: openid-client's
        ``client.grant({grant_type: "client_credentials", scope})`` and v6's
        ``clientCredentialsGrant(config, {scope})``, simple-oauth2's
        ``new ClientCredentials(…).getToken({scope})``. The library sends the POST; the
        parameters object is its form."""
        if name is None or (receiver is None and name != "clientCredentialsGrant"):
            return False
        params: ts.Node | None = None
        if name == "grant" and args:
            params = args[0]
        elif name == "clientCredentialsGrant":
            params = args[1] if len(args) > 1 else None
        elif name == "getToken" and _SIMPLE_OAUTH2.search(self.data) is not None:
            params = args[0] if args else None
        else:
            return False
        call = self.library_token_call(node, name)
        if params is not None:
            self.http_body(call, params)
        grant = call.form.get("grant_type")
        if name == "grant" and (grant is None or self.literal(grant) != "client_credentials"):
            return False  # an authorization-code or refresh grant, or another ``grant()``
        if name == "getToken" and ("code" in call.form or "username" in call.form):
            return False  # simple-oauth2's AuthorizationCode / ResourceOwnerPassword
        self.http(call)
        return True

    def sdk_receiver(self, receiver: ts.Node) -> bool:
        """Is ``receiver`` an okta-sdk-nodejs client or one of its API objects, in a file that
        uses the SDK: ``client.userApi``, ``this.client``, ``oktaClient`` (the method name must
        then be an Okta operation id)."""
        if not self.okta_sdk_file:
            return False
        text = self.text_of(receiver)
        last = text.rsplit(".", 1)[-1]
        return (receiver.type == "member_expression" and text.endswith("Api")) or \
            _CLIENT_NAME.search(last) is not None

    def on_new_expression(self, node: ts.Node) -> Leave | None:
        name, receiver = self.callee(node)
        if name is not None and EXCEPTION_TYPE.search(name):
            return self.in_message()
        args_node = node.child_by_field_name("arguments")
        args = [a for a in args_node.named_children if a.type != "comment"] if args_node else []
        receiver_name = self.text_of(receiver) if receiver is not None else None
        if (name == "Client" and receiver_name is not None and (
            receiver_name in self.okta_modules or receiver_name == "okta"
        )) or (receiver is None and name is not None and (
            name in self.okta_classes or (self.okta_sdk_file and _OKTA_CLIENT_CLASS.fullmatch(
                name) is not None))):
            scope, context = self.scope, self.context
            self.later(lambda: self.node_sdk(node, args, scope, context))
            self.sdk_export(node)
        for arg in args:
            self.value_position(arg)
        return None

    def node_sdk(self, node: ts.Node, args: list[ts.Node], scope: LexicalScope,
                 context: str) -> None:
        if not args:
            self.sdk(node, "okta-sdk-nodejs", None, (), None, context)
            return
        config, where = self.object_of(args[0], scope)
        configs = [(config, where)] if config is not None else self.config_branches(args[0],
                                                                                   scope)
        if not configs:
            self.unresolved(node, "okta-sdk-nodejs config",
                            "the Client configuration is not an object literal in this file",
                            context)
            return
        for config, where in configs:
            self.node_sdk_config(node, config, where, context)

    def config_branches(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                                                                             LexicalScope]]:
        """The object literals a configuration name is given in each branch (``let c; if (t)
        c = { token } else c = { scopes }``): one client per branch, whichever runs."""
        while node.type in UNWRAP and node.named_child_count:
            node = node.named_children[0]
        if node.type != "identifier":
            return []
        found = []
        for value, where in scope.alternatives(self.text_of(node)):
            obj, at = self.object_of(value, where)
            if obj is not None:
                found.append((obj, at))
        return found

    def node_sdk_config(self, node: ts.Node, config: ts.Node, where: LexicalScope,
                        context: str) -> None:
        options: list[str] = []
        auth_mode: str | None = None
        token: ts.Node | None = None
        mode_node: ts.Node | None = None
        for key, value in self.pairs(config):
            options.append(key)
            if key == "authorizationMode":
                mode_node = value
                mode = self.value(value, where)
                auth_mode = mode.literal if mode is not None and mode.literal else "?"
            elif key == "token" and token is None:
                token = value
            elif key == "scopes":
                self.sdk_scopes(value, where, context)
        self.sdk(node, "okta-sdk-nodejs", auth_mode, options, token, context, mode_node)

    # -- HTTP -----------------------------------------------------------------------------

    def http_call(self, node: ts.Node, name: str | None, receiver: ts.Node | None,
                  args: list[ts.Node]) -> None:
        if not args or name is None:
            return
        receiver_name = self.text_of(receiver) if receiver is not None else ""
        method: str | None = None
        config: ts.Node | None = None
        body: ts.Node | None = None
        url: ts.Node | None = args[0]
        via = name
        if receiver is None and name == "fetch":
            method = "GET"
            config = args[1] if len(args) > 1 else None
        elif receiver is None and name in ("axios", "got", "request", "ky", "superagent"):
            if args[0].type == "object":
                config, url = args[0], None
            else:
                config = args[1] if len(args) > 1 else None
            method = "GET"
        elif receiver is not None and self.okta_sdk_file and name in _SDK_HTTP and (
                receiver_name.endswith(".http")):
            # okta-sdk-nodejs ``client.http.http(url, request)``, ``client.http.getJson(url)``:
            # sent by the SDK's request executor, which retries 429s itself
            method = _SDK_HTTP[name]
            config = args[1] if len(args) > 1 else None
            call = HttpCall(node, url, method, self.scope, self.context,
                            f"okta-sdk-nodejs.http.{name}", {}, sdk_executor=True)
            if config is not None:
                self.http_config(call, config)
            self.http(call)
            return
        elif receiver is not None and name in _HTTP_METHODS:
            method = name.upper()
            if args[0].type == "object":
                # the request library's options: ``request.post({ url, form }, callback)``
                config, url = args[0], None
            elif name in ("post", "put", "patch"):
                body = args[1] if len(args) > 1 else None
                config = args[2] if len(args) > 2 else None
            else:
                config = args[1] if len(args) > 1 else None
            via = f"{receiver_name.rsplit('.', 1)[-1]}.{name}"
        elif receiver is not None and name == "request" and args[0].type == "object":
            config, url, method = args[0], None, "GET"
            via = f"{receiver_name.rsplit('.', 1)[-1]}.request"
        else:
            return
        call = HttpCall(node, url, method, self.scope, self.context, via, {})
        base = self.instance_base(receiver, self.scope) if receiver is not None else None
        if base is not None and url is not None:  # okta.get("/users") on an axios.create()
            call.url_value = joined_url(base, self.value(url, self.scope) or StrValue.hole())
        if config is not None:
            self.http_config(call, config)
        if body is not None:
            self.http_body(call, body)
        if call.url is None:
            return
        url_object = _URL_OBJECT.fullmatch(self.text_of(call.url))
        if url_object is not None:  # ``fetch(url.href, …)`` of a ``new URL(…)`` given its query
            form_key = (call.context, f"{url_object.group(1)}.searchParams")
            self.later(lambda: self.appended_form(call, form_key))
        self.http(call)

    def http_config(self, call: HttpCall, config: ts.Node) -> None:
        obj, _ = self.object_of(config, call.scope)
        if obj is None:
            return
        for key, value in self.pairs(obj):
            if key == "method":
                call.method_node = value
                method = self.literal(value)
                call.method = method.upper() if method else None
            elif key in ("url", "uri") and call.url is None:
                call.url = value
            elif key in ("body", "data", "form", "json", "searchParams", "params"):
                self.http_body(call, value)
            elif key == "headers":
                headers, _ = self.object_of(value, call.scope)
                for hkey, hvalue in self.pairs(headers) if headers is not None else ():
                    if hkey.lower() == "authorization":
                        scheme = self.value(hvalue, call.scope)
                        if scheme is not None and scheme.prefix.lstrip().lower().startswith(
                            "basic"
                        ):
                            call.basic = True
            elif key == "auth":
                call.basic = True
            elif key == "redirect":
                mode = self.literal(value)
                call.follow_redirects = None if mode is None else mode == "follow"
                if mode == "follow" and value.parent is not None:
                    call.redirect = value.parent  # fetch's explicit ``redirect: "follow"``
            elif key in ("maxRedirects", "followRedirect", "follow"):
                text = self.text_of(value)
                call.follow_redirects = text not in ("0", "false")
                if key == "followRedirect" and text == "true" and value.parent is not None:
                    call.redirect = value.parent  # got's ``followRedirect: true``
            elif key == "rejectUnauthorized":
                call.verify_tls = self.text_of(value) != "false"

    def http_body(self, call: HttpCall, body: ts.Node) -> None:
        node = body
        while node.type in UNWRAP and node.named_child_count:
            node = node.named_children[0]
        scope = call.scope
        if node.type == "shorthand_property_identifier":  # ``{ method: 'POST', body }``
            found = scope.lookup(self.text_of(node))
            if found is not None:
                node, scope = found
        if node.type in ("new_expression", "call_expression"):
            name, _ = self.callee(node)
            args = node.child_by_field_name("arguments")
            if name in ("URLSearchParams", "stringify", "encode", "FormData") and args is not None \
                    and args.named_children:
                node = args.named_children[0]
        obj, _ = self.object_of(node, scope)
        if obj is not None:
            for key, value in self.pairs(obj):
                call.form[key] = value
            return
        if node.type == "identifier":
            # ``const params = new URLSearchParams(); params.append("grant_type", …)``: the
            # pairs appended in the function (read after the walk, when all are seen)
            form_key = (call.context, self.text_of(node))
            self.later(lambda: self.appended_form(call, form_key))
        call.form_text = node

    def appended_form(self, call: HttpCall, key: tuple[str, str]) -> None:
        for name_node, value in self.form_appends.get(key, ()):
            name = self.literal(name_node)
            if name is not None:
                call.form[name] = value

    # -- values ---------------------------------------------------------------------------


# JavaScript, TypeScript and TSX: three grammars (two wheels), one analyzer. Each wheel is
# imported with the first file of its language (a run without one never loads it).

def _load_javascript() -> object:
    import tree_sitter_javascript

    return tree_sitter_javascript.language()


def _load_typescript() -> object:
    import tree_sitter_typescript

    return tree_sitter_typescript.language_typescript()


def _load_tsx() -> object:
    import tree_sitter_typescript

    return tree_sitter_typescript.language_tsx()


JAVASCRIPT: Final = TreeSitterLanguage(
    GrammarSource("javascript", "tree-sitter-javascript", _load_javascript), JavaScriptAnalyzer,
    lifecycle=LIFECYCLE, transport=TRANSPORT)
TYPESCRIPT: Final = TreeSitterLanguage(
    GrammarSource("typescript", "tree-sitter-typescript", _load_typescript), JavaScriptAnalyzer,
    lifecycle=LIFECYCLE, transport=TRANSPORT)
TSX: Final = TreeSitterLanguage(
    GrammarSource("tsx", "tree-sitter-typescript", _load_tsx), JavaScriptAnalyzer,
    lifecycle=LIFECYCLE, transport=TRANSPORT)
