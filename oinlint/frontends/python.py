"""Python front end: one libcst parse and one visitor pass per file, producing neutral facts.

The pass records two things as it walks: *bindings* (what each name, class attribute and dict
is assigned, kept in :mod:`oinlint.frontends.pyvalues` scopes) and *candidates* (places a fact
may be: a value given to an ``Authorization`` header, an okta-sdk-python ``Client(...)``, a
token request's ``auth=``). Candidates are resolved when the walk ends, so constants defined
below their use still resolve and nothing is parsed twice. Further fact kinds (``ApiCall``,
``TokenRequest``, ``ScopeList``) plug in the same way: register a candidate in a ``visit_``
method, turn it into a fact in :meth:`_Visitor.finish` with the shared :class:`Resolver`.

Whole-text work that needs no syntax (API-token shapes, which leak from comments and docstrings
as much as from code) runs once over the source, so it also covers files that do not parse.
"""

from __future__ import annotations

import ast
import bisect
import importlib
import io
import re
import tokenize
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import libcst as cst

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
from oinlint.frontends.pytree import Offsets, node_offsets, walk
from oinlint.frontends.pyvalues import Resolver, Scope, StrValue, literal_string
from oinlint.frontends.shared.tidy import context_at, drop_nested_keys

__all__ = ["parse"]

OKTA_SDK_CLIENT: Final = "okta.client.Client"
AUTH_BASES: Final = frozenset({
    "requests.auth.AuthBase", "requests.AuthBase", "httpx.Auth", "httpx._auth.Auth",
})
SCHEMES: Final = frozenset({"SSWS", "Bearer", "Basic", "DPoP", "Digest"})
# Methods that set a header from (name, value) positional arguments.
HEADER_SETTERS: Final = frozenset({
    "add_header", "add_unredirected_header", "putheader", "setdefault", "set", "__setitem__",
    "add", "set_header", "setHeader", "header",
})
# Methods that read a mapping with a default: ``os.getenv("OKTA_CLIENT_SECRET", "literal")``.
DEFAULT_GETTERS: Final = frozenset({"getenv", "get", "setdefault", "pop"})
# Calls whose arguments are messages, not values that are sent anywhere.
MESSAGE_CALLS: Final = frozenset({
    "print", "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal",
    "log", "echo", "secho", "fail", "skip", "xfail",
})
_EXCEPTION_NAME = re.compile(r"(?:Error|Exception|Warning|Exit)$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_EXTRA_BREAK = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ANY_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# A value that is an SSWS credential wherever it appears: "SSWS " + one token or hole.
# Holes are marked \x00 by StrValue.marked(); "{...}" and "%s" are format-template holes.
_SSWS_VALUE = re.compile(r"^\s*(?P<scheme>SSWS)\s+(?P<cred>\S+)\s*$")
# A raw header line: "Authorization: <scheme> <credential>" (curl -H, http.client).
_HEADER_LINE = re.compile(
    r"^\s*(?P<header>authorization)\s*:\s*(?P<scheme>[A-Za-z][\w-]*)\s+(?P<cred>\S+)\s*$",
    re.IGNORECASE,
)
_TEMPLATE_HOLE = re.compile(r"\x00|\{\w*\}|%s")
_PEM_BODY = re.compile(r"[A-Za-z0-9+/=]{64,}")
_JWK_D = re.compile(r"^[A-Za-z0-9_\-]{20,}$")


@dataclass(slots=True)
class _HeaderCandidate:
    """A value that may go to an ``Authorization`` header (key unknown until resolution)."""

    key: cst.BaseExpression | None  # None: the container already says it is Authorization
    value: cst.BaseExpression
    scope: Scope
    context: str
    auth_class: bool
    standalone_ok: bool  # if the key is not Authorization, check the value on its own


@dataclass(slots=True)
class _ValueCandidate:
    """A string built in a value position (assigned, returned, passed): maybe "SSWS " + t."""

    value: cst.BaseExpression
    scope: Scope
    context: str


@dataclass(slots=True)
class _CallCandidate:
    """A call resolved after the walk: an SDK client or an ``auth=`` token request."""

    call: cst.Call
    scope: Scope
    context: str


def _dotted(node: cst.BaseExpression) -> str | None:
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def _attr_name(node: cst.BaseExpression) -> str | None:
    """``x.y.z`` → ``z``; ``z`` → ``z``."""
    if isinstance(node, cst.Attribute):
        return node.attr.value
    if isinstance(node, cst.Name):
        return node.value
    return None


def _builds_string(node: cst.BaseExpression) -> bool:
    """Cheap test: could this expression build a string worth resolving on its own?"""
    if isinstance(node, cst.SimpleString):
        return "ssws" in node.value.lower() or "uthorization" in node.value.lower()
    if isinstance(node, cst.ConcatenatedString | cst.FormattedString | cst.BinaryOperation):
        return True
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in ("format", "join")
    )


def _camel(key: str) -> str:
    """Option names in the SDK's spelling: ``authorization_mode`` → ``authorizationMode``."""
    words = [w for w in key.split("_") if w]
    if "_" not in key or not words:
        return key
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])


def _header_scheme(value: StrValue | None) -> str | None:
    return value.first_word(SCHEMES) if value is not None else None


def _standalone_auth(value: StrValue) -> tuple[str, str] | None:
    """(scheme, header) when a string outside any header container is an auth value."""
    text = value.marked()
    match = _SSWS_VALUE.match(text) or _HEADER_LINE.match(text)
    if match is None:
        return None
    cred = match.group("cred")
    if not _TEMPLATE_HOLE.search(cred) and (len(cred) < 8 or is_placeholder(cred)):
        return None
    return match.group("scheme"), "Authorization"


class _Lines:
    """Offsets and positions in the engine's line numbering (``str.splitlines``).

    libcst and Python break lines only at \\n, \\r\\n and \\r; ``splitlines`` also breaks at
    form feeds, \\x1c-\\x1e, NEL and U+2028/9. Files without those (nearly all) need no
    conversion; the others get their libcst positions mapped through offsets.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.py_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        self.same = _EXTRA_BREAK.search(text) is None
        self.starts = (
            self.py_starts if self.same else [0, *(m.end() for m in _ANY_BREAK.finditer(text))]
        )

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def from_python(self, line: int, column0: int) -> tuple[int, int]:
        """A libcst / tokenize position (1-based line, 0-based column), 1-based for a Span."""
        if self.same:
            return line, column0 + 1
        start = self.py_starts[min(max(line, 1), len(self.py_starts)) - 1]
        return self.position(start + column0)

    def before(self, line: int, column: int) -> str:
        """Text on ``line`` before 1-based ``column`` (engine numbering)."""
        start = self.starts[line - 1] if 0 < line <= len(self.starts) else 0
        return self.text[start : start + column - 1]


class _Visitor(cst.CSTVisitor):
    """The single pass: records bindings and candidates, emits what needs no resolution."""

    def __init__(self, path: str, source: str, lines: _Lines) -> None:
        super().__init__()
        self.path = path
        self.lines = lines
        self.offsets: Offsets = {}
        lowered = source.lower()
        self.okta_file = "okta" in lowered
        self.ssws_file = "ssws" in lowered
        self.pem_file = PRIVATE_KEY.search(source) is not None
        self.jwk_file = "kty" in source
        self.module_scope = Scope("module", "")
        self.scope = self.module_scope
        self.imports: dict[str, str] = {}
        self.names: list[str] = []
        self.auth_classes: set[str] = set()
        self.class_is_auth: list[bool] = []
        self.auth_depth = 0
        self.message_depth = 0
        self.call_is_message: list[bool] = []
        self.ranges: list[tuple[int, int, str]] = []
        self.facts: list[Fact] = []
        self.comments: list[Comment] = []
        self.secrets: dict[tuple[Span, str], SecretLiteral] = {}
        self.headers: list[_HeaderCandidate] = []
        self.values: list[_ValueCandidate] = []
        self.sdk_calls: list[_CallCandidate] = []
        self.auth_calls: list[_CallCandidate] = []
        self.dict_names: dict[int, str] = {}

    # -- helpers ---------------------------------------------------------------------------

    @property
    def context(self) -> str:
        return ".".join(self.names)

    def span(self, node: cst.CSTNode) -> Span:
        start, end = self.offsets[id(node)]
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(end)
        return Span(self.path, line, column, end_line, end_column)

    def qualify(self, node: cst.BaseExpression) -> str | None:
        dotted = _dotted(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        base = self.imports.get(head, head)
        return f"{base}.{rest}" if rest else base

    def secret(self, node: cst.CSTNode, kind: SecretKind, value: str, name: str | None) -> None:
        span = self.span(node)
        okta = self.okta_file or (name is not None and "okta" in name.lower())
        self.secrets.setdefault((span, kind), SecretLiteral(
            span, self.context, kind, redact_value(value), name, okta))

    def named_value(self, name: str, value: cst.BaseExpression) -> None:
        """A value given a name (variable, attribute, key, keyword): is it a credential?"""
        if isinstance(value, cst.Dict):
            self.dict_names[id(value)] = name
            return
        if not isinstance(value, cst.SimpleString | cst.ConcatenatedString):
            return
        text = literal_string(value)
        if text is None:
            return
        if self.pem_file and _is_pem_key(text):
            self.secret(value, "private-key", text, name)
            return
        if credential_kind_for_name(name) == "client-secret" and looks_like_client_secret(text):
            self.secret(value, "client-secret", text, name)

    def value_position(self, value: cst.BaseExpression | None) -> None:
        if value is not None and self.ssws_file and not self.message_depth and _builds_string(
            value
        ):
            self.values.append(_ValueCandidate(value, self.scope, self.context))

    def header(
        self, key: cst.BaseExpression | None, value: cst.BaseExpression, standalone: bool = False
    ) -> None:
        self.headers.append(_HeaderCandidate(
            key, value, self.scope, self.context, self.auth_depth > 0,
            standalone and self.ssws_file and not self.message_depth and _builds_string(value)))

    def bind_target(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        if isinstance(target, cst.Name):
            self.scope.bind(target.value, value)
        elif isinstance(target, cst.Tuple | cst.List):
            values: Sequence[cst.BaseExpression | None] = [None] * len(target.elements)
            if isinstance(value, cst.Tuple | cst.List) and len(value.elements) == len(
                target.elements
            ) and all(isinstance(e, cst.Element) for e in value.elements):
                values = [e.value for e in value.elements]
            for element, item in zip(target.elements, values, strict=True):
                inner = element.value
                self.bind_target(inner, item if isinstance(element, cst.Element) else None)
                if item is not None:
                    name = _attr_name(inner)
                    if name is not None:
                        self.named_value(name, item)
        elif isinstance(target, cst.Attribute):
            owner = target.value
            if isinstance(owner, cst.Name) and owner.value in ("self", "cls"):
                cls = self.scope.enclosing_class()
                if cls is not None:
                    cls.bind_attr(target.attr.value, value, self.scope)
        elif isinstance(target, cst.StarredElement):
            self.bind_target(target.value, None)

    def assignment(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        """Shared by ``=`` and annotated assignments."""
        self.bind_target(target, value)
        if isinstance(target, cst.Subscript):
            key = _subscript_key(target)
            if key is not None:
                if isinstance(target.value, cst.Name):
                    self.scope.add_item(target.value.value, key, value)
                self.header(key, value, standalone=True)
                literal = literal_string(key)
                if literal is not None:
                    self.named_value(literal, value)
            return
        name = _attr_name(target)
        if name is not None:
            self.named_value(name, value)
        self.value_position(value)

    # -- comments --------------------------------------------------------------------------

    def visit_Comment(self, node: cst.Comment) -> None:
        line, column = self.lines.position(self.offsets[id(node)][0])
        standalone = not self.lines.before(line, column).strip()
        self.comments.append(Comment(line, column, node.value[1:], standalone))

    # -- scopes ----------------------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            if dotted is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
                self.imports[local] = dotted
            else:
                local = dotted.split(".", 1)[0]
                self.imports[local] = local
            self.scope.bind(local, None)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        module = _dotted(node.module) if node.module is not None else None
        for alias in node.names:
            name = _dotted(alias.name)
            if name is None:
                continue
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            if module is not None and not node.relative:
                self.imports[local] = f"{module}.{name}"
            self.scope.bind(local, None)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
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
        scope = Scope("class", name, self.scope)
        self.module_scope.classes.setdefault(name, scope)
        self.scope = scope
        self.enter(name, node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        if self.class_is_auth.pop():
            self.auth_depth -= 1
        self.leave()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.bind(node.name.value, None)
        params = node.params
        all_params = [*params.posonly_params, *params.params, *params.kwonly_params]
        for param in all_params:
            if param.default is not None:
                self.named_value(param.name.value, param.default)
        scope = Scope("function", node.name.value, self.scope)
        for param in all_params:
            scope.bind(param.name.value, None)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                scope.bind(star.name.value, None)
        self.scope = scope
        self.enter(node.name.value, node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.leave()

    def enter(self, name: str, node: cst.CSTNode) -> None:
        self.names.append(name)
        span = self.span(node)
        self.ranges.append((span.line, span.end_line, self.context))

    def leave(self) -> None:
        self.names.pop()
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    def visit_Global(self, node: cst.Global) -> None:
        self.scope.globals.update(n.name.value for n in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        for item in node.names:  # assignments through nonlocal: unknowable, mark rebound
            self.scope.bind(item.name.value, None)

    # -- bindings --------------------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self.assignment(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self.assignment(node.target, node.value)
        else:
            self.bind_target(node.target, None)

    # A binding to None makes a name unknowable: x += ..., loop variables, ``as`` targets.
    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.bind_target(node.target, None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self.bind_target(node.target, None)

    def visit_For(self, node: cst.For) -> None:
        self.bind_target(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self.bind_target(node.asname.name, None)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        # Comprehension and lambda variables live in their own scopes; binding them here too
        # only makes a same-named outer constant unknowable, never wrongly known.
        self.bind_target(node.target, None)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            self.scope.bind(param.name.value, None)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None and isinstance(node.name.name, cst.Name):
            self.scope.bind(node.name.name.value, None)

    # -- values ----------------------------------------------------------------------------

    def visit_Return(self, node: cst.Return) -> None:
        self.value_position(node.value)

    def visit_Raise(self, node: cst.Raise) -> None:
        self.message_depth += 1

    def leave_Raise(self, original_node: cst.Raise) -> None:
        self.message_depth -= 1

    def visit_Assert(self, node: cst.Assert) -> None:
        self.message_depth += 1

    def leave_Assert(self, original_node: cst.Assert) -> None:
        self.message_depth -= 1

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = node.key
        if isinstance(key, cst.SimpleString | cst.ConcatenatedString):
            literal = literal_string(key)
            if literal is None:
                return
            if literal.strip().lower() == "authorization":
                self.header(None, node.value)
                return
            self.named_value(literal, node.value)
            self.value_position(node.value)
        elif isinstance(key, cst.Name | cst.Attribute):  # a constant key: resolve later
            self.header(key, node.value, standalone=True)

    def visit_Dict(self, node: cst.Dict) -> None:
        """A JWK with a private part ("kty" and "d") is a private key, whatever its name."""
        if not self.jwk_file:
            return
        values: dict[str, cst.BaseExpression] = {}
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                key = literal_string(element.key)
                if key is not None:
                    values[key] = element.value
        if "kty" not in values or "d" not in values:
            return
        d_value = literal_string(values["d"])
        if d_value is not None and _JWK_D.match(d_value) and not is_placeholder(d_value):
            self.secret(values["d"], "private-key", d_value, self.dict_names.get(id(node)))

    def visit_Tuple(self, node: cst.Tuple) -> None:
        elements = node.elements
        if len(elements) == 2 and isinstance(elements[0], cst.Element):
            key = literal_string(elements[0].value)
            if key is not None and key.strip().lower() == "authorization":
                self.header(None, elements[1].value)
                return
        self.sequence(node)

    def visit_List(self, node: cst.List) -> None:
        self.sequence(node)

    def visit_Set(self, node: cst.Set) -> None:
        self.sequence(node)

    def sequence(self, node: cst.Tuple | cst.List | cst.Set) -> None:
        if not self.ssws_file or self.message_depth:
            return
        for element in node.elements:
            self.value_position(element.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if self.pem_file and "PRIVATE KEY-----" in node.value:
            text = literal_string(node)
            if text is not None and _is_pem_key(text):
                self.secret(node, "private-key", text, None)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if self.pem_file:
            text = literal_string(node)
            if text is not None and _is_pem_key(text):
                self.secret(node, "private-key", text, None)

    def visit_Call(self, node: cst.Call) -> None:
        func_name = _attr_name(node.func)
        is_message = func_name is not None and (
            func_name in MESSAGE_CALLS or _EXCEPTION_NAME.search(func_name) is not None)
        self.call_is_message.append(is_message)
        if self.qualify(node.func) == OKTA_SDK_CLIENT:
            self.sdk_calls.append(_CallCandidate(node, self.scope, self.context))
        positional = [a for a in node.args if a.keyword is None and not a.star]
        receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
        if func_name in HEADER_SETTERS and len(positional) >= 2:
            self.header(positional[0].value, positional[1].value)
        if func_name in DEFAULT_GETTERS and len(positional) >= 2:
            key = literal_string(positional[0].value)
            if key is not None:
                self.named_value(key, positional[1].value)
        if isinstance(receiver, cst.Name):
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

    def leave_Call(self, original_node: cst.Call) -> None:
        if self.call_is_message.pop():
            self.message_depth -= 1

    def visit_Arg(self, node: cst.Arg) -> None:
        # keyword secrets inside message calls still count: ``log.info(..., client_secret="…")``
        if self.message_depth and node.keyword is not None:
            self.named_value(node.keyword.value, node.value)

    def dict_change(
        self, name: str, method: str | None, args: Sequence[cst.Arg], positional: list[cst.Arg]
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
        consumed: set[int] = set()
        emitted: set[int] = set()
        for candidate in self.headers:
            if candidate.key is not None:
                key = resolver.string(candidate.key, candidate.scope)
                text = key.literal if key is not None else None
                if text is None or text.strip().lower() != "authorization":
                    if candidate.standalone_ok:
                        self.values.append(_ValueCandidate(
                            candidate.value, candidate.scope, candidate.context))
                    continue
            value = resolver.string(candidate.value, candidate.scope, consumed)
            via = "auth-class" if candidate.auth_class else (value.via if value else "dict")
            self.facts.append(AuthHeader(
                self.span(candidate.value), candidate.context, _header_scheme(value), via))
            emitted.add(id(candidate.value))
        for item in self.values:
            if id(item.value) in consumed or id(item.value) in emitted:
                continue
            value = resolver.string(item.value, item.scope)
            found = _standalone_auth(value) if value is not None else None
            if value is None or found is None:
                continue
            emitted.add(id(item.value))
            self.facts.append(AuthHeader(
                self.span(item.value), item.context, found[0], value.via, found[1]))
        for call in self.sdk_calls:
            self.facts.append(self.sdk_client(call, resolver))
        for call in self.auth_calls:
            self.token_auth(call, resolver)

    def sdk_client(self, candidate: _CallCandidate, resolver: Resolver) -> Fact:
        call = candidate.call
        config: cst.BaseExpression | None = None
        for arg in call.args:
            if (arg.keyword is None and not arg.star and config is None) or (
                arg.keyword is not None and arg.keyword.value == "user_config"
            ):
                config = arg.value
        span = self.span(call)
        if config is None:
            return SdkClient(span, candidate.context, "okta-sdk-python", None, ())
        entries = resolver.dict_entries(config, candidate.scope)
        if entries is None:
            return Unresolved(span, candidate.context, "okta-sdk-python config",
                              "the Client configuration is not a dict built in this file")
        options: dict[str, None] = {}
        auth_mode: str | None = None
        token_span: Span | None = None
        for entry in entries:
            if entry.key is None:
                continue
            name = _camel(entry.key)
            options[name] = None
            if name == "authorizationMode":
                mode = resolver.string(entry.value, entry.scope)
                auth_mode = mode.literal if mode is not None and mode.literal else "?"
            elif name == "token":
                token_span = self.span(entry.value)
        return SdkClient(span, candidate.context, "okta-sdk-python", auth_mode,
                         tuple(options), token_span)

    def token_auth(self, candidate: _CallCandidate, resolver: Resolver) -> None:
        """``post(".../oauth2/v1/token", auth=(client_id, "literal"))``: a hard-coded secret."""
        call = candidate.call
        url: cst.BaseExpression | None = None
        auth: cst.BaseExpression | None = None
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
        name = auth.value if isinstance(auth, cst.Name) else "auth"
        node, scope = resolver.follow(auth, candidate.scope)
        secret: cst.BaseExpression | None = None
        if isinstance(node, cst.Tuple) and len(node.elements) == 2:
            secret = node.elements[1].value
        elif isinstance(node, cst.Call) and _attr_name(node.func) in (
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


def _subscript_key(node: cst.Subscript) -> cst.BaseExpression | None:
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return node.slice[0].slice.value
    return None


def _is_pem_key(text: str) -> bool:
    match = PRIVATE_KEY.search(text)
    if match is None:
        return False
    body = re.sub(r"\s+", "", text[match.end() :])
    return _PEM_BODY.search(body) is not None and not is_placeholder(body[:64])


def _tokenize_comments(source: str, lines: _Lines) -> list[Comment]:
    """Comments of a file libcst could not parse, as far as the tokenizer gets."""
    comments: list[Comment] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                line, column = lines.from_python(*token.start)
                standalone = not lines.before(line, column).strip()
                comments.append(Comment(line, column, token.string[1:], standalone))
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return comments


# CPython's own limits on nesting. Input beyond them is not Python, and libcst's native parser
# can overflow its stack (a segmentation fault, not an exception) or take seconds on it.
_TOO_DEEP = re.compile(
    r"too many nested parentheses|too many levels of indentation|too complex"
    r"|too many statically nested blocks|recursion",
    re.IGNORECASE,
)
_NESTED_TOO_DEEPLY = "file is nested too deeply to analyse"


def _compile_check(path: str, source: str) -> tuple[SyntaxError | None, bool]:
    """CPython's parser first: (its syntax error, whether the input is too deep for libcst).

    It is a tenth of libcst's cost and the guard that keeps pathological nesting away from
    libcst. A syntax error here alone does not stop libcst: CPython may be older than the
    code (PEP 695, PEP 701), and libcst parses newer grammar.
    """
    try:
        compile(source, path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        return exc, _TOO_DEEP.search(exc.msg or "") is not None
    except (RecursionError, MemoryError):
        return None, True
    except ValueError:  # null bytes on older Pythons; libcst reports them
        return None, False
    return None, False


def _syntax_problem(
    path: str, lines: _Lines, error: SyntaxError | None, fallback: cst.ParserSyntaxError | None
) -> ParseProblem:
    """Python's own compiler places and words syntax errors better than libcst's parser."""
    line, column, end_column, message = 1, 1, 2, "invalid syntax"
    if fallback is not None:
        line, column = fallback.editor_line, fallback.editor_column
        end_column = column + 1
        text = fallback.message.splitlines()[0] if fallback.message else message
        message = re.sub(r"^(?:parser|tokenizer) error: (?:error at \d+:\d+: )?", "", text)
    if error is not None and error.lineno:
        line = error.lineno
        column = max(error.offset or 1, 1)
        end_column = column + 1
        if error.end_lineno == error.lineno and error.end_offset and error.end_offset > column:
            end_column = error.end_offset
        message = error.msg
    if len(message) > 120:
        message = message[:117] + "..."
    width = max(end_column - column, 1)
    line, column = lines.from_python(line, column - 1)
    return ParseProblem(Span(path, line, column, line, column + width), f"syntax error: {message}")


class Collector(cst.CSTVisitor):
    """A fact family riding along in the primary visitor's walk (API calls, token requests).

    A collector reads the primary visitor's state while the walk is at a node: its bindings
    and scopes (``primary.scope``), import aliases (``primary.qualify``), the enclosing name
    (``primary.context``) and node spans (``primary.span``). It must not prune the walk.
    """

    def __init__(self, primary: _Visitor) -> None:
        super().__init__()
        self.primary = primary

    def finish(self) -> list[Fact]:
        """The facts found, once the walk is over."""
        return []


# Modules with a ``collector(primary) -> Collector`` factory, one per fact family.
COLLECTOR_MODULES: Final = ("oinlint.frontends.pycalls", "oinlint.frontends.pytokens")
_collectors: list[Callable[[_Visitor], Collector]] | None = None


def collectors() -> list[Callable[[_Visitor], Collector]]:
    """The collector factories, imported once (a family not written yet is simply absent)."""
    global _collectors
    if _collectors is None:
        found: list[Callable[[_Visitor], Collector]] = []
        for name in COLLECTOR_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            found.append(module.collector)
        _collectors = found
    return _collectors


def parse(path: str, source: str, language: str) -> FileFacts:
    """Facts for one Python file; syntax errors become a ParseProblem, never an exception."""
    lines = _Lines(source)
    visitor = _Visitor(path, source, lines)
    problem: ParseProblem | None = None
    error, too_deep = _compile_check(path, source)
    if too_deep:
        problem = (_syntax_problem(path, lines, error, None) if error is not None
                   else ParseProblem(Span(path, 1, 1, 1, 2), _NESTED_TOO_DEEPLY))
    else:
        try:
            module = cst.parse_module(source)
            visitor.offsets = node_offsets(module, source)
            riders = [make(visitor) for make in collectors()]
            walk(module, visitor, *riders)
            visitor.finish()
            for collector in riders:
                visitor.facts.extend(collector.finish())
        except cst.ParserSyntaxError as exc:
            problem = _syntax_problem(path, lines, error, exc)
        except RecursionError:
            problem = ParseProblem(Span(path, 1, 1, 1, 2), _NESTED_TOO_DEEPLY)
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # libcst's native parser panics with a BaseException
            problem = ParseProblem(Span(path, 1, 1, 1, 2),
                                   f"could not parse: {type(exc).__name__}: {exc}"[:160])
    if problem is None:
        visitor.token_facts(source)
        return visitor.result(language)
    # The walk did not finish: keep only what needs no syntax tree.
    visitor.facts.clear()
    visitor.secrets.clear()
    visitor.token_facts(source)
    visitor.comments = _tokenize_comments(source, lines)
    return visitor.result(language, (problem,))
