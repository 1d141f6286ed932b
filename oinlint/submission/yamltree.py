"""YAML with positions: every key and value of ``oin-submission.yaml`` keeps its line and column.

The text is composed (``yaml.compose``), not just loaded; :class:`Tree` builds the data from
the nodes and keeps a path → node index (``("scopes", 0, "reason")``), so a problem can point
at the node that is wrong. :class:`Lines` turns a node into a :class:`~oinlint.facts.Span`;
:func:`yaml_comments` finds the comments (suppressions live there). Problems YAML itself
causes (aliases that contain themselves, merge keys that cannot merge, duplicate keys) are
OIN601 here; :exc:`TooLarge` stops alias bombs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from oinlint.facts import Comment, Span
from oinlint.submission.model import ProblemCode, SubmissionProblem

__all__ = [
    "MAX_NODES",
    "Key",
    "Lines",
    "NodePath",
    "TooLarge",
    "Tree",
    "dotted",
    "generic_path",
    "yaml_comments",
]

MAX_NODES = 50_000  # a submission has a few dozen nodes; more means alias bombs or a wrong file


Key = str | int
NodePath = tuple[Key, ...]


def dotted(path: Sequence[Key]) -> str:
    """``("scopes", 0, "reason")`` → ``scopes[0].reason``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def generic_path(path: Sequence[Key]) -> str:
    """``("scopes", 0, "name")`` → ``scopes[].name`` (for per-field hints)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += "[]"
        else:
            out += f".{part}" if out else part
    return out


class Lines:
    def __init__(self, text: str, display: str) -> None:
        self.display = display
        self.lines = text.splitlines()

    def text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def span(self, node: Node) -> Span:
        start, end = node.start_mark, node.end_mark
        line, column = start.line + 1, start.column + 1
        end_line, end_column = end.line + 1, end.column + 1
        # A block value ends at the start of the next line: pull the end back to real text.
        while end_line > line and end_column == 1:
            end_line -= 1
            end_column = len(self.text(end_line).rstrip()) + 1
        while end_line > line and not self.text(end_line).strip():
            end_line -= 1
            end_column = len(self.text(end_line).rstrip()) + 1
        return Span(self.display, line, column, end_line, max(end_column, column))

    def first_line(self, node: Node) -> Span:
        """The part of a (block) node on its first line, without a trailing comment."""
        full = self.span(node)
        if full.end_line == full.line:
            return full
        rest = self.text(full.line)[full.column - 1 :]
        rest = re.split(r"\s+#", rest, maxsplit=1)[0].rstrip()
        return Span(self.display, full.line, full.column, full.line,
                    full.column + max(1, len(rest)))

    def point(self, line: int, column: int) -> Span:
        text = self.text(line)
        end = column + 1 if column <= len(text) else column
        return Span(self.display, line, column, line, end)


def yaml_comments(text: str, display: str) -> tuple[Comment, ...]:
    """YAML comments: a ``#`` at a line start or after white space, outside every scalar."""
    ranges: list[tuple[int, int]] = []
    limit = len(text)
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                ranges.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        limit = mark.index if mark is not None else 0
    starts = [r[0] for r in ranges]
    found: list[Comment] = []
    for match in re.finditer(r"#", text):
        at = match.start()
        if at >= limit or (at > 0 and text[at - 1] not in " \t\r\n"):
            continue
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and ranges[i][0] <= at < ranges[i][1]:
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        body = text[at + 1 : line_end if line_end != -1 else len(text)].rstrip("\r")
        found.append(Comment(
            line=text.count("\n", 0, at) + 1,
            column=at - line_start + 1,
            text=body,
            standalone=not text[line_start:at].strip(),
        ))
    return tuple(found)


def _unreadable(node: Node, exc: Exception) -> str:
    """Why YAML could not turn a plain scalar into a value, in one line the user can act on."""
    if node.tag.endswith(":timestamp"):
        return (f"cannot read this value: it looks like a date but is not one ({exc}); "
                f"quote it to make it text")
    if node.tag.endswith((":int", ":float")):
        return (f"cannot read this value: a number of {len(str(node.value))} characters is too "
                f"long to read; quote it to make it text")
    return f"cannot read this value: {str(exc)[:80]}"


class TooLarge(Exception):
    pass


@dataclass
class Tree:
    lines: Lines
    values: dict[NodePath, Node] = field(default_factory=dict)
    keys: dict[NodePath, Node] = field(default_factory=dict)
    problems: list[SubmissionProblem] = field(default_factory=list)
    count: int = 0
    constructor: SafeConstructor = field(default_factory=SafeConstructor)

    def problem(self, code: ProblemCode, span: Span, message: str, path: NodePath,
                fix: str | None = None) -> None:
        self.problems.append(SubmissionProblem(code, span, message, dotted(path), fix))

    def build(self, node: Node, path: NodePath, active: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise TooLarge
        self.values[path] = node
        if id(node) in active:
            self.problem("OIN601", self.lines.first_line(node),
                         "an alias refers to a node that contains it", path)
            return None
        active = active | {id(node)}
        if isinstance(node, MappingNode):
            return self._mapping(node, path, active)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), active) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: Node, path: NodePath) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem("OIN601", self.lines.span(node),
                         f"cannot read this value: {getattr(exc, 'problem', None) or exc}", path)
            return None
        except (ValueError, OverflowError) as exc:  # 2026-13-45, a 10,000-digit number
            self.problem("OIN601", self.lines.first_line(node), _unreadable(node, exc), path)
            return str(node.value)  # its text: the schema then reports no second problem

    def _mapping(self, node: MappingNode, path: NodePath, active: frozenset[int]) -> Any:
        try:
            self.constructor.flatten_mapping(node)  # `<<: *anchor` merge keys
        except yaml.YAMLError as exc:
            self.problem("OIN601", self.lines.first_line(node),
                         f"cannot merge this mapping: {getattr(exc, 'problem', None) or exc}",
                         path)
        out: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem("OIN601", self.lines.first_line(key_node),
                             "a key must be a plain name, not a list or mapping", path)
                continue
            raw_key = self._scalar(key_node, path)
            key = raw_key if isinstance(raw_key, str) else str(key_node.value)
            if key in first_seen:
                where = first_seen[key].start_mark.line + 1
                self.problem("OIN601", self.lines.span(key_node),
                             f"duplicate key '{key}': YAML keeps only this one and drops the "
                             f"one at line {where}", (*path, key))
            first_seen[key] = key_node
            self.keys[(*path, key)] = key_node
            out[key] = self.build(value_node, (*path, key), active)
        return out
