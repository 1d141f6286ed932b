"""Java: facts from the tree-sitter-java tree.

Strings: literals and text blocks, ``+``, ``String.format``/``.formatted``, ``String.join``,
``.concat`` and names bound once (locals, fields, ``this.x``, ``Cls.X``). Headers:
``setHeader``/``addHeader``/``header(...)``/``setRequestProperty``/``headers(k, v, ...)``,
``HttpHeaders.set/add``, ``Map.of("Authorization", v)``; ``HttpHeaders.AUTHORIZATION`` as the
key. SDK: ``Clients.builder()...setClientCredentials(new TokenClientCredentials(...))``,
``setOAuth2AccessToken``, ``setAuthorizationMode``, ``setScopes`` (also through a builder bound
to a variable); a ``new TokenClientCredentials(...)`` outside any chain is an SDK token too.
HTTP: ``HttpRequest.newBuilder(...)`` chains, OkHttp ``new Request.Builder()`` chains and
``RestTemplate``/``WebClient`` methods.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.facts import Span
from oinlint.frontends.shared.sdktypes import typed_api_names
from oinlint.frontends.shared.vocabulary import EXCEPTION_TYPE, MESSAGE_CALL
from oinlint.frontends.treesitter.analyzer import Analyzer, HttpCall, lower_first
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.grammars import GrammarSource
from oinlint.frontends.treesitter.languages.java_package import package_calls
from oinlint.frontends.treesitter.lifecycle.syntax import LifecycleSyntax
from oinlint.frontends.treesitter.transport import ALWAYS_TRUE, TransportSyntax
from oinlint.frontends.treesitter.values import LexicalScope, StrValue, unescape
from oinlint.frontends.treesitter.walk import Leave

__all__ = ["JAVA", "JavaAnalyzer"]

_HEADER_SETTERS: Final = frozenset({"setHeader", "addHeader", "header", "setRequestProperty",
                                    "addRequestProperty", "set", "add", "put", "addHeaderValue"})
_PAIR_METHODS: Final = frozenset({"put", "add", "set", "param", "queryParam", "formParam",
                                  "addFormDataPart", "append", "with"})
_MODES: Final = {"PRIVATE_KEY": "PrivateKey", "SSWS": "SSWS", "BEARER": "Bearer"}
_REST_METHODS: Final = {"getForObject": "GET", "getForEntity": "GET", "postForObject": "POST",
                        "postForEntity": "POST", "postForLocation": "POST", "put": "PUT",
                        "delete": "DELETE", "patchForObject": "PATCH", "exchange": None}
# okta-sdk-java's raw request API (``client.http()``), which retries 429s like every SDK call
_SDK_HTTP_METHODS: Final = {"get": "GET", "post": "POST", "put": "PUT", "delete": "DELETE"}
_CHAIN_METHODS: Final = {"GET": "GET", "POST": "POST", "PUT": "PUT", "DELETE": "DELETE",
                         "get": "GET", "post": "POST", "put": "PUT", "delete": "DELETE",
                         "patch": "PATCH", "head": "HEAD"}
LIFECYCLE: Final = LifecycleSyntax(
    functions=frozenset({"method_declaration", "constructor_declaration", "lambda_expression"}),
    classes=frozenset({"class_declaration", "record_declaration", "enum_declaration",
                       "interface_declaration"}),
    loops=frozenset({"for_statement", "enhanced_for_statement", "while_statement",
                     "do_statement"}),
    # ``try (Response res = call.execute())``: a resource is a declared local too
    assignments={"assignment_expression": ("left", "right"),
                 "variable_declarator": ("name", "value"), "resource": ("name", "value")},
    declarations={"variable_declarator": "name", "enhanced_for_statement": "name",
                  "catch_formal_parameter": "name", "resource": "name"},
    parameters=frozenset({"formal_parameters", "inferred_parameters"}),
    returns=frozenset({"return_statement"}),
    calls=frozenset({"method_invocation"}),
    identifiers=frozenset({"identifier"}),
    self_names=frozenset({"this"}),
    clock=re.compile(r"\b(?:Instant|LocalDateTime|ZonedDateTime|OffsetDateTime)\.now\("
                     r"|System\.(?:currentTimeMillis|nanoTime)\(|\bclock\.(?:instant|millis)\("),
    comparisons=frozenset({"binary_expression", "instanceof_expression"}),
    cases=frozenset({"switch_label"}),
    strings=frozenset({"string_literal"}),
    modules=True,
)
TRANSPORT: Final = TransportSyntax(
    calls=frozenset({"method_invocation"}),
    creations=frozenset({"object_creation_expression"}),
    strings=frozenset({"string_literal"}),
    identifiers=frozenset({"identifier"}),
    members={"field_access": "field"},
    subscripts=frozenset({"array_access"}),
    functions=frozenset({"method_declaration", "constructor_declaration", "lambda_expression"}),
    print_receivers=frozenset({"System.out", "System.err"}),
    assignments={"assignment_expression": ("left", "right")},
    # calls named like the option: ``setHostnameVerifier((h, s) -> true)``
    option_calls=True,
    verify_off={name: frozenset({ALWAYS_TRUE}) for name in (
        "setHostnameVerifier", "hostnameVerifier", "setSSLHostnameVerifier",
        "setDefaultHostnameVerifier", "loadTrustMaterial")},
    insecure_names=frozenset({"TrustAllStrategy", "NoopHostnameVerifier",
                              "InsecureTrustManagerFactory", "ALLOW_ALL_HOSTNAME_VERIFIER",
                              "AllowAllHostnameVerifier"}),
    empty_functions=frozenset({"checkServerTrusted"}),
    imports=frozenset({"import_declaration"}),
)
_COLLECTIONS: Final = frozenset({"of", "asList", "singleton", "singletonList", "copyOf",
                                 "newHashSet", "setOf", "listOf"})


# OAuth client libraries' client-credentials calls (ScribeJava's ``OAuth20Service``)
_LIBRARY_TOKEN_CALLS: Final = frozenset({"getAccessTokenClientCredentialsGrant",
                                         "getAccessTokenClientCredentialsGrantAsync"})

_URI_STARTS: Final = frozenset({"fromHttpUrl", "fromUriString", "fromUri", "fromPath"})
# builder steps that keep the URL's path (the query is not the operation)
_URI_KEEPS: Final = frozenset({"queryParam", "queryParams", "queryParamIfPresent", "build",
                               "encode", "toUriString", "toUri", "toString", "expand",
                               "buildAndExpand", "uriVariables"})

class JavaAnalyzer(Analyzer):
    COMMENT_TYPES: ClassVar[frozenset[str]] = frozenset({"line_comment", "block_comment"})
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset({"string_literal"})
    LANGUAGE_NAME: ClassVar[str] = "Java"

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.receiver_calls: dict[tuple[int, str], list[ts.Node]] = {}
        self.java_sdk_file = "com.okta.sdk" in text
        self.api_names = typed_api_names(text) if self.java_sdk_file else frozenset()

    # -- helpers --------------------------------------------------------------------------

    def args(self, node: ts.Node) -> list[ts.Node]:
        arguments = node.child_by_field_name("arguments")
        return [a for a in arguments.named_children if "comment" not in a.type] \
            if arguments else []

    def lc_call(self, node: ts.Node) -> tuple[str | None, str | None]:
        obj = node.child_by_field_name("object")
        return self.method_name(node), self.text_of(obj) if obj is not None else None

    def method_name(self, node: ts.Node) -> str | None:
        name = node.child_by_field_name("name")
        return self.text_of(name) if name is not None else None

    def chain_up(self, node: ts.Node) -> list[ts.Node]:
        """``a().b().c()`` seen from ``a()``: [a(), b(), c()] (each call on the previous)."""
        chain = [node]
        current = node
        while current.parent is not None and current.parent.type == "method_invocation" and (
            current.parent.child_by_field_name("object") == current
        ):
            current = current.parent
            chain.append(current)
        return chain

    @staticmethod
    def unwrap(node: ts.Node) -> ts.Node:
        while node.type in ("parenthesized_expression", "cast_expression") and \
                node.named_child_count:
            node = node.named_children[-1]
        return node

    def span(self, node: ts.Node) -> Span:
        """A text block's value starts on the line after its ``\"\"\"`` (like a heredoc)."""
        if node.type == "string_literal" and self.data.startswith(b'"""', node.start_byte):
            raw = self.data[node.start_byte + 3 : node.end_byte]
            newline = raw.find(b"\n")
            body = raw[newline + 1 :] if newline >= 0 else raw
            start = node.end_byte - len(body) + (len(body) - len(body.lstrip()))
            if start < node.end_byte - 3:
                return self.span_bytes(start, node.end_byte)
        return super().span(node)

    # -- scopes ---------------------------------------------------------------------------

    on_class_declaration = Analyzer.type_declaration
    on_interface_declaration = Analyzer.type_declaration
    on_enum_declaration = Analyzer.type_declaration
    on_record_declaration = Analyzer.type_declaration
    on_method_declaration = Analyzer.named_function
    on_constructor_declaration = Analyzer.named_function
    on_lambda_expression = Analyzer.anonymous

    def on_formal_parameter(self, node: ts.Node) -> None:
        name = node.child_by_field_name("name")
        if name is not None:
            self.scope.bind(self.text_of(name), None)

    on_spread_parameter = on_formal_parameter
    on_catch_formal_parameter = on_formal_parameter

    # -- bindings -------------------------------------------------------------------------

    def on_variable_declarator(self, node: ts.Node) -> None:
        name_node = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name_node is None:
            return
        name = self.text_of(name_node)
        self.scope.bind(name, value)
        if value is None:
            return
        self.declared_value(name, value)

    def on_assignment_expression(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        if left.type == "identifier":
            self.scope.bind(self.text_of(left), right)
            self.named_value(self.text_of(left), right)
        elif left.type == "field_access":
            field = left.child_by_field_name("field")
            self.named_value(self.text_of(field) if field is not None else None, right)
        elif left.type == "array_access":
            index = left.child_by_field_name("index")
            if index is not None:
                self.header(index, right, standalone=True)
        self.value_position(right)

    on_return_statement = Analyzer.value_children

    def on_array_initializer(self, node: ts.Node) -> None:
        for child in node.named_children:
            self.value_position(child)

    def on_annotation_argument_list(self, node: ts.Node) -> None:
        """Feign ``@Headers("Authorization: SSWS {token}")`` and friends."""
        for child in node.named_children:
            items = child.named_children if child.type == "element_value_array_initializer" \
                else [child]
            for item in items:
                if item.type == "string_literal":
                    self.value_position(item)

    def on_element_value_pair(self, node: ts.Node) -> None:
        key = node.child_by_field_name("key")
        value = node.child_by_field_name("value")
        if key is not None:
            self.named_value(self.text_of(key), value)

    on_throw_statement = Analyzer.message

    def on_binary_expression(self, node: ts.Node) -> Leave | None:
        return self.binary_operator(node, defaults=(), comparisons=("==", "!="))

    # -- calls ----------------------------------------------------------------------------

    def on_object_creation_expression(self, node: ts.Node) -> Leave | None:
        kind = node.child_by_field_name("type")
        type_name = self.text_of(kind) if kind is not None else ""
        if EXCEPTION_TYPE.search(type_name):
            return self.in_message()
        args = self.args(node)
        if type_name.endswith("TokenClientCredentials"):
            chain_owner = self.chain_owner(node)
            if chain_owner is None:
                context = self.context
                token = args[0] if args else node
                self.later(lambda: self.sdk(node, "okta-sdk-java", None, ("token",), token,
                                            context))
        elif type_name.endswith("ApiClientConfiguration") and len(args) >= 2 and \
                self.java_sdk_file:
            # the legacy okta-sdk-java (0.x): ``new ApiClientConfiguration(baseUrl, apiKey)``
            context, token = self.context, args[1]
            self.later(lambda: self.sdk(node, "okta-sdk-java", None, ("token",), token, context))
        elif type_name in ("Request.Builder", "okhttp3.Request.Builder"):
            self.http_chain(node)
        elif type_name in ("URL", "java.net.URL") and args:
            parent = node.parent
            if parent is not None and parent.type == "method_invocation" and \
                    self.method_name(parent) == "openConnection":
                self.http(HttpCall(node, args[0], None, self.scope, self.context,
                                   "HttpURLConnection", {}))
        for arg in args:
            self.value_position(arg)
        return None

    def chain_owner(self, node: ts.Node) -> ts.Node | None:
        """The ``Clients.builder()`` call of the chain ``node`` is an argument in, if any."""
        current: ts.Node | None = node.parent
        for _ in range(3):
            if current is None:
                return None
            if current.type == "method_invocation":
                break
            current = current.parent
        while current is not None and current.type == "method_invocation":
            if self.method_name(current) == "builder":
                obj = current.child_by_field_name("object")
                if obj is not None and self.text_of(obj).endswith("Clients"):
                    return current
            current = current.child_by_field_name("object")
        return None

    def on_method_invocation(self, node: ts.Node) -> Leave | None:
        name = self.method_name(node) or ""
        obj = node.child_by_field_name("object")
        args = self.args(node)
        if MESSAGE_CALL.match(name) and name not in ("set", "add"):
            return self.in_message()
        self.helper_call(node, name, args)
        if obj is not None and obj.type == "identifier":
            self.receiver_calls.setdefault((id(self.scope), self.text_of(obj)), []).append(node)
        if obj is not None and self.java_sdk_file and self.sdk_receiver(obj) \
                and self.sdk_operation(node, name, "okta-sdk-java"):  # userApi.listUsers()
            return None
        if name == "setProperty" and len(args) == 2 and obj is not None and \
                self.text_of(obj) == "System" and self.literal(args[0]) == "okta.client.token":
            # the SDK reads its API token from this system property
            self.sdk(node, "okta-sdk-java", None, ("token",), args[1], self.context)
        if name == "setApiKeyPrefix" and args and self.literal(args[0]) == "SSWS":
            # the generated ApiClient told to send ``SSWS <api key>``: an API-token client
            self.sdk(node, "okta-sdk-java", "SSWS", ("apiKeyPrefix", "token"), None, self.context)
        if name == "builder" and obj is not None and self.text_of(obj).endswith("Clients"):
            scope, context = self.scope, self.context
            self.later(lambda: self.java_sdk(node, scope, context))
        elif name == "newBuilder" and obj is not None and self.text_of(obj).endswith(
            "HttpRequest"
        ):
            self.http_chain(node)
        elif name in _CHAIN_METHODS and not args and obj is not None and \
                name.islower() and self.webclient_chain(node):
            pass  # Spring ``webClient.post().uri(url)…``: the chain is the request
        elif name in _LIBRARY_TOKEN_CALLS and obj is not None:
            # ScribeJava ``service.getAccessTokenClientCredentialsGrant(scope)``: the service
            # POSTs the grant and hands back the token; keeping it is the code's business
            call = self.library_token_call(node, f"scribejava.{name}")
            if args:
                call.form["scope"] = args[0]
            self.http(call)
        elif name in _SDK_HTTP_METHODS and obj is not None and args and self.java_sdk_file \
                and self.on_sdk_http(obj):
            # client.http().get("/api/v1/…", T.class): sent by the SDK's own request executor
            call = HttpCall(node, args[0], _SDK_HTTP_METHODS[name], self.scope, self.context,
                            f"okta-sdk-java.http().{name}", {}, sdk_executor=True)
            self.http(call)
        elif name in _REST_METHODS and obj is not None and args:
            method = _REST_METHODS[name]
            if name == "exchange" and len(args) > 1:
                match = re.search(r"HttpMethod\.([A-Z]+)", self.text_of(args[1]))
                method = match.group(1) if match else None
            call = HttpCall(node, args[0], method, self.scope, self.context,
                            f"{self.text_of(obj).rsplit('.', 1)[-1]}.{name}", {})

            if method == "POST" and len(args) > 1:
                self.http_body(call, args[1])
            self.http(call)
        if name in _HEADER_SETTERS and len(args) == 2:
            self.header(args[0], args[1])
        if name == "headers" and len(args) >= 2 and len(args) % 2 == 0:
            for index in range(0, len(args), 2):
                self.header(args[index], args[index + 1])
        if name in ("of", "ofEntries") and obj is not None and self.text_of(obj).endswith("Map"):
            for index in range(0, len(args) - 1, 2):
                self.header(args[index], args[index + 1], standalone=True)
                self.named_value(self.literal(args[index]), args[index + 1])
        if name in _PAIR_METHODS and len(args) == 2:
            self.named_value(self.literal(args[0]), args[1])
        if name == "setBasicAuth" and len(args) == 2:
            self.basic_auth(args[1])
        if name == "setBearerAuth" and len(args) == 1:  # Spring's ``HttpHeaders``
            self.header(None, args[0], scheme="Bearer")
        if len(args) == 1:
            setter = re.sub(r"^(?:set|with)(?=[A-Z])", "", name)
            self.named_value(lower_first(setter), args[0])
        for arg in args:
            self.value_position(arg)
        return None

    # -- SDK ------------------------------------------------------------------------------

    def sdk_receiver(self, obj: ts.Node) -> bool:
        """An SDK API object: named after its class (``userApi``), declared with it
        (``UserApi users``), or made right there (``new GroupApi(client)``)."""
        if obj.type == "object_creation_expression":
            kind = obj.child_by_field_name("type")
            return kind is not None and self.text_of(kind).endswith("Api")
        text = self.text_of(obj)
        return text.lower().endswith("api") or text.rsplit(".", 1)[-1] in self.api_names

    def on_sdk_http(self, obj: ts.Node) -> bool:
        """Is ``obj`` the SDK's request builder: ``client.http()``, possibly configured on the
        way (``client.http().setBody(b).addQueryParameter(k, v)``)?"""
        node: ts.Node | None = obj
        while node is not None and node.type == "method_invocation":
            if self.method_name(node) == "http" and not self.args(node):
                return True
            node = node.child_by_field_name("object")
        return False

    def java_sdk(self, node: ts.Node, scope: LexicalScope, context: str) -> None:
        calls = self.chain_up(node)[1:]
        parent = calls[-1].parent if calls else node.parent
        if parent is not None and parent.type == "variable_declarator":
            name = parent.child_by_field_name("name")
            if name is not None:
                calls += self.receiver_calls.get((id(scope), self.text_of(name)), [])
        options: list[str] = []
        auth_mode: str | None = None
        token: ts.Node | None = None
        mode_node: ts.Node | None = None
        for call in calls:
            method = self.method_name(call) or ""
            args = self.args(call)
            if not method.startswith("set"):
                continue
            option = lower_first(method[3:])
            if option == "clientCredentials" and args:
                credentials = self.unwrap(args[0])
                if credentials.type == "identifier":
                    found = scope.lookup(self.text_of(credentials))
                    credentials = self.unwrap(found[0]) if found is not None else credentials
                kind = credentials.child_by_field_name("type")
                if kind is not None and self.text_of(kind).endswith("TokenClientCredentials"):
                    options.append("token")
                    values = self.args(credentials)
                    token = values[0] if values else credentials
                    continue
            if option == "oAuth2AccessToken":
                options.append("accessToken")
                auth_mode = auth_mode or "Bearer"
                continue
            options.append(option)
            if option == "authorizationMode" and args:
                mode_node = args[0]
                text = self.text_of(args[0]).rsplit(".", 1)[-1]
                auth_mode = _MODES.get(text, "?")
            elif option == "scopes" and args:
                self.sdk_scopes(args[0], scope, context)
        self.sdk(node, "okta-sdk-java", auth_mode, options, token, context, mode_node)

    # -- HTTP -----------------------------------------------------------------------------

    def http_chain(self, node: ts.Node) -> None:
        calls = self.chain_up(node)
        url: ts.Node | None = None
        if node.type == "method_invocation":
            args = self.args(node)
            url = args[0] if args else None
        call = HttpCall(calls[-1], None, "GET", self.scope, self.context,
                        "HttpRequest" if node.type == "method_invocation" else "OkHttp", {})
        for item in calls[1:]:
            method = self.method_name(item) or ""
            args = self.args(item)
            if method in ("uri", "url") and args:
                url = args[0]
            elif method in _CHAIN_METHODS:
                call.method = _CHAIN_METHODS[method]
                if args:
                    self.http_body(call, args[0])
            elif method == "method" and args:
                call.method = self.literal(args[0])
                if len(args) > 1:
                    self.http_body(call, args[1])
            elif method in ("header", "setHeader", "addHeader") and len(args) == 2:
                key = self.literal(args[0])
                value = self.literal(args[1]) or self.text_of(args[1])
                if key is not None and key.lower() == "authorization" and \
                        value.lstrip("\"").startswith("Basic"):
                    call.basic = True
        if url is None:
            return
        url = self.uri_of(url)
        call.url = url
        self.http(call)

    def webclient_chain(self, node: ts.Node) -> bool:
        """Spring WebClient / RestClient: ``client.post().uri(url).header(…).body(…)`` — the verb
        call starts a request whose URL is its ``uri``; True when one was made."""
        calls = self.chain_up(node)
        uri = next((c for c in calls[1:] if self.method_name(c) == "uri" and self.args(c)), None)
        if uri is None:
            return False
        verb = self.method_name(node) or ""
        call = HttpCall(calls[-1], self.uri_of(self.args(uri)[0]), _CHAIN_METHODS[verb],
                        self.scope, self.context, f"WebClient.{verb}", {})
        for item in calls[1:]:
            method = self.method_name(item) or ""
            args = self.args(item)
            if method in ("body", "bodyValue", "syncBody") and args and \
                    not self.form_data(call, args[0]):
                self.http_body(call, args[0])
        self.http(call)
        return True

    def form_data(self, call: HttpCall, node: ts.Node) -> bool:
        """``BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", s)``:
        its pairs are the form (a map handed to ``fromFormData`` is read as a body)."""
        node = self.unwrap(node)
        pairs: list[tuple[ts.Node, ts.Node]] = []
        while node.type == "method_invocation":
            name = self.method_name(node)
            args = self.args(node)
            if name in ("with", "fromFormData") and len(args) == 2:
                pairs.append((args[0], args[1]))
            elif name == "fromFormData" and len(args) == 1:
                self.http_body(call, args[0])
                return True
            if name == "fromFormData":
                break
            target = node.child_by_field_name("object")
            if target is None:
                return False
            node = self.unwrap(target)
        else:
            return False
        for key_node, value in pairs:
            key = self.literal(key_node)
            if key is not None:
                call.form[key] = value
        return True

    def uri_of(self, node: ts.Node) -> ts.Node:
        node = self.unwrap(node)
        if node.type in ("method_invocation", "object_creation_expression"):
            name = self.method_name(node) if node.type == "method_invocation" else None
            kind = node.child_by_field_name("type")
            type_name = self.text_of(kind) if kind is not None else ""
            args = self.args(node)
            if (name == "create" or type_name in ("URI", "URL")) and args:
                return args[0]
        return node

    def http_body(self, call: HttpCall, body: ts.Node) -> None:
        """The request body, resolved after the walk (form maps are filled in later calls)."""
        self.later(lambda: self.resolve_body(call, body))

    def resolve_body(self, call: HttpCall, body: ts.Node) -> None:
        node = self.unwrap(body)
        for _ in range(4):
            if node.type not in ("method_invocation", "object_creation_expression"):
                break
            name = self.method_name(node) if node.type == "method_invocation" else None
            kind = node.child_by_field_name("type")
            type_name = self.text_of(kind) if kind is not None else ""
            args = self.args(node)
            if type_name.startswith(("HttpEntity", "RequestEntity")) and args:
                if len(args) > 1 and self.calls_on(call.scope, args[1], {"setBasicAuth"}):
                    call.basic = True
                node = self.unwrap(args[0])
            elif name in ("ofString", "create", "noBody") and args:
                node = self.unwrap(args[-1] if name == "create" else args[0])
            elif name in ("of", "ofEntries") and len(args) % 2 == 0:
                for index in range(0, len(args), 2):
                    key = self.literal(args[index])
                    if key is not None:
                        call.form[key] = args[index + 1]
                return
            else:
                break
        if node.type == "identifier":
            found = False
            for item in self.calls_on(call.scope, node, _PAIR_METHODS):
                args = self.args(item)
                key = self.literal(args[0]) if len(args) == 2 else None
                if key is not None:
                    call.form[key] = args[1]
                    found = True
            if found:
                return
            bound = call.scope.lookup(self.text_of(node))
            if bound is not None:
                self.resolve_body(call, bound[0])
                return
        call.form_text = node
        if call.context in self.basic_contexts:
            call.basic = True

    def calls_on(self, scope: LexicalScope, receiver: ts.Node,
                 names: Iterable[str]) -> list[ts.Node]:
        """Calls ``receiver.name(...)`` made in ``scope`` (``form.add``, ``setBasicAuth``)."""
        if receiver.type != "identifier":
            return []
        wanted = set(names)
        calls = self.receiver_calls.get((id(scope), self.text_of(receiver)), [])
        return [c for c in calls if self.method_name(c) in wanted]

    # -- values ---------------------------------------------------------------------------

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        kind = node.type
        if kind == "string_literal":
            raw = self.text_of(node)
            if raw.startswith('"""'):
                body = raw[3:-3]
                body = body.split("\n", 1)[1] if "\n" in body else body
                lines = body.split("\n")
                indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
                body = "\n".join(x[indent:] for x in lines)
                return StrValue.of((unescape(body),), "literal")
            return StrValue.of((unescape(raw[1:-1]),), "literal")
        if kind in ("parenthesized_expression", "cast_expression"):
            return self.value(node.named_children[-1], scope, depth) if node.named_child_count \
                else None
        if kind == "binary_expression":
            return self.binary_concat(node, scope, depth, "+")
        if kind == "identifier":
            return self.name_value(self.text_of(node), scope, depth)
        if kind == "field_access":
            return self.field_value(node, scope, depth)
        if kind == "method_invocation":
            return self.call_value(node, scope, depth)
        return None

    def field_scope(self, node: ts.Node, scope: LexicalScope | None) -> tuple[str,
                    LexicalScope] | None:
        obj = node.child_by_field_name("object")
        field = node.child_by_field_name("field")
        if obj is None or field is None or scope is None:
            return None
        owner: LexicalScope | None = None
        if obj.type == "this":
            owner = next((s for s in scope.chain() if s.kind == "class"), None)
        elif obj.type == "identifier":
            owner = self.class_scopes.get(self.text_of(obj))
        if owner is None:
            return None
        return self.text_of(field), owner

    def field_value(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        found = self.field_scope(node, scope)
        if found is None:
            return None
        return self.name_value(found[0], found[1], depth)

    def call_value(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        name = self.method_name(node)
        obj = node.child_by_field_name("object")
        args = self.args(node)
        if name == "format" and obj is not None and self.text_of(obj) == "String" and args:
            return self.formatted(args[0], args[1:], scope, depth)
        if name == "formatted" and obj is not None:
            return self.formatted(obj, args, scope, depth)
        if name == "concat" and obj is not None and args:
            return self.concat(self.value(obj, scope, depth), self.value(args[0], scope, depth))
        if name == "join" and obj is not None and self.text_of(obj) == "String" and args:
            return self.join_arguments(args[0], args[1:], scope, depth)
        # Spring's ``UriComponentsBuilder.fromHttpUrl(org).path("/api/v1/users")…toUriString()``
        if name in _URI_STARTS and obj is not None and args and \
                self.text_of(obj).endswith(("UriComponentsBuilder", "UriBuilder")):
            return self.value(args[0], scope, depth) or StrValue.hole()
        if name in ("path", "pathSegment") and obj is not None and args and \
                obj.type == "method_invocation":
            base = self.value(obj, scope, depth)
            if base is None:
                return None
            sep = "/" if name == "pathSegment" else ""
            for arg in args:
                base = self.concat(self.concat(base, StrValue.of((sep,), "literal")),
                                   self.value(arg, scope, depth))
            return base
        if name in _URI_KEEPS and obj is not None and obj.type == "method_invocation":
            return self.value(obj, scope, depth)
        if name == "create" and obj is not None and self.text_of(obj) == "URI" and args:
            return self.value(args[0], scope, depth)
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
            elif node.type == "field_access":
                owner = self.field_scope(node, scope)
                found = owner[1].lookup(owner[0]) if owner is not None else None
                if found is None:
                    return None
                self.scope_nodes.add(self.key(found[0]))
                node, scope = self.unwrap(found[0]), found[1]
            elif node.type == "object_creation_expression":
                args = self.args(node)
                if len(args) != 1:
                    return None
                node = self.unwrap(args[0])
            elif node.type == "method_invocation" and self.method_name(node) in _COLLECTIONS:
                args = self.args(node)
                if len(args) == 1 and args[0].type != "string_literal":
                    node = self.unwrap(args[0])
                    continue
                return [(a, scope) for a in args]
            elif node.type == "array_creation_expression":
                value = node.child_by_field_name("value")
                if value is None:
                    return None
                node = value
            elif node.type == "array_initializer":
                return [(a, scope) for a in node.named_children]
            else:
                return None
        return None

    def follow_node(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node,
                    LexicalScope] | None:
        node = self.unwrap(node)
        if node.type == "identifier":
            return scope.lookup(self.text_of(node))
        if node.type == "field_access":
            owner = self.field_scope(node, scope)
            return owner[1].lookup(owner[0]) if owner is not None else None
        return None


def _load_grammar() -> object:
    """The tree-sitter-java grammar, imported with the first Java file (a run without one never
    loads the wheel)."""
    import tree_sitter_java

    return tree_sitter_java.language()


JAVA: Final = TreeSitterLanguage(
    GrammarSource("java", "tree-sitter-java", _load_grammar), JavaAnalyzer,
    lifecycle=LIFECYCLE, transport=TRANSPORT, package_calls=package_calls)
