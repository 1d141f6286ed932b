"""Ruby: facts from the tree-sitter-ruby tree.

Strings: single- and double-quoted literals with ``#{…}`` interpolation, symbols, heredocs,
``+``, ``format``/``sprintf``/``"…" % args``, ``[…].join`` and names bound once (locals,
constants, ``@ivars``). Headers: ``req["Authorization"] = v``, ``{"Authorization" => v}`` /
``{Authorization: v}`` hashes (``headers:`` options, ``merge``), ``add_field``/``[]=``,
Faraday ``authorization``/``request :authorization, …``. SDK: ``Oktakit.new(token: …)``
(``access_token:`` is Bearer). HTTP: ``Net::HTTP::Get/Post.new(uri)``, ``Net::HTTP.get/
post_form``, HTTParty/Faraday/RestClient ``get/post/...``.
"""

from __future__ import annotations

import re
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.facts import SecretKind
from oinlint.frontends.shared.vocabulary import MESSAGE_CALL
from oinlint.frontends.treesitter.analyzer import Analyzer, HttpCall
from oinlint.frontends.treesitter.candidates import api_use
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.grammars import GrammarSource
from oinlint.frontends.treesitter.languages.ruby_wrappers import (
    DYNAMIC_VERB_CALLS,
    verb_of,
    wrapped_api_path,
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

__all__ = ["RUBY", "RubyAnalyzer"]

_MESSAGES: Final = frozenset({"puts", "p", "pp", "print", "raise", "fail", "warn", "abort",
                              "exit!", "printf"})
LIFECYCLE: Final = LifecycleSyntax(
    functions=frozenset({"method", "singleton_method", "lambda"}),
    blocks=frozenset({"block", "do_block"}),
    classes=frozenset({"class", "module"}),
    loops=frozenset({"while", "until", "for"}),
    assignments={"assignment": ("left", "right"), "operator_assignment": ("left", "right")},
    declarations={},
    parameters=frozenset({"method_parameters", "block_parameters", "lambda_parameters"}),
    returns=frozenset({"return"}),
    calls=frozenset({"call"}),
    identifiers=frozenset({"identifier"}),
    self_names=frozenset({"@", "self"}),
    clock=re.compile(r"\bTime\.(?:now|current)\b|Process\.clock_gettime|DateTime\.now\b"
                     r"|Time\.zone\.now"),
    comparisons=frozenset({"binary"}),
    cases=frozenset({"when", "exceptions"}),
    strings=frozenset({"string"}),
    closures=False,
    bare_calls=True,
)
_VERIFY_NONE: Final = "OpenSSL::SSL::VERIFY_NONE"
TRANSPORT: Final = TransportSyntax(
    calls=frozenset({"call"}),
    strings=frozenset({"string"}),
    identifiers=frozenset({"identifier", "instance_variable", "class_variable"}),
    members={},
    subscripts=frozenset({"element_reference"}),
    functions=frozenset({"method", "singleton_method", "lambda"}),
    print_functions=frozenset({"puts", "p", "pp", "print", "printf", "warn", "raise", "fail",
                               "abort"}),
    print_receivers=frozenset({"$stdout", "$stderr", "STDOUT", "STDERR"}),
    property_calls=True,
    pairs={"pair": ("key", "value")},
    assignments={"assignment": ("left", "right")},
    verify_off={"verify_mode": frozenset({_VERIFY_NONE}),
                "ssl_verify_mode": frozenset({_VERIFY_NONE}),
                "verify_ssl": frozenset({"false", _VERIFY_NONE}),
                "ssl_verify": frozenset({"false"}),
                "verify": frozenset({"false"})},  # Faraday ``ssl: {verify: false}``, HTTParty
)
_HTTP_METHODS: Final = frozenset({"get", "post", "put", "patch", "delete", "head"})
_NET_HTTP: Final = re.compile(r"Net::HTTP::(Get|Post|Put|Patch|Delete|Head)$")
_PASSTHROUGH: Final = frozenset({"freeze", "to_s", "strip", "dup", "to_str", "chomp"})


def _camel(key: str) -> str:
    head, *rest = [p for p in key.split("_") if p] or [key]
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


class RubyAnalyzer(Analyzer):
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset({"string", "heredoc_body"})
    CONCAT_TYPES: ClassVar[frozenset[str]] = frozenset({"binary"})
    LANGUAGE_NAME: ClassVar[str] = "Ruby"

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.heredoc_queue: list[ts.Node] = []
        self.heredocs: dict[tuple[int, int], ts.Node] = {}
        self.oktakit_file = "Oktakit" in text
        self.form_contexts: dict[str, dict[str, ts.Node | None]] = {}
        # methods that memoise a value (``def conn; @conn ||= Faraday.new(…)``) → the value
        self.memoized: dict[str, tuple[ts.Node, LexicalScope]] = {}

    # -- helpers --------------------------------------------------------------------------

    def args(self, node: ts.Node) -> list[ts.Node]:
        arguments = node.child_by_field_name("arguments")
        return [a for a in arguments.named_children if a.type != "comment"] if arguments else []

    def method_of(self, node: ts.Node) -> str | None:
        method = node.child_by_field_name("method")
        return self.text_of(method) if method is not None else None

    def key_name(self, node: ts.Node | None) -> str | None:
        if node is None:
            return None
        kind = node.type
        if kind == "hash_key_symbol":
            return self.text_of(node)
        if kind in ("simple_symbol", "delimited_symbol", "string", "identifier", "constant"):
            return self.literal(node) if kind != "identifier" else self.text_of(node)
        return None

    def pairs(self, node: ts.Node) -> list[tuple[str, ts.Node]]:
        """Pairs of a hash literal, or the bare ``key: value`` arguments of a call."""
        out: list[tuple[str, ts.Node]] = []
        for child in node.named_children:
            if child.type == "pair":
                key = self.key_name(child.child_by_field_name("key"))
                value = child.child_by_field_name("value")
                if key is not None and value is not None:
                    out.append((key, value))
        return out

    def hash_args(self, args: list[ts.Node]) -> list[tuple[str, ts.Node]]:
        out: list[tuple[str, ts.Node]] = []
        bare = [a for a in args if a.type == "pair"]
        for arg in args:
            if arg.type == "hash":
                out.extend(self.pairs(arg))
        for pair in bare:
            key = self.key_name(pair.child_by_field_name("key"))
            value = pair.child_by_field_name("value")
            if key is not None and value is not None:
                out.append((key, value))
        return out

    # -- scopes ---------------------------------------------------------------------------

    def class_key(self, name: str) -> str:
        """``Okta::Client`` is registered (and looked up) as ``Client``."""
        return name.rsplit("::", 1)[-1]

    on_class = Analyzer.type_declaration
    on_module = Analyzer.type_declaration
    on_method = Analyzer.named_function
    on_singleton_method = Analyzer.named_function
    on_block = Analyzer.anonymous
    on_do_block = Analyzer.anonymous
    on_lambda = Analyzer.anonymous

    def parameters(self, node: ts.Node) -> None:
        for param in node.named_children:
            if param.type == "identifier":
                self.scope.bind(self.text_of(param), None)
                continue
            name = param.child_by_field_name("name")
            if name is None:
                continue
            self.scope.bind(self.text_of(name), None)
            self.named_value(self.text_of(name), param.child_by_field_name("value"))

    on_method_parameters = parameters
    on_block_parameters = parameters
    on_lambda_parameters = parameters

    # -- heredocs -------------------------------------------------------------------------

    def on_heredoc_beginning(self, node: ts.Node) -> None:
        self.heredoc_queue.append(node)

    def on_heredoc_body(self, node: ts.Node) -> None:
        if self.heredoc_queue:
            self.heredocs[self.key(self.heredoc_queue.pop(0))] = node

    def secret(self, node: ts.Node, kind: SecretKind, value: str, name: str | None) -> None:
        if node.type == "heredoc_beginning":
            body = self.heredocs.get(self.key(node))
            if body is None:
                return
            node = body
        if node.type == "heredoc_body":
            raw = self.data[node.start_byte : node.end_byte]
            start = node.start_byte + len(raw) - len(raw.lstrip())
            content = next((c for c in node.named_children if c.type == "heredoc_content"), node)
            self.secret_at(self.span_bytes(start, max(start, content.end_byte)), kind, value, name)
            return
        super().secret(node, kind, value, name)

    def named_value(self, name: str | None, node: ts.Node | None) -> None:
        if node is not None and node.type == "heredoc_beginning":
            self.later(lambda: Analyzer.named_value(self, name, node))
            return
        super().named_value(name, node)

    # -- bindings -------------------------------------------------------------------------

    def on_assignment(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        kind = left.type
        if kind in ("identifier", "constant", "instance_variable", "class_variable",
                    "global_variable"):
            name = self.text_of(left)
            scope = self.scope
            if kind in ("instance_variable", "class_variable"):
                scope = next((s for s in self.scope.chain() if s.kind == "class"),
                             self.module_scope)
            scope.bind(name, right, self.scope)
            self.named_value(name, right)
            if "scope" in name.lower():
                self.scope_list(right, "constant")
        elif kind == "element_reference":
            keys = [c for c in left.named_children if c != left.child_by_field_name("object")]
            if len(keys) == 1:
                self.header(keys[0], right, standalone=True)
                self.named_value(self.key_name(keys[0]), right)
                return
        elif kind == "call":
            method = self.method_of(left)
            if method is not None and method.lower() == "authorization":
                self.header(None, right)
                return
            self.named_value(method, right)
        self.value_position(right)

    def on_operator_assignment(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        if left is not None and left.type in ("identifier", "constant"):
            self.scope.bind(self.text_of(left), None)
        elif left is not None and left.type == "instance_variable":
            # ``@conn ||= Faraday.new(url: …)``: the object's one memoised value
            right = node.child_by_field_name("right")
            operator = next((c for c in node.children if not c.is_named), None)
            if right is not None and operator is not None and self.text_of(operator) == "||=":
                scope = next((s for s in self.scope.chain() if s.kind == "class"),
                             self.module_scope)
                scope.bind(self.text_of(left), right, self.scope)
                method = self.context.rsplit(".", 1)[-1]
                if method:  # ``def connection; @connection ||= Faraday.new(…); end``
                    self.memoized.setdefault(method, (right, self.scope))

    def on_pair(self, node: ts.Node) -> None:
        key = self.key_name(node.child_by_field_name("key"))
        value = node.child_by_field_name("value")
        if key is None or value is None:
            return
        if key.strip().lower() == "authorization":
            self.header(None, value)
            return
        self.entry_value(key, value)

    def object_secrets(self, value: ts.Node, name: str | None) -> None:
        if value.type == "hash":
            self.jwk(self.pairs(value), name)

    on_array = Analyzer.value_children

    def on_return(self, node: ts.Node) -> None:
        for child in node.named_children:
            if child.type == "argument_list":
                for item in child.named_children:
                    self.value_position(item)

    def on_binary(self, node: ts.Node) -> Leave | None:
        return self.binary_operator(node, defaults=("||", "or"),
                                    comparisons=("==", "!=", "=~", "===", "!~"))

    def lookup_name(self, node: ts.Node) -> str | None:
        if node.type == "element_reference":
            keys = [c for c in node.named_children if c != node.child_by_field_name("object")]
            return self.key_name(keys[0]) if keys else None
        if node.type == "call":
            args = self.args(node)
            return self.literal(args[0]) if args else None
        return None

    # -- calls ----------------------------------------------------------------------------

    def lc_call(self, node: ts.Node) -> tuple[str | None, str | None]:
        receiver = node.child_by_field_name("receiver")
        return self.method_of(node), self.text_of(receiver) if receiver is not None else None

    def lc_implicit_returns(self, node: ts.Node) -> list[ts.Node]:
        """A Ruby method returns its last expression."""
        body = node.child_by_field_name("body")
        if body is None:
            return []
        if body.type != "body_statement":
            return [body]
        statements = [c for c in body.named_children if c.type not in ("comment", "rescue",
                                                                        "ensure", "else")]
        last = statements[-1:]
        # a loop or ``items.each do … end`` returns its receiver, not what the block made
        if last and (last[0].type in ("while", "until", "for") or (any(
            c.type in ("block", "do_block") for c in last[0].named_children
        ) and self.method_of(last[0]) not in ("synchronize", "tap", "then", "yield_self"))):
            return []
        return last

    def on_call(self, node: ts.Node) -> Leave | None:
        name = self.method_of(node) or ""
        receiver = node.child_by_field_name("receiver")
        receiver_text = self.text_of(receiver) if receiver is not None else ""
        args = self.args(node)
        if name in _MESSAGES or name.endswith("?") or receiver_text.endswith("logger") or (
            MESSAGE_CALL.match(name) and name not in ("fetch", "get", "post", "request")
        ):
            return self.in_message()
        self.helper_call(node, name, args)
        if name == "new" and receiver_text in ("Oktakit", "Oktakit::Client"):
            scope, context = self.scope, self.context
            self.later(lambda: self.oktakit(node, args, scope, context))
        if name in ("add_field", "[]=", "header", "set_header") and len(args) == 2:
            self.header(args[0], args[1])
        if name == "authorization" and len(args) >= 2:
            self.header(None, node)
        if name == "request" and len(args) >= 2 and self.key_name(args[0]) == "authorization":
            self.header(None, node)
        if name in ("fetch", "get") and len(args) == 2:
            self.named_value(self.literal(args[0]), args[1])
        if name == "basic_auth" and len(args) == 2:
            self.basic_auth(args[1])
        if name in ("set_form_data", "form_data=", "encode_www_form"):
            form = self.form_contexts.setdefault(self.context, {})
            for key, value in self.hash_args(args):
                form[key] = value
        for arg in args:
            self.value_position(arg)
        if self.oktakit_file and receiver is not None and receiver.type in (
            "identifier", "instance_variable"
        ) and name not in ("new", "get", "post", "put", "patch", "delete") and \
                self.sdk_operation(node, name, "oktakit"):  # client.list_users
            return None
        if name in DYNAMIC_VERB_CALLS and receiver is not None and len(args) >= 2:
            self.dynamic_verb_call(node, receiver_text, args)
        if name == "get_token" and receiver_text.endswith("client_credentials"):
            self.oauth2_gem_token(node, args)
            return None
        self.http_call(node, name, receiver_text, args)
        return None

    def oauth2_gem_token(self, node: ts.Node, args: list[ts.Node]) -> None:
        """The oauth2 gem's ``client.client_credentials.get_token(scope: …)``: the gem POSTs
        the grant to the client's ``token_url``; its parameters are the form."""
        call = self.library_token_call(node, "oauth2.client_credentials")
        for key, value in self.hash_args(args):
            call.form[key] = value
        self.http(call)

    def dynamic_verb_call(self, node: ts.Node, receiver: str, args: list[ts.Node]) -> None:
        """A client wrapper's transport call with the verb handed in (``ruby_wrappers``)."""
        is_verb, method = verb_of(args[0], self.text_of(args[0]))
        if not is_verb:
            return
        url, scope, context = self.uri_of(args[1]), self.scope, self.context

        def finish() -> None:
            value = self.value(url, scope)
            path = wrapped_api_path(value.template if value is not None else None, receiver)
            if method is not None and value is not None and "/api/v1" in value.template:
                return  # a literal verb and an API URL: the wrapper call's own fact (helper_fact)
            if path is not None:  # located at the verb call (``.send``), not the chain's start
                api_use(self, node.child_by_field_name("method") or node, context, method, path)

        self.later(finish)

    def oktakit(self, node: ts.Node, args: list[ts.Node], scope: LexicalScope,
                context: str) -> None:
        options: list[str] = []
        token: ts.Node | None = None
        auth_mode: str | None = None
        for key, value in self.hash_args(args):
            option = _camel(key)
            options.append(option)
            if option == "token" and token is None:
                token = value
            elif option == "accessToken":
                auth_mode = "Bearer"
        self.sdk(node, "oktakit", auth_mode, options, token, context)

    def http_call(self, node: ts.Node, name: str, receiver: str, args: list[ts.Node]) -> None:
        method: str | None = None
        url: ts.Node | None = None
        match = _NET_HTTP.search(receiver)
        if name == "new" and match and args:
            method, url = match.group(1).upper(), args[0]
        elif name in _HTTP_METHODS and receiver and args:
            method, url = name.upper(), args[0]
        elif name == "post_form" and args:
            method, url = "POST", args[0]
        else:
            return
        url = self.uri_of(url)
        call = HttpCall(node, url, method, self.scope, self.context,
                        f"{receiver.rsplit('::', 1)[-1].rsplit('.', 1)[-1]}.{name}", {})
        base = self.client_base(receiver)
        if base is not None:  # ``conn.get("users")`` on ``Faraday.new(url: …)``
            call.url_value = joined_url(base, self.value(url, self.scope) or StrValue.hole())
        elif re.fullmatch(r"[a-z_]\w*", receiver):
            # ``connection.get("users")`` where ``def connection; @c ||= Faraday.new(…)``
            scope = self.scope
            self.later(lambda: self.memoized_base(call, receiver, url, scope))
        for key, value in self.hash_args(args[1:]):
            if key in ("body", "form", "payload", "params", "query") and value.type == "hash":
                for inner, inner_value in self.pairs(value):
                    call.form[inner] = inner_value
            elif key in ("basic_auth", "user", "password"):
                call.basic = True
            else:
                call.form[key] = value
        for arg in args[1:]:
            if arg.type in ("string", "identifier", "call") and call.form_text is None:
                call.form_text = arg
        context = self.context

        def finish() -> None:
            call.basic = call.basic or context in self.basic_contexts
            for key, value in self.form_contexts.get(context, {}).items():
                call.form.setdefault(key, value)

        self.later(finish)
        self.http(call)

    def memoized_base(self, call: HttpCall, method: str, url: ts.Node,
                      scope: LexicalScope) -> None:
        """The base URL of the connection a method of the file memoises (``@c ||= Faraday.new
        (url: …)``), joined with the path of a call on that method's result."""
        made = self.memoized.get(method)
        if made is None:
            return
        node, where = made
        base = self.faraday_url(node, where)
        if base is not None:
            call.url_value = joined_url(base, self.value(url, scope) or StrValue.hole())

    def faraday_url(self, node: ts.Node, where: LexicalScope) -> StrValue | None:
        """``Faraday.new(url: X)`` / ``Faraday.new("X")``: X's value."""
        if node.type != "call" or self.method_of(node) != "new" or self.text_of(
                node.child_by_field_name("receiver") or node) not in ("Faraday",
                                                                      "Faraday::Connection"):
            return None
        args = self.args(node)
        url = next((value for key, value in self.hash_args(args) if key == "url"), None)
        if url is None and args and args[0].type == "string":
            url = args[0]
        return self.value(url, where) if url is not None else None

    def client_base(self, receiver: str) -> StrValue | None:
        """The base URL of the Faraday connection ``receiver`` names: a local or instance
        variable bound to one ``Faraday.new(url: …)`` / ``Faraday.new("…")``."""
        if not re.fullmatch(r"@?[a-z_]\w*", receiver):
            return None
        made = [(node, where) for node, where in self.scope.alternatives(receiver)
                if node.type == "call" and self.method_of(node) == "new"
                and (self.text_of(node.child_by_field_name("receiver") or node)
                     in ("Faraday", "Faraday::Connection"))]
        if len(made) != 1:
            return None
        return self.faraday_url(*made[0])

    def uri_of(self, node: ts.Node) -> ts.Node:
        if node.type == "call":
            name = self.method_of(node)
            receiver = node.child_by_field_name("receiver")
            args = self.args(node)
            if (name == "URI" and receiver is None) or (
                name == "parse" and receiver is not None and self.text_of(receiver) == "URI"
            ):
                return args[0] if args else node
        return node

    # -- values ---------------------------------------------------------------------------

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        kind = node.type
        if kind in ("string", "delimited_symbol", "bare_string", "heredoc_body"):
            return self.string_value(node, scope, depth)
        if kind == "heredoc_beginning":
            body = self.heredocs.get(self.key(node))
            return self.value(body, scope, depth) if body is not None else None
        if kind == "simple_symbol":
            return StrValue.of((self.text_of(node)[1:],), "literal")
        if kind == "parenthesized_statements":
            return self.value(node.named_children[-1], scope, depth) if node.named_child_count \
                else None
        if kind == "binary":
            operator = node.child_by_field_name("operator")
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if operator is None or left is None or right is None:
                return None
            op = self.text_of(operator)
            if op == "+":
                return self.concat(self.value(left, scope, depth),
                                   self.value(right, scope, depth))
            if op == "%":
                items = right.named_children if right.type == "array" else [right]
                return self.formatted(left, items, scope, depth)
            return None
        if kind in ("identifier", "constant", "instance_variable", "class_variable"):
            return self.name_value(self.text_of(node), scope, depth)
        if kind == "scope_resolution":
            owner = node.child_by_field_name("scope")
            name = node.child_by_field_name("name")
            if owner is None or name is None:
                return None
            owner_scope = self.class_scopes.get(self.class_key(self.text_of(owner)))
            return self.name_value(self.text_of(name), owner_scope, depth) \
                if owner_scope is not None else None
        if kind == "call":
            return self.call_value(node, scope, depth)
        return None

    def string_value(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue:
        raw = self.text_of(node)
        single = raw.startswith(("'", "%q"))
        parts: list[Part] = []
        via = "literal"
        for child in node.named_children:
            if child.type in ("string_content", "heredoc_content"):
                text = self.text_of(child)
                parts.append(text.replace("\\'", "'").replace("\\\\", "\\") if single else text)
            elif child.type == "escape_sequence":
                parts.append(unescape(self.text_of(child)))
            elif child.type == "interpolation":
                via = "template"
                inner = child.named_children[-1] if child.named_child_count else None
                value = self.value(inner, scope, depth) if inner is not None else None
                parts.extend(value.parts if value is not None else (HOLE,))
        return StrValue.of(parts, via)

    def call_value(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        name = self.method_of(node)
        receiver = node.child_by_field_name("receiver")
        args = self.args(node)
        if name in ("format", "sprintf") and receiver is None and args:
            return self.formatted(args[0], args[1:], scope, depth)
        if name in _PASSTHROUGH and receiver is not None:
            return self.value(receiver, scope, depth)
        if args and ((name == "URI" and receiver is None) or (
                name in ("parse", "join") and receiver is not None
                and self.text_of(receiver) == "URI")):
            # ``URI("https://#{org}/api/v1/groups")``, ``URI.parse(url)``: the URL itself
            return self.value(args[0], scope, depth) if name != "join" else StrValue.of(
                self.joined([(arg, scope) for arg in args], "", depth), "join")
        if name in ("escape", "encode") and receiver is not None and args and \
                self.text_of(receiver).startswith("URI"):  # URI::DEFAULT_PARSER.escape(url)
            return self.value(args[0], scope, depth)
        if name == "join" and receiver is not None and receiver.type in ("array",
                                                                          "string_array"):
            sep_value = self.value(args[0], scope, depth) if args else StrValue.of((), "literal")
            if sep_value is None or sep_value.literal is None:
                return None
            elements = [(item, scope) for item in receiver.named_children]
            return StrValue.of(self.joined(elements, sep_value.literal, depth), "join")
        if name in ("authorization", "request") and len(args) >= 2:
            items = args[1:] if name == "request" else args
            words = [(item, scope) for item in items]
            return StrValue.of(self.joined(words, " ", depth), "auth-class")
        return None

    def sequence(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                 LexicalScope]] | None:
        for _ in range(4):
            if node.type in ("identifier", "constant"):
                found = scope.lookup(self.text_of(node))
                if found is None:
                    return None
                self.scope_nodes.add(self.key(found[0]))
                node, scope = found
            elif node.type in ("array", "string_array"):
                return [(c, scope) for c in node.named_children]
            elif node.type == "call" and self.method_of(node) in ("join", "freeze"):
                receiver = node.child_by_field_name("receiver")
                if receiver is None:
                    return None
                node = receiver
            else:
                return None
        return None

    def follow_node(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node,
                    LexicalScope] | None:
        if node.type in ("identifier", "constant", "instance_variable"):
            return scope.lookup(self.text_of(node))
        return None


def _load_grammar() -> object:
    """The tree-sitter-ruby grammar, imported with the first Ruby file (a run without one never
    loads the wheel)."""
    import tree_sitter_ruby

    return tree_sitter_ruby.language()


RUBY: Final = TreeSitterLanguage(
    GrammarSource("ruby", "tree-sitter-ruby", _load_grammar), RubyAnalyzer,
    lifecycle=LIFECYCLE, transport=TRANSPORT)
