"""Go: facts from the tree-sitter-go tree.

Strings: interpreted and raw literals, ``+``, ``fmt.Sprintf``, ``strings.Join`` and names bound
once (``const``, ``var``, ``:=``). Headers: ``req.Header.Set/Add("Authorization", v)``,
``req.Header["Authorization"] = []string{v}``, ``http.Header{"Authorization": {v}}`` and
``map[string]string{"Authorization": v}``. SDK: ``okta.NewConfiguration(okta.WithToken(...),
...)`` (also ``okta.NewClient``, and ``With*`` options gathered in a slice) for the
okta-sdk-golang import under any alias. HTTP: ``http.NewRequest[WithContext]``,
``http.Get/Post/PostForm`` and client methods; ``clientcredentials.Config{TokenURL: ...}``
is a token request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.facts import SdkClientExport
from oinlint.frontends.shared.strvalue import Hole
from oinlint.frontends.shared.vocabulary import MESSAGE_CALL
from oinlint.frontends.treesitter.analyzer import Analyzer, HttpCall, lower_first
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.grammars import GrammarSource
from oinlint.frontends.treesitter.languages.golang_package import SdkCandidate, package_calls
from oinlint.frontends.treesitter.lifecycle.syntax import LifecycleSyntax
from oinlint.frontends.treesitter.transport import TransportSyntax
from oinlint.frontends.treesitter.values import LexicalScope, StrValue
from oinlint.frontends.treesitter.walk import Leave, descendants

__all__ = ["GO", "GoAnalyzer"]

# okta-sdk-golang v2's resource fields of the client (``client.User``, ``c.okta.Group``): a
# capitalised field of something, whose methods are named after Okta's operations
# ``oktaClient.User`` / ``c.UserAPI``: a local's SDK resource (v2) or API service (v3+)
_CLIENT_OF_CALL: Final = re.compile(r"[A-Za-z_]\w*\.[A-Z]\w*")
_V2_RESOURCE: Final = re.compile(r"\.[A-Z][A-Za-z]*$")
_ESCAPE: Final = re.compile(
    r"\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{3}|.)", re.DOTALL)
_SIMPLE: Final = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_MESSAGE_PACKAGES: Final = frozenset({"log", "errors", "slog", "testing", "t", "b", "zap",
                                      "logrus", "klog", "glog"})
_METHOD_CONST: Final = re.compile(r"^http\.Method([A-Z][a-z]+)$")
_HTTP_FUNCS: Final = {"Get": "GET", "Head": "HEAD", "Post": "POST", "PostForm": "POST"}
_PAIRED: Final = {"short_var_declaration": ("left", "right"),
                  "assignment_statement": ("left", "right"), "var_spec": ("name", "value"),
                  "const_spec": ("name", "value")}
LIFECYCLE: Final = LifecycleSyntax(
    functions=frozenset({"function_declaration", "method_declaration", "func_literal"}),
    methods=frozenset({"method_declaration"}),
    classes=frozenset({"type_spec"}),
    loops=frozenset({"for_statement"}),
    assignments={**_PAIRED, "keyed_element": ("", "")},
    declarations={"var_spec": "name", "const_spec": "name", "short_var_declaration": "left",
                  "field_declaration": "name", "range_clause": "left"},
    parameters=frozenset({"parameter_list"}),
    returns=frozenset({"return_statement"}),
    calls=frozenset({"call_expression"}),
    identifiers=frozenset({"identifier"}),
    self_names=frozenset(),
    clock=re.compile(r"\btime\.(?:Now|Since|Until)\(|\.Clock\b|clock\.Now\("),
    comparisons=frozenset({"binary_expression"}),
    cases=frozenset({"expression_case"}),
    strings=frozenset({"interpreted_string_literal", "raw_string_literal"}),
    modules=True,
)
TRANSPORT: Final = TransportSyntax(
    calls=frozenset({"call_expression"}),
    strings=frozenset({"interpreted_string_literal", "raw_string_literal"}),
    identifiers=frozenset({"identifier"}),
    members={"selector_expression": "field"},
    subscripts=frozenset({"index_expression"}),
    functions=frozenset({"func_literal"}),
    print_functions=frozenset({"println", "print"}),
    print_receivers=frozenset({"fmt", "slog", "logrus", "klog", "glog"}),
    pairs={"keyed_element": ("key", "value")},
    assignments={"assignment_statement": ("left", "right")},
    verify_off={"InsecureSkipVerify": frozenset({"true"})},
)


def unescape(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "Uux" and len(code) > 1:
            value = int(code[1:], 16)
            return chr(value) if value < 0x110000 else ""
        if len(code) == 3 and code.isdigit():
            return chr(int(code, 8))
        return _SIMPLE.get(code, code)

    return _ESCAPE.sub(repl, text) if "\\" in text else text


def _executed(call: ts.Node) -> bool:
    """``X.ListUsers(ctx).Execute()``: the call is the operand of an ``Execute`` call, the
    request builder okta-sdk-golang v3+ returns."""
    parent = call.parent
    if parent is None or parent.type != "selector_expression":
        return False
    field = parent.child_by_field_name("field")
    return field is not None and field.text == b"Execute"


class GoAnalyzer(Analyzer):
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset({"interpreted_string_literal",
                                                        "raw_string_literal"})
    LANGUAGE_NAME: ClassVar[str] = "Go"

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        self.okta_packages: set[str] = set()
        # the file's functions and methods by their own name (None: the name is taken twice):
        # URL builders a call is evaluated through (``c.url("/users")``)
        self.builders: dict[str, ts.Node | None] = {}
        # any okta-sdk-golang package imported (``…/v2/okta/query`` alone, in a file that
        # gets its client from a method of another file)
        self.okta_sdk_file = False
        # (call, receiver variable, method, context) of SDK-shaped calls on a local the
        # package's other files may have made a client (resolved by ``package_calls``)
        self.package_sdk_calls: list[SdkCandidate] = []
        self.form_sets: dict[tuple[int, str], dict[str, ts.Node]] = {}

    # -- helpers --------------------------------------------------------------------------

    def selector(self, node: ts.Node | None) -> tuple[str | None, str | None]:
        """(operand text, field) of ``a.b.C``; (None, name) for a plain identifier."""
        if node is None:
            return None, None
        if node.type == "selector_expression":
            operand = node.child_by_field_name("operand")
            field = node.child_by_field_name("field")
            return (self.text_of(operand) if operand is not None else None,
                    self.text_of(field) if field is not None else None)
        if node.type == "identifier":
            return None, self.text_of(node)
        return None, None

    def args(self, call: ts.Node) -> list[ts.Node]:
        node = call.child_by_field_name("arguments")
        return [a for a in node.named_children if a.type != "comment"] if node else []

    @staticmethod
    def unwrap(node: ts.Node) -> ts.Node:
        while node.type in ("parenthesized_expression", "literal_element", "unary_expression") \
                and node.named_child_count:
            if node.type == "unary_expression" and node.child(0).type != "&":
                break
            node = node.named_children[-1]
        return node

    def element(self, node: ts.Node) -> ts.Node:
        """``{v}`` / ``[]string{v}`` with one element → v (header and form values)."""
        node = self.unwrap(node)
        if node.type == "composite_literal":
            body = node.child_by_field_name("body")
            if body is not None:
                node = body
        if node.type == "literal_value":
            items = [c for c in node.named_children if c.type != "comment"]
            if len(items) == 1:
                return self.unwrap(items[0])
        return node

    def key_name(self, key: ts.Node) -> str | None:
        key = self.unwrap(key)
        if key.type in ("identifier", "field_identifier"):
            return self.text_of(key)
        return self.literal(key)

    # -- scopes ---------------------------------------------------------------------------

    def on_function_declaration(self, node: ts.Node) -> Leave:
        name_node = node.child_by_field_name("name")
        name = self.text_of(name_node) if name_node else None
        self.remember_builder(name, node)
        self.client_export(node, name)
        return self.enter(name, node)

    def remember_builder(self, name: str | None, node: ts.Node) -> None:
        if name is not None:
            self.builders[name] = None if name in self.builders else node

    def on_method_declaration(self, node: ts.Node) -> Leave:
        name_node = node.child_by_field_name("name")
        name = self.text_of(name_node) if name_node else None
        self.remember_builder(name, node)
        receiver = node.child_by_field_name("receiver")
        if receiver is not None and name is not None:
            types = [t for t in descendants(receiver) if t.type == "type_identifier"]
            if types:
                name = f"{self.text_of(types[0])}.{name}"
        self.client_export(node, name)
        return self.enter(name, node)

    def client_export(self, node: ts.Node, name: str | None) -> None:
        """A function or method that returns an okta-sdk-golang client (``func (p *Provider)
        client(ctx) (context.Context, *okta.Client, error)``): the package's other files call
        Okta through what it returns."""
        result = node.child_by_field_name("result")
        if name is None or result is None or not self.okta_packages:
            return
        text = self.text_of(result)
        if any(re.search(rf"\b{re.escape(alias)}\.(?:API)?Client\b", text)
               for alias in self.okta_packages):
            self.facts.append(SdkClientExport(self.span(node.child_by_field_name("name")
                                                        or node), "", name, "okta-sdk-golang"))

    on_func_literal = Analyzer.anonymous

    def on_parameter_declaration(self, node: ts.Node) -> None:
        for name in node.children_by_field_name("name"):
            self.scope.bind(self.text_of(name), None)

    on_variadic_parameter_declaration = on_parameter_declaration

    def on_import_spec(self, node: ts.Node) -> None:
        path = node.child_by_field_name("path")
        literal = self.literal(path) if path is not None else None
        if literal is None or "okta-sdk-golang" not in literal:
            return
        self.okta_sdk_file = True
        alias = node.child_by_field_name("name")
        if alias is not None:
            self.okta_packages.add(self.text_of(alias))
        elif literal.rstrip("/").endswith("/okta"):
            self.okta_packages.add("okta")

    # -- bindings -------------------------------------------------------------------------

    def spec(self, node: ts.Node) -> None:
        names = node.children_by_field_name("name")
        value = node.child_by_field_name("value")
        values = [v for v in value.named_children if v.type != "comment"] if value else []
        for index, name in enumerate(names):
            item = values[index] if len(values) == len(names) else None
            text = self.text_of(name)
            self.scope.bind(text, item)
            if item is not None:
                self.declared_value(text, item)

    on_const_spec = spec
    on_var_spec = spec

    def assign(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        targets = [t for t in left.named_children if t.type != "comment"] if left else []
        values = [v for v in right.named_children if v.type != "comment"] if right else []
        paired = len(values) == len(targets)
        if len(values) == 1 and len(targets) == 2 and values[0].type == "call_expression" and \
                self.text_of(targets[1]) in ("_", "err"):
            # ``u, err := url.JoinPath(base, "/api/v1/users")``: the value and its error
            values, targets = values, targets[:1]
            paired = True
        operator = node.child_by_field_name("operator")
        compound = operator is not None and self.text_of(operator) not in ("=", ":=")
        for index, target in enumerate(targets):
            item = values[index] if paired and not compound else None
            if target.type == "identifier":
                name = self.text_of(target)
                if name != "_":
                    self.scope.bind(name, item)
                self.named_value(name, item)
                if item is not None and "scope" in name.lower():
                    self.scope_list(item, "constant")
            elif target.type == "selector_expression" and item is not None:
                _, field = self.selector(target)
                self.named_value(field, item)
            elif target.type == "index_expression" and item is not None:
                index_node = target.child_by_field_name("index")
                if index_node is not None:
                    self.header(index_node, self.element(item), standalone=True)
                    self.named_value(self.literal(index_node), item)
                    continue
            if item is not None:
                self.value_position(item)

    on_short_var_declaration = assign
    on_assignment_statement = assign

    def on_range_clause(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        for target in left.named_children if left is not None else ():
            if target.type == "identifier":
                self.scope.bind(self.text_of(target), None)

    def on_keyed_element(self, node: ts.Node) -> None:
        children = [c for c in node.named_children if c.type != "comment"]
        if len(children) != 2:
            return
        key_node, value = children
        key = self.key_name(key_node)
        if key is None:
            return
        value = self.unwrap(value)
        if key.strip().lower() == "authorization":
            self.header(None, self.element(value))
            return
        self.entry_value(key, value)

    def on_composite_literal(self, node: ts.Node) -> None:
        kind = node.child_by_field_name("type")
        type_name = self.text_of(kind) if kind is not None else ""
        body = node.child_by_field_name("body")
        if body is None:
            return
        entries: dict[str, ts.Node] = {}
        for child in body.named_children:
            if child.type == "keyed_element" and child.named_child_count == 2:
                key = self.key_name(child.named_children[0])
                if key is not None:
                    entries[key] = self.unwrap(child.named_children[1])
            elif child.type == "literal_element" and type_name.startswith("[]"):
                self.value_position(self.unwrap(child))
        if type_name.endswith("clientcredentials.Config") or (
            "TokenURL" in entries and "ClientID" in entries
        ):
            self.client_credentials(node, entries)
        if "kty" in entries:
            self.jwk(list(entries.items()), None)

    def client_credentials(self, node: ts.Node, entries: dict[str, ts.Node]) -> None:
        form: dict[str, ts.Node | None] = {"grant_type": None}
        style = self.text_of(entries["AuthStyle"]) if "AuthStyle" in entries else ""
        if "Scopes" in entries:
            form["scope"] = entries["Scopes"]
        if style.endswith("AuthStyleInParams"):
            form["client_secret"] = entries.get("ClientSecret")
        call = HttpCall(node, entries.get("TokenURL"), "POST", self.scope, self.context,
                        "clientcredentials", form, basic=style.endswith("AuthStyleInHeader"),
                        grant="client_credentials")
        self.http(call)

    # -- calls ----------------------------------------------------------------------------

    def on_call_expression(self, node: ts.Node) -> Leave | None:
        function = node.child_by_field_name("function")
        operand, name = self.selector(function)
        args = self.args(node)
        if name is None:
            return None
        if (operand in _MESSAGE_PACKAGES and name not in ("Sprintf",)) or (
            operand == "fmt" and name.startswith(("Print", "Errorf", "Sprint", "Fprint"))
            and name != "Sprintf") or (MESSAGE_CALL.match(name) and name != "Set"):
            return self.in_message()
        if name == "panic" and operand is None:
            return self.in_message()
        self.helper_call(node, name, args)
        if operand is not None and operand in self.okta_packages:
            self.okta_call(node, name, args)
        if name in ("Set", "Add", "SetHeader", "AddHeader") and operand is not None and \
                len(args) == 2:
            self.header(args[0], args[1])
            receiver = operand.rsplit(".", 1)[-1]
            self.form_sets.setdefault((id(self.scope), receiver), {})[
                self.literal(args[0]) or ""] = args[1]
        if name == "SetBasicAuth" and len(args) == 2:
            self.basic_auth(args[1])
        if name == "SetAuthScheme" and len(args) == 1 and (
                self.literal(args[0]) or "").upper() == "SSWS":
            # resty: ``c.SetAuthScheme("SSWS").SetAuthToken(key)`` sends ``SSWS <key>``
            self.header(None, args[0], scheme="SSWS")
        for arg in args:
            self.value_position(arg)
        # client.UserAPI.ListUsers(ctx); r.users.ListUsers(ctx).Execute() (a field or a
        # parameter of type *okta.UserAPIService: v3+ requests end in Execute)
        api = operand is not None and operand.endswith(("API", "Api"))
        if operand is not None and self.okta_sdk_file and (api or _executed(node)) and (
                self.sdk_operation(node, name, "okta-sdk-golang") or api):
            return None
        if operand is not None and self.okta_sdk_file and _V2_RESOURCE.search(operand) and \
                self.sdk_operation(node, name, "okta-sdk-golang"):
            return None  # v2: client.User.ListUsers(ctx, nil), c.okta.Group.ListGroups(ctx, q)
        if operand is not None and _CLIENT_OF_CALL.fullmatch(operand) and name[:1].isupper():
            # oktaClient.User.ResetFactors(ctx, id) on what another file's function returned
            self.package_sdk_calls.append((node, operand.split(".", 1)[0], name, self.context))
        self.http_call(node, operand, name, args)
        return None

    def on_binary_expression(self, node: ts.Node) -> Leave | None:
        return self.binary_operator(node, defaults=(), comparisons=("==", "!="))

    def on_return_statement(self, node: ts.Node) -> None:
        for child in node.named_children:
            if child.type == "expression_list":
                for item in child.named_children:
                    self.value_position(item)
            else:
                self.value_position(child)

    # -- SDK ------------------------------------------------------------------------------

    def okta_call(self, node: ts.Node, name: str, args: list[ts.Node]) -> None:
        if name in ("NewConfiguration", "NewClient"):
            options = [a for a in args if a.type == "call_expression"]
            scope, context = self.scope, self.context
            self.later(lambda: self.go_sdk(node, options, scope, context))
        elif name == "WithToken":
            group = node.parent
            while group is not None and group.type in ("literal_element",
                                                       "parenthesized_expression"):
                group = group.parent
            if group is None or group.type not in ("argument_list", "literal_value"):
                return
            owner = group.parent or group
            if owner.type == "call_expression":
                _, owner_name = self.selector(owner.child_by_field_name("function"))
                if owner_name in ("NewConfiguration", "NewClient"):
                    return  # reported with its NewConfiguration call
            siblings = [self.unwrap(c) for c in group.named_children]
            options = [c for c in siblings if c.type == "call_expression"]
            scope, context = self.scope, self.context
            self.later(lambda: self.go_sdk(owner, options, scope, context))

    def go_sdk(self, node: ts.Node, options: list[ts.Node], scope: LexicalScope,
               context: str) -> None:
        names: list[str] = []
        auth_mode: str | None = None
        token: ts.Node | None = None
        mode_node: ts.Node | None = None
        for option in options:
            operand, name = self.selector(option.child_by_field_name("function"))
            if operand not in self.okta_packages or name is None or not name.startswith("With"):
                continue
            option_name = lower_first(name[4:])
            names.append(option_name)
            args = self.args(option)
            if option_name == "authorizationMode":
                mode_node = args[0] if args else None
                mode = self.value(args[0], scope) if args else None
                auth_mode = mode.literal if mode is not None and mode.literal else "?"
            elif option_name == "token" and args and token is None:
                token = args[0]
            elif option_name == "scopes" and args:
                self.sdk_scopes(args[0], scope, context)
        self.sdk(node, "okta-sdk-golang", auth_mode, names, token, context, mode_node)

    # -- token lifecycle ------------------------------------------------------------------

    def lc_call(self, node: ts.Node) -> tuple[str | None, str | None]:
        operand, name = self.selector(node.child_by_field_name("function"))
        return name, operand

    def lc_assignments(self, node: ts.Node, fields: tuple[str, str]
                       ) -> list[tuple[ts.Node, ts.Node]]:
        if node.type == "keyed_element":
            children = [c for c in node.named_children if c.type != "comment"]
            return [(children[0], children[1])] if len(children) == 2 else []
        left = [c for n in node.children_by_field_name(fields[0])
                for c in (n.named_children if n.type == "expression_list" else [n])]
        right = [c for n in node.children_by_field_name(fields[1])
                 for c in (n.named_children if n.type == "expression_list" else [n])]
        if len(left) == len(right):
            return list(zip(left, right, strict=True))
        if len(right) == 1 and left:
            # tok, err := fetch(): the first result carries the value, not the error; ctx,
            # client, err := okta.NewClient(ctx, …): the value follows the context
            carrier = next((n for n in left if self.text_of(n) not in ("_", "ctx", "err")),
                           left[0])
            return [(carrier, right[0])]
        return []

    def lc_self_names(self, node: ts.Node) -> frozenset[str]:
        receiver = node.child_by_field_name("receiver")
        if receiver is None:
            return frozenset()
        names = [self.text_of(c.child_by_field_name("name") or c)
                 for c in receiver.named_children if c.type == "parameter_declaration"
                 and c.child_by_field_name("name") is not None]
        return frozenset(names)

    def lc_class_of(self, node: ts.Node, enclosing: str | None) -> str | None:
        receiver = node.child_by_field_name("receiver")
        if receiver is None:
            return enclosing
        types = [t for t in descendants(receiver) if t.type == "type_identifier"]
        return self.text_of(types[0]) if types else enclosing

    def lc_place(self, target: ts.Node, class_fields: dict[str, set[str]]
                 ) -> tuple[str, str] | None:
        if target.parent is None or target.parent.type != "keyed_element":
            return None
        key = self.key_name(target)
        literal = target.parent.parent
        if literal is not None and literal.type == "literal_value":
            literal = literal.parent
        if key is None or literal is None or literal.type != "composite_literal":
            return ("pattern", "")
        kind = literal.child_by_field_name("type")
        type_name = self.text_of(kind) if kind is not None else ""
        returned = literal.parent
        for _ in range(3):
            if returned is None or returned.type == "return_statement":
                break
            returned = returned.parent
        if returned is not None and returned.type == "return_statement" and \
                key in class_fields.get(type_name, ()):
            return f"instance:{type_name}", key  # return &Client{token: tok}: kept in it
        return ("pattern", "")

    def lc_out_targets(self, node: ts.Node) -> list[ts.Node]:
        out = self._pointed_to(node)
        # resty: ``r.R().SetResult(&tok).Post(url)``: the answer lands in ``tok``
        current = node
        for _ in range(8):
            function = current.child_by_field_name("function")
            operand = function.child_by_field_name("operand") if function is not None and \
                function.type == "selector_expression" else None
            if operand is None or operand.type != "call_expression":
                break
            current = operand
            _, name = self.selector(current.child_by_field_name("function"))
            if name in ("SetResult", "SetSuccessResult"):
                out += self._pointed_to(current)
        return out

    def _pointed_to(self, call: ts.Node) -> list[ts.Node]:
        """The names a call is handed pointers to (``json.Unmarshal(body, &out)``)."""
        out: list[ts.Node] = []
        for arg in self.args(call):
            if arg.type == "unary_expression" and arg.children and arg.children[0].type == "&":
                operand = arg.child_by_field_name("operand")
                if operand is not None and operand.type == "identifier":
                    out.append(operand)
        return out

    # -- HTTP -----------------------------------------------------------------------------

    def http_call(self, node: ts.Node, operand: str | None, name: str,
                  args: list[ts.Node]) -> None:
        url: ts.Node | None = None
        method: str | None = None
        body: ts.Node | None = None
        if name in ("NewRequest", "NewRequestWithContext"):
            offset = 1 if name == "NewRequestWithContext" else 0
            if len(args) < offset + 2:
                return
            method_value = self.value(args[offset], self.scope)
            method = method_value.literal if method_value is not None else None
            if method is None:
                match = _METHOD_CONST.match(self.text_of(args[offset]))
                method = match.group(1).upper() if match else None
            url = args[offset + 1]
            body = args[offset + 2] if len(args) > offset + 2 else None
        elif name in _HTTP_FUNCS and operand is not None and args:
            method = _HTTP_FUNCS[name]
            url = args[0]
            if name == "Post" and len(args) > 2:
                body = args[2]
            elif name == "PostForm" and len(args) > 1:
                body = args[1]
        else:
            return
        call = HttpCall(node, url, method, self.scope, self.context,
                        f"{operand or 'http'}.{name}", {})
        if body is not None:
            self.http_body(call, body)
        self.basic_later(call)
        self.http(call)

    def http_body(self, call: HttpCall, body: ts.Node) -> None:
        node = self.unwrap(body)
        for _ in range(3):
            if node.type != "call_expression":
                break
            _, name = self.selector(node.child_by_field_name("function"))
            args = self.args(node)
            if name in ("NewReader", "NewBufferString") and args:
                node = self.unwrap(args[0])
            elif name == "Encode":
                function = node.child_by_field_name("function")
                operand = function.child_by_field_name("operand") if function is not None \
                    else None
                node = self.unwrap(operand) if operand is not None else body
            else:
                break
        if node.type == "identifier":
            sets = self.form_sets.get((id(call.scope), self.text_of(node)))
            if sets:
                call.form.update({k: v for k, v in sets.items() if k})
            found = call.scope.lookup(self.text_of(node))
            if found is not None:
                node = self.unwrap(found[0])
        if node.type == "composite_literal":
            literal_body = node.child_by_field_name("body")
            for child in literal_body.named_children if literal_body is not None else ():
                if child.type == "keyed_element" and child.named_child_count == 2:
                    key = self.key_name(child.named_children[0])
                    if key is not None:
                        call.form[key] = self.element(child.named_children[1])
            return
        call.form_text = node

    # -- values ---------------------------------------------------------------------------

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        kind = node.type
        if kind == "interpreted_string_literal":
            return StrValue.of((unescape(self.text_of(node)[1:-1]),), "literal")
        if kind == "raw_string_literal":
            return StrValue.of((self.text_of(node)[1:-1].replace("\r", ""),), "literal")
        if kind in ("parenthesized_expression", "literal_element"):
            return self.value(node.named_children[0], scope, depth) if node.named_child_count \
                else None
        if kind == "binary_expression":
            return self.binary_concat(node, scope, depth, "+")
        if kind == "identifier":
            return self.name_value(self.text_of(node), scope, depth)
        if kind == "selector_expression":
            match = _METHOD_CONST.match(self.text_of(node))
            return StrValue.of((match.group(1).upper(),), "constant") if match else None
        if kind == "call_expression":
            return self.call_value(node, scope, depth)
        if kind in ("composite_literal", "literal_value"):
            inner = self.element(node)
            return self.value(inner, scope, depth) if inner is not node else None
        return None

    def call_value(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        operand, name = self.selector(node.child_by_field_name("function"))
        args = self.args(node)
        if operand == "fmt" and name == "Sprintf" and args:
            return self.formatted(args[0], args[1:], scope, depth)
        function = node.child_by_field_name("function")
        receiver = function.child_by_field_name("operand") if function is not None and \
            function.type == "selector_expression" else None
        if operand == "url" and name == "Parse" and args:  # url.Parse(base): the URL itself
            return self.value(args[0], scope, depth)
        if name == "JoinPath" and (args or receiver is not None):
            # url.JoinPath(base, "/api/v1/users"); u.JoinPath("api", "v1", "groups")
            parts = args if operand == "url" else ([receiver] if receiver is not None else []) \
                + args
            joined = StrValue.of(self.joined([(p, scope) for p in parts], "/", depth), "join")
            return StrValue.of(_one_slash(joined.parts), "join")
        if name == "String" and not args and receiver is not None and receiver.type in (
                "identifier", "call_expression"):  # u.String() of a URL built above
            return self.value(receiver, scope, depth)
        if operand == "strings" and name == "Join" and len(args) == 2:
            items = self.sequence(args[0], scope) if scope is not None else None
            sep = self.value(args[1], scope, depth)
            if items is None or sep is None or sep.literal is None:
                return None
            return StrValue.of(self.joined(items, sep.literal, depth), "join")
        builder = self.builders.get(name) if name is not None and scope is not None else None
        if builder is not None and scope is not None:
            return self.built_value(builder, args, scope, depth)
        return None

    def built_value(self, function: ts.Node, args: list[ts.Node], caller: LexicalScope,
                    depth: int) -> StrValue | None:
        """What a function or method of the file returns (its one ``return`` of one value)
        with its parameters bound to ``args``, each evaluated where the call is
        (``c.url("/users")`` of ``return "https://" + c.org + "/api/v1" + path``)."""
        body = function.child_by_field_name("body")
        returns = [n for n in descendants(body) if n.type == "return_statement"] \
            if body is not None else []
        if len(returns) != 1 or returns[0].named_child_count != 1:
            return None
        returned = returns[0].named_children[0]
        if returned.type == "expression_list":
            if returned.named_child_count != 1:
                return None
            returned = returned.named_children[0]
        params = function.child_by_field_name("parameters")
        names: list[str | None] = [
            self.text_of(n) for p in (params.named_children if params is not None else [])
            if p.type == "parameter_declaration" for n in p.children_by_field_name("name")]
        return self.built(returned, names, args, caller, depth)

    def sequence(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                 LexicalScope]] | None:
        node = self.unwrap(node)
        if node.type == "identifier":
            found = scope.lookup(self.text_of(node))
            if found is None:
                return None
            self.scope_nodes.add(self.key(found[0]))
            node, scope = self.unwrap(found[0]), found[1]
        if node.type == "composite_literal":
            kind = node.child_by_field_name("type")
            body = node.child_by_field_name("body")
            if kind is not None and kind.type in ("slice_type", "array_type") and body is not None:
                return [(self.unwrap(c), scope) for c in body.named_children
                        if c.type == "literal_element"]
        if node.type == "literal_value":
            return [(self.unwrap(c), scope) for c in node.named_children
                    if c.type == "literal_element"]
        return None


def _one_slash(parts: Sequence[str | Hole]) -> tuple[str | Hole, ...]:
    """``base/`` + ``/`` + ``/api`` joined as ``url.JoinPath`` does: one slash between."""
    out: list[str | Hole] = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            previous = out[-1]
            if previous.endswith("/") and part.startswith("/"):
                part = part.lstrip("/")
                if not part:
                    continue
            out[-1] = previous + part
            continue
        out.append(part)
    return tuple(p.replace("//", "/") if isinstance(p, str) and "://" not in p else p
                 for p in out)


def _package_calls(a: Analyzer, root: ts.Node) -> None:
    """The package pass, with the SDK-shaped calls this file's walk set aside."""
    package_calls(a, root, a.package_sdk_calls if isinstance(a, GoAnalyzer) else ())


def _load_grammar() -> object:
    """The tree-sitter-go grammar, imported with the first Go file (a run without one never
    loads the wheel)."""
    import tree_sitter_go

    return tree_sitter_go.language()


GO: Final = TreeSitterLanguage(
    GrammarSource("go", "tree-sitter-go", _load_grammar), GoAnalyzer,
    lifecycle=LIFECYCLE, transport=TRANSPORT, package_calls=_package_calls)
