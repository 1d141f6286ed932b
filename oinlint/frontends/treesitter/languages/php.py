"""PHP: facts from the tree-sitter-php tree.

Strings: single-quoted and interpolated (``"SSWS $t"``, ``"{$this->token}"``) literals,
heredocs, ``.`` concatenation, ``sprintf``/``implode`` and names bound once (``$vars``,
``const``/``define``, class constants ``self::X``, properties ``$this->x``). Headers: arrays
of header lines (curl ``CURLOPT_HTTPHEADER``: ``'Authorization: SSWS ' . $t``), ``'Authorization'
=> v`` array entries (Guzzle/Symfony ``headers``), PSR-7 ``withHeader('Authorization', v)``.
HTTP: ``curl_init``/``CURLOPT_URL``/``CURLOPT_POSTFIELDS``/``CURLOPT_USERPWD``, Guzzle and
Symfony ``request(method, url, options)`` / ``get``/``post``, Laravel ``Http::…->post``.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.facts import CredentialSetting
from oinlint.frontends.shared.vocabulary import EXCEPTION_TYPE, MESSAGE_CALL
from oinlint.frontends.treesitter.analyzer import Analyzer, HttpCall, lower_first
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.grammars import GrammarSource
from oinlint.frontends.treesitter.languages.php_config import (
    FILE_KIND,
    is_settings_array_value,
    provisioned_api_token,
)
from oinlint.frontends.treesitter.lifecycle.syntax import LifecycleSyntax
from oinlint.frontends.treesitter.transport import TransportSyntax
from oinlint.frontends.treesitter.values import (
    HOLE,
    LexicalScope,
    Part,
    StrValue,
    joined_url,
    unescape,
)
from oinlint.frontends.treesitter.walk import Leave

__all__ = ["PHP", "PhpAnalyzer"]

_CALLS: Final = frozenset({"function_call_expression", "member_call_expression",
                           "scoped_call_expression", "nullsafe_member_call_expression"})
LIFECYCLE: Final = LifecycleSyntax(
    functions=frozenset({"function_definition", "method_declaration", "anonymous_function",
                         "anonymous_function_creation_expression", "arrow_function"}),
    methods=frozenset({"method_declaration"}),
    classes=frozenset({"class_declaration", "trait_declaration", "enum_declaration"}),
    loops=frozenset({"for_statement", "foreach_statement", "while_statement", "do_statement"}),
    assignments={"assignment_expression": ("left", "right"),
                 "augmented_assignment_expression": ("left", "right")},
    declarations={},
    parameters=frozenset({"formal_parameters"}),
    returns=frozenset({"return_statement"}),
    calls=_CALLS,
    identifiers=frozenset({"variable_name"}),
    self_names=frozenset({"$this"}),
    clock=re.compile(r"\btime\(\)|\bmicrotime\(|\bhrtime\(|new\s+\\?DateTime(?:Immutable)?\b"
                     r"|Carbon::now\(|\bnow\(\)|->getTimestamp\(\)"),
    comparisons=frozenset({"binary_expression"}),
    cases=frozenset({"case_statement", "match_condition_list"}),
    strings=frozenset({"string", "encapsed_string"}),
    closures=False,
    http_functions=frozenset({"wp_remote_get", "wp_remote_post", "wp_remote_request",
                              "wp_safe_remote_get", "wp_safe_remote_post",
                              "wp_safe_remote_request", "wp_remote_head"}),
)
_OFF: Final = frozenset({"false", "0"})
TRANSPORT: Final = TransportSyntax(
    calls=_CALLS,
    creations=frozenset({"object_creation_expression"}),
    statements=frozenset({"echo_statement", "print_intrinsic"}),
    strings=frozenset({"string", "encapsed_string"}),
    identifiers=frozenset({"variable_name"}),
    members={"member_access_expression": "name", "nullsafe_member_access_expression": "name"},
    subscripts=frozenset({"subscript_expression"}),
    functions=LIFECYCLE.functions,
    print_functions=frozenset({"error_log", "var_dump", "print_r", "printf", "var_export",
                               "syslog", "trigger_error", "user_error", "dump", "dd"}),
    pairs={"array_element_initializer": (None, None)},
    assignments={"assignment_expression": ("left", "right")},
    setter_calls=frozenset({"curl_setopt"}),
    verify_off={"CURLOPT_SSL_VERIFYPEER": _OFF, "CURLOPT_SSL_VERIFYHOST": _OFF,
                "verify": frozenset({"false"}),  # Guzzle
                "verify_peer": frozenset({"false"}), "verify_peer_name": frozenset({"false"})},
    insecure_names=frozenset({"withoutVerifying"}),  # Laravel's HTTP client
)
_HEADER_SETTERS: Final = frozenset({"withHeader", "withAddedHeader", "setHeader", "addHeader",
                                    "header", "set"})
_HTTP_METHODS: Final = frozenset({"get", "post", "put", "patch", "delete", "head"})
_MESSAGES: Final = frozenset({"error_log", "trigger_error", "var_dump", "print_r", "printf",
                              "user_error", "syslog"})
_KEYWORDS: Final = frozenset({"true", "false", "null", "TRUE", "FALSE", "NULL"})


class PhpAnalyzer(Analyzer):
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset({"string", "encapsed_string", "heredoc",
                                                        "nowdoc"})
    LANGUAGE_NAME: ClassVar[str] = "PHP"

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.curl: dict[str, dict[str, ts.Node]] = {}
        self.curl_scopes: dict[str, LexicalScope] = {}
        # method calls by (context, receiver text): ``$builder->setToken($t)`` statements
        self.receiver_calls: dict[tuple[str, str], list[ts.Node]] = {}
        # okta/sdk-php: the file names ``Okta\ClientBuilder``
        self.okta_builder = b"Okta\\ClientBuilder" in data

    # -- helpers --------------------------------------------------------------------------

    @staticmethod
    def unwrap(node: ts.Node) -> ts.Node:
        while node.type in ("argument", "parenthesized_expression") and node.named_child_count:
            node = node.named_children[-1]
        return node

    def args(self, node: ts.Node) -> list[ts.Node]:
        arguments = node.child_by_field_name("arguments")
        if arguments is None:
            arguments = next((c for c in node.named_children if c.type == "arguments"), None)
        if arguments is None:
            return []
        return [self.unwrap(a) for a in arguments.named_children if a.type == "argument"]

    def lc_call(self, node: ts.Node) -> tuple[str | None, str | None]:
        name, owner = self.call_name(node)
        return name, self.text_of(owner) if owner is not None else None

    def lc_implicit_returns(self, node: ts.Node) -> list[ts.Node]:
        body = node.child_by_field_name("body")
        return [body] if node.type == "arrow_function" and body is not None else []

    def call_name(self, node: ts.Node) -> tuple[str | None, ts.Node | None]:
        if node.type == "function_call_expression":
            function = node.child_by_field_name("function")
            text = self.text_of(function) if function is not None else None
            return (text.lstrip("\\").rsplit("\\", 1)[-1] if text else None), None
        name = node.child_by_field_name("name")
        owner = node.child_by_field_name("object") or node.child_by_field_name("scope")
        return (self.text_of(name) if name is not None else None), owner

    def entries(self, array: ts.Node) -> list[tuple[str | None, ts.Node]]:
        out: list[tuple[str | None, ts.Node]] = []
        for element in array.named_children:
            if element.type != "array_element_initializer":
                continue
            items = [c for c in element.named_children if c.type != "comment"]
            if len(items) == 2:
                out.append((self.literal(items[0]), items[1]))
            elif len(items) == 1:
                out.append((None, items[0]))
        return out

    def class_scope(self) -> LexicalScope:
        return next((s for s in self.scope.chain() if s.kind == "class"), self.module_scope)

    # -- scopes ---------------------------------------------------------------------------

    on_class_declaration = Analyzer.type_declaration
    on_interface_declaration = Analyzer.type_declaration
    on_trait_declaration = Analyzer.type_declaration
    on_enum_declaration = Analyzer.type_declaration
    on_function_definition = Analyzer.named_function
    on_method_declaration = Analyzer.named_function
    on_anonymous_function = Analyzer.anonymous
    on_anonymous_function_creation_expression = Analyzer.anonymous
    on_arrow_function = Analyzer.anonymous

    def parameter(self, node: ts.Node) -> None:
        name = node.child_by_field_name("name")
        if name is None:
            return
        self.scope.bind(self.text_of(name), None)
        self.named_value(self.text_of(name), node.child_by_field_name("default_value"))

    on_simple_parameter = parameter
    on_property_promotion_parameter = parameter
    on_variadic_parameter = parameter

    # -- bindings -------------------------------------------------------------------------

    def on_const_element(self, node: ts.Node) -> None:
        items = [c for c in node.named_children if c.type != "comment"]
        if len(items) != 2:
            return
        name = self.text_of(items[0])
        self.scope.bind(name, items[1])
        self.declared_value(name, items[1])

    def on_property_element(self, node: ts.Node) -> None:
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("default_value")
        if name is None:
            return
        text = self.text_of(name).lstrip("$")
        self.class_scope().bind("->" + text, value, self.scope)
        self.named_value(text, value)

    def on_assignment_expression(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        if left.type == "variable_name":
            name = self.text_of(left)
            self.scope.bind(name, right)
            self.named_value(name, right)
            if "scope" in name.lower():
                self.scope_list(right, "constant")
        elif left.type in ("member_access_expression", "nullsafe_member_access_expression"):
            name_node = left.child_by_field_name("name")
            name = self.text_of(name_node) if name_node is not None else ""
            owner = left.child_by_field_name("object")
            if owner is not None and self.text_of(owner) == "$this":
                self.class_scope().bind("->" + name, right, self.scope)
            self.named_value(name, right)
        elif left.type == "subscript_expression":
            index = next((c for c in left.named_children[1:]), None)
            if index is not None:
                self.header(index, right, standalone=True)
                self.named_value(self.literal(index), right)
                return
        self.value_position(right)

    def on_array_element_initializer(self, node: ts.Node) -> None:
        items = [c for c in node.named_children if c.type != "comment"]
        if len(items) == 1:
            self.value_position(items[0])
            return
        if len(items) != 2:
            return
        key = self.literal(items[0])
        value = items[1]
        if key is None:
            if items[0].type in ("name", "class_constant_access_expression"):
                self.header(items[0], value, standalone=True)
            return
        if key.strip().lower() == "authorization":
            self.header(None, value)
            return
        provisioned = provisioned_api_token(self.unwrap(value))
        if provisioned is not None and is_settings_array_value(node):
            self.facts.append(CredentialSetting(self.span(provisioned[1]), self.context,
                                                provisioned[0], "api-token", FILE_KIND, True))
        self.entry_value(key, value)

    def object_secrets(self, value: ts.Node, name: str | None) -> None:
        if value.type == "array_creation_expression":
            self.jwk([(k, v) for k, v in self.entries(value) if k is not None], name)

    on_argument = Analyzer.named_argument
    on_return_statement = Analyzer.value_children

    on_throw_expression = Analyzer.message
    on_echo_statement = Analyzer.message
    on_print_intrinsic = Analyzer.message
    on_exit_statement = Analyzer.message

    def on_binary_expression(self, node: ts.Node) -> Leave | None:
        return self.binary_operator(node, defaults=("??",),
                                    comparisons=("==", "===", "!=", "!==", "<>"))

    def on_conditional_expression(self, node: ts.Node) -> None:
        if node.child_by_field_name("body") is None:  # a ?: b
            condition = node.child_by_field_name("condition")
            alternative = node.child_by_field_name("alternative")
            if condition is not None:
                self.named_value(self.lookup_name(condition), alternative)

    def lookup_name(self, node: ts.Node) -> str | None:
        node = self.unwrap(node)
        if node.type in ("function_call_expression", "scoped_call_expression",
                         "member_call_expression"):  # getenv('X'), Environment::getEnv('X')
            args = self.args(node)
            return self.literal(args[0]) if args else None
        if node.type == "subscript_expression":
            index = next((c for c in node.named_children[1:]), None)
            return self.literal(index) if index is not None else None
        return None

    # -- calls ----------------------------------------------------------------------------

    def call(self, node: ts.Node) -> Leave | None:
        name, owner = self.call_name(node)
        args = self.args(node)
        if name is None:
            return None
        lowered = name.lower()
        if lowered in _MESSAGES or (MESSAGE_CALL.match(name) and lowered not in (
            "set", "header"
        )):
            return self.in_message()
        self.helper_call(node, name, args)
        if owner is not None and node.type == "member_call_expression":
            self.receiver_calls.setdefault((self.context, self.text_of(owner)), []).append(node)
        if lowered == "define" and len(args) == 2:
            constant = self.literal(args[0])
            if constant is not None:
                self.module_scope.bind(constant, args[1], self.scope)
                self.named_value(constant, args[1])
        if name in _HEADER_SETTERS and owner is not None and len(args) == 2:
            self.header(args[0], args[1])
        if lowered == "withtoken" and len(args) == 2:  # Laravel Http::withToken($t, 'SSWS')
            self.header(None, node)
        if lowered in ("getenv", "env") and len(args) == 2:
            self.named_value(self.literal(args[0]), args[1])
        if lowered == "withbasicauth" and len(args) == 2:
            self.basic_auth(args[1])
        if lowered in ("curl_init", "curl_setopt", "curl_setopt_array"):
            self.curl_call(node, lowered, args)
        elif lowered == "getaccesstoken" and args and self.literal(args[0]) == \
                "client_credentials":
            self.league_token(node, args)
        elif owner is not None:
            self.http_call(node, name, owner, args)
        for arg in args:
            self.value_position(arg)
        return None

    on_function_call_expression = call
    on_member_call_expression = call
    on_scoped_call_expression = call
    on_nullsafe_member_call_expression = call

    def on_object_creation_expression(self, node: ts.Node) -> Leave | None:
        kind = next((c for c in node.named_children if c.type in ("name", "qualified_name")),
                    None)
        if kind is not None and EXCEPTION_TYPE.search(self.text_of(kind)):
            return self.in_message()
        if kind is not None and self.okta_builder and self.text_of(kind).lstrip("\\") in (
                "ClientBuilder", "Okta\\ClientBuilder"):
            context = self.context
            self.later(lambda: self.php_sdk(node, context))
        return None

    def php_sdk(self, node: ts.Node, context: str) -> None:
        """okta/sdk-php: ``(new ClientBuilder())->setToken($t)->…->build()``, or the builder in
        a variable whose setters are called one statement at a time."""
        calls: list[ts.Node] = []
        current = node
        while current.parent is not None and current.parent.type in (
                "parenthesized_expression", "member_call_expression"):
            current = current.parent
            if current.type == "member_call_expression":
                calls.append(current)
        parent = current.parent
        if parent is not None and parent.type == "assignment_expression":
            left = parent.child_by_field_name("left")
            if left is not None:
                calls += self.receiver_calls.get((context, self.text_of(left)), [])
        options: list[str] = []
        auth_mode: str | None = None
        token: ts.Node | None = None
        mode_node: ts.Node | None = None
        for call in calls:
            name, _ = self.call_name(call)
            args = self.args(call)
            if name is None or not name.startswith("set") or not args:
                continue
            option = lower_first(name[3:])
            options.append("orgUrl" if option == "organizationUrl" else option)
            if option == "token" and token is None:
                token = args[0]
            elif option == "authorizationMode":
                mode_node = args[0]
                text = self.text_of(args[0]).upper().replace("_", "")
                auth_mode = ("PrivateKey" if "PRIVATEKEY" in text else "SSWS" if "SSWS" in text
                             else "Bearer" if "BEARER" in text else "?")
            elif option == "scopes":
                self.sdk_scopes(args[0], self.scope, context)
        if auth_mode == "?" and token is not None:
            # okta/sdk-php has two modes, SSWS and PRIVATE_KEY: a token given is an API token
            auth_mode = None
        self.sdk(node, "okta-sdk-php", auth_mode, options, token, context, mode_node)

    # -- HTTP -----------------------------------------------------------------------------

    def curl_call(self, node: ts.Node, name: str, args: list[ts.Node]) -> None:
        options = self.curl.setdefault(self.context, {})
        if name == "curl_init":
            if args:
                options.setdefault("CURLOPT_URL", args[0])
            if "_call" not in options:
                options["_call"] = node
                self.curl_scopes[self.context] = self.scope
                context = self.context
                self.later(lambda: self.curl_request(context))
        elif name == "curl_setopt" and len(args) == 3:
            options[self.text_of(args[1]).lstrip("\\")] = args[2]
        elif name == "curl_setopt_array" and len(args) == 2 and \
                args[1].type == "array_creation_expression":
            for element in args[1].named_children:
                items = [c for c in element.named_children if c.type != "comment"]
                if len(items) == 2:
                    options[self.text_of(items[0]).lstrip("\\")] = items[1]

    def curl_request(self, context: str) -> None:
        options = self.curl.get(context, {})
        node = options["_call"]
        method: str | None = "GET"
        if "CURLOPT_POST" in options or "CURLOPT_POSTFIELDS" in options:
            method = "POST"
        if "CURLOPT_CUSTOMREQUEST" in options:
            method = self.literal(options["CURLOPT_CUSTOMREQUEST"])
        call = HttpCall(node, options.get("CURLOPT_URL"), method,
                        self.curl_scopes.get(context, self.module_scope), context, "curl", {},
                        basic="CURLOPT_USERPWD" in options)
        if "CURLOPT_POSTFIELDS" in options:
            self.http_body(call, options["CURLOPT_POSTFIELDS"])
        if "CURLOPT_FOLLOWLOCATION" in options:
            follow = options["CURLOPT_FOLLOWLOCATION"]
            flag = self.text_of(follow).lower()
            call.follow_redirects = True if flag in ("true", "1") else (
                False if flag in ("false", "0") else None)
            where: ts.Node | None = follow
            while where is not None and where.type not in ("function_call_expression",
                                                           "array_element_initializer"):
                where = where.parent
            call.redirect = where  # ``curl_setopt($ch, CURLOPT_FOLLOWLOCATION, true)``
        if "CURLOPT_SSL_VERIFYPEER" in options:
            call.verify_tls = self.text_of(options["CURLOPT_SSL_VERIFYPEER"]).lower() \
                not in ("false", "0")
        if call.url is not None:
            self.http(call)

    def http_call(self, node: ts.Node, name: str, owner: ts.Node, args: list[ts.Node]) -> None:
        lowered = name.lower()
        method: str | None
        if lowered == "request" and len(args) >= 2:
            method = self.literal(args[0])
            method = method.upper() if method else None
            url, options = args[1], args[2] if len(args) > 2 else None
        elif lowered in _HTTP_METHODS and args:
            method, url = lowered.upper(), args[0]
            options = args[1] if len(args) > 1 else None
        else:
            return
        if owner.type in _CALLS:
            short = self.call_name(owner)[0] or "client"
        else:
            words = re.findall(r"\w+", self.text_of(owner))
            short = words[-1] if words else "client"
        call = HttpCall(node, url, method, self.scope, self.context, f"{short}.{name}", {})
        base = self.client_base(owner)
        if base is not None:  # ``$client->get('users')`` on a Guzzle client with a base_uri
            call.url_value = joined_url(base, self.value(url, self.scope) or StrValue.hole())
        if options is not None and options.type == "array_creation_expression":
            for key, value in self.entries(options):
                if key in ("form_params", "body", "json", "query") and \
                        value.type == "array_creation_expression":
                    self.form_array(call, value)
                elif key in ("form_params", "body"):
                    self.http_body(call, value)
                elif key == "auth":
                    call.basic = True
                elif key == "allow_redirects":
                    call.follow_redirects = self.text_of(value).lower() != "false"
                    if self.text_of(value).lower() == "true":
                        call.redirect = value.parent  # Guzzle ``'allow_redirects' => true``
                elif key == "verify":
                    call.verify_tls = self.text_of(value).lower() != "false"
                elif key is not None and key in ("grant_type", "scope", "client_secret",
                                                 "client_assertion"):
                    call.form[key] = value
        self.basic_later(call)
        self.http(call)

    def client_base(self, owner: ts.Node) -> StrValue | None:
        """The ``base_uri`` of the Guzzle client ``owner`` names: a variable or ``$this->``
        field bound once to ``new Client(['base_uri' => …])``."""
        owner = self.unwrap(owner)
        if owner.type == "variable_name":
            name = self.text_of(owner)
        elif owner.type in ("member_access_expression", "nullsafe_member_access_expression"):
            target = owner.child_by_field_name("object")
            field = owner.child_by_field_name("name")
            if target is None or field is None or self.text_of(target) != "$this":
                return None
            name = "->" + self.text_of(field)
        else:
            return None
        # a field declared (``private $http;``) and set in the constructor is bound twice:
        # the one client made is what it holds
        made_here = [(self.unwrap(node), where) for node, where in self.scope.alternatives(name)
                     if self.unwrap(node).type == "object_creation_expression"]
        if len(made_here) != 1:
            return None
        made, where = made_here[0]
        args = self.args(made)
        if not args or args[0].type != "array_creation_expression":
            return None
        for key, value in self.entries(args[0]):
            if key in ("base_uri", "base_url"):
                return self.value(value, where)
        return None

    def league_token(self, node: ts.Node, args: list[ts.Node]) -> None:
        """league/oauth2-client's ``$provider->getAccessToken('client_credentials', [...])``:
        the provider POSTs the grant to its ``urlAccessToken``; the options are the form."""
        call = self.library_token_call(node, "league.getAccessToken")
        options = self.unwrap(args[1]) if len(args) > 1 else None
        if options is not None and options.type == "array_creation_expression":
            self.form_array(call, options)
        self.http(call)

    def form_array(self, call: HttpCall, array: ts.Node) -> None:
        for key, value in self.entries(array):
            if key is not None:
                call.form[key] = value

    def http_body(self, call: HttpCall, body: ts.Node) -> None:
        node = self.unwrap(body)
        if node.type == "function_call_expression":
            name, _ = self.call_name(node)
            args = self.args(node)
            if name == "http_build_query" and args:
                node = self.unwrap(args[0])
        if node.type == "variable_name":
            found = call.scope.lookup(self.text_of(node))
            if found is not None and found[0].type == "array_creation_expression":
                node = found[0]
        if node.type == "array_creation_expression":
            self.form_array(call, node)
            return
        call.form_text = node

    # -- values ---------------------------------------------------------------------------

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        kind = node.type
        if kind == "string":
            raw = self.text_of(node)
            body = raw[1:-1] if raw[:1] in "'\"" else raw
            if raw.startswith("'"):
                body = body.replace("\\'", "'").replace("\\\\", "\\")
            return StrValue.of((body,), "literal")
        if kind in ("encapsed_string", "heredoc", "nowdoc"):
            return self.interpolated(node, scope, depth)
        if kind in ("parenthesized_expression", "argument"):
            return self.value(node.named_children[-1], scope, depth) if node.named_child_count \
                else None
        if kind == "binary_expression":
            return self.binary_concat(node, scope, depth, ".")
        if kind == "variable_name":
            return self.name_value(self.text_of(node), scope, depth)
        if kind == "name":
            text = self.text_of(node)
            return None if text in _KEYWORDS else self.name_value(text, scope, depth)
        if kind == "class_constant_access_expression":
            found = self.class_constant(node, scope) if scope is not None else None
            if found is None:
                return None
            self.consumed.add(self.key(found[0]))
            value = self.value(found[0], found[1], depth)
            return value.with_via("constant") if value is not None else None
        if kind == "member_access_expression":
            owner_node = node.child_by_field_name("object")
            name = node.child_by_field_name("name")
            if owner_node is None or name is None or scope is None or \
                    self.text_of(owner_node) != "$this":
                return None
            owner = next((s for s in scope.chain() if s.kind == "class"), None)
            return self.name_value("->" + self.text_of(name), owner, depth) if owner else None
        if kind in _CALLS:
            return self.call_value(node, scope, depth)
        return None

    def interpolated(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue:
        raw = self.text_of(node)
        if node.type in ("heredoc", "nowdoc"):
            lines = raw.split("\n")
            return StrValue.of(("\n".join(lines[1:-1]),), "literal")
        parts: list[Part] = []
        via = "literal"
        for child in node.named_children:
            if child.type == "string_content":
                parts.append(self.text_of(child))
            elif child.type == "escape_sequence":
                parts.append(unescape(self.text_of(child)))
            else:
                via = "template"
                value = self.value(child, scope, depth)
                parts.extend(value.parts if value is not None else (HOLE,))
        return StrValue.of(parts, via)

    def call_value(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        name, _ = self.call_name(node)
        args = self.args(node)
        lowered = (name or "").lower()
        if lowered in ("sprintf", "vsprintf") and args:
            items = args[1:]
            if lowered == "vsprintf" and items and items[0].type == "array_creation_expression":
                items = [v for _, v in self.entries(items[0])]
            return self.formatted(args[0], items, scope, depth)
        if lowered in ("implode", "join") and len(args) == 2:
            sep = self.value(args[0], scope, depth)
            if sep is None or sep.literal is None or args[1].type != "array_creation_expression":
                return None
            elements = [(item, scope) for _, item in self.entries(args[1])]
            return StrValue.of(self.joined(elements, sep.literal, depth), "join")
        if lowered == "withtoken" and len(args) == 2:
            scheme = self.value(args[1], scope, depth)
            token = self.value(args[0], scope, depth)
            return StrValue.of([*(scheme.parts if scheme else (HOLE,)), " ",
                                *(token.parts if token else (HOLE,))], "auth-class")
        if lowered in ("trim", "strval") and args:
            return self.value(args[0], scope, depth)
        return None

    def sequence(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                 LexicalScope]] | None:
        node = self.unwrap(node)
        for _ in range(4):
            if node.type in ("variable_name", "name"):
                found = scope.lookup(self.text_of(node))
                if found is None:
                    return None
                self.scope_nodes.add(self.key(found[0]))
                node, scope = found
            elif node.type == "array_creation_expression":
                return [(v, scope) for _, v in self.entries(node)]
            elif node.type == "class_constant_access_expression":
                found = self.class_constant(node, scope)
                if found is None:
                    return None
                self.scope_nodes.add(self.key(found[0]))
                node, scope = found
            elif node.type == "function_call_expression" and self.call_name(node)[0] in (
                "implode", "join"
            ):
                args = self.args(node)
                if len(args) != 2:
                    return None
                node = args[1]
            else:
                return None
        return None

    def class_constant(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node,
                       LexicalScope] | None:
        items = node.named_children
        if len(items) != 2:
            return None
        owner_text = self.text_of(items[0])
        owner = next((s for s in scope.chain() if s.kind == "class"), None) \
            if owner_text in ("self", "static") else self.class_scopes.get(
                owner_text.lstrip("\\").rsplit("\\", 1)[-1])
        return owner.lookup(self.text_of(items[1])) if owner is not None else None

    def follow_node(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node,
                    LexicalScope] | None:
        node = self.unwrap(node)
        if node.type in ("variable_name", "name"):
            return scope.lookup(self.text_of(node))
        if node.type == "class_constant_access_expression":
            return self.class_constant(node, scope)
        return None


def _load_grammar() -> object:
    """The tree-sitter-php grammar, imported with the first PHP file (a run without one never
    loads the wheel)."""
    import tree_sitter_php

    return tree_sitter_php.language_php()


PHP: Final = TreeSitterLanguage(
    GrammarSource("php", "tree-sitter-php", _load_grammar), PhpAnalyzer,
    lifecycle=LIFECYCLE, transport=TRANSPORT)
