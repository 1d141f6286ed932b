"""The syntax tree the Python front end reads: CPython's ``ast``, in a shape made for the analysis.

:mod:`~oinlint.frontends.python.build` turns an ``ast`` tree into these nodes. Their names and
fields follow libcst's (the library the front end used to parse with), so each pass reads a
call's arguments in source order (``Call.args``: positional, starred and keyword alike), every
part of an implicit string concatenation (``ConcatenatedString``), an f-string's text and
replacement fields (``FormattedString``), the raw text of a literal (``SimpleString.value``,
``Integer.value``) and identifiers as :class:`Name` nodes. Only what the analysis reads is kept:
no whitespace, no commas, no parentheses. Every node carries its extent in the source as two
character offsets (``start``, ``end``): libcst's syntactic positions (an expression without its
parentheses, a ``def`` from ``def`` to the end of its body, not from its decorators).

``FIELDS`` names each node's children in the order :mod:`~oinlint.frontends.python.walk`
visits them (libcst's field order: a ``def``'s body before its decorators).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

__all__ = ["BaseExpression", "Node", "Statement"]


@dataclass(slots=True, eq=False, kw_only=True)
class Node:
    """A syntax node: its extent as character offsets into the module's source."""

    FIELDS: ClassVar[tuple[str, ...]] = ()  # the child fields, in the order they are walked
    start: int = 0
    end: int = 0

    @property
    def children(self) -> list[Node]:
        """The child nodes, in the order the walk visits them."""
        found: list[Node] = []
        for name in self.FIELDS:
            value = getattr(self, name)
            if isinstance(value, Node):
                found.append(value)
            elif isinstance(value, list):
                found.extend(v for v in value if isinstance(v, Node))
        return found



@dataclass(slots=True, eq=False, kw_only=True)
class BaseExpression(Node):
    """An expression."""


@dataclass(slots=True, eq=False, kw_only=True)
class Statement(Node):
    """A statement."""


# -- expressions ------------------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class Name(BaseExpression):
    value: str


@dataclass(slots=True, eq=False)
class Attribute(BaseExpression):
    FIELDS = ("value", "attr")
    value: BaseExpression
    attr: Name
    # nodes.dotted's answer, kept (the passes ask it of each chain ~11 times); "": not asked yet
    dotted: str | None = field(default="", init=False, repr=False)


@dataclass(slots=True, eq=False)
class Arg(Node):
    """A call argument: positional (``keyword`` None, ``star`` ""), ``*x``, ``**x`` or ``k=v``."""

    FIELDS = ("value", "keyword")
    value: BaseExpression
    keyword: Name | None = None
    star: str = ""


@dataclass(slots=True, eq=False)
class Call(BaseExpression):
    FIELDS = ("func", "args")
    func: BaseExpression
    args: list[Arg] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class ReturnedItem(BaseExpression):
    """Not syntax: item ``index`` of the tuple that ``call`` returns, a name's value after
    ``base, headers = api_info()`` (bound by the visitor, never walked)."""

    call: Call
    index: int


@dataclass(slots=True, eq=False)
class SimpleString(BaseExpression):
    """A string or bytes literal, ``value`` its raw text with prefix and quotes."""

    value: str


@dataclass(slots=True, eq=False)
class ConcatenatedString(BaseExpression):
    """Implicit concatenation: ``"a" "b" "c"`` is ``("a", ("b", "c"))``."""

    FIELDS = ("left", "right")
    left: BaseExpression
    right: BaseExpression


@dataclass(slots=True, eq=False)
class FormattedStringText(Node):
    """Literal text of an f-string, raw (``{{`` and escapes as written)."""

    value: str


@dataclass(slots=True, eq=False)
class FormattedStringExpression(Node):
    FIELDS = ("expression", "format_spec")
    expression: BaseExpression
    conversion: str | None = None
    format_spec: list[Node] | None = None
    equal: bool = False


@dataclass(slots=True, eq=False)
class FormattedString(BaseExpression):
    FIELDS = ("parts",)
    parts: list[Node]
    prefix: str = "f"


@dataclass(slots=True, eq=False)
class Integer(BaseExpression):
    value: str


@dataclass(slots=True, eq=False)
class Ellipsis(BaseExpression):
    pass


@dataclass(slots=True, eq=False)
class BinaryOperation(BaseExpression):
    """``left operator right``; ``operator`` is the symbol (``+``, ``%``)."""

    FIELDS = ("left", "right")
    left: BaseExpression
    operator: str
    right: BaseExpression


@dataclass(slots=True, eq=False)
class BooleanOperation(BaseExpression):
    """``a or b or c`` is ``((a or b) or c)``; ``operator`` is ``or`` or ``and``."""

    FIELDS = ("left", "right")
    left: BaseExpression
    operator: str
    right: BaseExpression


@dataclass(slots=True, eq=False)
class UnaryOperation(BaseExpression):
    FIELDS = ("expression",)
    operator: str
    expression: BaseExpression


@dataclass(slots=True, eq=False)
class ComparisonTarget(Node):
    FIELDS = ("comparator",)
    operator: str
    comparator: BaseExpression


@dataclass(slots=True, eq=False)
class Comparison(BaseExpression):
    FIELDS = ("left", "comparisons")
    left: BaseExpression
    comparisons: list[ComparisonTarget]


@dataclass(slots=True, eq=False)
class IfExp(BaseExpression):
    FIELDS = ("test", "body", "orelse")
    test: BaseExpression
    body: BaseExpression
    orelse: BaseExpression


@dataclass(slots=True, eq=False)
class Await(BaseExpression):
    FIELDS = ("expression",)
    expression: BaseExpression


@dataclass(slots=True, eq=False)
class From(Node):
    FIELDS = ("item",)
    item: BaseExpression


@dataclass(slots=True, eq=False)
class Yield(BaseExpression):
    FIELDS = ("value",)
    value: BaseExpression | From | None


@dataclass(slots=True, eq=False)
class Index(Node):
    FIELDS = ("value",)
    value: BaseExpression
    star: str | None = None


@dataclass(slots=True, eq=False)
class Slice(Node):
    FIELDS = ("lower", "upper", "step")
    lower: BaseExpression | None
    upper: BaseExpression | None
    step: BaseExpression | None


@dataclass(slots=True, eq=False)
class SubscriptElement(Node):
    FIELDS = ("slice",)
    slice: Index | Slice


@dataclass(slots=True, eq=False)
class Subscript(BaseExpression):
    FIELDS = ("value", "slice")
    value: BaseExpression
    slice: list[SubscriptElement]


@dataclass(slots=True, eq=False)
class Element(Node):
    FIELDS = ("value",)
    value: BaseExpression


@dataclass(slots=True, eq=False)
class StarredElement(BaseExpression):
    FIELDS = ("value",)
    value: BaseExpression


@dataclass(slots=True, eq=False)
class Tuple(BaseExpression):
    FIELDS = ("elements",)
    elements: list[Element | StarredElement]


@dataclass(slots=True, eq=False)
class List(BaseExpression):
    FIELDS = ("elements",)
    elements: list[Element | StarredElement]


@dataclass(slots=True, eq=False)
class Set(BaseExpression):
    FIELDS = ("elements",)
    elements: list[Element | StarredElement]


@dataclass(slots=True, eq=False)
class DictElement(Node):
    FIELDS = ("key", "value")
    key: BaseExpression
    value: BaseExpression


@dataclass(slots=True, eq=False)
class StarredDictElement(Node):
    FIELDS = ("value",)
    value: BaseExpression


@dataclass(slots=True, eq=False)
class Dict(BaseExpression):
    FIELDS = ("elements",)
    elements: list[DictElement | StarredDictElement]


@dataclass(slots=True, eq=False)
class CompIf(Node):
    FIELDS = ("test",)
    test: BaseExpression


@dataclass(slots=True, eq=False)
class CompFor(Node):
    FIELDS = ("target", "iter", "ifs", "inner_for_in")
    target: BaseExpression
    iter: BaseExpression
    ifs: list[CompIf]
    inner_for_in: CompFor | None


@dataclass(slots=True, eq=False)
class ListComp(BaseExpression):
    FIELDS = ("elt", "for_in")
    elt: BaseExpression
    for_in: CompFor


@dataclass(slots=True, eq=False)
class SetComp(BaseExpression):
    FIELDS = ("elt", "for_in")
    elt: BaseExpression
    for_in: CompFor


@dataclass(slots=True, eq=False)
class GeneratorExp(BaseExpression):
    FIELDS = ("elt", "for_in")
    elt: BaseExpression
    for_in: CompFor


@dataclass(slots=True, eq=False)
class DictComp(BaseExpression):
    FIELDS = ("key", "value", "for_in")
    key: BaseExpression
    value: BaseExpression
    for_in: CompFor


@dataclass(slots=True, eq=False)
class NamedExpr(BaseExpression):
    FIELDS = ("target", "value")
    target: BaseExpression
    value: BaseExpression


@dataclass(slots=True, eq=False)
class Annotation(Node):
    FIELDS = ("annotation",)
    annotation: BaseExpression


@dataclass(slots=True, eq=False)
class Param(Node):
    FIELDS = ("name", "annotation", "default")
    name: Name
    annotation: Annotation | None = None
    default: BaseExpression | None = None
    star: str = ""


@dataclass(slots=True, eq=False)
class Parameters(Node):
    FIELDS = ("params", "star_arg", "kwonly_params", "star_kwarg", "posonly_params")
    params: list[Param] = field(default_factory=list)
    star_arg: Param | None = None
    kwonly_params: list[Param] = field(default_factory=list)
    star_kwarg: Param | None = None
    posonly_params: list[Param] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Lambda(BaseExpression):
    FIELDS = ("params", "body")
    params: Parameters
    body: BaseExpression


@dataclass(slots=True, eq=False)
class Other(BaseExpression):
    """Syntax the analysis never reads by type (``match`` patterns, type parameters, …):
    only its children, walked in ``ast``'s field order."""

    FIELDS = ("parts",)
    kind: str
    parts: list[Node] = field(default_factory=list)


# -- statements -------------------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class IndentedBlock(Node):
    FIELDS = ("body",)
    body: list[Node]


@dataclass(slots=True, eq=False)
class Module(Node):
    FIELDS = ("body",)
    body: list[Node]


@dataclass(slots=True, eq=False)
class Expr(Statement):
    FIELDS = ("value",)
    value: BaseExpression


@dataclass(slots=True, eq=False)
class AssignTarget(Node):
    FIELDS = ("target",)
    target: BaseExpression


@dataclass(slots=True, eq=False)
class Assign(Statement):
    FIELDS = ("targets", "value")
    targets: list[AssignTarget]
    value: BaseExpression


@dataclass(slots=True, eq=False)
class AnnAssign(Statement):
    FIELDS = ("target", "annotation", "value")
    target: BaseExpression
    annotation: Annotation
    value: BaseExpression | None


@dataclass(slots=True, eq=False)
class AugAssign(Statement):
    FIELDS = ("target", "value")
    target: BaseExpression
    operator: str
    value: BaseExpression


@dataclass(slots=True, eq=False)
class Return(Statement):
    FIELDS = ("value",)
    value: BaseExpression | None


@dataclass(slots=True, eq=False)
class Raise(Statement):
    FIELDS = ("exc", "cause")
    exc: BaseExpression | None
    cause: BaseExpression | None


@dataclass(slots=True, eq=False)
class Assert(Statement):
    FIELDS = ("test", "msg")
    test: BaseExpression
    msg: BaseExpression | None


@dataclass(slots=True, eq=False)
class Del(Statement):
    FIELDS = ("target",)
    target: BaseExpression


@dataclass(slots=True, eq=False)
class Break(Statement):
    pass


@dataclass(slots=True, eq=False)
class NameItem(Node):
    FIELDS = ("name",)
    name: Name


@dataclass(slots=True, eq=False)
class Global(Statement):
    FIELDS = ("names",)
    names: list[NameItem]


@dataclass(slots=True, eq=False)
class Nonlocal(Statement):
    FIELDS = ("names",)
    names: list[NameItem]


@dataclass(slots=True, eq=False)
class AsName(Node):
    FIELDS = ("name",)
    name: BaseExpression


@dataclass(slots=True, eq=False)
class ImportAlias(Node):
    FIELDS = ("name", "asname")
    name: Name | Attribute
    asname: AsName | None = None


@dataclass(slots=True, eq=False)
class ImportStar(Node):
    pass


@dataclass(slots=True, eq=False)
class Import(Statement):
    FIELDS = ("names",)
    names: list[ImportAlias]


@dataclass(slots=True, eq=False)
class ImportFrom(Statement):
    """``relative`` is the number of leading dots (``from ..m import x``: 2)."""

    FIELDS = ("module", "names")
    module: Name | Attribute | None
    names: list[ImportAlias] | ImportStar
    relative: int = 0


@dataclass(slots=True, eq=False)
class Decorator(Node):
    FIELDS = ("decorator",)
    decorator: BaseExpression


@dataclass(slots=True, eq=False)
class FunctionDef(Statement):
    FIELDS = ("name", "params", "body", "decorators", "returns")
    name: Name
    params: Parameters
    body: IndentedBlock
    decorators: list[Decorator]
    returns: Annotation | None


@dataclass(slots=True, eq=False)
class ClassDef(Statement):
    FIELDS = ("name", "body", "bases", "keywords", "decorators")
    name: Name
    body: IndentedBlock
    bases: list[Arg]
    keywords: list[Arg]
    decorators: list[Decorator]


@dataclass(slots=True, eq=False)
class Else(Node):
    FIELDS = ("body",)
    body: IndentedBlock


@dataclass(slots=True, eq=False)
class If(Statement):
    FIELDS = ("test", "body", "orelse")
    test: BaseExpression
    body: IndentedBlock
    orelse: If | Else | None


@dataclass(slots=True, eq=False)
class While(Statement):
    FIELDS = ("test", "body", "orelse")
    test: BaseExpression
    body: IndentedBlock
    orelse: Else | None


@dataclass(slots=True, eq=False)
class For(Statement):
    FIELDS = ("target", "iter", "body", "orelse")
    target: BaseExpression
    iter: BaseExpression
    body: IndentedBlock
    orelse: Else | None


@dataclass(slots=True, eq=False)
class WithItem(Node):
    FIELDS = ("item", "asname")
    item: BaseExpression
    asname: AsName | None


@dataclass(slots=True, eq=False)
class With(Statement):
    FIELDS = ("items", "body")
    items: list[WithItem]
    body: IndentedBlock


@dataclass(slots=True, eq=False)
class ExceptHandler(Node):
    FIELDS = ("body", "type", "name")
    body: IndentedBlock
    type: BaseExpression | None
    name: AsName | None


@dataclass(slots=True, eq=False)
class Finally(Node):
    FIELDS = ("body",)
    body: IndentedBlock


@dataclass(slots=True, eq=False)
class Try(Statement):
    FIELDS = ("body", "handlers", "orelse", "finalbody")
    body: IndentedBlock
    handlers: list[ExceptHandler]
    orelse: Else | None
    finalbody: Finally | None
