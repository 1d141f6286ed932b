"""The walk of one file by a tree-sitter analyzer: one query, handlers in document order.

A language module's analyzer (an :class:`~oinlint.frontends.treesitter.analyzer.Analyzer`, which
is a :class:`Walker`) writes ``on_<node type>`` handlers; the walk calls them in document order,
outer before inner (a handler may return a callback run when the walk leaves the node, for
scopes and message contexts). The walker keeps what every handler needs: byte offsets as
lines and columns, spans, the lexical scope and the context name (``Class.method``), comments,
whether the walk is inside a message (a log, print or ``throw``), and the ``lc_*`` hooks with
which the shared passes read calls, functions and assignments in the language's own tree.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import ClassVar, Final

import tree_sitter as ts

from oinlint.credentials import PRIVATE_KEY
from oinlint.facts import Comment, Fact, ParseProblem, Span
from oinlint.frontends.shared.tidy import OffsetRanges, RangeList
from oinlint.frontends.shared.vocabulary import MESSAGE_CALL
from oinlint.frontends.treesitter.grammars import Grammar
from oinlint.frontends.treesitter.lifecycle.syntax import LifecycleSyntax
from oinlint.frontends.treesitter.values import LexicalScope

__all__ = [
    "LAST_WORD", "Handler", "Leave", "Positions", "Walker", "assigned", "descendants",
    "in_message", "one_line",
]

Leave = Callable[[], None]
Handler = Callable[["Walker", ts.Node], "Leave | None"]
_QUERIES: dict[tuple[str, type[Walker]], ts.Query] = {}
_NODE_QUERIES: dict[tuple[str, frozenset[str]], ts.Query] = {}
_LINE_BREAK: Final = re.compile(rb"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e]|\xc2\x85|\xe2\x80[\xa8\xa9]")
# The last word of an expression: ``HttpHeaders.AUTHORIZATION``, ``opts.verify``.
LAST_WORD: Final = re.compile(r"([A-Za-z_][\w]*)\W*$")
_WRITTEN_SPACE: Final = re.compile(r"\s+")

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


class Walker:
    """One file of one language, walked once: the handlers, spans, scopes, contexts, comments."""

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
        self.module_scope = LexicalScope("module", "")
        self.scope = self.module_scope
        # Class (type, module) name → its scope, for ``Owner.FIELD`` / ``self::FIELD`` lookups.
        self.class_scopes: dict[str, LexicalScope] = {}
        self.names: list[str] = []
        self.ranges: list[tuple[int, int, str]] = RangeList()
        self.offsets = OffsetRanges()  # the same functions by byte offsets
        self.message_depth = 0
        self.facts: list[Fact] = []
        self.comments: list[Comment] = []
        self.problems: list[ParseProblem] = []
        self.deferred: list[Callable[[], None]] = []
        # for the passes after the walk: the tree, its grammar, comment byte ranges
        self.root: ts.Node | None = None
        self.grammar: Grammar | None = None
        self.comment_ranges: list[tuple[int, int]] = []

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

    def maybe_pem(self, node: ts.Node) -> None:
        """A string literal met by the walk in a file with a PEM header (the analyzer checks)."""

    def finish(self) -> None:
        """The end of the walk: run what handlers deferred (language modules extend this)."""
        for action in self.deferred:
            action()

    def query_nodes(self, root: ts.Node, kinds: frozenset[str],
                    ordered: bool = True) -> list[ts.Node]:
        """The file's nodes of these kinds (``ordered``: outer before inner, in document order),
        for the passes after the walk."""
        loaded = self.grammar
        if loaded is None:
            return []
        cache_key = (loaded.key, kinds)
        query = _NODE_QUERIES.get(cache_key)
        if query is None:
            language = loaded.language
            valid = sorted(k for k in kinds if language.id_for_node_kind(k, True) is not None)
            if not valid:
                return []
            query = ts.Query(language, "[" + " ".join(f"({k})" for k in valid) + "] @n")
            _NODE_QUERIES[cache_key] = query
        nodes = ts.QueryCursor(query).captures(root).get("n", [])
        if ordered:
            nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
        return nodes

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
            self.offsets.append((node.start_byte, node.end_byte, self.context))

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

    def message(self, node: ts.Node) -> Leave:
        """A handler for statements whose arguments are messages (``throw``, ``echo``)."""
        return self.in_message()

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

    # -- reading calls, functions and assignments: the lifecycle and transport passes ask these
    #    (language modules override them for their tree)

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


def in_message(walker: Walker, node: ts.Node, functions: frozenset[str],
               calls: frozenset[str], statements: frozenset[str] = frozenset()) -> bool:
    """``node`` sits inside a message: a log, print or comparison call (``MESSAGE_CALL``), a
    ``throw``/``raise``, or one of ``statements`` (PHP ``echo``), within its own function."""
    current = node.parent
    while current is not None and current.type not in functions:
        if current.type in calls:
            name, _ = walker.lc_call(current)
            if name is not None and MESSAGE_CALL.match(name):
                return True
        if "throw" in current.type or "raise" in current.type or current.type in statements:
            return True
        current = current.parent
    return False


def one_line(text: str) -> str:
    """Source text as a one-line detail."""
    return _WRITTEN_SPACE.sub(" ", text).strip()[:80]


def descendants(node: ts.Node) -> list[ts.Node]:
    """The node and its named descendants, in document order (an explicit stack: a deep tree
    never reaches Python's recursion limit)."""
    out: list[ts.Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(current.named_children))
    return out


def assigned(call: ts.Node, value_fields: dict[str, str], list_type: str = "") -> bool:
    """Is ``call`` (in parentheses or not) the value of a declaration or assignment?
    ``value_fields``: statement type → the field holding the value; ``list_type``: a list of
    values the call may be one of (Go's ``tok, err := f()``)."""
    child, parent = call, call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        child, parent = parent, parent.parent
    if list_type and parent is not None and parent.type == list_type:
        child, parent = parent, parent.parent
    if parent is None or parent.type not in value_fields:
        return False
    value = parent.child_by_field_name(value_fields[parent.type])
    return value is not None and Walker.key(value) == Walker.key(child)
