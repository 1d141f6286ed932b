"""Transport settings and credentials in messages (what OIN402–OIN405 read), for every grammar.

After the walk, :class:`Transport` finds TLS verification turned off, plain-``http://`` Okta
URLs, one org's URL written in the code and credentials handed to a log, print or exception
message, driven by a language's :class:`TransportSyntax` table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

import tree_sitter as ts

from oinlint.facts import HardcodedOrg, SecretLogged, TokenRequest, TransportSetting
from oinlint.frontends.shared.tidy import context_at
from oinlint.frontends.shared.transport import (
    LOG_RECEIVER,
    is_secret_name,
    okta_org_host,
    plain_http_okta,
)
from oinlint.frontends.shared.vocabulary import (
    CAMEL_LOGGER,
    EXCEPTION_TYPE,
    GETTER,
    LOG_METHOD,
    NOT_TLS_CALL,
    PASSTHROUGH_CALLS,
    SECRET_WORD_BYTES,
    SINK_WORD,
    TEST_FILE_PATH,
    TEST_OPERATORS,
)
from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.walk import LAST_WORD, in_message, one_line

__all__ = ["ALWAYS_TRUE", "Transport", "TransportSyntax"]

# An option value that is a function accepting every certificate or host name
# (``(h, s) -> true``, ``(m, c, ch, e) => true``, ``delegate { return true; }``).
ALWAYS_TRUE: Final = "<always true>"
_ALWAYS_TRUE: Final = re.compile(
    r"^(?:(?:\([^()]*\)|\w+)\s*(?:->|=>)|delegate\s*(?:\([^()]*\))?)\s*"
    r"(?:true|\{\s*return\s+true\s*;?\s*\})$")


@dataclass(frozen=True, slots=True)
class TransportSyntax:
    """How one language's tree shows weakened transport and credentials in messages (a
    language module's table; the detection is :class:`Transport`'s, shared by all languages).

    Secrets in messages (OIN405): ``calls`` (call node types; names and receivers come from
    :meth:`Walker.lc_call`), ``creations`` (``new X(…)``: an ``…Error`` / ``…Exception``'s
    message), ``statements`` (print statements such as PHP ``echo``), ``print_functions``
    (bare calls that print: Ruby ``puts``, PHP ``error_log``) and ``print_receivers``
    (``console``, ``System.out``; a receiver named like a logger always counts). In their
    arguments, ``identifiers`` (variables), ``members`` (member access type → the field naming
    the member) and ``subscripts`` (``x["access_token"]``) named like a credential are reported;
    ``functions`` are not entered; ``property_calls``: a call without arguments is a member
    read (Ruby's ``body.access_token``).

    URLs (OIN402, OIN403): ``strings`` (string literal types). TLS verification (OIN403):
    ``pairs`` (``key: value`` node types → key and value fields, None for the first and last
    child), ``assignments`` (type → target and value fields) and, with ``option_calls``, calls
    named like an option (``setHostnameVerifier(…)``) or ``setter_calls``
    (``curl_setopt($ch, KEY, value)``) whose
    option, the last word of the key, is in ``verify_off`` with a value that turns it off
    (:data:`ALWAYS_TRUE`: a function accepting everything); ``insecure_names`` used anywhere
    outside ``imports`` (``NoopHostnameVerifier``); ``empty_functions`` declared with an empty
    body (``checkServerTrusted``).
    """

    calls: frozenset[str]
    strings: frozenset[str]
    identifiers: frozenset[str]
    members: dict[str, str]
    subscripts: frozenset[str]
    functions: frozenset[str]
    creations: frozenset[str] = frozenset()
    statements: frozenset[str] = frozenset()
    print_functions: frozenset[str] = frozenset()
    print_receivers: frozenset[str] = frozenset()
    property_calls: bool = False
    pairs: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    assignments: dict[str, tuple[str, str]] = field(default_factory=dict)
    verify_off: dict[str, frozenset[str]] = field(default_factory=dict)
    setter_calls: frozenset[str] = frozenset()
    option_calls: bool = False
    insecure_names: frozenset[str] = frozenset()
    empty_functions: frozenset[str] = frozenset()
    imports: frozenset[str] = frozenset()


class Transport:
    """TLS verification turned off, plain-``http://`` Okta URLs, one org's URL written in the
    code and credentials handed to a log, print or exception message: TransportSetting,
    HardcodedOrg and SecretLogged facts, found after the walk from a :class:`TransportSyntax`.

    Decisions are conservative (a miss beats a false alarm): an option counts only when its
    value is written as the literal that turns verification off; a name counts as a
    credential by :func:`oinlint.frontends.shared.transport.is_secret_name`, as in Python; a value
    wrapped in any call but string building (``len(token)``, ``mask(token)``) is not logged.
    Redirects (OIN404) are the language modules' (:attr:`HttpCall.redirect`).
    """

    def __init__(self, analyzer: Analyzer, syntax: TransportSyntax, root: ts.Node) -> None:
        self.a = analyzer
        self.syntax = syntax
        self.root = root
        self.seen: set[tuple[str, int, int]] = set()

    def run(self) -> None:
        data = self.a.data
        if b"http" in data:
            self.urls()
        syntax = self.syntax
        if any(option.encode() in data for option in syntax.verify_off):
            self.options()
        for name in syntax.insecure_names:
            if name.encode() in data:
                self.insecure_name(name)
        for name in syntax.empty_functions:
            if name.encode() in data:
                self.empty_function(name)
        self.messages()
        if "arrow_function" in syntax.functions:
            self.token_responses_logged()

    # -- helpers ---------------------------------------------------------------------------

    def context(self, node: ts.Node) -> str:
        return context_at(self.a.ranges, self.a.positions.position(node.start_byte)[0])

    def emit_setting(self, node: ts.Node, detail: str, start: int | None = None) -> None:
        a = self.a
        begin = node.start_byte if start is None else start
        if ("tls", begin, node.end_byte) in self.seen:
            return
        self.seen.add(("tls", begin, node.end_byte))
        a.facts.append(TransportSetting(a.span_bytes(begin, node.end_byte), self.context(node),
                                        "verify-off", "any", detail))

    def in_message(self, node: ts.Node) -> bool:
        """Inside a log, print, comparison or exception call (a URL there is text)."""
        return in_message(self.a, node, self.syntax.functions, self.syntax.calls,
                          self.syntax.statements)

    def option_name(self, node: ts.Node) -> str:
        match = LAST_WORD.search(self.a.text_of(node))
        return match.group(1) if match is not None else ""

    def turns_off(self, value: ts.Node, offs: frozenset[str]) -> bool:
        """Is ``value`` written as one of ``offs``? A quoted ``"false"`` is a true string; a
        quoted ``'0'`` is what an environment variable holds."""
        text = one_line(self.a.text_of(value))
        bare = text.lstrip(":\\").lower()
        quoted = text.strip("'\"`")
        if any(bare == off.lower() or (off.isdigit() and quoted == off) for off in offs):
            return True
        return ALWAYS_TRUE in offs and _ALWAYS_TRUE.match(text) is not None

    def in_jwt_call(self, node: ts.Node) -> bool:
        """``jwt.decode(t, {verify: false})`` is not TLS (see ``NOT_TLS_CALL``)."""
        current = node.parent
        for _ in range(6):
            if current is None:
                return False
            if current.type in self.syntax.calls:
                name, receiver = self.a.lc_call(current)
                return bool(NOT_TLS_CALL.search(f"{receiver or ''}.{name or ''}"))
            current = current.parent
        return False

    # -- URLs ------------------------------------------------------------------------------

    def urls(self) -> None:
        a = self.a
        strings = self.syntax.strings
        done: set[tuple[int, int]] = set()
        test_file = TEST_FILE_PATH.search(a.path.replace("\\", "/")) is not None
        for match in re.finditer(rb"https?://", a.data):
            node: ts.Node | None = self.root.descendant_for_byte_range(match.start(),
                                                                       match.end())
            for _ in range(3):
                if node is None or node.type in strings:
                    break
                node = node.parent
            if node is None or node.type not in strings or a.key(node) in done:
                continue
            done.add(a.key(node))
            outer = node
            while outer.parent is not None and (outer.parent.type in a.CONCAT_TYPES or
                                                outer.parent.type == "parenthesized_expression"):
                outer = outer.parent
            value = a.value(outer, None)
            if outer is not node and (value is None or not value.template.startswith("http")):
                outer, value = node, a.value(node, None)
            if value is None or not value.template.startswith(("http://", "https://")):
                continue
            if outer.start_byte != node.start_byte or self.in_message(outer):
                continue
            text = value.template
            if plain_http_okta(text):
                a.facts.append(TransportSetting(a.span(outer), self.context(outer), "http-url",
                                                "any", text[:80]))
            host = okta_org_host(text)
            if host is not None and not test_file:
                a.facts.append(HardcodedOrg(a.span(outer), self.context(outer), host))

    # -- TLS verification ------------------------------------------------------------------

    def options(self) -> None:
        a, syntax = self.a, self.syntax
        kinds = frozenset(syntax.pairs) | frozenset(syntax.assignments) | (
            syntax.calls if syntax.setter_calls or syntax.option_calls else frozenset())
        for node in a.query_nodes(self.root, kinds, ordered=False):
            key: ts.Node | None = None
            value: ts.Node | None = None
            where = node
            start: int | None = None
            if node.type in syntax.pairs:
                key_field, value_field = syntax.pairs[node.type]
                children = [c for c in node.named_children if c.type not in a.COMMENT_TYPES]
                key = node.child_by_field_name(key_field) if key_field else (
                    children[0] if len(children) == 2 else None)
                value = node.child_by_field_name(value_field) if value_field else (
                    children[-1] if len(children) == 2 else None)
            elif node.type in syntax.assignments:
                target_field, value_field = syntax.assignments[node.type]
                key = node.child_by_field_name(target_field)
                value = node.child_by_field_name(value_field)
            else:
                name, _ = a.lc_call(node)
                args = a.lc_arguments(node)
                if name in syntax.setter_calls and len(args) >= 2:
                    key, value = args[-2], args[-1]
                elif syntax.option_calls and name is not None and name in syntax.verify_off \
                        and args:
                    offs = syntax.verify_off[name]
                    if self.turns_off(args[-1], offs) and not self.in_jwt_call(args[-1]):
                        self.emit_setting(args[-1], f"{name}({one_line(a.text_of(args[-1]))})")
                    continue
            if key is None or value is None:
                continue
            option_offs = syntax.verify_off.get(self.option_name(key))
            if option_offs is None or not self.turns_off(value, option_offs) or \
                    self.in_jwt_call(node):
                continue
            written = one_line(a.text_of(where))
            if len(written) >= 80:
                written = one_line(f"{self.option_name(key)} = {a.text_of(value)}")
            self.emit_setting(where, written, start)

    def insecure_name(self, name: str) -> None:
        """``NoopHostnameVerifier.INSTANCE``, ``new TrustAllStrategy()``,
        ``HttpClientHandler.DangerousAcceptAnyServerCertificateValidator``."""
        a = self.a
        for match in re.finditer(rb"\b" + re.escape(name.encode()) + rb"\b", a.data):
            node = self.root.descendant_for_byte_range(match.start(), match.end())
            if node is None or node.named_child_count or a.text_of(node) != name or (
                node.parent is not None and node.parent.type in self.syntax.strings
            ):
                continue
            current = node.parent
            imported = False
            while current is not None:
                if current.type in self.syntax.imports:
                    imported = True
                    break
                current = current.parent
            if imported:
                continue
            parent = node.parent
            if parent is None or parent.type.endswith(("statement", "declaration", "list",
                                                       "arguments", "argument")):
                self.emit_setting(node, name)
                continue
            first = parent.named_children[0] if parent.named_child_count else None
            whole = parent.type in self.syntax.members or (
                first is not None and a.key(first) == a.key(node))
            # ``NoopHostnameVerifier.INSTANCE``, ``new TrustAllStrategy()``; in a chain of
            # calls (``Http::withoutVerifying()``) only the name and its arguments
            start = parent.start_byte if whole else node.start_byte
            self.emit_setting(parent, one_line(a.data[start:parent.end_byte].decode(
                "utf-8", "replace")), start)

    def empty_function(self, name: str) -> None:
        """A trust manager's ``checkServerTrusted`` with an empty body: trusts everything."""
        a = self.a
        for match in re.finditer(rb"\b" + re.escape(name.encode()) + rb"\b", a.data):
            node = self.root.descendant_for_byte_range(match.start(), match.end())
            parent = node.parent if node is not None else None
            if node is None or parent is None or parent.type not in self.syntax.functions:
                continue
            declared = parent.child_by_field_name("name")
            body = parent.child_by_field_name("body")
            if declared is None or a.key(declared) != a.key(node) or body is None:
                continue
            if any(c.type not in a.COMMENT_TYPES for c in body.named_children):
                continue
            self.emit_setting(node, f"empty {name}()")

    # -- credentials in messages -----------------------------------------------------------

    def messages(self) -> None:
        """Each log, print or exception call or statement whose text names a credential-ish
        word, and every credential in its arguments."""
        a, syntax = self.a, self.syntax
        search = SECRET_WORD_BYTES.search
        data = a.data
        for node in a.query_nodes(self.root, syntax.calls | syntax.creations
                                 | syntax.statements, ordered=False):
            start, end = node.start_byte, node.end_byte
            head = data.find(b"(", start, end)  # the callee: ``console.log``, ``new XError``
            if SINK_WORD.search(data, start, end if head < 0 else head) is not None and \
                    search(data, start, end) is not None:
                self.message(node)

    def message(self, node: ts.Node) -> None:
        a, syntax = self.a, self.syntax
        sink = self.sink(node)
        if sink is None:
            return
        args = node.named_children if node.type in syntax.statements else self.arguments(node)
        for arg in args:
            for found in self.secret_refs(arg):
                key = ("log", found.start_byte, found.end_byte)
                if key in self.seen:
                    continue
                self.seen.add(key)
                a.facts.append(SecretLogged(a.span(found), self.context(found),
                                            one_line(a.text_of(found))[:60], sink))

    # -- a whole token response logged (JS/TS) --------------------------------------------

    def token_responses_logged(self) -> None:
        """``console.log(response.data)`` where ``response`` is what a client-credentials token
        request returned (``const response = await axios.post(tokenUrl, …)``, or the parameter
        of its ``.then(response => …)``): the body holds the access token."""
        a = self.a
        requests = {f.span for f in a.facts if isinstance(f, TokenRequest)
                    and f.grant_type in (None, "client_credentials")}
        if not requests:
            return
        for call in a.query_nodes(self.root, frozenset({"call_expression"}), ordered=False):
            if a.span(call) not in requests:
                continue
            found = self.response_name(call)
            if found is not None:
                self.log_of_response(*found)

    def response_name(self, call: ts.Node) -> tuple[str, ts.Node] | None:
        """The variable holding the request's response and the code where it lives."""
        node = call
        if node.parent is not None and node.parent.type == "await_expression":
            node = node.parent
        parent = node.parent
        if parent is not None and parent.type == "variable_declarator":
            name = parent.child_by_field_name("name")
            scope = parent
            while scope.parent is not None and scope.type not in self.syntax.functions:
                scope = scope.parent
            if name is not None and name.type == "identifier":
                return self.a.text_of(name), scope
        while parent is not None and parent.type == "member_expression":
            member = parent.child_by_field_name("property")
            outer = parent.parent
            if member is None or outer is None or outer.type != "call_expression":
                return None
            if self.a.text_of(member) == "then":
                args = self.arguments(outer)
                handler = args[0] if args else None
                if handler is None or handler.type not in ("arrow_function",
                                                           "function_expression"):
                    return None
                params = handler.child_by_field_name("parameters")
                first = (handler.child_by_field_name("parameter") or
                         (params.named_children[0] if params is not None and
                          params.named_children else None))
                if first is None or first.type != "identifier":
                    return None
                return self.a.text_of(first), handler
            parent = outer.parent
        return None

    def log_of_response(self, name: str, scope: ts.Node) -> None:
        """Log calls in ``scope`` whose argument is the whole response or its body."""
        a = self.a
        whole = re.compile(rf"^(?:await\s+)?{re.escape(name)}(?:\.(?:data|body)|"
                           rf"\.json\(\s*\)|\.text\(\s*\))?$")
        for node in a.query_nodes(scope, self.syntax.calls, ordered=False):
            sink = self.sink(node)
            if sink is None:
                continue
            for arg in self.arguments(node):
                text = one_line(a.text_of(arg))
                if whole.match(text) is None:
                    continue
                key = ("log", arg.start_byte, arg.end_byte)
                if key not in self.seen:
                    self.seen.add(key)
                    a.facts.append(SecretLogged(a.span(arg), self.context(arg), text[:60],
                                                sink))

    def arguments(self, node: ts.Node) -> list[ts.Node]:
        args = self.a.lc_arguments(node)
        if args:
            return args
        for child in node.named_children:
            if child.type in ("arguments", "argument_list"):
                return [c for c in child.named_children if c.type not in self.a.COMMENT_TYPES]
        return []

    def sink(self, node: ts.Node) -> str | None:
        """The log, print or exception a call or statement writes to, else None."""
        a, syntax = self.a, self.syntax
        if node.type in syntax.statements:
            return a.text_of(node).split(None, 1)[0] if a.text_of(node).strip() else None
        if node.type in syntax.creations:
            created = node.child_by_field_name("constructor") or node.child_by_field_name(
                "type") or next((c for c in node.named_children
                                 if c.type in ("name", "qualified_name")), None)
            created_name = self.option_name(created) if created is not None else ""
            return created_name if EXCEPTION_TYPE.search(created_name) else None
        name, receiver = a.lc_call(node)
        if name is None:
            return None
        if receiver is None:
            return name if name in syntax.print_functions else None
        whole = one_line(receiver)
        last = re.split(r"\.|->|::", whole)[-1].lstrip("$@")
        logger = LOG_RECEIVER.search(last) is not None or CAMEL_LOGGER.search(last) is not None
        if (whole in syntax.print_receivers or logger) and LOG_METHOD.match(name):
            return f"{whole}.{name}"
        return None

    def secret_refs(self, expr: ts.Node) -> list[ts.Node]:
        """Names, members and keys named like a credential whose value reaches the message."""
        a, syntax = self.a, self.syntax
        found: list[ts.Node] = []
        stack = [expr]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind in syntax.functions or kind in a.COMMENT_TYPES:
                continue
            if kind in syntax.identifiers:
                if is_secret_name(a.text_of(node)):
                    found.append(node)
                continue
            member = syntax.members.get(kind)
            if member is not None:
                named = node.child_by_field_name(member)
                if named is not None and is_secret_name(a.text_of(named)):
                    found.append(node)
                continue
            if kind in syntax.subscripts:
                key = self.subscript_key(node)
                if key is not None and is_secret_name(key):
                    found.append(node)
                continue
            if kind in syntax.calls:
                name, receiver = a.lc_call(node)
                args = a.lc_arguments(node)
                if name in PASSTHROUGH_CALLS:
                    stack.extend(args)
                    target = self.receiver_node(node)
                    if target is not None:
                        stack.append(target)
                elif name is not None and not args and node.child_by_field_name(
                        "arguments") is None and syntax.property_calls and receiver is not None:
                    if is_secret_name(name):
                        found.append(node)  # Ruby: ``body.access_token``
                elif name is not None and not args and GETTER.match(name) and \
                        is_secret_name(GETTER.sub("", name)):
                    found.append(node)  # ``token.getAccessToken()``
                continue
            if kind in syntax.creations or self.is_test(node):
                continue
            # the condition of ``token ? "set" : "unset"`` is not written
            stack.extend(c for i, c in enumerate(node.children)
                         if c.is_named and node.field_name_for_child(i) != "condition")
        return found

    def is_test(self, node: ts.Node) -> bool:
        """``token != null``, ``!token``, ``typeof token``: a truth value, not the token."""
        operator = node.child_by_field_name("operator")
        if operator is not None:
            return self.a.text_of(operator) in TEST_OPERATORS
        first = node.children[0] if node.child_count else None
        return node.type.startswith("unary") and first is not None and \
            self.a.text_of(first) in TEST_OPERATORS

    def subscript_key(self, node: ts.Node) -> str | None:
        a = self.a
        key = node.child_by_field_name("index") or (
            node.named_children[-1] if node.named_child_count >= 2 else None)
        for _ in range(3):
            if key is None:
                return None
            if key.type in ("simple_symbol", "hash_key_symbol"):
                return a.text_of(key).lstrip(":")
            text = a.literal(key)
            if text is not None:
                return text
            key = key.named_children[0] if key.named_child_count == 1 else None
        return None

    @staticmethod
    def receiver_node(node: ts.Node) -> ts.Node | None:
        for name in ("object", "receiver"):
            found = node.child_by_field_name(name)
            if found is not None:
                return found
        function = node.child_by_field_name("function")
        if function is None:
            return None
        for name in ("object", "operand", "expression"):
            found = function.child_by_field_name(name)
            if found is not None:
                return found
        return None
