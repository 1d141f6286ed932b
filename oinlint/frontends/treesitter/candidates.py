"""What the walk recorded, resolved into facts once every name in the file is bound.

Header candidates become :class:`~oinlint.facts.AuthHeader` facts when their key is
``Authorization`` (a standalone one becomes a value position otherwise); values built where a
value goes become one when they read ``SSWS <credential>`` or ``Authorization: <scheme> …``;
HTTP calls become token requests (with their scope list and an explicit redirect opt-in),
Okta API calls or ``Unresolved`` facts; scope lists become :class:`~oinlint.facts.ScopeList`
facts. Running after the walk is what lets a constant defined below its use resolve.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

import tree_sitter as ts

from oinlint.credentials import is_placeholder
from oinlint.facts import (
    ApiCall,
    AuthHeader,
    AuthServerKind,
    ClientAuth,
    HttpApiUse,
    ScopeList,
    ScopeRef,
    TokenRequest,
    TransportSetting,
    Unresolved,
)
from oinlint.frontends.shared.vocabulary import AUTH_SCHEMES, INCOMING_TOKEN, WRAPPER_METHOD
from oinlint.frontends.treesitter.analyzer import (
    CONDITIONALS,
    Analyzer,
    HelperCall,
    HttpCall,
    ValueCandidate,
)
from oinlint.frontends.treesitter.values import LexicalScope, StrValue, split_url
from oinlint.frontends.treesitter.walk import LAST_WORD, one_line
from oinlint.okta import match as match_operation
from oinlint.okta import normalise_path
from oinlint.okta.apiurl import method_from_name

__all__ = ["endpoint_kind", "resolve"]

_SSWS_VALUE: Final = re.compile(r"^\s*(?P<scheme>SSWS)\s+(?P<cred>\S+)\s*$")
_HEADER_LINE: Final = re.compile(
    r"^\s*(?P<header>authorization)\s*:\s*(?P<scheme>[A-Za-z][\w-]*)\s+(?P<cred>\S+)\s*$",
    re.IGNORECASE,
)
_TOKEN_PATH: Final = re.compile(r"/oauth2/(?:(?P<server>[^/]+)/)?v1/token\b")
# Okta's authorize and device authorize endpoints: a user's sign-in asks for scopes there
_AUTHORIZE_PATH: Final = re.compile(r"/oauth2/(?:[^/]+/)?v1/(?:device/)?authorize$")
_SCOPE_WORD: Final = re.compile(r"^(?:okta\.[A-Za-z]+(?:\.[A-Za-z]+)*|openid|profile|email"
                                r"|offline_access|groups|address|phone|device_sso)$")
_OKTA_API: Final = re.compile(r"/api/v1(?:/|$)|/integrations/api/|/oauth2/v1/clients(?:/|$)")
_FORM_PAIR: Final = re.compile(r"(?:^|[?&])([A-Za-z_]+)=([^&]*)")
_JSON_FIELD: Final = re.compile(r'"([A-Za-z_]+)"\s*:\s*"([^"\\]*)"')
# an API path with at least one segment after the version: what a wrapper is handed
_WRAPPED_API: Final = re.compile(r"/api/v1/[A-Za-z{]")
# a request URL that is the API prefix and then a hole (what the function was handed)
_PREFIX_HOLE: Final = re.compile(r"(/api/v1)/?\{\}")
_VERB: Final = re.compile(r"(?:^|[.:]|Method)(GET|POST|PUT|PATCH|DELETE)$", re.IGNORECASE)
# helper calls handed a client-credentials form looked at per file
_MAX_HELPER_FORMS: Final = 64
# the keys of a request's options that hold its body (``{ method: 'POST', body }``)
_BODY_KEYS: Final = frozenset({"body", "data", "form", "json"})
# how deep wrappers of wrappers are followed (``listUsers`` → ``get`` → ``request``)
_WRAPPER_DEPTH: Final = 4


def endpoint_kind(url: str) -> tuple[bool, AuthServerKind]:
    """(is a token endpoint, org/custom/unknown) for a URL template."""
    match = _TOKEN_PATH.search(url)
    if match is None:
        return False, "unknown"
    server = match.group("server")
    if server is None:
        return True, "org"
    return True, "custom"


def resolve(a: Analyzer) -> None:
    """Turn the candidates the walk recorded into facts (every name is bound by now)."""
    emitted: set[tuple[int, int]] = set()
    # a scheme chosen at run time (``useKey ? 'SSWS' : 'Bearer'``) may be the API token's
    a.prefer = _api_token_scheme
    for candidate in a.headers:
        if candidate.key is not None and not is_authorization_key(a, candidate.key,
                                                                  candidate.scope):
            if candidate.standalone:
                a.values.append(ValueCandidate(candidate.value, candidate.scope,
                                               candidate.context))
            continue
        value = a.value(candidate.value, candidate.scope)
        scheme = candidate.scheme or (
            value.first_word(AUTH_SCHEMES) if value is not None else None)
        if scheme is None and value is not None:
            match = _HEADER_LINE.match(value.marked())
            scheme = match.group("scheme") if match else None
        via = value.via if value is not None else "dict"
        a.facts.append(AuthHeader(a.span(candidate.value), candidate.context, scheme, via,
                                  passed_on=INCOMING_TOKEN.search(
                                      a.text_of(candidate.value)) is not None))
        emitted.add(a.key(candidate.value))
        # a conditional's branches are this header, not values of their own
        emitted.update(a.key(branch) for branch in candidate.value.named_children
                       if candidate.value.type in CONDITIONALS)
    for item in a.values:
        key = a.key(item.value)
        if key in a.consumed or key in emitted:
            continue
        value = a.value(item.value, item.scope)
        found = _standalone_auth(value) if value is not None else None
        if value is None or found is None:
            continue
        emitted.add(key)
        a.facts.append(AuthHeader(a.span(item.value), item.context, found, value.via))
    a.prefer = None
    a.http_calls.extend(_wrapper_token_requests(a))
    own = [c for c in a.http_calls if c.via.split(".", 1)[0] in _SELF_RECEIVERS]
    for call in a.http_calls:
        if not any(call is o for o in own):
            http_fact(a, call)
    prefixed = _api_prefix_wrappers(a)
    for call in own:
        name = call.via.split(".", 1)[1] if "." in call.via else ""
        if name in prefixed and call.url is not None:
            # ``$this->get('users')``: the class's own wrapper named ``get``, not a verb
            a.http_calls.remove(call)
            a.helper_calls.append(HelperCall(call.node, name, [call.url], call.scope,
                                             call.context))
        else:
            http_fact(a, call)
    calls = sorted([(c.node.start_byte, c.node.end_byte) for c in a.http_calls]
                   + [(n.start_byte, n.end_byte) for n in a.sdk_nodes])
    starts = [start for start, _ in calls]
    # Syntax nodes nest or are disjoint, and helpers come in source order, so "a taken call
    # around this one" is "the furthest end of the taken calls starting at or before it
    # reaches past its end", and "an HTTP or SDK call inside it" is the first such call
    # starting in it: no pass over every taken call per helper (quadratic on a 1 MB line).
    reach, passed = -1, 0
    for helper in sorted(a.helper_calls, key=lambda h: (h.node.start_byte, -h.node.end_byte)):
        start, end = helper.node.start_byte, helper.node.end_byte
        while passed < len(calls) and calls[passed][0] <= start:
            reach = max(reach, calls[passed][1])
            passed += 1
        first = bisect.bisect_left(starts, start)
        if reach >= end or (first < len(calls) and calls[first][1] <= end):
            continue  # an HTTP or SDK call, or a call around or inside one
        if helper_fact(a, helper, prefixed):
            reach = max(reach, end)
    for node, scope, context, role in a.scope_lists:
        if role == "constant" and a.key(node) in a.scope_nodes:
            continue
        refs = tuple(r for r in scope_refs(a, node, scope) if _SCOPE_WORD.match(r.name))
        if refs:
            a.facts.append(ScopeList(a.span(node), context, refs, role,
                                     _constant_name(a, node, scope) if role == "constant"
                                     else ""))
        elif role != "constant":
            a.scope_import(node, scope, context, role)
    a.project_facts()


def _constant_name(a: Analyzer, node: ts.Node, scope: LexicalScope) -> str:
    """The module-level name a scope constant is bound to (``export const SCOPES = [...]``),
    which other modules import it by; "" for anything else."""
    parent = node.parent
    target = parent.child_by_field_name("name") if parent is not None else None
    if scope.parent is not None or target is None or parent is None or \
            parent.type != "variable_declarator" or target.type != "identifier":
        return ""
    return a.text_of(target)


def value_of_header(key: ts.Node) -> ts.Node | None:
    """The value handed with a header name in a setter call (``addHeader(NAME, value)``)."""
    arguments = key.parent
    if arguments is None or arguments.type not in ("argument_list", "arguments"):
        return None
    items = [c for c in arguments.named_children if c.type != "comment"]
    return items[1] if len(items) == 2 and items[0] == key else None


def is_authorization_key(a: Analyzer, key: ts.Node, scope: LexicalScope) -> bool:
    """Is this header key ``Authorization`` (a literal, or a constant named like it)?"""
    value = a.value(key, scope)
    if value is not None and value.literal is not None:
        return value.literal.strip().lower() == "authorization"
    if value is not None and value.known:
        return False
    match = LAST_WORD.search(a.text_of(key))
    if match is not None and match.group(1).lower() == "authorization":
        return True
    # ``addHeader(OAuthConstants.HEADER, "Bearer " + token)``: a header whose name is not seen
    # but whose value is an authorization scheme and a credential
    given = value_of_header(key)
    sent = a.value(given, scope) if given is not None else None
    return sent is not None and sent.first_word() in ("Bearer", "SSWS") and not sent.literal


def http_fact(a: Analyzer, call: HttpCall) -> None:
    """An HTTP call: a token request (and its scopes), an Okta API call, or unresolved."""
    url = call.url_value
    if url is None and call.url is not None:
        url = a.value(call.url, call.scope)
    template = url.template if url is not None and url.known else None
    a.http_templates[a.key(call.node)] = template
    form: dict[str, ts.Node | None] = dict(call.form)
    literals: dict[str, str] = {}
    if call.form_text is not None:
        body = a.value(call.form_text, call.scope)
        if body is not None and body.known:
            for name, text in _form_pairs(body.template):
                literals[name] = text
                form.setdefault(name, None)
    if template is not None and "?" in template:
        # a query that says what the request is (``…/oauth2/token?grant_type=client_credentials``)
        for name, text in _form_pairs(template.split("?", 1)[1]):
            literals.setdefault(name, text)
            form.setdefault(name, None)
    is_token, kind = endpoint_kind(template) if template else (False, "unknown")
    if template is not None and _AUTHORIZE_PATH.search(template.split("?", 1)[0]) and (
            "scope" in form or "scope" in literals):
        # a user's sign-in asking Okta for scopes (OIN207 judges them): no token request
        _request_scopes(a, call, form, literals)
        return
    if is_token or "grant_type" in form:
        grant = form_text(a, form.get("grant_type"), call.scope) or literals.get(
            "grant_type") or call.grant
        client_auth: ClientAuth = "unknown"
        if call.basic:
            client_auth = "basic"
        elif "client_assertion" in form:
            client_auth = "private-key-jwt"
        elif "client_secret" in form:
            client_auth = "body-secret"
        scopes = _request_scopes(a, call, form, literals)
        a.token_requests.append((len(a.facts), call))
        a.facts.append(TokenRequest(
            a.span(call.node), call.context, kind, template, grant, client_auth, scopes,
            follow_redirects=call.follow_redirects, verify_tls=call.verify_tls,
            via=call.via, url_span=a.span(call.url) if call.url is not None else None))
        if call.follow_redirects and call.redirect is not None:
            a.facts.append(TransportSetting(
                a.span(call.redirect), call.context, "follow-redirects", "token",
                one_line(a.text_of(call.redirect))))
        return
    if template is None:
        return
    url_path = template.split("?", 1)[0].split("#", 1)[0]
    if _OKTA_API.search(url_path) is None:
        return
    path = normalise_path(template)
    span = a.span(call.node)
    if match_operation(call.method, template).status == "unresolved":
        a.facts.append(Unresolved(span, call.context, "api-call",
                                  f"{call.method or 'ANY'} {path}"))
        return
    base, _ = split_url(template)
    a.facts.append(ApiCall(span, call.context, call.method, path, call.via, None, base))
    if not call.sdk_executor:
        api_use(a, call.node, call.context, call.method, path)


def _request_scopes(a: Analyzer, call: HttpCall, form: dict[str, ts.Node | None],
                    literals: dict[str, str]) -> tuple[ScopeRef, ...]:
    """The ``scope`` a request to Okta's token or authorize endpoint sends: a ``ScopeList``
    (or a ``ScopeImport`` when it is an imported name)."""
    scopes: tuple[ScopeRef, ...] = ()
    scope_node = form.get("scope")
    where: ts.Node | None = None
    if scope_node is not None:
        a.scope_nodes.add(a.key(scope_node))
        scopes = tuple(scope_refs(a, scope_node, call.scope))
        where = scope_node
    elif "scope" in literals and call.form_text is not None:
        scopes = tuple(form_scopes(a, call.form_text, call.scope))
        where = call.form_text
    if scopes and where is not None:
        a.facts.append(ScopeList(a.span(where), call.context, scopes, "token-request"))
    elif scope_node is not None:
        a.scope_import(scope_node, call.scope, call.context, "token-request")
    return scopes


def api_use(a: Analyzer, node: ts.Node, context: str, method: str | None, path: str) -> None:
    """The hygiene rules' view of a direct API call (``/api/v1/…``): an HttpApiUse fact (not
    for a Dockerfile: a ``RUN curl`` runs once, at build time, not in the integration)."""
    at = path.find("/api/")
    if at >= 0 and a.language != "dockerfile":
        a.facts.append(HttpApiUse(a.span(node), context, (method or "ANY").upper(),
                                  path[at:].split("?", 1)[0]))


# receivers meaning "this object" in an HTTP call's ``via`` (``this.get``, ``self.get``)
_SELF_RECEIVERS: Final = frozenset({"this", "self", "$this"})
# a path relative to the API root: ``users``, ``groups/{}/users``, ``users?limit=200``
_RELATIVE_PATH: Final = re.compile(r"^[a-z][\w-]*(?:[/?]|$)")


def _wrapper_token_requests(a: Analyzer) -> list[HttpCall]:
    """Calls of the integration's own HTTP helper handed a client-credentials form
    (``this.imsApiCall(TOKEN_URL, {}, { grant_type: 'client_credentials', … })``,
    ``$this->send('POST', $url, ['form_params' => […]])``): token requests, whatever the helper
    does with its URL. Only an argument whose text names the grant is read."""
    body_of = getattr(a, "http_body", None)
    if body_of is None or b"client_credentials" not in a.data:
        return []
    found: list[HttpCall] = []
    # a function whose own HTTP call already sends the form (curl's ``CURLOPT_POSTFIELDS``)
    sending = {c.context for c in a.http_calls if "grant_type" in c.form or c.grant
               or c.form_text is not None}
    looked = 0
    for helper in a.helper_calls:
        if helper.context in sending:
            continue
        start, end = helper.node.start_byte, helper.node.end_byte
        for arg in helper.args:
            if b"client_credentials" not in a.data[arg.start_byte:arg.end_byte] and \
                    not _names_the_grant(a, arg, helper.scope):
                continue
            looked += 1
            if looked > _MAX_HELPER_FORMS:
                return found  # generated code: a token request is written a few times at most
            if any((c.node.start_byte <= start and end <= c.node.end_byte)
                   or (start <= c.node.start_byte and c.node.end_byte <= end)
                   for c in a.http_calls):
                break  # the body of an HTTP call (``strings.NewReader(form)``), or around one
            call = HttpCall(helper.node, _wrapper_url(a, helper, arg), "POST", helper.scope,
                            helper.context, f"wrapper:{helper.name}", {})
            config_of = getattr(a, "http_config", None)
            pairs = getattr(a, "pairs", None)
            if config_of is not None and pairs is not None and arg.type == "object" and any(
                    key in _BODY_KEYS for key, _ in pairs(arg)):
                config_of(call, arg)  # ``request(url, { method: 'POST', body })``
            else:
                body_of(call, arg)
            grant = form_text(a, call.form.get("grant_type"), helper.scope)
            if grant is None and call.form_text is not None:  # ``"grant_type=…&scope=…"``
                text = a.value(call.form_text, helper.scope)
                grant = dict(_form_pairs(text.template)).get("grant_type") \
                    if text is not None and text.known else None
            if grant == "client_credentials":
                found.append(call)
                break
    return found


def _names_the_grant(a: Analyzer, arg: ts.Node, scope: LexicalScope) -> bool:
    """Does an argument hand on a name bound to a client-credentials form (``{ method:
    'POST', body }`` with ``const body = { grant_type: 'client_credentials', … }``)? One level
    of names, looked up where the call is."""
    stack = [arg]
    looked = 0
    while stack and looked < 32:
        node = stack.pop()
        looked += 1
        if node.type in ("identifier", "shorthand_property_identifier"):
            found = scope.lookup(a.text_of(node))
            if found is not None and b"client_credentials" in a.data[
                    found[0].start_byte:found[0].end_byte]:
                return True
            continue
        stack.extend(node.named_children)
    return False


def _wrapper_url(a: Analyzer, helper: HelperCall, body: ts.Node) -> ts.Node | None:
    """The argument a helper is handed its URL in: the first before the body that is not an
    HTTP verb."""
    for arg in helper.args:
        if arg is body:
            return None
        value = a.value(arg, helper.scope)
        literal = value.literal if value is not None else None
        if literal is None or literal.strip().upper() not in ("GET", "POST", "PUT", "PATCH",
                                                              "DELETE"):
            return arg
    return None


def _api_prefix_wrappers(a: Analyzer) -> dict[str, tuple[str, str | None]]:
    """Functions of this file that send a request to the API prefix plus what they are handed
    (``get(path)`` → ``base + "/api/v1" + path``): name → (prefix, the request's method)."""
    found: dict[str, tuple[str, str | None]] = {}
    for call in a.http_calls:
        template = a.http_templates.get(a.key(call.node))
        match = _PREFIX_HOLE.search(template or "")
        name = call.context.rsplit(".", 1)[-1]
        if match is not None and name:
            # the prefix as sent: ``/api/v1/`` when a slash comes before the path handed in
            found[name] = (match.group(0)[:-2], call.method)
    # wrappers of wrappers: ``get(path)`` calling ``this.request('GET', path)`` sends the same
    # prefix plus what it is handed, with the verb it passes on (four levels at most)
    for _ in range(_WRAPPER_DEPTH):
        added = False
        for helper in a.helper_calls:
            outer = helper.context.rsplit(".", 1)[-1]
            inner = found.get(helper.name)
            if inner is None or not outer or outer in found or outer == helper.name:
                continue
            method: str | None = None
            handed = decided = False
            for arg in helper.args:
                text = a.text_of(arg)
                value = a.value(arg, helper.scope)
                literal = value.literal if value is not None else None
                verb = _VERB.search(literal.strip() if literal else text) \
                    if len(text) < 40 else None
                if verb is not None:
                    method = method or verb.group(1).upper()
                elif value is not None and value.known and (
                        value.template.startswith("/") or _RELATIVE_PATH.match(value.template)):
                    decided = True  # ``this.post('/groups', body)``: a call site, not a wrapper
                elif arg.type == "identifier" and (value is None or not value.known):
                    handed = True  # a parameter (or a local) handed on as the path
            if handed and not decided:
                found[outer] = (inner[0], method or inner[1])
                added = True
        if not added:
            break
    return found


def helper_fact(a: Analyzer, call: HelperCall,
                prefixed: dict[str, tuple[str, str | None]] | None = None) -> bool:
    """A call of the project's own wrapper with an Okta API path or URL among its arguments
    (``getAll(`${base}/api/v1/users`)``, ``c.getJSON(ctx, "/api/v1/users", &out)``,
    ``api.call("/api/v1/groups", "POST")``): an API call at the call site, its method from a
    literal argument or the wrapper's name. True when a fact was added."""
    template: str | None = None
    method: str | None = None
    for arg in call.args:
        value = a.value(arg, call.scope)
        if value is None or not value.known:
            text = a.text_of(arg)
            verb = _VERB.search(text) if len(text) < 40 else None
            method = method or (verb.group(1).upper() if verb else None)
            continue
        literal = value.literal
        if literal is not None and literal.strip().upper() in ("GET", "POST", "PUT", "PATCH",
                                                               "DELETE"):
            method = method or literal.strip().upper()
        elif template is None and _WRAPPED_API.search(value.template.split("?", 1)[0]):
            template = value.template
    wrapped = (prefixed or {}).get(call.name)
    if template is None and wrapped is not None:
        # ``c.get("/users")`` where ``get`` sends ``base + "/api/v1" + path`` (this file)
        for arg in call.args:
            value = a.value(arg, call.scope)
            if value is not None and value.known and len(value.template) > 1 and (
                    value.template.startswith("/") or (wrapped[0].endswith("/")
                                                       and _RELATIVE_PATH.match(value.template))):
                # ``"/users"``, or ``"users?limit=200"`` after a prefix that ends with a slash
                # (a client's base URL joined as the client joins it)
                template = wrapped[0].rstrip("/") + "/" + value.template.lstrip("/")
                method = method or wrapped[1]
                break
    if template is None:
        return False
    if method is None:
        # ``getAll``, then any word of it as the cross-file join reads it (``apiFetch``)
        method = next((verb for pattern, verb in WRAPPER_METHOD if pattern.search(call.name)),
                      None) or method_from_name(call.name)
    path = normalise_path(template)
    span = a.span(call.node)
    if match_operation(method, template).status == "unresolved":
        a.facts.append(Unresolved(span, call.context, "api-call",
                                  f"{method or 'ANY'} {path}"))
        return True
    base, _ = split_url(template)
    a.facts.append(ApiCall(span, call.context, method, path, f"wrapper:{call.name}", None,
                           base))
    api_use(a, call.node, call.context, method, path)
    return True


def form_text(a: Analyzer, node: ts.Node | None, scope: LexicalScope) -> str | None:
    """The literal value of a form parameter, if it has one."""
    if node is None:
        return None
    value = a.value(node, scope)
    return value.literal if value is not None else None


def form_scopes(a: Analyzer, node: ts.Node, scope: LexicalScope) -> list[ScopeRef]:
    """``scope=okta.users.read+okta.groups.read`` inside a form-encoded body literal."""
    value = a.value(node, scope)
    if value is None:
        return []
    raw = a.text_of(node)
    refs: list[ScopeRef] = []
    for name, text in _form_pairs(value.template):
        if name != "scope" or not text:
            continue
        for word in re.split(r"[\s+,]|%20", text):
            if not _SCOPE_WORD.match(word):
                continue
            at = raw.find(word)
            if at >= 0:
                start = node.start_byte + len(raw[:at].encode("utf-8"))
                refs.append(ScopeRef(word, a.span_bytes(start, start + len(word))))
            else:
                refs.append(ScopeRef(word, a.span(node)))
    return refs


def scope_refs(a: Analyzer, node: ts.Node, scope: LexicalScope,
               depth: int = 0) -> list[ScopeRef]:
    """The scopes a string, a list of strings or a name bound to one of them holds."""
    if depth > 8:
        return []
    elements = a.sequence(node, scope)
    if elements is not None:
        refs: list[ScopeRef] = []
        for element, where in elements:
            refs.extend(scope_refs(a, element, where, depth + 1))
        return refs
    followed = a.follow_node(node, scope)
    if followed is None and node.type == "identifier":
        # ``scopes := os.Getenv(…)`` given a literal when empty: that literal's words
        followed = a.env_default_binding(a.text_of(node), scope)
    if followed is not None:
        a.scope_nodes.add(a.key(followed[0]))
        return scope_refs(a, followed[0], followed[1], depth + 1)
    value = a.value(node, scope)
    if value is None or value.literal is None:
        return []
    if node.type in _JOINED:
        # `${IDENTITY_SCOPES} okta.users.read`, BASE + " okta.apps.read": each part's words
        # where that part is written (a constant's at the constant)
        parts = _joined_parts(node)
        if parts:
            refs = []
            for part in parts:
                refs.extend(words(a, part, a.text_of(part)) if part.type in _FRAGMENTS
                            else scope_refs(a, part, scope, depth + 1))
            if [r.name for r in refs] == words_of(value.literal):
                return refs
    return words(a, node, value.literal)


# A string joined from parts: a JS template literal, a ``+`` concatenation.
_JOINED: Final = frozenset({"template_string", "binary_expression"})
_FRAGMENTS: Final = frozenset({"string_fragment"})


def _joined_parts(node: ts.Node) -> list[ts.Node]:
    """The literal fragments and substituted expressions of a template literal, or the
    operands of a ``+`` chain, in order; [] for anything else."""
    if node.type == "template_string":
        parts = []
        for child in node.named_children:
            if child.type == "template_substitution" and child.named_children:
                parts.append(child.named_children[0])
            elif child.type in _FRAGMENTS:
                parts.append(child)
        return parts
    operator = node.child_by_field_name("operator")
    if operator is None or operator.text != b"+":
        return []
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is None or right is None:
        return []
    return [*(_joined_parts(left) or [left]), *(_joined_parts(right) or [right])]


def words_of(literal: str) -> list[str]:
    """The scope-shaped words of a literal, as :func:`words` takes them."""
    return [m.group(0) for m in re.finditer(r"[^\s,+]+", literal)
            if re.fullmatch(r"[A-Za-z][\w.:/-]*", m.group(0))]


def words(a: Analyzer, node: ts.Node, literal: str) -> list[ScopeRef]:
    """One ScopeRef per space/comma separated word of a literal, each with its own span."""
    raw = a.text_of(node)
    refs: list[ScopeRef] = []
    for match in re.finditer(r"[^\s,+]+", literal):
        word = match.group(0)
        if not re.fullmatch(r"[A-Za-z][\w.:/-]*", word):
            continue
        at = raw.find(word)
        if at >= 0 and raw.count(word) == 1:
            start = node.start_byte + len(raw[:at].encode("utf-8"))
            span = a.span_bytes(start, start + len(word.encode("utf-8")))
        else:
            span = a.span(node)
        refs.append(ScopeRef(word, span))
    return refs


def _form_pairs(body: str) -> list[tuple[str, str]]:
    """A form's pairs (``grant_type=client_credentials&scope=…``), or a JSON body's string
    fields (``{"grant_type": "client_credentials"}``, as Auth0-style servers take it)."""
    if body.lstrip().startswith("{"):
        return [(m.group(1), m.group(2)) for m in _JSON_FIELD.finditer(body)]
    return [(m.group(1), m.group(2)) for m in _FORM_PAIR.finditer(body)]


def _api_token_scheme(value: StrValue) -> bool:
    """Is this the ``SSWS`` branch of a header value chosen at run time?"""
    literal = value.literal
    return (literal is not None and literal.strip().upper() == "SSWS") or (
        value.first_word(AUTH_SCHEMES) == "SSWS")


def _standalone_auth(value: StrValue) -> str | None:
    """The scheme when a string outside any header container is an auth value."""
    text = value.marked()
    match = _SSWS_VALUE.match(text) or _HEADER_LINE.match(text)
    if match is None:
        return None
    cred = match.group("cred")
    if "\x00" not in cred and "{" not in cred and (len(cred) < 8 or is_placeholder(cred)):
        return None
    return match.group("scheme")


