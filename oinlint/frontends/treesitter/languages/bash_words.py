"""What the shell sees: the value of a word, a command's name, a command line's options.

:class:`ShellWords` is the base of the Bash analyzer. Words: bare words, ``'…'``, ``"…"`` with
``$NAME`` / ``${NAME}`` expansions (a variable assigned once in the file resolves to its value;
anything else, ``$(…)`` included, is a hole), ``$'…'``, concatenations and heredoc bodies.
A command line splits into options (with their values, for the option letters and names a
command says take one) and operands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import tree_sitter as ts

from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.values import HOLE, LexicalScope, Part, StrValue

__all__ = ["ShellWords", "drop_prefix", "unescape_word"]


def unescape_word(text: str) -> str:
    """A bare word as the shell reads it: line continuations gone, backslash escapes resolved."""
    text = text.replace("\\\r\n", "").replace("\\\n", "")
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def _unescape_double(text: str) -> str:
    text = text.replace("\\\r\n", "").replace("\\\n", "")
    return re.sub(r"\\([$`\"\\])", r"\1", text)


_ANSI_C: Final = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "e": "\x1b",
                  "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unescape_ansi_c(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ANSI_C.get(m.group(1), m.group(0)), text)


def drop_prefix(value: StrValue, count: int) -> StrValue:
    """``value`` without its first ``count`` characters (which must be known text)."""
    parts: list[Part] = []
    for part in value.parts:
        if count > 0 and isinstance(part, str):
            if len(part) <= count:
                count -= len(part)
                continue
            part = part[count:]
            count = 0
        parts.append(part)
    return StrValue.of(parts, value.via)


class ShellWords(Analyzer):
    """The Bash analyzer's reading of words, command names and command lines."""

    def __init__(self, path: str, text: str, language: str, data: bytes) -> None:
        super().__init__(path, text, language, data)
        # Data arguments ``name=value`` of an HTTP request: node -> length of ``name=``.
        self.form_parts: dict[tuple[int, int], int] = {}

    def sub_bytes(self, node: ts.Node, start: int, end: int | None) -> tuple[int, int]:
        """Byte offsets of characters ``start:end`` of a node's text."""
        raw = self.text_of(node)
        end = len(raw) if end is None else end
        begin = node.start_byte + len(raw[:start].encode("utf-8"))
        return begin, begin + len(raw[start:end].encode("utf-8"))

    def command_name(self, node: ts.Node | None) -> str:
        if node is None:
            return ""
        value = self.literal(node)
        if value is None:
            return ""
        return value.rsplit("/", 1)[-1]

    def arg_text(self, node: ts.Node) -> str:
        """An argument's text as the command sees it, holes as ``\\x00``."""
        value = self.value(node, None)
        return value.marked() if value is not None else "\x00"

    def options(self, args: list[ts.Node], short_arg: frozenset[str],
                long_arg: frozenset[str]) -> tuple[list[tuple[str, ts.Node | None, int]],
                                                   list[ts.Node]]:
        """(option, value node, characters of the node before the value) and operands."""
        found: list[tuple[str, ts.Node | None, int]] = []
        operands: list[ts.Node] = []
        index = 0
        while index < len(args):
            arg = args[index]
            text = self.arg_text(arg)
            index += 1
            if text.startswith("--"):
                flag, equals, _ = text.partition("=")
                if equals:
                    found.append((flag, arg, len(flag) + 1))
                elif flag in long_arg and index < len(args):
                    found.append((flag, args[index], 0))
                    index += 1
                else:
                    found.append((flag, None, 0))
            elif text.startswith("-") and len(text) > 1 and text[1] != "\x00":
                for position, letter in enumerate(text[1:], start=1):
                    if letter in short_arg:
                        if position + 1 < len(text):
                            found.append(("-" + letter, arg, position + 1))
                        elif index < len(args):
                            found.append(("-" + letter, args[index], 0))
                            index += 1
                        else:
                            found.append(("-" + letter, None, 0))
                        break
                    found.append(("-" + letter, None, 0))
            else:
                operands.append(arg)
        return found, operands

    def evaluate(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        value = self.plain(node, scope, depth)
        drop = self.form_parts.get(self.key(node))
        if drop is not None and value is not None:
            return drop_prefix(value, drop)
        return value

    def plain(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue | None:
        kind = node.type
        if kind in ("word", "number", "command_name"):
            if kind == "command_name" and node.named_child_count == 1:
                return self.value(node.named_children[0], scope, depth)
            return StrValue.of((unescape_word(self.text_of(node)),), "literal")
        if kind == "raw_string":
            return StrValue.of((self.text_of(node)[1:-1],), "literal")
        if kind == "ansi_c_string":
            return StrValue.of((_unescape_ansi_c(self.text_of(node)[2:-1]),), "literal")
        if kind in ("string", "translated_string"):
            inner = node
            if kind == "translated_string":
                strings = [c for c in node.named_children if c.type == "string"]
                if not strings:
                    return None
                inner = strings[0]
            return self.interpolated(inner, inner.start_byte + 1, inner.end_byte - 1, scope,
                                     depth, _unescape_double)
        if kind == "heredoc_body":
            return self.interpolated(node, node.start_byte, node.end_byte, scope, depth,
                                     lambda text: text)
        if kind == "concatenation":
            parts: list[Part] = []
            for child in node.named_children:
                value = self.value(child, scope, depth)
                parts.extend(value.parts if value is not None else (HOLE,))
            return StrValue.of(parts, "concat")
        if kind in ("simple_expansion", "expansion"):
            value = self.expansion(node, scope, depth)
            raw = self.text_of(node)
            lead = raw[: len(raw) - len(raw.lstrip())]  # the grammar puts " $x"'s space in it
            return StrValue.of((lead, *value.parts), value.via) if lead else value
        if kind in ("command_substitution", "arithmetic_expansion", "process_substitution"):
            return StrValue.hole()
        return None

    def interpolated(self, node: ts.Node, start: int, end: int, scope: LexicalScope | None,
                     depth: int, unescape: Callable[[str], str]) -> StrValue:
        parts: list[Part] = []
        position = start
        via = "literal"
        for child in node.named_children:
            if child.start_byte > position:
                parts.append(unescape(self.data[position : child.start_byte].decode(
                    "utf-8", "replace")))
            if child.type in ("string_content", "heredoc_content"):
                parts.append(unescape(self.text_of(child)))
            elif child.type in ("heredoc_end", "heredoc_start"):
                pass
            else:
                via = "template"
                value = self.value(child, scope, depth)
                parts.extend(value.parts if value is not None else (HOLE,))
            position = max(position, child.end_byte)
        if end > position:
            parts.append(unescape(self.data[position:end].decode("utf-8", "replace")))
        return StrValue.of(parts, via)

    def expansion(self, node: ts.Node, scope: LexicalScope | None, depth: int) -> StrValue:
        children = node.named_children
        names = [c for c in children if c.type == "variable_name"]
        if len(names) != 1 or scope is None:
            return StrValue.hole()
        plain = len(children) == 1 and (node.type == "simple_expansion" or (
            node.child_count == 3 and self.text_of(node).startswith("${")))
        operator = node.child_by_field_name("operator")
        if not plain and (operator is None or self.text_of(operator) not in (":-", "-")):
            return StrValue.hole()
        value = self.name_value(self.text_of(names[0]), self.module_scope, depth)
        return value if value is not None else StrValue.hole()
