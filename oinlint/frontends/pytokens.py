"""Token-lifecycle and transport facts for Python: a collector riding in the primary walk.

What it finds (issue 5): OAuth 2.0 client-credentials token requests (requests / httpx /
aiohttp / urllib3 POSTs to ``…/oauth2/…/v1/token``, authlib and requests-oauthlib
``fetch_token``, httpx-auth, okta-sdk-python in ``Bearer`` mode) and, for each, where its token
ends up. The walk records per function its assignments, returns, calls, loops and a few flags
(a clock is read, ``expires_in`` is read); :meth:`TokenCollector.finish` follows the token from
the request through locals, ``self.`` attributes, module globals and the callers of the
function that fetches it (within the module), which is what tells "fetched once at import"
from "fetched per API call" from "cached per org until it expires".

It also emits the small facts the transport and hygiene rules need: TLS verification off,
``http://`` Okta URLs, redirects followed on token requests, secrets handed to logs, 401 / 429 /
rate-limit / pagination handling, refresh-token use and hard-coded org URLs.

Where the token's fate cannot be decided (the fetch function is only called from another
module), the request is still a fact, with ``caching="unknown"``, plus an ``Unresolved``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import libcst as cst

from oinlint.facts import (
    AuthServerKind,
    ClientAuth,
    Fact,
    HardcodedOrg,
    HttpApiUse,
    RefreshTokenUse,
    ResponseHandling,
    SecretLogged,
    TokenCaching,
    TokenRequest,
    TransportSetting,
    Unresolved,
)
from oinlint.frontends.python import Collector
from oinlint.frontends.pyvalues import DictEntry, Resolver, Scope, literal_string
from oinlint.frontends.shared.transport import (
    LOG_RECEIVER,
    is_secret_name,
    okta_org_host,
    plain_http_okta,
)

if TYPE_CHECKING:
    from oinlint.frontends.python import _Visitor

__all__ = ["TokenCollector", "collector"]

HTTP_METHODS: Final = frozenset({
    "get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream",
    "urlopen", "request_encode_body", "fetch",
})
TOKEN_POSTS: Final = frozenset({"post", "request", "request_encode_body", "fetch", "Request"})
BODY_KEYWORDS: Final = ("data", "json", "body", "fields", "content", "params")
CLOCK_CALLS: Final = frozenset({
    "time", "monotonic", "now", "utcnow", "time_ns", "monotonic_ns", "perf_counter",
})
LRU_DECORATORS: Final = frozenset({
    "functools.lru_cache", "functools.cache", "functools.cached_property", "lru_cache",
    "cache", "cached_property", "async_lru.alru_cache", "alru_cache",
})
TTL_DECORATORS: Final = ("ttl_cache", "TTLCache", "cached")
INIT_NAMES: Final = frozenset({"__init__", "__post_init__", "__enter__", "__aenter__", "setup",
                               "setUp", "startup", "on_startup"})
ENTRY_NAME: Final = re.compile(
    r"^_?(main|run|cli|handler|lambda_handler|handle|execute|start|job|task|app)(_\w+)?$")
ORG_LOOP: Final = re.compile(r"org|tenant|customer|domain|install|instance|account",
                             re.IGNORECASE)
RETRY_LOOP: Final = re.compile(r"attempt|retr|tries|tried", re.IGNORECASE)
LOG_METHODS: Final = frozenset({"debug", "info", "warning", "warn", "error", "exception",
                                "critical", "fatal", "log"})
_EXCEPTION = re.compile(r"(?:Error|Exception)$")
_VERBS: Final = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
_GRANT_IN_TEXT = re.compile(r"grant_type=(?P<grant>[a-z_]+)")
_CUSTOM_AS = re.compile(r"/oauth2/(?P<server>[^/]+)/v1/token/?$")
_ORG_AS = re.compile(r"/oauth2/v1/token/?$")


@dataclass(eq=False, slots=True)
class _Site:
    """A call of a name; may be the call of the module's token-fetching function."""

    call: cst.Call
    callee: str
    receiver: str | None  # "self", "cls", another dotted receiver, or None for a bare name
    func: _Func
    loop: bool
    guarded: bool


@dataclass(eq=False, slots=True)
class _Func:
    """One function (or the module body) and what the walk saw in it."""

    name: str
    context: str
    cls: str | None
    scope: Scope
    decorators: tuple[str, ...] = ()
    flags: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    globals: set[str] = field(default_factory=set)
    assigns: list[tuple[cst.BaseExpression, cst.BaseExpression]] = field(default_factory=list)
    bare: list[cst.Call] = field(default_factory=list)  # calls whose result is dropped
    returns: list[cst.BaseExpression] = field(default_factory=list)
    http: list[tuple[cst.Call, Scope]] = field(default_factory=list)
    sites: list[_Site] = field(default_factory=list)
    loops: list[bool] = field(default_factory=list)
    guards: int = 0

    @property
    def is_module(self) -> bool:
        return self.name == ""


@dataclass(eq=False, slots=True)
class _Request:
    """A call that may be a token request, resolved after the walk."""

    call: cst.Call
    func: _Func
    scope: Scope
    kind: str  # http, fetch_token, httpx-auth, okta-sdk
    loop: bool
    guarded: bool


@dataclass(slots=True)
class _Trace:
    """Where a token went: stores found, sites passed through, and how it was used."""

    stores: set[str] = field(default_factory=set)
    funcs: list[_Func] = field(default_factory=list)
    site: cst.Call | None = None
    in_loop: bool = False
    per_call: bool = False
    unknown: bool = False
    store_attrs: set[str] = field(default_factory=set)
    store_names: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    bad: list[cst.Call] = field(default_factory=list)  # fetch sites in loops / per API call
    kept: int = 0  # stores into non-local places seen so far

    def flag(self, call: cst.Call) -> None:
        if all(c is not call for c in self.bad):
            self.bad.append(call)


def _attr_name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Attribute):
        return node.attr.value
    if isinstance(node, cst.Name):
        return node.value
    return None


def _dotted(node: cst.BaseExpression) -> str | None:
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Call):
        inner = _dotted(node.func)
        return None if inner is None else ".".join([inner + "()", *reversed(parts)])
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def _bool(node: cst.BaseExpression) -> bool | None:
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def _keyword(call: cst.Call, *names: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in names:
            return arg
    return None


def _positional(call: cst.Call) -> list[cst.BaseExpression]:
    return [a.value for a in call.args if a.keyword is None and not a.star]


def _subnodes(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


def _mentions(expr: cst.CSTNode, ids: set[int], names: set[str]) -> bool:
    """Does ``expr`` carry a tracked value? Not through an HTTP call that merely *uses* it."""
    stack: list[cst.CSTNode] = [expr]
    while stack:
        node = stack.pop()
        if id(node) in ids:
            return True
        if isinstance(node, cst.Name) and node.value in names:
            return True
        if isinstance(node, cst.Call) and _attr_name(node.func) in HTTP_METHODS - {"fetch"}:
            continue
        if isinstance(node, cst.Lambda):
            continue
        stack.extend(node.children)
    return False


class TokenCollector(Collector):
    """Collects token requests and transport / hygiene facts for one Python file."""

    def __init__(self, primary: _Visitor) -> None:
        super().__init__(primary)
        self.module = _Func("", "", None, primary.module_scope)
        self.funcs: list[_Func] = []
        self.stack: list[_Func] = [self.module]
        self.classes: list[str] = []
        self.requests: list[_Request] = []
        self.facts: list[Fact] = []
        self.redirects: dict[int, tuple[cst.Arg, bool]] = {}
        self.client_credentials = False
        self.token_calls: set[int] = set()
        self.file_401 = False

    # -- walk state ------------------------------------------------------------------------

    @property
    def func(self) -> _Func:
        return self.stack[-1]

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        decorators: list[str] = []
        for decorator in node.decorators:
            expr = decorator.decorator
            target = expr.func if isinstance(expr, cst.Call) else expr
            name = self.primary.qualify(target) or _dotted(target) or ""
            if isinstance(expr, cst.Call) and any(
                _attr_name(a.value.func if isinstance(a.value, cst.Call) else a.value)
                in TTL_DECORATORS for a in expr.args
            ):
                name = "ttl_cache"
            decorators.append(name)
        cls = self.classes[-1] if self.classes and self.stack[-1].is_module else None
        # primary.visit_FunctionDef already ran: its scope is this function's
        func = _Func(node.name.value, self.primary.context, cls, self.primary.scope,
                     tuple(decorators))
        self.funcs.append(func)
        self.stack.append(func)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Global(self, node: cst.Global) -> None:
        self.func.globals.update(n.name.value for n in node.names)

    def _loop(self, target: cst.BaseExpression | None, iterable: cst.BaseExpression | None,
              test: cst.BaseExpression | None = None) -> None:
        """A loop that runs per item (users, pages), not per org and not a retry loop."""
        text = " ".join(_dotted(n) or "" for n in (target, iterable) if n is not None)
        retry = isinstance(iterable, cst.Call) and _attr_name(iterable.func) == "range"
        if test is not None and (_bool(test) is True or RETRY_LOOP.search(_dotted(test) or "")):
            retry = True
        per_org = ORG_LOOP.search(text) is not None or RETRY_LOOP.search(text) is not None
        self.func.loops.append(not (retry or per_org))

    def visit_For(self, node: cst.For) -> None:
        self._loop(node.target, node.iter)

    def leave_For(self, original_node: cst.For) -> None:
        self.func.loops.pop()

    def visit_While(self, node: cst.While) -> None:
        self._loop(None, None, node.test)

    def leave_While(self, original_node: cst.While) -> None:
        self.func.loops.pop()

    def _comp(self, node: cst.ListComp | cst.SetComp | cst.DictComp | cst.GeneratorExp) -> None:
        self._loop(node.for_in.target, node.for_in.iter)

    def _comp_leave(self) -> None:
        self.func.loops.pop()

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._comp(node)

    def leave_ListComp(self, original_node: cst.ListComp) -> None:
        self._comp_leave()

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._comp(node)

    def leave_SetComp(self, original_node: cst.SetComp) -> None:
        self._comp_leave()

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._comp(node)

    def leave_DictComp(self, original_node: cst.DictComp) -> None:
        self._comp_leave()

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._comp(node)

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self._comp_leave()

    def visit_If(self, node: cst.If) -> None:
        self.func.guards += 1

    def leave_If(self, original_node: cst.If) -> None:
        self.func.guards -= 1

    @property
    def in_loop(self) -> bool:
        return any(self.func.loops)

    # -- assignments, returns ----------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self.func.assigns.append((target.target, node.value))
            self._verify_assignment(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self.func.assigns.append((node.target, node.value))

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.BaseExpression):
            self.func.assigns.append((node.asname.name, node.item))

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.func.returns.append(node.value)

    def visit_Expr(self, node: cst.Expr) -> None:
        value = node.value.expression if isinstance(node.value, cst.Await) else node.value
        if isinstance(value, cst.Call):
            self.func.bare.append(value)

    def visit_Name(self, node: cst.Name) -> None:
        self.func.names.add(node.value)
        if node.value in ("expires_in", "expiresIn", "expires_at"):
            self.func.flags.add("expires" if node.value != "expires_at" else "expires-at")

    def visit_Attribute(self, node: cst.Attribute) -> None:
        attr = node.attr.value
        if attr in ("expires_in", "expiresIn"):
            self.func.flags.add("expires")
        elif attr in ("UNAUTHORIZED", "HTTP_401_UNAUTHORIZED", "unauthorized"):
            self._handling(node, "401")
        elif attr in ("TOO_MANY_REQUESTS", "HTTP_429_TOO_MANY_REQUESTS", "too_many_requests"):
            self._handling(node, "429")
        elif attr in ("links", "next_link", "has_next"):
            self._handling(node, "pagination")

    def _handling(self, node: cst.CSTNode, kind: str) -> None:
        if kind == "401":
            self.file_401 = True
        self.func.flags.add(kind)
        self.facts.append(ResponseHandling(self.primary.span(node), self.primary.context,
                                           kind))  # type: ignore[arg-type]

    def visit_Integer(self, node: cst.Integer) -> None:
        if node.value == "429" and "429" not in self.func.flags:
            self._handling(node, "429")

    def visit_Comparison(self, node: cst.Comparison) -> None:
        for sub in _subnodes(node):
            if isinstance(sub, cst.Integer) and sub.value == "401":
                self._handling(node, sub.value)
                return

    # -- strings ---------------------------------------------------------------------------

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = literal_string(node)
        if text is None:
            return
        lowered = text.lower()
        if lowered in ("expires_in", "exp", "expiresin"):
            self.func.flags.add("expires")
        elif lowered in ("x-rate-limit-reset", "retry-after", "x-rate-limit-remaining"):
            self._handling(node, "rate-limit-header")
        elif lowered == "next" or 'rel="next"' in lowered:
            self._handling(node, "pagination")
        elif lowered == "client_credentials" or "grant_type=client_credentials" in lowered:
            self.client_credentials = True
        if (lowered == "refresh_token" or "grant_type=refresh_token" in lowered) and (
            not self.primary.message_depth
        ):
            self.facts.append(RefreshTokenUse(self.primary.span(node),
                                              self.primary.context, "refresh_token"))
        if text.startswith(("http://", "https://")) and not self.primary.message_depth:
            self._url_literal(node, text)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        if self.primary.message_depth or not node.parts:
            return
        first = node.parts[0]
        if isinstance(first, cst.FormattedStringText) and first.value.startswith("http://"):
            rest = "".join(p.value if isinstance(p, cst.FormattedStringText) else "{}"
                           for p in node.parts)
            self._url_literal(node, rest)

    def _url_literal(self, node: cst.CSTNode, text: str) -> None:
        if plain_http_okta(text):
            self.facts.append(TransportSetting(self.primary.span(node), self.primary.context,
                                               "http-url", "any", text[:80]))
        host = okta_org_host(text)
        if host is not None:
            self.facts.append(HardcodedOrg(self.primary.span(node), self.primary.context, host))

    # -- calls -----------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        func = self.func
        name = _attr_name(node.func)
        qualified = self.primary.qualify(node.func) or ""
        receiver: str | None = None
        if isinstance(node.func, cst.Attribute):
            receiver = _dotted(node.func.value) or "?"
        if name is not None:
            func.sites.append(_Site(node, name, receiver, func, self.in_loop, func.guards > 0))
        if self._is_clock(name, qualified, receiver):
            func.flags.add("clock")
        self._message(node, name, receiver)
        self._transport(node, name)
        if name == "refresh_token":
            self.facts.append(RefreshTokenUse(self.primary.span(node), self.primary.context,
                                              "refresh_token()"))
        kind: str | None = None
        if name in TOKEN_POSTS:
            kind = "http"
        elif name == "fetch_token" and isinstance(node.func, cst.Attribute):
            kind = "fetch_token"
        elif qualified.endswith(("OAuth2ClientCredentials", "OktaClientCredentials")):
            kind = "httpx-auth"
        elif qualified == "okta.client.Client":
            kind = "okta-sdk"
        if kind is not None:
            self.requests.append(_Request(node, func, self.primary.scope, kind, self.in_loop,
                                          func.guards > 0))
        if name in HTTP_METHODS:
            func.http.append((node, self.primary.scope))

    @staticmethod
    def _is_clock(name: str | None, qualified: str, receiver: str | None) -> bool:
        """``time.time()``, ``time.monotonic()``, ``datetime.now()``, ``self._clock()``."""
        if name is None:
            return False
        if "clock" in name.lower():
            return True
        if name not in CLOCK_CALLS:
            return False
        # a bare ``time()`` must be ``from time import time``; ``x.time()`` a clock-ish object
        return name != "time" or qualified == "time.time" or receiver in (
            "time", "loop", "self.loop", "self._loop") or "clock" in (receiver or "")

    def _transport(self, node: cst.Call, name: str | None) -> None:
        if name in ("decode", "jwt_decode", "verify_jwt"):
            return
        for arg in node.args:
            if arg.keyword is None:
                continue
            keyword = arg.keyword.value
            value = _bool(arg.value)
            off = keyword in ("verify", "ssl", "verify_ssl", "ssl_verify") and value is False
            if off or (keyword == "cert_reqs" and "CERT_NONE" in (
                literal_string(arg.value) or _dotted(arg.value) or "")
            ):
                self.facts.append(TransportSetting(self.primary.span(arg), self.primary.context,
                                                   "verify-off", "any", keyword))
            elif keyword in ("follow_redirects", "allow_redirects") and value is True:
                self.redirects[id(node)] = (arg, True)
        if name == "_create_unverified_context":
            self.facts.append(TransportSetting(self.primary.span(node), self.primary.context,
                                               "verify-off", "any", "unverified context"))

    def _verify_assignment(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        attr = target.attr.value if isinstance(target, cst.Attribute) else None
        if attr in ("verify", "check_hostname") and _bool(value) is False:
            self.facts.append(TransportSetting(self.primary.span(target), self.primary.context,
                                               "verify-off", "any", attr or ""))
        elif attr == "verify_mode" and "CERT_NONE" in (_dotted(value) or ""):
            self.facts.append(TransportSetting(self.primary.span(target), self.primary.context,
                                               "verify-off", "any", attr))

    def _message(self, node: cst.Call, name: str | None, receiver: str | None) -> None:
        """Secrets given to ``print``, a logger or an exception's text (OIN405)."""
        if name is None:
            return
        sink: str | None = None
        if name == "print" and receiver is None:
            sink = "print"
        elif name in LOG_METHODS and receiver is not None and LOG_RECEIVER.search(receiver):
            sink = f"{receiver}.{name}"
        elif _EXCEPTION.search(name) and name[:1].isupper():
            sink = name
        if sink is None:
            return
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in ("exc_info", "extra", "stack_info"):
                continue
            for found in self._secret_refs(arg.value):
                name = _dotted(found)
                if isinstance(found, cst.Subscript):
                    owner = _dotted(found.value) or "…"
                    key = found.slice[0].slice
                    text = literal_string(key.value) if isinstance(key, cst.Index) else None
                    name = f"{owner}[{text!r}]"
                self.facts.append(SecretLogged(self.primary.span(found), self.primary.context,
                                               name or "?", sink))

    def _secret_refs(self, expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
        stack: list[cst.CSTNode] = [expr]
        while stack:
            node = stack.pop()
            if isinstance(node, cst.Call):
                # only string building passes a value on; other calls (an API call, len())
                # turn it into something else
                called = _attr_name(node.func)
                if called in ("format", "str", "repr", "join", "dumps"):
                    stack.extend(a.value for a in node.args)
                    if isinstance(node.func, cst.Attribute):
                        stack.append(node.func.value)
                continue
            if isinstance(node, cst.Subscript | cst.Attribute | cst.Name):
                name = _attr_name(node) if not isinstance(node, cst.Subscript) else None
                if isinstance(node, cst.Subscript):
                    key: str | None = None
                    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
                        key = literal_string(node.slice[0].slice.value)
                    if key is not None and is_secret_name(key):
                        yield node
                    continue
                if name is not None and is_secret_name(name):
                    yield node
                continue
            if isinstance(node, cst.FormattedStringExpression):
                stack.append(node.expression)
                continue
            stack.extend(node.children)

    # -- after the walk --------------------------------------------------------------------

    def finish(self) -> list[Fact]:
        resolver = Resolver()
        for request in self.requests:
            fact = self._resolve(request, resolver)
            if fact is not None:
                self.facts.append(fact)
        for func in (self.module, *self.funcs):
            for call, scope in func.http:
                use = self._api_use(call, scope, resolver)
                if use is not None:
                    self.facts.append(use)
        return self.facts

    def _api_use(self, call: cst.Call, scope: Scope, resolver: Resolver) -> Fact | None:
        """A direct HTTP call to ``…/api/v1/…`` (for the 429 and pagination rules)."""
        if id(call) in self.token_calls:
            return None
        name = _attr_name(call.func) or ""
        positional = _positional(call)
        method = name.upper()
        if positional and (literal_string(positional[0]) or "").upper() in _VERBS:
            method = (literal_string(positional[0]) or "").upper()
            positional = positional[1:]
        elif name in ("request", "send", "stream", "fetch", "urlopen", "request_encode_body"):
            return None
        url = _keyword(call, "url")
        target = url.value if url is not None else (positional[0] if positional else None)
        if target is None or method not in _VERBS:
            return None
        value = resolver.string(target, scope)
        text = value.template if value is not None else ""
        at = text.find("/api/v1/")
        if at < 0:
            return None
        return HttpApiUse(self.primary.span(call), self._context_of(call), method,
                          text[at:].split("?", 1)[0])

    def _context_of(self, call: cst.Call) -> str:
        for func in self.funcs:
            if any(c is call for c, _ in func.http):
                return func.context
        return ""

    def _resolve(self, request: _Request, resolver: Resolver) -> Fact | None:
        if request.kind == "okta-sdk":
            return self._sdk_bearer(request, resolver)
        if request.kind == "httpx-auth":
            return self._library(request, resolver, "httpx-auth", 0, "token_url")
        if request.kind == "fetch_token":
            modules = self.primary.imports.values()
            if any(v.startswith("authlib") for v in modules):
                via = "authlib"
            elif any(v.startswith(("requests_oauthlib", "oauthlib")) for v in modules):
                via = "requests-oauthlib"
            else:
                return None  # a method of the project's own that happens to be called so
            if via == "authlib":
                return self._library(request, resolver, via, 0, "url", "token_url")
            return self._http(request, resolver, via)
        return self._http(request, resolver, "http")

    def _url(self, call: cst.Call, request: _Request, index: int, *keys: str
             ) -> cst.BaseExpression | None:
        arg = _keyword(call, *keys) if keys else None
        if arg is not None:
            return arg.value
        positional = _positional(call)
        return positional[index] if index < len(positional) else None

    def _library(self, request: _Request, resolver: Resolver, via: str, index: int,
                 *keys: str) -> Fact:
        url = self._url(request.call, request, index, *keys)
        template = resolver.string(url, request.scope) if url is not None else None
        kind = _server_kind(template.template if template else None)
        return TokenRequest(
            self.primary.span(request.call), request.func.context, kind,
            template.template if template else None, "client_credentials", "unknown",
            caching="library", expiry_honoured=True, retry_on_401=True, via=via,
            url_span=self.primary.span(url) if url is not None else None)

    def _sdk_bearer(self, request: _Request, resolver: Resolver) -> Fact | None:
        """okta-sdk-python in Bearer mode: the client holds one access token for its life."""
        positional = _positional(request.call)
        config = positional[0] if positional else None
        keyword = _keyword(request.call, "user_config")
        if keyword is not None:
            config = keyword.value
        if config is None:
            return None
        entries = resolver.dict_entries(config, request.scope) or []
        mode = None
        for entry in entries:
            if entry.key in ("authorizationMode", "authorization_mode"):
                value = resolver.string(entry.value, entry.scope)
                mode = value.literal if value is not None else None
        if mode is None or mode.lower() != "bearer":
            return None
        trace = self._trace(request.func, {id(request.call)}, 0, request)
        caching = _caching(trace)
        return TokenRequest(
            self.primary.span(request.call), request.func.context, "unknown", None,
            "client_credentials", "unknown", caching=caching, expiry_honoured=False,
            retry_on_401=self.file_401, in_loop=trace.in_loop, per_call=False,
            via="okta-sdk-bearer",
            site=self.primary.span(trace.site) if trace.site is not None else None)

    def _http(self, request: _Request, resolver: Resolver, via: str) -> Fact | None:
        call = request.call
        name = _attr_name(call.func)
        positional = _positional(call)
        url: cst.BaseExpression | None = None
        if name in ("request", "request_encode_body", "Request", "fetch") and via == "http":
            method = positional[0] if positional else None
            method_text = resolver.string(method, request.scope) if method is not None else None
            if name != "Request" and name != "fetch":
                if method_text is None or (method_text.literal or "").upper() != "POST":
                    keyword = _keyword(call, "method")
                    given = (resolver.string(keyword.value, request.scope)
                             if keyword is not None else None)
                    if given is None or (given.literal or "").upper() != "POST":
                        return None
                url = self._url(call, request, 1, "url")
            else:
                url = self._url(call, request, 0, "url")
        else:
            url = self._url(call, request, 0, "url", "token_url")
        template = resolver.string(url, request.scope) if url is not None else None
        text = template.template if template is not None else None
        token_url = text is not None and "/token" in text.split("?", 1)[0] and (
            "/oauth2/" in text or text.split("?", 1)[0].rstrip("/").endswith("/v1/token"))
        entries, body_text = self._body(call, request.scope, resolver)
        grant = _entry_text(entries, "grant_type", resolver)
        if grant is None and body_text is not None:
            found = _GRANT_IN_TEXT.search(body_text)
            grant = found.group("grant") if found else None
        keyword_grant = _keyword(call, "grant_type")
        if keyword_grant is not None:
            value = resolver.string(keyword_grant.value, request.scope)
            grant = value.literal if value is not None else grant
        if via != "http" and grant is None:
            grant = "client_credentials" if self.client_credentials else None
        if grant is None:
            if not token_url or not self.client_credentials:
                return None
            # the body is built in several ways (a refresh branch, say); the file asks for
            # client-credentials tokens, so this token URL is treated as one of them
            grant = "client_credentials"
        if grant != "client_credentials":
            return None
        if not token_url and text is not None and "/api/" in text:
            return None
        client_auth: ClientAuth = "unknown"
        keys = {e.key for e in entries or [] if e.key}
        if _keyword(call, "auth", "client_secret") is not None and _keyword(
            call, "auth") is not None:
            client_auth = "basic"
        elif "client_assertion" in keys or (body_text and "client_assertion=" in body_text):
            client_auth = "private-key-jwt"
        elif "client_secret" in keys or (body_text and "client_secret=" in body_text) or (
            _keyword(call, "client_secret") is not None):
            client_auth = "body-secret"
        elif self._basic_header(call, request.scope, resolver):
            client_auth = "basic"
        redirect = self.redirects.get(id(call))
        follow: bool | None = None
        for key in ("follow_redirects", "allow_redirects"):
            arg = _keyword(call, key)
            if arg is not None:
                follow = _bool(arg.value)
        if redirect is not None:
            self.facts.append(TransportSetting(self.primary.span(redirect[0]),
                                               request.func.context, "follow-redirects",
                                               "token", f"{redirect[0].keyword.value}=True"
                                               if redirect[0].keyword else ""))
        verify: bool | None = None
        verify_arg = _keyword(call, "verify", "ssl")
        if verify_arg is not None:
            verify = _bool(verify_arg.value)
        self.token_calls.add(id(call))
        trace = self._trace(request.func, {id(call)}, 0, request)
        related = self._related(trace, request.func)
        expiry = any("expires" in f.flags for f in related)
        clock = any("clock" in f.flags for f in related)
        if any(d == "ttl_cache" for f in trace.funcs for d in f.decorators):
            clock = True
        caching = _caching(trace)
        if trace.unknown:
            self.facts.append(Unresolved(self.primary.span(call), request.func.context,
                                         "token-lifecycle",
                                         "the token-fetching function is not called here"))
        return TokenRequest(
            self.primary.span(call), request.func.context, _server_kind(text), text, grant,
            client_auth, caching=caching, expiry_honoured=expiry and clock,
            retry_on_401=self.file_401, in_loop=trace.in_loop, per_call=trace.per_call,
            follow_redirects=follow, verify_tls=verify, via=via,
            url_span=self.primary.span(url) if url is not None else None,
            site=self.primary.span(trace.site) if trace.site is not None else None,
            expiry_read=expiry, clock_used=clock,
            fetch_sites=tuple(self.primary.span(c) for c in trace.bad))

    def _body(self, call: cst.Call, scope: Scope, resolver: Resolver
              ) -> tuple[list[DictEntry] | None, str | None]:
        for key in BODY_KEYWORDS:
            arg = _keyword(call, key)
            if arg is None:
                continue
            entries = resolver.dict_entries(arg.value, scope)
            if entries is not None:
                return entries, None
            value = resolver.string(arg.value, scope)
            if value is not None:
                return None, value.template
            if isinstance(arg.value, cst.Call) and _attr_name(arg.value.func) in (
                "urlencode", "encode"
            ):
                inner = _positional(arg.value)
                if inner:
                    found = resolver.dict_entries(inner[0], scope)
                    if found is not None:
                        return found, None
        return None, None

    def _basic_header(self, call: cst.Call, scope: Scope, resolver: Resolver) -> bool:
        headers = _keyword(call, "headers")
        if headers is None:
            return False
        for entry in resolver.dict_entries(headers.value, scope) or []:
            if entry.key is not None and entry.key.lower() == "authorization":
                value = resolver.string(entry.value, entry.scope)
                return value is not None and value.prefix.strip().lower().startswith("basic")
        return False

    # -- following the token -----------------------------------------------------------------

    def _store(self, func: _Func, target: cst.BaseExpression, trace: _Trace,
               names: set[str]) -> None:
        if isinstance(target, cst.Name):
            if func.is_module or target.value in func.globals:
                trace.kept += 1
                trace.stores.add("module")
                trace.store_names.add(target.value)
            else:
                names.add(target.value)
        elif isinstance(target, cst.Tuple | cst.List):
            for element in target.elements:
                self._store(func, element.value, trace, names)
        elif isinstance(target, cst.Attribute):
            owner = _dotted(target.value) or ""
            if owner in ("self", "cls") or func.is_module:
                trace.stores.add("instance" if not func.is_module else "module")
                trace.kept += 1
                trace.store_attrs.add(target.attr.value)
                if func.cls:
                    trace.classes.add(func.cls)
            else:
                names.add(owner.split(".", 1)[0])
        elif isinstance(target, cst.Subscript):
            base = target.value
            dotted = _dotted(base) or ""
            if dotted.startswith(("self.", "cls.")):
                trace.kept += 1
                trace.stores.add("per-org")
                trace.store_attrs.add(dotted.split(".", 1)[1])
                if func.cls:
                    trace.classes.add(func.cls)
            elif isinstance(base, cst.Name) and (
                func.is_module or base.value in func.globals or (
                    base.value not in _local_names(func)
                    and self.module.scope.names.get(base.value) is not None)
            ):
                trace.kept += 1
                trace.stores.add("per-org")
                trace.store_names.add(base.value)
            elif isinstance(base, cst.Name):
                names.add(base.value)
            elif dotted and not dotted.startswith(("self.", "cls.")):
                # ``session.headers["Authorization"] = token``: the object carries it on
                names.add(dotted.split(".", 1)[0])

    def _trace(self, func: _Func, ids: set[int], depth: int, request: _Request,
               trace: _Trace | None = None, via: cst.Call | None = None) -> _Trace:
        trace = trace or _Trace()
        trace.funcs.append(func)
        if func.is_module:
            trace.stores.add("module")
            return trace
        if any(d in LRU_DECORATORS or d.endswith((".lru_cache", ".cache", ".cached_property",
                                                  "alru_cache")) for d in func.decorators):
            trace.stores.add("function-cache")
            return trace
        if any(d == "ttl_cache" for d in func.decorators):
            trace.stores.add("function-cache")
            return trace
        names: set[str] = set()
        kept = trace.kept
        for _ in range(3):
            before = (len(names), len(trace.stores))
            for target, value in func.assigns:
                if _mentions(value, ids, names):
                    self._store(func, target, trace, names)
            if (len(names), len(trace.stores)) == before:
                break
        if request.kind == "fetch_token" and not trace.stores:
            for call in func.bare:
                if id(call) in ids and isinstance(call.func, cst.Attribute):
                    self._store(func, call.func.value, trace, names)
        returned = any(_mentions(value, ids, names) for value in func.returns)
        if trace.kept > kept:
            return trace
        if returned and depth < 3:
            sites = self._callers(func)
            if not sites:
                if self._api_function(func, 0) and not ENTRY_NAME.match(func.name):
                    # returns an API result, not the token: the token was used right here
                    trace.per_call = True
                    trace.flag(via or request.call)
                    trace.stores.add("local")
                else:
                    trace.unknown = True
                return trace
            for site in sites:
                trace.site = trace.site or site.call
                if site.loop:
                    trace.in_loop = True
                    trace.site = site.call
                    trace.flag(site.call)
                self._trace(site.func, {id(site.call)}, depth + 1, request, trace, site.call)
            return trace
        # the token stays local: fetched each time this function runs
        here_loop = request.loop if depth == 0 else False
        if here_loop:
            trace.in_loop = True
            trace.flag(request.call)
        if self._api_function(func, 0) and not ENTRY_NAME.match(func.name):
            trace.per_call = True
            trace.flag(via or request.call)
        trace.stores.add("local")
        return trace

    def _callers(self, func: _Func) -> list[_Site]:
        sites: list[_Site] = []
        for owner in (self.module, *self.funcs):
            for site in owner.sites:
                if site.callee != func.name:
                    continue
                if (func.cls is None) == (site.receiver is None):
                    sites.append(site)
        return sites

    def _api_function(self, func: _Func, depth: int) -> bool:
        """Does this function call the Okta API (directly or through a helper of the module)?"""
        for call, scope in func.http:
            if id(call) in self.token_calls:
                continue
            positional = _positional(call)
            if positional and (literal_string(positional[0]) or "").upper() in _VERBS:
                positional = positional[1:]  # urllib3 / requests.request("GET", url)
            url = _keyword(call, "url")
            target = url.value if url is not None else (positional[0] if positional else None)
            if target is None:
                continue
            value = Resolver().string(target, scope)
            text = value.template if value is not None else "{}"
            if "/oauth2/" in text:
                continue
            if "/api/" in text or text == "{}" or text.startswith("{}"):
                return True
        if depth < 2:
            names = {f.name: f for f in self.funcs if f.cls is None}
            for site in func.sites:
                callee = names.get(site.callee)
                if callee is not None and callee is not func and site.receiver is None and (
                    self._api_function(callee, depth + 1)
                ):
                    return True
        return False

    def _related(self, trace: _Trace, origin: _Func) -> list[_Func]:
        """The functions whose expiry handling counts for this token."""
        related = [origin, *trace.funcs]
        for func in self.funcs:
            same_class = func.cls is not None and func.cls in trace.classes | {origin.cls}
            if same_class or trace.store_names & func.names:
                related.append(func)
        return related


def _local_names(func: _Func) -> set[str]:
    return {t.value for t, _ in func.assigns if isinstance(t, cst.Name)}


def _caching(trace: _Trace) -> TokenCaching:
    if trace.per_call or (trace.in_loop and "module" not in trace.stores):
        return "none"
    for kind in ("function-cache", "per-org", "instance", "module", "local"):
        if kind in trace.stores:
            return kind
    return "unknown"


def _server_kind(template: str | None) -> AuthServerKind:
    if template is None:
        return "unknown"
    path = template.split("?", 1)[0]
    if _ORG_AS.search(path):
        return "org"
    if _CUSTOM_AS.search(path):
        return "custom"
    return "unknown"


def _entry_text(entries: list[DictEntry] | None, key: str, resolver: Resolver) -> str | None:
    for entry in entries or []:
        if entry.key == key:
            value = resolver.string(entry.value, entry.scope)
            return value.literal if value is not None else None
    return None


def collector(primary: _Visitor) -> Collector:
    """The factory ``oinlint.frontends.python.collectors()`` looks for."""
    return TokenCollector(primary)


