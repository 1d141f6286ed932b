"""What the Python visitor knows at the node the walk is at, and the collectors that read it.

One walk per file serves every fact family. The primary visitor
(:class:`~oinlint.frontends.python.visitor.PrimaryVisitor`) keeps the walk's state: the
lexical scope in force, import aliases, the enclosing names and how deep the walk is inside a
message (a log call, an exception's text). A :class:`Collector` (API calls, token requests)
rides along in the same walk and reads that state through :class:`WalkState`, which is all it
knows of the visitor: the visitor depends on this module, never the other way round.
"""

from __future__ import annotations

from oinlint.facts import Fact, Span
from oinlint.frontends.python import tree
from oinlint.frontends.python.lines import Lines
from oinlint.frontends.python.nodes import dotted
from oinlint.frontends.python.values import LexicalScope
from oinlint.frontends.python.walk import Visitor

__all__ = ["Collector", "WalkState"]


class WalkState(Visitor):
    """The primary visitor's state at the current node: what collectors may read.

    ``scope`` is the lexical scope in force, ``imports`` maps local names to what they import,
    ``names`` are the enclosing classes and functions, ``message_depth`` is above zero inside a
    message (``print``, a log call, ``raise``, ``assert``), ``call_is_message`` says of each
    call being visited whether it is such a message call itself, and ``callees`` names the
    calls of other modules' functions.
    """

    def __init__(self, path: str, lines: Lines) -> None:
        super().__init__()
        self.path = path
        self.lines = lines
        self.module_scope = LexicalScope("module", "")
        self.scope = self.module_scope
        self.imports: dict[str, str] = {}
        self.names: list[str] = []
        self.message_depth = 0
        self.call_is_message: list[bool] = []
        # each call of a function of another module, as a ``HelperCall`` names it (``id`` of
        # the call node → ``auth.get_token``): filled by the call collector's ``finish``, read
        # by the token collector's, which follows what the file does with the result
        self.callees: dict[int, str] = {}

    @property
    def context(self) -> str:
        """The enclosing classes and functions, dotted: ``Client.fetch_token``."""
        return ".".join(self.names)

    def span(self, node: tree.Node) -> Span:
        """Where a node is, in the engine's line numbering."""
        line, column = self.lines.position(node.start)
        end_line, end_column = self.lines.position(node.end)
        return Span(self.path, line, column, end_line, end_column)

    def qualify(self, node: tree.BaseExpression) -> str | None:
        """The dotted name with its import resolved: ``r.get`` → ``requests.get``."""
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        base = self.imports.get(head, head)
        return f"{base}.{rest}" if rest else base


class Collector(Visitor):
    """A fact family riding along in the primary visitor's walk (API calls, token requests).

    A collector reads the primary visitor's state while the walk is at a node: its bindings
    and scopes (``primary.scope``), import aliases (``primary.qualify``), the enclosing name
    (``primary.context``) and node spans (``primary.span``). It must not prune the walk.
    """

    def __init__(self, primary: WalkState) -> None:
        super().__init__()
        self.primary = primary

    def finish(self) -> list[Fact]:
        """The facts found, once the walk is over."""
        return []
