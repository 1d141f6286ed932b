"""The shared core of the tree-sitter front ends: one parse and one walk per file.

A language module subclasses :class:`Analyzer` and writes ``on_<node type>`` handlers; the
walk calls them in document order (a handler may return a callback run when the walk leaves
the node, for scopes and message contexts). Handlers record *bindings* (names and what they
are assigned) and *candidates* (a value given to an ``Authorization`` header, an SDK client, an
HTTP call). Candidates are resolved after the walk, so a constant defined below its use still
resolves and nothing is parsed twice. Language modules supply :meth:`Analyzer.evaluate`, the
string evaluator for their expressions; everything else (spans, comments, contexts, secret
tests, header and token-request facts) lives here so that all languages agree.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.facts import (
    ApiCall,
    AuthHeader,
    AuthServerKind,
    ClientAuth,
    Comment,
    Fact,
    FileFacts,
    ParseProblem,
    ScopeList,
    ScopeRef,
    ScopeRole,
    SdkClient,
    SecretKind,
    SecretLiteral,
    Span,
    TokenRequest,
    Unresolved,
)
from oinlint.frontends.tidy import context_at, drop_nested_keys
from oinlint.frontends.treesitter.values import HOLE, Part, Scope, StrValue, split_url
from oinlint.okta import lookup, normalise_path
from oinlint.okta import match as match_operation
from oinlint.secrets import (
    PRIVATE_KEY,
    api_token_spans,
    credential_kind_for_name,
    is_placeholder,
    looks_like_client_secret,
    redact_value,
)

__all__ = [
    "Analyzer",
    "HttpCall",
    "Leave",
    "Positions",
    "endpoint_kind",
    "is_pem_key",
    "secret_kind",
]

Leave = Callable[[], None]
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
    scope: Scope
    context: str
    standalone: bool


@dataclass(slots=True)
class _Value:
    value: ts.Node
    scope: Scope
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
    scope: Scope
    context: str
    via: str
    form: dict[str, ts.Node | None]
    form_text: ts.Node | None = None
    basic: bool = False
    follow_redirects: bool | None = None
    verify_tls: bool | None = None
    url_value: StrValue | None = None
    grant: str | None = None


class Analyzer:
    """One file of one language: walk, record, resolve, and build :class:`FileFacts`."""

    COMMENT_TYPES: ClassVar[frozenset[str]] = frozenset({"comment"})
    # Node types whose text may hold a PEM private key.
    STRING_TYPES: ClassVar[frozenset[str]] = frozenset({"string"})
    # Expressions a string may be concatenated in (climbed to report one key once).
    CONCAT_TYPES: ClassVar[frozenset[str]] = frozenset({"binary_expression"})
    LANGUAGE_NAME: ClassVar[str] = ""
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
        self.module_scope = Scope("module", "")
        self.scope = self.module_scope
        # Class (type, module) name → its scope, for ``Owner.FIELD`` / ``self::FIELD`` lookups.
        self.class_scopes: dict[str, Scope] = {}
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
        self.scope_lists: list[tuple[ts.Node, Scope, str, ScopeRole]] = []
        self.scope_nodes: set[tuple[int, int]] = set()
        self.consumed: set[tuple[int, int]] = set()
        self.pem_reported: list[tuple[int, int]] = []

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

    def walk(self, root: ts.Node, query: ts.Query) -> None:
        """Visit the nodes the handlers want, in document order, outer before inner.

        The query runs in C and returns only those nodes (a fraction of the tree); a handler's
        leave callback runs when the walk reaches the first node past the end of its node.
        """
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
        self.scope = Scope(kind, name or "", parent)
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

    def evaluate(self, node: ts.Node, scope: Scope | None, depth: int) -> StrValue | None:
        """What a string expression evaluates to (language modules override this)."""
        return None

    def value(self, node: ts.Node, scope: Scope | None, depth: int = 0) -> StrValue | None:
        if depth > 16:
            return None
        return self.evaluate(node, scope, depth + 1)

    def literal(self, node: ts.Node) -> str | None:
        """The value of a literal (or a concatenation of literals), names not followed."""
        value = self.value(node, None)
        return value.literal if value is not None else None

    def name_value(self, name: str, scope: Scope | None, depth: int) -> StrValue | None:
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

    def follow(self, name: str, scope: Scope | None) -> tuple[ts.Node, Scope] | None:
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

    def binary_concat(self, node: ts.Node, scope: Scope | None, depth: int,
                      operator: str) -> StrValue | None:
        """``left <operator> right`` as a concatenation (``+``; PHP's ``.``); other operators:
        None."""
        op = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if op is None or left is None or right is None or self.text_of(op) != operator:
            return None
        return self.concat(self.value(left, scope, depth), self.value(right, scope, depth))

    def joined(self, items: Iterable[tuple[ts.Node, Scope | None]], separator: str,
               depth: int) -> list[Part]:
        """The parts of ``items`` (each evaluated in its own scope) with ``separator`` between."""
        parts: list[Part] = []
        for index, (item, where) in enumerate(items):
            if index:
                parts.append(separator)
            value = self.value(item, where, depth)
            parts.extend(value.parts if value is not None else (HOLE,))
        return parts

    def join_arguments(self, separator: ts.Node, items: Sequence[ts.Node], scope: Scope | None,
                       depth: int) -> StrValue | None:
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

    def is_authorization_key(self, key: ts.Node, scope: Scope) -> bool:
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

    def scope_refs(self, node: ts.Node, scope: Scope, depth: int = 0) -> list[ScopeRef]:
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

    def sequence(self, node: ts.Node, scope: Scope) -> list[tuple[ts.Node, Scope]] | None:
        """Elements of a list/array literal (language modules override)."""
        return None

    def follow_node(self, node: ts.Node, scope: Scope) -> tuple[ts.Node, Scope] | None:
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

    def http_fact(self, call: HttpCall) -> None:
        url = call.url_value
        if url is None and call.url is not None:
            url = self.value(call.url, call.scope)
        template = url.template if url is not None and url.known else None
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
            self.facts.append(TokenRequest(
                self.span(call.node), call.context, kind, template, grant, client_auth, scopes,
                follow_redirects=call.follow_redirects, verify_tls=call.verify_tls,
                via=call.via, url_span=self.span(call.url) if call.url is not None else None))
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
        self.facts.append(ApiCall(self.span(node), self.context, operation.method,
                                  operation.path, sdk, operation.operation_id))
        return True

    def form_text(self, node: ts.Node | None, scope: Scope) -> str | None:
        if node is None:
            return None
        value = self.value(node, scope)
        return value.literal if value is not None else None

    def form_scopes(self, node: ts.Node, scope: Scope) -> list[ScopeRef]:
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


