"""``ast`` → the analysis tree (:mod:`~oinlint.frontends.python.tree`), with character offsets.

CPython's parser (C, positions built in) is an order of magnitude cheaper than libcst's plus
its position pass. What it does not give the way the analysis reads it is fixed here:

* ``col_offset`` counts UTF-8 bytes; the tree counts characters (a line with non-ASCII text
  before a node is decoded up to the node).
* A parenthesised tuple's extent includes its parentheses in ``ast``, not in the tree (an
  expression's extent never does), and a generator expression's includes the call's.
* Implicit string concatenation is one ``Constant`` / ``JoinedStr``: the tree has each
  literal (``ConcatenatedString``), with its raw text; f-strings are split into text and
  replacement fields from the source, and each field's expression is parsed again at its own
  offset (Python 3.11 misplaces nested and multi-line ones; 3.12 parses them differently).
* Call arguments come back in source order, keywords and ``**`` among them; identifiers
  (function, parameter, keyword, attribute, alias names) become ``Name`` nodes; ``True``,
  ``False`` and ``None`` are names, numbers keep their raw text.
"""

from __future__ import annotations

import ast
import re
import sys
from bisect import bisect_right
from collections.abc import Callable
from keyword import iskeyword
from typing import Any, Final

from oinlint.frontends.python import tree as t
from oinlint.frontends.python.strings import (
    FieldPart,
    StringPart,
    TextPart,
    read_string,
    string_parts,
)

__all__ = ["Builder"]

_OPERATORS: Final[dict[type[ast.AST], str]] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/", ast.Mod: "%",
    ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^",
    ast.BitAnd: "&", ast.FloorDiv: "//", ast.And: "and", ast.Or: "or", ast.Invert: "~",
    ast.Not: "not", ast.UAdd: "+", ast.USub: "-", ast.Eq: "==", ast.NotEq: "!=",
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Is: "is", ast.IsNot: "is not",
    ast.In: "in", ast.NotIn: "not in",
}
# Lines as CPython counts them: \n, \r\n and \r end a line; form feeds do not.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONSTANT_NAMES: Final = {True: "True", False: "False", None: "None"}


def _single_literal(raw: str) -> bool:
    """Whether ``raw`` is surely one plain literal (``"abc"``, ``b'x'``), not an implicit
    concatenation: its body holds no quote of its kind and no backslash. The common case,
    decided without reading the literal's parts."""
    index = 0
    while index < 2 and index < len(raw) and raw[index].isalpha():
        index += 1
    if "f" in raw[:index] or "F" in raw[:index] or index == len(raw):
        return False
    quote = raw[index]
    width = 3 if raw.startswith(quote * 3, index) else 1
    body = raw[index + width:len(raw) - width]
    return (len(raw) >= index + 2 * width and raw.endswith(quote * width)
            and quote not in body and "\\" not in body)


class Builder:
    """Converts one ``ast`` tree over ``text``; offsets are ``base`` + offsets into ``text``
    (``base`` is where ``text`` starts in the module: non-zero for an f-string's field)."""

    def __init__(self, text: str, base: int = 0) -> None:
        self.text = text
        self.base = base
        self.starts = [0]
        for line in _LINE.findall(text):
            self.starts.append(self.starts[-1] + len(line))
        # lines 1..ascii_lines hold no non-ASCII character: their UTF-8 byte columns are
        # character columns (a whole ASCII file: every line; most non-ASCII files have it in
        # a comment or string near the end)
        self.ascii_lines = sys.maxsize
        if not text.isascii():
            first = _NON_ASCII.search(text)
            assert first is not None
            self.ascii_lines = bisect_right(self.starts, first.start()) - 1
        self._encoded: dict[int, bytes] = {}
        self._dispatch: dict[type[ast.AST], Callable[[Any], t.Node]] = {}

    # -- positions --------------------------------------------------------------------------

    def offset(self, line: int, column: int) -> int:
        """Character offset into ``text`` of a (1-based line, UTF-8 byte column) position."""
        start = self.starts[line - 1] if line - 1 < len(self.starts) else self.starts[-1]
        if line <= self.ascii_lines:
            return start + column
        encoded = self._encoded.get(line)
        if encoded is None:
            end = self.starts[line] if line < len(self.starts) else len(self.text)
            text = self.text[start:end]
            # an ASCII line of a non-ASCII file: b"" marks it, no bytes kept
            encoded = self._encoded[line] = (b"" if text.isascii()
                                             else text.encode("utf-8", "replace"))
        if not encoded:
            return start + column
        return start + len(encoded[:column].decode("utf-8", "replace"))

    def extent(self, node: Any) -> tuple[int, int]:
        """(start, end) offsets of an ``ast`` node in ``text``."""
        if node.end_lineno <= self.ascii_lines:  # columns are characters already
            starts = self.starts
            return (starts[node.lineno - 1] + node.col_offset,
                    starts[node.end_lineno - 1] + node.end_col_offset)
        return (self.offset(node.lineno, node.col_offset),
                self.offset(node.end_lineno, node.end_col_offset))

    def place(self, made: t.Node, start: int, end: int) -> t.Node:
        made.start = self.base + start
        made.end = self.base + end
        return made

    # -- entry points -------------------------------------------------------------------------

    def module(self, tree: ast.Module) -> t.Module:
        body = [self.node(s) for s in tree.body]
        return t.Module(body, start=self.base, end=self.base + len(self.text))

    def node(self, node: ast.AST) -> t.Node:
        kind = type(node)
        method = self._dispatch.get(kind)
        if method is None:
            method = self._dispatch[kind] = getattr(self, f"_{kind.__name__}", self._other)
        return method(node)

    def expr(self, node: ast.expr) -> t.BaseExpression:
        made = self.node(node)
        assert isinstance(made, t.BaseExpression)
        return made

    def maybe(self, node: ast.expr | None) -> t.BaseExpression | None:
        return None if node is None else self.expr(node)

    def positioned(self, made: t.Node, node: Any) -> t.Node:
        start, end = self.extent(node)
        return self.place(made, start, end)

    def block(self, body: list[ast.stmt]) -> t.IndentedBlock:
        statements = [self.node(s) for s in body]
        block = t.IndentedBlock(statements)
        if statements:
            block.start, block.end = statements[0].start, statements[-1].end
        return block

    def name_at(self, value: str, start: int, end: int) -> t.Name:
        made = t.Name(value)
        made.start, made.end = start, end
        return made

    # -- expressions --------------------------------------------------------------------------

    def _Name(self, node: ast.Name) -> t.Node:
        start, end = self.extent(node)
        base = self.base
        return t.Name(node.id, start=base + start, end=base + end)

    def _Constant(self, node: ast.Constant) -> t.Node:
        value = node.value
        start, end = self.extent(node)
        raw = self.text[start:end]
        if isinstance(value, str | bytes):
            if _single_literal(raw):
                return t.SimpleString(raw, start=self.base + start, end=self.base + end)
            return self.strings(start, end)
        if value is ... :
            return self.place(t.Ellipsis(), start, end)
        if isinstance(value, bool) or value is None:
            return self.place(t.Name(_CONSTANT_NAMES[value]), start, end)
        if isinstance(value, int):
            return self.place(t.Integer(raw), start, end)
        return self.place(t.Other("Float" if isinstance(value, float) else "Imaginary"),
                          start, end)  # no pass reads other numbers

    def _JoinedStr(self, node: ast.JoinedStr) -> t.Node:
        start, end = self.extent(node)
        return self.strings(start, end)

    def strings(self, start: int, end: int) -> t.BaseExpression:
        """The literals at ``[start, end)``: one, or a right-nested concatenation."""
        made = [self.literal(part) for part in string_parts(self.text, start, end)]
        result = made[-1]
        for left in reversed(made[:-1]):
            result = t.ConcatenatedString(left, result, start=left.start, end=result.end)
        return result

    def literal(self, part: StringPart) -> t.BaseExpression:
        if part.fields is None:
            made: t.BaseExpression = t.SimpleString(self.text[part.start:part.end])
        else:
            made = t.FormattedString(self.fields(part.fields), part.prefix)
        self.place(made, part.start, part.end)
        return made

    def fields(self, parts: list[TextPart | FieldPart]) -> list[t.Node]:
        made: list[t.Node] = []
        for part in parts:
            if isinstance(part, TextPart):
                text = t.FormattedStringText(self.text[part.start:part.end])
                made.append(self.place(text, part.start, part.end))
                continue
            expression = self.field_expression(part.start, part.end)
            spec = self.fields(part.spec) if part.spec is not None else None
            field = t.FormattedStringExpression(expression, part.conversion, spec, part.equal)
            made.append(self.place(field, part.start - 1, part.field_end))
        return made

    def field_expression(self, start: int, end: int) -> t.BaseExpression:
        """A replacement field's expression, parsed alone at its own offset: ``{`` becomes
        ``(`` so every character keeps its place. A name or dotted name (most fields) is
        built without parsing."""
        text = self.text[start:end]
        if text.isascii():
            names = text.split(".")
            if all(name.isidentifier() and not iskeyword(name) for name in names):
                return self.dotted_at(names, self.base + start)
        source = "(" + text + ")"
        parsed = ast.parse(source, mode="eval")
        inner = Builder(source, self.base + start - 1)
        return inner.expr(parsed.body)

    def dotted_at(self, names: list[str], start: int) -> t.BaseExpression:
        """``a.b.c`` written without spaces at ``start``, as ``_Name`` and ``_Attribute``
        build it."""
        end = start + len(names[0])
        made: t.BaseExpression = self.name_at(names[0], start, end)
        for name in names[1:]:
            end += 1 + len(name)
            made = t.Attribute(made, self.name_at(name, end - len(name), end), start=start,
                               end=end)
        return made

    def _Attribute(self, node: ast.Attribute) -> t.Node:
        start, end = self.extent(node)
        attr = self.name_at(node.attr, self.base + end - len(node.attr), self.base + end)
        return self.place(t.Attribute(self.expr(node.value), attr), start, end)

    def _Call(self, node: ast.Call) -> t.Node:
        args: list[t.Arg] = []
        for value in node.args:
            if isinstance(value, ast.Starred):
                arg = t.Arg(self.expr(value.value), None, "*")
                args.append(self.positioned(arg, value))  # type: ignore[arg-type]
            else:
                made = self.expr(value)
                args.append(t.Arg(made, start=made.start, end=made.end))
        for keyword in node.keywords:
            start, end = self.extent(keyword)
            given = self.expr(keyword.value)
            if keyword.arg is None:
                arg = t.Arg(given, None, "**")
            else:
                name = self.name_at(keyword.arg, self.base + start,
                                    self.base + start + len(keyword.arg))
                arg = t.Arg(given, name)
            args.append(self.place(arg, start, end))  # type: ignore[arg-type]
        if node.keywords and node.args:
            args.sort(key=lambda a: a.start)
        return self.positioned(t.Call(self.expr(node.func), args), node)

    def _Starred(self, node: ast.Starred) -> t.Node:
        return self.positioned(t.StarredElement(self.expr(node.value)), node)

    def _BinOp(self, node: ast.BinOp) -> t.Node:
        made = t.BinaryOperation(self.expr(node.left), _OPERATORS[type(node.op)],
                                 self.expr(node.right))
        return self.positioned(made, node)

    def _BoolOp(self, node: ast.BoolOp) -> t.Node:
        operator = _OPERATORS[type(node.op)]
        values = [self.expr(v) for v in node.values]
        result = values[0]
        for value in values[1:]:
            result = t.BooleanOperation(result, operator, value,
                                        start=result.start, end=value.end)
        return result

    def _UnaryOp(self, node: ast.UnaryOp) -> t.Node:
        made = t.UnaryOperation(_OPERATORS[type(node.op)], self.expr(node.operand))
        return self.positioned(made, node)

    def _Compare(self, node: ast.Compare) -> t.Node:
        targets = []
        for op, value in zip(node.ops, node.comparators, strict=True):
            comparator = self.expr(value)
            targets.append(t.ComparisonTarget(_OPERATORS[type(op)], comparator,
                                              start=comparator.start, end=comparator.end))
        return self.positioned(t.Comparison(self.expr(node.left), targets), node)

    def _IfExp(self, node: ast.IfExp) -> t.Node:
        made = t.IfExp(self.expr(node.test), self.expr(node.body), self.expr(node.orelse))
        return self.positioned(made, node)

    def _Await(self, node: ast.Await) -> t.Node:
        return self.positioned(t.Await(self.expr(node.value)), node)

    def _Yield(self, node: ast.Yield) -> t.Node:
        return self.positioned(t.Yield(self.maybe(node.value)), node)

    def _YieldFrom(self, node: ast.YieldFrom) -> t.Node:
        item = self.expr(node.value)
        return self.positioned(t.Yield(t.From(item, start=item.start, end=item.end)), node)

    def _NamedExpr(self, node: ast.NamedExpr) -> t.Node:
        return self.positioned(t.NamedExpr(self.expr(node.target), self.expr(node.value)), node)

    def _Subscript(self, node: ast.Subscript) -> t.Node:
        index = node.slice
        start, end = self.extent(index)
        items: list[ast.expr]
        if isinstance(index, ast.Tuple) and not self.parenthesised(start, end) and index.elts:
            items = list(index.elts)
        else:
            items = [index]
        elements = []
        for item in items:
            made: t.Index | t.Slice
            if isinstance(item, ast.Slice):
                made = t.Slice(self.maybe(item.lower), self.maybe(item.upper),
                               self.maybe(item.step))
                self.positioned(made, item)
            elif isinstance(item, ast.Starred):
                value = self.expr(item.value)
                made = t.Index(value, "*")
                self.positioned(made, item)
            else:
                value = self.expr(item)
                made = t.Index(value, start=value.start, end=value.end)
            elements.append(t.SubscriptElement(made, start=made.start, end=made.end))
        return self.positioned(t.Subscript(self.expr(node.value), elements), node)

    def parenthesised(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is one pair of parentheses and what they hold."""
        text = self.text
        if not (text.startswith("(", start) and text[end - 1:end] == ")"):
            return False
        depth = 0
        index = start
        while index < end:
            char = text[index]
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
                if depth == 0:
                    return index == end - 1
            elif char in "'\"":
                head = index
                while head > start and text[head - 1].isalpha():
                    head -= 1
                index = read_string(text, head).end
                continue
            elif char == "#":
                newline = text.find("\n", index)
                index = newline if newline >= 0 else end
                continue
            index += 1
        return False

    def elements(self, values: list[ast.expr]) -> list[t.Element | t.StarredElement]:
        made: list[t.Element | t.StarredElement] = []
        for value in values:
            if isinstance(value, ast.Starred):
                starred = self.node(value)
                assert isinstance(starred, t.StarredElement)
                made.append(starred)
            else:
                inner = self.expr(value)
                made.append(t.Element(inner, start=inner.start, end=inner.end))
        return made

    def _Tuple(self, node: ast.Tuple) -> t.Node:
        start, end = self.extent(node)
        elements = self.elements(node.elts)
        if self.parenthesised(start, end):
            inner_start, inner_end = start + 1, end - 1
            if elements:
                inner_start = elements[0].start - self.base
                inner_end = elements[-1].end - self.base
                after = self.text[inner_end:end - 1].lstrip()
                if after.startswith(","):
                    inner_end = self.text.index(",", inner_end) + 1
            start, end = inner_start, inner_end
        return self.place(t.Tuple(elements), start, end)

    def _List(self, node: ast.List) -> t.Node:
        return self.positioned(t.List(self.elements(node.elts)), node)

    def _Set(self, node: ast.Set) -> t.Node:
        return self.positioned(t.Set(self.elements(node.elts)), node)

    def _Dict(self, node: ast.Dict) -> t.Node:
        elements: list[t.DictElement | t.StarredDictElement] = []
        for key, value in zip(node.keys, node.values, strict=True):
            made_value = self.expr(value)
            if key is None:
                starred = t.StarredDictElement(made_value, end=made_value.end)
                starred.start = made_value.start
                elements.append(starred)
            else:
                made_key = self.expr(key)
                elements.append(t.DictElement(made_key, made_value, start=made_key.start,
                                              end=made_value.end))
        return self.positioned(t.Dict(elements), node)

    def comp_for(self, generators: list[ast.comprehension]) -> t.CompFor:
        inner: t.CompFor | None = None
        for generator in reversed(generators):
            target = self.expr(generator.target)
            ifs = []
            for test in generator.ifs:
                made = self.expr(test)
                ifs.append(t.CompIf(made, start=made.start, end=made.end))
            iterable = self.expr(generator.iter)
            inner = t.CompFor(target, iterable, ifs, inner, start=target.start,
                              end=(ifs[-1].end if ifs else iterable.end))
        assert inner is not None
        return inner

    def _comprehension_extent(self, node: ast.expr) -> tuple[int, int]:
        start, end = self.extent(node)
        if self.text.startswith(("(", "[", "{"), start):
            return start + 1, end - 1
        return start, end

    def _ListComp(self, node: ast.ListComp) -> t.Node:
        return self.positioned(t.ListComp(self.expr(node.elt), self.comp_for(node.generators)),
                               node)

    def _SetComp(self, node: ast.SetComp) -> t.Node:
        return self.positioned(t.SetComp(self.expr(node.elt), self.comp_for(node.generators)),
                               node)

    def _GeneratorExp(self, node: ast.GeneratorExp) -> t.Node:
        start, end = self._comprehension_extent(node)
        made = t.GeneratorExp(self.expr(node.elt), self.comp_for(node.generators))
        return self.place(made, start, end)

    def _DictComp(self, node: ast.DictComp) -> t.Node:
        made = t.DictComp(self.expr(node.key), self.expr(node.value),
                          self.comp_for(node.generators))
        return self.positioned(made, node)

    def parameters(self, args: ast.arguments) -> t.Parameters:
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
        defaults += args.defaults
        made = [self.param(a, d) for a, d in zip(positional, defaults, strict=True)]
        posonly = made[:len(args.posonlyargs)]
        params = made[len(args.posonlyargs):]
        kwonly = [self.param(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults,
                                                    strict=True)]
        star_arg = self.param(args.vararg, None, "*") if args.vararg is not None else None
        star_kwarg = self.param(args.kwarg, None, "**") if args.kwarg is not None else None
        return t.Parameters(params, star_arg, kwonly, star_kwarg, posonly)

    def param(self, arg: ast.arg, default: ast.expr | None, star: str = "") -> t.Param:
        start, end = self.extent(arg)
        name = self.name_at(arg.arg, self.base + start, self.base + start + len(arg.arg))
        annotation = None
        if arg.annotation is not None:
            value = self.expr(arg.annotation)
            annotation = t.Annotation(value, start=value.start, end=value.end)
        made_default = self.maybe(default)
        made = t.Param(name, annotation, made_default, star)
        made.start = self.base + start
        made.end = made_default.end if made_default is not None else self.base + end
        return made

    def _Lambda(self, node: ast.Lambda) -> t.Node:
        made = t.Lambda(self.parameters(node.args), self.expr(node.body))
        return self.positioned(made, node)

    def _other(self, node: ast.AST) -> t.Node:
        """Syntax read by no pass (``match``, type parameters, …): its children only, names
        (``case Point(x=px)``) as ``Name`` nodes."""
        parts: list[t.Node] = []
        for name, value in ast.iter_fields(node):
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, ast.AST) and not isinstance(
                        item, ast.expr_context | ast.operator | ast.boolop | ast.unaryop
                        | ast.cmpop):
                    parts.append(self.node(item))
                elif isinstance(item, str) and name in ("name", "rest", "id", "arg", "attr"):
                    parts.append(t.Name(item))
        made = t.Other(type(node).__name__, parts)
        if hasattr(node, "lineno") and getattr(node, "end_lineno", None) is not None:
            return self.positioned(made, node)
        return made


