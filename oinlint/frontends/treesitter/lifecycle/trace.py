"""Following a token from its request to where it is kept, through one file's functions.

As the Python front end does (python/tokentrace.py), through locals,
``this``/``self``/``@``/``$this->``/receiver fields, top-level variables and the callers of the
function that fetches it (within the file). The :class:`TokenTrace` says where it went: fetched once
at start-up, kept in an object, cached per org, fetched per API call, or in a loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

import tree_sitter as ts

from oinlint.facts import TokenCaching
from oinlint.frontends.shared.vocabulary import (
    BEARER,
    CACHE_RECEIVER,
    ENTRY_POINT,
    HTTPISH,
    STORE_CALLS,
)
from oinlint.frontends.treesitter.lifecycle.holding import held_by
from oinlint.frontends.treesitter.lifecycle.index import (
    ITEM_LOOP,
    ORG_LOOP,
    CallSite,
    FileIndex,
    Function,
)
from oinlint.frontends.treesitter.walk import Walker

__all__ = ["TokenTrace", "TokenTracer", "caching_of", "entry_point", "symbol_of"]


# How many callers of a function that keeps a token are searched for the getter that hands it
# out: generated code may call one getter thousands of times, and each search is a trace.
MAX_SERVING_SITES: Final = 64


@dataclass(slots=True)
class TokenTrace:
    """Where a token went (the tree-sitter twin of python/tokentrace.py)."""

    stores: set[str] = field(default_factory=set)
    fns: list[Function] = field(default_factory=list)
    site: ts.Node | None = None
    in_loop: bool = False
    per_call: bool = False
    unknown: bool = False
    store_names: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    bad: list[ts.Node] = field(default_factory=list)
    kept: int = 0
    held: str | None = None  # a local token a worker loop / scheduler / server keeps using
    exported: Function | None = None  # returns the token to other modules only
    served: Function | None = None  # hands the token it keeps to other modules (a getter)
    kept_in: set[str] = field(default_factory=set)  # what the token was stored into (text)
    # kept by a cache that keeps time (``cache.set(org, token, ttl)``): "clock" when a lifetime
    # is given, "both" when the cache's own default applies (not seen here, taken as handled)
    cache_clock: str | None = None
    # stores into a struct literal the function returns (Go ``return &Client{token: tok}``):
    # kept as long as the caller keeps the struct
    constructed: int = 0
    # kept by a cache loader given its lifetime before the token exists (``Rails.cache.fetch(k,
    # expires_in: 55.minutes) do … end``): a guess, whatever the code reads afterwards
    loader_lifetime: bool = False
    lifetime: ts.Node | None = None  # where that lifetime is written

    def flag(self, node: ts.Node) -> None:
        if all(Walker.key(n) != Walker.key(node) for n in self.bad):
            self.bad.append(node)


class TokenTracer(FileIndex):
    """Follows the value of a token request through the file's functions (see the module)."""

    def mentions(self, expr: ts.Node, keys: set[tuple[int, int]], names: set[str]) -> bool:
        """Does ``expr`` carry the tracked value? Not through an API call that merely uses it,
        nor through a nested function."""
        if not self.may_hold(expr, keys, names):
            return False
        a = self.a
        identifiers = self.syntax.identifiers
        stack = [expr]
        while stack:
            node = stack.pop()
            key = a.key(node)
            if key in keys:
                return True
            if node.type in identifiers:
                if names and a.text_of(node) in names and not self.member_name(node):
                    return True
                continue
            if key in self.api_keys or (node is not expr and node.type in self.syntax.functions):
                continue
            if self.syntax.http_functions and node.type in self.syntax.calls and \
                    self.a.lc_call(node)[0] in self.syntax.http_functions:
                continue
            stack.extend(node.named_children)
        return False

    def place(self, target: ts.Node, fn: Function) -> tuple[str, str]:
        """Where an assignment target keeps a value: (local | instance | per-org | module |
        carrier | pattern, name)."""
        hooked = self.a.lc_place(target, self.class_fields)
        if hooked is not None:
            return hooked
        text = re.sub(r"\s+", "", self.a.text_of(target))
        selves = "|".join(re.escape(s) for s in sorted(fn.self_names, key=len, reverse=True))
        if text.startswith("@@"):
            return "module", text[2:]
        if text.startswith(("self::$", "static::$")):
            return "module", text.split("$", 1)[1]
        found = re.match(rf"^(?:{selves})(?:\.|->|::|(?<=@))\$?(?P<attr>#?\w+)(?P<rest>.*)$",
                         text) if selves else None
        if found is not None:
            rest = found.group("rest")
            return ("per-org" if rest.startswith("[") else "instance"), found.group("attr")
        simple = re.match(r"^\$?\w+$", text)
        if simple is not None:
            return self.scope_of(text, fn), text
        indexed = re.match(r"^(?P<base>\$?\w+)\[", text)
        if indexed is not None:
            base = indexed.group("base")
            kind = self.scope_of(base, fn)
            return ("per-org" if kind != "local" else "carrier"), base
        member = re.match(r"^(?P<base>\$?\w+)(?:\.|->|::)(?P<attr>\$?\w+)?", text)
        if member is not None:
            base = member.group("base")
            if (base == fn.cls or base in self.class_fields) and base not in fn.declared:
                # ``Okta.token = …``: a static field of a class of this file, kept for the
                # process
                return "module", (member.group("attr") or base).lstrip("$")
            kind = self.scope_of(base, fn)
            return (kind if kind in ("module", "instance") else "carrier"), base
        return "pattern", ""

    def scope_of(self, name: str, fn: Function) -> str:
        """A bare name assigned in ``fn``: its local, a closure's or a class's field, a global."""
        javascript = self.a.language in _JAVASCRIPT
        if fn.is_module or (javascript and name in _PROCESS_GLOBALS):
            return "module"
        if name in fn.declared:
            # ``const cache = globalThis as Record<…>``: an alias of the process's globals
            return "module" if javascript and self.global_alias(name, fn) else "local"
        outer = fn.parent
        while outer is not None and not outer.is_module:
            if name in outer.declared:
                return "instance"  # a closure's variable: lives as long as the closure
            outer = outer.parent
        if fn.cls is not None and name in self.class_fields.get(fn.cls, ()):
            return "instance"
        if self.syntax.closures and name in self.module.declared:
            return "module"
        return "local"

    def global_alias(self, name: str, fn: Function) -> bool:
        """Is the local ``name`` bound to the process's globals (``globalThis``, ``global``)?"""
        for target, value in fn.assigns:
            if self.a.text_of(target) != name:
                continue
            node = value
            while node.type in _CASTS and node.named_child_count:
                node = node.named_children[0]
            return self.a.text_of(node) in _PROCESS_GLOBALS
        return False

    def store(self, fn: Function, target: ts.Node, trace: TokenTrace, names: set[str]) -> None:
        kind, name = self.place(target, fn)
        if kind.startswith("instance:"):
            trace.classes.add(kind.split(":", 1)[1])
            trace.constructed += 1
            kind = "instance"
        if kind in ("module", "instance", "per-org"):
            trace.kept += 1
            trace.stores.add(kind)
            trace.kept_in.add(re.sub(r"\s+", "", self.a.text_of(target)))
            if kind == "module" or (kind == "per-org" and fn.cls is None):
                trace.store_names.add(name)
            if fn.cls is not None and kind != "module":
                trace.classes.add(fn.cls)
            if kind == "module" and name:
                trace.store_names.add(name)
        elif kind == "local" or kind == "carrier":
            names.add(name)
        else:
            names.update(self.names_in(target))

    def store_call(self, fn: Function, site: CallSite, keys: set[tuple[int, int]], names: set[str],
                   trace: TokenTrace) -> None:
        """``this.tokens.set(org, entry)``, ``cache.put(k, v)``: a per-org store."""
        if site.name not in STORE_CALLS or site.receiver is None:
            return
        args = self.a.lc_arguments(site.node)
        if len(args) < 2 or not any(self.mentions(arg, keys, names) for arg in args[1:]):
            return
        receiver = re.sub(r"\s+", "", site.receiver)
        selves = "|".join(re.escape(s) for s in fn.self_names)
        owner = re.match(r"^\$?(\w+)", receiver)
        kept = (selves and re.match(rf"^(?:{selves})(?:\.|->|(?<=@))", receiver)) or (
            owner is not None and self.scope_of(owner.group(1), fn) in ("module", "instance")
        ) or CACHE_RECEIVER.search(receiver) is not None  # ``d.ConnectionManager.Cache.Set(k, v)``
        if kept:
            trace.kept += 1
            trace.stores.add("per-org")
            if fn.cls is not None:
                trace.classes.add(fn.cls)
            if owner is not None:
                trace.store_names.add(owner.group(1))
            if CACHE_RECEIVER.search(receiver) is not None:
                default = self.default_lifetime(owner.group(1)) if owner is not None else None
                lifetime = len(args) >= 3 or site.name == "setex" or default is not None
                if trace.cache_clock != "clock":
                    trace.cache_clock = "clock" if lifetime else "both"
                if trace.lifetime is None:  # where OIN302 points when it is a guess
                    trace.lifetime = args[-1] if len(args) >= 3 else default

    def default_lifetime(self, name: str) -> ts.Node | None:
        """The lifetime a module's cache gives every entry (``new NodeCache({ stdTTL: 3600 })``,
        ``new LRUCache({ ttl: 55 * 60 * 1000 })``): what it keeps expires then."""
        found = self.a.module_scope.lookup(name)
        if found is None:
            return None
        node = found[0]
        match = _DEFAULT_TTL.search(self.a.data, node.start_byte, node.end_byte)
        if match is None:
            return None
        return node.descendant_for_byte_range(match.start("value"), match.start("value") + 1)

    def trace(self, fn: Function, keys: set[tuple[int, int]], depth: int, origin: ts.Node,
              loop: int, trace: TokenTrace, via: ts.Node | None) -> TokenTrace:
        """Follow the value of the nodes ``keys`` through ``fn``; ``loop``: the loops the
        fetch (or the call of the fetching function) runs in there."""
        trace.fns.append(fn)
        if fn.is_module:
            self.top_level(keys, trace)
            return trace
        if fn.memo:
            trace.stores.add("function-cache")
            if fn.cache_clock is not None and trace.cache_clock != "clock":
                trace.cache_clock = fn.cache_clock
            trace.loader_lifetime = trace.loader_lifetime or fn.cache_clock == "clock"
            trace.lifetime = trace.lifetime or fn.lifetime
            return trace
        around = self.loader_around(origin, fn) if depth == 0 else None
        if around is not None:
            # fetched inside a cache's loader block: the cache keeps it
            loader, lifetime = around
            trace.stores.add("function-cache")
            if trace.cache_clock != "clock":
                trace.cache_clock = loader
            trace.loader_lifetime = trace.loader_lifetime or loader == "clock"
            trace.lifetime = trace.lifetime or (lifetime if loader == "clock" else None)
            return trace
        names: set[str] = set()
        kept = trace.kept
        self.flow(fn, keys, names, trace)
        returned = any(self.mentions(value, keys, names) for value in fn.returns)
        if trace.kept > kept and trace.kept - kept == trace.constructed and depth < 3 and \
                self.made_per_call(fn, depth, origin, trace):
            return trace
        if trace.kept > kept:
            if (returned or self.returns_store(fn, trace)) and trace.served is None:
                trace.served = self.serving(fn, depth)
            elif trace.served is None:
                # another function of the file hands out what was stored (``getAuthToken()``
                # returning ``cache.accountTokens[key].authToken``): the token's getter
                trace.served = self.store_getter(fn, trace)
            return trace
        if returned and depth < 3:
            sites = self.callers(fn)
            if not sites:
                if request_hook(fn) or (self.api_function(fn, 0) and not self.entry(fn)):
                    trace.per_call = True
                    trace.flag(via or origin)
                    trace.stores.add("local")
                else:
                    trace.unknown = True
                    trace.exported = fn
                return trace
            for site in sites:
                trace.site = trace.site or site.node
                if site.loop & ITEM_LOOP:
                    trace.in_loop = True
                    trace.site = site.node
                    trace.flag(site.node)
                self.trace(site.fn, {self.a.key(site.node)}, depth + 1, origin, site.loop,
                           trace, site.node)
            return trace
        # the token stays local: fetched each time this function runs, unless the function then
        # runs for hours with it (a worker loop, a scheduled job, a server, a worker thread)
        held = held_by(self, fn, keys, names)
        if held is not None:
            trace.held = held
            trace.site = trace.site or via
            trace.stores.add("local")
            return trace
        if loop & ITEM_LOOP and depth == 0:
            trace.in_loop = True
            trace.flag(origin)
        # one token per org per run (a loop over tenants) is not a token per API call
        if not loop & ORG_LOOP and (request_hook(fn) or (
                self.api_function(fn, 0) and not self.entry(fn))):
            trace.per_call = True
            trace.flag(via or origin)
        trace.stores.add("local")
        return trace

    def flow(self, fn: Function, keys: set[tuple[int, int]], names: set[str],
             trace: TokenTrace, depth: int = 0) -> None:
        """Where the value goes within ``fn``: the names it is assigned to (``names``) and the
        stores it is kept in (``trace``); a promise's callback receives it too."""
        for _ in range(3):
            before = (len(names), len(trace.stores), trace.kept)
            for target, value in fn.assigns:
                if self.mentions(value, keys, names):
                    self.store(fn, target, trace, names)
            for site in fn.calls:
                self.store_call(fn, site, keys, names, trace)
                outs = self.a.lc_out_targets(site.node)
                if outs and self.mentions(site.node, keys, names):
                    for out in outs:
                        self.store(fn, out, trace, names)
                if site.name in _CLIENT_TOKEN_SETTERS and self.mentions(site.node, keys, names):
                    self.client_setter(fn, site, keys, names, trace)
                if depth < 4 and site.name == "then":
                    self.promise_callback(site, keys, names, trace, depth)
                elif depth < 4 and self.a.key(site.node) in keys:
                    self.node_callback(site, trace, depth)
            if (len(names), len(trace.stores), trace.kept) == before:
                break

    def client_setter(self, fn: Function, site: CallSite, keys: set[tuple[int, int]],
                      names: set[str], trace: TokenTrace) -> None:
        """``client.SetAuthToken(tok.AccessToken)`` (Go resty): the client keeps the token and
        sends it with every request, so the token goes where the client goes."""
        args = self.a.lc_arguments(site.node)
        if not args or not any(self.mentions(arg, keys, names) for arg in args):
            return
        callee = site.node.child_by_field_name("function")
        receiver = None if callee is None else (
            callee.child_by_field_name("operand") or callee.child_by_field_name("object"))
        if receiver is not None and receiver.type not in self.syntax.calls:
            self.store(fn, receiver, trace, names)

    def promise_callback(self, site: CallSite, keys: set[tuple[int, int]], names: set[str],
                         trace: TokenTrace, depth: int) -> None:
        """``fetchToken().then((data) => { state.token = data.access_token })``: the callback
        of a promise that carries the value receives it as its first parameter (a chain's
        later callbacks too: the receiver holds the earlier call)."""
        if self.a.language not in _JAVASCRIPT:
            return
        callee = site.node.child_by_field_name("function")
        receiver = callee.child_by_field_name("object") if callee is not None else None
        if receiver is None or not self.mentions(receiver, keys, names):
            return
        args = self.a.lc_arguments(site.node)
        callback = self.function_at(args[0]) if args else None
        if callback is None:
            return
        params = callback.node.child_by_field_name("parameters") or \
            callback.node.child_by_field_name("parameter") if callback.node else None
        if params is None:
            return
        first = params.named_children[0] if params.type == "formal_parameters" and \
            params.named_child_count else params
        received = self.names_in(first)
        if not received:
            return
        if callback not in trace.fns:
            trace.fns.append(callback)
        self.flow(callback, set(), set(received), trace, depth + 1)

    def node_callback(self, site: CallSite, trace: TokenTrace, depth: int) -> None:
        """``request.post(options, function (err, res, body) { token = body.access_token })``:
        a call that answers through its last argument hands the value to the callback's
        parameters after the error."""
        if self.a.language not in _JAVASCRIPT:
            return
        args = self.a.lc_arguments(site.node)
        callback = self.function_at(args[-1]) if args else None
        if callback is None or callback.node is None:
            return
        params = callback.node.child_by_field_name("parameters")
        if params is None or params.named_child_count < 2:
            return
        received: set[str] = set()
        for param in params.named_children[1:]:
            received |= self.names_in(param)
        if callback not in trace.fns:
            trace.fns.append(callback)
        self.flow(callback, set(), received, trace, depth + 1)

    def function_at(self, node: ts.Node) -> Function | None:
        """The function defined by ``node`` (an arrow function, a function expression)."""
        if self._fn_at is None:
            self._fn_at = {self.a.key(fn.node): fn for fn in self.fns if fn.node is not None}
        return self._fn_at.get(self.a.key(node))

    def made_per_call(self, fn: Function, depth: int, origin: ts.Node,
                      trace: TokenTrace) -> bool:
        """A constructor whose struct keeps the token, made anew by every caller of the file
        for one API call (``c, _ := New(…); c.ListUsers()`` in the function that calls the
        API): the token is one per call after all. True (``trace`` turned so) when every
        caller makes it per call; False when there is none or one keeps it."""
        sites = self.callers(fn)[:MAX_SERVING_SITES]
        if not sites:
            return False
        subs = [self.trace(site.fn, {self.a.key(site.node)}, depth + 1, origin, site.loop,
                           TokenTrace(), site.node) for site in sites]
        if not all((sub.per_call or sub.in_loop) and not sub.kept for sub in subs):
            return False
        trace.stores = {"local"}
        trace.kept = trace.constructed = 0
        for site, sub in zip(sites, subs, strict=True):
            trace.per_call = trace.per_call or sub.per_call
            trace.in_loop = trace.in_loop or sub.in_loop
            trace.site = trace.site or site.node
            trace.flag(site.node)
        return True

    def returns_store(self, fn: Function, trace: TokenTrace, any_key: bool = False) -> bool:
        """Does ``fn`` return what it stored the token into (``return c.token, nil``,
        ``return this.token``, ``return cached.token``)? ``any_key``: under any key of the
        store (``tokens[account.id]`` read back as ``tokens[key]``)."""
        stores = {_without_keys(s) if any_key else s for s in trace.kept_in if s}
        if not stores:
            return False
        pattern = re.compile("|".join(rf"(?<![\w$.]){re.escape(s)}(?![\w$])"
                                      for s in sorted(stores)))
        for value in fn.returns:
            text = re.sub(r"\s*([.\[\]])\s*", r"\1", self.a.text_of(value))
            if pattern.search(_without_keys(text) if any_key else text):
                return True
        return False

    def store_getter(self, fn: Function, trace: TokenTrace) -> Function | None:
        """A named function of the file, other than ``fn``, that returns what the token was
        stored into (not a predicate about it)."""
        return next((other for other in self.fns if other is not fn and other.name
                     and not _PREDICATE.match(other.name) and other.returns
                     and self.returns_store(other, trace, any_key=True)), None)

    def serving(self, fn: Function, depth: int) -> Function:
        """The function that hands a token ``fn`` keeps (and returns) to other modules: the
        caller in this file that returns it on (a getter that prefixes ``Bearer``), else
        ``fn`` itself (it may be imported elsewhere)."""
        if depth >= 3:
            return fn
        for site in self.callers(fn)[:MAX_SERVING_SITES]:  # each is a trace of its function
            sub = self.trace(site.fn, {self.a.key(site.node)}, depth + 1, site.node, site.loop,
                             TokenTrace(), site.node)
            if sub.exported is not None:
                return sub.exported
        return fn  # called here, and maybe imported elsewhere too

    def entry(self, fn: Function) -> bool:
        """An entry point (``main``, a handler), or a function the file's top level calls
        once, straight away (``(async () => { … })()``, a script's body): one token for one
        run."""
        if entry_point(fn.name):
            return True
        node = fn.node
        if node is None or fn.name or fn.parent is None or not fn.parent.is_module:
            return False
        parent = node.parent
        while parent is not None and parent.type == "parenthesized_expression":
            node, parent = parent, parent.parent
        called = parent.child_by_field_name("function") if parent is not None and \
            parent.type in self.syntax.calls else None
        return called is not None and self.a.key(called) == self.a.key(node)

    def top_level(self, keys: set[tuple[int, int]], trace: TokenTrace) -> None:
        """A token fetched at the top level: kept for the process's life when a function
        reads the names it is kept in; a script's top level (no function reads them) uses it
        for one run."""
        names: set[str] = set()
        for _ in range(3):
            before = len(names)
            for target, value in self.module.assigns:
                if self.mentions(value, keys, names):
                    names.update(self.names_in(target))
                    base = re.match(r"^\$?(\w+)", self.a.text_of(target))
                    if base is not None:
                        names.add(base.group(1))
            if len(names) == before:
                break
        if not self.syntax.closures:
            # functions do not see the top level's variables: only constants (Ruby's
            # ``TOKEN``) and names they declare ``global`` (PHP) reach them
            names = {n for n in names if n[:1].isupper()} | {
                n for n in names if any(re.search(rf"\bglobal\b[^;\n]*{re.escape(n)}\b",
                                                  self.own_text(f)) for f in self.fns)}
            if not names:
                trace.stores.add("local")
                return
        # a function reads a top-level name unless it has its own (a parameter ``token``)
        words = [(n, re.compile(rf"(?<![\w$]){re.escape(n)}\b")) for n in names]
        if words and not any(n not in f.declared and w.search(self.own_text(f))
                             for f in self.fns for n, w in words):
            trace.stores.add("local")
            return
        trace.stores.add("module")
        trace.store_names.update(names)

    def callers(self, fn: Function) -> list[CallSite]:
        if not fn.name:
            return []
        telling = bool(self.syntax.methods)
        arity = _arity(fn.node) if self.a.language in _FIXED_ARITY else None
        return [site for site in self.sites.get(fn.name, ())
                if (not telling or fn.method == (site.receiver is not None))
                and (arity is None or _fits(arity, site.node))
                # Ruby's ``def api(access_token)``: a bare name the function declares is its
                # own variable, not a call of the method of that name
                and not (site.node.type == "identifier" and site.name in site.fn.declared)]

    def api_function(self, fn: Function, depth: int) -> bool:
        """Does this function call the Okta API (directly or through a helper of the file)?"""
        if fn.sdk or any(site.name in self.syntax.http_functions for site in fn.calls):
            return True
        for node in fn.http:
            template = self.a.http_templates.get(self.a.key(node))
            if template is not None:
                if "/oauth2/" in template:
                    continue
                if "/api/" in template:
                    return True
                if not template.startswith("{}"):
                    continue
            name, receiver = self.a.lc_call(node)
            if receiver is None or HTTPISH.search(receiver.rsplit(".", 1)[-1]) or (
                name is not None and HTTPISH.search(name)
            ):
                return True
        if fn.http and BEARER.search(self.own_text(fn)):
            return True  # an API of another host, sent a token (``Bearer ${accessToken}``)
        if any(BEARER.search(self.a.text_of(site.node)) for site in fn.calls):
            # sent through a fetch helper of the project's (``dtFetch(url, id, { headers:
            # { Authorization: `Bearer ${t}` } })``): a call is handed the header (a getter
            # that builds ``Bearer ${t}`` and returns it hands it to no call)
            return True
        if depth < 2:
            for site in fn.calls:
                for callee in self.by_name.get(site.name, ()):
                    if callee is fn:
                        continue
                    if site.receiver is not None and not callee.method and self.syntax.methods:
                        continue
                    if self.api_function(callee, depth + 1):
                        return True
        return False

    def related(self, trace: TokenTrace, origin: Function) -> list[Function]:
        """The functions whose expiry handling counts for this token."""
        related = [origin, *trace.fns]
        words = [re.compile(rf"(?<![\w$]){re.escape(n)}\b") for n in trace.store_names if n]
        classes = trace.classes | ({origin.cls} if origin.cls else set())
        for fn in self.fns:
            same_class = fn.cls is not None and fn.cls in classes
            if same_class or (words and any(w.search(self.own_text(fn)) for w in words)):
                related.append(fn)
        return related


# a cache constructor's lifetime for all entries: node-cache's ``stdTTL``, lru-cache's
# ``ttl`` / ``maxAge``, keyv's ``ttl``, Caffeine's ``expireAfterWrite(…)``
_DEFAULT_TTL: Final = re.compile(rb"\b(?:stdTTL|ttl|maxAge|defaultTtl|defaultTTL|expireAfterWrite"
                                 rb"|default_ttl|expires_in)\b\s*[:=(]\s*(?P<value>[\d(])")
# languages where a call gives every parameter (no defaults, no keywords): a call with another
# number of arguments is of another function of that name (an interface's ``GetAccessToken()``
# beside the client's ``GetAccessToken(creds)``)
_FIXED_ARITY: Final = frozenset({"go", "java"})
_PARAMETER_TYPES: Final = frozenset({"parameter_declaration", "formal_parameter"})
_VARIADIC_TYPES: Final = frozenset({"variadic_parameter_declaration", "spread_parameter"})


def _arity(node: ts.Node | None) -> tuple[int, bool] | None:
    """(number of parameters, whether the last is variadic) of a Go or Java function."""
    params = node.child_by_field_name("parameters") if node is not None else None
    if params is None:
        return None
    count, variadic = 0, False
    for param in params.named_children:
        if param.type in _VARIADIC_TYPES:
            variadic = True
        elif param.type in _PARAMETER_TYPES:
            # Go's ``a, b string`` declares two
            count += max(1, len(param.children_by_field_name("name")))
    return count, variadic


def _fits(arity: tuple[int, bool], call: ts.Node) -> bool:
    """Can ``call`` be a call of a function of that arity?"""
    args = call.child_by_field_name("arguments")
    if args is None:
        return True
    given = sum(1 for a in args.named_children if a.type != "comment")
    count, variadic = arity
    return given >= count if variadic else given == count


def _without_keys(text: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", text)


# a function that answers a question about the token (``checkForOAuthToken``), not its getter
_PREDICATE: Final = re.compile(r"(?:[iI]s|[hH]as|[cC]heck|[vV]alidate|[sS]hould|[cC]an|[nN]eeds?)"
                               r"(?=[A-Z_]|$)")
# a client's setter that keeps a token for all its requests (Go resty)
_CLIENT_TOKEN_SETTERS: Final = frozenset({"SetAuthToken"})



def symbol_of(fn: Function) -> str | None:
    """How another module names a function of this file (as :mod:`oinlint.crossfile` names
    JavaScript symbols: ``getToken``, ``TokenSource.fetch``); None for one nested in another
    function, which no other module can call."""
    if not fn.name or fn.parent is None or not fn.parent.is_module:
        return None
    return f"{fn.cls}.{fn.name}" if fn.cls else fn.name


# Methods an HTTP client calls for every request it sends: Go's ``http.RoundTripper``,
# OkHttp's ``Interceptor``, .NET's ``DelegatingHandler``. A token fetched there (and not kept)
# is one per call.
_HOOK_METHODS: Final = frozenset({"RoundTrip", "intercept", "SendAsync"})
# JavaScript: ``axios.interceptors.request.use(fn)``, got's / ky's ``hooks: {beforeRequest:
# [fn]}``
_HOOK_CALL: Final = re.compile(r"interceptors\.request\.use$")


# JavaScript's process-wide objects: what is stored on them lives as long as the process
_PROCESS_GLOBALS: Final = frozenset({"globalThis", "global", "window"})
_JAVASCRIPT: Final = frozenset({"javascript", "typescript", "tsx"})
# ``x as T``, ``<T>x``, ``(x)``, ``x!``: the expression inside
_CASTS: Final = frozenset({"as_expression", "type_assertion", "parenthesized_expression",
                           "non_null_expression", "satisfies_expression"})


def request_hook(fn: Function) -> bool:
    """Does the HTTP client run ``fn`` before every request it sends?"""
    if fn.method and fn.name.rsplit(".", 1)[-1] in _HOOK_METHODS:
        return True
    node = fn.node
    parent = node.parent if node is not None else None
    if parent is None:
        return False
    if parent.type == "arguments" and parent.parent is not None and \
            parent.parent.type == "call_expression":
        callee = parent.parent.child_by_field_name("function")
        return callee is not None and _HOOK_CALL.search(
            (callee.text or b"").decode("utf-8", "replace")) is not None
    if parent.type == "array" and parent.parent is not None and parent.parent.type == "pair":
        key = parent.parent.child_by_field_name("key")
        return key is not None and (key.text or b"").strip(b"'\"") == b"beforeRequest"
    return False


def entry_point(name: str) -> bool:
    """An entry point (``main``, ``Run``, ``handler``, ``runJob``): one token for one run."""
    return ENTRY_POINT.match(name[:1].lower() + name[1:]) is not None


def caching_of(trace: TokenTrace) -> TokenCaching:
    """Where a traced token is kept, as a TokenRequest's ``caching``."""
    if trace.per_call or (trace.in_loop and "module" not in trace.stores):
        return "none"
    for kind in ("function-cache", "per-org", "instance", "module", "local"):
        if kind in trace.stores:
            return kind
    return "unknown"

