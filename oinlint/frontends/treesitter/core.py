"""The shared core of the tree-sitter front ends: one parse and one walk per file.

A language module subclasses :class:`Analyzer` and writes ``on_<node type>`` handlers; the
walk calls them in document order (a handler may return a callback run when the walk leaves
the node, for scopes and message contexts). Handlers record *bindings* (names and what they
are assigned) and *candidates* (a value given to an ``Authorization`` header, an SDK client, an
HTTP call). Candidates are resolved after the walk, so a constant defined below its use still
resolves and nothing is parsed twice. Language modules supply :meth:`Analyzer.evaluate`, the
string evaluator for their expressions; everything else (spans, comments, contexts, secret
tests, header and token-request facts) lives here so that all languages agree.

The token lifecycle (what OIN301–OIN305 read: where a token request's token is kept, per call
or in a loop, expiry and clock reads, 401 checks, refresh tokens) is :class:`Lifecycle`, one
language-neutral tracer run after the walk; a language opts in with a :class:`LifecycleSyntax`
table of its node types and a few ``lc_*`` hooks. Transport settings, one org's URL and
credentials in log or exception messages (what OIN402–OIN405 read) are :class:`Transport`'s,
another shared pass after the walk, driven by a language's :class:`TransportSyntax` table.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar, Final

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
    AuthHeader,
    AuthServerKind,
    ClientAuth,
    Comment,
    Fact,
    FileFacts,
    HardcodedOrg,
    ParseProblem,
    RefreshTokenUse,
    ResponseHandling,
    ScopeList,
    ScopeRef,
    ScopeRole,
    SdkClient,
    SecretKind,
    SecretLiteral,
    SecretLogged,
    Span,
    TokenCaching,
    TokenRequest,
    TransportSetting,
    Unresolved,
)
from oinlint.frontends.shared.tidy import context_at, drop_nested_keys
from oinlint.frontends.shared.transport import (
    LOG_RECEIVER,
    is_secret_name,
    okta_org_host,
    plain_http_okta,
)
from oinlint.frontends.treesitter.grammars import Grammar
from oinlint.frontends.treesitter.values import HOLE, LexicalScope, Part, StrValue, split_url
from oinlint.okta import lookup, normalise_path
from oinlint.okta import match as match_operation

__all__ = [
    "ALWAYS_TRUE",
    "ITERATOR_CALLS",
    "Analyzer",
    "HttpCall",
    "Leave",
    "Lifecycle",
    "LifecycleSyntax",
    "Positions",
    "Transport",
    "TransportSyntax",
    "endpoint_kind",
    "is_pem_key",
    "secret_kind",
]

Leave = Callable[[], None]
_LC_QUERIES: dict[tuple[str, frozenset[str]], ts.Query] = {}
Handler = Callable[["Analyzer", ts.Node], "Leave | None"]
_QUERIES: dict[tuple[str, type[Analyzer]], ts.Query] = {}

SCHEMES: Final = frozenset({"SSWS", "Bearer", "Basic", "DPoP", "Digest"})
_LINE_BREAK: Final = re.compile(rb"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e]|\xc2\x85|\xe2\x80[\xa8\xa9]")
_SSWS_VALUE: Final = re.compile(r"^\s*(?P<scheme>SSWS)\s+(?P<cred>\S+)\s*$")
_HEADER_LINE: Final = re.compile(
    r"^\s*(?P<header>authorization)\s*:\s*(?P<scheme>[A-Za-z][\w-]*)\s+(?P<cred>\S+)\s*$",
    re.IGNORECASE,
)
_PEM_BODY: Final = re.compile(r"[A-Za-z0-9+/=]{64,}")
_BASE64_KEY: Final = re.compile(r"[A-Za-z0-9+/_\-]{64,}={0,2}")
_JWK_PRIVATE: Final = re.compile(r"""["']d["']\s*:\s*["'](?P<d>[A-Za-z0-9_\-]{40,})["']""")
_JWK_D: Final = re.compile(r"^[A-Za-z0-9_\-]{20,}$")
_WORDS_ONLY: Final = re.compile(r"[A-Za-z]+(?:[-_.][A-Za-z]+)*")
_REFERENCE: Final = re.compile(
    r"^[A-Za-z][\w+.-]*://|^(?:vault|env|file|secret|secrets|ssm|sm|op|ref|arn)[:+]",
    re.IGNORECASE,
)
_LAST_WORD: Final = re.compile(r"([A-Za-z_][\w]*)\W*$")
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
_TOKEN_PATH: Final = re.compile(r"/oauth2/(?:(?P<server>[^/]+)/)?v1/token\b")


class Positions:
    """Byte offsets → 1-based (line, column) in the engine's numbering (``str.splitlines``,
    columns in characters)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(data))]
        self.ascii = data.isascii()

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[index]
        if self.ascii:
            return index + 1, offset - start + 1
        column = len(self.data[start:offset].decode("utf-8", "replace"))
        return index + 1, column + 1

    def line_start(self, offset: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, offset) - 1]


def is_pem_key(text: str) -> bool:
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


def endpoint_kind(url: str) -> tuple[bool, AuthServerKind]:
    """(is a token endpoint, org/custom/unknown) for a URL template."""
    match = _TOKEN_PATH.search(url)
    if match is None:
        return False, "unknown"
    server = match.group("server")
    if server is None:
        return True, "org"
    return True, "custom"


@dataclass(slots=True)
class _Header:
    key: ts.Node | None  # None: the container already says it is Authorization
    value: ts.Node
    scope: LexicalScope
    context: str
    standalone: bool


@dataclass(slots=True)
class _Value:
    value: ts.Node
    scope: LexicalScope
    context: str


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


class Analyzer:
    """One file of one language: walk, record, resolve, and build :class:`FileFacts`."""

    COMMENT_TYPES: ClassVar[frozenset[str]] = frozenset({"comment"})
    # Node types whose text may hold a PEM private key.
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset({"string"})
    # Expressions a string may be concatenated in (climbed to report one key once).
    CONCAT_TYPES: ClassVar[frozenset[str]] = frozenset({"binary_expression"})
    LANGUAGE_NAME: ClassVar[str] = ""
    # How this language's tree shows a token's lifecycle; None: OIN3xx facts stay "unknown".
    LIFECYCLE: ClassVar[LifecycleSyntax | None] = None
    # How this language's tree shows transport settings and log calls; None: no OIN402–405.
    TRANSPORT: ClassVar[TransportSyntax | None] = None
    _handlers: ClassVar[dict[str, Handler]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        handlers: dict[str, Handler] = {}
        for klass in reversed(cls.__mro__):
            for name, member in vars(klass).items():
                if name.startswith("on_") and callable(member):
                    handlers[name[3:]] = member
        cls._handlers = handlers

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        self.path = path
        self.text = text
        self.language = language
        self.data = data
        self.positions = Positions(data)
        lowered = text.lower()
        self.okta_file = "okta" in lowered
        self.ssws_file = "ssws" in lowered
        self.pem_file = PRIVATE_KEY.search(text) is not None
        self.module_scope = LexicalScope("module", "")
        self.scope = self.module_scope
        # Class (type, module) name → its scope, for ``Owner.FIELD`` / ``self::FIELD`` lookups.
        self.class_scopes: dict[str, LexicalScope] = {}
        self.names: list[str] = []
        self.ranges: list[tuple[int, int, str]] = []
        self.message_depth = 0
        self.facts: list[Fact] = []
        self.comments: list[Comment] = []
        self.problems: list[ParseProblem] = []
        self.secrets: dict[tuple[Span, str], SecretLiteral] = {}
        self.headers: list[_Header] = []
        self.values: list[_Value] = []
        self.deferred: list[Callable[[], None]] = []
        self.http_calls: list[HttpCall] = []
        self.scope_lists: list[tuple[ts.Node, LexicalScope, str, ScopeRole]] = []
        self.scope_nodes: set[tuple[int, int]] = set()
        self.consumed: set[tuple[int, int]] = set()
        self.pem_reported: list[tuple[int, int]] = []
        # token lifecycle (see LifecycleSyntax): the tree, comment byte ranges, the token
        # requests among the facts, the URL template of every HTTP call, SDK operation calls
        self.root: ts.Node | None = None
        self.grammar: Grammar | None = None
        self.comment_ranges: list[tuple[int, int]] = []
        self.token_requests: list[tuple[int, HttpCall]] = []
        self.http_templates: dict[tuple[int, int], str | None] = {}
        self.sdk_nodes: list[ts.Node] = []

    # -- the walk ----------------------------------------------------------------------------

    @classmethod
    def query(cls, key: str, language: ts.Language) -> ts.Query:
        """One compiled query per grammar and analyzer: every node type a handler wants."""
        cached = _QUERIES.get((key, cls))
        if cached is None:
            kinds = set(cls._handlers) | cls.COMMENT_TYPES | cls.STRING_TYPES
            valid = sorted(k for k in kinds if language.id_for_node_kind(k, True) is not None)
            cached = ts.Query(language, "[" + " ".join(f"({k})" for k in valid) + "] @n")
            _QUERIES[(key, cls)] = cached
        return cached

    def walk(self, root: ts.Node, loaded: Grammar) -> None:
        """Visit the nodes the handlers want, in document order, outer before inner.

        The query runs in C and returns only those nodes (a fraction of the tree); a handler's
        leave callback runs when the walk reaches the first node past the end of its node.
        """
        self.root = root
        self.grammar = loaded
        query = self.query(loaded.key, loaded.language)
        handlers = self._handlers
        comment_types = self.COMMENT_TYPES
        string_types = self.STRING_TYPES if self.pem_file else frozenset()
        nodes = ts.QueryCursor(query).captures(root).get("n", [])
        nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
        pending: list[tuple[int, Leave]] = []
        for node in nodes:
            start = node.start_byte
            while pending and pending[-1][0] <= start:
                pending.pop()[1]()
            kind = node.type
            if kind in comment_types:
                self.comment(node)
                continue
            if kind in string_types:
                self.maybe_pem(node)
            handler = handlers.get(kind)
            if handler is not None:
                leave = handler(self, node)
                if leave is not None:
                    pending.append((node.end_byte, leave))
        while pending:
            pending.pop()[1]()

    # -- helpers -----------------------------------------------------------------------------

    @property
    def context(self) -> str:
        return ".".join(self.names)

    def text_of(self, node: ts.Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def span(self, node: ts.Node) -> Span:
        return self.span_bytes(node.start_byte, node.end_byte)

    def span_bytes(self, start: int, end: int) -> Span:
        line, column = self.positions.position(start)
        end_line, end_column = self.positions.position(end)
        return Span(self.path, line, column, end_line, end_column)

    @staticmethod
    def key(node: ts.Node) -> tuple[int, int]:
        return node.start_byte, node.end_byte

    def enter(self, name: str | None, node: ts.Node, kind: str = "function") -> Leave:
        """A new scope (and, when named, a new level of context) until the node is left."""
        parent = self.scope
        self.scope = LexicalScope(kind, name or "", parent)
        if name:
            self.names.append(name)
            span = self.span(node)
            self.ranges.append((span.line, span.end_line, self.context))

        def leave() -> None:
            self.scope = parent
            if name:
                self.names.pop()

        return leave

    # Scope handlers: language modules bind them to their node types
    # (``on_class_declaration = Analyzer.type_declaration``).

    def class_key(self, name: str) -> str:
        """The name a class is registered under in :attr:`class_scopes` (overridable)."""
        return name

    def type_declaration(self, node: ts.Node) -> Leave:
        """A class-like declaration named by its ``name`` field: a class scope, registered."""
        name_node = node.child_by_field_name("name")
        name = self.text_of(name_node) if name_node is not None else None
        leave = self.enter(name, node, "class")
        if name is not None:
            self.class_scopes.setdefault(self.class_key(name), self.scope)
        return leave

    def named_function(self, node: ts.Node) -> Leave:
        """A function or method named by its ``name`` field."""
        name_node = node.child_by_field_name("name")
        return self.enter(self.text_of(name_node) if name_node is not None else None, node)

    def anonymous(self, node: ts.Node) -> Leave:
        """A lambda, block or anonymous function: a scope, no context name."""
        return self.enter(None, node)

    def in_message(self) -> Leave:
        self.message_depth += 1

        def leave() -> None:
            self.message_depth -= 1

        return leave

    def named_argument(self, node: ts.Node) -> None:
        """A ``name: value`` call argument (its ``name`` field, the value its last child)."""
        name = node.child_by_field_name("name")
        if name is not None and node.named_child_count >= 2:
            self.named_value(self.text_of(name), node.named_children[-1])

    def value_children(self, node: ts.Node) -> None:
        """A handler for statements whose children are values given away (``return``)."""
        for child in node.named_children:
            self.value_position(child)

    def message(self, node: ts.Node) -> Leave:
        """A handler for statements whose arguments are messages (``throw``, ``echo``)."""
        return self.in_message()

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

    def later(self, action: Callable[[], None]) -> None:
        self.deferred.append(action)

    # -- comments ----------------------------------------------------------------------------

    def comment(self, node: ts.Node) -> None:
        self.comment_ranges.append((node.start_byte, node.end_byte))
        raw = self.text_of(node)
        marker = 0
        closer = 0
        for opener in ("///", "//", "/*", "#", "<!--", "=begin"):
            if raw.startswith(opener):
                marker = len(opener)
                break
        if raw.startswith("/*") and raw.endswith("*/") and len(raw) >= 4:
            closer = 2
        elif raw.startswith("=begin"):
            end = raw.rfind("=end")
            closer = len(raw) - end if end > 0 else 0
        body = raw[marker : len(raw) - closer]
        stripped = body.strip()
        lead = len(body) - len(body.lstrip()) if stripped else len(body)
        prefix = raw[: marker + lead]
        start = node.start_byte + len(prefix.encode("utf-8"))
        line, column = self.positions.position(start)
        line_start = self.positions.line_start(node.start_byte)
        standalone = not self.data[line_start : node.start_byte].strip()
        self.comments.append(Comment(line, column, stripped, standalone))

    # -- values ------------------------------------------------------------------------------

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        """What a string expression evaluates to (language modules override this)."""
        return None

    def value(self, node: ts.Node, scope: LexicalScope | None, depth: int = 0) -> StrValue | None:
        if depth > 16:
            return None
        return self.evaluate(node, scope, depth + 1)

    def literal(self, node: ts.Node) -> str | None:
        """The value of a literal (or a concatenation of literals), names not followed."""
        value = self.value(node, None)
        return value.literal if value is not None else None

    def name_value(self, name: str, scope: LexicalScope | None, depth: int) -> StrValue | None:
        """A name bound once to a string expression (it is then consumed: reported once)."""
        found = self.follow(name, scope)
        if found is None:
            return None
        node, where = found
        value = self.value(node, where, depth)
        if value is None:
            return None
        self.consumed.add(self.key(node))
        return value.with_via("constant")

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
        if op is None or left is None or right is None or self.text_of(op) != operator:
            return None
        return self.concat(self.value(left, scope, depth), self.value(right, scope, depth))

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

    # -- secrets -----------------------------------------------------------------------------

    def secret(self, node: ts.Node, kind: SecretKind, value: str, name: str | None) -> None:
        span = self.span(node)
        okta = self.okta_file or (name is not None and "okta" in name.lower())
        self.secrets.setdefault((span, kind), SecretLiteral(
            span, self.context, kind, redact_value(value), name, okta))

    def named_value(self, name: str | None, node: ts.Node | None) -> None:
        """A value given a name (variable, field, key, keyword): a literal credential?"""
        if node is None or name is None:
            return
        name = name.strip().strip("\"'`:$@")
        if not name or not _CANDIDATE_NAME.search(name):
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

    # -- headers -----------------------------------------------------------------------------

    def header(self, key: ts.Node | None, value: ts.Node, standalone: bool = False) -> None:
        self.headers.append(_Header(key, value, self.scope, self.context, standalone))

    def value_position(self, node: ts.Node | None) -> None:
        """A string built where a value goes (assigned, returned, passed): maybe "SSWS " + t."""
        if node is not None and self.ssws_file and not self.message_depth:
            self.values.append(_Value(node, self.scope, self.context))

    def is_authorization_key(self, key: ts.Node, scope: LexicalScope) -> bool:
        value = self.value(key, scope)
        if value is not None and value.literal is not None:
            return value.literal.strip().lower() == "authorization"
        if value is not None and value.known:
            return False
        match = _LAST_WORD.search(self.text_of(key))
        return match is not None and match.group(1).lower() == "authorization"

    # -- scopes and HTTP ---------------------------------------------------------------------

    def scope_list(self, node: ts.Node, role: ScopeRole) -> None:
        """A scope string or list (token request ``scope``, SDK ``scopes``, a scope constant)."""
        self.scope_lists.append((node, self.scope, self.context, role))

    def http(self, call: HttpCall) -> None:
        self.http_calls.append(call)

    def scope_refs(self, node: ts.Node, scope: LexicalScope, depth: int = 0) -> list[ScopeRef]:
        """The scopes a string, a list of strings or a name bound to one of them holds."""
        if depth > 8:
            return []
        elements = self.sequence(node, scope)
        if elements is not None:
            refs: list[ScopeRef] = []
            for element, where in elements:
                refs.extend(self.scope_refs(element, where, depth + 1))
            return refs
        followed = self.follow_node(node, scope)
        if followed is not None:
            self.scope_nodes.add(self.key(followed[0]))
            return self.scope_refs(followed[0], followed[1], depth + 1)
        value = self.value(node, scope)
        if value is None or value.literal is None:
            return []
        return self.words(node, value.literal)

    def words(self, node: ts.Node, literal: str) -> list[ScopeRef]:
        """One ScopeRef per space/comma separated word of a literal, each with its own span."""
        raw = self.text_of(node)
        refs: list[ScopeRef] = []
        for match in re.finditer(r"[^\s,+]+", literal):
            word = match.group(0)
            if not re.fullmatch(r"[A-Za-z][\w.:/-]*", word):
                continue
            at = raw.find(word)
            if at >= 0 and raw.count(word) == 1:
                start = node.start_byte + len(raw[:at].encode("utf-8"))
                span = self.span_bytes(start, start + len(word.encode("utf-8")))
            else:
                span = self.span(node)
            refs.append(ScopeRef(word, span))
        return refs

    def sequence(self, node: ts.Node, scope: LexicalScope) -> list[tuple[ts.Node,
                 LexicalScope]] | None:
        """Elements of a list/array literal (language modules override)."""
        return None

    def follow_node(self, node: ts.Node, scope: LexicalScope) -> tuple[ts.Node,
                    LexicalScope] | None:
        """The expression a name refers to (language modules override)."""
        return None

    # -- after the walk ----------------------------------------------------------------------

    def finish(self) -> None:
        for action in self.deferred:
            action()
        emitted: set[tuple[int, int]] = set()
        for candidate in self.headers:
            if candidate.key is not None and not self.is_authorization_key(
                candidate.key, candidate.scope
            ):
                if candidate.standalone:
                    self.values.append(_Value(candidate.value, candidate.scope,
                                              candidate.context))
                continue
            value = self.value(candidate.value, candidate.scope)
            scheme = value.first_word(SCHEMES) if value is not None else None
            if scheme is None and value is not None:
                match = _HEADER_LINE.match(value.marked())
                scheme = match.group("scheme") if match else None
            via = value.via if value is not None else "dict"
            self.facts.append(AuthHeader(self.span(candidate.value), candidate.context, scheme,
                                         via))
            emitted.add(self.key(candidate.value))
        for item in self.values:
            key = self.key(item.value)
            if key in self.consumed or key in emitted:
                continue
            value = self.value(item.value, item.scope)
            found = _standalone_auth(value) if value is not None else None
            if value is None or found is None:
                continue
            emitted.add(key)
            self.facts.append(AuthHeader(self.span(item.value), item.context, found, value.via))
        for call in self.http_calls:
            self.http_fact(call)
        for node, scope, context, role in self.scope_lists:
            if role == "constant" and self.key(node) in self.scope_nodes:
                continue
            refs = tuple(r for r in self.scope_refs(node, scope) if _SCOPE_WORD.match(r.name))
            if refs:
                self.facts.append(ScopeList(self.span(node), context, refs, role))
        if self.LIFECYCLE is not None and self.root is not None:
            Lifecycle(self, self.LIFECYCLE, self.root).run()
        if self.TRANSPORT is not None and self.root is not None:
            Transport(self, self.TRANSPORT, self.root).run()

    def http_fact(self, call: HttpCall) -> None:
        url = call.url_value
        if url is None and call.url is not None:
            url = self.value(call.url, call.scope)
        template = url.template if url is not None and url.known else None
        self.http_templates[self.key(call.node)] = template
        form: dict[str, ts.Node | None] = dict(call.form)
        literals: dict[str, str] = {}
        if call.form_text is not None:
            body = self.value(call.form_text, call.scope)
            if body is not None and body.known:
                for name, text in _form_pairs(body.template):
                    literals[name] = text
                    form.setdefault(name, None)
        is_token, kind = endpoint_kind(template) if template else (False, "unknown")
        if is_token or "grant_type" in form:
            grant = self.form_text(form.get("grant_type"), call.scope) or literals.get(
                "grant_type") or call.grant
            client_auth: ClientAuth = "unknown"
            if call.basic:
                client_auth = "basic"
            elif "client_assertion" in form:
                client_auth = "private-key-jwt"
            elif "client_secret" in form:
                client_auth = "body-secret"
            scopes: tuple[ScopeRef, ...] = ()
            scope_node = form.get("scope")
            if scope_node is not None:
                self.scope_nodes.add(self.key(scope_node))
                scopes = tuple(self.scope_refs(scope_node, call.scope))
                where = scope_node
            elif "scope" in literals and call.form_text is not None:
                scopes = tuple(self.form_scopes(call.form_text, call.scope))
                where = call.form_text
            if scopes:
                self.facts.append(ScopeList(self.span(where), call.context, scopes,
                                            "token-request"))
            self.token_requests.append((len(self.facts), call))
            self.facts.append(TokenRequest(
                self.span(call.node), call.context, kind, template, grant, client_auth, scopes,
                follow_redirects=call.follow_redirects, verify_tls=call.verify_tls,
                via=call.via, url_span=self.span(call.url) if call.url is not None else None))
            if call.follow_redirects and call.redirect is not None:
                self.facts.append(TransportSetting(
                    self.span(call.redirect), call.context, "follow-redirects", "token",
                    _written(self.text_of(call.redirect))))
            return
        if template is None:
            return
        url_path = template.split("?", 1)[0].split("#", 1)[0]
        if _OKTA_API.search(url_path) is None:
            return
        path = normalise_path(template)
        span = self.span(call.node)
        if match_operation(call.method, template).status == "unresolved":
            self.facts.append(Unresolved(span, call.context, "api-call",
                                         f"{call.method or 'ANY'} {path}"))
            return
        base, _ = split_url(template)
        self.facts.append(ApiCall(span, call.context, call.method, path, call.via, None, base))

    def sdk_operation(self, node: ts.Node, name: str, sdk: str) -> bool:
        """An SDK method named like an Okta operation (``userApi.listUsers``): an ApiCall."""
        operation = lookup(name[:-5] if name.endswith("Async") else name)
        if operation is None:
            return False
        self.sdk_nodes.append(node)
        self.facts.append(ApiCall(self.span(node), self.context, operation.method,
                                  operation.path, sdk, operation.operation_id))
        return True

    def form_text(self, node: ts.Node | None, scope: LexicalScope) -> str | None:
        if node is None:
            return None
        value = self.value(node, scope)
        return value.literal if value is not None else None

    def form_scopes(self, node: ts.Node, scope: LexicalScope) -> list[ScopeRef]:
        """``scope=okta.users.read+okta.groups.read`` inside a form-encoded body literal."""
        value = self.value(node, scope)
        if value is None:
            return []
        raw = self.text_of(node)
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
                    refs.append(ScopeRef(word, self.span_bytes(start, start + len(word))))
                else:
                    refs.append(ScopeRef(word, self.span(node)))
        return refs

    def sdk(self, node: ts.Node, sdk: str, auth_mode: str | None, options: Iterable[str],
            token: ts.Node | None, context: str) -> None:
        self.facts.append(SdkClient(
            self.span(node), context, sdk, auth_mode, tuple(dict.fromkeys(options)),
            self.span(token) if token is not None else None))

    def unresolved(self, node: ts.Node, what: str, detail: str, context: str) -> None:
        self.facts.append(Unresolved(self.span(node), context, what, detail))

    # -- token lifecycle hooks (see LifecycleSyntax; language modules override) ---------------

    def lc_function_name(self, node: ts.Node) -> str:
        """The name a function is called by in this file ("" when anonymous)."""
        name = node.child_by_field_name("name")
        return self.text_of(name) if name is not None else ""

    def lc_call(self, node: ts.Node) -> tuple[str | None, str | None]:
        """(callee name, receiver text or None) of a call: ``this.a.get(x)`` → ("get", "this.a")."""
        function = node.child_by_field_name("function")
        if function is None:
            return None, None
        if function.type == "identifier":
            return self.text_of(function), None
        name = (function.child_by_field_name("property") or function.child_by_field_name("field")
                or function.child_by_field_name("name"))
        receiver = (function.child_by_field_name("object")
                    or function.child_by_field_name("operand")
                    or function.child_by_field_name("expression"))
        if name is None:
            return None, None
        return self.text_of(name), self.text_of(receiver) if receiver is not None else None

    def lc_arguments(self, node: ts.Node) -> list[ts.Node]:
        args = node.child_by_field_name("arguments")
        if args is None:
            return []
        return [a for a in args.named_children if a.type not in self.COMMENT_TYPES]

    def lc_assignments(self, node: ts.Node, fields: tuple[str, str]) -> list[tuple[ts.Node,
                                                                                   ts.Node]]:
        """(target, value) pairs of an assignment or initialised declaration."""
        target = node.child_by_field_name(fields[0])
        value = node.child_by_field_name(fields[1])
        return [(target, value)] if target is not None and value is not None else []

    def lc_is_method(self, node: ts.Node, syntax: LifecycleSyntax) -> bool:
        """Is this function called through a receiver (``this.m()``)?"""
        return node.type in syntax.methods

    def lc_self_names(self, node: ts.Node) -> frozenset[str]:
        """Extra receiver names meaning "this object" inside a function (Go's ``c``)."""
        return frozenset()

    def lc_class_of(self, node: ts.Node, enclosing: str | None) -> str | None:
        """The class whose state a function shares (the enclosing class; Go: the receiver)."""
        return enclosing

    def lc_implicit_returns(self, node: ts.Node) -> list[ts.Node]:
        """Values a function returns without a return statement (arrow bodies, Ruby)."""
        return []

    def lc_place(self, target: ts.Node, class_fields: dict[str, set[str]]
                 ) -> tuple[str, str] | None:
        """Where an assignment target keeps a value, when the shared text rules cannot tell
        (Go: a field of a struct literal that is returned is ``("instance:<Type>", field)``)."""
        return None

    def lc_out_targets(self, node: ts.Node) -> list[ts.Node]:
        """Variables a call writes through (Go's ``json.Unmarshal(b, &tok)``)."""
        return []

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

    def syntax_problem(self, root: ts.Node) -> None:
        """One ParseProblem when ERROR nodes cover a large part of the file."""
        if not root.has_error:
            return
        errors: list[ts.Node] = []
        stack = [root]
        while stack:
            node = stack.pop()
            if node.is_error:
                errors.append(node)
                continue
            stack.extend(child for child in node.children if child.has_error)
        covered = sum(e.end_byte - e.start_byte for e in errors)
        size = len(self.data.strip()) or 1
        if covered / size < 0.3 or not errors:
            return
        first = min(errors, key=lambda e: e.start_byte)
        last = max(errors, key=lambda e: e.end_byte)
        line, column = self.positions.position(first.start_byte)
        end_line, _ = self.positions.position(last.end_byte)
        where = f"line {line}" if end_line == line else f"lines {line}–{end_line}"
        self.problems.append(ParseProblem(
            Span(self.path, line, column, line, column + 1),
            f"syntax errors: {where} ({round(100 * covered / size)}% of the file) did not parse "
            f"as {self.LANGUAGE_NAME or self.language}; facts come from the rest"))

    def result(self) -> FileFacts:
        secrets = drop_nested_keys(list(self.secrets.values()))
        facts = sorted([*self.facts, *secrets], key=lambda f: (f.span, type(f).__name__))
        comments = tuple(sorted(self.comments, key=lambda c: (c.line, c.column)))
        return FileFacts(self.path, self.language, tuple(facts), comments, tuple(self.problems))


_CANDIDATE_NAME: Final = re.compile(r"secret|key|pem", re.IGNORECASE)
_SCOPE_WORD: Final = re.compile(r"^(?:okta\.[A-Za-z]+(?:\.[A-Za-z]+)*|openid|profile|email"
                                r"|offline_access|groups|address|phone|device_sso)$")
_OKTA_API: Final = re.compile(r"/api/v1(?:/|$)|/integrations/api/|/oauth2/v1/clients(?:/|$)")
_FORM_PAIR: Final = re.compile(r"(?:^|[?&])([A-Za-z_]+)=([^&]*)")


def _form_pairs(body: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _FORM_PAIR.finditer(body)]


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




# -- token lifecycle --------------------------------------------------------------------------

# where a node runs inside its function: in a loop over items (users, pages) / over orgs
ITEM_LOOP: Final = 1
ORG_LOOP: Final = 2
_ORG_LOOP: Final = re.compile(r"org|tenant|customer|domain|install|instance|account",
                              re.IGNORECASE)
_RETRY_LOOP: Final = re.compile(r"attempt|retr|tries|tried", re.IGNORECASE)
_SMALL_BOUND: Final = re.compile(r"<=?\s*\d\b(?!\.)|\b\d\s*\.\s*times\b|range\s*\(?\s*\d\s*\)?\s*$")
_FOREVER: Final = re.compile(r"^\s*(?:for|loop|while|until)?\s*(?:\(\s*(?:true|1)\s*\)|true|1)?"
                             r"\s*(?:do|\{)?\s*$")
_ENTRY: Final = re.compile(r"^_?(?:main|run|cli|handler|lambdaHandler|lambda_handler|handle"
                           r"|execute|start|job|task|app)(?:[_A-Z0-9]\w*)?$")
_EXPIRES: Final = re.compile(r"(?i:expires_?in)|[\"']exp[\"']|\.exp\b|:exp\b")
# receivers whose ``.get(url)`` with an unresolved URL is an HTTP call (not ``map.get(key)``)
_HTTPISH: Final = re.compile(r"axios|fetch|got|http|client|request|session|api|agent|^ky$|rest"
                             r"|faraday|guzzle|curl|conn|okta|net|resty", re.IGNORECASE)
_UNAUTHORIZED: Final = re.compile(rb"\b401\b|Unauthorized|UNAUTHORIZED|unauthorized")
_REFRESH: Final = re.compile(rb"refresh_token")
# property and hash-key names (not variables): a refresh token sent or read by name
_KEY_TYPES: Final = frozenset({"property_identifier", "hash_key_symbol", "simple_symbol"})
_COMPARE_OPS: Final = frozenset({"==", "===", "!=", "!==", "eql?", "equal?", "instanceof", "is",
                                 "in", "<=>"})
# ``[401, 403].includes(status)``, ``res.is_a?(Net::HTTPUnauthorized)``
_CONTAINS_CALLS: Final = frozenset({"includes", "include?", "contains", "Contains", "in_array",
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
# ``cache.set(org, token)``: a store into the receiver (per org when it outlives the call)
STORE_CALLS: Final = frozenset({"set", "put", "Store", "store", "write", "setex", "Set",
                                "TryAdd", "AddOrUpdate", "putIfAbsent", "setItem", "offsetSet"})


@dataclass(frozen=True, slots=True)
class LifecycleSyntax:
    """How one language's tree shows what happens to an access token (a language module's
    table; everything else is :class:`Lifecycle`'s, shared by all languages).

    ``functions``: function, method and lambda nodes (each call of one starts afresh: its
    locals die with it); ``methods``: those of them called through a receiver
    (``this.m()``, ``c.m()``), when the language tells them apart at the call (else empty:
    calls match by name). ``classes``: class-like declarations (their fields outlive calls).
    ``loops``: loop statements (classified by the text before their ``body``).
    ``assignments``: node type → (target field, value field). ``declarations``: node type →
    field holding the names declared there (locals in a function, fields in a class body,
    globals at the top). ``parameters``: parameter list types. ``returns``: return
    statements. ``calls``: call expressions. ``identifiers``: plain names (and shorthand
    properties, which are names too). ``self_names``: receivers meaning "this object".
    ``clock``: a clock read. ``comparisons`` / ``cases``: where a 401 is a status check.
    ``strings``: string literal types (``refresh_token`` / ``"401"`` in Ruby).
    """

    functions: frozenset[str]
    classes: frozenset[str]
    loops: frozenset[str]
    assignments: dict[str, tuple[str, str]]
    declarations: dict[str, str]
    parameters: frozenset[str]
    returns: frozenset[str]
    calls: frozenset[str]
    identifiers: frozenset[str]
    self_names: frozenset[str]
    clock: re.Pattern[str]
    comparisons: frozenset[str]
    cases: frozenset[str]
    strings: frozenset[str]
    methods: frozenset[str] = frozenset()
    closures: bool = True  # a function sees the names of the file's top level
    # blocks run inline (Ruby's ``synchronize do … end``) unless an iterator runs them
    blocks: frozenset[str] = frozenset()
    # a bare name may call a method of the file (Ruby's ``@token ||= fetch_token``)
    bare_calls: bool = False
    # functions that send an HTTP request the front end does not model (``wp_remote_get``):
    # an API call for OIN304, and their result is a response, not the token
    http_functions: frozenset[str] = frozenset()


@dataclass(eq=False, slots=True)
class _Fn:
    """One function (or the file's top level: ``node`` None) and what the tracer needs of it."""

    node: ts.Node | None
    name: str
    cls: str | None
    method: bool
    parent: _Fn | None
    self_names: frozenset[str]
    declared: set[str] = field(default_factory=set)
    assigns: list[tuple[ts.Node, ts.Node]] = field(default_factory=list)
    returns: list[ts.Node] = field(default_factory=list)
    calls: list[_Site] = field(default_factory=list)
    inner: list[_Fn] = field(default_factory=list)  # functions defined directly in this one
    http: list[ts.Node] = field(default_factory=list)
    sdk: bool = False
    memo: bool = False
    text: str | None = None

    @property
    def is_module(self) -> bool:
        return self.node is None


@dataclass(eq=False, slots=True)
class _Site:
    """A call (maybe of the function that fetches the token) and where it runs."""

    node: ts.Node
    name: str
    receiver: str | None
    fn: _Fn
    loop: int  # ITEM_LOOP | ORG_LOOP bits


@dataclass(slots=True)
class _Trace:
    """Where a token went (the tree-sitter twin of pytokens' trace)."""

    stores: set[str] = field(default_factory=set)
    fns: list[_Fn] = field(default_factory=list)
    site: ts.Node | None = None
    in_loop: bool = False
    per_call: bool = False
    unknown: bool = False
    store_names: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    bad: list[ts.Node] = field(default_factory=list)
    kept: int = 0

    def flag(self, node: ts.Node) -> None:
        if all(Analyzer.key(n) != Analyzer.key(node) for n in self.bad):
            self.bad.append(node)


def in_message(analyzer: Analyzer, node: ts.Node, functions: frozenset[str],
               calls: frozenset[str], statements: frozenset[str] = frozenset()) -> bool:
    """``node`` sits inside a message: a log, print or comparison call (``MESSAGE_CALL``), a
    ``throw``/``raise``, or one of ``statements`` (PHP ``echo``), within its own function."""
    current = node.parent
    while current is not None and current.type not in functions:
        if current.type in calls:
            name, _ = analyzer.lc_call(current)
            if name is not None and MESSAGE_CALL.match(name):
                return True
        if "throw" in current.type or "raise" in current.type or current.type in statements:
            return True
        current = current.parent
    return False


class Lifecycle:
    """Follows each token request of a file to where its token is kept (after the walk).

    Per function it records assignments, returns, calls (and whether they run in a loop over
    items), the names declared there, HTTP and SDK calls; then, as pytokens does for Python,
    follows the token from the request through locals, ``this``/``self``/``@``/``$this->``/
    receiver fields, top-level variables and the callers of the function that fetches it
    (within the file): fetched once at start-up, kept in an object, cached per org, fetched
    per API call, or in a loop. ``expires_in`` and clock reads in the functions that handle
    the token decide ``expiry_read`` / ``clock_used``; a 401 status check anywhere in the
    file is ``retry_on_401`` (and a ``ResponseHandling`` fact for OIN303, a project rule).
    A token whose fate is not visible in the file keeps ``caching="unknown"`` (and an
    ``Unresolved``).
    """

    def __init__(self, analyzer: Analyzer, syntax: LifecycleSyntax, root: ts.Node) -> None:
        self.a = analyzer
        self.syntax = syntax
        self.root = root
        self.module = _Fn(None, "", None, False, None, syntax.self_names)
        self.fns: list[_Fn] = []
        self.class_fields: dict[str, set[str]] = {}
        self.where: dict[tuple[int, int], tuple[_Fn, int]] = {}
        self.sites: dict[str, list[_Site]] = {}  # call sites by callee name
        self.by_name: dict[str, list[_Fn]] = {}
        token_keys = {analyzer.key(call.node) for _, call in analyzer.token_requests}
        self.token_keys = token_keys
        self.api_keys = {analyzer.key(call.node) for call in analyzer.http_calls} - token_keys
        self.comments = sorted(analyzer.comment_ranges)

    # -- entry -----------------------------------------------------------------------------

    def run(self) -> None:
        a = self.a
        file_401 = self.response_facts()
        self.refresh_facts()
        if not a.token_requests:
            return
        self.index()
        for index, call in a.token_requests:
            fact = a.facts[index]
            if not isinstance(fact, TokenRequest):
                continue
            if fact.grant_type is None and self.client_credentials_file():
                # the body is built in several ways (a refresh branch, say); the file asks
                # for client-credentials tokens, so this token URL is one of them (as pytokens)
                fact = replace(fact, grant_type="client_credentials")
            if call.via == "clientcredentials":
                # golang.org/x/oauth2/clientcredentials: its TokenSource caches and renews
                a.facts[index] = replace(fact, caching="library", expiry_honoured=True,
                                         retry_on_401=True)
                continue
            a.facts[index] = self.verdict(fact, call, file_401)

    def client_credentials_file(self) -> bool:
        for match in re.finditer(rb"client_credentials", self.a.data):
            if not self.in_comment(match.start()):
                return True
        return False

    def verdict(self, fact: TokenRequest, call: HttpCall, file_401: bool) -> TokenRequest:
        a = self.a
        located = self.where.get(a.key(call.node))
        if located is None:
            return fact
        fn, loop = located
        trace = self.trace(fn, {a.key(call.node)}, 0, call.node, loop, _Trace(), None)
        related = self.related(trace, fn)
        texts = [self.own_text(f) for f in related]
        expiry = any(_EXPIRES.search(t) for t in texts)
        clock = any(self.syntax.clock.search(t) for t in texts)
        caching = _caching(trace)
        if trace.unknown and caching == "unknown":
            a.facts.append(Unresolved(fact.span, fact.context, "token-lifecycle",
                                      "the token-fetching function is not called here"))
        return replace(
            fact, caching=caching, expiry_honoured=expiry and clock, retry_on_401=file_401,
            in_loop=trace.in_loop, per_call=trace.per_call,
            site=a.span(trace.site) if trace.site is not None else None,
            expiry_read=expiry, clock_used=clock,
            fetch_sites=tuple(a.span(n) for n in trace.bad))

    # -- one pass over the tree ------------------------------------------------------------

    def index(self) -> None:
        """Functions, their assignments / returns / calls / declarations, loops, classes.

        One query (run in C) returns just the nodes of those kinds; they are visited in
        document order with a stack of the scopes still open, as :meth:`Analyzer.walk` does.
        """
        a, syntax = self.a, self.syntax
        wanted_nodes = [call.node for _, call in a.token_requests] + [
            call.node for call in a.http_calls] + a.sdk_nodes
        wanted = {a.key(n) for n in wanted_nodes}
        sdk_keys = {a.key(n) for n in a.sdk_nodes}
        kinds = (syntax.functions | syntax.blocks | syntax.classes | syntax.loops
                 | syntax.assignments.keys() | syntax.declarations.keys() | syntax.returns
                 | syntax.calls | {n.type for n in wanted_nodes}
                 | (syntax.identifiers if syntax.bare_calls else frozenset()))
        # (end byte, function, loop bits, class) of the scopes that contain the current node
        open_scopes: list[tuple[int, _Fn, int, str | None]] = [
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
            scope: tuple[int, _Fn, int, str | None] | None = None
            if kind in syntax.blocks:
                iterator = self.iterator_header(node)
                if iterator is not None:
                    scope = (node.end_byte, fn, loop | _loop_kind(iterator), cls)
                self.declare_parameters(node, fn)
            elif kind in syntax.functions:
                iterator = self.iterator_header(node)
                if iterator is not None:
                    scope = (node.end_byte, fn, loop | _loop_kind(iterator), cls)
                    self.declare_parameters(node, fn)
                else:
                    inner = _Fn(node, a.lc_function_name(node), a.lc_class_of(node, cls),
                                a.lc_is_method(node, syntax), fn,
                                syntax.self_names | a.lc_self_names(node))
                    inner.memo = self.memoized(node)
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
                scope = (node.end_byte, fn, loop | _loop_kind(header), cls)
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
                    fn.calls.append(_Site(node, callee, receiver, fn, loop))
            elif syntax.bare_calls and kind in syntax.identifiers and not self.member_name(node):
                fn.calls.append(_Site(node, a.text_of(node), None, fn, loop))
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
        return _query_nodes(self.a, self.root, kinds)

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

    def declare_parameters(self, node: ts.Node, fn: _Fn) -> None:
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

    def memoized(self, node: ts.Node) -> bool:
        call = self.enclosing_call(node)
        if call is None:
            return False
        name, _ = self.a.lc_call(call)
        return name in MEMO_CALLS

    # -- following the token ---------------------------------------------------------------

    def mentions(self, expr: ts.Node, keys: set[tuple[int, int]], names: set[str]) -> bool:
        """Does ``expr`` carry the tracked value? Not through an API call that merely uses it,
        nor through a nested function."""
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

    def place(self, target: ts.Node, fn: _Fn) -> tuple[str, str]:
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
        member = re.match(r"^(?P<base>\$?\w+)(?:\.|->)", text)
        if member is not None:
            base = member.group("base")
            kind = self.scope_of(base, fn)
            return (kind if kind in ("module", "instance") else "carrier"), base
        return "pattern", ""

    def scope_of(self, name: str, fn: _Fn) -> str:
        """A bare name assigned in ``fn``: its local, a closure's or a class's field, a global."""
        if fn.is_module:
            return "module"
        if name in fn.declared:
            return "local"
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

    def store(self, fn: _Fn, target: ts.Node, trace: _Trace, names: set[str]) -> None:
        kind, name = self.place(target, fn)
        if kind.startswith("instance:"):
            trace.classes.add(kind.split(":", 1)[1])
            kind = "instance"
        if kind in ("module", "instance", "per-org"):
            trace.kept += 1
            trace.stores.add(kind)
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

    def store_call(self, fn: _Fn, site: _Site, keys: set[tuple[int, int]], names: set[str],
                   trace: _Trace) -> None:
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
            owner is not None and self.scope_of(owner.group(1), fn) in ("module", "instance"))
        if kept:
            trace.kept += 1
            trace.stores.add("per-org")
            if fn.cls is not None:
                trace.classes.add(fn.cls)
            if owner is not None:
                trace.store_names.add(owner.group(1))

    def trace(self, fn: _Fn, keys: set[tuple[int, int]], depth: int, origin: ts.Node,
              loop: int, trace: _Trace, via: ts.Node | None) -> _Trace:
        """Follow the value of the nodes ``keys`` through ``fn``; ``loop``: the loops the
        fetch (or the call of the fetching function) runs in there."""
        trace.fns.append(fn)
        if fn.is_module:
            self.top_level(keys, trace)
            return trace
        if fn.memo:
            trace.stores.add("function-cache")
            return trace
        names: set[str] = set()
        kept = trace.kept
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
            if (len(names), len(trace.stores), trace.kept) == before:
                break
        returned = any(self.mentions(value, keys, names) for value in fn.returns)
        if trace.kept > kept:
            return trace
        if returned and depth < 3:
            sites = self.callers(fn)
            if not sites:
                if self.api_function(fn, 0) and not _entry(fn.name):
                    trace.per_call = True
                    trace.flag(via or origin)
                    trace.stores.add("local")
                else:
                    trace.unknown = True
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
        if loop & ITEM_LOOP and depth == 0:
            trace.in_loop = True
            trace.flag(origin)
        # one token per org per run (a loop over tenants) is not a token per API call
        if not loop & ORG_LOOP and self.api_function(fn, 0) and not _entry(fn.name):
            trace.per_call = True
            trace.flag(via or origin)
        trace.stores.add("local")
        return trace

    def top_level(self, keys: set[tuple[int, int]], trace: _Trace) -> None:
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

    def callers(self, fn: _Fn) -> list[_Site]:
        if not fn.name:
            return []
        telling = bool(self.syntax.methods)
        return [site for site in self.sites.get(fn.name, ())
                if not telling or fn.method == (site.receiver is not None)]

    def api_function(self, fn: _Fn, depth: int) -> bool:
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
            if receiver is None or _HTTPISH.search(receiver.rsplit(".", 1)[-1]) or (
                name is not None and _HTTPISH.search(name)
            ):
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

    def related(self, trace: _Trace, origin: _Fn) -> list[_Fn]:
        """The functions whose expiry handling counts for this token."""
        related = [origin, *trace.fns]
        words = [re.compile(rf"(?<![\w$]){re.escape(n)}\b") for n in trace.store_names if n]
        classes = trace.classes | ({origin.cls} if origin.cls else set())
        for fn in self.fns:
            same_class = fn.cls is not None and fn.cls in classes
            if same_class or (words and any(w.search(self.own_text(fn)) for w in words)):
                related.append(fn)
        return related

    def own_text(self, fn: _Fn) -> str:
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

    # -- 401 checks and refresh tokens -----------------------------------------------------

    def in_comment(self, start: int) -> bool:
        index = bisect.bisect_right(self.comments, (start, 1 << 62)) - 1
        return index >= 0 and self.comments[index][0] <= start < self.comments[index][1]

    def response_facts(self) -> bool:
        """401 status checks (``status === 401``, ``http.StatusUnauthorized`` in a comparison
        or case, ``[401, 403].includes(s)``): ResponseHandling facts; True when any."""
        a = self.a
        found = False
        for match in _UNAUTHORIZED.finditer(a.data):
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
                found = True
                a.facts.append(ResponseHandling(a.span(node), context_at(a.ranges,
                                                a.span(node).line), "401"))
        return found

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
                if any(self.a.text_of(op) in _COMPARE_OPS for op in ops):
                    return True
                continue
            if kind in self.syntax.calls:
                name, _ = self.a.lc_call(current)
                return name in _CONTAINS_CALLS
            if kind in self.syntax.functions or kind.endswith("statement"):
                return False
        return False

    def refresh_facts(self) -> None:
        """``"refresh_token"`` (a grant type, a body key) outside messages and comments."""
        a = self.a
        for match in _REFRESH.finditer(a.data):
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


def _entry(name: str) -> bool:
    """An entry point (``main``, ``Run``, ``handler``, ``runJob``): one token for one run."""
    return _ENTRY.match(name[:1].lower() + name[1:]) is not None


def _loop_kind(header: str) -> int:
    """ORG_LOOP for a loop over orgs/tenants, ITEM_LOOP for one over items (users, pages),
    0 for a retry or forever loop."""
    if _ORG_LOOP.search(header):
        return ORG_LOOP
    if _RETRY_LOOP.search(header) or _SMALL_BOUND.search(header) or _FOREVER.match(header):
        return 0
    return ITEM_LOOP


def _caching(trace: _Trace) -> TokenCaching:
    if trace.per_call or (trace.in_loop and "module" not in trace.stores):
        return "none"
    for kind in ("function-cache", "per-org", "instance", "module", "local"):
        if kind in trace.stores:
            return kind
    return "unknown"


# -- transport settings and secrets in messages (OIN402–OIN405) -------------------------------

# An option value that is a function accepting every certificate or host name
# (``(h, s) -> true``, ``(m, c, ch, e) => true``, ``delegate { return true; }``).
ALWAYS_TRUE: Final = "<always true>"
_ALWAYS_TRUE: Final = re.compile(
    r"^(?:(?:\([^()]*\)|\w+)\s*(?:->|=>)|delegate\s*(?:\([^()]*\))?)\s*"
    r"(?:true|\{\s*return\s+true\s*;?\s*\})$")
# Test files pin one org for their doubles (OIN402 judges Python's by name; these are the
# other languages' conventions: ``x_test.go``, ``x.test.ts``, ``x.spec.js``, ``FooTest.java``,
# ``FooTests.cs``, ``x_spec.rb``, ``__tests__/``, Maven's ``src/test/``, Go's ``testdata/``).
_TEST_FILE: Final = re.compile(
    r"(?:^|/)(?:[^/]*(?:[._-](?:test|spec)s?|Tests?|Spec)\.\w+|test_[^/]*)$"
    r"|(?:^|/)(?:__tests__|src/test|testdata)/")
# a word every sink's callee has (:meth:`Transport.sink` decides)
_SINK_WORD: Final = re.compile(
    rb"log|print|puts|echo|warn|err|info|debug|write|dump|trace|fatal|panic|notice|verbose"
    rb"|critical|raise|fail|abort|exception|\bpp?\b|\bdd\b", re.IGNORECASE)
# where a credential may be named (the words :func:`is_secret_name` ends with)
_SECRETISH_BYTES: Final = re.compile(rb"token|secret|password|bearer|authorization|ssws",
                                     re.IGNORECASE)
_LOG_METHOD: Final = re.compile(
    r"^(?:log_?)?(?:debug|info|information|warn|warning|error|exception|critical|fatal|trace"
    r"|notice|verbose|print|write|write_?line|puts|panic|log)(?:f|ln|w)?$", re.IGNORECASE)
_CAMEL_LOGGER: Final = re.compile(r"[a-z0-9](?:Log|Logger)$")  # ``appLogger``, ``auditLog``
_EXCEPTION_TYPE: Final = re.compile(r"(?:Error|Exception)$")
# Calls that pass a value on into the text they build (others, ``len(t)``, ``redact(t)``, an
# API call made with the token, turn it into something else).
_PASSTHROUGH: Final = frozenset({
    "format", "Format", "Sprintf", "Sprint", "Sprintln", "sprintf", "vsprintf", "join", "Join",
    "toString", "ToString", "to_s", "inspect", "to_json", "stringify", "dumps", "valueOf",
    "String", "str", "concat", "Concat", "json_encode", "implode", "strval", "formatted"})
_GETTER: Final = re.compile(r"^[gG]et_?(?=[A-Z_a-z])")
# ``jwt.decode(t, {verify: false})`` is not TLS; nor is Laravel's ``Auth::routes(['verify' =>
# false])`` (e-mail verification routes)
_NOT_TLS_CALL: Final = re.compile(r"decode|jwt|verify_?token|(?:^|\.)routes$", re.IGNORECASE)
# operators whose result is a truth value, not the operand (``token != null``)
_TEST_OPERATORS: Final = frozenset({"==", "===", "!=", "!==", "<", ">", "<=", ">=", "!",
                                    "not", "instanceof", "is", "typeof", "<=>", "=~", "!~"})
_WRITTEN_SPACE: Final = re.compile(r"\s+")


def _written(text: str) -> str:
    """Source text as a one-line detail."""
    return _WRITTEN_SPACE.sub(" ", text).strip()[:80]


@dataclass(frozen=True, slots=True)
class TransportSyntax:
    """How one language's tree shows weakened transport and credentials in messages (a
    language module's table; the detection is :class:`Transport`'s, shared by all languages).

    Secrets in messages (OIN405): ``calls`` (call node types; names and receivers come from
    :meth:`Analyzer.lc_call`), ``creations`` (``new X(…)``: an ``…Error`` / ``…Exception``'s
    message), ``statements`` (print statements such as PHP ``echo``), ``print_functions``
    (bare calls that print: Ruby ``puts``, PHP ``error_log``) and ``print_receivers``
    (``console``, ``System.out``; a receiver named like a logger always counts). In their
    arguments, ``identifiers`` (variables), ``members`` (member access type → the field naming
    the member) and ``subscripts`` (``x["access_token"]``) named like a credential are reported;
    ``functions`` are not entered; ``property_calls``: a call without arguments is a member
    read (Ruby's ``body.access_token``).

    URLs (OIN402, OIN403): ``strings`` (string literal types). TLS verification (OIN403):
    ``pairs`` (``key: value`` node types → key and value fields, None for the first and last
    child), ``assignments`` (type → target and value fields) and, with ``option_calls``, calls
    named like an option (``setHostnameVerifier(…)``) or ``setter_calls``
    (``curl_setopt($ch, KEY, value)``) whose
    option, the last word of the key, is in ``verify_off`` with a value that turns it off
    (:data:`ALWAYS_TRUE`: a function accepting everything); ``insecure_names`` used anywhere
    outside ``imports`` (``NoopHostnameVerifier``); ``empty_functions`` declared with an empty
    body (``checkServerTrusted``).
    """

    calls: frozenset[str]
    strings: frozenset[str]
    identifiers: frozenset[str]
    members: dict[str, str]
    subscripts: frozenset[str]
    functions: frozenset[str]
    creations: frozenset[str] = frozenset()
    statements: frozenset[str] = frozenset()
    print_functions: frozenset[str] = frozenset()
    print_receivers: frozenset[str] = frozenset()
    property_calls: bool = False
    pairs: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    assignments: dict[str, tuple[str, str]] = field(default_factory=dict)
    verify_off: dict[str, frozenset[str]] = field(default_factory=dict)
    setter_calls: frozenset[str] = frozenset()
    option_calls: bool = False
    insecure_names: frozenset[str] = frozenset()
    empty_functions: frozenset[str] = frozenset()
    imports: frozenset[str] = frozenset()


def _query_nodes(analyzer: Analyzer, root: ts.Node, kinds: frozenset[str],
                 ordered: bool = True) -> list[ts.Node]:
    """The file's nodes of these kinds (``ordered``: outer before inner, in document order)."""
    loaded = analyzer.grammar
    if loaded is None:
        return []
    cache_key = (loaded.key, kinds)
    query = _LC_QUERIES.get(cache_key)
    if query is None:
        language = loaded.language
        valid = sorted(k for k in kinds if language.id_for_node_kind(k, True) is not None)
        if not valid:
            return []
        query = ts.Query(language, "[" + " ".join(f"({k})" for k in valid) + "] @n")
        _LC_QUERIES[cache_key] = query
    nodes = ts.QueryCursor(query).captures(root).get("n", [])
    if ordered:
        nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
    return nodes


class Transport:
    """TLS verification turned off, plain-``http://`` Okta URLs, one org's URL written in the
    code and credentials handed to a log, print or exception message: TransportSetting,
    HardcodedOrg and SecretLogged facts, found after the walk from a :class:`TransportSyntax`.

    Decisions are conservative (a miss beats a false alarm): an option counts only when its
    value is written as the literal that turns verification off; a name counts as a
    credential by :func:`oinlint.frontends.shared.transport.is_secret_name`, as in Python; a value
    wrapped in any call but string building (``len(token)``, ``mask(token)``) is not logged.
    Redirects (OIN404) are the language modules' (:attr:`HttpCall.redirect`).
    """

    def __init__(self, analyzer: Analyzer, syntax: TransportSyntax, root: ts.Node) -> None:
        self.a = analyzer
        self.syntax = syntax
        self.root = root
        self.seen: set[tuple[str, int, int]] = set()

    def run(self) -> None:
        data = self.a.data
        if b"http" in data:
            self.urls()
        syntax = self.syntax
        if any(option.encode() in data for option in syntax.verify_off):
            self.options()
        for name in syntax.insecure_names:
            if name.encode() in data:
                self.insecure_name(name)
        for name in syntax.empty_functions:
            if name.encode() in data:
                self.empty_function(name)
        self.messages()

    # -- helpers ---------------------------------------------------------------------------

    def context(self, node: ts.Node) -> str:
        return context_at(self.a.ranges, self.a.positions.position(node.start_byte)[0])

    def emit_setting(self, node: ts.Node, detail: str, start: int | None = None) -> None:
        a = self.a
        begin = node.start_byte if start is None else start
        if ("tls", begin, node.end_byte) in self.seen:
            return
        self.seen.add(("tls", begin, node.end_byte))
        a.facts.append(TransportSetting(a.span_bytes(begin, node.end_byte), self.context(node),
                                        "verify-off", "any", detail))

    def in_message(self, node: ts.Node) -> bool:
        """Inside a log, print, comparison or exception call (a URL there is text)."""
        return in_message(self.a, node, self.syntax.functions, self.syntax.calls,
                          self.syntax.statements)

    def option_name(self, node: ts.Node) -> str:
        match = _LAST_WORD.search(self.a.text_of(node))
        return match.group(1) if match is not None else ""

    def turns_off(self, value: ts.Node, offs: frozenset[str]) -> bool:
        """Is ``value`` written as one of ``offs``? A quoted ``"false"`` is a true string; a
        quoted ``'0'`` is what an environment variable holds."""
        text = _written(self.a.text_of(value))
        bare = text.lstrip(":\\").lower()
        quoted = text.strip("'\"`")
        if any(bare == off.lower() or (off.isdigit() and quoted == off) for off in offs):
            return True
        return ALWAYS_TRUE in offs and _ALWAYS_TRUE.match(text) is not None

    def in_jwt_call(self, node: ts.Node) -> bool:
        """``jwt.decode(t, {verify: false})`` is not TLS (see ``_NOT_TLS_CALL``)."""
        current = node.parent
        for _ in range(6):
            if current is None:
                return False
            if current.type in self.syntax.calls:
                name, receiver = self.a.lc_call(current)
                return bool(_NOT_TLS_CALL.search(f"{receiver or ''}.{name or ''}"))
            current = current.parent
        return False

    # -- URLs ------------------------------------------------------------------------------

    def urls(self) -> None:
        a = self.a
        strings = self.syntax.strings
        done: set[tuple[int, int]] = set()
        test_file = _TEST_FILE.search(a.path.replace("\\", "/")) is not None
        for match in re.finditer(rb"https?://", a.data):
            node: ts.Node | None = self.root.descendant_for_byte_range(match.start(),
                                                                       match.end())
            for _ in range(3):
                if node is None or node.type in strings:
                    break
                node = node.parent
            if node is None or node.type not in strings or a.key(node) in done:
                continue
            done.add(a.key(node))
            outer = node
            while outer.parent is not None and (outer.parent.type in a.CONCAT_TYPES or
                                                outer.parent.type == "parenthesized_expression"):
                outer = outer.parent
            value = a.value(outer, None)
            if outer is not node and (value is None or not value.template.startswith("http")):
                outer, value = node, a.value(node, None)
            if value is None or not value.template.startswith(("http://", "https://")):
                continue
            if outer.start_byte != node.start_byte or self.in_message(outer):
                continue
            text = value.template
            if plain_http_okta(text):
                a.facts.append(TransportSetting(a.span(outer), self.context(outer), "http-url",
                                                "any", text[:80]))
            host = okta_org_host(text)
            if host is not None and not test_file:
                a.facts.append(HardcodedOrg(a.span(outer), self.context(outer), host))

    # -- TLS verification ------------------------------------------------------------------

    def options(self) -> None:
        a, syntax = self.a, self.syntax
        kinds = frozenset(syntax.pairs) | frozenset(syntax.assignments) | (
            syntax.calls if syntax.setter_calls or syntax.option_calls else frozenset())
        for node in _query_nodes(a, self.root, kinds, ordered=False):
            key: ts.Node | None = None
            value: ts.Node | None = None
            where = node
            start: int | None = None
            if node.type in syntax.pairs:
                key_field, value_field = syntax.pairs[node.type]
                children = [c for c in node.named_children if c.type not in a.COMMENT_TYPES]
                key = node.child_by_field_name(key_field) if key_field else (
                    children[0] if len(children) == 2 else None)
                value = node.child_by_field_name(value_field) if value_field else (
                    children[-1] if len(children) == 2 else None)
            elif node.type in syntax.assignments:
                target_field, value_field = syntax.assignments[node.type]
                key = node.child_by_field_name(target_field)
                value = node.child_by_field_name(value_field)
            else:
                name, _ = a.lc_call(node)
                args = a.lc_arguments(node)
                if name in syntax.setter_calls and len(args) >= 2:
                    key, value = args[-2], args[-1]
                elif syntax.option_calls and name is not None and name in syntax.verify_off \
                        and args:
                    offs = syntax.verify_off[name]
                    if self.turns_off(args[-1], offs) and not self.in_jwt_call(args[-1]):
                        self.emit_setting(args[-1], f"{name}({_written(a.text_of(args[-1]))})")
                    continue
            if key is None or value is None:
                continue
            option_offs = syntax.verify_off.get(self.option_name(key))
            if option_offs is None or not self.turns_off(value, option_offs) or \
                    self.in_jwt_call(node):
                continue
            written = _written(a.text_of(where))
            if len(written) >= 80:
                written = _written(f"{self.option_name(key)} = {a.text_of(value)}")
            self.emit_setting(where, written, start)

    def insecure_name(self, name: str) -> None:
        """``NoopHostnameVerifier.INSTANCE``, ``new TrustAllStrategy()``,
        ``HttpClientHandler.DangerousAcceptAnyServerCertificateValidator``."""
        a = self.a
        for match in re.finditer(rb"\b" + re.escape(name.encode()) + rb"\b", a.data):
            node = self.root.descendant_for_byte_range(match.start(), match.end())
            if node is None or node.named_child_count or a.text_of(node) != name or (
                node.parent is not None and node.parent.type in self.syntax.strings
            ):
                continue
            current = node.parent
            imported = False
            while current is not None:
                if current.type in self.syntax.imports:
                    imported = True
                    break
                current = current.parent
            if imported:
                continue
            parent = node.parent
            if parent is None or parent.type.endswith(("statement", "declaration", "list",
                                                       "arguments", "argument")):
                self.emit_setting(node, name)
                continue
            first = parent.named_children[0] if parent.named_child_count else None
            whole = parent.type in self.syntax.members or (
                first is not None and a.key(first) == a.key(node))
            # ``NoopHostnameVerifier.INSTANCE``, ``new TrustAllStrategy()``; in a chain of
            # calls (``Http::withoutVerifying()``) only the name and its arguments
            start = parent.start_byte if whole else node.start_byte
            self.emit_setting(parent, _written(a.data[start:parent.end_byte].decode(
                "utf-8", "replace")), start)

    def empty_function(self, name: str) -> None:
        """A trust manager's ``checkServerTrusted`` with an empty body: trusts everything."""
        a = self.a
        for match in re.finditer(rb"\b" + re.escape(name.encode()) + rb"\b", a.data):
            node = self.root.descendant_for_byte_range(match.start(), match.end())
            parent = node.parent if node is not None else None
            if node is None or parent is None or parent.type not in self.syntax.functions:
                continue
            declared = parent.child_by_field_name("name")
            body = parent.child_by_field_name("body")
            if declared is None or a.key(declared) != a.key(node) or body is None:
                continue
            if any(c.type not in a.COMMENT_TYPES for c in body.named_children):
                continue
            self.emit_setting(node, f"empty {name}()")

    # -- credentials in messages -----------------------------------------------------------

    def messages(self) -> None:
        """Each log, print or exception call or statement whose text names a credential-ish
        word, and every credential in its arguments."""
        a, syntax = self.a, self.syntax
        search = _SECRETISH_BYTES.search
        data = a.data
        for node in _query_nodes(a, self.root, syntax.calls | syntax.creations
                                 | syntax.statements, ordered=False):
            start, end = node.start_byte, node.end_byte
            head = data.find(b"(", start, end)  # the callee: ``console.log``, ``new XError``
            if _SINK_WORD.search(data, start, end if head < 0 else head) is not None and \
                    search(data, start, end) is not None:
                self.message(node)

    def message(self, node: ts.Node) -> None:
        a, syntax = self.a, self.syntax
        sink = self.sink(node)
        if sink is None:
            return
        args = node.named_children if node.type in syntax.statements else self.arguments(node)
        for arg in args:
            for found in self.secret_refs(arg):
                key = ("log", found.start_byte, found.end_byte)
                if key in self.seen:
                    continue
                self.seen.add(key)
                a.facts.append(SecretLogged(a.span(found), self.context(found),
                                            _written(a.text_of(found))[:60], sink))

    def arguments(self, node: ts.Node) -> list[ts.Node]:
        args = self.a.lc_arguments(node)
        if args:
            return args
        for child in node.named_children:
            if child.type in ("arguments", "argument_list"):
                return [c for c in child.named_children if c.type not in self.a.COMMENT_TYPES]
        return []

    def sink(self, node: ts.Node) -> str | None:
        """The log, print or exception a call or statement writes to, else None."""
        a, syntax = self.a, self.syntax
        if node.type in syntax.statements:
            return a.text_of(node).split(None, 1)[0] if a.text_of(node).strip() else None
        if node.type in syntax.creations:
            created = node.child_by_field_name("constructor") or node.child_by_field_name(
                "type") or next((c for c in node.named_children
                                 if c.type in ("name", "qualified_name")), None)
            created_name = self.option_name(created) if created is not None else ""
            return created_name if _EXCEPTION_TYPE.search(created_name) else None
        name, receiver = a.lc_call(node)
        if name is None:
            return None
        if receiver is None:
            return name if name in syntax.print_functions else None
        whole = _written(receiver)
        last = re.split(r"\.|->|::", whole)[-1].lstrip("$@")
        logger = LOG_RECEIVER.search(last) is not None or _CAMEL_LOGGER.search(last) is not None
        if (whole in syntax.print_receivers or logger) and _LOG_METHOD.match(name):
            return f"{whole}.{name}"
        return None

    def secret_refs(self, expr: ts.Node) -> list[ts.Node]:
        """Names, members and keys named like a credential whose value reaches the message."""
        a, syntax = self.a, self.syntax
        found: list[ts.Node] = []
        stack = [expr]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind in syntax.functions or kind in a.COMMENT_TYPES:
                continue
            if kind in syntax.identifiers:
                if is_secret_name(a.text_of(node)):
                    found.append(node)
                continue
            member = syntax.members.get(kind)
            if member is not None:
                named = node.child_by_field_name(member)
                if named is not None and is_secret_name(a.text_of(named)):
                    found.append(node)
                continue
            if kind in syntax.subscripts:
                key = self.subscript_key(node)
                if key is not None and is_secret_name(key):
                    found.append(node)
                continue
            if kind in syntax.calls:
                name, receiver = a.lc_call(node)
                args = a.lc_arguments(node)
                if name in _PASSTHROUGH:
                    stack.extend(args)
                    target = self.receiver_node(node)
                    if target is not None:
                        stack.append(target)
                elif name is not None and not args and node.child_by_field_name(
                        "arguments") is None and syntax.property_calls and receiver is not None:
                    if is_secret_name(name):
                        found.append(node)  # Ruby: ``body.access_token``
                elif name is not None and not args and _GETTER.match(name) and \
                        is_secret_name(_GETTER.sub("", name)):
                    found.append(node)  # ``token.getAccessToken()``
                continue
            if kind in syntax.creations or self.is_test(node):
                continue
            # the condition of ``token ? "set" : "unset"`` is not written
            stack.extend(c for i, c in enumerate(node.children)
                         if c.is_named and node.field_name_for_child(i) != "condition")
        return found

    def is_test(self, node: ts.Node) -> bool:
        """``token != null``, ``!token``, ``typeof token``: a truth value, not the token."""
        operator = node.child_by_field_name("operator")
        if operator is not None:
            return self.a.text_of(operator) in _TEST_OPERATORS
        first = node.children[0] if node.child_count else None
        return node.type.startswith("unary") and first is not None and \
            self.a.text_of(first) in _TEST_OPERATORS

    def subscript_key(self, node: ts.Node) -> str | None:
        a = self.a
        key = node.child_by_field_name("index") or (
            node.named_children[-1] if node.named_child_count >= 2 else None)
        for _ in range(3):
            if key is None:
                return None
            if key.type in ("simple_symbol", "hash_key_symbol"):
                return a.text_of(key).lstrip(":")
            text = a.literal(key)
            if text is not None:
                return text
            key = key.named_children[0] if key.named_child_count == 1 else None
        return None

    @staticmethod
    def receiver_node(node: ts.Node) -> ts.Node | None:
        for name in ("object", "receiver"):
            found = node.child_by_field_name(name)
            if found is not None:
                return found
        function = node.child_by_field_name("function")
        if function is None:
            return None
        for name in ("object", "operand", "expression"):
            found = function.child_by_field_name(name)
            if found is not None:
                return found
        return None
