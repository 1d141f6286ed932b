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

:class:`TokenCollector` is put together from layers, one concern each, over the shared walk
record of :mod:`~oinlint.frontends.python.tokenwalk`: which calls are token requests
(:mod:`~oinlint.frontends.python.tokenrequests`), where their token goes
(:mod:`~oinlint.frontends.python.tokentrace`), what the file does with other modules' results
(:mod:`~oinlint.frontends.python.tokenhandoffs`) and the transport and hygiene facts
(:mod:`~oinlint.frontends.python.transport`) and how long the process lives
(:mod:`~oinlint.frontends.python.processshape`). This module holds the walk hooks that feed more
than one layer, and the order in which they are resolved after the walk.
"""

from __future__ import annotations

from typing import Final

from oinlint.facts import Fact, RefreshTokenUse
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import attr_name, dotted_chain, keyword_arg, positional_values
from oinlint.frontends.python.processshape import ProcessShapes
from oinlint.frontends.python.tokenhandoffs import TokenHandoffs
from oinlint.frontends.python.tokenrequests import BODY_KEYWORDS, TokenRequests
from oinlint.frontends.python.tokenwalk import HTTP_METHODS, CallSite, RequestCandidate
from oinlint.frontends.python.transport import TransportFacts
from oinlint.frontends.python.values import Resolver, literal_string
from oinlint.frontends.shared.vocabulary import TOKEN_RENEWER

__all__ = ["TokenCollector"]

TOKEN_POSTS: Final = frozenset({"post", "request", "request_encode_body", "fetch", "Request"})
CLOCK_CALLS: Final = frozenset({
    "time", "monotonic", "now", "utcnow", "time_ns", "monotonic_ns", "perf_counter",
})


class TokenCollector(TokenRequests, TokenHandoffs, TransportFacts, ProcessShapes):
    """Collects token requests and transport / hygiene facts for one Python file.

    The walk hooks that serve several layers live here: an assignment may turn verification
    off, a string may be a grant type, a URL or an expiry key, a call may be a token request,
    a clock, a log of a secret or an HTTP call.
    """

    def visit_Assign(self, node: tree.Assign) -> None:
        for target in node.targets:
            self.func.assigns.append((target.target, node.value))
            self._verify_assignment(target.target, node.value)
        if len(node.targets) == 1 and isinstance(node.targets[0].target, tree.Name):
            self.assigning.append(node.targets[0].target.value)
        else:
            self.assigning.append("")

    def leave_Assign(self, original_node: tree.Assign) -> None:
        self.assigning.pop()

    def visit_SimpleString(self, node: tree.SimpleString) -> None:
        text = literal_string(node)
        if text is None:
            return
        lowered = text.lower()
        if lowered in ("expires_in", "exp", "expiresin", "expires_on", "expireson"):
            if not self.assertion:
                self.func.flags.add("expires")
        elif lowered in ("x-rate-limit-reset", "retry-after", "x-rate-limit-remaining"):
            self._handling(node, "rate-limit-header")
        elif lowered in ("next", "after") or 'rel="next"' in lowered or (
                "?after=" in lowered or "&after=" in lowered):
            self._handling(node, "pagination")  # a next link, or Okta's ``after`` cursor
        elif lowered == "client_credentials" or "grant_type=client_credentials" in lowered:
            self.client_credentials = True
        if (lowered == "refresh_token" or "grant_type=refresh_token" in lowered) and (
            not self.primary.message_depth
        ):
            self.facts.append(RefreshTokenUse(self.primary.span(node),
                                              self.primary.context, "refresh_token"))
        if text.startswith(("http://", "https://")) and not self.primary.message_depth:
            self._url_literal(node, text)

    def visit_Call(self, node: tree.Call) -> None:
        func = self.func
        name = attr_name(node.func)
        qualified = self.primary.qualify(node.func) or ""
        receiver: str | None = None
        if isinstance(node.func, tree.Attribute):
            receiver = dotted_chain(node.func.value) or "?"
        if name is not None:
            func.sites.append(CallSite(node, name, receiver, func, self.in_loop, func.guards > 0,
                                       self.in_org_loop))
        self.enter_signing(node, name, receiver)
        if self._is_clock(name, qualified, receiver):
            self.clock_read()
        self._message(node, name, receiver)
        self._transport(node, name)
        self._shape_call(node, name, qualified)
        self._timer(node, name, receiver)
        if name == "BackendApplicationClient":
            self.client_credentials = True  # oauthlib's client-credentials client
        if name == "refresh_token":
            # an OAuth library's refresh (``oauth.refresh_token(url)``), unless the module
            # defines it: then it is the integration's own renewal (decided after the walk)
            self.refresh_calls.append((self.primary.span(node), self.primary.context, receiver))
        kind: str | None = None
        if name in TOKEN_POSTS:
            kind = "http"
        elif name == "fetch_token" and isinstance(node.func, tree.Attribute):
            kind = "fetch_token"
        elif qualified.endswith(("OAuth2ClientCredentials", "OktaClientCredentials")):
            kind = "httpx-auth"
        elif qualified == "okta.client.Client":
            kind = "okta-sdk"
        elif name is not None and any(a.keyword is not None and a.keyword.value in BODY_KEYWORDS
                                      for a in node.args):
            kind = "wrapper"  # the integration's own HTTP helper, handed a body
        if kind is not None:
            self.requests.append(RequestCandidate(node, func, self.primary.scope, kind,
                                                  self.in_loop, func.guards > 0))
        if name in HTTP_METHODS:
            func.http.append((node, self.primary.scope))

    def _timer(self, node: tree.Call, name: str | None, receiver: str | None) -> None:
        """A function a timer runs again and again: ``threading.Timer(3000, refresh)``,
        ``schedule.every(50).minutes.do(refresh)``, ``scheduler.add_job(refresh, "interval",
        …)``, ``loop.call_later(3000, refresh)``. It renews the token on an assumed lifetime
        (a guess, unless the delay is computed from ``expires_in``)."""
        callback: tree.BaseExpression | None = None
        positional = positional_values(node)
        if name == "Timer" or name == "call_later":
            callback = positional[1] if len(positional) > 1 else None
        elif name == "do" and "every" in (receiver or ""):
            callback = positional[0] if positional else None
        elif name == "add_job":
            found = keyword_arg(node, "func")
            callback = found.value if found is not None else (
                positional[0] if positional else None)
        if callback is None:
            return
        target = attr_name(callback)
        if target is None:
            return
        text = self.primary.lines.text[node.start:node.end]
        derived = "expires" in text.lower()
        self.timers[target] = self.timers.get(target, False) or derived

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

    # -- after the walk --------------------------------------------------------------------

    def finish(self) -> list[Fact]:
        resolver = Resolver()
        self.settle_clocks()
        own = any(f.name == "refresh_token" for f in self.funcs)
        for span, context, receiver in self.refresh_calls:
            if not (own and receiver in (None, "self", "cls")):
                self.facts.append(RefreshTokenUse(span, context, "refresh_token()"))
        for func in self.funcs:
            if func.name in self.timers and TOKEN_RENEWER.search(func.name):
                func.flags.add("clock")  # renewed on a timer
                if self.timers[func.name]:
                    func.flags.add("expires")
        for request in self.requests:
            fact = self._resolve(request, resolver)
            if fact is not None:
                self.facts.append(fact)
        self.facts.extend(self.handoffs())
        for func in (self.module, *self.funcs):
            for call, scope in func.http:
                use = self._api_use(call, scope, resolver)
                if use is not None:
                    self.facts.append(use)
        return self.facts
