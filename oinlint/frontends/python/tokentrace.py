"""Where a fetched token goes, which is what tells how it is cached (a token collector layer).

From the token request, the trace follows the token through locals, ``self.`` attributes,
module globals and the callers of the function that fetches it (within the module): stored on
the instance, per org, in the module, in a function cache (``lru_cache``, a TTL cache), or
kept local and so fetched each time; fetched in a per-item loop, or per API call. It also
names the functions whose expiry handling counts for the token. Where the token's fate cannot
be decided (the fetch function is only called from another module) the trace says *unknown*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from oinlint.facts import TokenCaching
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import attr_name, dotted_chain, keyword_arg, positional_values
from oinlint.frontends.python.tokenwalk import (
    HTTP_METHODS,
    HTTP_VERBS,
    CallSite,
    FunctionRecord,
    RequestCandidate,
    TokenWalk,
)
from oinlint.frontends.python.values import Resolver, literal_string
from oinlint.frontends.shared.vocabulary import BEARER, CACHE_RECEIVER
from oinlint.okta.matcher import python_sdk_method

__all__ = ["TokenTrace", "Trace", "token_caching"]

LRU_DECORATORS: Final = frozenset({
    "functools.lru_cache", "functools.cache", "functools.cached_property", "lru_cache",
    "cache", "cached_property", "async_lru.alru_cache", "alru_cache",
})
AUTH_HOOKS: Final = frozenset({"__call__", "auth_flow", "async_auth_flow", "sync_auth_flow"})
ENTRY_NAME: Final = re.compile(
    r"^_?(main|run|cli|handler|lambda_handler|handle|execute|start|job|task|app)(_\w+)?$")


@dataclass(slots=True)
class Trace:
    """Where a token went: stores found, sites passed through, and how it was used."""

    stores: set[str] = field(default_factory=set)
    funcs: list[FunctionRecord] = field(default_factory=list)
    site: tree.Call | None = None
    in_loop: bool = False
    per_call: bool = False
    unknown: bool = False
    store_attrs: set[str] = field(default_factory=set)
    store_names: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    bad: list[tree.Call] = field(default_factory=list)  # fetch sites in loops / per API call
    kept: int = 0  # stores into non-local places seen so far
    held: str | None = None  # a local token a worker loop / thread / scheduler keeps using
    exported: FunctionRecord | None = None  # returns the token to other modules only
    served: FunctionRecord | None = None  # hands the token it keeps to other modules (a getter)
    # the lifetime a cache the token is loaded into was given (``timeout=3000``), if any
    lifetime: tree.BaseExpression | None = None

    def flag(self, call: tree.Call) -> None:
        if all(c is not call for c in self.bad):
            self.bad.append(call)


def _dict_get(call: tree.Call) -> bool:
    """``body.get("access_token")``: a mapping read by a key, not an HTTP GET of a URL."""
    if attr_name(call.func) != "get" or not call.args or call.args[0].keyword is not None:
        return False
    key = literal_string(call.args[0].value)
    return key is not None and "/" not in key and ":" not in key


def _carried(expr: tree.Node) -> tuple[frozenset[int], frozenset[str]]:
    """The nodes and names through which ``expr`` can carry a value: not inside an HTTP call
    that merely *uses* it, nor a lambda."""
    ids: set[int] = set()
    names: set[str] = set()
    stack: list[tree.Node] = [expr]
    while stack:
        node = stack.pop()
        ids.add(id(node))
        if isinstance(node, tree.Name):
            names.add(node.value)
        if isinstance(node, tree.Call) and attr_name(node.func) in HTTP_METHODS - {"fetch"} \
                and not _dict_get(node):
            continue
        if isinstance(node, tree.Lambda):
            continue
        stack.extend(node.children)
    return frozenset(ids), frozenset(names)


def _mentions(expr: tree.Node, ids: set[int], names: set[str],
              carriers: dict[int, tuple[frozenset[int], frozenset[str]]] | None = None) -> bool:
    """Does ``expr`` carry a tracked value? Not through an HTTP call that merely *uses* it.
    ``carriers``: a memo of :func:`_carried` per expression, for a file traced many times."""
    if carriers is None:
        found_ids, found_names = _carried(expr)
    else:
        known = carriers.get(id(expr))
        if known is None:
            known = carriers[id(expr)] = _carried(expr)
        found_ids, found_names = known
    return not found_ids.isdisjoint(ids) or not found_names.isdisjoint(names)


class TokenTrace(TokenWalk):
    """Follows a token from its request to where it is kept (after the walk)."""

    def _store(self, func: FunctionRecord, target: tree.BaseExpression, trace: Trace,
               names: set[str]) -> None:
        if isinstance(target, tree.Name):
            if func.is_module or target.value in func.globals:
                trace.kept += 1
                trace.stores.add("module")
                trace.store_names.add(target.value)
            else:
                names.add(target.value)
        elif isinstance(target, tree.Tuple | tree.List):
            for element in target.elements:
                self._store(func, element.value, trace, names)
        elif isinstance(target, tree.Attribute):
            owner = dotted_chain(target.value) or ""
            head = owner.split(".", 1)[0]
            if owner in ("self", "cls") or func.is_module:
                trace.stores.add("instance" if not func.is_module else "module")
                trace.kept += 1
                trace.store_attrs.add(target.attr.value)
                if func.cls:
                    trace.classes.add(func.cls)
            elif head and head not in func.scope.names and (
                    head in func.globals or self.module.scope.names.get(head) is not None):
                # ``app.state.token = …`` in a startup hook: an object of the module keeps it
                # for the process (FastAPI's ``app.state``, a settings object, a registry)
                trace.kept += 1
                trace.stores.add("module")
                trace.store_names.add(head)
            else:
                names.add(head)
        elif isinstance(target, tree.Subscript):
            self._store_into(func, target.value, trace, names, _literal_key(target))

    def _store_into(self, func: FunctionRecord, container: tree.BaseExpression, trace: Trace,
                    names: set[str], record: bool = False,
                    method: tree.Call | None = None) -> None:
        """The token put into ``container``: ``container[key] = token``,
        ``container.update({…: token})``. ``record``: under a literal key
        (``_cache["token"] = …``), a record of one token, not a cache per org. ``method``: put
        by this call of a method of the container (``cache.set(org, token)``)."""
        dotted = dotted_chain(container) or ""
        if method and CACHE_RECEIVER.search(dotted) and not dotted.startswith(("self.", "cls.")):
            # ``cache.set(org, token)``, ``redis_client.setex(key, ttl, token)``,
            # ``current_app.extensions["cache"].set(…)``: a cache keeps it, whoever owns it
            trace.kept += 1
            trace.stores.add("module" if record else "per-org")
            trace.store_names.add(dotted.split(".", 1)[0])
            # the cache keeps time: with a lifetime given it drops the token then (a constant
            # is a guess, OIN302); without one its own default applies, which is not seen here
            func.flags.add("clock")
            if not _cache_lifetime(method):
                func.flags.add("expires")
        elif dotted.startswith(("self.", "cls.")):
            # a dict on the instance is a per-org cache; ``self.session.headers[…]`` is the
            # instance's session carrying its one token
            session = dotted.endswith(".headers")
            trace.kept += 1
            trace.stores.add("instance" if session or record else "per-org")
            trace.store_attrs.add(dotted.split(".")[1] if session else dotted.split(".", 1)[1])
            if func.cls:
                trace.classes.add(func.cls)
        elif isinstance(container, tree.Name) and (
            func.is_module or container.value in func.globals or (
                container.value not in _local_names(func)
                and self.module.scope.names.get(container.value) is not None)
        ):
            trace.kept += 1
            trace.stores.add("module" if record else "per-org")
            trace.store_names.add(container.value)
        elif isinstance(container, tree.Name):
            names.add(container.value)
        elif dotted and (head := dotted.split(".", 1)[0]) not in func.scope.names and (
                head in func.globals or self.module.scope.names.get(head) is not None):
            # ``current_app.config["OKTA_TOKEN"] = token``, ``settings.cache[org] = token``:
            # an object of the module keeps it for the process
            trace.kept += 1
            trace.stores.add("module" if record else "per-org")
            trace.store_names.add(head)
        elif dotted:
            # ``session.headers["Authorization"] = token``: the object carries it on
            names.add(dotted.split(".", 1)[0])

    def _trace(self, func: FunctionRecord, ids: set[int], depth: int,
               request: RequestCandidate, trace: Trace | None = None,
               via: tree.Call | None = None) -> Trace:
        trace = trace or Trace()
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
            trace.lifetime = trace.lifetime or func.ttl  # where OIN302 points
            return trace
        names: set[str] = set()
        kept = trace.kept
        for _ in range(3):
            before = (len(names), len(trace.stores))
            for target, value in func.assigns:
                if _mentions(value, ids, names, self._carriers):
                    self._store(func, target, trace, names)
            for call in func.bare:  # ``self.session.headers.update({"Authorization": …})``
                func_expr = call.func
                if (isinstance(func_expr, tree.Attribute) and _put_call(func_expr)
                        and any(_mentions(arg.value, ids, names, self._carriers)
                                for arg in call.args)):
                    self._store_into(func, func_expr.value, trace, names, method=call)
            if (len(names), len(trace.stores)) == before:
                break
        if request.kind == "fetch_token" and not trace.stores:
            for call in func.bare:
                if id(call) in ids and isinstance(call.func, tree.Attribute):
                    self._store(func, call.func.value, trace, names)
        returned = any(_mentions(value, ids, names, self._carriers) for value in func.returns)
        if trace.kept > kept:
            if (returned or _returns_store(func, trace)) and trace.served is None:
                trace.served = self._serving(func, depth, request)
            return trace
        if returned and depth < 3:
            sites = self._callers(func)
            if not sites:
                if func.name in AUTH_HOOKS and func.cls is not None:
                    # requests' ``AuthBase.__call__`` / httpx's ``auth_flow`` run for every
                    # request: a token fetched there, not kept on ``self``, is one per call
                    trace.per_call = True
                    trace.flag(via or request.call)
                    trace.stores.add("local")
                elif self._api_function(func, 0) and not ENTRY_NAME.match(func.name):
                    # returns an API result, not the token: the token was used right here
                    trace.per_call = True
                    trace.flag(via or request.call)
                    trace.stores.add("local")
                elif self._cache_loader_of(func, trace):
                    pass  # ``cache.get_or_set("okta_token", fetch, timeout=3000)`` keeps it
                else:
                    trace.unknown = True
                    trace.exported = func
                return trace
            for site in sites:
                trace.site = trace.site or site.call
                if site.org_loop:
                    trace.held = trace.held or "orgs"
                if site.loop:
                    trace.in_loop = True
                    trace.site = site.call
                    trace.flag(site.call)
                self._trace(site.func, {id(site.call)}, depth + 1, request, trace, site.call)
            return trace
        # the token stays local: fetched each time this function runs, unless the function then
        # runs for hours with it (``while True``, a thread, a scheduled job, a server)
        held = self._held(func, ids, names)
        if held is not None:
            trace.held = held
            trace.site = trace.site or via
            trace.stores.add("local")
            return trace
        here_loop = request.loop if depth == 0 else False
        if here_loop:
            trace.in_loop = True
            trace.flag(request.call)
        if self._api_function(func, 0) and not ENTRY_NAME.match(func.name):
            trace.per_call = True
            trace.flag(via or request.call)
        trace.stores.add("local")
        return trace

    def _cache_loader_of(self, func: FunctionRecord, trace: Trace) -> bool:
        """Is ``func`` handed to a cache as its loader (``cache.get_or_set(key, fetch,
        timeout=3000)``)? Then the cache keeps its token and keeps time: with a lifetime given
        (a guess: it is set before the token exists) or with its own default (not judged)."""
        for owner in (self.module, *self.funcs):
            for site in owner.sites:
                call = site.call
                if site.callee not in _CACHE_LOADERS or site.receiver is None or \
                        not CACHE_RECEIVER.search(site.receiver):
                    continue
                if not any(isinstance(a.value, tree.Name) and a.value.value == func.name
                           for a in call.args):
                    continue
                trace.kept += 1
                trace.stores.add("function-cache")
                trace.funcs.append(owner)
                owner.flags.add("clock")
                if not _cache_lifetime(call):
                    owner.flags.add("expires")  # the cache's default applies: not judged
                else:
                    given = [a for a in call.args if a.keyword is not None
                             and a.keyword.value in _LIFETIME_KEYWORDS]
                    positional = [a for a in call.args if a.keyword is None]
                    given += positional[2:3]
                    trace.lifetime = given[0].value if given else None
                return True
        return False

    def _serving(self, func: FunctionRecord, depth: int, request: RequestCandidate
                 ) -> FunctionRecord:
        """The function that hands a token ``func`` keeps (and returns) to other modules: the
        caller in this module that returns it on, else ``func`` itself (it may be imported)."""
        if depth >= 3:
            return func
        for site in self._callers(func)[:MAX_SERVING_SITES]:  # each is a trace of its function
            sub = self._trace(site.func, {id(site.call)}, depth + 1, request, Trace(), site.call)
            if sub.exported is not None:
                return sub.exported
        return func  # called here, and maybe imported elsewhere too

    def _held(self, func: FunctionRecord, ids: set[int], names: set[str]) -> str | None:
        """Does a long-running part of ``func`` keep using the token it holds: a worker loop
        in it, or a call handing the token to a worker loop of the module, a thread or a
        scheduled job?"""
        if any(_uses(loop.body, ids, names) for loop in func.forever):
            return "loop"
        looping = {f.name for f in self.funcs if f.forever and f.cls is None}
        for site in func.sites:
            worker = site.callee in _WORKERS or (
                site.callee in looping and site.receiver is None)
            if worker and any(_uses(arg.value, ids, names) for arg in site.call.args):
                return _WORKERS.get(site.callee, "loop")
        return None

    def _callers(self, func: FunctionRecord) -> list[CallSite]:
        by_callee = self._sites_by_callee
        if by_callee is None:  # indexed once, after the walk: traced functions ask for callers
            by_callee = self._sites_by_callee = {}
            for owner in (self.module, *self.funcs):
                for site in owner.sites:
                    by_callee.setdefault(site.callee, []).append(site)
        return [site for site in by_callee.get(func.name, ())
                if (func.cls is None) == (site.receiver is None)]

    def _api_function(self, func: FunctionRecord, depth: int) -> bool:
        """Does this function call the Okta API (directly or through a helper of the module)?"""
        for call, scope in func.http:
            if id(call) in self.token_calls:
                continue
            positional = positional_values(call)
            if positional and (literal_string(positional[0]) or "").upper() in HTTP_VERBS:
                positional = positional[1:]  # urllib3 / requests.request("GET", url)
            url = keyword_arg(call, "url")
            target = url.value if url is not None else (positional[0] if positional else None)
            if target is None:
                continue
            value = Resolver().string(target, scope)
            text = value.template if value is not None else "{}"
            if "/oauth2/" in text:
                continue
            if "/api/" in text or text == "{}" or text.startswith("{}"):
                return True
        if func.end > func.start and any(id(c) not in self.token_calls for c, _ in func.http) \
                and BEARER.search(self.primary.lines.text, func.start, func.end):
            return True  # an API of another host, sent a token (``f"Bearer {token}"``)
        # an okta-sdk-python operation called on a client (``await client.list_users()``)
        if any(site.receiver is not None and python_sdk_method(site.callee) is not None
               for site in func.sites):
            return True
        if depth < 2:
            names = self._module_functions
            if names is None:  # made once, after the walk
                names = self._module_functions = {f.name: f for f in self.funcs if f.cls is None}
            for site in func.sites:
                callee = names.get(site.callee)
                if callee is not None and callee is not func and site.receiver is None and (
                    self._api_function(callee, depth + 1)
                ):
                    return True
        return False

    def _related(self, trace: Trace, origin: FunctionRecord) -> list[FunctionRecord]:
        """The functions whose expiry handling counts for this token."""
        related = [origin, *trace.funcs]
        for func in self.funcs:
            same_class = func.cls is not None and func.cls in trace.classes | {origin.cls}
            if same_class or trace.store_names & func.names:
                related.append(func)
        return related


# How many callers of a function that keeps a token are searched for the getter that hands it
# out: generated code may call one getter thousands of times, and each search is a trace.
MAX_SERVING_SITES: Final = 64

# Methods that put their arguments into the receiver (a dict, a session's headers).
_PUTS: Final = frozenset({"update", "setdefault", "__setitem__", "set"})  # not put: HTTP
# …and on a receiver named as a cache, its other ways to store (``cache.put(k, v)``)
_CACHE_PUTS: Final = frozenset({"put", "setex", "set_many", "add", "store", "write"})


_LIFETIME_KEYWORDS: Final = frozenset({"timeout", "ex", "px", "ttl", "expire", "expires",
                                       "expiry", "expires_in", "expiration", "time", "max_age"})


# a cache's get-or-load call, whose loader's result the cache keeps
_CACHE_LOADERS: Final = frozenset({"get_or_set", "fetch", "remember", "get_or_create"})


def _cache_lifetime(call: tree.Call) -> bool:
    """Whether a cache's store call gives the entry a lifetime (``timeout=``, ``ex=``,
    ``setex(key, seconds, value)``, a third positional argument)."""
    name = attr_name(call.func)
    positional = [a for a in call.args if a.keyword is None]
    return any(a.keyword is not None and a.keyword.value in _LIFETIME_KEYWORDS
               for a in call.args) or name == "setex" or len(positional) >= 3


def _put_call(func: tree.Attribute) -> bool:
    """``x.update(…)`` / ``x.set(k, v)``, or a cache's ``put`` / ``setex`` / ``add``."""
    name = func.attr.value
    return name in _PUTS or (name in _CACHE_PUTS
                             and CACHE_RECEIVER.search(dotted_chain(func.value) or "") is not None)

# Calls that hand their arguments to something that runs for hours.
_WORKERS: Final = {
    "Thread": "worker", "Process": "worker", "start_new_thread": "worker",
    "add_job": "scheduler", "do": "scheduler", "every": "scheduler", "run_forever": "loop",
    "serve_forever": "server",
}


def _uses(expr: tree.Node, ids: set[int], names: set[str]) -> bool:
    """Does ``expr`` read a tracked value anywhere (an API call that sends it counts)?"""
    stack: list[tree.Node] = [expr]
    while stack:
        node = stack.pop()
        if id(node) in ids or (isinstance(node, tree.Name) and node.value in names):
            return True
        stack.extend(node.children)
    return False


def _literal_key(target: tree.Subscript) -> bool:
    """``cache["token"]``: a string literal key (a record's field, not an org's entry)."""
    elements = target.slice
    if len(elements) != 1 or not isinstance(elements[0].slice, tree.Index):
        return False
    return isinstance(elements[0].slice.value, tree.SimpleString)


def _returns_store(func: FunctionRecord, trace: Trace) -> bool:
    """Does ``func`` return what it stored the token into (``return self._token``,
    ``return _cache[org]["token"]``, ``return TOKEN``)?"""
    for value in func.returns:
        stack: list[tree.Node] = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, tree.Name) and node.value in trace.store_names:
                return True
            if isinstance(node, tree.Attribute) and node.attr.value in trace.store_attrs and (
                    dotted_chain(node.value) in ("self", "cls")):
                return True
            stack.extend(node.children)
    return False


def _local_names(func: FunctionRecord) -> set[str]:
    return {t.value for t, _ in func.assigns if isinstance(t, tree.Name)}


def token_caching(trace: Trace) -> TokenCaching:
    if trace.per_call or (trace.in_loop and "module" not in trace.stores):
        return "none"
    for kind in ("function-cache", "per-org", "instance", "module", "local"):
        if kind in trace.stores:
            return kind
    return "unknown"
