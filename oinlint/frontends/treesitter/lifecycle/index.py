"""One pass over a file's tree for the lifecycle tracer: its functions and what they do.

One query (run in C) returns the nodes of the kinds a :class:`~.syntax.LifecycleSyntax` names;
they are visited in document order with a stack of the scopes still open. Per function
(:class:`Function`; the file's top level is one too) it records assignments, returns, calls
(:class:`CallSite`, with whether they run in a loop over items or over orgs), the names
declared there, HTTP and SDK calls, and its own text without comments and nested functions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Final

import tree_sitter as ts

from oinlint.frontends.shared.assertion import without_assertion
from oinlint.frontends.shared.vocabulary import (
    CACHE_RECEIVER,
    FOREVER_LOOP,
    ITERATOR_CALLS,
    MEMO_CALLS,
    ORG_WORDS,
    RETRY_WORDS,
    SMALL_BOUND,
)
from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.lifecycle.syntax import LifecycleSyntax

__all__ = ["ITEM_LOOP", "ORG_LOOP", "CallSite", "FileIndex", "Function", "loop_kind"]

# where a node runs inside its function: in a loop over items (users, pages) / over orgs
ITEM_LOOP: Final = 1
ORG_LOOP: Final = 2


# a cache's get-or-load calls, whose loader's result the cache keeps
CACHE_LOADERS: Final = frozenset({"fetch", "remember", "get_or_set", "getOrSet", "GetOrCreate",
                                  "GetOrCreateAsync", "wrap", "getOrLoad"})
# an argument that gives the cache a lifetime (``expires_in: 55.minutes``, ``ttl: 3000``)
_LIFETIME_ARG: Final = re.compile(r"(?i)\b(?:expires?_?in|ttl|timeout|expir\w*|lifetime)\b")

@dataclass(eq=False, slots=True)
class Function:
    """One function (or the file's top level: ``node`` None) and what the tracer needs of it."""

    node: ts.Node | None
    name: str
    cls: str | None
    method: bool
    parent: Function | None
    self_names: frozenset[str]
    declared: set[str] = field(default_factory=set)
    assigns: list[tuple[ts.Node, ts.Node]] = field(default_factory=list)
    returns: list[ts.Node] = field(default_factory=list)
    calls: list[CallSite] = field(default_factory=list)
    inner: list[Function] = field(default_factory=list)  # functions defined directly in this one
    http: list[ts.Node] = field(default_factory=list)
    sdk: bool = False
    memo: bool = False
    # the loader of a cache that keeps time (``Rails.cache.fetch(k, expires_in: 55.minutes) do
    # … end``): "clock" when a lifetime is given, "both" when the cache's default applies
    cache_clock: str | None = None
    lifetime: ts.Node | None = None  # the lifetime given to that cache, if any
    text: str | None = None

    @property
    def is_module(self) -> bool:
        return self.node is None


@dataclass(eq=False, slots=True)
class CallSite:
    """A call (maybe of the function that fetches the token) and where it runs."""

    node: ts.Node
    name: str
    receiver: str | None
    fn: Function
    loop: int  # ITEM_LOOP | ORG_LOOP bits


class FileIndex:
    """The functions of one file, their calls and declarations, read in one pass."""

    def __init__(self, analyzer: Analyzer, syntax: LifecycleSyntax, root: ts.Node) -> None:
        self.a = analyzer
        self.syntax = syntax
        self.root = root
        self.module = Function(None, "", None, False, None, syntax.self_names)
        self.fns: list[Function] = []
        self.class_fields: dict[str, set[str]] = {}
        self.where: dict[tuple[int, int], tuple[Function, int]] = {}
        self.sites: dict[str, list[CallSite]] = {}  # call sites by callee name
        self.by_name: dict[str, list[Function]] = {}
        token_keys = {analyzer.key(call.node) for _, call in analyzer.token_requests}
        self.token_keys = token_keys
        self.api_keys = {analyzer.key(call.node) for call in analyzer.http_calls} - token_keys
        self.comments = sorted(analyzer.comment_ranges)
        # the parts of each function that run for the process's life (``holding``, by id)
        self.long_running: dict[int, list[tuple[ts.Node, ts.Node | None, str]]] = {}
        # the functions a timer calls again and again (the tracer's, computed once)
        self._timers: dict[str, bool] | None = None
        self._clock_helpers: re.Pattern[str] | None = None  # see Lifecycle.clock_helpers
        # more nodes to locate (``where``): Go's ``conf.Token(ctx)`` of a clientcredentials
        # config, where its one token comes out
        self.also_wanted: list[ts.Node] = []
        # the file's text and its numeric constants, for OIN302's lifetime (made on first use)
        self._lifetime_inputs: tuple[str, dict[str, tuple[int, int]]] | None = None
        self._fn_at: dict[tuple[int, int], Function] | None = None  # functions by node
        self._expiry_texts: dict[int, str] = {}  # expiry_text by id(function)

    def index(self) -> None:
        """Functions, their assignments / returns / calls / declarations, loops, classes.

        One query (run in C) returns just the nodes of those kinds; they are visited in
        document order with a stack of the scopes still open, as :meth:`Walker.walk` does.
        """
        a, syntax = self.a, self.syntax
        wanted_nodes = [call.node for _, call in a.token_requests] + [
            call.node for call in a.http_calls] + a.sdk_nodes + [
            node for node, _ in a.handoff_calls.values()] + self.also_wanted
        wanted = {a.key(n) for n in wanted_nodes}
        sdk_keys = {a.key(n) for n in a.sdk_nodes}
        kinds = (syntax.functions | syntax.blocks | syntax.classes | syntax.loops
                 | syntax.assignments.keys() | syntax.declarations.keys() | syntax.returns
                 | syntax.calls | {n.type for n in wanted_nodes}
                 | (syntax.identifiers if syntax.bare_calls else frozenset()))
        # (end byte, function, loop bits, class) of the scopes that contain the current node
        open_scopes: list[tuple[int, Function, int, str | None]] = [
            (len(a.data) + 1, self.module, 0, None)]
        for node in self.nodes(frozenset(kinds)):
            start = node.start_byte
            while len(open_scopes) > 1 and open_scopes[-1][0] <= start:
                open_scopes.pop()
            _, fn, loop, cls = open_scopes[-1]
            kind = node.type
            key = a.key(node)
            if key in wanted:
                self.where.setdefault(key, (fn, loop))
                if key in self.api_keys:
                    fn.http.append(node)
                if key in sdk_keys:
                    fn.sdk = True
            scope: tuple[int, Function, int, str | None] | None = None
            if kind in syntax.blocks:
                iterator = self.iterator_header(node)
                if iterator is not None:
                    scope = (node.end_byte, fn, loop | loop_kind(iterator), cls)
                self.declare_parameters(node, fn)
            elif kind in syntax.functions:
                iterator = self.iterator_header(node)
                if iterator is not None:
                    scope = (node.end_byte, fn, loop | loop_kind(iterator), cls)
                    self.declare_parameters(node, fn)
                else:
                    inner = Function(node, a.lc_function_name(node), a.lc_class_of(node, cls),
                                a.lc_is_method(node, syntax), fn,
                                syntax.self_names | a.lc_self_names(node))
                    inner.memo = self.memoized(node)
                    inner.cache_clock = self.cache_loader(node)
                    loader = self.enclosing_call(node)
                    inner.lifetime = self.loader_lifetime(loader, node) \
                        if inner.cache_clock == "clock" and loader is not None else None
                    inner.memo = inner.memo or inner.cache_clock is not None
                    fn.inner.append(inner)
                    self.fns.append(inner)
                    self.declare_parameters(node, inner)
                    inner.returns.extend(a.lc_implicit_returns(node))
                    scope = (node.end_byte, inner, 0, cls)
            elif kind in syntax.classes:
                name = node.child_by_field_name("name")
                scope = (node.end_byte, fn, loop, a.text_of(name) if name is not None else None)
            elif kind in syntax.loops:
                body = node.child_by_field_name("body")
                end = body.start_byte if body is not None else node.end_byte
                header = a.data[node.start_byte:end].decode("utf-8", "replace")
                scope = (node.end_byte, fn, loop | loop_kind(header), cls)
            fields = syntax.assignments.get(kind)
            if fields is not None:
                fn.assigns.extend(a.lc_assignments(node, fields))
            declared = syntax.declarations.get(kind)
            if declared is not None:
                names: set[str] = set()
                for target in node.children_by_field_name(declared):
                    names |= self.names_in(target)
                if names:
                    if not fn.is_module:
                        fn.declared.update(names)
                    elif cls is not None:
                        self.class_fields.setdefault(cls, set()).update(names)
                    else:
                        self.module.declared.update(names)
            if kind in syntax.returns:
                fn.returns.append(node)
            if kind in syntax.calls:
                callee, receiver = a.lc_call(node)
                if callee is not None:
                    fn.calls.append(CallSite(node, callee, receiver, fn, loop))
            elif syntax.bare_calls and kind in syntax.identifiers and not self.member_name(node):
                fn.calls.append(CallSite(node, a.text_of(node), None, fn, loop))
            if scope is not None:
                open_scopes.append(scope)
        for owner in (self.module, *self.fns):
            for site in owner.calls:
                self.sites.setdefault(site.name, []).append(site)
        for fn in self.fns:
            if fn.name:
                self.by_name.setdefault(fn.name, []).append(fn)

    def nodes(self, kinds: frozenset[str]) -> list[ts.Node]:
        """The file's nodes of these kinds, outer before inner, in document order."""
        return self.a.query_nodes(self.root, kinds)

    def member_name(self, node: ts.Node) -> bool:
        """Is this identifier the name of a member or method (``r.body``), not a variable?"""
        parent = node.parent
        if parent is None:
            return False
        for name in ("method", "name", "field", "property"):
            child = parent.child_by_field_name(name)
            if child is not None and child.start_byte == node.start_byte and \
                    child.end_byte == node.end_byte:
                return parent.type in self.syntax.calls or parent.type not in (
                    self.syntax.assignments.keys() | self.syntax.declarations.keys())
        return False

    def declare_parameters(self, node: ts.Node, fn: Function) -> None:
        for child in node.children:
            if child.type in self.syntax.parameters:
                fn.declared.update(self.names_in(child))

    def names_in(self, node: ts.Node) -> set[str]:
        identifiers = self.syntax.identifiers
        if node.type in identifiers or not node.named_child_count:
            return {self.a.text_of(node)}
        names: set[str] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type in identifiers:
                names.add(self.a.text_of(current))
            elif current.type not in self.syntax.functions:
                stack.extend(current.named_children)
        return names

    def enclosing_call(self, node: ts.Node) -> ts.Node | None:
        """The call a function is an argument (or block) of, if any."""
        parent = node.parent
        for _ in range(3):
            if parent is None:
                return None
            if parent.type in self.syntax.calls:
                return parent
            if parent.type in self.syntax.functions or parent.type.endswith("statement"):
                return None
            parent = parent.parent
        return None

    def iterator_header(self, node: ts.Node) -> str | None:
        """For a callback run once per element (``items.forEach(x => …)``, ``each do``): the
        text of the iteration (receiver, call, parameters), else None."""
        call = self.enclosing_call(node)
        if call is None:
            return None
        name, _ = self.a.lc_call(call)
        if name not in ITERATOR_CALLS:
            return None
        params = next((c for c in node.children if c.type in self.syntax.parameters), None)
        end = params.end_byte if params is not None else node.start_byte
        return self.a.data[call.start_byte:end].decode("utf-8", "replace")

    def cache_loader(self, node: ts.Node) -> str | None:
        """Is this function the loader a cache calls on a miss (``Rails.cache.fetch(key,
        expires_in: 55.minutes) { … }``, ``Cache::remember('k', $ttl, fn () => …)``,
        ``cache.get_or_set(key, load, timeout)``, ``GetOrCreateAsync(key, e => …)``)? Its result
        is kept by the cache: "clock" when a lifetime is given, "both" when not; None: no."""
        call = self.enclosing_call(node)
        return self.loader_clock(call, node) if call is not None else None

    def loader_around(self, node: ts.Node, fn: Function
                      ) -> tuple[str, ts.Node | None] | None:
        """A cache loader block of ``fn`` that holds ``node`` (Ruby's ``Rails.cache.fetch(…)
        do … end`` is a block of its method, not a function): as :meth:`cache_loader`, with
        the lifetime given to the cache."""
        current = node.parent
        while current is not None and fn.node is not None and current != fn.node:
            if current.type in self.syntax.calls:
                found = self.loader_clock(current, node)
                if found is not None:
                    return found, self.loader_lifetime(current, node)
            current = current.parent
        return None

    def loader_lifetime(self, call: ts.Node, node: ts.Node) -> ts.Node | None:
        """The argument of a cache's get-or-load ``call`` that gives the lifetime
        (``expires_in: 55.minutes``, the ``3000`` of ``remember('k', 3000, …)``)."""
        others = [arg for arg in self.a.lc_arguments(call)
                  if not (arg.start_byte <= node.start_byte and node.end_byte <= arg.end_byte)]
        named = next((arg for arg in others if _LIFETIME_ARG.search(self.a.text_of(arg))), None)
        return named or (others[1] if len(others) >= 2 else None)

    def loader_clock(self, call: ts.Node, node: ts.Node) -> str | None:
        """What a cache's get-or-load ``call`` does with the value ``node`` (inside one of its
        arguments or its block) makes: see :meth:`cache_loader`."""
        name, receiver = self.a.lc_call(call)
        if name not in CACHE_LOADERS or receiver is None or not CACHE_RECEIVER.search(receiver):
            return None
        others = [arg for arg in self.a.lc_arguments(call)
                  if not (arg.start_byte <= node.start_byte and node.end_byte <= arg.end_byte)]
        return "clock" if len(others) >= 2 or any(
            _LIFETIME_ARG.search(self.a.text_of(arg)) for arg in others) else "both"

    def memoized(self, node: ts.Node) -> bool:
        call = self.enclosing_call(node)
        if call is None:
            return False
        name, _ = self.a.lc_call(call)
        # Laravel's ``once(fn)`` keeps its result for one request, not for the process
        return name in MEMO_CALLS and not (name == "once" and self.a.language == "php")

    def own_text(self, fn: Function) -> str:
        """The function's source without comments and without the functions nested in it."""
        if fn.text is not None:
            return fn.text
        start = fn.node.start_byte if fn.node is not None else 0
        end = fn.node.end_byte if fn.node is not None else len(self.a.data)
        first = bisect.bisect_left(self.comments, (start, 0))
        holes: list[tuple[int, int]] = []
        for comment in self.comments[first:]:
            if comment[0] >= end:
                break
            holes.append(comment)
        holes.extend((other.node.start_byte, other.node.end_byte) for other in fn.inner
                     if other.node is not None)
        pieces: list[bytes] = []
        at = start
        for s, e in sorted(holes):
            if s < at:
                at = max(at, e)
                continue
            pieces.append(self.a.data[at:s])
            at = e
        pieces.append(self.a.data[at:end])
        fn.text = b" ".join(pieces).decode("utf-8", "replace")
        return fn.text

    def expiry_text(self, fn: Function) -> str:
        """The function's own text as read for the token's expiry handling: without a JWT
        client assertion, whose ``exp`` and clock reads are the assertion's lifetime."""
        found = self._expiry_texts.get(id(fn))
        if found is None:
            found = self._expiry_texts[id(fn)] = without_assertion(self.own_text(fn))
        return found

    def may_hold(self, node: ts.Node, keys: Collection[tuple[int, int]],
                 names: Collection[str]) -> bool:
        """Could ``node`` hold one of the nodes ``keys`` or a name of ``names``? False only
        when none lies within its bytes: the cheap test before walking its tree (every
        token, and every kept result of another module's function, asks of many nodes)."""
        start, end = node.start_byte, node.end_byte
        data = self.a.data
        return any(start <= s and e <= end for s, e in keys) or any(
            data.find(name.encode(), start, end) >= 0 for name in names)

    def in_comment(self, start: int) -> bool:
        index = bisect.bisect_right(self.comments, (start, 1 << 62)) - 1
        return index >= 0 and self.comments[index][0] <= start < self.comments[index][1]


def loop_kind(header: str) -> int:
    """ORG_LOOP for a loop over orgs/tenants, ITEM_LOOP for one over items (users, pages),
    0 for a retry or forever loop."""
    if ORG_WORDS.search(header):
        return ORG_LOOP
    if RETRY_WORDS.search(header) or SMALL_BOUND.search(header) or FOREVER_LOOP.match(header):
        return 0
    return ITEM_LOOP

