"""Okta API calls and scope strings in Python: ``ApiCall``, ``Unresolved`` and ``ScopeList`` facts.

A :class:`~.state.Collector` riding along in the primary walk. It records candidate calls,
``with ... as`` targets, functions that return an okta-sdk-python ``Client`` and module
constants while the walk is at them (the primary's scopes are the ones in force there), and
resolves everything in :meth:`CallCollector.finish` with the shared :class:`~.values.Resolver`.

What becomes a fact, and why:

* HTTP calls of requests / httpx / aiohttp / urllib3 (module functions, client and session
  methods, ``request(METHOD, url)``) whose URL reaches the Okta management API (``/api/v1/``,
  ``/integrations/api/``, ``/oauth2/v1/clients``): an ``ApiCall`` with the URL's path as a
  template (``{}`` for holes). When the path's end is built at runtime (the matcher says
  *unresolved*) it is an ``Unresolved(what="api-call", detail="METHOD PATH")`` instead: the
  scope analysis counts it and never guesses.
* A call whose URL (or method) is built from parameters of the enclosing function and is not
  decided there is a *wrapper* (``def paged_get(url): requests.get(url)``,
  ``def _request(self, method, path): session.request(method, f"{self.base}{path}")``): each
  call site in the file evaluates the wrapper's URL and method with the parameters bound to
  its arguments and becomes the fact (``via="wrapper:NAME"``); the inner call is reported only
  when no call site here resolves it. A call to an unknown function (an imported wrapper)
  given an Okta API URL counts too; its method comes from its name (``paged_get`` → GET),
  else None (then the analysis counts it as unresolved unless all methods agree).
* okta-sdk-python methods (``client.list_users()``) on a receiver bound to
  ``okta.client.Client(...)`` (directly, through ``self.X``, a ``with`` target or a local
  factory function): ``ApiCall(operation_id=..., via="okta-sdk-python")``.
* Scopes: the ``scope`` of token requests, the ``scopes`` option of an okta-sdk-python config
  and module constants holding ``okta.*`` scope strings, read by the collector's
  :class:`~oinlint.frontends.python.oauthscopes.ScopeStrings` layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from oinlint.facts import (
    ApiCall,
    Fact,
    HelperDef,
    HttpApiUse,
    ImportedSdkCall,
    ImportedUrlCall,
    ReturnedUrl,
    SdkClientExport,
    TemplatePart,
    Unresolved,
)
from oinlint.frontends.python import tree
from oinlint.frontends.python.helpers import HelperFacts, library_name, marked_scope
from oinlint.frontends.python.nodes import argument, attr_name, keyword_value
from oinlint.frontends.python.state import WalkState
from oinlint.frontends.python.values import HOLE, LexicalScope, StrValue, literal_string
from oinlint.frontends.shared.paramtemplate import (
    has_returned_marker,
    marked_param,
    marker,
    template_parts,
)
from oinlint.okta import lookup, match, normalise_path
from oinlint.okta.apiurl import method_from_name as _method_from_name
from oinlint.okta.apiurl import okta_api_url
from oinlint.okta.matcher import python_sdk_method

__all__ = ["CallCollector", "okta_api_url"]

HTTP_METHODS: Final = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
REQUEST_METHODS: Final = frozenset({"request", "stream", "urlopen"})
HTTP_MODULES: Final = ("requests", "httpx", "aiohttp", "urllib3")
CLIENT_CONSTRUCTORS: Final = frozenset({
    "requests.Session", "requests.session", "requests.sessions.Session",
    "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession",
    "urllib3.PoolManager", "urllib3.HTTPSConnectionPool", "urllib3.HTTPConnectionPool",
    "urllib3.ProxyManager",
})
OKTA_SDK_CLIENT: Final = "okta.client.Client"
_URL_MARKER: Final = marker(0)  # the path a client's method is handed, as a parameter
# a returned value other modules may build a URL from: an origin or a path
_URL_LIKE: Final = re.compile(r"://|^/|/api/")
# a literal path segment after what an imported function returns (``{base}/users/…``)
_PATH_AFTER_IMPORT: Final = re.compile("\ue001/*[A-Za-z]")
URLOPEN: Final = frozenset({"urllib.request.urlopen", "urllib2.urlopen"})
URL_REQUESTS: Final = frozenset({"urllib.request.Request", "urllib2.Request"})
# Keywords that carry the URL of a call to an unknown function (a wrapper of the project's).
# OAuth client sessions that request their token themselves (requests-oauthlib, authlib)
_OAUTH_SESSIONS: Final = frozenset({"OAuth2Session", "OAuth2Client", "AsyncOAuth2Client"})
URL_KEYWORDS: Final = frozenset({"url", "path", "endpoint", "uri", "href", "resource"})
URLJOIN: Final = frozenset({"urljoin", "urllib.parse.urljoin", "parse.urljoin"})
# How deep wrappers of wrappers are followed (``list_users`` → ``get`` → ``_request``).
_WRAPPER_DEPTH: Final = 4
# Callees that take a URL without calling it: never wrappers.
NOT_WRAPPERS: Final = frozenset({
    "urljoin", "join", "format", "str", "quote", "urlparse", "urlsplit", "urlencode", "append",
    "extend", "add", "startswith", "endswith", "replace", "split", "match", "search", "compile",
    "fullmatch", "sub", "normalise_path", "normalize_path", "URL", "Request", "print",
})
# where a client asks for scopes: the token endpoint, and Okta's authorize and device
# authorize endpoints (a user's sign-in: OIN207 judges the scopes it asks for too)
_TOKEN_URL = re.compile(r"/oauth2/(?:[^/]+/)?v1/token$|/token$"
                        r"|/oauth2/(?:[^/]+/)?v1/(?:device/)?authorize$")


@dataclass(slots=True)
class _Call:
    node: tree.Call
    scope: LexicalScope
    context: str
    function: str | None  # enclosing function
    params: tuple[str, ...]  # its parameters (self/cls dropped)
    in_message: bool
    function_scope: LexicalScope | None = None
    message_call: bool = False  # the message call itself (``print(...)``)


@dataclass(slots=True)
class _Wrapper:
    """A function that makes an HTTP call with a URL (or method) built from its parameters.

    Its call sites are resolved by evaluating ``url`` (and ``method_expr``) in a copy of the
    function's scope whose parameters are bound to the call site's arguments."""

    inner: _Call
    url: tree.BaseExpression
    method: str | None
    method_expr: tree.BaseExpression | None
    base: StrValue | None
    via: str
    sites: int = 0
    # a wrapper of a wrapper (``get(path)`` → ``self._request("GET", path)``): ``inner`` is the
    # call of ``calls`` it makes, whose arguments are evaluated with its own parameters bound
    calls: _Wrapper | None = None


class CallCollector(HelperFacts):
    """Collects call and scope candidates during the walk; resolves them in :meth:`finish`."""

    def __init__(self, primary: WalkState) -> None:
        super().__init__(primary)
        self.calls: list[_Call] = []
        self.functions: list[tuple[str, tuple[str, ...], LexicalScope]] = []
        self.with_items: dict[tuple[int, str], tuple[tree.BaseExpression, LexicalScope]] = {}
        self.client_factories: set[str] = set()
        # module-level functions returning a new SDK client: other modules may call them
        self.exported_factories: dict[str, tree.Return] = {}
        self.wrappers: dict[str, _Wrapper] = {}
        # (id(scope), name) of parameters and attributes annotated as the SDK's Client
        self.sdk_typed: set[tuple[int, str]] = set()
        self.class_names: set[str] = set()  # the classes this file defines
        # (id(scope), name) of parameters annotated with a plain class name (``okta: Okta``)
        self.annotated: dict[tuple[int, str], str] = {}

    # -- during the walk -------------------------------------------------------------------

    def visit_ClassDef(self, node: tree.ClassDef) -> None:
        self.class_names.add(node.name.value)

    def visit_FunctionDef(self, node: tree.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params)]
        if params and params[0] in ("self", "cls"):
            params = params[1:]
        # the primary visitor has entered the function: its scope is the function's
        self.functions.append((node.name.value, tuple(params), self.primary.scope))
        for param in (*node.params.posonly_params, *node.params.params,
                      *node.params.kwonly_params):
            if param.annotation is not None and self._sdk_type(param.annotation.annotation):
                self.sdk_typed.add((id(self.primary.scope), param.name.value))
            if param.annotation is not None:
                annotation = param.annotation.annotation
                name = annotation.value if isinstance(annotation, tree.Name) else \
                    literal_string(annotation)  # ``okta: "Okta"``
                if name:
                    self.annotated[(id(self.primary.scope), param.name.value)] = name

    def visit_AnnAssign(self, node: tree.AnnAssign) -> None:
        """``self.client: OktaClient = ...`` or a class field ``client: OktaClient``."""
        if not self._sdk_type(node.annotation.annotation):
            return
        target = node.target
        scope = self.primary.scope
        if isinstance(target, tree.Attribute) and isinstance(target.value, tree.Name) and (
                target.value.value == "self"):
            cls = scope.enclosing_class()
            if cls is not None:
                self.sdk_typed.add((id(cls), target.attr.value))
        elif isinstance(target, tree.Name):
            self.sdk_typed.add((id(scope), target.value))

    def _sdk_type(self, annotation: tree.BaseExpression) -> bool:
        """An annotation naming okta-sdk-python's ``Client`` (``Optional[...]``, ``X | None``
        and string annotations too)."""
        if isinstance(annotation, tree.Subscript):
            return any(isinstance(e.slice, tree.Index) and self._sdk_type(e.slice.value)
                       for e in annotation.slice)
        if isinstance(annotation, tree.BinaryOperation):
            return self._sdk_type(annotation.left) or self._sdk_type(annotation.right)
        if isinstance(annotation, tree.SimpleString):
            text = literal_string(annotation) or ""
            head, _, rest = text.strip().partition(".")
            base = self.primary.imports.get(head, head)
            return (f"{base}.{rest}" if rest else base) == OKTA_SDK_CLIENT
        return self.primary.qualify(annotation) == OKTA_SDK_CLIENT

    def leave_FunctionDef(self, original_node: tree.FunctionDef) -> None:
        self.functions.pop()

    def visit_WithItem(self, node: tree.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, tree.Name):
            key = (id(self.primary.scope), node.asname.name.value)
            self.with_items[key] = (node.item, self.primary.scope)

    def visit_Return(self, node: tree.Return) -> None:
        value = node.value
        if isinstance(value, tree.Await):
            value = value.expression
        if self.functions and isinstance(value, tree.Call) and self._is_sdk_ctor(value.func):
            name, _, scope = self.functions[-1]
            self.client_factories.add(name)
            if len(self.functions) == 1 and scope.parent is self.primary.module_scope:
                self.exported_factories[name] = node

    def visit_Call(self, node: tree.Call) -> None:
        function, params, scope = self.functions[-1] if self.functions else (None, (), None)
        message_call = bool(self.primary.call_is_message and self.primary.call_is_message[-1])
        self.calls.append(_Call(node, self.primary.scope, self.primary.context, function,
                                params, self.primary.message_depth > 0, scope, message_call))

    # -- helpers ---------------------------------------------------------------------------

    def _is_sdk_ctor(self, func: tree.BaseExpression) -> bool:
        return self.primary.qualify(func) == OKTA_SDK_CLIENT

    def _oauth_library(self) -> bool:
        """Does the file import requests-oauthlib, oauthlib or authlib?"""
        return any(v.startswith(("requests_oauthlib", "oauthlib", "authlib"))
                   for v in self.primary.imports.values())

    def _target(
        self, node: tree.BaseExpression, scope: LexicalScope
    ) -> tuple[tree.BaseExpression, LexicalScope]:
        """What a receiver is bound to: names, ``self.X``, ``with`` targets, ``await``."""
        for _ in range(8):
            if isinstance(node, tree.Await):
                node = node.expression
                continue
            if isinstance(node, tree.Name):
                found = self._with_target(node.value, scope)
                if found is not None:
                    node, scope = found
                    continue
            followed = self.resolver.follow_name(node, scope)
            if followed is None:
                break
            node, scope = followed
        return node, scope

    def _with_target(
        self, name: str, scope: LexicalScope
    ) -> tuple[tree.BaseExpression, LexicalScope] | None:
        for current in scope.chain():
            found = self.with_items.get((id(current), name))
            if found is not None:
                return found
            if name in current.names and len(current.names[name]) > 1:
                return None
        return None

    def _own_method(self, call: _Call) -> bool:
        """``self.get(…)``, ``cls.request(…)``, ``o.get(…)`` after ``o = Okta()``,
        ``Okta().get(…)``, ``okta.get(…)`` on a parameter ``okta: Okta`` (or ``self.okta`` set
        from one): a call of a method of a class this file defines."""
        func = call.node.func
        if not isinstance(func, tree.Attribute):
            return False
        if isinstance(func.value, tree.Name) and func.value.value in ("self", "cls"):
            return True
        if not isinstance(func.value, tree.Name | tree.Call | tree.Attribute):
            return False
        node, where = self._target(func.value, call.scope)
        if isinstance(node, tree.Name):  # a parameter annotated with the class
            binding, holder = where.lookup(node.value)
            return binding is None and holder is not None and \
                self.annotated.get((id(holder), node.value)) in self.class_names
        return isinstance(node, tree.Call) and isinstance(node.func, tree.Name) and \
            node.func.value in self.class_names

    def _client(
        self, receiver: tree.BaseExpression, scope: LexicalScope
    ) -> tuple[str, tree.Call] | None:
        """(qualified constructor, the call) when a receiver is a known HTTP or SDK client."""
        node, where = self._target(receiver, scope)
        if self._typed_client(node, where):
            return OKTA_SDK_CLIENT, tree.Call(tree.Name("Client"))
        if not isinstance(node, tree.Call):
            return None
        qualified = self.primary.qualify(node.func)
        if qualified == OKTA_SDK_CLIENT:
            return qualified, node
        if qualified in CLIENT_CONSTRUCTORS:
            return qualified, node
        if isinstance(node.func, tree.Name) and node.func.value in self.client_factories:
            return OKTA_SDK_CLIENT, node
        return None

    def _typed_client(self, node: tree.BaseExpression, scope: LexicalScope) -> bool:
        """A parameter or attribute annotated as okta-sdk-python's ``Client`` (a client
        injected into a function or a class)."""
        if isinstance(node, tree.Name):
            binding, holder = scope.lookup(node.value)
            return binding is None and holder is not None and (
                id(holder), node.value) in self.sdk_typed
        if isinstance(node, tree.Attribute) and isinstance(node.value, tree.Name) and (
                node.value.value == "self"):
            cls = scope.enclosing_class()
            return cls is not None and (id(cls), node.attr.value) in self.sdk_typed
        return False

    def _url(self, expr: tree.BaseExpression, scope: LexicalScope) -> StrValue | None:
        if isinstance(expr, tree.Call) and self.primary.qualify(expr.func) in URLJOIN:
            base = argument(expr, 0, "base")
            rel = argument(expr, 1, "url")
            if base is None or rel is None:
                return None
            base_value = self.resolver.string(base, scope) or StrValue.of((HOLE,), "concat")
            rel_value = self.resolver.string(rel, scope) or StrValue.of((HOLE,), "concat")
            if rel_value.prefix.startswith("/"):
                return StrValue.of((HOLE, *rel_value.parts), "concat")
            return _join(base_value, rel_value)
        return self.resolver.string(expr, scope)

    # -- after the walk --------------------------------------------------------------------

    def finish(self) -> list[Fact]:
        http: list[tuple[_Call, str | None, tree.BaseExpression | None, tree.BaseExpression,
                         StrValue | None, str]] = []
        others: list[_Call] = []
        for call in self.calls:
            found = self._http_call(call)
            if found is None:
                others.append(call)
            else:
                http.append((call, *found))
        # ``self.get("users")`` may call the class's own wrapper named ``get``: decided once
        # the other calls have registered the wrappers
        own = [entry for entry in http if entry[5] == "http" and self._own_method(entry[0])]
        for call, method, method_expr, url_expr, base, via in http:
            if not any(entry[0] is call for entry in own):
                self._http_call_fact(call, method, method_expr, url_expr, base, via)
        self._nested_wrappers([*others, *(entry[0] for entry in own)])
        for call, method, method_expr, url_expr, base, via in own:
            name = attr_name(call.node.func)
            if name is not None and name in self.wrappers:
                others.append(call)
            else:
                self._http_call_fact(call, method, method_expr, url_expr, base, via)
        # the call a wrapper of a wrapper makes is resolved at that wrapper's call sites
        handing_on = {id(w.inner.node) for w in self.wrappers.values() if w.calls is not None}
        for call in others:
            if id(call.node) not in handing_on:
                self._other_call(call)
        for wrapper in self.wrappers.values():
            self._helper_def(wrapper)
            if wrapper.calls is not None:
                continue  # its call of the inner wrapper is a call site of that one
            if not wrapper.sites:  # no call site here resolved it: report the inner call
                url = self._url(wrapper.url, wrapper.inner.scope)
                if url is not None and url.known:
                    self._emit(wrapper.inner, wrapper.method, url, wrapper.base, wrapper.via)
        self.constant_scopes()
        self.sdk_exports()
        self.client_exports()
        self.returned_urls()
        return self.facts

    def _http_call_fact(self, call: _Call, method: str | None,
                        method_expr: tree.BaseExpression | None, url_expr: tree.BaseExpression,
                        base: StrValue | None, via: str) -> None:
        if via == "http":  # ``okta_client.get(path)``: maybe a helper of the project's
            self._project_helper_call(call)
        self._http_fact(call, method, method_expr, url_expr, base, via)

    def _http_call(
        self, call: _Call
    ) -> tuple[str | None, tree.BaseExpression | None, tree.BaseExpression, StrValue | None,
               str] | None:
        """(method, method expression, URL expression, base URL, via) for an HTTP library
        call, else None."""
        node = call.node
        func = node.func
        qualified = self.primary.qualify(func) or ""
        module, _, name = qualified.rpartition(".")
        base: StrValue | None = None
        if qualified in URLOPEN:
            return self._urlopen(call)
        if module in HTTP_MODULES or module in ("requests.api", "httpx._api"):
            via = module.split(".")[0]
        elif isinstance(func, tree.Attribute) and func.attr.value in HTTP_METHODS | REQUEST_METHODS:
            name = func.attr.value
            client = self._client(func.value, call.scope)
            if client is not None and client[0] == OKTA_SDK_CLIENT:
                return None
            via = client[0].split(".")[0] if client is not None else "http"
            if client is not None:
                base_expr = keyword_value(client[1], "base_url")
                if base_expr is not None:
                    base = self.resolver.string(base_expr, call.scope)
        else:
            return None
        if name in HTTP_METHODS:
            url = argument(node, 0, "url")
            return (name.upper(), None, url, base, via) if url is not None else None
        if name in REQUEST_METHODS or (name == "Request" and via in ("requests", "httpx")):
            # ``requests.Request("GET", url).prepare()`` sent later by ``session.send``
            method_expr = argument(node, 0, "method")
            url = argument(node, 1, "url")
            if url is None:
                return None
            method_value = (self.resolver.string(method_expr, call.scope)
                            if method_expr is not None else None)
            literal = method_value.literal if method_value is not None else None
            return (literal.upper() if literal else None), method_expr, url, base, via
        return None

    def _urlopen(
        self, call: _Call
    ) -> tuple[str | None, tree.BaseExpression | None, tree.BaseExpression, StrValue | None,
               str] | None:
        """``urlopen(url)`` or ``urlopen(Request(url, method=..., data=...))`` (standard
        library): GET, POST when there is a body, else the ``method`` given."""
        target = argument(call.node, 0, "url")
        if target is None:
            return None
        request, scope = self._target(target, call.scope)
        if not (isinstance(request, tree.Call)
                and self.primary.qualify(request.func) in URL_REQUESTS):
            return "GET", None, target, None, "urllib"
        url = argument(request, 0, "url")
        if url is None:
            return None
        method_expr = keyword_value(request, "method")
        if method_expr is not None:
            verb = self.resolver.string(method_expr, scope)
            method = verb.literal.upper() if verb is not None and verb.literal else None
        else:
            method = "POST" if argument(request, 1, "data") is not None else "GET"
        if scope is not call.scope:  # the Request is built elsewhere: judge it there
            return None
        return method, None, url, None, "urllib"

    def _http_fact(
        self, call: _Call, method: str | None, method_expr: tree.BaseExpression | None,
        url_expr: tree.BaseExpression, base: StrValue | None, via: str,
    ) -> None:
        url = self._url(url_expr, call.scope)
        if method in (None, "POST") and self.token_body(call.node, call.scope):
            # a token request by its body, wherever its URL comes from
            self.token_request_scopes(call.node, call.scope, call.context)
            return
        if self._wrapper(call, method, method_expr, url_expr, url, base, via):
            return
        if not _okta_or_token(url, base) and self._imported_url(call, method, url_expr, base,
                                                                  via):
            return
        if url is None or not url.known:
            return
        self._emit(call, method, url, base, via)

    def _imported_url(self, call: _Call, method: str | None, url_expr: tree.BaseExpression,
                      base: StrValue | None, via: str) -> bool:
        """An ``ImportedUrlCall`` when the URL is built from what an imported function of the
        project returns (``base_url, headers = api_info()``; ``f"{base_url}/users"``)."""
        url = self._url_with_imports(url_expr, call.scope)
        if url is None:
            return False
        if base is not None and not _ABSOLUTE.match(url.template):
            url = _join(base, url)
        self.facts.append(ImportedUrlCall(self.primary.span(call.node), call.context, method,
                                          via, template_parts(url, ())))
        return True

    def _url_with_imports(self, url_expr: tree.BaseExpression, scope: LexicalScope
                          ) -> StrValue | None:
        """The URL with what imported functions return as markers; None when it uses none."""
        self.resolver.imported_function = self._imported_function
        try:
            url = self._url(url_expr, scope)
        finally:
            self.resolver.imported_function = None
        return url if url is not None and _has_returned(url) else None

    def _imported_function(self, call: tree.Call) -> str | None:
        """The symbol of a project function ``call`` calls, imported from another module."""
        if not isinstance(call.func, tree.Name | tree.Attribute):
            return None
        symbol = self.imported(call.func)
        return symbol if symbol is not None and not library_name(symbol) else None

    def returned_urls(self) -> None:
        """``ReturnedUrl`` for each module-level function returning a URL (or a tuple holding
        one), its parameters unknown: what other modules' calls are built from."""
        for name, (scope, returns) in self.primary.module_scope.functions.items():
            if len(returns) != 1:
                continue
            value = returns[0]
            items = [(i, e.value) for i, e in enumerate(value.elements)
                     if isinstance(e, tree.Element)] if isinstance(value, tree.Tuple) else \
                [(-1, value)]
            for item, expr in items:
                url = self.resolver.string(expr, scope)
                if url is not None and url.known and _URL_LIKE.search(url.template):
                    self.facts.append(ReturnedUrl(self.primary.span(expr), name, name, item,
                                                  template_parts(url, ())))

    def _wrapper(
        self, call: _Call, method: str | None, method_expr: tree.BaseExpression | None,
        url_expr: tree.BaseExpression, url: StrValue | None, base: StrValue | None, via: str,
    ) -> bool:
        """Register the enclosing function as a wrapper when the call's URL (or method) comes
        from its parameters and is not decided here; its call sites then carry the call."""
        if call.function is None or call.function_scope is None or not call.params:
            return False
        used = _names(url_expr) | (_names(method_expr) if method_expr is not None else set())
        if not used & set(call.params):
            return False
        if url is not None and url.known:
            if method is not None and _TOKEN_URL.search(url.template.split("?", 1)[0]):
                return False
            full = _join(base, url) if base is not None and not _ABSOLUTE.match(
                url.template) else url
            decided = method is not None and okta_api_url(full.template) and match(
                method, full.template).status != "unresolved"
            if decided:
                return False
        elif not _http_receiver(call.node, via):
            return False
        imported = self._url_with_imports(url_expr, call.scope)
        if imported is not None and _PATH_AFTER_IMPORT.search(imported.template):
            return False  # ``base_url + f"/users/{user_id}"``: the call itself, ids as holes
        self.wrappers.setdefault(call.function, _Wrapper(
            call, url_expr, method, method_expr, base, via))
        return True

    def _emit(self, call: _Call, method: str | None, url: StrValue, base: StrValue | None,
              via: str) -> None:
        if _TOKEN_URL.search(url.template.split("?", 1)[0]):
            self.token_request_scopes(call.node, call.scope, call.context)
            return
        if base is not None and not _ABSOLUTE.match(url.template):
            url = _join(base, url)
        self._api_fact(call, method, url.template, via)

    def _helper_def(self, wrapper: _Wrapper) -> None:
        """The wrapper's URL in terms of its parameters, for call sites in other modules."""
        inner = wrapper.inner
        if inner.function_scope is None:
            return
        self.resolver.imported_function = self._imported_function
        try:
            url, method, innermost = self._resolved(
                wrapper, marked_scope(inner.function_scope, inner.params))
        finally:
            self.resolver.imported_function = None
        if url is None:
            return
        if innermost.base is not None and not _ABSOLUTE.match(url.template):
            url = _join(innermost.base, url)
        method_param = ""
        if wrapper.calls is None and wrapper.method is None and isinstance(
                wrapper.method_expr, tree.Name) and wrapper.method_expr.value in inner.params:
            method_param = wrapper.method_expr.value
        verb = method if wrapper.calls is not None else wrapper.method
        handed_down = marked_param(verb, inner.params)
        if handed_down is not None:  # the method is a parameter of this wrapper too
            verb, method_param = None, handed_down
        self.facts.append(HelperDef(self.primary.span(inner.node), inner.context, inner.context,
                                    inner.params, template_parts(url, inner.params),
                                    verb, method_param))

    def _project_helper_call(self, call: _Call) -> None:
        callee = self._callee(call)
        if callee is not None and callee.split(".", 1)[0] not in HTTP_MODULES:
            if not callee.startswith(":") and not library_name(callee):
                self.primary.callees[id(call.node)] = callee
            self.helper_call(call.node, callee, call.scope, call.context, call.function_scope,
                             call.params)

    def _callee(self, call: _Call) -> str | None:
        """How another module (or this one, ``:name``) names the function called, when it
        may be a helper defined in the project: an import, an instance of an imported class
        (constructed or annotated), or a function of this module called from a function."""
        func = call.node.func
        imported = self.imported(func)
        if imported is not None:
            return imported
        if isinstance(func, tree.Attribute):
            receiver, where = self._target(func.value, call.scope)
            cls = self.typed_receiver(receiver, where)
            if cls is None and isinstance(receiver, tree.Call):
                cls = self.imported(receiver.func)
            if cls is not None:
                return f"{cls}.{func.attr.value}"
            if isinstance(func.value, tree.Name) and func.value.value == "self":
                owner = call.scope.enclosing_class()
                if owner is not None:
                    return f":{owner.name}.{func.attr.value}"
            return None
        if isinstance(func, tree.Name) and func.value in self.primary.module_scope.names:
            return f":{func.value}"
        return None

    def _imported_sdk_call(self, call: _Call, func: tree.Attribute) -> None:
        """``client.list_users()`` on another module's client, or on what another module's
        function returns: maybe the SDK (:mod:`oinlint.crossfile` decides)."""
        op = lookup(func.attr.value)
        if op is None or python_sdk_method(func.attr.value) is None:
            return
        target, _ = self._target(func.value, call.scope)
        source = target.func if isinstance(target, tree.Call) else target
        callee = self.imported(source) if isinstance(source, tree.Name | tree.Attribute) else None
        if callee is None:
            callee = self._inherited_attribute(func.value, call.scope)
        if callee is not None and not library_name(callee):
            self.facts.append(ImportedSdkCall(self.primary.span(call.node), call.context,
                                              callee, func.attr.value))

    def _inherited_attribute(self, receiver: tree.BaseExpression, scope: LexicalScope
                             ) -> str | None:
        """``self.client`` in a class that does not set it, whose base is imported (``class
        SystemLog(OktaService)``): the attribute as the base's module names it
        (``…service.OktaService.client``)."""
        if not (isinstance(receiver, tree.Attribute) and isinstance(receiver.value, tree.Name)
                and receiver.value.value == "self"):
            return None
        cls = scope.enclosing_class()
        if cls is None or receiver.attr.value in cls.attrs:
            return None
        for base in cls.bases:
            symbol = self.imported(base) if isinstance(base, tree.Name | tree.Attribute) \
                else None
            if symbol is not None and not library_name(symbol):
                return f"{symbol}.{receiver.attr.value}"
        return None

    def sdk_exports(self) -> None:
        """``SdkClientExport`` for the module's clients and client factories, and for the SDK
        clients a class keeps in an attribute (``OktaService.client``), which its subclasses in
        other modules use."""
        for cls_name, cls in self.primary.module_scope.classes.items():
            for attr, bindings in cls.attrs.items():
                made = bindings[0][0] if len(bindings) == 1 else None
                if made is not None and self._makes_client(made, cls):
                    self.facts.append(SdkClientExport(self.primary.span(made), "",
                                                      f"{cls_name}.{attr}", "okta-sdk-python"))
        for name, node in self.exported_factories.items():
            self.facts.append(SdkClientExport(self.primary.span(node), "", name,
                                              "okta-sdk-python"))
        for name, bindings in self.primary.module_scope.names.items():
            if len(bindings) != 1:
                continue
            value, _ = bindings[0]
            if isinstance(value, tree.Await):
                value = value.expression
            if isinstance(value, tree.Call) and (self._is_sdk_ctor(value.func) or (
                    isinstance(value.func, tree.Name)
                    and value.func.value in self.client_factories)):
                self.facts.append(SdkClientExport(self.primary.span(value), "", name,
                                                  "okta-sdk-python"))

    def client_exports(self) -> None:
        """A ``HelperDef`` per HTTP method of each module-level client with a ``base_url``
        (``client = httpx.Client(base_url=f"https://{org}/api/v1")``), so that another module's
        ``client.get("/users")`` resolves to ``GET /api/v1/users`` (joined as httpx joins)."""
        for name, bindings in self.primary.module_scope.names.items():
            if len(bindings) != 1:
                continue
            value, where = bindings[0]
            if not isinstance(value, tree.Call) or \
                    self.primary.qualify(value.func) not in CLIENT_CONSTRUCTORS:
                continue
            base_expr = keyword_value(value, "base_url")
            base = self.resolver.string(base_expr, where) if base_expr is not None else None
            if base is None or not base.known:
                continue
            url = _join(base, StrValue.of((_URL_MARKER,), "literal"))
            parts = template_parts(url, ("url",))
            for verb in sorted(HTTP_METHODS):
                self.facts.append(HelperDef(self.primary.span(value), "", f"{name}.{verb}",
                                            ("url",), parts, verb.upper()))

    def _makes_client(self, value: tree.BaseExpression, cls: LexicalScope) -> bool:
        """Does ``value`` make an okta-sdk-python client: its constructor, a factory of the
        module, or a method of the class that returns one (``self.__set_client__(s)``)?"""
        if isinstance(value, tree.Await):
            value = value.expression
        if not isinstance(value, tree.Call):
            return False
        func = value.func
        if self._is_sdk_ctor(func) or (isinstance(func, tree.Name)
                                       and func.value in self.client_factories):
            return True
        if isinstance(func, tree.Attribute) and isinstance(func.value, tree.Name) and \
                func.value.value in ("self", "cls"):
            found = cls.functions.get(func.attr.value)
            return found is not None and any(
                isinstance(r, tree.Call) and self._is_sdk_ctor(r.func) for r in found[1])
        return False

    @staticmethod
    def _site_scope(inner: _Call, site: tree.Call, site_scope: LexicalScope) -> LexicalScope:
        """A copy of the scope of the function ``inner`` is in, with its parameters bound to
        the arguments ``site`` gives them (each evaluated where the site is)."""
        assert inner.function_scope is not None
        scope = LexicalScope("function", inner.function_scope.name, inner.function_scope.parent)
        scope.names = dict(inner.function_scope.names)
        scope.globals = inner.function_scope.globals
        positional = [a for a in site.args if a.keyword is None and not a.star]
        for index, param in enumerate(inner.params):
            value = argument(site, index, param) if index < len(positional) or any(
                a.keyword is not None and a.keyword.value == param for a in site.args
            ) else None
            if value is not None:
                scope.names[param] = [(value, site_scope)]
        return scope

    def _resolved(self, wrapper: _Wrapper, scope: LexicalScope, depth: int = 0
                  ) -> tuple[StrValue | None, str | None, _Wrapper]:
        """(URL, method, the innermost wrapper) of a wrapper whose function's parameters are
        bound in ``scope``; through a wrapper of a wrapper, the inner one is evaluated at the
        call the outer one makes."""
        if wrapper.calls is not None and depth < _WRAPPER_DEPTH:
            inner_scope = self._site_scope(wrapper.calls.inner, wrapper.inner.node, scope)
            return self._resolved(wrapper.calls, inner_scope, depth + 1)
        url = self._url(wrapper.url, scope)
        method = wrapper.method
        if method is None and wrapper.method_expr is not None:
            verb = self.resolver.string(wrapper.method_expr, scope)
            method = verb.literal.upper() if verb is not None and verb.literal else None
        return url, method, wrapper

    def _wrapper_site(self, call: _Call, name: str, wrapper: _Wrapper) -> None:
        """A call of a wrapper: its URL and method, with the parameters bound to the
        arguments given here."""
        url, method, innermost = self._resolved(
            wrapper, self._site_scope(wrapper.inner, call.node, call.scope))
        if url is None or not url.known:
            return
        if innermost.base is not None and not _ABSOLUTE.match(url.template):
            url = _join(innermost.base, url)
        if not okta_api_url(url.template):
            # not Okta's here; through a base an imported function returns, the cross-file
            # pass resolves the site's ``HelperCall``
            return
        chain: _Wrapper | None = wrapper
        while chain is not None:  # each wrapper on the way has a call site resolved
            chain.sites += 1
            chain = chain.calls
        self._api_fact(call, method, url.template, f"wrapper:{name}")

    def _decided(self, method: str, parts: tuple[TemplatePart, ...], wrapper: _Wrapper) -> bool:
        """Whether a URL in terms of a function's parameters (its base joined as the
        innermost wrapper joins it) names one Okta operation whatever the parameters hold."""
        innermost = wrapper
        while innermost.calls is not None:
            innermost = innermost.calls
        url = StrValue.of(tuple(HOLE if part.param else part.text for part in parts), "template")
        if innermost.base is not None and not _ABSOLUTE.match(url.template):
            url = _join(innermost.base, url)
        return okta_api_url(url.template) and match(method, url.template).status == "matched"

    def _nested_wrappers(self, calls: list[_Call]) -> None:
        """Functions that hand their own parameters on to a wrapper (``get(path)`` calling
        ``self._request("GET", path)``) are wrappers too, to any depth."""
        if not self.wrappers:
            return
        for _ in range(_WRAPPER_DEPTH):
            added = False
            for call in calls:
                if call.function is None or call.function_scope is None or not call.params \
                        or call.function in self.wrappers:
                    continue
                name = attr_name(call.node.func)
                if name is None or name == call.function:
                    continue
                own = isinstance(call.node.func, tree.Name) or self._own_method(call)
                wrapper = self.wrappers.get(name) if own else None
                if wrapper is None or not any(
                        _names(a.value) & set(call.params) for a in call.node.args):
                    continue
                candidate = _Wrapper(call, wrapper.url, None, None, None, wrapper.via,
                                     calls=wrapper)
                url, method, _ = self._resolved(
                    candidate, marked_scope(call.function_scope, call.params))
                parts = template_parts(url, call.params) if url is not None else ()
                if url is None or (method is not None and (
                        not _param_in_path(parts) or self._decided(method, parts, wrapper))):
                    # its parameters go into the body, the org's host or an id of a decided
                    # operation (``f"/users/{uid}"``): the call is a call site
                    continue
                self.wrappers[call.function] = candidate
                added = True
            if not added:
                return

    def _api_fact(self, call: _Call, method: str | None, template: str, via: str) -> None:
        if not okta_api_url(template):
            return
        span = self.primary.span(call.node)
        path = normalise_path(template)
        result = match(method, template)
        if method is not None and "/api/v1/" in path:
            # a call through a helper or a client with a ``base_url`` is as much an API call
            # as a direct one (OIN501, OIN502); the transport layer's copy of a direct call is
            # dropped by the front end (same span)
            self.facts.append(HttpApiUse(span, call.context, method,
                                         path[path.index("/api/v1/"):].split("?", 1)[0]))
        if result.status == "unresolved":
            self.facts.append(Unresolved(span, call.context, "api-call",
                                         f"{method or 'ANY'} {path}"))
            return
        base_url = template[: len(template) - len(template.split("/api/", 1)[-1]) - 5] \
            if "/api/" in template else None
        self.facts.append(ApiCall(span, call.context, method, path, via, None, base_url or None))

    def _other_call(self, call: _Call) -> None:
        node = call.node
        func = node.func
        if isinstance(func, tree.Attribute):
            client = self._client(func.value, call.scope)
            if client is not None and client[0] == OKTA_SDK_CLIENT:
                op = lookup(func.attr.value)
                if op is not None and python_sdk_method(func.attr.value) is not None:
                    self.facts.append(ApiCall(self.primary.span(node), call.context, op.method,
                                              op.path, "okta-sdk-python", op.operation_id))
                return
            if client is None:
                self._imported_sdk_call(call, func)
        if self._is_sdk_ctor(func):
            self.sdk_config_scopes(call.node, call.scope, call.context)
            return
        if attr_name(func) in _OAUTH_SESSIONS and self._oauth_library():
            # requests-oauthlib / authlib sessions take the scope they will request
            scope_expr = keyword_value(node, "scope")
            if scope_expr is not None:
                self.scope_list(node, scope_expr, call.scope, call.context, "token-request")
        name = attr_name(func)
        if name is None or call.message_call or name in NOT_WRAPPERS:
            return
        if not name.startswith(("assert", "mock", "patch")):
            self._project_helper_call(call)
        # In a message (``print(get_all(path))``) only the project's own wrappers count.
        if not call.in_message and (
                name in ("fetch_token", "fetch_access_token") or "token" in name.lower()):
            scope_expr = keyword_value(node, "scope", "scopes")
            if scope_expr is not None:
                self.scope_list(node, scope_expr, call.scope, call.context, "token-request")
                return
        own = isinstance(func, tree.Name) or self._own_method(call)
        wrapper = self.wrappers.get(name) if own else None
        if wrapper is not None:
            self._wrapper_site(call, name, wrapper)
            return
        if call.in_message or name.startswith(("assert", "mock", "patch")):
            return
        url = self._url_argument(node, call.scope)
        if url is None:
            return
        method = _method_from_name(name) or self._verb_argument(node, call.scope)
        self._api_fact(call, method, url.template, f"wrapper:{name}")

    def _url_argument(self, node: tree.Call, scope: LexicalScope) -> StrValue | None:
        """The Okta API URL given to an unknown function, whichever argument carries it
        (``request_session(session, base + "/users", "get")``)."""
        for arg in node.args:
            if arg.star or (arg.keyword is not None and arg.keyword.value not in URL_KEYWORDS):
                continue
            url = self._url(arg.value, scope)
            if url is not None and url.known and okta_api_url(url.template):
                return url
        return None

    def _verb_argument(self, node: tree.Call, scope: LexicalScope) -> str | None:
        """An HTTP verb given as an argument (``"get"``, ``method="POST"``), else None."""
        for arg in node.args:
            if arg.star or (arg.keyword is not None and arg.keyword.value != "method"):
                continue
            value = self.resolver.string(arg.value, scope)
            verb = (value.literal or "").lower() if value is not None else ""
            if verb in HTTP_METHODS:
                return verb.upper()
        return None

_ABSOLUTE = re.compile(r"^[a-zA-Z][\w+.-]*://|^\{\}")


def _names(node: tree.Node) -> set[str]:
    """Every plain name used in an expression (to see whether it reads a parameter)."""
    found: set[str] = set()
    stack: list[tree.Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, tree.Name):
            found.add(current.value)
        elif isinstance(current, tree.Attribute):
            stack.append(current.value)  # self.x: "self", not "x"
            continue
        stack.extend(current.children)
    return found


def _http_receiver(node: tree.Call, via: str) -> bool:
    """Is this surely an HTTP call (not ``cache.get(key)``)? Library, known client, or a
    receiver named like one."""
    if via != "http":
        return True
    func = node.func
    receiver = func.value if isinstance(func, tree.Attribute) else None
    name = receiver.attr.value if isinstance(receiver, tree.Attribute) else (
        receiver.value if isinstance(receiver, tree.Name) else "")
    return re.search(r"session|client|http|requests|pool|conn", name, re.IGNORECASE) is not None


def _has_returned(url: StrValue) -> bool:
    return any(isinstance(p, str) and has_returned_marker(p) for p in url.parts)


def _okta_or_token(url: StrValue | None, base: StrValue | None) -> bool:
    """Is the URL as evaluated already an Okta API or token URL (nothing to look up)?"""
    if url is None or not url.known:
        return False
    full = _join(base, url) if base is not None and not _ABSOLUTE.match(url.template) else url
    return okta_api_url(full.template) or _TOKEN_URL.search(
        full.template.split("?", 1)[0]) is not None


def _join(base: StrValue, path: StrValue) -> StrValue:
    """``base_url`` + a relative URL, as httpx joins them (one slash between)."""
    head = list(base.parts)
    if head and isinstance(head[-1], str):
        head[-1] = head[-1].rstrip("/")
    tail = list(path.parts)
    if tail and isinstance(tail[0], str):
        tail[0] = "/" + tail[0].lstrip("/")
    else:
        tail.insert(0, "/")
    return StrValue.of((*head, *tail), "concat")


def _param_in_path(parts: tuple[TemplatePart, ...]) -> bool:
    """Whether a parameter decides part of the path (after ``/api/``; anywhere when the
    template shows no ``/api/``), not only the org's host."""
    text = "".join("\0" if part.param else part.text for part in parts)
    api = text.find("/api/")
    return "\0" in (text[api:] if api >= 0 else text)
