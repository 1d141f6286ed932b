"""Static values for the Python front end: what a string or dict expression evaluates to.

The front end asks "what is this header value / URL / config dict?" about expressions of the
analysis tree (:mod:`~oinlint.frontends.python.tree`). This module answers without running code:
literals, implicit concatenation, f-strings, ``+``, ``str.format``, ``%``, ``str.join``, names
bound once (module, function and class level), ``self.X`` / ``Cls.X`` class attributes and
subscripts of constant dicts. Parts it cannot know become *holes*, so
``f"https://{org}/api/v1/users/{uid}"`` is ``https://{}/api/v1/users/{}``.

It knows nothing about rules or facts: header detection, token requests and API-call paths all
use the same :class:`Resolver`, which is why it lives apart from the visitor (``visitor.py``).
Scopes are a cheap stand-in for a full scope analysis: the visitor records bindings as it
walks the file once, and resolution happens after the walk, so a constant defined below the
function that uses it still resolves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from string import Formatter
from typing import Final, Literal, TypeAlias

from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import attr_name
from oinlint.frontends.shared.paramtemplate import returned_marker
from oinlint.frontends.shared.strvalue import HOLE, Hole, Part, StrValue
from oinlint.frontends.shared.vocabulary import OKTA_API_ROOT

__all__ = [
    "HOLE",
    "Binding",
    "DictEntry",
    "Hole",
    "LexicalScope",
    "Resolver",
    "StrValue",
    "literal_string",
    "string_literal_value",
]


@dataclass(frozen=True, slots=True)
class DictEntry:
    """One key/value of a statically known dict; ``key`` is None for an unknown key."""

    key: str | None
    key_node: tree.BaseExpression | None
    value: tree.BaseExpression
    scope: LexicalScope


# A name's binding: the expression assigned (None when unknowable: parameters, loop variables,
# imports, tuple unpacking) and the scope in which that expression must be evaluated.
Binding: TypeAlias = "tuple[tree.BaseExpression | None, LexicalScope]"
# A later change to a dict bound to a name: (key, or a key expression, or None for
# ``d.update(other)``; the value; the scope the change was made in).
ItemChange: TypeAlias = "tuple[str | tree.BaseExpression | None, tree.BaseExpression, LexicalScope]"
ScopeKind = Literal["module", "class", "function"]


def _written_last(bindings: list[Binding], at: int, unknown_at: list[int | None]
                  ) -> Binding | None:
    """The binding whose value is written last before ``at`` (None when that one is unknown:
    an unpacking, a loop variable, a parameter; or when an unknown one's place is not known)."""
    best: Binding | None = None
    best_start = -1
    unknown = iter(unknown_at)
    for binding in bindings:
        value = binding[0]
        if value is None:
            start = next(unknown, None)
            if start is None:
                return None
            if start < at and start > best_start:
                best, best_start = None, start
            continue
        if value.end <= at and value.start > best_start:
            best, best_start = binding, value.start
    return best


@dataclass(eq=False, slots=True)
class LexicalScope:
    """Names bound in one module, class or function body, as far as a single walk can tell.

    Lexical, as opposed to OAuth scopes (``ScopeList``) and to the scope analysis of
    :mod:`oinlint.scope_analysis`. A name bound more than once (or in a way we cannot
    evaluate) resolves to nothing: being wrong about a constant is worse than not knowing it.
    """

    kind: ScopeKind
    name: str
    parent: LexicalScope | None = None
    names: dict[str, list[Binding]] = field(default_factory=dict)
    # Class scopes: ``self.X = ...`` assignments made in its methods.
    attrs: dict[str, list[Binding]] = field(default_factory=dict)
    # Later changes to a dict bound to a name: ``d["k"] = v``, ``d.update(...)``.
    items: dict[str, list[ItemChange]] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)
    classes: dict[str, LexicalScope] = field(default_factory=dict)
    # where each unknown binding of a name is made (an unpacking, a loop variable, a
    # parameter), in binding order; None where the binder did not say
    unknown_at: dict[str, list[int | None]] = field(default_factory=dict)
    # the functions defined here: their own scope and the values they return (a module's
    # ``def base(): return f"https://{org}/api/v1"``, a class's methods)
    functions: dict[str, tuple[LexicalScope, list[tree.BaseExpression]]] = field(
        default_factory=dict)
    # a class's bases as written (``class SystemLog(OktaService)``): where an attribute it
    # does not set itself (``self.client``) comes from
    bases: list[tree.BaseExpression] = field(default_factory=list)
    # a function's positional parameters, in order (``self`` included): a call's arguments
    # are bound to them when what the function returns is evaluated at that call
    params: list[str] = field(default_factory=list)

    @property
    def module(self) -> LexicalScope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def bind(
        self, name: str, value: tree.BaseExpression | None, where: LexicalScope | None = None,
        at: int | None = None,
    ) -> None:
        """Bind ``name``; ``at``: where an unknown value is bound (so that the assignment
        written last before a use can still be told)."""
        target = self.module if name in self.globals else self
        target.names.setdefault(name, []).append((value, where or self))
        if value is None:
            target.unknown_at.setdefault(name, []).append(at)

    def bind_attr(self, name: str, value: tree.BaseExpression | None, where: LexicalScope) -> None:
        self.attrs.setdefault(name, []).append((value, where))

    def add_item(
        self, name: str, key: str | tree.BaseExpression | None, value: tree.BaseExpression
    ) -> None:
        self.items.setdefault(name, []).append((key, value, self))

    def enclosing_class(self) -> LexicalScope | None:
        scope: LexicalScope | None = self
        while scope is not None and scope.kind != "class":
            scope = scope.parent
        return scope

    def chain(self) -> Iterator[LexicalScope]:
        """Scopes searched for a name used here: this one, then enclosing non-class scopes."""
        yield self
        scope = self.parent
        while scope is not None:
            if scope.kind != "class":
                yield scope
            scope = scope.parent

    def lookup(self, name: str, at: int | None = None
               ) -> tuple[Binding | None, LexicalScope | None]:
        """The single binding of ``name`` seen from here and the scope that holds it.

        Returns ``(None, holder)`` when the name is bound but not to one evaluable expression,
        ``(None, None)`` when it is not bound in this file at all. ``at``: where the name is
        used, in a function that assigns it more than once (``url = … if/else url = …``,
        each followed by a call): the assignment written last before the use, which is one
        value the name can have there (a call made with it is a call the code can make).
        """
        for scope in self.chain():
            bindings = scope.names.get(name)
            if bindings is None:
                continue
            if len(bindings) == 1 and bindings[0][0] is not None:
                return bindings[0], scope
            if at is not None and scope is self and self.kind == "function":
                return _written_last(bindings, at, self.unknown_at.get(name, [])), scope
            return None, scope
        return None, None


def string_literal_value(node: tree.SimpleString) -> str:
    """The value of a plain string (or bytes, read as Latin-1) literal, without ``eval``.

    ``ast.literal_eval`` warns on invalid escapes and costs more than this for the common
    case; the raw text keeps the escapes as written (a scope word's offset inside it).
    """
    raw = node.value
    i = 0
    while i < len(raw) and raw[i] not in "'\"":
        i += 1
    prefix = raw[:i].lower()
    body = raw[i:]
    quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
    inner = body[len(quote) : len(body) - len(quote)] if len(body) >= 2 * len(quote) else ""
    if "r" in prefix or "\\" not in inner:
        return inner
    return unescape(inner)


_ESCAPE = re.compile(
    r"\\(\n|\r\n?|[\\'\"abfnrtv]|x[0-9a-fA-F]{2}|[0-7]{1,3}|N\{[^}]*\}|u[0-9a-fA-F]{4}"
    r"|U[0-9a-fA-F]{8})"
)
_SIMPLE_ESCAPES: Final = {
    "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n",
    "r": "\r", "t": "\t", "v": "\v",
}


def _escape(match: re.Match[str]) -> str:
    seq = match.group(1)
    head = seq[0]
    if head in "\r\n":
        return ""
    if head in _SIMPLE_ESCAPES and len(seq) == 1:
        return _SIMPLE_ESCAPES[head]
    if head in "xuU":
        try:
            return chr(int(seq[1:], 16))
        except ValueError:
            return match.group(0)
    if head == "N":
        try:
            return unicodedata.lookup(seq[2:-1])
        except KeyError:
            return match.group(0)
    return chr(int(seq, 8) & 0x10FFFF)


def unescape(text: str) -> str:
    """Python string escapes in ``text``; unknown escapes are kept, as Python does."""
    return _ESCAPE.sub(_escape, text)


def literal_string(node: tree.BaseExpression) -> str | None:
    """The value of a string literal made only of plain parts (implicit concatenation too)."""
    if isinstance(node, tree.SimpleString):
        return string_literal_value(node)
    if isinstance(node, tree.ConcatenatedString):
        left = literal_string(node.left)
        right = literal_string(node.right)
        if left is None or right is None:
            return None
        return left + right
    return None


_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)
_FORMATTER: Final = Formatter()
_FIELD_BASE = re.compile(r"[.\[]")


def _api_root_setting(node: tree.Subscript | tree.Call) -> StrValue | None:
    """``os.environ["OKTA_API_URL"]``, ``os.getenv("OKTA_API_URL")``, ``cfg.get(…)``,
    ``settings["oktaApiBase"]``: a setting named as Okta's API root holds ``{org}/api/v1``."""
    key: tree.BaseExpression | None = None
    if isinstance(node, tree.Subscript):
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, tree.Index):
            key = node.slice[0].slice.value
    elif isinstance(node.func, tree.Attribute | tree.Name) and node.args and (
            attr_name(node.func) in ("getenv", "get", "environ", "env", "config")):
        key = node.args[0].value
    name = literal_string(key) if key is not None else None
    if name is not None and OKTA_API_ROOT.search(name):
        return StrValue.api_root()
    return None


class Resolver:
    """Evaluates expressions against the scopes the visitor recorded.

    ``trail``: when given to :meth:`string`, receives ``id()`` of every bound expression the
    evaluation followed, so a caller can tell that ``AUTH = "SSWS " + t`` was consumed by a
    later ``{"Authorization": AUTH}`` and report it once.
    """

    def __init__(self, max_depth: int = 12) -> None:
        self.max_depth = max_depth
        self._active: set[int] = set()
        # set while a URL is evaluated for the cross-file pass: the symbol of an imported
        # function a call names (None for anything else), whose result then stands as a marker
        self.imported_function: Callable[[tree.Call], str | None] | None = None
        # which branch of ``a if c else b`` stands for the value when they differ (a header's
        # ``"SSWS" if api_token else "Bearer"``: the API-token branch); None: neither
        self.prefer: Callable[[StrValue], bool] | None = None

    # -- strings ---------------------------------------------------------------------------

    def string(
        self, node: tree.BaseExpression, scope: LexicalScope, trail: set[int] | None = None
    ) -> StrValue | None:
        """The string ``node`` evaluates to, with holes; None when nothing about it is known."""
        return self._string(node, scope, 0, trail)

    def _part(
        self, node: tree.BaseExpression, scope: LexicalScope, depth: int, trail: set[int] | None
    ) -> tuple[Part, ...]:
        value = self._string(node, scope, depth + 1, trail)
        return value.parts if value is not None else (HOLE,)

    def _string(
        self, node: tree.BaseExpression, scope: LexicalScope, depth: int, trail: set[int] | None
    ) -> StrValue | None:
        if depth > self.max_depth:
            return None
        if isinstance(node, tree.SimpleString):
            return StrValue.of((string_literal_value(node),), "literal")
        if isinstance(node, tree.ConcatenatedString):
            left = self._string(node.left, scope, depth + 1, trail)
            right = self._string(node.right, scope, depth + 1, trail)
            if left is None or right is None:  # cannot happen for valid code; be safe
                return None
            via = "f-string" if "f-string" in (left.via, right.via) else "literal"
            return StrValue.of((*left.parts, *right.parts), via)
        if isinstance(node, tree.FormattedString):
            return self._fstring(node, scope, depth, trail)
        if isinstance(node, tree.BinaryOperation):
            if node.operator == "+":
                left_value = self._string(node.left, scope, depth + 1, trail)
                right_value = self._string(node.right, scope, depth + 1, trail)
                if left_value is None and right_value is None:
                    return None
                left_parts = left_value.parts if left_value else (HOLE,)
                right_parts = right_value.parts if right_value else (HOLE,)
                return StrValue.of((*left_parts, *right_parts), "concat")
            if node.operator == "%":
                return self._percent(node, scope, depth, trail)
            return None
        if isinstance(node, tree.Call):
            return self._call(node, scope, depth, trail)
        if isinstance(node, tree.ReturnedItem):
            returned = self.returned(node.call, scope)
            if returned is None:
                return self._imported_result(node.call, node.index)
            if not isinstance(returned[0], tree.Tuple):
                return None
            items = returned[0].elements
            if node.index >= len(items) or not isinstance(items[node.index], tree.Element):
                return None
            return self._guarded(items[node.index].value,
                                 _bound(returned[1], node.call, scope), depth, trail)
        if isinstance(node, tree.Name | tree.Attribute):
            found = self.follow_name(node, scope, trail)
            if found is None or id(found[0]) in self._active:
                return None
            self._active.add(id(found[0]))  # x = x + "a": stop, do not recurse to max_depth
            try:
                value = self._string(found[0], found[1], depth + 1, trail)
            finally:
                self._active.discard(id(found[0]))
            return StrValue(value.parts, "constant") if value is not None else None
        if isinstance(node, tree.Subscript):
            entry = self._subscript_entry(node, scope, depth, trail)
            if entry is None:
                return _api_root_setting(node)
            value = self._string(entry.value, entry.scope, depth + 1, trail)
            return StrValue(value.parts, "constant") if value is not None else None
        if isinstance(node, tree.IfExp):
            body = self._string(node.body, scope, depth + 1, trail)
            orelse = self._string(node.orelse, scope, depth + 1, trail)
            if body is not None and orelse is not None and body.parts == orelse.parts:
                return body
            if self.prefer is not None:  # the branch the caller is asking about, if any
                return next((v for v in (body, orelse) if v is not None and self.prefer(v)),
                            None)
            return None
        return None

    def _fstring(
        self, node: tree.FormattedString, scope: LexicalScope, depth: int, trail: set[int] | None
    ) -> StrValue:
        raw = "r" in node.prefix.lower()
        parts: list[Part] = []
        for part in node.parts:
            if isinstance(part, tree.FormattedStringText):
                text = part.value.replace("{{", "{").replace("}}", "}")
                parts.append(text if raw or "\\" not in text else unescape(text))
            elif (
                isinstance(part, tree.FormattedStringExpression)
                and part.conversion in (None, "s")
                and part.format_spec is None
                and not part.equal
            ):
                parts.extend(self._part(part.expression, scope, depth, trail))
            else:
                parts.append(HOLE)
        return StrValue.of(parts, "f-string")

    def _percent(
        self, node: tree.BinaryOperation, scope: LexicalScope, depth: int, trail: set[int] | None
    ) -> StrValue | None:
        template = self._string(node.left, scope, depth + 1, trail)
        if template is None:
            return None
        text = template.literal
        if text is None:  # format a partly known template only up to its first hole
            head = template.prefix.split("%", 1)[0]
            return StrValue.of((head, HOLE), "percent")
        right = node.right
        positional: list[tree.BaseExpression] = []
        entries: dict[str, DictEntry] = {}
        if isinstance(right, tree.Tuple):
            positional = [e.value for e in right.elements if isinstance(e, tree.Element)]
        elif isinstance(right, tree.Dict):
            entries = {e.key: e for e in self.dict_entries(right, scope) or [] if e.key}
        else:
            positional = [right]
        parts: list[Part] = []
        index = 0
        last = 0
        for match in _PERCENT.finditer(text):
            parts.append(text[last : match.start()])
            last = match.end()
            conv = match.group("conv")
            if conv == "%":
                parts.append("%")
                continue
            key = match.group("key")
            arg: tuple[tree.BaseExpression, LexicalScope] | None = None
            if key is not None:
                entry = entries.get(key)
                arg = (entry.value, entry.scope) if entry else None
            elif index < len(positional):
                arg = (positional[index], scope)
                index += 1
            if arg is not None and conv == "s":
                parts.extend(self._part(arg[0], arg[1], depth, trail))
            else:
                parts.append(HOLE)
        parts.append(text[last:])
        return StrValue.of(parts, "percent")

    def _call(
        self, node: tree.Call, scope: LexicalScope, depth: int, trail: set[int] | None
    ) -> StrValue | None:
        value = self._call_value(node, scope, depth, trail)
        return value if value is not None else _api_root_setting(node)

    def returned(self, call: tree.Call, scope: LexicalScope
                 ) -> tuple[tree.BaseExpression, LexicalScope] | None:
        """What a call of a function of this file returns, when it returns one expression:
        ``base(org)`` → ``f"https://{org}/api/v1"`` (its parameters unknown), a method
        ``self._root()`` of the class."""
        func = call.func
        found = None
        if isinstance(func, tree.Name):
            found = next((s.functions[func.value] for s in scope.chain()
                          if func.value in s.functions), None)
        elif isinstance(func, tree.Attribute) and isinstance(func.value, tree.Name) and \
                func.value.value in ("self", "cls"):
            cls = scope.enclosing_class()
            found = cls.functions.get(func.attr.value) if cls is not None else None
        if found is None or len(found[1]) != 1:
            return None
        return found[1][0], found[0]

    def _imported_result(self, call: tree.Call, item: int) -> StrValue | None:
        """What an imported function returns, as a marker the cross-file pass resolves."""
        symbol = self.imported_function(call) if self.imported_function is not None else None
        if symbol is None:
            return None
        return StrValue.of((returned_marker(symbol, item),), "constant")

    def _guarded(self, node: tree.BaseExpression, scope: LexicalScope, depth: int,
                 trail: set[int] | None) -> StrValue | None:
        """A returned value, evaluated once on the way (a function returning its own call)."""
        if id(node) in self._active:
            return None
        self._active.add(id(node))
        try:
            return self._string(node, scope, depth + 1, trail)
        finally:
            self._active.discard(id(node))

    def _call_value(
        self, node: tree.Call, scope: LexicalScope, depth: int, trail: set[int] | None
    ) -> StrValue | None:
        func = node.func
        if isinstance(func, tree.Name) and func.value == "str" and len(node.args) == 1:
            return self._string(node.args[0].value, scope, depth + 1, trail)
        returned = self.returned(node, scope)
        if returned is not None and not isinstance(returned[0], tree.Tuple):
            return self._guarded(returned[0], _bound(returned[1], node, scope), depth, trail)
        if returned is None and self.imported_function is not None:
            imported = self._imported_result(node, -1)
            if imported is not None:
                return imported
        if not isinstance(func, tree.Attribute):
            return None
        method = func.attr.value
        if method == "format":
            template = self._string(func.value, scope, depth + 1, trail)
            if template is None:
                return None
            return self._format(template, node.args, scope, depth, trail)
        if method == "join" and len(node.args) == 1 and node.args[0].keyword is None:
            sep = self._string(func.value, scope, depth + 1, trail)
            if sep is None or sep.literal is None:
                return None
            items = self.sequence(node.args[0].value, scope, trail)
            if items is None:
                return StrValue.of((HOLE,), "join")
            parts: list[Part] = []
            for i, (item, item_scope) in enumerate(items):
                if i:
                    parts.append(sep.literal)
                parts.extend(self._part(item, item_scope, depth, trail))
            return StrValue.of(parts, "join")
        if method in ("strip", "lstrip", "rstrip", "upper", "lower") and not node.args:
            inner = self._string(func.value, scope, depth + 1, trail)
            text = inner.literal if inner is not None else None
            if text is None:
                return None
            return StrValue.of((getattr(text, method)(),), inner.via if inner else "literal")
        return None

    def _format(
        self,
        template: StrValue,
        args: Sequence[tree.Arg],
        scope: LexicalScope,
        depth: int,
        trail: set[int] | None,
    ) -> StrValue:
        text = template.literal
        if text is None:
            head = template.prefix.split("{", 1)[0]
            return StrValue.of((head, HOLE), "format")
        positional = [a.value for a in args if a.keyword is None and not a.star]
        keywords = {a.keyword.value: a.value for a in args if a.keyword is not None}
        parts: list[Part] = []
        auto = 0
        try:
            fields = list(_FORMATTER.parse(text))
        except ValueError:
            return StrValue.of((text.split("{", 1)[0], HOLE), "format")
        for literal_text, name, spec, conversion in fields:
            parts.append(literal_text)
            if name is None:
                continue
            arg: tree.BaseExpression | None = None
            if name == "":
                arg = positional[auto] if auto < len(positional) else None
                auto += 1
            elif name.isdigit():
                position = int(name)
                arg = positional[position] if position < len(positional) else None
            elif _FIELD_BASE.split(name, 1)[0] == name:
                arg = keywords.get(name)
            if arg is not None and not spec and conversion in (None, "s"):
                parts.extend(self._part(arg, scope, depth, trail))
            else:
                parts.append(HOLE)
        return StrValue.of(parts, "format")

    # -- names and containers --------------------------------------------------------------

    def follow_name(
        self, node: tree.BaseExpression, scope: LexicalScope, trail: set[int] | None = None
    ) -> tuple[tree.BaseExpression, LexicalScope] | None:
        """The expression a name (or ``self.X`` / ``Cls.X``) is bound to, once, in this file."""
        if isinstance(node, tree.Name):
            binding, _holder = scope.lookup(node.value, node.start)
        elif isinstance(node, tree.Attribute) and isinstance(node.value, tree.Name):
            binding = self._class_attribute(node.value.value, node.attr.value, scope)
        else:
            return None
        if binding is None or binding[0] is None:
            return None
        if trail is not None:
            trail.add(id(binding[0]))
        return binding[0], binding[1]

    @staticmethod
    def _class_attribute(owner: str, attr: str, scope: LexicalScope) -> Binding | None:
        cls: LexicalScope | None
        if owner in ("self", "cls"):
            cls = scope.enclosing_class()
        else:
            cls = scope.module.classes.get(owner)
        if cls is None:
            return None
        bindings: list[Binding] = [*cls.names.get(attr, []), *cls.attrs.get(attr, [])]
        if len(bindings) == 1 and bindings[0][0] is not None:
            return bindings[0]
        return None

    def follow(
        self, node: tree.BaseExpression, scope: LexicalScope, trail: set[int] | None = None
    ) -> tuple[tree.BaseExpression, LexicalScope]:
        """Follow names to the expression they are bound to (for dicts, tuples, lists)."""
        for _ in range(self.max_depth):
            found = self.follow_name(node, scope, trail)
            if found is None:
                break
            node, scope = found
        return node, scope

    def sequence(
        self, node: tree.BaseExpression, scope: LexicalScope, trail: set[int] | None = None
    ) -> list[tuple[tree.BaseExpression, LexicalScope]] | None:
        """The items of a list/tuple/set literal (through names); None if not one or starred."""
        node, scope = self.follow(node, scope, trail)
        if not isinstance(node, tree.List | tree.Tuple | tree.Set):
            return None
        items: list[tuple[tree.BaseExpression, LexicalScope]] = []
        for element in node.elements:
            if not isinstance(element, tree.Element):
                return None
            items.append((element.value, scope))
        return items

    def dict_entries(
        self,
        node: tree.BaseExpression,
        scope: LexicalScope,
        trail: set[int] | None = None,
        _depth: int = 0,
    ) -> list[DictEntry] | None:
        """The entries of a dict built statically: literal, ``dict(...)``, a name bound to one
        (plus later ``d["k"] = v`` / ``d.update(...)`` in the same or enclosing scopes).
        Keys that cannot be resolved come back with ``key=None``. None: not a known dict."""
        if _depth > self.max_depth:
            return None
        if isinstance(node, tree.Name):
            binding, holder = scope.lookup(node.value, node.start)
            entries: list[DictEntry] | None = None
            if binding is not None and binding[0] is not None:
                if trail is not None:
                    trail.add(id(binding[0]))
                entries = self.dict_entries(binding[0], binding[1], trail, _depth + 1)
            changes = self._changes(node.value, scope, holder, trail, _depth)
            if entries is None and not changes:
                return None
            return [*(entries or ()), *changes]
        if isinstance(node, tree.Dict):
            result: list[DictEntry] = []
            for element in node.elements:
                if isinstance(element, tree.DictElement):
                    key = self.string(element.key, scope)
                    result.append(DictEntry(key.literal if key else None, element.key,
                                            element.value, scope))
                else:  # **other
                    result.extend(
                        self.dict_entries(element.value, scope, trail, _depth + 1) or ())
            return result
        if (
            isinstance(node, tree.Call)
            and isinstance(node.func, tree.Name)
            and node.func.value == "dict"
        ):
            result = []
            for arg in node.args:
                if arg.keyword is not None:
                    result.append(DictEntry(arg.keyword.value, None, arg.value, scope))
                elif arg.star in ("", "**"):
                    result.extend(self.dict_entries(arg.value, scope, trail, _depth + 1) or ())
            return result
        return None

    def _changes(
        self,
        name: str,
        scope: LexicalScope,
        holder: LexicalScope | None,
        trail: set[int] | None,
        depth: int,
    ) -> list[DictEntry]:
        changes: list[DictEntry] = []
        for current in scope.chain():
            for key, value, where in current.items.get(name, ()):
                if key is None:
                    changes.extend(self.dict_entries(value, where, trail, depth + 1) or ())
                elif isinstance(key, str):
                    changes.append(DictEntry(key, None, value, where))
                else:
                    resolved = self.string(key, where)
                    changes.append(DictEntry(resolved.literal if resolved else None, key,
                                             value, where))
            if current is holder:
                break
        return changes

    def _subscript_entry(
        self, node: tree.Subscript, scope: LexicalScope, depth: int, trail: set[int] | None
    ) -> DictEntry | None:
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, tree.Index):
            return None
        key = self._string(node.slice[0].slice.value, scope, depth + 1, None)
        wanted = key.literal if key is not None else None
        if wanted is None:
            return None
        entries = self.dict_entries(node.value, scope, trail)
        found = [e for e in entries or () if e.key == wanted]
        return found[-1] if found else None


def _bound(function: LexicalScope, call: tree.Call, caller: LexicalScope) -> LexicalScope:
    """The scope of a function with its parameters bound to what ``call`` gives them, each
    evaluated where the call is (``api_url("/users")`` → ``path`` is ``"/users"``); the ones
    it does not give stay as the function has them (a default, else unknown). A method called
    on ``self``/``cls`` does not give its first parameter."""
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    if not function.params or (not positional and not keywords):
        return function
    params = function.params
    if isinstance(call.func, tree.Attribute) and params and params[0] in ("self", "cls"):
        params = params[1:]
    scope = LexicalScope("function", function.name, function.parent)
    scope.names = dict(function.names)
    scope.globals = function.globals
    scope.functions = function.functions
    scope.params = function.params
    for index, param in enumerate(params):
        value = positional[index] if index < len(positional) else keywords.get(param)
        if value is not None:
            scope.names[param] = [(value, caller)]
    return scope
