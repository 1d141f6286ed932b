"""C#: facts from the tree-sitter-c-sharp tree.

Strings: regular, verbatim (``@"…"``), raw (``\"\"\"…\"\"\"``) and interpolated (``$"SSWS {t}"``)
literals, ``+``, ``string.Format``/``String.Concat``/``string.Join`` and names bound once
(locals, fields, constants, ``this.X``/``Cls.X``). Headers: ``DefaultRequestHeaders.Add`` /
``Headers.TryAddWithoutValidation("Authorization", v)``, ``….Authorization = new
AuthenticationHeaderValue("SSWS", t)`` (or ``AuthenticationHeaderValue.Parse(…)``),
``headers["Authorization"] = v``. SDK: ``new OktaClientConfiguration { Token = … }`` (and the
v7+ ``new Configuration { OktaDomain = …, Token = … }``), also with properties assigned after
construction. HTTP: ``HttpClient.GetAsync/PostAsync/…``, ``new HttpRequestMessage(method,
url)``, IdentityModel ``ClientCredentialsTokenRequest``.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.frontends.shared.sdktypes import typed_api_names
from oinlint.frontends.shared.vocabulary import EXCEPTION_TYPE, MESSAGE_CALL
from oinlint.frontends.treesitter.analyzer import Analyzer, HttpCall, lower_first
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.grammars import GrammarSource
from oinlint.frontends.treesitter.lifecycle.syntax import LifecycleSyntax
from oinlint.frontends.treesitter.transport import ALWAYS_TRUE, TransportSyntax
from oinlint.frontends.treesitter.values import HOLE, LexicalScope, Part, StrValue, unescape
from oinlint.frontends.treesitter.walk import Leave

__all__ = ["CSHARP", "CSharpAnalyzer"]

_HEADER_SETTERS: Final = frozenset({"Add", "TryAddWithoutValidation", "Append", "Set",
                                    "AddHeader", "AddOrUpdateHeader", "AddDefaultHeader",
                                    "WithHeader"})
LIFECYCLE: Final = LifecycleSyntax(
    functions=frozenset({"method_declaration", "constructor_declaration",
                         "local_function_statement", "lambda_expression",
                         "anonymous_method_expression"}),
    classes=frozenset({"class_declaration", "struct_declaration", "record_declaration",
                       "interface_declaration"}),
    loops=frozenset({"for_statement", "foreach_statement", "while_statement", "do_statement"}),
    assignments={"assignment_expression": ("left", "right"), "variable_declarator": ("", "")},
    declarations={"variable_declarator": "name", "foreach_statement": "left"},
    parameters=frozenset({"parameter_list"}),
    returns=frozenset({"return_statement"}),
    calls=frozenset({"invocation_expression"}),
    identifiers=frozenset({"identifier"}),
    self_names=frozenset({"this"}),
    clock=re.compile(r"\bDateTime(?:Offset)?\.(?:UtcNow|Now)\b|\bStopwatch\b"
                     r"|Environment\.TickCount|\.GetUtcNow\("),
    comparisons=frozenset({"binary_expression", "is_pattern_expression"}),
    cases=frozenset({"case_switch_label", "constant_pattern", "switch_expression_arm"}),
    strings=frozenset({"string_literal", "verbatim_string_literal", "raw_string_literal",
                       "interpolated_string_expression"}),
)
TRANSPORT: Final = TransportSyntax(
    calls=frozenset({"invocation_expression"}),
    creations=frozenset({"object_creation_expression"}),
    strings=frozenset({"string_literal", "verbatim_string_literal", "raw_string_literal",
                       "interpolated_string_expression"}),
    identifiers=frozenset({"identifier"}),
    members={"member_access_expression": "name"},
    subscripts=frozenset({"element_access_expression"}),
    functions=frozenset({"method_declaration", "constructor_declaration",
                         "local_function_statement", "lambda_expression",
                         "anonymous_method_expression"}),
    print_receivers=frozenset({"Console", "Console.Out", "Console.Error", "Debug", "Trace"}),
    assignments={"assignment_expression": ("left", "right")},
    verify_off={name: frozenset({ALWAYS_TRUE}) for name in (
        "ServerCertificateCustomValidationCallback", "ServerCertificateValidationCallback",
        "RemoteCertificateValidationCallback")},
    insecure_names=frozenset({"DangerousAcceptAnyServerCertificateValidator"}),
    imports=frozenset({"using_directive"}),
)
_MODES: Final = {"SSWS": "SSWS", "PrivateKey": "PrivateKey", "BearerToken": "Bearer",
                 "Bearer": "Bearer"}
_HTTP_METHODS: Final = {"GetAsync": "GET", "GetStringAsync": "GET", "GetStreamAsync": "GET",
                        "GetByteArrayAsync": "GET", "GetFromJsonAsync": "GET",
                        "PostAsync": "POST", "PostAsJsonAsync": "POST", "PutAsync": "PUT",
                        "PutAsJsonAsync": "PUT", "PatchAsync": "PATCH", "DeleteAsync": "DELETE"}
_HTTP_METHOD_MEMBER: Final = re.compile(r"^HttpMethod\.([A-Z][a-z]+)$")
# A request object built, given parameters and then sent: RestSharp's ``new RestRequest(url,
# Method.Post)`` + ``request.AddParameter("grant_type", …)``, osu!framework's
# ``new JsonWebRequest<T>(url) { Method = HttpMethod.Post }`` + ``req.AddParameter(…)``.
_REQUEST_OBJECT: Final = re.compile(r"RestRequest|(?:Json)?WebRequest")
_REST_METHOD: Final = re.compile(r"^(?:Method|HttpMethod)\.([A-Za-z]+)$")
_PARAMETER_SETTERS: Final = frozenset({"AddParameter", "AddOrUpdateParameter",
                                       "AddQueryParameter"})
_UNWRAP: Final = frozenset({"argument", "parenthesized_expression", "cast_expression",
                            "await_expression", "checked_expression"})


class CSharpAnalyzer(Analyzer):
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset({
        "string_literal", "verbatim_string_literal", "raw_string_literal"})
    LANGUAGE_NAME: ClassVar[str] = "C#"

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.member_sets: dict[tuple[int, str], list[tuple[str, ts.Node]]] = {}
        self.request_objects: dict[tuple[str, str], HttpCall] = {}  # (context, variable)
        self.dotnet_sdk_file = "Okta.Sdk" in text
        self.api_names = typed_api_names(text) if self.dotnet_sdk_file else frozenset()

    # -- helpers --------------------------------------------------------------------------

    @staticmethod
    def unwrap(node: ts.Node) -> ts.Node:
        while node.type in _UNWRAP and node.named_child_count:
            node = node.named_children[-1]
        return node

    def args(self, node: ts.Node) -> list[ts.Node]:
        arguments = node.child_by_field_name("arguments")
        if arguments is None:
            return []
        return [self.unwrap(a) for a in arguments.named_children if a.type == "argument"]

    def callee(self, node: ts.Node) -> tuple[str | None, ts.Node | None]:
        function = node.child_by_field_name("function")
        if function is None:
            return None, None
        if function.type == "member_access_expression":
            name = function.child_by_field_name("name")
            return (self.text_of(name) if name is not None else None,
                    function.child_by_field_name("expression"))
        if function.type in ("identifier", "generic_name"):
            return self.text_of(function).split("<", 1)[0], None
        return None, None

    def lc_call(self, node: ts.Node) -> tuple[str | None, str | None]:
        name, receiver = self.callee(node)
        return (name.split("<", 1)[0] if name is not None else None,
                self.text_of(receiver) if receiver is not None else None)

    def lc_arguments(self, node: ts.Node) -> list[ts.Node]:
        return self.args(node)

    def lc_assignments(self, node: ts.Node, fields: tuple[str, str]
                       ) -> list[tuple[ts.Node, ts.Node]]:
        if node.type == "variable_declarator":
            name = node.child_by_field_name("name")
            value = self.declarator_value(node)
            return [(name, value)] if name is not None and value is not None else []
        return super().lc_assignments(node, fields)

    def lc_implicit_returns(self, node: ts.Node) -> list[ts.Node]:
        body = node.child_by_field_name("body")
        if node.type == "lambda_expression" and body is not None and body.type != "block":
            return [body]
        return [c for c in node.named_children if c.type == "arrow_expression_clause"]

    def type_name(self, node: ts.Node) -> str:
        kind = node.child_by_field_name("type")
        return self.text_of(kind).split("<", 1)[0] if kind is not None else ""

    def declarator_value(self, node: ts.Node) -> ts.Node | None:
        seen_equals = False
        for child in node.children:
            if child.type == "=":
                seen_equals = True
            elif seen_equals and child.is_named:
                return child
        return None

    def initializer(self, node: ts.Node) -> list[tuple[str, ts.Node]]:
        """``new T { A = x, B = y }`` → [("A", x), ("B", y)]."""
        init = node.child_by_field_name("initializer")
        out: list[tuple[str, ts.Node]] = []
        for child in init.named_children if init is not None else ():
            if child.type == "assignment_expression":
                left = child.child_by_field_name("left")
                right = child.child_by_field_name("right")
                if left is not None and right is not None and left.type == "identifier":
                    out.append((self.text_of(left), right))
        return out

    # -- scopes ---------------------------------------------------------------------------

    on_class_declaration = Analyzer.type_declaration
    on_struct_declaration = Analyzer.type_declaration
    on_interface_declaration = Analyzer.type_declaration
    on_record_declaration = Analyzer.type_declaration
    on_method_declaration = Analyzer.named_function
    on_constructor_declaration = Analyzer.named_function
    on_local_function_statement = Analyzer.named_function
    on_lambda_expression = Analyzer.anonymous
    on_anonymous_method_expression = Analyzer.anonymous

    def on_parameter(self, node: ts.Node) -> None:
        name = node.child_by_field_name("name")
        if name is not None:
            self.scope.bind(self.text_of(name), None)

    # -- bindings -------------------------------------------------------------------------

    def on_variable_declarator(self, node: ts.Node) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return
        name = self.text_of(name_node)
        value = self.declarator_value(node)
        self.scope.bind(name, value)
        if value is None:
            return
        self.declared_value(name, value)

    def on_property_declaration(self, node: ts.Node) -> None:
        name_node = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name_node is None:
            return
        self.scope.bind(self.text_of(name_node), value)
        if value is not None:
            self.named_value(self.text_of(name_node), value)
            self.value_position(value)

    def on_assignment_expression(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        in_initializer = node.parent is not None and node.parent.type == "initializer_expression"
        if left.type == "identifier":
            name = self.text_of(left)
            if not in_initializer:
                self.scope.bind(name, right)
            elif name.lower() == "authorization":
                self.header(None, right)
                return
            self.named_value(name, right)
        elif left.type == "member_access_expression":
            name_node = left.child_by_field_name("name")
            name = self.text_of(name_node) if name_node is not None else ""
            if name.lower() == "authorization":
                self.header(None, right)
                return
            owner = left.child_by_field_name("expression")
            if owner is not None and owner.type == "identifier":
                self.member_sets.setdefault((id(self.scope), self.text_of(owner)), []).append(
                    (name, right))
            self.named_value(name, right)
        elif left.type in ("element_access_expression", "element_binding_expression"):
            subscript = left.child_by_field_name("subscript") or left
            keys = [a for a in subscript.named_children if a.type == "argument"] or [
                a for c in subscript.named_children for a in c.named_children
                if a.type == "argument"]
            if len(keys) == 1:
                key = self.unwrap(keys[0])
                self.header(key, right, standalone=True)
                self.named_value(self.literal(key), right)
                return
        self.value_position(right)

    def on_initializer_expression(self, node: ts.Node) -> None:
        items = [c for c in node.named_children if "comment" not in c.type]
        if node.parent is not None and node.parent.type == "initializer_expression" and \
                len(items) == 2:
            self.header(items[0], items[1], standalone=True)
            self.named_value(self.literal(items[0]), items[1])
            return
        for item in items:
            if item.type != "assignment_expression":
                self.value_position(item)

    on_argument = Analyzer.named_argument
    on_return_statement = Analyzer.value_children

    on_throw_statement = Analyzer.message
    on_throw_expression = Analyzer.message

    def on_binary_expression(self, node: ts.Node) -> Leave | None:
        return self.binary_operator(node, defaults=("??",), comparisons=("==", "!="))

    def lookup_name(self, node: ts.Node) -> str | None:
        node = self.unwrap(node)
        if node.type == "invocation_expression":
            args = self.args(node)
            return self.literal(args[0]) if args else None
        if node.type == "element_access_expression":
            subscript = node.child_by_field_name("subscript")
            keys = [self.unwrap(a) for a in subscript.named_children] if subscript else []
            return self.literal(keys[0]) if keys else None
        return None

    # -- calls ----------------------------------------------------------------------------

    def on_invocation_expression(self, node: ts.Node) -> Leave | None:
        name, receiver = self.callee(node)
        args = self.args(node)
        if name is None:
            return None
        receiver_name = self.text_of(receiver).rsplit(".", 1)[-1] if receiver is not None else ""
        if (MESSAGE_CALL.match(name) and name not in _HEADER_SETTERS) or receiver_name in (
            "Assert", "Assertions", "Debug", "Trace", "Console", "StringAssert"
        ):
            return self.in_message()
        self.helper_call(node, name, args)
        if self.dotnet_sdk_file and (receiver_name.lower().endswith("api") or (
                receiver_name in self.api_names)) and \
                self.sdk_operation(node, name, "okta-sdk-dotnet"):  # userApi.ListUsersAsync()
            return None
        if name in _HEADER_SETTERS and len(args) == 2:
            self.header(args[0], args[1])
            self.named_value(self.literal(args[0]), args[1])
        if name in _PARAMETER_SETTERS and receiver is not None and len(args) >= 2:
            request = self.request_objects.get((self.context, self.text_of(receiver)))
            key = self.literal(args[0])
            if request is not None and key is not None:  # ``request.AddParameter("scope", s)``
                request.form[key] = args[1]
        if name in _HTTP_METHODS and receiver is not None and args:
            call = HttpCall(node, args[0], _HTTP_METHODS[name], self.scope, self.context,
                            f"HttpClient.{name}", {})
            if len(args) > 1 and _HTTP_METHODS[name] in ("POST", "PUT", "PATCH"):
                self.http_body(call, args[1])
            self.basic_later(call)
            self.http(call)
        for arg in args:
            self.value_position(arg)
        return None

    def on_object_creation_expression(self, node: ts.Node) -> Leave | None:
        type_name = self.type_name(node).rsplit(".", 1)[-1]
        if EXCEPTION_TYPE.search(type_name):
            return self.in_message()
        args = self.args(node)
        entries = self.initializer(node)
        names = {key for key, _ in entries}
        if type_name == "OktaClientConfiguration" or (
            type_name == "Configuration" and names & {"OktaDomain", "Token"}
        ):
            scope, context = self.scope, self.context
            self.later(lambda: self.dotnet_sdk(node, entries, scope, context))
        elif type_name == "AuthenticationHeaderValue" and args:
            scheme = self.literal(args[0])
            if scheme is not None and scheme.lower() == "basic":
                self.basic_contexts.add(self.context)
        elif type_name == "HttpRequestMessage" and len(args) >= 2:
            match = _HTTP_METHOD_MEMBER.match(self.text_of(args[0]))
            call = HttpCall(node, args[1], match.group(1).upper() if match else None,
                            self.scope, self.context, "HttpRequestMessage", {})
            for key, value in entries:
                if key == "Content":
                    self.http_body(call, value)
            self.basic_later(call)
            self.http(call)
        elif type_name in ("ClientCredentialsTokenRequest", "PasswordTokenRequest"):
            self.token_request(node, dict(entries))
        elif _REQUEST_OBJECT.fullmatch(type_name.split("<", 1)[0]) and args:
            self.request_object(node, args, entries)
        for arg in args:
            self.value_position(arg)
        return None

    def request_object(self, node: ts.Node, args: list[ts.Node],
                       entries: list[tuple[str, ts.Node]]) -> None:
        """``var request = new RestRequest("/oauth/token", Method.Post)``: an HTTP call whose
        parameters the variable is given in the statements after it."""
        method = "GET"
        for value in (*args[1:2], *(v for k, v in entries if k == "Method")):
            match = _REST_METHOD.match(self.text_of(value))
            if match is not None:
                method = match.group(1).upper()
        call = HttpCall(node, args[0], method, self.scope, self.context,
                        type_name_of(self.type_name(node)), {})
        self.basic_later(call)
        self.http(call)
        parent = node.parent
        while parent is not None and parent.type in _UNWRAP | {"equals_value_clause"}:
            parent = parent.parent
        target: ts.Node | None = None
        if parent is not None and parent.type == "variable_declarator":
            target = parent.child_by_field_name("name") or next(
                (c for c in parent.named_children if c.type == "identifier"), None)
        elif parent is not None and parent.type == "assignment_expression":
            target = parent.child_by_field_name("left")
        if target is not None:
            self.request_objects[(self.context, self.text_of(target))] = call

    def token_request(self, node: ts.Node, entries: dict[str, ts.Node]) -> None:
        form: dict[str, ts.Node | None] = {"grant_type": None}
        if "Scope" in entries:
            form["scope"] = entries["Scope"]
        style = self.text_of(entries["ClientCredentialStyle"]) \
            if "ClientCredentialStyle" in entries else ""
        if style.endswith("PostBody"):
            form["client_secret"] = entries.get("ClientSecret")
        self.http(HttpCall(node, entries.get("Address"), "POST", self.scope, self.context,
                           "IdentityModel", form, basic=style.endswith("AuthorizationHeader"),
                           grant="client_credentials"))

    def dotnet_sdk(self, node: ts.Node, entries: list[tuple[str, ts.Node]], scope: LexicalScope,
                   context: str) -> None:
        parent = node.parent
        if parent is not None and parent.type == "variable_declarator":
            name = parent.child_by_field_name("name")
            if name is not None:
                entries = entries + self.member_sets.get((id(scope), self.text_of(name)), [])
        options: list[str] = []
        auth_mode: str | None = None
        token: ts.Node | None = None
        mode_node: ts.Node | None = None
        for key, value in entries:
            option = lower_first(key)
            options.append(option)
            if option == "authorizationMode":
                mode_node = value
                text = self.text_of(value).rsplit(".", 1)[-1]
                literal = self.literal(value)
                auth_mode = _MODES.get(literal or text, "?")
            elif option == "token" and token is None:
                token = value
            elif option == "scopes":
                self.sdk_scopes(value, scope, context)
        self.sdk(node, "okta-sdk-dotnet", auth_mode, options, token, context, mode_node)

    def http_body(self, call: HttpCall, body: ts.Node) -> None:
        node = self.unwrap(body)
        if node.type == "identifier":  # ``var form = new FormUrlEncodedContent(…)``
            found = call.scope.lookup(self.text_of(node))
            if found is not None and self.unwrap(found[0]).type == "object_creation_expression":
                node = self.unwrap(found[0])
        if node.type == "object_creation_expression":
            args = self.args(node)
            type_name = self.type_name(node).rsplit(".", 1)[-1]
            if type_name == "FormUrlEncodedContent" and args:
                source = self.unwrap(args[0])
                if source.type == "identifier":
                    found = call.scope.lookup(self.text_of(source))
                    source = self.unwrap(found[0]) if found is not None else source
                self.form_entries(call, source)
                return
            if type_name == "StringContent" and args:
                call.form_text = args[0]
                return
        call.form_text = node

    def form_entries(self, call: HttpCall, source: ts.Node) -> None:
        init = source.child_by_field_name("initializer")
        if init is None:
            init = next((c for c in source.named_children
                         if c.type == "initializer_expression"), None)
        for item in init.named_children if init is not None else ():
            if item.type == "initializer_expression" and item.named_child_count == 2:
                key = self.literal(item.named_children[0])
                if key is not None:
                    call.form[key] = item.named_children[1]
            elif item.type == "assignment_expression":
                left = item.child_by_field_name("left")
                arg = next((a for a in left.named_children), None) if left else None
                key = self.literal(self.unwrap(arg)) if arg is not None else None
                if key is not None:
                    call.form[key] = item.child_by_field_name("right")
            elif item.type == "object_creation_expression":
                args = self.args(item)
                if len(args) == 2:
                    key = self.literal(args[0])
                    if key is not None:
                        call.form[key] = args[1]

    # -- values ---------------------------------------------------------------------------

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        kind = node.type
        if kind == "string_literal":
            return StrValue.of((unescape(self.text_of(node)[1:-1]),), "literal")
        if kind == "verbatim_string_literal":
            return StrValue.of((self.text_of(node)[2:-1].replace('""', '"'),), "literal")
        if kind == "raw_string_literal":
            content = [self.text_of(c) for c in node.named_children
                       if c.type == "raw_string_content"]
            return StrValue.of(("".join(content),), "literal")
        if kind == "interpolated_string_expression":
            return self.interpolated(node, scope, depth)
        if kind in _UNWRAP:
            return self.value(node.named_children[-1], scope, depth) if node.named_child_count \
                else None
        if kind == "binary_expression":
            return self.binary_concat(node, scope, depth, "+")
        if kind == "identifier":
            return self.name_value(self.text_of(node), scope, depth)
        if kind == "member_access_expression":
            match = _HTTP_METHOD_MEMBER.match(self.text_of(node))
            if match:
                return StrValue.of((match.group(1).upper(),), "constant")
            found = self.member_scope(node, scope)
            return self.name_value(found[0], found[1], depth) if found is not None else None
        if kind == "invocation_expression":
            return self.call_value(node, scope, depth)
        if kind == "object_creation_expression" and \
                self.type_name(node).rsplit(".", 1)[-1] == "Uri":
            # ``new Uri(url)``, ``new Uri(new Uri(org), "/api/v1/users")``: the URL itself
            uri_args = [a for a in self.args(node)
                        if not self.text_of(a).startswith("UriKind")][:2]
            joined: StrValue | None = StrValue.of((), "concat")
            for arg in uri_args:
                joined = self.concat(joined, self.value(arg, scope, depth))
            return joined if uri_args else None
        if kind == "object_creation_expression" and \
                self.type_name(node).rsplit(".", 1)[-1] == "AuthenticationHeaderValue":
            args = self.args(node)
            if not args:
                return None
            scheme = self.value(args[0], scope, depth)
            if len(args) == 1:
                return scheme.with_via("auth-class") if scheme is not None else None
            credential = self.value(args[1], scope, depth)
            parts: list[Part] = [*(scheme.parts if scheme else (HOLE,)), " ",
                                 *(credential.parts if credential else (HOLE,))]
            return StrValue.of(parts, "auth-class")
        return None

    def interpolated(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue:
        verbatim = "@" in self.text_of(node)[:3]
        parts: list[Part] = []
        for child in node.named_children:
            if child.type in ("string_content", "escape_sequence"):
                text = self.text_of(child)
                parts.append(text if verbatim else unescape(text))
            elif child.type == "interpolation":
                inner = next((c for c in child.named_children if c.type not in (
                    "interpolation_brace", "interpolation_alignment_clause",
                    "interpolation_format_clause")), None)
                value = self.value(inner, scope, depth) if inner is not None else None
                parts.extend(value.parts if value is not None else (HOLE,))
        return StrValue.of(parts, "template")

    def member_scope(self, node: ts.Node, scope: LexicalScope | None) -> tuple[str,
                     LexicalScope] | None:
        owner_node = node.child_by_field_name("expression")
        name = node.child_by_field_name("name")
        if owner_node is None or name is None or scope is None:
            return None
        owner: LexicalScope | None = None
        if owner_node.type == "this_expression" or self.text_of(owner_node) == "this":
            owner = next((s for s in scope.chain() if s.kind == "class"), None)
        elif owner_node.type == "identifier":
            owner = self.class_scopes.get(self.text_of(owner_node))
        if owner is None:
            return None
        return self.text_of(name), owner

    def call_value(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        name, receiver = self.callee(node)
        args = self.args(node)
        receiver_text = self.text_of(receiver) if receiver is not None else ""
        if name == "Format" and receiver_text in ("string", "String") and args:
            return self.formatted(args[0], args[1:], scope, depth, "brace")
        if name == "Concat" and receiver_text in ("string", "String"):
            value: StrValue | None = StrValue.of((), "concat")
            for arg in args:
                value = self.concat(value, self.value(arg, scope, depth))
            return value
        if name == "Parse" and receiver_text.endswith("AuthenticationHeaderValue") and args:
            return self.value(args[0], scope, depth)
        if name == "Join" and receiver_text in ("string", "String") and len(args) >= 2:
            return self.join_arguments(args[0], args[1:], scope, depth)
        return None

    def sequence(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                 LexicalScope]] | None:
        node = self.unwrap(node)
        for _ in range(4):
            if node.type == "identifier":
                found = scope.lookup(self.text_of(node))
                if found is None:
                    return None
                self.scope_nodes.add(self.key(found[0]))
                node, scope = self.unwrap(found[0]), found[1]
            elif node.type in ("object_creation_expression", "array_creation_expression",
                               "implicit_array_creation_expression",
                               "implicit_object_creation_expression"):
                init = node.child_by_field_name("initializer") or next(
                    (c for c in node.named_children if c.type == "initializer_expression"), None)
                if init is None:
                    return None
                return [(c, scope) for c in init.named_children if "comment" not in c.type]
            elif node.type == "collection_expression":
                return [(self.unwrap(c), scope) for c in node.named_children]
            elif node.type == "initializer_expression":
                return [(c, scope) for c in node.named_children]
            else:
                return None
        return None

    def follow_node(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node,
                    LexicalScope] | None:
        node = self.unwrap(node)
        if node.type == "identifier":
            return scope.lookup(self.text_of(node))
        if node.type == "member_access_expression":
            found = self.member_scope(node, scope)
            return found[1].lookup(found[0]) if found is not None else None
        return None


def _load_grammar() -> object:
    """The tree-sitter-c-sharp grammar, imported with the first C# file (a run without one never
    loads the wheel)."""
    import tree_sitter_c_sharp

    return tree_sitter_c_sharp.language()


CSHARP: Final = TreeSitterLanguage(
    GrammarSource("csharp", "tree-sitter-c-sharp", _load_grammar), CSharpAnalyzer,
    lifecycle=LIFECYCLE, transport=TRANSPORT)


def type_name_of(text: str) -> str:
    """``JsonWebRequest<OAuthToken>`` → ``JsonWebRequest`` (the call's ``via``)."""
    return text.rsplit(".", 1)[-1].split("<", 1)[0]
