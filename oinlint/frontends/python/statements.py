"""``ast`` statements → the analysis tree (expressions: :mod:`~oinlint.frontends.python.build`).

Statement shapes follow libcst's, as the passes expect: a body is an ``IndentedBlock``, an
``else`` an ``Else``, an ``elif`` an ``If`` in the ``orelse`` of the one before, assignment
targets ``AssignTarget`` s, ``import a.b as c`` an ``ImportAlias`` of an ``Attribute`` with an
``AsName``, ``global``/``nonlocal`` names ``NameItem`` s, a class's bases and keywords ``Arg`` s.
A ``def`` or ``class`` starts at its keyword, not at its decorators, and ends with its body.
"""

from __future__ import annotations

import ast

from oinlint.frontends.python import tree as t
from oinlint.frontends.python.build import _OPERATORS, Builder

__all__ = ["StatementBuilder", "build_module"]


class StatementBuilder(Builder):
    """Converts a whole module: statements here, expressions in :class:`Builder`."""

    def _Expr(self, node: ast.Expr) -> t.Node:
        return self.positioned(t.Expr(self.expr(node.value)), node)

    def _Assign(self, node: ast.Assign) -> t.Node:
        targets = []
        for target in node.targets:
            made = self.expr(target)
            targets.append(t.AssignTarget(made, start=made.start, end=made.end))
        return self.positioned(t.Assign(targets, self.expr(node.value)), node)

    def _AnnAssign(self, node: ast.AnnAssign) -> t.Node:
        target = self.expr(node.target)
        annotation = self.expr(node.annotation)
        made = t.AnnAssign(target, t.Annotation(annotation, start=annotation.start,
                                                end=annotation.end), self.maybe(node.value))
        return self.positioned(made, node)

    def _AugAssign(self, node: ast.AugAssign) -> t.Node:
        made = t.AugAssign(self.expr(node.target), _OPERATORS[type(node.op)],
                           self.expr(node.value))
        return self.positioned(made, node)

    def _Return(self, node: ast.Return) -> t.Node:
        return self.positioned(t.Return(self.maybe(node.value)), node)

    def _Raise(self, node: ast.Raise) -> t.Node:
        return self.positioned(t.Raise(self.maybe(node.exc), self.maybe(node.cause)), node)

    def _Assert(self, node: ast.Assert) -> t.Node:
        return self.positioned(t.Assert(self.expr(node.test), self.maybe(node.msg)), node)

    def _Delete(self, node: ast.Delete) -> t.Node:
        targets = [self.expr(target) for target in node.targets]
        target = targets[0]
        if len(targets) > 1:
            elements: list[t.Element | t.StarredElement] = [
                t.Element(e, start=e.start, end=e.end) for e in targets]
            target = t.Tuple(elements, start=targets[0].start, end=targets[-1].end)
        return self.positioned(t.Del(target), node)

    def _Break(self, node: ast.Break) -> t.Node:
        return self.positioned(t.Break(), node)

    def name_items(self, names: list[str], node: ast.stmt) -> list[t.NameItem]:
        start, end = self.extent(node)
        items = []
        for name in names:
            made = self.name_at(name, self.base + start, self.base + end)
            items.append(t.NameItem(made, start=made.start, end=made.end))
        return items

    def _Global(self, node: ast.Global) -> t.Node:
        return self.positioned(t.Global(self.name_items(node.names, node)), node)

    def _Nonlocal(self, node: ast.Nonlocal) -> t.Node:
        return self.positioned(t.Nonlocal(self.name_items(node.names, node)), node)

    def dotted_name(self, dotted: str, start: int, end: int) -> t.Name | t.Attribute:
        """``a.b.c`` as names and attributes, all placed at ``[start, end)``."""
        head, *rest = dotted.split(".")
        made: t.Name | t.Attribute = self.name_at(head, start, end)
        for part in rest:
            made = t.Attribute(made, self.name_at(part, start, end), start=start, end=end)
        return made

    def aliases(self, names: list[ast.alias], node: ast.stmt) -> list[t.ImportAlias]:
        made: list[t.ImportAlias] = []
        default_start, default_end = self.extent(node)
        for alias in names:
            start, end = default_start, default_end
            if getattr(alias, "end_lineno", None) is not None:
                start, end = self.extent(alias)
            start, end = self.base + start, self.base + end
            asname = None
            if alias.asname is not None:
                local = self.name_at(alias.asname, end - len(alias.asname), end)
                asname = t.AsName(local, start=local.start, end=local.end)
            made.append(t.ImportAlias(self.dotted_name(alias.name, start, end), asname,
                                      start=start, end=end))
        return made

    def _Import(self, node: ast.Import) -> t.Node:
        return self.positioned(t.Import(self.aliases(node.names, node)), node)

    def _ImportFrom(self, node: ast.ImportFrom) -> t.Node:
        start, end = self.extent(node)
        module = (self.dotted_name(node.module, self.base + start, self.base + end)
                  if node.module is not None else None)
        names: list[t.ImportAlias] | t.ImportStar
        if len(node.names) == 1 and node.names[0].name == "*":
            names = t.ImportStar(start=self.base + start, end=self.base + end)
        else:
            names = self.aliases(node.names, node)
        return self.place(t.ImportFrom(module, names, node.level or 0), start, end)

    def decorators(self, decorators: list[ast.expr]) -> list[t.Decorator]:
        made = []
        for decorator in decorators:
            value = self.expr(decorator)
            made.append(t.Decorator(value, start=value.start - 1, end=value.end))
        return made

    def _FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> t.Node:
        start, end = self.extent(node)
        keyword = "async" if isinstance(node, ast.AsyncFunctionDef) else "def"
        name_start = self.text.find(node.name, start + len(keyword))
        name = self.name_at(node.name, self.base + name_start,
                            self.base + name_start + len(node.name))
        returns = None
        if node.returns is not None:
            value = self.expr(node.returns)
            returns = t.Annotation(value, start=value.start, end=value.end)
        made = t.FunctionDef(name, self.parameters(node.args), self.block(node.body),
                             self.decorators(node.decorator_list), returns)
        return self.place(made, start, end)

    _AsyncFunctionDef = _FunctionDef

    def _ClassDef(self, node: ast.ClassDef) -> t.Node:
        start, end = self.extent(node)
        name_start = self.text.find(node.name, start + len("class"))
        name = self.name_at(node.name, self.base + name_start,
                            self.base + name_start + len(node.name))
        bases: list[t.Arg] = []
        for base in node.bases:
            if isinstance(base, ast.Starred):
                value = self.expr(base.value)
                arg = t.Arg(value, None, "*")
                self.positioned(arg, base)
            else:
                value = self.expr(base)
                arg = t.Arg(value, start=value.start, end=value.end)
            bases.append(arg)
        keywords: list[t.Arg] = []
        for keyword in node.keywords:
            value = self.expr(keyword.value)
            k_start, k_end = self.extent(keyword)
            key = (self.name_at(keyword.arg, self.base + k_start,
                                self.base + k_start + len(keyword.arg))
                   if keyword.arg is not None else None)
            arg = t.Arg(value, key, "" if key is not None else "**")
            keywords.append(self.place(arg, k_start, k_end))  # type: ignore[arg-type]
        made = t.ClassDef(name, self.block(node.body), bases, keywords,
                          self.decorators(node.decorator_list))
        return self.place(made, start, end)

    def orelse(self, body: list[ast.stmt]) -> t.Else | None:
        if not body:
            return None
        block = self.block(body)
        return t.Else(block, start=block.start, end=block.end)

    def _If(self, node: ast.If) -> t.Node:
        orelse: t.If | t.Else | None = None
        if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
            first = node.orelse[0]
            if self.text.startswith("elif", self.offset(first.lineno, first.col_offset)):
                made = self.node(first)
                assert isinstance(made, t.If)
                orelse = made
        if orelse is None:
            orelse = self.orelse(node.orelse)
        made_if = t.If(self.expr(node.test), self.block(node.body), orelse)
        return self.positioned(made_if, node)

    def _While(self, node: ast.While) -> t.Node:
        made = t.While(self.expr(node.test), self.block(node.body), self.orelse(node.orelse))
        return self.positioned(made, node)

    def _For(self, node: ast.For | ast.AsyncFor) -> t.Node:
        made = t.For(self.expr(node.target), self.expr(node.iter), self.block(node.body),
                     self.orelse(node.orelse))
        return self.positioned(made, node)

    _AsyncFor = _For

    def _With(self, node: ast.With | ast.AsyncWith) -> t.Node:
        items = []
        for item in node.items:
            value = self.expr(item.context_expr)
            asname = None
            end = value.end
            if item.optional_vars is not None:
                target = self.expr(item.optional_vars)
                asname = t.AsName(target, start=target.start, end=target.end)
                end = target.end
            items.append(t.WithItem(value, asname, start=value.start, end=end))
        return self.positioned(t.With(items, self.block(node.body)), node)

    _AsyncWith = _With

    def _Try(self, node: ast.Try | ast.TryStar) -> t.Node:
        handlers = []
        for handler in node.handlers:
            name = None
            if handler.name is not None:
                h_start, h_end = self.extent(handler)
                local = self.name_at(handler.name, self.base + h_start, self.base + h_end)
                name = t.AsName(local, start=local.start, end=local.end)
            made = t.ExceptHandler(self.block(handler.body), self.maybe(handler.type), name)
            handlers.append(self.positioned(made, handler))
        finalbody = None
        if node.finalbody:
            block = self.block(node.finalbody)
            finalbody = t.Finally(block, start=block.start, end=block.end)
        made_try = t.Try(self.block(node.body), handlers,  # type: ignore[arg-type]
                         self.orelse(node.orelse), finalbody)
        return self.positioned(made_try, node)

    _TryStar = _Try


def build_module(text: str, tree: ast.Module, base: int = 0) -> t.Module:
    """The analysis tree of a module ``ast`` parsed from ``text`` (which starts at offset
    ``base`` of the file: 1 after a byte order mark)."""
    return StatementBuilder(text, base).module(tree)
