"""The edits of the SSWS rewrite: a :class:`RewritePlan` applied to the libcst tree.

:mod:`~oinlint.fixes.ssws_python` decides what changes (by node identity); this module makes
the new nodes and keeps the layout: commas and the whitespace after them, comments on kept
lines, the blank lines above a removed statement, one import group for the added import.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import libcst as cst
import libcst.matchers as m

__all__ = ["RewritePlan", "Rewriter", "with_imports"]


@dataclass(slots=True)
class RewritePlan:
    """What the rewrite changes, by the original nodes."""

    drop_elements: set[cst.CSTNode] = field(default_factory=set)
    auth_after_arg: dict[cst.CSTNode, str] = field(default_factory=dict)  # headers Arg → class
    statement_after: dict[cst.CSTNode, tuple[cst.BaseExpression, str]] = field(
        default_factory=dict)  # statement line → (receiver, class)
    drop_params: set[cst.CSTNode] = field(default_factory=set)
    drop_args: set[cst.CSTNode] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)


def _without_statements(body: Sequence[cst.BaseStatement],
                        doomed: Collection[int]) -> list[cst.BaseStatement]:
    """``body`` without the statements marked to go (by id); the blank lines and comments
    above one move to the statement after it."""
    out: list[cst.BaseStatement] = []
    carried: list[cst.EmptyLine] = []
    for statement in body:
        if id(statement) in doomed and isinstance(statement, cst.SimpleStatementLine):
            carried.extend(statement.leading_lines)
            continue
        if carried and isinstance(statement, (cst.SimpleStatementLine,
                                              cst.BaseCompoundStatement)):
            if statement.leading_lines:  # it has its own blank lines: keep only comments
                carried = [line for line in carried if line.comment is not None]
            statement = statement.with_changes(
                leading_lines=[*carried, *statement.leading_lines])
            carried = []
        out.append(statement)
    return out


def _no_comment(comma: cst.Comma) -> cst.Comma:
    space = comma.whitespace_after
    if isinstance(space, cst.ParenthesizedWhitespace):
        return comma.with_changes(whitespace_after=space.with_changes(
            first_line=cst.TrailingWhitespace()))
    return comma


def _auth_arg(auth: str, like: cst.Arg) -> cst.Arg:
    """``auth=Auth()`` in ``like``'s place: its comma and the whitespace after it."""
    return cst.Arg(value=cst.Call(func=cst.Name(auth)), keyword=cst.Name("auth"),
                   equal=like.equal, comma=like.comma,
                   whitespace_after_arg=like.whitespace_after_arg)


def _separator(previous: cst.Arg | None) -> cst.Comma:
    """The comma between two arguments, as the call writes it (one line or one per line)."""
    if previous is not None and isinstance(previous.comma, cst.Comma):
        return _no_comment(previous.comma)
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


class Rewriter(cst.CSTTransformer):
    """Applies a :class:`_Plan` by node identity (the plan's nodes are the original ones)."""

    def __init__(self, plan: RewritePlan, drop_statements: Collection[cst.CSTNode]) -> None:
        super().__init__()
        self.plan = plan
        self.drop_statements = drop_statements
        self.doomed: set[int] = set()

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        out: list[cst.BaseDictElement] = []
        for before, after in zip(original.elements, updated.elements, strict=True):
            if before in self.plan.drop_elements:
                continue
            out.append(after)
        rbrace = updated.rbrace
        if original.elements and original.elements[-1] in self.plan.drop_elements and out:
            mine, theirs = out[-1].comma, original.elements[-1].comma
            space = rbrace.whitespace_before
            if isinstance(mine, cst.Comma) and isinstance(mine.whitespace_after,
                                                          cst.ParenthesizedWhitespace) and \
                    isinstance(space, cst.ParenthesizedWhitespace):
                rbrace = rbrace.with_changes(whitespace_before=space.with_changes(
                    first_line=mine.whitespace_after.first_line))  # the kept line's comment
            out[-1] = out[-1].with_changes(comma=theirs if not isinstance(theirs, cst.Comma)
                                           or not isinstance(mine, cst.Comma) else
                                           mine.with_changes(whitespace_after=theirs
                                                             .whitespace_after))
        return updated.with_changes(elements=out, rbrace=rbrace)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        args: list[cst.Arg] = []
        for before, after in zip(original.args, updated.args, strict=True):
            if before in self.plan.drop_args:
                continue
            auth = self.plan.auth_after_arg.get(before)
            if auth is None:
                args.append(after)
            elif isinstance(after.value, cst.Dict) and not after.value.elements:
                args.append(_auth_arg(auth, after))  # the headers were only the token
            else:
                at_end = before is original.args[-1]
                args.append(after.with_changes(comma=_separator(args[-1] if args else None)
                                               if at_end else after.comma,
                                               whitespace_after_arg=cst.SimpleWhitespace("")))
                args.append(_auth_arg(auth, after))
        if original.args and original.args[-1] in self.plan.drop_args and args:
            last = original.args[-1]
            args[-1] = args[-1].with_changes(comma=last.comma,
                                             whitespace_after_arg=last.whitespace_after_arg)
        return updated.with_changes(args=args)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        return updated.with_changes(body=_without_statements(updated.body, self.doomed))

    def leave_IndentedBlock(self, original: cst.IndentedBlock,
                            updated: cst.IndentedBlock) -> cst.IndentedBlock:
        return updated.with_changes(body=_without_statements(updated.body, self.doomed))

    def leave_Parameters(self, original: cst.Parameters,
                         updated: cst.Parameters) -> cst.Parameters:
        pairs = list(zip(original.params, updated.params, strict=True))
        kept = [a for b, a in pairs if b not in self.plan.drop_params]
        if pairs and pairs[-1][0] in self.plan.drop_params and kept:
            last = pairs[-1][0]
            kept[-1] = kept[-1].with_changes(comma=last.comma,
                                             whitespace_after_param=last.whitespace_after_param)
        return updated.with_changes(params=kept)

    def leave_SimpleStatementLine(
            self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine,
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.BaseStatement] | \
            cst.RemovalSentinel:
        if original in self.drop_statements:
            self.doomed.add(id(updated))  # its block drops it, keeping the lines above it
            return updated
        after = self.plan.statement_after.get(original)
        if after is None:
            return updated
        receiver, auth = after
        assign = cst.SimpleStatementLine(body=[cst.Assign(
            targets=[cst.AssignTarget(cst.Attribute(value=receiver, attr=cst.Name("auth")))],
            value=cst.Call(func=cst.Name(auth)))])
        call = updated.body[0] if len(updated.body) == 1 else None
        if isinstance(call, cst.Expr) and m.matches(call.value, m.Call(args=[m.Arg(
                value=m.Dict(elements=[]))])):
            return assign.with_changes(leading_lines=updated.leading_lines)
        return cst.FlattenSentinel([updated, assign])


def with_imports(module: cst.Module, text: str, module_name: str,
                 classes: Collection[str]) -> cst.Module:
    """``from okta_oauth import OktaAuth`` after the last top-level import, unless the file
    (``text``, as read) has it already."""
    code = text
    lines: list[str] = []
    wanted = sorted(c for c in classes if f"import {c}" not in code and f", {c}" not in code)
    if wanted:
        lines.append(f"from {module_name} import {', '.join(wanted)}")
    if not lines:
        return module
    body = list(module.body)
    last = max((i for i, s in enumerate(body) if m.matches(s, m.SimpleStatementLine(
        body=[m.Import() | m.ImportFrom()]))), default=-1)
    new = [cst.parse_statement(line + "\n") for line in lines]
    if last >= 0 and wanted and isinstance(new[-1], cst.SimpleStatementLine):  # own group
        new[-1] = new[-1].with_changes(leading_lines=[cst.EmptyLine()])
    if last < 0:
        first = 1 if body and m.matches(body[0], m.SimpleStatementLine(
            body=[m.Expr(m.SimpleString())])) else 0
        return module.with_changes(body=[*body[:first], *new, *body[first:]])
    return module.with_changes(body=[*body[:last + 1], *new, *body[last + 1:]])
