"""The Python front end's primary visitor: Authorization headers, SDK clients and secrets.

The pass records two things as it walks: *bindings* (what each name, class attribute and dict
is assigned, kept in :mod:`oinlint.frontends.python.values` scopes) and *candidates* (places a
fact may be: a value given to an ``Authorization`` header, an okta-sdk-python ``Client(...)``,
a token request's ``auth=``). Candidates are resolved when the walk ends, so constants defined
below their use still resolve and nothing is parsed twice. Other fact families (``ApiCall``,
``TokenRequest``, ``ScopeList``) are :class:`~oinlint.frontends.python.state.Collector` s riding
in the same walk; they read this visitor's state through
:class:`~oinlint.frontends.python.state.WalkState` and resolve with the same
:class:`~oinlint.frontends.python.values.Resolver`.

Whole-text work that needs no syntax (API-token shapes, which leak from comments and docstrings
as much as from code) runs once over the source, so it also covers files that do not parse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from oinlint.credentials import (
    PRIVATE_KEY,
    api_token_spans,
    credential_kind_for_name,
    is_placeholder,
    looks_like_client_secret,
    redact_value,
)
from oinlint.facts import (
    AuthHeader,
    Comment,
    Fact,
    FileFacts,
    ParseProblem,
    SdkClient,
    SecretKind,
    SecretLiteral,
    Span,
    Unresolved,
)
from oinlint.frontends.python import tree
from oinlint.frontends.python.headers import (
    HEADER_SETTERS,
    HeaderCandidate,
    ValueCandidate,
    builds_string,
    header_scheme,
    standalone_auth,
)
from oinlint.frontends.python.lines import Lines
from oinlint.frontends.python.nodes import attr_name, dotted, imported_names, subscript_key
from oinlint.frontends.python.state import WalkState
from oinlint.frontends.python.values import LexicalScope, Resolver, literal_string
from oinlint.frontends.shared.tidy import RangeList, context_at, drop_nested_keys
from oinlint.frontends.shared.vocabulary import INCOMING_TOKEN

__all__ = ["PrimaryVisitor"]

OKTA_SDK_CLIENT: Final = "okta.client.Client"
AUTH_BASES: Final = frozenset({
    "requests.auth.AuthBase", "requests.AuthBase", "httpx.Auth", "httpx._auth.Auth",
})
# Methods that read a mapping with a default: ``os.getenv("OKTA_CLIENT_SECRET", "literal")``.
DEFAULT_GETTERS: Final = frozenset({"getenv", "get", "setdefault", "pop"})
# Calls whose arguments are messages, not values that are sent anywhere.
MESSAGE_CALLS: Final = frozenset({
    "print", "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal",
    "log", "echo", "secho", "fail", "skip", "xfail",
})
_EXCEPTION_NAME = re.compile(r"(?:Error|Exception|Warning|Exit)$")
_PEM_BODY = re.compile(r"[A-Za-z0-9+/=]{64,}")
_JWK_D = re.compile(r"^[A-Za-z0-9_\-]{20,}$")


@dataclass(slots=True)
class _CallCandidate:
    """A call resolved after the walk: an SDK client or an ``auth=`` token request."""

    call: tree.Call
    scope: LexicalScope
    context: str


def _camel(key: str) -> str:
    """Option names in the SDK's spelling: ``authorization_mode`` → ``authorizationMode``."""
    words = [w for w in key.split("_") if w]
    if "_" not in key or not words:
        return key
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])


class PrimaryVisitor(WalkState):
    """The single pass: records bindings and candidates, emits what needs no resolution."""

    def __init__(self, path: str, source: str, lines: Lines) -> None:
        super().__init__(path, lines)
        lowered = source.lower()
        self.okta_file = "okta" in lowered
        self.ssws_file = "ssws" in lowered
        self.pem_file = PRIVATE_KEY.search(source) is not None
        self.jwk_file = "kty" in source
        # okta-sdk-python configuration dicts (``{"orgUrl": …, "authorizationMode": …}``)
        self.config_file = "authorizationMode" in source
        self.config_dicts: list[tuple[tree.Dict, LexicalScope, str]] = []
        self.auth_classes: set[str] = set()
        self.class_is_auth: list[bool] = []
        self.auth_depth = 0
        self.ranges: list[tuple[int, int, str]] = RangeList()
        self.returns: list[list[tree.BaseExpression]] = []  # of the functions being walked
        self.facts: list[Fact] = []
        self.comments: list[Comment] = []
        self.secrets: dict[tuple[Span, str], SecretLiteral] = {}
        self.headers: list[HeaderCandidate] = []
        self.values: list[ValueCandidate] = []
        self.sdk_calls: list[_CallCandidate] = []
        self.auth_calls: list[_CallCandidate] = []
        self.dict_names: dict[int, str] = {}

    # -- helpers ---------------------------------------------------------------------------

    def secret(self, node: tree.Node, kind: SecretKind, value: str, name: str | None) -> None:
        span = self.span(node)
        okta = self.okta_file or (name is not None and "okta" in name.lower())
        self.secrets.setdefault((span, kind), SecretLiteral(
            span, self.context, kind, redact_value(value), name, okta))

    def named_value(self, name: str, value: tree.BaseExpression) -> None:
        """A value given a name (variable, attribute, key, keyword): is it a credential?"""
        if isinstance(value, tree.Dict):
            self.dict_names[id(value)] = name
            return
        if not isinstance(value, tree.SimpleString | tree.ConcatenatedString):
            return
        text = literal_string(value)
        if text is None:
            return
        if self.pem_file and _is_pem_key(text):
            self.secret(value, "private-key", text, name)
            return
        if credential_kind_for_name(name) == "client-secret" and looks_like_client_secret(text):
            self.secret(value, "client-secret", text, name)

    def value_position(self, value: tree.BaseExpression | None) -> None:
        if value is not None and self.ssws_file and not self.message_depth and builds_string(
            value
        ):
            self.values.append(ValueCandidate(value, self.scope, self.context))

    def header(
        self, key: tree.BaseExpression | None, value: tree.BaseExpression, standalone: bool = False
    ) -> None:
        self.headers.append(HeaderCandidate(
            key, value, self.scope, self.context, self.auth_depth > 0,
            standalone and self.ssws_file and not self.message_depth and builds_string(value)))

    def bind_target(self, target: tree.BaseExpression, value: tree.BaseExpression | None) -> None:
        if isinstance(target, tree.Name):
            self.scope.bind(target.value, value, at=target.start)
        elif isinstance(target, tree.Tuple | tree.List):
            values: Sequence[tree.BaseExpression | None] = [None] * len(target.elements)
            if isinstance(value, tree.Tuple | tree.List) and len(value.elements) == len(
                target.elements
            ) and all(isinstance(e, tree.Element) for e in value.elements):
                values = [e.value for e in value.elements]
            elif isinstance(value, tree.Call) and all(
                    isinstance(e, tree.Element) for e in target.elements):
                # ``base, headers = api_info()``: each name is an item of what it returns
                # placed where each name is written, as an unknown unpacking would be
                values = [tree.ReturnedItem(value, i, start=e.value.start, end=e.value.end)
                          for i, e in enumerate(target.elements)]
            for element, item in zip(target.elements, values, strict=True):
                inner = element.value
                self.bind_target(inner, item if isinstance(element, tree.Element) else None)
                if item is not None:
                    name = attr_name(inner)
                    if name is not None:
                        self.named_value(name, item)
        elif isinstance(target, tree.Attribute):
            owner = target.value
            if isinstance(owner, tree.Name) and owner.value in ("self", "cls"):
                cls = self.scope.enclosing_class()
                if cls is not None:
                    cls.bind_attr(target.attr.value, value, self.scope)
        elif isinstance(target, tree.StarredElement):
            self.bind_target(target.value, None)

    def assignment(self, target: tree.BaseExpression, value: tree.BaseExpression) -> None:
        """Shared by ``=`` and annotated assignments."""
        self.bind_target(target, value)
        if isinstance(target, tree.Subscript):
            key = subscript_key(target)
            if key is not None:
                if isinstance(target.value, tree.Name):
                    self.scope.add_item(target.value.value, key, value)
                self.header(key, value, standalone=True)
                literal = literal_string(key)
                if literal is not None:
                    self.named_value(literal, value)
            return
        name = attr_name(target)
        if name is not None:
            self.named_value(name, value)
        self.value_position(value)

    # -- comments --------------------------------------------------------------------------

    # -- scopes ----------------------------------------------------------------------------

    def visit_Import(self, node: tree.Import) -> None:
        for alias in node.names:
            imported = dotted(alias.name)
            if imported is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, tree.Name):
                local = alias.asname.name.value
                self.imports[local] = imported
            else:
                local = imported.split(".", 1)[0]
                self.imports[local] = local
            self.scope.bind(local, None)

    def visit_ImportFrom(self, node: tree.ImportFrom) -> None:
        module = dotted(node.module) if node.module is not None else None
        for local, name in imported_names(node):
            if module is not None and not node.relative:
                self.imports[local] = f"{module}.{name}"
            self.scope.bind(local, None)

    def visit_ClassDef(self, node: tree.ClassDef) -> None:
        name = node.name.value
        self.scope.bind(name, None)
        is_auth = any(
            (q := self.qualify(base.value)) is not None
            and (q in AUTH_BASES or q in self.auth_classes)
            for base in node.bases
        )
        if is_auth:
            self.auth_classes.add(name)
            self.auth_depth += 1
        self.class_is_auth.append(is_auth)
        scope = LexicalScope("class", name, self.scope)
        scope.bases = [base.value for base in node.bases if base.keyword is None]
        self.module_scope.classes.setdefault(name, scope)
        self.scope = scope
        self.enter(name, node)

    def leave_ClassDef(self, original_node: tree.ClassDef) -> None:
        if self.class_is_auth.pop():
            self.auth_depth -= 1
        self.leave()

    def visit_FunctionDef(self, node: tree.FunctionDef) -> None:
        self.scope.bind(node.name.value, None)
        params = node.params
        all_params = [*params.posonly_params, *params.params, *params.kwonly_params]
        for param in all_params:
            if param.default is not None:
                self.named_value(param.name.value, param.default)
        scope = LexicalScope("function", node.name.value, self.scope)
        scope.params = [p.name.value for p in (*params.posonly_params, *params.params)]
        returns: list[tree.BaseExpression] = []
        self.scope.functions[node.name.value] = (scope, returns)
        self.returns.append(returns)
        for param in all_params:
            # a string default is the value unless a caller overrides it (``version="v1"``
            # in ``f"{root}api/{version}"``); anything else is unknown here
            default = param.default if isinstance(param.default, tree.SimpleString) else None
            scope.bind(param.name.value, default, at=param.start)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, tree.Param):
                scope.bind(star.name.value, None)
        self.scope = scope
        self.enter(node.name.value, node)

    def leave_FunctionDef(self, original_node: tree.FunctionDef) -> None:
        self.returns.pop()
        self.leave()

    def enter(self, name: str, node: tree.Node) -> None:
        self.names.append(name)
        span = self.span(node)
        self.ranges.append((span.line, span.end_line, self.context))

    def leave(self) -> None:
        self.names.pop()
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    def visit_Global(self, node: tree.Global) -> None:
        self.scope.globals.update(n.name.value for n in node.names)

    def visit_Nonlocal(self, node: tree.Nonlocal) -> None:
        for item in node.names:  # assignments through nonlocal: unknowable, mark rebound
            self.scope.bind(item.name.value, None)

    # -- bindings --------------------------------------------------------------------------

    def visit_Assign(self, node: tree.Assign) -> None:
        for target in node.targets:
            self.assignment(target.target, node.value)

    def visit_AnnAssign(self, node: tree.AnnAssign) -> None:
        if node.value is not None:
            self.assignment(node.target, node.value)
        else:
            self.bind_target(node.target, None)

    # A binding to None makes a name unknowable: x += ..., loop variables, ``as`` targets.
    def visit_AugAssign(self, node: tree.AugAssign) -> None:
        self.bind_target(node.target, None)

    def visit_NamedExpr(self, node: tree.NamedExpr) -> None:
        self.bind_target(node.target, None)

    def visit_For(self, node: tree.For) -> None:
        self.bind_target(node.target, None)

    def visit_WithItem(self, node: tree.WithItem) -> None:
        if node.asname is not None:
            self.bind_target(node.asname.name, None)

    def visit_CompFor(self, node: tree.CompFor) -> None:
        # Comprehension and lambda variables live in their own scopes; binding them here too
        # only makes a same-named outer constant unknowable, never wrongly known.
        self.bind_target(node.target, None)

    def visit_Lambda(self, node: tree.Lambda) -> None:
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            self.scope.bind(param.name.value, None)

    def visit_ExceptHandler(self, node: tree.ExceptHandler) -> None:
        if node.name is not None and isinstance(node.name.name, tree.Name):
            self.scope.bind(node.name.name.value, None)

    # -- values ----------------------------------------------------------------------------

    def visit_Return(self, node: tree.Return) -> None:
        self.value_position(node.value)
        if self.returns and node.value is not None:
            self.returns[-1].append(node.value)

    def visit_Raise(self, node: tree.Raise) -> None:
        self.message_depth += 1

    def leave_Raise(self, original_node: tree.Raise) -> None:
        self.message_depth -= 1

    def visit_Assert(self, node: tree.Assert) -> None:
        self.message_depth += 1

    def leave_Assert(self, original_node: tree.Assert) -> None:
        self.message_depth -= 1

    def visit_DictElement(self, node: tree.DictElement) -> None:
        key = node.key
        if isinstance(key, tree.SimpleString | tree.ConcatenatedString):
            literal = literal_string(key)
            if literal is None:
                return
            if literal.strip().lower() == "authorization":
                self.header(None, node.value)
                return
            self.named_value(literal, node.value)
            self.value_position(node.value)
        elif isinstance(key, tree.Name | tree.Attribute):  # a constant key: resolve later
            self.header(key, node.value, standalone=True)

    def visit_Dict(self, node: tree.Dict) -> None:
        """A JWK with a private part ("kty" and "d") is a private key, whatever its name; an
        okta-sdk-python configuration is remembered (see :meth:`config_clients`)."""
        if self.config_file:
            keys = {literal_string(e.key) for e in node.elements if isinstance(e, tree.DictElement)}
            if {"orgUrl", "authorizationMode"} <= keys:
                self.config_dicts.append((node, self.scope, self.context))
        if not self.jwk_file:
            return
        values: dict[str, tree.BaseExpression] = {}
        for element in node.elements:
            if isinstance(element, tree.DictElement):
                key = literal_string(element.key)
                if key is not None:
                    values[key] = element.value
        if "kty" not in values or "d" not in values:
            return
        d_value = literal_string(values["d"])
        if d_value is not None and _JWK_D.match(d_value) and not is_placeholder(d_value):
            self.secret(values["d"], "private-key", d_value, self.dict_names.get(id(node)))

    def visit_Tuple(self, node: tree.Tuple) -> None:
        elements = node.elements
        if len(elements) == 2 and isinstance(elements[0], tree.Element):
            key = literal_string(elements[0].value)
            if key is not None and key.strip().lower() == "authorization":
                self.header(None, elements[1].value)
                return
        self.sequence(node)

    def visit_List(self, node: tree.List) -> None:
        self.sequence(node)

    def visit_Set(self, node: tree.Set) -> None:
        self.sequence(node)

    def sequence(self, node: tree.Tuple | tree.List | tree.Set) -> None:
        if not self.ssws_file or self.message_depth:
            return
        for element in node.elements:
            self.value_position(element.value)

    def visit_SimpleString(self, node: tree.SimpleString) -> None:
        if self.pem_file and "PRIVATE KEY-----" in node.value:
            text = literal_string(node)
            if text is not None and _is_pem_key(text):
                self.secret(node, "private-key", text, None)

    def visit_ConcatenatedString(self, node: tree.ConcatenatedString) -> None:
        if self.pem_file:
            text = literal_string(node)
            if text is not None and _is_pem_key(text):
                self.secret(node, "private-key", text, None)

    def visit_Call(self, node: tree.Call) -> None:
        func_name = attr_name(node.func)
        is_message = func_name is not None and (
            func_name in MESSAGE_CALLS or _EXCEPTION_NAME.search(func_name) is not None)
        self.call_is_message.append(is_message)
        if self.qualify(node.func) == OKTA_SDK_CLIENT:
            self.sdk_calls.append(_CallCandidate(node, self.scope, self.context))
        positional = [a for a in node.args if a.keyword is None and not a.star]
        receiver = node.func.value if isinstance(node.func, tree.Attribute) else None
        if func_name in HEADER_SETTERS and len(positional) >= 2:
            self.header(positional[0].value, positional[1].value)
        if func_name in DEFAULT_GETTERS and len(positional) >= 2:
            key = literal_string(positional[0].value)
            if key is not None:
                self.named_value(key, positional[1].value)
        if isinstance(receiver, tree.Name):
            self.dict_change(receiver.value, func_name, node.args, positional)
        if is_message:
            self.message_depth += 1
            return
        for arg in node.args:
            if arg.keyword is None:
                if not arg.star:
                    self.value_position(arg.value)
                continue
            keyword = arg.keyword.value
            if keyword.lower() == "authorization":
                self.header(None, arg.value)
                continue
            if keyword == "auth":
                self.auth_calls.append(_CallCandidate(node, self.scope, self.context))
            self.named_value(keyword, arg.value)
            self.value_position(arg.value)

    def leave_Call(self, original_node: tree.Call) -> None:
        if self.call_is_message.pop():
            self.message_depth -= 1

    def visit_Arg(self, node: tree.Arg) -> None:
        # keyword secrets inside message calls still count: ``log.info(..., client_secret="…")``
        if self.message_depth and node.keyword is not None:
            self.named_value(node.keyword.value, node.value)

    def dict_change(
        self, name: str, method: str | None, args: Sequence[tree.Arg], positional: list[tree.Arg]
    ) -> None:
        """``d.update(...)`` / ``d.setdefault(k, v)``: remember for SDK config dicts."""
        if method == "update":
            for arg in args:
                if arg.keyword is not None:
                    self.scope.add_item(name, arg.keyword.value, arg.value)
                elif arg.star in ("", "**"):
                    self.scope.add_item(name, None, arg.value)
        elif method == "setdefault" and len(positional) == 2:
            self.scope.add_item(name, positional[0].value, positional[1].value)

    # -- after the walk --------------------------------------------------------------------

    def finish(self) -> None:
        resolver = Resolver()
        # a header's scheme chosen at run time (``"SSWS" if api_token else "Bearer"``) may be
        # the API token's: that branch is the one to report
        resolver.prefer = lambda value: (value.literal or "").strip().upper() == "SSWS" or (
            header_scheme(value) == "SSWS")
        consumed: set[int] = set()
        emitted: set[int] = set()
        for candidate in self.headers:
            if candidate.key is not None:
                key = resolver.string(candidate.key, candidate.scope)
                text = key.literal if key is not None else None
                if text is None or text.strip().lower() != "authorization":
                    if candidate.standalone_ok:
                        self.values.append(ValueCandidate(
                            candidate.value, candidate.scope, candidate.context))
                    continue
            value = resolver.string(candidate.value, candidate.scope, consumed)
            via = "auth-class" if candidate.auth_class else (value.via if value else "dict")
            text = self.lines.text[candidate.value.start:candidate.value.end]
            self.facts.append(AuthHeader(
                self.span(candidate.value), candidate.context, header_scheme(value), via,
                passed_on=INCOMING_TOKEN.search(text) is not None))
            emitted.add(id(candidate.value))
        for item in self.values:
            if id(item.value) in consumed or id(item.value) in emitted:
                continue
            value = resolver.string(item.value, item.scope)
            found = standalone_auth(value) if value is not None else None
            if value is None or found is None:
                continue
            emitted.add(id(item.value))
            self.facts.append(AuthHeader(
                self.span(item.value), item.context, found[0], value.via, found[1]))
        configs: set[int] = set()
        for call in self.sdk_calls:
            self.facts.append(self.sdk_client(call, resolver, configs))
        self.config_clients(resolver, configs)
        for call in self.auth_calls:
            self.token_auth(call, resolver)

    def config_clients(self, resolver: Resolver, used: set[int]) -> None:
        """An okta-sdk-python configuration dict not given to a ``Client`` in this file (built
        by a settings object and returned, say): the client it configures, where it is."""
        for node, scope, context in self.config_dicts:
            if id(node) not in used:
                self.facts.append(self.client_config(self.span(node), context, node, scope,
                                                     resolver))

    def sdk_client(self, candidate: _CallCandidate, resolver: Resolver, used: set[int]
                   ) -> Fact:
        call = candidate.call
        config: tree.BaseExpression | None = None
        for arg in call.args:
            if (arg.keyword is None and not arg.star and config is None) or (
                arg.keyword is not None and arg.keyword.value == "user_config"
            ):
                config = arg.value
        span = self.span(call)
        if config is None:
            return SdkClient(span, candidate.context, "okta-sdk-python", None, ())
        node, _ = resolver.follow(config, candidate.scope)
        used.add(id(node))
        return self.client_config(span, candidate.context, config, candidate.scope, resolver)

    def client_config(self, span: Span, context: str, config: tree.BaseExpression,
                      scope: LexicalScope, resolver: Resolver) -> Fact:
        entries = resolver.dict_entries(config, scope)
        if entries is None:
            return Unresolved(span, context, "okta-sdk-python config",
                              "the Client configuration is not a dict built in this file")
        options: dict[str, None] = {}
        auth_mode: str | None = None
        token_span: Span | None = None
        mode_span: Span | None = None
        for entry in entries:
            if entry.key is None:
                continue
            name = _camel(entry.key)
            options[name] = None
            if name == "authorizationMode":
                mode = resolver.string(_env_default(entry.value), entry.scope)
                auth_mode = mode.literal if mode is not None and mode.literal else "?"
                mode_span = self.span(entry.value)
            elif name == "token":
                token_span = self.span(entry.value)
        return SdkClient(span, context, "okta-sdk-python", auth_mode,
                         tuple(options), token_span, mode_span)

    def token_auth(self, candidate: _CallCandidate, resolver: Resolver) -> None:
        """``post(".../oauth2/v1/token", auth=(client_id, "literal"))``: a hard-coded secret."""
        call = candidate.call
        url: tree.BaseExpression | None = None
        auth: tree.BaseExpression | None = None
        for arg in call.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if (keyword is None and not arg.star and url is None) or keyword == "url":
                url = arg.value
            elif arg.keyword is not None and arg.keyword.value == "auth":
                auth = arg.value
        if url is None or auth is None:
            return
        target = resolver.string(url, candidate.scope)
        if target is None or "/oauth2/" not in target.template:
            return
        name = auth.value if isinstance(auth, tree.Name) else "auth"
        node, scope = resolver.follow(auth, candidate.scope)
        secret: tree.BaseExpression | None = None
        if isinstance(node, tree.Tuple) and len(node.elements) == 2:
            secret = node.elements[1].value
        elif isinstance(node, tree.Call) and attr_name(node.func) in (
            "BasicAuth", "HTTPBasicAuth"
        ):
            args = [a for a in node.args if a.keyword is None]
            keyed = [a for a in node.args if a.keyword and a.keyword.value == "password"]
            chosen = keyed or args[1:2]
            secret = chosen[0].value if chosen else None
        if secret is None:
            return
        secret, scope = resolver.follow(secret, scope)
        text = literal_string(secret)
        if text is not None and looks_like_client_secret(text):
            self.secret(secret, "client-secret", text, name)

    def token_facts(self, source: str) -> None:
        """API-token shapes anywhere in the text: code, comments and docstrings alike."""
        for start, end in api_token_spans(source):
            line, column = self.lines.position(start)
            end_line, end_column = self.lines.position(end)
            span = Span(self.path, line, column, end_line, end_column)
            self.secrets.setdefault((span, "api-token"), SecretLiteral(
                span, context_at(self.ranges, line), "api-token",
                redact_value(source[start:end]), None, self.okta_file))

    def result(self, language: str, problems: tuple[ParseProblem, ...] = ()) -> FileFacts:
        secrets = drop_nested_keys(list(self.secrets.values()))
        facts = sorted([*self.facts, *secrets], key=lambda f: (f.span, type(f).__name__))
        return FileFacts(self.path, language, tuple(facts),
                         tuple(sorted(self.comments, key=lambda c: (c.line, c.column))), problems)


def _is_pem_key(text: str) -> bool:
    match = PRIVATE_KEY.search(text)
    if match is None:
        return False
    body = re.sub(r"\s+", "", text[match.end() :])
    return _PEM_BODY.search(body) is not None and not is_placeholder(body[:64])


def _env_default(node: tree.BaseExpression) -> tree.BaseExpression:
    """The default of an environment read (``os.getenv("OKTA_AUTH_MODE", "PrivateKey")``,
    ``os.environ.get(…, "PrivateKey")``): what the code runs with unless told otherwise."""
    if isinstance(node, tree.Call) and attr_name(node.func) in ("getenv", "get") and len(
            node.args) >= 2 and (dotted(node.func) or attr_name(node.func) or "").endswith(
            ("os.getenv", "environ.get", "getenv")):
        return node.args[1].value
    return node

