"""Transport and hygiene facts of Python code, found as the walk passes (a token collector layer).

TLS verification turned off (``verify=False``, ``ssl=False``, ``CERT_NONE``, an unverified
context), ``http://`` Okta URLs and hard-coded org URLs, redirects followed (kept for the token
request they belong to), secrets handed to ``print``, a logger or an exception's text, 401 /
429 / rate-limit / pagination handling, and direct HTTP calls to ``/api/v1/`` (``HttpApiUse``,
for the 429 and pagination rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from oinlint.facts import (
    Fact,
    HardcodedOrg,
    HttpApiUse,
    ResponseHandling,
    SecretLogged,
    TransportSetting,
)
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import (
    attr_name,
    bool_literal,
    dotted_chain,
    keyword_arg,
    positional_values,
)
from oinlint.frontends.python.tokenwalk import HTTP_VERBS, TokenWalk
from oinlint.frontends.python.values import LexicalScope, Resolver, literal_string
from oinlint.frontends.shared.refetch import TOKEN_ERROR, answers_with_new_token
from oinlint.frontends.shared.transport import (
    LOG_RECEIVER,
    is_secret_name,
    okta_org_host,
    plain_http_okta,
)
from oinlint.frontends.shared.vocabulary import PAGER_NAME

__all__ = ["TransportFacts"]

LOG_METHODS: Final = frozenset({"debug", "info", "warning", "warn", "error", "exception",
                                "critical", "fatal", "log"})
_MAX_CHECKS: Final = 256
_UNAUTHORIZED_NAMES: Final = frozenset({"UNAUTHORIZED", "HTTP_401_UNAUTHORIZED", "unauthorized"})
_EXCEPTION = re.compile(r"(?:Error|Exception)$")
# A variable named for the next page (``next_url``, ``nextLink``, ``next_cursor``).
_NEXT_PAGE_NAME = re.compile(r"next_?(?:[Uu]rl|URL|[Ll]ink|[Cc]ursor|[Pp]age_?[Uu]rl)")
# ``/api/v1/``, or ``{}api/v1/`` after a base URL that ends with a slash.
_API_V1 = re.compile(r"(?:/|^|\{\})api/v1/")


def _subnodes(node: tree.Node) -> Iterator[tree.Node]:
    stack: list[tree.Node] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


class TransportFacts(TokenWalk):
    """Transport settings, response handling, logged secrets and direct API use."""

    def visit_Attribute(self, node: tree.Attribute) -> None:
        attr = node.attr.value
        if attr in ("expires_in", "expiresIn"):
            if not self.assertion:
                self.func.flags.add("expires")
        elif attr in ("TOO_MANY_REQUESTS", "HTTP_429_TOO_MANY_REQUESTS", "too_many_requests"):
            self._handling(node, "429")
        elif attr in ("links", "next_link", "has_next"):
            self._handling(node, "pagination")

    def visit_Name(self, node: tree.Name) -> None:
        super().visit_Name(node)
        if _NEXT_PAGE_NAME.fullmatch(node.value):
            self._handling(node, "pagination")

    def _paging_call(self, node: tree.Call, name: str | None) -> None:
        """A pager's call (``paginate(…)``, ``get_all_pages(…)``) or Okta's ``after`` cursor
        handed on as a keyword (``params=dict(after=cursor)``)."""
        if (name is not None and PAGER_NAME.fullmatch(name)) or any(
                arg.keyword is not None and arg.keyword.value == "after" for arg in node.args):
            self._handling(node, "pagination")

    def _handling(self, node: tree.Node, kind: str) -> None:
        if kind == "401":
            self.file_401 = True
        elif kind == "401-unanswered":
            self.facts.append(ResponseHandling(self.primary.span(node), self.primary.context,
                                               "401-unanswered"))
            return
        self.func.flags.add(kind)
        self.facts.append(ResponseHandling(self.primary.span(node), self.primary.context,
                                           kind))  # type: ignore[arg-type]

    def visit_Integer(self, node: tree.Integer) -> None:
        if node.value == "429" and "429" not in self.func.flags:
            self._handling(node, "429")

    def visit_Comparison(self, node: tree.Comparison) -> None:
        """A 401 status check (``== 401``, ``in (401, 403)``, ``== HTTPStatus.UNAUTHORIZED``):
        answered when the ``if`` it is the condition of gets a new token (or when what
        follows it cannot be told: a negated check, a predicate, a ``while``)."""
        for sub in _subnodes(node):
            if (isinstance(sub, tree.Integer) and sub.value == "401") or (
                isinstance(sub, tree.Attribute) and sub.attr.value in _UNAUTHORIZED_NAMES
            ):
                self._handling(node, "401" if self._answered(node) else "401-unanswered")
                return

    def visit_If(self, node: tree.If) -> None:
        """``if "Invalid access token" in e.message: self.token = self._fetch()``: an error
        that says the token is no longer good, answered with a new one, answers a 401."""
        super().visit_If(node)
        text = self.primary.lines.text
        if self.checks_401 < _MAX_CHECKS and TOKEN_ERROR.search(
                text[node.test.start:node.test.end]):
            self.checks_401 += 1
            if answers_with_new_token(text[node.body.start:node.body.end],
                                      self.func.name or None):
                self._handling(node.test, "401")

    def visit_ExceptHandler(self, node: tree.ExceptHandler) -> None:
        """``except TokenExpiredError: self._refresh(); return self.get(path)``."""
        text = self.primary.lines.text
        if node.type is not None and self.checks_401 < _MAX_CHECKS \
                and TOKEN_ERROR.search(text[node.type.start:node.type.end]):
            self.checks_401 += 1
            if answers_with_new_token(text[node.body.start:node.body.end],
                                      self.func.name or None):
                self._handling(node.type, "401")

    def _answered(self, node: tree.Comparison) -> bool:
        self.checks_401 += 1  # generated code: past the first checks, each counts as answered
        if self.checks_401 > _MAX_CHECKS:
            return True
        guard = self.guarded_by(node)
        if guard is None or any(t.operator in ("!=", "not in", "is not")
                                for t in node.comparisons):
            return True
        body = self.primary.lines.text[guard.body.start:guard.body.end]
        return answers_with_new_token(body, self.func.name or None)

    def visit_FormattedString(self, node: tree.FormattedString) -> None:
        if self.primary.message_depth or not node.parts:
            return
        if any(isinstance(p, tree.FormattedStringText) and ("?after=" in p.value
                                                            or "&after=" in p.value)
               for p in node.parts):
            self._handling(node, "pagination")  # ``f"{url}?after={cursor}"``
        first = node.parts[0]
        if isinstance(first, tree.FormattedStringText) and first.value.startswith("http://"):
            rest = "".join(p.value if isinstance(p, tree.FormattedStringText) else "{}"
                           for p in node.parts)
            self._url_literal(node, rest)

    def _url_literal(self, node: tree.Node, text: str) -> None:
        if plain_http_okta(text):
            self.facts.append(TransportSetting(self.primary.span(node), self.primary.context,
                                               "http-url", "any", text[:80]))
        host = okta_org_host(text)
        if host is not None:
            self.facts.append(HardcodedOrg(self.primary.span(node), self.primary.context, host))

    def _transport(self, node: tree.Call, name: str | None) -> None:
        self._paging_call(node, name)
        if name in ("decode", "jwt_decode", "verify_jwt"):
            return
        for arg in node.args:
            if arg.keyword is None:
                continue
            keyword = arg.keyword.value
            value = bool_literal(arg.value)
            off = keyword in ("verify", "ssl", "verify_ssl", "ssl_verify") and value is False
            if off or (keyword == "cert_reqs" and "CERT_NONE" in (
                literal_string(arg.value) or dotted_chain(arg.value) or "")
            ):
                self.facts.append(TransportSetting(self.primary.span(arg), self.primary.context,
                                                   "verify-off", "any", keyword))
            elif keyword in ("follow_redirects", "allow_redirects") and value is True:
                self.redirects[id(node)] = (arg, True)
        if name == "_create_unverified_context":
            self.facts.append(TransportSetting(self.primary.span(node), self.primary.context,
                                               "verify-off", "any", "unverified context"))

    def _verify_assignment(self, target: tree.BaseExpression, value: tree.BaseExpression) -> None:
        attr = target.attr.value if isinstance(target, tree.Attribute) else None
        if attr in ("verify", "check_hostname") and bool_literal(value) is False:
            self.facts.append(TransportSetting(self.primary.span(target), self.primary.context,
                                               "verify-off", "any", attr or ""))
        elif attr == "verify_mode" and "CERT_NONE" in (dotted_chain(value) or ""):
            self.facts.append(TransportSetting(self.primary.span(target), self.primary.context,
                                               "verify-off", "any", attr))

    def _message(self, node: tree.Call, name: str | None, receiver: str | None) -> None:
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
                name = dotted_chain(found)
                if isinstance(found, tree.Subscript):
                    owner = dotted_chain(found.value) or "…"
                    key = found.slice[0].slice
                    text = literal_string(key.value) if isinstance(key, tree.Index) else None
                    name = f"{owner}[{text!r}]"
                self.facts.append(SecretLogged(self.primary.span(found), self.primary.context,
                                               name or "?", sink))

    def _secret_refs(self, expr: tree.BaseExpression) -> Iterator[tree.BaseExpression]:
        stack: list[tree.Node] = [expr]
        while stack:
            node = stack.pop()
            if isinstance(node, tree.Call):
                # only string building passes a value on; other calls (an API call, len())
                # turn it into something else
                called = attr_name(node.func)
                if called in ("format", "str", "repr", "join", "dumps"):
                    stack.extend(a.value for a in node.args)
                    if isinstance(node.func, tree.Attribute):
                        stack.append(node.func.value)
                continue
            if isinstance(node, tree.Subscript | tree.Attribute | tree.Name):
                name = attr_name(node) if not isinstance(node, tree.Subscript) else None
                if isinstance(node, tree.Subscript):
                    key: str | None = None
                    if len(node.slice) == 1 and isinstance(node.slice[0].slice, tree.Index):
                        key = literal_string(node.slice[0].slice.value)
                    if key is not None and is_secret_name(key):
                        yield node
                    continue
                if name is not None and is_secret_name(name):
                    yield node
                continue
            if isinstance(node, tree.FormattedStringExpression):
                stack.append(node.expression)
                continue
            stack.extend(node.children)

    # -- after the walk --------------------------------------------------------------------

    def _api_use(self, call: tree.Call, scope: LexicalScope, resolver: Resolver) -> Fact | None:
        """A direct HTTP call to ``…/api/v1/…`` (for the 429 and pagination rules)."""
        if id(call) in self.token_calls:
            return None
        name = attr_name(call.func) or ""
        positional = positional_values(call)
        method = name.upper()
        if positional and (literal_string(positional[0]) or "").upper() in HTTP_VERBS:
            method = (literal_string(positional[0]) or "").upper()
            positional = positional[1:]
        elif name in ("request", "send", "stream", "fetch", "urlopen", "request_encode_body"):
            return None
        url = keyword_arg(call, "url")
        target = url.value if url is not None else (positional[0] if positional else None)
        if target is None or method not in HTTP_VERBS:
            return None
        value = resolver.string(target, scope)
        text = value.template if value is not None else ""
        found = _API_V1.search(text)
        if found is None:
            return None
        return HttpApiUse(self.primary.span(call), self._context_of(call), method,
                          "/" + text[found.end() - 7:].split("?", 1)[0])

    def _context_of(self, call: tree.Call) -> str:
        for func in self.funcs:
            if any(c is call for c, _ in func.http):
                return func.context
        return ""
