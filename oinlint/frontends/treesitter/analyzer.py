"""What a tree-sitter analyzer records while it walks: values, credentials and candidates.

:class:`Analyzer` is the base class of every language module's analyzer. Handlers record
*bindings* (names and what they are assigned, in :class:`LexicalScope` s), literal credentials
(client secrets, private keys, JWKs) and *candidates*: a value given to an ``Authorization``
header, a string built where a value goes, an HTTP call, a scope list. Candidates are resolved
after the walk (:mod:`.candidates`), so a constant defined below its use still resolves and
nothing is parsed twice. Language modules supply :meth:`Analyzer.evaluate`, the string
evaluator for their expressions; the rest is shared so that all languages agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import tree_sitter as ts

from oinlint.credentials import (
    PRIVATE_KEY,
    api_token_spans,
    credential_kind_for_name,
    is_placeholder,
    looks_like_client_secret,
    redact_value,
)
from oinlint.facts import (
    ApiCall,
    FileFacts,
    ScopeRole,
    SdkClient,
    SecretKind,
    SecretLiteral,
    Span,
    TokenRequest,
    Unresolved,
)
from oinlint.frontends.shared.tidy import context_at, drop_nested_keys
from oinlint.frontends.shared.vocabulary import (
    NOT_A_WRAPPER,
    OKTA_API_ROOT,
    SECRET_CANDIDATE_NAME,
)
from oinlint.frontends.treesitter.values import HOLE, LexicalScope, Part, StrValue, format_holes
from oinlint.frontends.treesitter.walk import Leave, Walker
from oinlint.okta import lookup

__all__ = ["CONDITIONALS", "SDK_OAUTH", "Analyzer", "HeaderCandidate", "HelperCall",
           "HttpCall", "ValueCandidate", "is_pem_key", "lower_first", "secret_kind"]

# nodes that are never a setting's lookup (checked before asking the language)
_NOT_LOOKUPS: Final = frozenset({"string", "template_string", "interpreted_string_literal",
                                 "raw_string_literal", "string_literal", "encapsed_string",
                                 "integer", "number", "true", "false", "null", "nil"})
_PEM_BODY: Final = re.compile(r"[A-Za-z0-9+/=]{64,}")
_BASE64_KEY: Final = re.compile(r"[A-Za-z0-9+/_\-]{64,}={0,2}")
_JWK_PRIVATE: Final = re.compile(r"""["']d["']\s*:\s*["'](?P<d>[A-Za-z0-9_\-]{40,})["']""")
_JWK_D: Final = re.compile(r"^[A-Za-z0-9_\-]{20,}$")
_WORDS_ONLY: Final = re.compile(r"[A-Za-z]+(?:[-_.][A-Za-z]+)*")
_REFERENCE: Final = re.compile(
    r"^[A-Za-z][\w+.-]*://|^(?:vault|env|file|secret|secrets|ssm|sm|op|ref|arn)[:+]",
    re.IGNORECASE,
)


def is_pem_key(text: str) -> bool:
    """Does ``text`` hold a PEM private key (a header and a real body, not a placeholder)?"""
    match = PRIVATE_KEY.search(text)
    if match is None:
        return False
    body = re.sub(r"\s+|\\[nr]", "", text[match.end() :])
    return _PEM_BODY.search(body) is not None and not is_placeholder(body[:64])


def secret_kind(name: str | None, value: str) -> SecretKind | None:
    """The kind of literal credential ``value`` is, given the name it is assigned to."""
    if is_pem_key(value):
        return "private-key"
    kind = credential_kind_for_name(name) if name else None
    stripped = value.strip()
    if kind == "private-key":
        jwk = _JWK_PRIVATE.search(stripped)
        if (jwk and not is_placeholder(jwk.group("d"))) or (
            _BASE64_KEY.fullmatch(stripped) and not is_placeholder(stripped)
        ):
            return "private-key"
        return None
    if kind == "client-secret":
        if _WORDS_ONLY.fullmatch(stripped) or _REFERENCE.search(stripped):
            return None
        return "client-secret" if looks_like_client_secret(stripped) else None
    return None


def lower_first(name: str) -> str:
    """An option as the facts name it: ``Token`` (``WithToken``, ``setToken``) → ``token``."""
    return name[:1].lower() + name[1:] if name else name


# URL-builder evaluations per file, and how deep a value may be when one starts
_MAX_BUILDS: Final = 2000
_MAX_BUILD_DEPTH: Final = 8
# a read of an environment variable (the value a default stands in for)
_ENV_READ: Final = re.compile(r"\b(?:os\.Getenv|os\.LookupEnv|getenv|process\.env|ENV\[|ENV\.fetch"
                              r"|Environment\.GetEnvironmentVariable|System\.getenv|os\.environ)")
# operators that give their right side when the left is not set (a default)
_DEFAULTING: Final = frozenset({"??", "||"})
# Conditional expressions of the tree-sitter grammars (JS/TS/Java ``a ? b : c``, C#, PHP).
CONDITIONALS: Final = frozenset({"ternary_expression", "conditional_expression"})

@dataclass(slots=True)
class HeaderCandidate:
    """A value given to a header (``key`` its name, None when the container says it is
    ``Authorization``); ``standalone`` (a subscript, a map entry): a value position when the
    key is not ``Authorization``."""

    key: ts.Node | None  # None: the container already says it is Authorization
    value: ts.Node
    scope: LexicalScope
    context: str
    standalone: bool
    scheme: str | None = None  # said by the call itself (``setBearerAuth(token)``)


@dataclass(slots=True)
class ValueCandidate:
    """A string built where a value goes (assigned, returned, passed): maybe ``"SSWS " + t``."""

    value: ts.Node
    scope: LexicalScope
    context: str


# An SDK client in OAuth mode, followed like a token request (its own requests and renewals)
SDK_OAUTH: Final = "okta-sdk-oauth"


@dataclass(slots=True)
class HttpCall:
    """An HTTP request seen in the code, resolved after the walk into an ApiCall / TokenRequest.

    ``body`` and ``form`` describe the request body: ``form`` maps known parameter names to their
    value nodes (``grant_type``, ``scope``, ``client_secret``, ...); ``basic`` says the request
    carries HTTP Basic client authentication.
    """

    node: ts.Node
    url: ts.Node | None
    method: str | None
    scope: LexicalScope
    context: str
    via: str
    form: dict[str, ts.Node | None]
    form_text: ts.Node | None = None
    basic: bool = False
    follow_redirects: bool | None = None
    verify_tls: bool | None = None
    url_value: StrValue | None = None
    grant: str | None = None
    # where an explicit opt-in to following redirects is written (OIN404 on a token request)
    redirect: ts.Node | None = None
    # the expression the method is given by (``{ method }``), when not a literal
    method_node: ts.Node | None = None
    # sent by an Okta SDK's own request executor (okta-sdk-java ``client.http().get(…)``), which
    # retries 429s itself: an API call for the scopes, not one the hygiene rules judge
    sdk_executor: bool = False


@dataclass(slots=True)
class HelperCall:
    """A call of the project's own function or method (``getAll(url)``, ``c.getJSON(ctx,
    "/api/v1/users", &out)``): an Okta API call when an argument is an Okta API path or URL
    (resolved after the walk, see :func:`.candidates.helper_fact`)."""

    node: ts.Node
    name: str
    args: list[ts.Node]
    scope: LexicalScope
    context: str


class Analyzer(Walker):
    """One file of one language: walk, record, and build :class:`FileFacts`."""

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        # which branch of ``c ? a : b`` stands for the value (set while header values are
        # read: the API-token branch); None: a conditional is unknown
        self.prefer: Callable[[StrValue], bool] | None = None
        # URL-builder calls evaluated so far (``built``): a generated file of thousands of
        # builders calling each other must not make every value a walk down the chain
        self.builds = 0
        self.secrets: dict[tuple[Span, str], SecretLiteral] = {}
        self.headers: list[HeaderCandidate] = []
        self.values: list[ValueCandidate] = []
        self.http_calls: list[HttpCall] = []
        self.scope_lists: list[tuple[ts.Node, LexicalScope, str, ScopeRole]] = []
        self.scope_nodes: set[tuple[int, int]] = set()
        self.consumed: set[tuple[int, int]] = set()
        self.pem_reported: list[tuple[int, int]] = []
        # contexts (functions) that set HTTP Basic credentials for their requests
        self.basic_contexts: set[str] = set()
        # for the lifecycle pass: the token requests among the facts, the URL template of every
        # HTTP call, SDK operation calls
        self.token_requests: list[tuple[int, HttpCall]] = []
        self.http_templates: dict[tuple[int, int], str | None] = {}
        self.sdk_nodes: list[ts.Node] = []
        self.helper_calls: list[HelperCall] = []
        # for the lifecycle pass: calls of another module's function whose result this file
        # keeps (node key → the call and its callee as a ``HelperCall`` names it)
        self.handoff_calls: dict[tuple[int, int], tuple[ts.Node, str]] = {}

    # -- handlers language modules bind to their node types -----------------------------------

    def named_argument(self, node: ts.Node) -> None:
        """A ``name: value`` call argument (its ``name`` field, the value its last child)."""
        name = node.child_by_field_name("name")
        if name is not None and node.named_child_count >= 2:
            self.named_value(self.text_of(name), node.named_children[-1])

    def value_children(self, node: ts.Node) -> None:
        """A handler for statements whose children are values given away (``return``)."""
        for child in node.named_children:
            self.value_position(child)

    def binary_operator(self, node: ts.Node, defaults: Collection[str],
                        comparisons: Collection[str]) -> Leave | None:
        """A binary expression: ``lookup ?? "fallback"`` (an operator in ``defaults``) names its
        fallback after what the left side looks up; a comparison's operands are messages."""
        operator = node.child_by_field_name("operator")
        op = self.text_of(operator) if operator is not None else ""
        if op in defaults:
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if left is not None and right is not None:
                self.named_value(self.lookup_name(left), right)
        if op in comparisons:
            return self.in_message()
        return None

    def lookup_name(self, node: ts.Node) -> str | None:
        """The name an environment / config lookup reads (language modules override)."""
        return None

    # -- values ------------------------------------------------------------------------------

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        """What a string expression evaluates to (language modules override this)."""
        return None

    def value(self, node: ts.Node, scope: LexicalScope | None, depth: int = 0) -> StrValue | None:
        if depth > 16:
            return None
        if node.type in CONDITIONALS and self.prefer is not None:
            # ``useKey ? 'SSWS' : 'Bearer'``: the branch the caller asks about, if any
            condition = node.child_by_field_name("condition")
            for branch in node.named_children:
                if condition is not None and branch.id == condition.id:
                    continue
                value = self.value(branch, scope, depth + 1)
                if value is not None and self.prefer(value):
                    return value
        found = self.evaluate(node, scope, depth + 1)
        if found is None or found.parts == (HOLE,):
            # ``process.env.OKTA_API_URL``, ``getenv('SS_OKTA_GATEWAY_REST_URL')``: a setting
            # named as Okta's API root holds ``{org}/api/v1``
            name = self.lookup_name(node) if node.type not in _NOT_LOOKUPS else None
            if name is not None and OKTA_API_ROOT.search(name.strip("\"'`:$@")):
                return StrValue.api_root()
        return found

    def literal(self, node: ts.Node) -> str | None:
        """The value of a literal (or a concatenation of literals), names not followed."""
        value = self.value(node, None)
        return value.literal if value is not None else None

    def name_value(self, name: str, scope: LexicalScope | None, depth: int) -> StrValue | None:
        """A name bound once to a string expression (it is then consumed: reported once)."""
        found = self.follow(name, scope)
        if found is None:
            return self.env_default(name, scope, depth)
        node, where = found
        value = self.value(node, where, depth)
        if value is None:
            return None
        self.consumed.add(self.key(node))
        return value.with_via("constant")

    def built(self, returned: ts.Node, params: Sequence[str | None], args: Sequence[ts.Node],
              caller: LexicalScope, depth: int) -> StrValue | None:
        """What a URL builder of the file returns (its one returned expression) with its
        parameters bound to a call's ``args``, each evaluated where the call is; other names of
        its body are looked up where it is written (the module). ``None`` params are patterns
        (not bound). At most ``_MAX_BUILDS`` per file, and never more than a few deep."""
        if self.builds >= _MAX_BUILDS or depth > _MAX_BUILD_DEPTH:
            return None
        self.builds += 1
        scope = LexicalScope("function", "", self.module_scope)
        for index, param in enumerate(params):
            if param is not None:
                scope.bind(param, args[index] if index < len(args) else None, caller)
        return self.value(returned, scope, depth + 1)

    def env_default(self, name: str, scope: LexicalScope | None, depth: int) -> StrValue | None:
        """A name read from the environment and given a literal when that is empty (Go's
        ``s := os.Getenv("OKTA_SCOPES"); if s == "" { s = "okta.users.read" }``): the
        literal, what runs unless configured otherwise. Anything else bound twice: unknown."""
        found = self.env_default_binding(name, scope, depth)
        if found is None:
            return None
        value = self.value(found[0], found[1], depth)
        return value.with_via("constant") if value is not None else None

    def env_default_binding(self, name: str, scope: LexicalScope | None, depth: int = 0
                            ) -> tuple[ts.Node, LexicalScope] | None:
        """The binding of :meth:`env_default`'s literal (where its words are written)."""
        bindings = scope.alternatives(name) if scope is not None else []
        if len(bindings) < 2:
            return None
        literals: list[tuple[ts.Node, LexicalScope]] = []
        for node, where in bindings:
            if _ENV_READ.search(self.text_of(node)):
                continue
            value = self.value(node, where, depth)
            if value is None or not (value.literal or "").strip():
                return None
            literals.append((node, where))
        return literals[0] if len(literals) == 1 else None

    def follow(self, name: str, scope: LexicalScope | None) -> tuple[ts.Node, LexicalScope] | None:
        if scope is None:
            return None
        return scope.lookup(name)

    def parts(self, values: Iterable[StrValue | None]) -> list[str | object]:
        out: list[str | object] = []
        for value in values:
            out.extend(value.parts if value is not None else (HOLE,))
        return out

    def concat(self, left: StrValue | None, right: StrValue | None) -> StrValue | None:
        if left is None and right is None:
            return None
        if (left is None or not left.known) and (right is None or not right.known):
            return None
        parts = [*(left.parts if left else (HOLE,)), *(right.parts if right else (HOLE,))]
        via = "template" if "template" in (left.via if left else "", right.via if right else "") \
            else "concat"
        return StrValue.of(parts, via)

    def binary_concat(self, node: ts.Node, scope: LexicalScope | None, depth: int,
                      operator: str) -> StrValue | None:
        """``left <operator> right`` as a concatenation (``+``; PHP's ``.``); other operators:
        None."""
        op = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if op is not None and left is not None and right is not None and \
                self.text_of(op) in _DEFAULTING:
            return self.with_default(left, right, scope, depth)
        if op is None or left is None or right is None or self.text_of(op) != operator:
            return None
        return self.concat(self.value(left, scope, depth), self.value(right, scope, depth))

    def with_default(self, left: ts.Node, right: ts.Node, scope: LexicalScope | None,
                     depth: int) -> StrValue | None:
        """``process.env.OKTA_SCOPES ?? 'okta.users.read'`` (``||``, C#'s and PHP's ``??``):
        the left value when it is known, else the default the code falls back to (what runs
        unless configured otherwise)."""
        value = self.value(left, scope, depth)
        if value is not None and value.literal is not None:
            return value
        fallback = self.value(right, scope, depth)
        # an empty default (``|| ""``) says only that the value may be missing
        return fallback if fallback is not None and (fallback.literal or "").strip() else None

    def joined(self, items: Iterable[tuple[ts.Node, LexicalScope | None]], separator: str,
               depth: int) -> list[Part]:
        """The parts of ``items`` (each evaluated in its own scope) with ``separator`` between."""
        parts: list[Part] = []
        for index, (item, where) in enumerate(items):
            if index:
                parts.append(separator)
            value = self.value(item, where, depth)
            parts.extend(value.parts if value is not None else (HOLE,))
        return parts

    def formatted(self, template: ts.Node, args: Iterable[ts.Node], scope: LexicalScope | None,
                  depth: int, style: str = "printf") -> StrValue | None:
        """``sprintf(template, args…)`` (``style`` ``"brace"``: ``string.Format``)."""
        value = self.value(template, scope, depth)
        if value is None:
            return None
        return format_holes(value, [self.value(a, scope, depth) for a in args], style)

    def join_arguments(self, separator: ts.Node, items: Sequence[ts.Node],
                       scope: LexicalScope | None, depth: int) -> StrValue | None:
        """``String.join(sep, a, b)`` / ``String.join(sep, list)`` (Java, C#): a single item
        that is a list literal (or a name bound to one) is joined element by element."""
        sep = self.value(separator, scope, depth)
        if sep is None or sep.literal is None:
            return None
        if len(items) == 1 and scope is not None:
            listed = self.sequence(items[0], scope)
            if listed is not None:
                items = [item for item, _ in listed]
        return StrValue.of(self.joined(((item, scope) for item in items), sep.literal, depth),
                           "join")

    def sequence(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                 LexicalScope]] | None:
        """Elements of a list/array literal (language modules override)."""
        return None

    def follow_node(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node,
                    LexicalScope] | None:
        """The expression a name refers to (language modules override)."""
        return None

    # -- secrets -----------------------------------------------------------------------------

    def secret(self, node: ts.Node, kind: SecretKind, value: str, name: str | None) -> None:
        self.secret_at(self.span(node), kind, value, name)

    def secret_at(self, span: Span, kind: SecretKind, value: str, name: str | None) -> None:
        """A literal credential at ``span`` (once per span and kind), given ``name``."""
        okta = self.okta_file or (name is not None and "okta" in name.lower())
        self.secrets.setdefault((span, kind), SecretLiteral(
            span, self.context, kind, redact_value(value), name, okta))

    def named_value(self, name: str | None, node: ts.Node | None) -> None:
        """A value given a name (variable, field, key, keyword): a literal credential?"""
        if node is None or name is None:
            return
        name = name.strip().strip("\"'`:$@")
        if not name or not SECRET_CANDIDATE_NAME.search(name):
            return
        text = self.literal(node)
        if text is None:
            return
        kind = secret_kind(name, text)
        if kind is not None:
            self.secret(node, kind, text, name)

    def declared_value(self, name: str, value: ts.Node) -> None:
        """A value declared under a name (variable, constant): maybe a literal credential, a
        value position, and a scope constant when the name mentions scopes."""
        self.named_value(name, value)
        self.value_position(value)
        if "scope" in name.lower():
            self.scope_list(value, "constant")

    def entry_value(self, key: str, value: ts.Node) -> None:
        """The value of a ``key: value`` entry in an object, map or hash literal (not an
        ``Authorization`` one: language modules record those as headers first)."""
        self.named_value(key, value)
        self.value_position(value)
        self.object_secrets(value, key)
        if key.lower() in ("scope", "scopes"):
            self.scope_list(value, "constant")

    def object_secrets(self, value: ts.Node, name: str | None) -> None:
        """Credentials inside an object literal given a name, e.g. a JWK (language modules
        override)."""

    def maybe_pem(self, node: ts.Node) -> None:
        """A string literal (or the concatenation it is part of) that holds a PEM private key."""
        if b"PRIVATE KEY-----" not in self.data[node.start_byte : node.end_byte]:
            return
        outer = node
        parent = node.parent
        while parent is not None and (
            parent.type in self.CONCAT_TYPES or parent.type == "parenthesized_expression"
        ):
            outer = parent
            parent = parent.parent
        key = self.key(outer)
        if key in self.pem_reported:
            return
        text = self.literal(outer)
        if text is None and outer is not node:
            outer = node
            text = self.literal(node)
        if text is not None and is_pem_key(text):
            self.pem_reported.append(key)
            self.secret(outer, "private-key", text, None)

    def jwk(self, entries: Sequence[tuple[str, ts.Node]], name: str | None) -> None:
        """An object literal with ``kty`` and a private ``d``: a JWK private key."""
        keys = {key: value for key, value in entries}
        if "kty" not in keys or "d" not in keys:
            return
        d_value = self.literal(keys["d"])
        if d_value is not None and _JWK_D.match(d_value) and not is_placeholder(d_value):
            self.secret(keys["d"], "private-key", d_value, name)

    # -- candidates: headers, scope lists, HTTP calls, SDK clients ---------------------------

    def header(self, key: ts.Node | None, value: ts.Node, standalone: bool = False,
               scheme: str | None = None) -> None:
        self.headers.append(HeaderCandidate(key, value, self.scope, self.context, standalone,
                                            scheme))

    def value_position(self, node: ts.Node | None) -> None:
        """A string built where a value goes (assigned, returned, passed): maybe "SSWS " + t.
        Each branch of a conditional expression (``t.startsWith("SSWS ") ? t : `SSWS ${t}```)
        is such a place too."""
        if node is None or not self.ssws_file or self.message_depth:
            return
        if node.type in CONDITIONALS:
            condition = node.child_by_field_name("condition")
            for branch in node.named_children:
                if condition is None or branch.id != condition.id:
                    self.value_position(branch)
            return
        self.values.append(ValueCandidate(node, self.scope, self.context))

    def scope_list(self, node: ts.Node, role: ScopeRole) -> None:
        """A scope string or list (token request ``scope``, SDK ``scopes``, a scope constant)."""
        self.scope_lists.append((node, self.scope, self.context, role))

    def http(self, call: HttpCall) -> None:
        self.http_calls.append(call)

    def helper_call(self, node: ts.Node, name: str | None, args: Sequence[ts.Node]) -> None:
        """Any call with arguments: maybe an API call through a wrapper. Also inside a message
        (``console.log(await getAll("/api/v1/users"))``, ``log.Println(c.getJSON(ctx, p, &o))``):
        the message call itself is never a candidate, but a call in its arguments is made all
        the same, and only a call of a wrapper the project defines becomes an API call."""
        name = name.split("<", 1)[0] if name is not None else None  # C# ``GetAsync<User>``
        if not name or not args or NOT_A_WRAPPER.fullmatch(name):
            return
        self.helper_calls.append(HelperCall(node, name, list(args), self.scope, self.context))

    def sdk_operation(self, node: ts.Node, name: str, sdk: str) -> bool:
        """An SDK method named like an Okta operation (``userApi.listUsers``): an ApiCall."""
        operation = lookup(name[:-5] if name.endswith("Async") else name)
        if operation is None:
            return False
        self.sdk_nodes.append(node)
        self.facts.append(ApiCall(self.span(node), self.context, operation.method,
                                  operation.path, sdk, operation.operation_id))
        return True

    def sdk(self, node: ts.Node, sdk: str, auth_mode: str | None, options: Iterable[str],
            token: ts.Node | None, context: str, mode: ts.Node | None = None) -> None:
        """An SDK client: ``mode`` is the value that sets its authorization mode, if any."""
        self.facts.append(SdkClient(
            self.span(node), context, sdk, auth_mode, tuple(dict.fromkeys(options)),
            self.span(token) if token is not None else None,
            self.span(mode) if mode is not None else None))
        if (auth_mode or "").replace("_", "").lower() in ("privatekey", "jwt"):
            # the client requests (and renews) its own token: followed like a token request,
            # where only a new client per API call is wrong (OIN304)
            call = self.library_token_call(node, SDK_OAUTH, context)
            self.token_requests.append((len(self.facts), call))
            self.facts.append(TokenRequest(
                self.span(node), context, "org", None, "client_credentials", "private-key-jwt",
                expiry_honoured=True, retry_on_401=True, via=SDK_OAUTH, expiry_read=True,
                clock_used=True))

    def library_token_call(self, node: ts.Node, via: str, context: str | None = None
                           ) -> HttpCall:
        """A client-credentials token request that a library or SDK sends for the code (its
        URL is the library's business): a POST whose form has a grant, to be filled with the
        parameters the code passes (``scope``)."""
        return HttpCall(node, None, "POST", self.scope,
                        self.context if context is None else context, via,
                        {"grant_type": None}, grant="client_credentials")

    def sdk_scopes(self, node: ts.Node, scope: LexicalScope, context: str) -> None:
        """An SDK client's ``scopes`` option: a scope list (and not a scope constant too)."""
        self.scope_nodes.add(self.key(node))
        self.scope_lists.append((node, scope, context, "sdk-config"))

    def basic_auth(self, secret: ts.Node) -> None:
        """``SetBasicAuth(id, secret)`` and the like: the requests of this context carry HTTP
        Basic client authentication, and ``secret`` is a client secret."""
        self.basic_contexts.add(self.context)
        self.named_value("client_secret", secret)

    def basic_later(self, call: HttpCall) -> None:
        """After the walk, ``call`` carries Basic authentication when its context sets Basic
        credentials anywhere (before or after the call)."""
        context = self.context
        self.later(lambda: setattr(call, "basic", call.basic or context in self.basic_contexts))

    def project_facts(self) -> None:
        """Facts other files resolve against (``HelperDef``, ``HelperCall``; language modules
        that know their imports override)."""

    def scope_import(self, node: ts.Node, scope: LexicalScope, context: str,
                     role: ScopeRole) -> bool:
        """Scopes named by an imported constant: a ``ScopeImport`` (language modules
        override). True when one was added."""
        return False

    def unresolved(self, node: ts.Node, what: str, detail: str, context: str) -> None:
        self.facts.append(Unresolved(self.span(node), context, what, detail))

    # -- results -----------------------------------------------------------------------------

    def token_facts(self) -> None:
        """API-token shapes anywhere in the text: code, comments and strings alike."""
        text = self.text
        ascii_text = self.positions.ascii
        for start, end in api_token_spans(text):
            if ascii_text:
                byte_start, byte_end = start, end
            else:
                byte_start = len(text[:start].encode("utf-8"))
                byte_end = byte_start + (end - start)
            span = self.span_bytes(byte_start, byte_end)
            self.secrets.setdefault((span, "api-token"), SecretLiteral(
                span, context_at(self.ranges, span.line), "api-token",
                redact_value(text[start:end]), None, self.okta_file))

    def result(self) -> FileFacts:
        secrets = drop_nested_keys(list(self.secrets.values()))
        facts = sorted([*self.facts, *secrets], key=lambda f: (f.span, type(f).__name__))
        comments = tuple(sorted(self.comments, key=lambda c: (c.line, c.column)))
        return FileFacts(self.path, self.language, tuple(facts), comments, tuple(self.problems))
