"""The lifecycle pass: each token request's verdict, 401 checks and refresh tokens.

Runs after the walk on a language with a :class:`~.syntax.LifecycleSyntax`: it reads the file
(:mod:`.index`), follows each token (:mod:`.trace`) and rewrites the request's
:class:`~oinlint.facts.TokenRequest` with where its token is kept, whether its expiry and a
clock are read, whether it is fetched per call or in a loop; it adds ``ResponseHandling`` facts
for 401 status checks and ``RefreshTokenUse`` facts for refresh tokens sent or read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

import tree_sitter as ts

from oinlint.facts import RefreshTokenUse, ResponseHandling, TokenRequest, Unresolved
from oinlint.frontends.shared.lifetime import guessed_lifetime, lifetime_value
from oinlint.frontends.shared.refetch import TOKEN_ERROR, answers_with_new_token
from oinlint.frontends.shared.tidy import context_at
from oinlint.frontends.shared.vocabulary import (
    COMPARE_OPERATORS,
    CONTAINS_CALLS,
    EXPIRES_IN,
    LIBRARY_EXPIRY,
    REFRESH_TOKEN,
    TOKEN_RENEWER,
    UNAUTHORIZED,
)
from oinlint.frontends.treesitter.analyzer import SDK_OAUTH, HttpCall
from oinlint.frontends.treesitter.lifecycle.handoffs import handoffs
from oinlint.frontends.treesitter.lifecycle.index import Function
from oinlint.frontends.treesitter.lifecycle.shapes import process_shapes
from oinlint.frontends.treesitter.lifecycle.trace import (
    TokenTrace,
    TokenTracer,
    caching_of,
    symbol_of,
)
from oinlint.frontends.treesitter.walk import in_message

__all__ = ["Lifecycle"]

# A timer that calls a function again and again: its arguments name the function.
_TIMER_CALL: Final = re.compile(
    rb"\b(?:setInterval|setTimeout|AfterFunc|scheduleAtFixedRate|scheduleWithFixedDelay"
    rb"|Timer)\s*\(")
# Matches read per file by each search of this pass (timers, 401 checks, token errors, clock
# helpers): a minified bundle may hold thousands, and the ones that matter are written by hand
_MAX_MATCHES: Final = 256
_TIMER_ARGS: Final = 2000  # characters of a timer call's arguments read
# A method the framework runs on a fixed schedule (Spring ``@Scheduled(fixedRate = …)``).
_SCHEDULED: Final = re.compile(r"@Scheduled\s*\(\s*(?:fixedRate|fixedDelay|cron|initialDelay)")
# Where a 401 check guards code: ``if``/``elsif``/``unless``/ternaries (the ``condition`` field
# holds the check), and the nodes that hold a ``case`` label together with its statements.
_IFS: Final = frozenset({"if_statement", "if", "elsif", "if_modifier", "else_if_clause",
                         "ternary_expression", "conditional_expression"})
_CASE_BODIES: Final = frozenset({"switch_block_statement_group", "switch_rule", "switch_section",
                                 "rescue", "match_conditional_expression",
                                 "switch_expression_arm"})
_GUARD_DEPTH: Final = 12
# catch clauses (their caught type, then their body); token errors searched in the bytes
_CATCHES: Final = frozenset({"catch_clause", "rescue", "catch_declaration"})
_TOKEN_ERROR_BYTES: Final = re.compile(TOKEN_ERROR.pattern.encode())
_NEGATED: Final = re.compile(r"!==?|<>|!~|\bnot\b")
# property and hash-key names (not variables): a refresh token sent or read by name
_KEY_TYPES: Final = frozenset({"property_identifier", "hash_key_symbol", "simple_symbol"})
# a refresh token read as a field of a token response, or Java's getter
_REFRESH_FIELD: Final = re.compile(rb"\b(?:RefreshToken|refreshToken|getRefreshToken)\b")
_MEMBER_TYPES: Final = frozenset({"member_expression", "selector_expression",
                                  "member_access_expression", "field_access",
                                  "method_invocation", "member_call_expression"})


class Lifecycle(TokenTracer):
    """Follows each token request of a file to where its token is kept (after the walk).

    Per function it records assignments, returns, calls (and whether they run in a loop over items),
    the names declared there, HTTP and SDK calls; then, as the Python front end does
    (python/tokentrace.py), follows the token from the request through locals,
    ``this``/``self``/``@``/``$this->``/ receiver fields, top-level variables and the callers of the
    function that fetches it (within the file): fetched once at start-up, kept in an object, cached
    per org, fetched per API call, or in a loop. ``expires_in`` and clock reads in the functions
    that handle the token decide ``expiry_read`` / ``clock_used``; a 401 status check anywhere in
    the file is ``retry_on_401`` (and a ``ResponseHandling`` fact for OIN303, a project rule). A
    token whose fate is not visible in the file keeps ``caching="unknown"`` (and an ``Unresolved``).

    The pass's state is :class:`~.index.FileIndex`'s (read by :meth:`index`); following a
    token is :class:`~.trace.TokenTracer`'s.
    """

    # -- entry -----------------------------------------------------------------------------

    def run(self) -> None:
        a = self.a
        a.facts.extend(process_shapes(self))
        file_401 = self.response_facts()
        self.refresh_facts()
        if not a.token_requests and not a.handoff_calls:
            return
        one_token = {a.key(call.node): self.one_token_call(call.node)
                     for _, call in a.token_requests if call.via == "clientcredentials"}
        self.also_wanted = [node for node in one_token.values() if node is not None]
        self.index()
        a.facts.extend(handoffs(self))
        for index, call in a.token_requests:
            fact = a.facts[index]
            if not isinstance(fact, TokenRequest):
                continue
            if fact.grant_type is None and self.client_credentials_file():
                # the body is built in several ways (a refresh branch, say); the file asks
                # for client-credentials tokens, so this token URL is one of them (as in Python)
                fact = replace(fact, grant_type="client_credentials")
            if call.via == "clientcredentials":
                taken = one_token.get(a.key(call.node))
                if taken is not None:
                    # ``tok, err := conf.Token(ctx)``: one token, kept wherever it goes
                    a.facts[index] = self.verdict(fact, replace(call, node=taken), file_401)
                    continue
                # golang.org/x/oauth2/clientcredentials: its TokenSource caches and renews
                a.facts[index] = replace(fact, caching="library", expiry_honoured=True,
                                         retry_on_401=True)
                continue
            # an SDK client in PrivateKey mode renews its own token: only where it is made
            # (once, or per call) counts
            a.facts[index] = self.verdict(fact, call, file_401, renews_itself=call.via == SDK_OAUTH)

    def fixed_lifetime(self, fns: list[Function]) -> ts.Node | None:
        """Where the guessed lifetime of a token renewed on a clock is written, in ``fns``
        (:mod:`~oinlint.frontends.shared.lifetime`): a constant's value, or the number (or
        product of numbers) after a clock read. None when neither is seen."""
        if self._lifetime_inputs is None:
            a = self.a
            assigned = {a.text_of(t).strip() for fn in self.fns for t, _ in fn.assigns}
            constants = {a.text_of(t).strip(): (v.start_byte, v.end_byte)
                         for t, v in self.module.assigns if lifetime_value(a.text_of(v))}
            self._lifetime_inputs = (
                a.data.decode("latin-1"),  # one character per byte: offsets are bytes
                {n: v for n, v in constants.items()
                 if re.fullmatch(r"[\w$]+", n) and n not in assigned})
        text, constants = self._lifetime_inputs
        ranges = [(fn.node.start_byte, fn.node.end_byte) for fn in fns if fn.node is not None]
        found = guessed_lifetime(text, ranges, self.syntax.clock, constants)
        if found is None:
            return None
        start, end = found
        node = self.root.descendant_for_byte_range(start, end)
        while node is not None and node.parent is not None and (
                node.end_byte - node.start_byte < end - start):
            node = node.parent  # the smallest node that holds it all (``55 * time.Minute``)
        return node

    def one_token_call(self, config: ts.Node) -> ts.Node | None:
        """Go: the ``.Token(ctx)`` call of a clientcredentials config that is never made a
        ``TokenSource`` or ``Client`` (which renew): ``conf.Token(ctx)``, or the literal's own
        ``(&clientcredentials.Config{…}).Token(ctx)``. None when there is none."""
        a = self.a
        node: ts.Node | None = config
        for _ in range(4):  # ``&``, parentheses, the selector, the call
            node = node.parent if node is not None else None
            if node is None:
                break
            if node.type == "call_expression":
                name, _ = a.lc_call(node)
                return node if name == "Token" else None
            if node.type in ("expression_list", "short_var_declaration", "assignment_statement",
                             "var_spec", "keyed_element", "return_statement"):
                break
        holder = self.holder_of(config)
        if holder is None:
            return None
        uses = re.compile(rb"(?<![\w.])" + re.escape(holder.encode()) + rb"\s*\.\s*(\w+)\s*\(")
        found: ts.Node | None = None
        for match in uses.finditer(a.data):
            if match.group(1) in (b"TokenSource", b"Client"):
                return None  # renewed by the library
            if match.group(1) == b"Token" and found is None and not self.in_comment(
                    match.start()):
                call = self.root.descendant_for_byte_range(match.start(1), match.end(1))
                while call is not None and call.type != "call_expression":
                    call = call.parent
                found = call
        return found

    def holder_of(self, config: ts.Node) -> str | None:
        """The name a config literal is assigned to (``conf := &clientcredentials.Config{}``,
        ``c.conf = …``)."""
        node: ts.Node | None = config
        for _ in range(4):
            node = node.parent if node is not None else None
            if node is None:
                return None
            if node.type in ("short_var_declaration", "assignment_statement"):
                left = node.child_by_field_name("left")
                return self.a.text_of(left).strip() if left is not None and \
                    left.named_child_count <= 1 else None
            if node.type == "var_spec":
                name = node.child_by_field_name("name")
                return self.a.text_of(name) if name is not None else None
        return None

    def timer_callbacks(self) -> dict[str, bool]:
        """The file's functions a timer calls again and again (``setInterval(refresh, ms)``,
        a ``setTimeout`` that re-arms itself, ``time.AfterFunc``, ``scheduleAtFixedRate(this::
        refresh, …)``, ``new Timer(Refresh, …)``), each with whether the delay is computed from
        ``expires_in``."""
        if self._timers is not None:
            return self._timers
        found: dict[str, bool] = {}
        names = {fn.name for fn in self.fns if fn.name}
        for count, match in enumerate(_TIMER_CALL.finditer(self.a.data)):
            if count >= _MAX_MATCHES:
                break  # generated code: a timer that renews a token is written near the top
            if self.in_comment(match.start()):
                continue
            node = self.root.descendant_for_byte_range(match.start(), match.end())
            while node is not None and node.type not in self.syntax.calls | {
                    "new_expression", "object_creation_expression"}:
                node = node.parent
            if node is None:
                continue
            end = min(node.end_byte, match.end() + _TIMER_ARGS)
            text = self.a.data[match.end():end].decode("utf-8", "replace")
            derived = EXPIRES_IN.search(text) is not None
            for word in re.findall(r"[A-Za-z_$][\w$]*", text):
                if word in names:
                    found[word] = found.get(word, False) or derived
        self._timers = found
        return found

    def clock_helpers(self) -> re.Pattern[str]:
        """Calls of the file's own functions that read the clock (``getCurrentTime()`` around
        ``new Date()``): a call of one reads the clock too (a pattern that never matches when
        the file has none)."""
        if self._clock_helpers is None:
            names = sorted({fn.name for fn in self.fns if fn.name
                            and self.syntax.clock.search(self.expiry_text(fn))})[:_MAX_MATCHES]
            self._clock_helpers = re.compile(
                r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\s*\(" if names
                else r"(?!)")
        return self._clock_helpers

    def client_credentials_file(self) -> bool:
        for match in re.finditer(rb"client_credentials", self.a.data):
            if not self.in_comment(match.start()):
                return True
        return False

    def verdict(self, fact: TokenRequest, call: HttpCall, file_401: bool,
                renews_itself: bool = False) -> TokenRequest:
        """Where the token of ``fact`` goes and how its expiry is handled; ``renews_itself``:
        the client that requests it honours ``expires_in`` and answers 401 (an SDK client)."""
        a = self.a
        located = self.where.get(a.key(call.node))
        if located is None:
            return replace(fact, expiry_honoured=True, retry_on_401=True, expiry_read=True,
                           clock_used=True) if renews_itself else fact
        fn, loop = located
        trace = self.trace(fn, {a.key(call.node)}, 0, call.node, loop, TokenTrace(), None)
        related = self.related(trace, fn)
        texts = [self.expiry_text(f) for f in related]
        library = any(LIBRARY_EXPIRY.search(t) for t in texts)
        expiry = library or any(EXPIRES_IN.search(t) for t in texts)
        helpers = self.clock_helpers()
        clock = library or any(self.syntax.clock.search(t) or helpers.search(t) for t in texts)
        timers = self.timer_callbacks()
        for renewer in (fn, *(f for f in trace.fns if TOKEN_RENEWER.search(f.name or ""))):
            if renewer.name in timers or _SCHEDULED.search(self.own_text(renewer)):
                # renewed on a timer: a lifetime is assumed (a guess, unless the delay is
                # computed from ``expires_in``)
                clock = True
                expiry = expiry or timers.get(renewer.name, False)
        if trace.cache_clock is not None:
            # a cache that keeps time drops the token (its lifetime argument, or its default)
            clock = True
            expiry = expiry or trace.cache_clock == "both"
        if trace.loader_lifetime:
            expiry = False  # its ``expires_in:`` is the cache's option, set before the token
        expiry, clock = expiry or renews_itself, clock or renews_itself
        lifetime = trace.lifetime if trace.loader_lifetime else (
            (trace.lifetime or self.fixed_lifetime(related)) if clock and not expiry else None)
        caching = caching_of(trace)
        if trace.unknown and caching == "unknown":
            a.facts.append(Unresolved(fact.span, fact.context, "token-lifecycle",
                                      "the token-fetching function is not called here"))
        return replace(
            fact, caching=caching, expiry_honoured=expiry and clock,
            retry_on_401=file_401 or renews_itself,
            in_loop=trace.in_loop, per_call=trace.per_call,
            site=a.span(trace.site) if trace.site is not None else None,
            expiry_read=expiry, clock_used=clock,
            fetch_sites=tuple(a.span(n) for n in trace.bad), held_by=trace.held,
            exported_by=symbol_of(trace.exported) if trace.exported is not None
            and self.syntax.modules else None,
            served_by=symbol_of(trace.served) if trace.served is not None
            and self.syntax.modules else None,
            lifetime_span=a.span(lifetime) if lifetime is not None else None)

    # -- 401 checks and refresh tokens -----------------------------------------------------

    def response_facts(self) -> bool:
        """401 status checks (``status === 401``, ``http.StatusUnauthorized`` in a comparison
        or case, ``[401, 403].includes(s)``): ResponseHandling facts; True when any."""
        a = self.a
        found = False
        checked = 0
        for match in UNAUTHORIZED.finditer(a.data):
            if self.in_comment(match.start()):
                continue
            node = self.root.descendant_for_byte_range(match.start(), match.end())
            if node is None:
                continue
            if node.type in self.syntax.strings or (
                node.parent is not None and node.parent.type in self.syntax.strings
            ):
                string = node if node.type in self.syntax.strings else node.parent
                if string is None or a.literal(string) != "401":
                    continue
                node = string
            if self.status_check(node):
                checked += 1  # generated code: past the first checks, each counts as answered
                answered = checked > _MAX_MATCHES or self.answered(node)
                found = found or answered
                a.facts.append(ResponseHandling(a.span(node), context_at(a.ranges,
                                                a.span(node).line),
                                                "401" if answered else "401-unanswered"))
        return self.token_errors_answered() or found

    def token_errors_answered(self) -> bool:
        """An error that says the token is no longer good, tested in an ``if`` or caught
        (``if (err.message.includes('invalid_token'))``, ``catch (TokenExpiredException e)``,
        ``rescue Unauthorized``), whose branch gets a new token: it answers a 401 too."""
        a = self.a
        found = False
        for count, match in enumerate(_TOKEN_ERROR_BYTES.finditer(a.data)):
            if count >= _MAX_MATCHES:
                break
            start = match.start()
            if self.in_comment(start):
                continue
            node = self.root.descendant_for_byte_range(start, start + 1)
            guarded = self.guard_of(node) if node is not None else None
            if guarded is not None and self.answers(guarded):
                span = a.span(node) if node is not None else None
                if span is not None:
                    a.facts.append(ResponseHandling(span, context_at(a.ranges, span.line),
                                                    "401"))
                    found = True
        return found

    def guard_of(self, node: ts.Node) -> ts.Node | None:
        """The code run when ``node`` (part of an ``if`` condition or a caught type) holds."""
        current = node
        for _ in range(_GUARD_DEPTH):
            parent = current.parent
            if parent is None or parent.type in self.syntax.functions:
                return None
            if parent.type in _IFS:
                condition = parent.child_by_field_name("condition")
                if condition is None or not (condition.start_byte <= node.start_byte
                                             < condition.end_byte):
                    return None
                return (parent.child_by_field_name("consequence")
                        or parent.child_by_field_name("body"))
            if parent.type in _CATCHES:
                return parent.child_by_field_name("body") or parent
            current = parent
        return None

    def answered(self, node: ts.Node) -> bool:
        """Whether the ``if``, ternary or ``case`` a 401 check is the condition of gets a new
        token (:func:`answers_with_new_token`); True when the check is anything else (a
        predicate, a negated check, a variable): what follows it cannot be told."""
        current = node
        for _ in range(_GUARD_DEPTH):
            parent = current.parent
            if parent is None:
                return True
            kind = parent.type
            if kind in self.syntax.cases:
                body = parent
                for _ in range(2):  # Java's label sits in its group, C#'s in its section
                    if body.parent is not None and body.parent.type in _CASE_BODIES:
                        body = body.parent
                return self.answers(body)
            if kind in ("unless", "unless_modifier"):
                return True  # Ruby's ``return body unless status == 401``: what follows answers
            if kind in _IFS:
                condition = parent.child_by_field_name("condition")
                if condition is None or not (
                    condition.start_byte <= node.start_byte and node.end_byte <= condition.end_byte
                ) or _NEGATED.search(self.a.text_of(condition)):
                    return True
                guarded = (parent.child_by_field_name("consequence")
                           or parent.child_by_field_name("body"))
                if guarded is None:
                    return True
                return self.answers(guarded)
            if kind in self.syntax.functions:
                return True
            current = parent
        return True

    def answers(self, guarded: ts.Node) -> bool:
        """:func:`answers_with_new_token` for a guarded node; calling the function it is in
        again (named from the file's context ranges, not by walking up the tree) is a retry."""
        a = self.a
        context = context_at(a.ranges, a.span(guarded).line)
        return answers_with_new_token(a.text_of(guarded), context.rsplit(".", 1)[-1] or None)

    def status_check(self, node: ts.Node) -> bool:
        current: ts.Node | None = node
        for _ in range(4):
            current = current.parent if current is not None else None
            if current is None:
                return False
            kind = current.type
            if kind in self.syntax.cases:
                return True
            if kind in self.syntax.comparisons:
                operator = current.child_by_field_name("operator")
                ops = [operator] if operator is not None else [
                    c for c in current.children if not c.is_named]
                if any(self.a.text_of(op) in COMPARE_OPERATORS for op in ops):
                    return True
                continue
            if kind in self.syntax.calls:
                name, _ = self.a.lc_call(current)
                return name in CONTAINS_CALLS
            if kind in self.syntax.functions or kind.endswith("statement"):
                return False
        return False

    def refresh_facts(self) -> None:
        """``"refresh_token"`` (a grant type, a body key) outside messages and comments, and a
        token response's refresh token read as a field (``creds.RefreshToken``,
        ``data.refreshToken``, ``response.getRefreshToken()``)."""
        a = self.a
        for match in _REFRESH_FIELD.finditer(a.data):
            if self.in_comment(match.start()):
                continue
            field_node = self.root.descendant_for_byte_range(match.start(), match.end() - 1)
            parent = field_node.parent if field_node is not None else None
            if field_node is None or parent is None or parent.type not in _MEMBER_TYPES:
                continue
            own_call = parent.type in ("method_invocation", "member_call_expression")
            field = parent.child_by_field_name("name") if own_call else parent.named_children[-1]
            if field is None or field.id != field_node.id or self.in_message(field_node):
                continue
            call = parent.parent
            called = own_call or (call is not None and call.type in self.syntax.calls
                                  and call.named_children[0].id == parent.id)
            if called != (a.text_of(field_node) == "getRefreshToken"):
                continue  # ``this.refreshToken()`` is the integration's own function
            span = a.span(parent)
            a.facts.append(RefreshTokenUse(span, context_at(a.ranges, span.line),
                                           "refresh_token"))
        for match in REFRESH_TOKEN.finditer(a.data):
            if self.in_comment(match.start()):
                continue
            node: ts.Node | None = self.root.descendant_for_byte_range(match.start(),
                                                                       match.end())
            if node is not None and node.type in _KEY_TYPES and a.text_of(node).lstrip(
                ":") == "refresh_token":
                # ``{ refresh_token: … }``, ``body.refresh_token``, Ruby ``refresh_token:``
                if not self.in_message(node):
                    span = a.span(node)
                    a.facts.append(RefreshTokenUse(span, context_at(a.ranges, span.line),
                                                   "refresh_token"))
                continue
            string = None
            for _ in range(3):
                if node is None:
                    break
                if node.type in self.syntax.strings:
                    string = node
                    break
                node = node.parent
            if string is None:
                continue
            text = a.literal(string)
            if text is None or (text != "refresh_token" and "grant_type=refresh_token" not in text):
                continue
            if self.in_message(string):
                continue
            span = a.span(string)
            a.facts.append(RefreshTokenUse(span, context_at(a.ranges, span.line),
                                           "refresh_token"))

    def in_message(self, node: ts.Node) -> bool:
        return in_message(self.a, node, self.syntax.functions, self.syntax.calls)
