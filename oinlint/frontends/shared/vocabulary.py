"""The words code uses for what oinlint looks for, whatever the language it is written in.

Names of calls that log, print, throw or compare (messages, not values sent); loop headers over
orgs or items, retries and forever loops; entry points; expiry and clock words; HTTP-client
receivers; caches, memoisers, iterators and stores; log receivers and methods; test-file paths.
The tree-sitter front ends read every language with these tables (the Python front end may
share them): a word added here is understood in all languages at once. Grammar node names are
not words: they stay with each language; what every front end agrees on for the transport
rules (credential names, Okta URLs, log receivers) is :mod:`oinlint.frontends.shared.transport`.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "AUTH_SCHEMES",
    "BEARER",
    "CACHE_RECEIVER",
    "CAMEL_LOGGER",
    "CODE_NAME",
    "COMPARE_OPERATORS",
    "CONTAINS_CALLS",
    "ENTRY_POINT",
    "EXCEPTION_TYPE",
    "EXPIRES_IN",
    "FOREVER_LOOP",
    "GETTER",
    "HTTPISH",
    "INCOMING_TOKEN",
    "ITERATOR_CALLS",
    "LIBRARY_EXPIRY",
    "LOG_METHOD",
    "MEMO_CALLS",
    "MESSAGE_CALL",
    "NESTED_AUTH_HEADER",
    "NEXT_LINK",
    "NOT_A_WRAPPER",
    "NOT_TLS_CALL",
    "OKTA_API_ROOT",
    "ORG_WORDS",
    "PAGER_CALL",
    "PAGER_NAME",
    "PAGE_CURSOR",
    "PASSTHROUGH_CALLS",
    "RATE_LIMIT_HEADER",
    "RATE_LIMIT_STATUS",
    "REFRESH_TOKEN",
    "RETRY_WORDS",
    "SECRET_CANDIDATE_NAME",
    "SECRET_WORD_BYTES",
    "SINK_WORD",
    "SMALL_BOUND",
    "STORE_CALLS",
    "TEST_FILE_PATH",
    "TEST_OPERATORS",
    "TOKEN_RENEWER",
    "UNAUTHORIZED",
    "WRAPPER_METHOD",
]

# -- values and messages -----------------------------------------------------------------------

# Authorization schemes that open a header value (``SSWS 00ab…``, ``Bearer ey…``).
AUTH_SCHEMES: Final = frozenset({"SSWS", "Bearer", "Basic", "DPoP", "Digest"})
# Calls whose arguments are messages (logged, printed, thrown, compared), not values sent.
MESSAGE_CALL: Final = re.compile(
    r"^(?:log|logf|logger|print\w*|println|puts|p|pp|echo|die|warn\w*|info\w*|debug\w*"
    r"|trace\w*|error\w*|fatal\w*|panic\w*|critical|notice|alert|emergency|assert\w*|expect"
    r"|fail\w*|raise|throw|abort|exit|errorf|errors?|new_?error|sprintf_log|write_?line"
    r"|log_?\w+|\w*exception|\w*error|starts?_?with\??|has_?prefix|includes?\??|contains"
    r"|index_?of|equals\w*|equal_?fold|compare\w*|match\w*|test|str_starts_with|str_contains"
    r"|strpos|stripos|preg_match|in_array|end_?with\??|has_?suffix|trim_?prefix|delete_prefix)$",
    re.IGNORECASE,
)
# A type whose construction is a message (``new ApiError(…)``, ``raise TokenException``).
EXCEPTION_TYPE: Final = re.compile(r"(?:Error|Exception)$")
# Names a literal client secret or key may be given (the credential test decides the kind).
SECRET_CANDIDATE_NAME: Final = re.compile(r"secret|key|pem", re.IGNORECASE)
# A ``curl -H "Authorization: …"`` inside a string or heredoc (a nested script).
NESTED_AUTH_HEADER: Final = re.compile(rb"(?:-H|--header|-header)[\s=\"'\\]*[^\n]{0,6}"
                                       rb"authorization", re.IGNORECASE)

# -- the token lifecycle (OIN301–OIN305) -------------------------------------------------------

# A loop header over orgs (one token per org is fine), over retries, or with a small bound.
ORG_WORDS: Final = re.compile(r"org|tenant|customer|domain|install|instance|account",
                              re.IGNORECASE)
RETRY_WORDS: Final = re.compile(r"attempt|retr|tries|tried", re.IGNORECASE)
SMALL_BOUND: Final = re.compile(r"<=?\s*\d\b(?!\.)|\b\d\s*\.\s*times\b|range\s*\(?\s*\d\s*\)?\s*$")
FOREVER_LOOP: Final = re.compile(
    r"^\s*(?:for|loop|while|until)?\s*(?:\(\s*(?:true|1)\s*\)|true|1)?\s*(?:do|\{)?\s*$")
# An entry point (``main``, ``Run``, ``handler``, ``runJob``): one token for one run.
ENTRY_POINT: Final = re.compile(r"^_?(?:main|run|cli|handler|lambdaHandler|lambda_handler|handle"
                                r"|execute|start|job|task|app)(?:[_A-Z0-9]\w*)?$")
# A token's expiry read from the token response or the JWT (Go x/oauth2's ``tok.Expiry`` is
# computed from ``expires_in``; Azure AD v1 answers ``expires_on``, the time it expires: read
# from the response, not an own field of that name, which may hold a guess).
EXPIRES_IN: Final = re.compile(r"(?i:expires_?in)|[\"']exp[\"']|\.exp\b|:exp\b|\.Expiry\b"
                               r"|[\"']expires_on[\"']|(?<!this)(?<!self)\.expires_on\b")
# A function that gets or renews a token, by its name (a timer that runs such a function renews
# the token; one that runs a poller or a retry does not)
TOKEN_RENEWER: Final = re.compile(r"(?i)token|refresh|renew|auth|login|credential")
# A setting named as the root of Okta's REST API (``OKTA_API_URL``, ``oktaApiBase``,
# ``SS_OKTA_GATEWAY_REST_URL``): its value is ``https://{org}/api/v1``, and paths are appended
# to it (``f"{OKTA_API_URL}/users"``). An org URL (``OKTA_ORG_URL``, ``OKTA_DOMAIN``) is not.
OKTA_API_ROOT: Final = re.compile(
    r"(?i)okta\w*?(?:api|rest)_?(?:url|uri|base(?:_?url)?|root|endpoint)$")
# A token object asked whether it has expired (it compares its own expiry with the clock):
# simple-oauth2 / openid-client ``expired()``, the oauth2 gem's ``expired?``,
# league/oauth2-client ``hasExpired()``, authlib ``is_expired()``, a token type of the
# project's own (Go's ``tok.IsExpired()``, C#'s ``token.IsExpired``).
LIBRARY_EXPIRY: Final = re.compile(r"\.expired\s*(?:\(|\?)|(?:\.|->)[Hh]asExpired\s*\("
                                   r"|\.isExpired\s*\(|\.is_expired\s*\(|\.IsExpired\b")
# receivers whose ``.get(url)`` with an unresolved URL is an HTTP call (not ``map.get(key)``)
HTTPISH: Final = re.compile(r"axios|fetch|got|http|client|request|session|api|agent|^ky$|rest"
                            r"|faraday|guzzle|curl|conn|okta|net|resty", re.IGNORECASE)
UNAUTHORIZED: Final = re.compile(rb"\b401\b|Unauthorized|UNAUTHORIZED|unauthorized")
REFRESH_TOKEN: Final = re.compile(rb"refresh_token")
COMPARE_OPERATORS: Final = frozenset({"==", "===", "!=", "!==", "eql?", "equal?", "instanceof",
                                      "is", "in", "<=>"})
# ``[401, 403].includes(status)``, ``res.is_a?(Net::HTTPUnauthorized)``
CONTAINS_CALLS: Final = frozenset({"includes", "include?", "contains", "Contains", "in_array",
                                   "is_a?", "kind_of?", "instance_of?", "indexOf", "has",
                                   "member?"})
# calls that run their callback once per element (a loop), and that memoise a function
ITERATOR_CALLS: Final = frozenset({
    "forEach", "map", "flatMap", "each", "each_with_index", "each_with_object", "map!",
    "collect", "flat_map", "filter_map", "times", "each_slice", "find_each", "ForEach",
    "forEachOrdered", "Select", "SelectMany", "array_map", "array_walk", "for_each",
    "parallelStream", "ForEachAsync"})
MEMO_CALLS: Final = frozenset({"memoize", "once", "pMemoize", "memoizee", "moize", "mem",
                               "memoizeOne", "lazy"})
# A token taken from the request being served (a proxy passing its caller's token on, a signed-in
# user's session): ``req.headers.authorization``, ``request.session["access_token"]``,
# ``req.userContext.tokens.access_token``, ``ctx.request.header``, ``request.META[…]``
INCOMING_TOKEN: Final = re.compile(
    r"\b(?:req|request|ctx|event)\s*\.\s*(?:headers?|get_?[hH]eader|get\s*\(|session|user"
    r"|auth\b|userContext|cookies|META|request\s*\.\s*headers?)|\bsession\s*[\[.]"
    r"|\buserContext\b|\bcurrent_user\b|\bHttpContext\b")
# A token sent as a bearer credential, as code writes it (``f"Bearer {token}"``)
BEARER: Final = re.compile(r"\bBearer\b")
# A name as code writes it, not a member (``.now``); PHP's ``$now`` too
CODE_NAME: Final = re.compile(r"(?<![\w$.])\$?[A-Za-z_]\w*")
# A receiver named as a cache or storage keeps what is put into it beyond the call, whoever owns
# it (``cache.set(org, token)``, ``redis.setex(…)``, ``LocalStorage.setItem(…)``)
CACHE_RECEIVER: Final = re.compile(r"(?i)cache|redis|memcache|storage")
# ``cache.set(org, token)``: a store into the receiver (per org when it outlives the call)
STORE_CALLS: Final = frozenset({"set", "put", "Store", "store", "write", "setex", "Set",
                                "TryAdd", "AddOrUpdate", "putIfAbsent", "setItem", "offsetSet"})

# -- transport settings and credentials in messages (OIN402–OIN405) ----------------------------

# Test files pin one org for their doubles (OIN402 judges Python's by name; these are the
# other languages' conventions: ``x_test.go``, ``x.test.ts``, ``x.spec.js``, ``FooTest.java``,
# ``FooTests.cs``, ``x_spec.rb``, ``__tests__/``, Maven's ``src/test/``, Go's ``testdata/``).
TEST_FILE_PATH: Final = re.compile(
    r"(?:^|/)(?:[^/]*(?:[._-](?:test|spec)s?|Tests?|Spec)\.\w+|test_[^/]*)$"
    r"|(?:^|/)(?:__tests__|src/test|testdata)/")
# a word every sink's callee has (the transport pass's ``sink`` decides)
SINK_WORD: Final = re.compile(
    rb"log|print|puts|echo|warn|err|info|debug|write|dump|trace|fatal|panic|notice|verbose"
    rb"|critical|raise|fail|abort|exception|\bpp?\b|\bdd\b", re.IGNORECASE)
# where a credential may be named (the words ``is_secret_name`` ends with)
SECRET_WORD_BYTES: Final = re.compile(rb"token|secret|password|bearer|authorization|ssws",
                                      re.IGNORECASE)
LOG_METHOD: Final = re.compile(
    r"^(?:log_?)?(?:debug|info|information|warn|warning|error|exception|critical|fatal|trace"
    r"|notice|verbose|print|write|write_?line|puts|panic|log)(?:f|ln|w)?$", re.IGNORECASE)
CAMEL_LOGGER: Final = re.compile(r"[a-z0-9](?:Log|Logger)$")  # ``appLogger``, ``auditLog``
# Calls that pass a value on into the text they build (others, ``len(t)``, ``redact(t)``, an
# API call made with the token, turn it into something else).
PASSTHROUGH_CALLS: Final = frozenset({
    "format", "Format", "Sprintf", "Sprint", "Sprintln", "sprintf", "vsprintf", "join", "Join",
    "toString", "ToString", "to_s", "inspect", "to_json", "stringify", "dumps", "valueOf",
    "String", "str", "concat", "Concat", "json_encode", "implode", "strval", "formatted"})
GETTER: Final = re.compile(r"^[gG]et_?(?=[A-Z_a-z])")
# ``jwt.decode(t, {verify: false})`` is not TLS; nor is Laravel's ``Auth::routes(['verify' =>
# false])`` (e-mail verification routes)
NOT_TLS_CALL: Final = re.compile(r"decode|jwt|verify_?token|(?:^|\.)routes$", re.IGNORECASE)
# operators whose result is a truth value, not the operand (``token != null``)
TEST_OPERATORS: Final = frozenset({"==", "===", "!=", "!==", "<", ">", "<=", ">=", "!",
                                   "not", "instanceof", "is", "typeof", "<=>", "=~", "!~"})

# Calls that build, test or route a string rather than send a request with it: a URL given to
# one of these is not an API call through a wrapper (the call that sends it is judged instead).
NOT_A_WRAPPER: Final = re.compile(
    r"(?i:s?printf|format\w*|join|join_?path|url_?join|join_?url|concat|resolve|parse\w*|create|of|from\w*|path|uri|url"
    r"|encode\w*|decode\w*|escape\w*|unescape|append\w*|replace\w*|starts_?with|ends_?with"
    r"|includes|contains|index_?of|match\w*|test|split|trim\w*|push|set\w*|add\w*|has\w*"
    r"|equals?\w*|compile|to_?string|str|string|expect|to\w+|assert\w*|it|describe|nock"
    r"|on|use|route|handle\w*|listen|require|import|mock\w*|intercept\w*|stub\w*|with\w*"
    r"|sub|gsub|scan|sprintf|printf|puts|print\w*|log\w*|debug|info|warn\w*|error|fatal"
    r"|redirect\w*|render|json|send|write\w*|emit|Sprint\w*|Errorf|New|Wrap\w*|HandleFunc)")
# The HTTP method a wrapper's name says it sends (``getJSON``, ``postJson``, ``deleteUser``,
# ``list_all``); a wrapper named otherwise gets the method from a literal argument, or none.
WRAPPER_METHOD: Final = (
    (re.compile(r"^_?(?i:get|list|fetch|find|read|load|query|search|all|paginate|page|each)"),
     "GET"),
    (re.compile(r"^_?(?i:post|create|add|send|activate|deactivate|suspend|unsuspend|reset|"
                r"expire|unlock)"), "POST"),
    (re.compile(r"^_?(?i:put|update|replace|assign)"), "PUT"),
    (re.compile(r"^_?(?i:patch)"), "PATCH"),
    (re.compile(r"^_?(?i:delete|remove|unassign|destroy)"), "DELETE"),
)
# Reading Okta's rate-limit headers (a 429 is compared like a 401: ``RATE_LIMIT_STATUS``).
RATE_LIMIT_HEADER: Final = re.compile(rb"(?i)x-rate-limit-(?:reset|remaining|limit)|retry-after"
                                      rb"|X_RATE_LIMIT|RateLimit")
# Retry layers that answer 429 themselves count as handling it (axios-retry, got's and the
# frameworks' ``retryOptions``, go-retryablehttp, Polly, resilience4j, faraday-retry).
RATE_LIMIT_STATUS: Final = re.compile(rb"\b429\b|TooManyRequests|TOO_MANY_REQUESTS"
                                      rb"|StatusTooManyRequests|too_many_requests"
                                      rb"|axios-retry|axiosRetry|retryOptions|retryablehttp"
                                      rb"|\bPolly\b|resilience4j|faraday-retry|retry_options")
# Following ``Link: <…>; rel="next"`` (or a parsed links object's ``next``).
NEXT_LINK: Final = re.compile(rb"rel=\\?[\"']?next|parse-link-header|parseLinkHeader|parse_link"
                              rb"|links\.next|links\[[\"']next|\.next_page|nextPage|hasNextPage"
                              rb"|has_next|getNextPage|NextPage|HasNextPage"
                              # the ``Link`` header read and searched for ``next`` by hand:
                              # ``headers['link'].split(',').last.include?('next')``,
                              # ``resp.Header.Get("Link")`` … ``strings.Contains(l, "next")``
                              rb"|(?i:header)s?(?:[\"']\])?(?:\[|\.get\(|\.Get\(|\.fetch\(|\()\s*"
                              rb"[\"'](?i:link)[\"'](?s:.{0,240}?)[\"'][<;\s]*next[\"'>]"
                              # a parsed ``Link`` entry compared: ``$link['rel'] == 'next'``
                              rb"|\brel[\"']?\]?\s*===?\s*[\"']next[\"']")
# Paging by cursor: Okta's ``after`` query parameter handed on (``?after=${cursor}``,
# ``params={"after": cursor}``, ``q.Set("after", c)``, ``after: cursor``) or a variable named
# for the next page (``next_url``, ``nextLink``, ``nextCursor``).
PAGE_CURSOR: Final = re.compile(rb"[?&]after=|[\"']after[\"']\s*[:=,\]]"
                                rb"|(?<![\w$.])after\s*[:=]\s*[\w$@]"
                                rb"|\bnext_?(?:[Uu]rl|URL|[Ll]ink|[Cc]ursor|[Pp]age[Uu]rl)\b")
# A call of a pager, wherever it is defined: ``paginate(…)``, ``get_all_pages(…)``,
# ``eachPage(…)``, ``followLinks(…)``, ``fetchPages(…)``.
_PAGER: Final = (r"\w*(?:[Pp]aginat|[Aa]ll_?[Pp]ages|[Ee]ach_?[Pp]age|[Ff]ollow_?[Ll]inks?"
                 r"|[Pp]age_?[Ii]terator)\w*|\w*[Pp]ages")
PAGER_NAME: Final = re.compile(_PAGER)  # a name (fullmatch), for the Python walk
PAGER_CALL: Final = re.compile(rf"(?<![\w$])(?:{_PAGER})\s*\(".encode())  # in a file's bytes

