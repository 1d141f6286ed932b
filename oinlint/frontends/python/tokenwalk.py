"""What the token collector records of the walk, per function, for the token's lifecycle.

One :class:`FunctionRecord` per function (and one for the module body): its assignments,
returns, calls (:class:`CallSite`), HTTP calls, loops, ``if`` depth and a few flags (a clock is
read, ``expires_in`` is read, 401 / 429 handled). :class:`TokenWalk` keeps the current
function, class and loop while the walk is in them, and holds the state every layer of the
token collector shares: the candidate token requests, the facts found so far, the calls that
turned out to be token requests. The layers: :mod:`~oinlint.frontends.python.transport`
(transport and hygiene facts), :mod:`~oinlint.frontends.python.tokentrace` (where a token goes),
:mod:`~oinlint.frontends.python.tokenrequests` (what is a token request) and
:mod:`~oinlint.frontends.python.lifecycle`, the collector that puts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from oinlint.facts import Fact, Span
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import attr_name, bool_literal, dotted_chain
from oinlint.frontends.python.state import Collector, WalkState
from oinlint.frontends.python.values import LexicalScope, literal_string

__all__ = [
    "HTTP_METHODS",
    "HTTP_VERBS",
    "CallSite",
    "FunctionRecord",
    "RequestCandidate",
    "TokenWalk",
    "forever_loop",
]

HTTP_METHODS: Final = frozenset({
    "get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream",
    "urlopen", "request_encode_body", "fetch",
})
TTL_DECORATORS: Final = ("ttl_cache", "TTLCache", "cached")
ORG_LOOP: Final = re.compile(r"org|tenant|customer|domain|install|instance|account",
                             re.IGNORECASE)
RETRY_LOOP: Final = re.compile(r"attempt|retr|tries|tried", re.IGNORECASE)
HTTP_VERBS: Final = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


_SLEEPS: Final = frozenset({"sleep", "wait", "join", "serve_forever", "run_forever"})


def forever_loop(node: tree.While) -> bool:
    """A worker loop: ``while True`` that sleeps between rounds or never leaves (a pagination
    ``while True`` breaks or returns on its last page)."""
    if bool_literal(node.test) is not True and not (
        isinstance(node.test, tree.Integer) and node.test.value == "1"
    ):
        return False
    leaves = False
    stack: list[tuple[tree.Node, bool]] = [(node.body, False)]
    while stack:
        current, nested = stack.pop()
        if isinstance(current, tree.Call) and attr_name(current.func) in _SLEEPS:
            return True
        if isinstance(current, tree.Return | tree.Raise) or (
            isinstance(current, tree.Break) and not nested
        ):
            leaves = True
        if isinstance(current, tree.FunctionDef | tree.Lambda | tree.ClassDef):
            continue
        # a ``break`` in a nested loop leaves that loop, not this one
        inner = nested or isinstance(current, tree.For | tree.While)
        stack.extend((child, inner) for child in current.children)
    return not leaves


@dataclass(eq=False, slots=True)
class CallSite:
    """A call of a name; may be the call of the module's token-fetching function."""

    call: tree.Call
    callee: str
    receiver: str | None  # "self", "cls", another dotted receiver, or None for a bare name
    func: FunctionRecord
    loop: bool
    guarded: bool
    org_loop: bool = False  # inside a loop over orgs / tenants (a run as long as the org list)


@dataclass(eq=False, slots=True)
class FunctionRecord:
    """One function (or the module body) and what the walk saw in it."""

    name: str
    context: str
    cls: str | None
    scope: LexicalScope
    decorators: tuple[str, ...] = ()
    flags: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    globals: set[str] = field(default_factory=set)
    assigns: list[tuple[tree.BaseExpression, tree.BaseExpression]] = field(default_factory=list)
    bare: list[tree.Call] = field(default_factory=list)  # calls whose result is dropped
    returns: list[tree.BaseExpression] = field(default_factory=list)
    http: list[tuple[tree.Call, LexicalScope]] = field(default_factory=list)
    sites: list[CallSite] = field(default_factory=list)
    loops: list[bool] = field(default_factory=list)
    guards: int = 0
    forever: list[tree.While] = field(default_factory=list)  # worker loops (``while True``)
    org_loops: list[bool] = field(default_factory=list)  # parallel to ``loops``: over orgs?
    # a JWT client assertion is signed here: its ``exp`` and clock reads are its own, and a
    # name a clock read is assigned to counts only when used outside it (``now = time.time()``)
    signs_assertion: bool = False
    clock_names: set[str] = field(default_factory=set)
    free_names: dict[str, int] = field(default_factory=dict)
    # where the function's source is (offsets into the file's text; 0, 0 for the module)
    start: int = 0
    end: int = 0
    ttl: tree.BaseExpression | None = None  # a TTL cache decorator's lifetime (``ttl=3500``)

    @property
    def is_module(self) -> bool:
        return self.name == ""


@dataclass(eq=False, slots=True)
class RequestCandidate:
    """A call that may be a token request, resolved after the walk."""

    call: tree.Call
    func: FunctionRecord
    scope: LexicalScope
    kind: str  # http, fetch_token, httpx-auth, okta-sdk
    loop: bool
    guarded: bool


# the receiver of a JWT signing call: ``jwt``, ``jose.jwt``, ``self._jwt``, ``jws``
_JWT_RECEIVER: Final = re.compile(r"(?i)(?:^|\.|_)(?:jw[ts]|jose|jsonwebtoken)$")


class TokenWalk(Collector):
    """The walk's record for the token collector: functions, classes, loops, guards."""

    def __init__(self, primary: WalkState) -> None:
        super().__init__(primary)
        self.module = FunctionRecord("", "", None, primary.module_scope)
        self.funcs: list[FunctionRecord] = []
        self.stack: list[FunctionRecord] = [self.module]
        self.classes: list[str] = []
        # Shared by the layers: candidates, facts in the order found, ``follow_redirects=True``
        # arguments by id(call), whether the file names the client_credentials grant, the
        # id() of the calls that turned out to be token requests, whether 401 is handled.
        self.requests: list[RequestCandidate] = []
        self.facts: list[Fact] = []
        self.redirects: dict[int, tuple[tree.Arg, bool]] = {}
        self.client_credentials = False
        self.token_calls: set[int] = set()
        self.file_401 = False
        self.ifs: list[tree.If] = []  # the ``if`` statements the walk is in, innermost last
        self.checks_401 = 0  # 401 checks whose answer was read (bounded per file)
        # functions a timer runs again and again → whether the delay comes from expires_in
        self.timers: dict[str, bool] = {}
        # the call sites by callee name, made on first use after the walk (tokentrace)
        self._sites_by_callee: dict[str, list[CallSite]] | None = None
        self._module_functions: dict[str, FunctionRecord] | None = None
        # the module's numeric constants, for OIN302's lifetime (tokenrequests; made on use)
        self._lifetime_constants: dict[str, tuple[int, int]] | None = None
        # what each traced expression can carry, by id (tokentrace: a file is traced per
        # token request and per kept result of another module's function)
        self._carriers: dict[int, tuple[frozenset[int], frozenset[str]]] = {}
        # inside a JWT client assertion (its claims, its signing call): by the nodes entered
        self.assertion: set[int] = set()
        self.assigning: list[str] = []  # the names being assigned, innermost last
        # calls of ``refresh_token(…)``: (where, context, receiver), judged after the walk
        self.refresh_calls: list[tuple[Span, str, str | None]] = []

    @property
    def func(self) -> FunctionRecord:
        return self.stack[-1]

    def visit_ClassDef(self, node: tree.ClassDef) -> None:
        self.classes.append(node.name.value)

    def leave_ClassDef(self, original_node: tree.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: tree.FunctionDef) -> None:
        decorators: list[str] = []
        ttl: tree.BaseExpression | None = None
        for decorator in node.decorators:
            expr = decorator.decorator
            target = expr.func if isinstance(expr, tree.Call) else expr
            name = self.primary.qualify(target) or dotted_chain(target) or ""
            if isinstance(expr, tree.Call) and any(
                attr_name(a.value.func if isinstance(a.value, tree.Call) else a.value)
                in TTL_DECORATORS for a in expr.args
            ):
                name = "ttl_cache"
            if name.rsplit(".", 1)[-1] == "ttl_cache":  # ``cachetools.func.ttl_cache``
                name = "ttl_cache"
                if isinstance(expr, tree.Call):
                    ttl = ttl if ttl is not None else _ttl_argument(expr)
            decorators.append(name)
        cls = self.classes[-1] if self.classes and self.stack[-1].is_module else None
        # primary.visit_FunctionDef already ran: its scope is this function's
        func = FunctionRecord(node.name.value, self.primary.context, cls, self.primary.scope,
                              tuple(decorators), start=node.start, end=node.end, ttl=ttl)
        self.funcs.append(func)
        self.stack.append(func)

    def leave_FunctionDef(self, original_node: tree.FunctionDef) -> None:
        self.stack.pop()

    def visit_Global(self, node: tree.Global) -> None:
        self.func.globals.update(n.name.value for n in node.names)

    def _loop(self, target: tree.BaseExpression | None, iterable: tree.BaseExpression | None,
              test: tree.BaseExpression | None = None) -> None:
        """A loop that runs per item (users, pages), not per org and not a retry loop."""
        text = " ".join(dotted_chain(n) or "" for n in (target, iterable) if n is not None)
        retry = isinstance(iterable, tree.Call) and attr_name(iterable.func) == "range"
        if test is not None and (
            bool_literal(test) is True or RETRY_LOOP.search(dotted_chain(test) or "")
        ):
            retry = True
        per_org = ORG_LOOP.search(text) is not None or RETRY_LOOP.search(text) is not None
        self.func.loops.append(not (retry or per_org))
        self.func.org_loops.append(ORG_LOOP.search(text) is not None)

    def _leave_loop(self) -> None:
        self.func.loops.pop()
        self.func.org_loops.pop()

    def visit_For(self, node: tree.For) -> None:
        self._loop(node.target, node.iter)

    def leave_For(self, original_node: tree.For) -> None:
        self._leave_loop()

    def visit_While(self, node: tree.While) -> None:
        self._loop(None, None, node.test)
        if forever_loop(node):
            self.func.forever.append(node)

    def leave_While(self, original_node: tree.While) -> None:
        self._leave_loop()

    def _comp(self, node: tree.ListComp | tree.SetComp | tree.DictComp | tree.GeneratorExp) -> None:
        self._loop(node.for_in.target, node.for_in.iter)

    def _comp_leave(self) -> None:
        self._leave_loop()

    def visit_ListComp(self, node: tree.ListComp) -> None:
        self._comp(node)

    def leave_ListComp(self, original_node: tree.ListComp) -> None:
        self._comp_leave()

    def visit_SetComp(self, node: tree.SetComp) -> None:
        self._comp(node)

    def leave_SetComp(self, original_node: tree.SetComp) -> None:
        self._comp_leave()

    def visit_DictComp(self, node: tree.DictComp) -> None:
        self._comp(node)

    def leave_DictComp(self, original_node: tree.DictComp) -> None:
        self._comp_leave()

    def visit_GeneratorExp(self, node: tree.GeneratorExp) -> None:
        self._comp(node)

    def leave_GeneratorExp(self, original_node: tree.GeneratorExp) -> None:
        self._comp_leave()

    def visit_If(self, node: tree.If) -> None:
        self.func.guards += 1
        self.ifs.append(node)

    def leave_If(self, original_node: tree.If) -> None:
        self.func.guards -= 1
        self.ifs.pop()

    def guarded_by(self, node: tree.Node) -> tree.If | None:
        """The ``if`` (or ``elif``) whose condition ``node`` is part of, if any."""
        for candidate in reversed(self.ifs):
            if candidate.test.start <= node.start and node.end <= candidate.test.end:
                return candidate
        return None

    @property
    def in_loop(self) -> bool:
        return any(self.func.loops)

    @property
    def in_org_loop(self) -> bool:
        return any(self.func.org_loops)

    # -- assignments, returns ----------------------------------------------------------------

    def visit_AnnAssign(self, node: tree.AnnAssign) -> None:
        if node.value is not None:
            self.func.assigns.append((node.target, node.value))

    def visit_WithItem(self, node: tree.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, tree.BaseExpression):
            self.func.assigns.append((node.asname.name, node.item))

    def visit_Return(self, node: tree.Return) -> None:
        if node.value is not None:
            self.func.returns.append(node.value)

    def visit_Expr(self, node: tree.Expr) -> None:
        value = node.value.expression if isinstance(node.value, tree.Await) else node.value
        if isinstance(value, tree.Call):
            self.func.bare.append(value)

    def visit_Name(self, node: tree.Name) -> None:
        self.func.names.add(node.value)
        if self.assertion:
            return
        free = self.func.free_names
        free[node.value] = free.get(node.value, 0) + 1
        if node.value in ("expires_in", "expiresIn", "expires_at"):
            self.func.flags.add("expires" if node.value != "expires_at" else "expires-at")

    # -- a JWT client assertion (private_key_jwt) -----------------------------------------

    def visit_Dict(self, node: tree.Dict) -> None:
        if any(isinstance(e, tree.DictElement) and literal_string(e.key) == "aud"
               for e in node.elements):
            self.assertion.add(id(node))  # a claims set: ``{"aud": token_url, "exp": …}``
            self.func.signs_assertion = True

    def leave_Dict(self, original_node: tree.Dict) -> None:
        self.assertion.discard(id(original_node))

    def enter_signing(self, node: tree.Call, name: str | None, receiver: str | None) -> None:
        """``jwt.encode(claims, key, algorithm="RS256")``, ``jws.sign(…)``: inside is the
        assertion's."""
        if name in ("encode", "sign") and receiver is not None and _JWT_RECEIVER.search(
                receiver):
            self.assertion.add(id(node))
            self.func.signs_assertion = True

    def leave_Call(self, original_node: tree.Call) -> None:
        self.assertion.discard(id(original_node))

    def clock_read(self) -> None:
        """A clock is read here: the function's, unless the assertion's (see
        :class:`FunctionRecord`)."""
        if self.assertion:
            return
        if self.assigning and self.assigning[-1]:
            self.func.clock_names.add(self.assigning[-1])
        else:
            self.func.flags.add("clock")

    def settle_clocks(self) -> None:
        """After the walk: a clock read into a name counts unless only an assertion used it."""
        for func in (self.module, *self.funcs):
            for name in func.clock_names:
                if not func.signs_assertion or func.free_names.get(name, 0) > 1:
                    func.flags.add("clock")


def _ttl_argument(call: tree.Call, depth: int = 0) -> tree.BaseExpression | None:
    """The ``ttl`` a TTL cache decorator is given: ``@ttl_cache(ttl=3500)``,
    ``@cached(TTLCache(maxsize=1, ttl=3500))``, ``@cached(cache=TTLCache(1, 3500))``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "ttl":
            return arg.value
    if attr_name(call.func) == "TTLCache" and len(call.args) >= 2 and call.args[1].keyword is None:
        return call.args[1].value
    for arg in call.args:
        if isinstance(arg.value, tree.Call) and depth < 2:
            found = _ttl_argument(arg.value, depth + 1)
            if found is not None:
                return found
    return None
