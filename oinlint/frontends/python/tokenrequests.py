"""What is an OAuth 2.0 client-credentials token request in Python (a token collector layer).

requests / httpx / aiohttp / urllib3 POSTs to ``…/oauth2/…/v1/token`` with a
``client_credentials`` grant, authlib and requests-oauthlib ``fetch_token``, httpx-auth and
okta-sdk-python in ``Bearer`` mode. For each, the ``TokenRequest`` fact: the authorization
server, how the client authenticates, redirects and TLS verification on the request, and, from
:class:`~oinlint.frontends.python.tokentrace.TokenTrace`, how the token is cached and whether
its expiry is honoured.
"""

from __future__ import annotations

import re
from typing import Final

from oinlint.facts import (
    USER_GRANTS,
    AuthServerKind,
    ClientAuth,
    Fact,
    Span,
    TokenRequest,
    TransportSetting,
    Unresolved,
)
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import (
    attr_name,
    bool_literal,
    dotted_chain,
    keyword_arg,
    positional_values,
)
from oinlint.frontends.python.tokentrace import ENTRY_NAME, TokenTrace, token_caching
from oinlint.frontends.python.tokenwalk import FunctionRecord, RequestCandidate
from oinlint.frontends.python.values import DictEntry, LexicalScope, Resolver
from oinlint.frontends.shared.lifetime import guessed_lifetime, lifetime_value

__all__ = ["TokenRequests"]

BODY_KEYWORDS: Final = ("data", "json", "body", "fields", "content", "params")
# where the integration's own HTTP helper is handed its URL
_WRAPPER_URL_KEYWORDS: Final = ("url", "full_url", "uri", "endpoint", "token_url", "url_suffix")
_VERBS: Final = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
_GRANT_IN_TEXT = re.compile(r"grant_type=(?P<grant>[a-z_]+)")
_CUSTOM_AS = re.compile(r"/oauth2/(?P<server>[^/]+)/v1/token/?$")
_ORG_AS = re.compile(r"/oauth2/v1/token/?$")


# a clock read, as text (the walk's own test is by the call's resolved name)
_CLOCK: Final = re.compile(
    r"\b(?:time\.(?:time|monotonic|time_ns|monotonic_ns|perf_counter)|datetime\.(?:now|utcnow)"
    r"|\w+\.now|utcnow|monotonic|time)\s*\(")


class TokenRequests(TokenTrace):
    """Turns the candidate calls into ``TokenRequest`` facts (after the walk)."""

    def _resolve(self, request: RequestCandidate, resolver: Resolver) -> Fact | None:
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
        if request.kind == "wrapper":
            return self._wrapper_request(request, resolver)
        return self._http(request, resolver, "http")

    def _wrapper_request(self, request: RequestCandidate, resolver: Resolver) -> Fact | None:
        """A call of the integration's own HTTP helper (``self._http_request(method="POST",
        full_url=TOKEN_URL, data={"grant_type": "client_credentials"})``): a token request when
        its body names the client-credentials grant (its URL is whatever it is handed)."""
        call = request.call
        url: tree.BaseExpression | None = None
        found = keyword_arg(call, *_WRAPPER_URL_KEYWORDS)
        if found is not None:
            url = found.value
        else:
            for value in positional_values(call):
                text = resolver.string(value, request.scope)
                if text is None or (text.literal or "").upper() not in _VERBS:
                    url = value
                    break
        entries, body_text = self._body(call, request.scope, resolver)
        grant = _entry_text(entries, "grant_type", resolver)
        if grant is None and body_text is not None:
            match = _GRANT_IN_TEXT.search(body_text)
            grant = match.group("grant") if match else None
        if grant != "client_credentials":
            return None
        return self._http(request, resolver, "http", url_expr=url)

    def _url(self, call: tree.Call, request: RequestCandidate, index: int, *keys: str
             ) -> tree.BaseExpression | None:
        arg = keyword_arg(call, *keys) if keys else None
        if arg is not None:
            return arg.value
        positional = positional_values(call)
        return positional[index] if index < len(positional) else None

    def _library(self, request: RequestCandidate, resolver: Resolver, via: str,
                 index: int, *keys: str) -> Fact:
        url = self._url(request.call, request, index, *keys)
        template = resolver.string(url, request.scope) if url is not None else None
        kind = _server_kind(template.template if template else None)
        return TokenRequest(
            self.primary.span(request.call), request.func.context, kind,
            template.template if template else None, "client_credentials", "unknown",
            caching="library", expiry_honoured=True, retry_on_401=True, via=via,
            url_span=self.primary.span(url) if url is not None else None)

    def _sdk_bearer(self, request: RequestCandidate, resolver: Resolver) -> Fact | None:
        """okta-sdk-python in Bearer mode: the client holds one access token for its life."""
        positional = positional_values(request.call)
        config = positional[0] if positional else None
        keyword = keyword_arg(request.call, "user_config")
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
        if mode is None:
            return None
        if mode.lower() in ("privatekey", "jwt"):
            return self._sdk_oauth(request)
        if mode.lower() != "bearer":
            return None
        trace = self._trace(request.func, {id(request.call)}, 0, request)
        caching = token_caching(trace)
        return TokenRequest(
            self.primary.span(request.call), request.func.context, "unknown", None,
            "client_credentials", "unknown", caching=caching, expiry_honoured=False,
            retry_on_401=self.file_401, in_loop=trace.in_loop, per_call=False,
            via="okta-sdk-bearer",
            site=self.primary.span(trace.site) if trace.site is not None else None)

    def _sdk_oauth(self, request: RequestCandidate) -> Fact:
        """okta-sdk-python in ``PrivateKey`` mode: each client gets and renews its own token.
        Kept, it is fine (the SDK honours ``expires_in``); made anew in the function that calls
        the API, it is one token request per call (OIN304)."""
        trace = self._trace(request.func, {id(request.call)}, 0, request)
        chained = any(isinstance(site.call.func, tree.Attribute)
                      and site.call.func.value is request.call for site in request.func.sites)
        if chained and self._api_function(request.func, 0) and not ENTRY_NAME.match(
                request.func.name):
            # ``await OktaClient(config).list_groups()``: a client for this one call
            trace.per_call = True
            trace.stores.add("local")
        return TokenRequest(
            self.primary.span(request.call), request.func.context, "org", None,
            "client_credentials", "private-key-jwt", caching=token_caching(trace),
            expiry_honoured=True, retry_on_401=True, in_loop=trace.in_loop,
            per_call=trace.per_call, via="okta-sdk-oauth",
            site=self.primary.span(trace.site) if trace.site is not None else None,
            expiry_read=True, clock_used=True,
            fetch_sites=tuple(self.primary.span(c) for c in trace.bad),
            exported_by=trace.exported.context if trace.exported is not None else None)

    def _http(self, request: RequestCandidate, resolver: Resolver, via: str,
              url_expr: tree.BaseExpression | None = None) -> Fact | None:
        call = request.call
        name = attr_name(call.func)
        positional = positional_values(call)
        url: tree.BaseExpression | None = None
        if request.kind == "wrapper":
            url = url_expr
        elif name in ("request", "request_encode_body", "Request", "fetch") and via == "http":
            method = positional[0] if positional else None
            method_text = resolver.string(method, request.scope) if method is not None else None
            if name != "Request" and name != "fetch":
                if method_text is None or (method_text.literal or "").upper() != "POST":
                    keyword = keyword_arg(call, "method")
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
        keyword_grant = keyword_arg(call, "grant_type")
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
        if grant in USER_GRANTS:
            # a user's sign-in (as the tree-sitter front ends record it): its refresh token is
            # the user's, not the client-credentials code's (OIN305); not followed further
            return TokenRequest(self.primary.span(call), request.func.context,
                                _server_kind(text), text, grant, "unknown")
        if grant != "client_credentials":
            return None
        if not token_url and text is not None and "/api/" in text and not text.split(
                "?", 1)[0].rstrip("/").endswith("/token"):
            # an API call that happens to send a grant (Jamf's ``/api/oauth/token`` is a
            # token endpoint all the same)
            return None
        client_auth: ClientAuth = "unknown"
        keys = {e.key for e in entries or [] if e.key}
        if keyword_arg(call, "auth", "client_secret") is not None and keyword_arg(
            call, "auth") is not None:
            client_auth = "basic"
        elif "client_assertion" in keys or (body_text and "client_assertion=" in body_text):
            client_auth = "private-key-jwt"
        elif "client_secret" in keys or (body_text and "client_secret=" in body_text) or (
            keyword_arg(call, "client_secret") is not None):
            client_auth = "body-secret"
        elif self._basic_header(call, request.scope, resolver):
            client_auth = "basic"
        redirect = self.redirects.get(id(call))
        follow: bool | None = None
        for key in ("follow_redirects", "allow_redirects"):
            arg = keyword_arg(call, key)
            if arg is not None:
                follow = bool_literal(arg.value)
        if redirect is not None:
            self.facts.append(TransportSetting(self.primary.span(redirect[0]),
                                               request.func.context, "follow-redirects",
                                               "token", f"{redirect[0].keyword.value}=True"
                                               if redirect[0].keyword else ""))
        verify: bool | None = None
        verify_arg = keyword_arg(call, "verify", "ssl")
        if verify_arg is not None:
            verify = bool_literal(verify_arg.value)
        self.token_calls.add(id(call))
        trace = self._trace(request.func, {id(call), *_response_reads(request.func, call)}, 0,
                            request)
        related = self._related(trace, request.func)
        expiry = any("expires" in f.flags for f in related)
        clock = any("clock" in f.flags for f in related)
        if any(d == "ttl_cache" for f in trace.funcs for d in f.decorators):
            clock = True
        caching = token_caching(trace)
        lifetime = self.primary.span(trace.lifetime) if trace.lifetime is not None else (
            self.fixed_lifetime(related) if clock and not expiry else None)
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
            fetch_sites=tuple(self.primary.span(c) for c in trace.bad), held_by=trace.held,
            exported_by=trace.exported.context if trace.exported is not None else None,
            served_by=trace.served.context if trace.served is not None else None,
            lifetime_span=lifetime)

    def fixed_lifetime(self, related: list[FunctionRecord]) -> Span | None:
        """Where the guessed lifetime of a token renewed on a clock is written, in the
        functions that handle it (:mod:`~oinlint.frontends.shared.lifetime`): a module
        constant (``TOKEN_LIFE_TIME = timedelta(minutes=58)``), or the number after a clock
        read (``time.time() + 3000``)."""
        text = self.primary.lines.text
        constants = self._lifetime_constants
        if constants is None:  # made once per file, after the walk
            assigned = {t.value for f in self.funcs for t, _ in f.assigns
                        if isinstance(t, tree.Name)}
            assigned |= {name for f in self.funcs for name in f.globals}
            constants = self._lifetime_constants = {
                t.value: (v.start, v.end) for t, v in self.module.assigns
                if isinstance(t, tree.Name) and t.value not in assigned
                and lifetime_value(text[v.start:v.end])}
        ranges = [(f.start, f.end) for f in related if f.end > f.start]
        found = guessed_lifetime(text, ranges, _CLOCK, constants)
        if found is None:
            return None
        line, column = self.primary.lines.position(found[0])
        end_line, end_column = self.primary.lines.position(found[1])
        return Span(self.primary.path, line, column, end_line, end_column)

    def _body(self, call: tree.Call, scope: LexicalScope, resolver: Resolver
              ) -> tuple[list[DictEntry] | None, str | None]:
        for key in BODY_KEYWORDS:
            arg = keyword_arg(call, key)
            if arg is None:
                continue
            entries = resolver.dict_entries(arg.value, scope)
            if entries is not None:
                return entries, None
            value = resolver.string(arg.value, scope)
            if value is not None:
                return None, value.template
            if isinstance(arg.value, tree.Call) and attr_name(arg.value.func) in (
                "urlencode", "encode", "dumps", "FormData"  # ``json.dumps(payload)``
            ):
                inner = positional_values(arg.value)
                if inner:
                    found = resolver.dict_entries(inner[0], scope)
                    if found is not None:
                        return found, None
        return None, None

    def _basic_header(self, call: tree.Call, scope: LexicalScope, resolver: Resolver) -> bool:
        headers = keyword_arg(call, "headers")
        if headers is None:
            return False
        for entry in resolver.dict_entries(headers.value, scope) or []:
            if entry.key is not None and entry.key.lower() == "authorization":
                value = resolver.string(entry.value, entry.scope)
                return value is not None and value.prefix.strip().lower().startswith("basic")
        return False


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


def _response_reads(func: FunctionRecord, call: tree.Call) -> set[int]:
    """Where the response of a request that returns nothing is read: http.client's
    ``conn.request("POST", …)`` then ``conn.getresponse()`` on the same connection."""
    if not isinstance(call.func, tree.Attribute) or all(c is not call for c in func.bare):
        return set()
    receiver = dotted_chain(call.func.value)
    if receiver is None:
        return set()
    return {id(site.call) for site in func.sites
            if site.callee == "getresponse" and site.receiver == receiver}
