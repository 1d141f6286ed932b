"""JSON (and JSON with comments: appsettings.json, tsconfig, VS Code settings).

A lenient tokenizer builds the same tree as YAML, with offsets; it accepts comments and
trailing commas and reports the first structural error (one ParseProblem) while keeping
everything it could read.
"""

from __future__ import annotations

import re

from oinlint.frontends.text.common import Collector, scan_header_args
from oinlint.frontends.text.tree import Mapping, Scalar, Sequence, TreeNode, walk_documents

__all__ = ["parse_json"]

_TOKEN = re.compile(
    r'"(?P<s>(?:[^"\\\r\n]|\\.)*)"|(?P<p>[{}\[\]:,])|(?P<w>[^\s{}\[\]:,"/]+)'
    r"|(?P<c>//[^\r\n]*|/\*[\s\S]*?(?:\*/|\Z))|(?P<ws>\s+)|(?P<bad>.)"
)
_ESCAPES = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "/": "/", "\\": "\\", '"': '"'}
_TEMPLATE = re.compile(r"(?<!\$)\{\{|\{%")


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.startswith("u") and len(code) == 5:
            return chr(int(code[1:], 16))
        return _SIMPLE.get(code, code)

    return _ESCAPES.sub(one, body)


def _build(collector: Collector) -> list[TreeNode]:
    text = collector.text
    roots: list[TreeNode] = []
    stack: list[Mapping | Sequence] = []
    keys: list[Scalar | None] = []
    expecting_value = False
    error: tuple[int, str] | None = None

    def attach(node: TreeNode, at: int) -> None:
        nonlocal error, expecting_value
        if not stack:
            roots.append(node)
            return
        top = stack[-1]
        if isinstance(top, Sequence):
            top.items.append(node)
            return
        key = keys[-1]
        if key is None:
            if isinstance(node, Scalar):
                keys[-1] = node
            elif error is None:
                error = (at, "expected a string key")
            return
        if not expecting_value and error is None:
            error = (at, "expected ':' after key")
        top.items.append((key, node))
        keys[-1] = None
        expecting_value = False

    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        at = match.start()
        if kind in ("ws", "c"):
            continue
        if kind == "s":
            body = match.group("s")
            attach(Scalar(_unescape(body), at + 1, match.end() - 1, True), at)
        elif kind == "w":
            word = match.group("w")
            attach(Scalar(None if word == "null" else word, at, match.end()), at)
        elif kind == "p":
            char = match.group("p")
            if char in "{[":
                node: Mapping | Sequence = Mapping(at) if char == "{" else Sequence(at)
                attach(node, at)
                stack.append(node)
                keys.append(None)
            elif char in "}]":
                want = Mapping if char == "}" else Sequence
                if stack and isinstance(stack[-1], want):
                    if keys[-1] is not None and error is None:
                        error = (at, "expected a value after the key")
                    stack.pop()
                    keys.pop()
                elif error is None:
                    error = (at, f"unexpected '{char}'")
            elif char == ":":
                if stack and isinstance(stack[-1], Mapping) and keys[-1] is not None:
                    expecting_value = True
                elif error is None:
                    error = (at, "unexpected ':'")
        elif error is None:
            error = (at, "unterminated string" if match.group() == '"' else
                     f"unexpected character {match.group()!r}")
    if stack and error is None:
        opener = "{" if isinstance(stack[-1], Mapping) else "["
        error = (stack[-1].start, f"'{opener}' is never closed")
    if error is not None and not _TEMPLATE.search(text):
        line = collector.lexed.lines.position(min(error[0], len(text)))[0]
        collector.problem(error[0], f"invalid JSON at line {line}: {error[1]}")
    return roots


def parse_json(collector: Collector) -> None:
    documents = _build(collector)
    # JSON settings (appsettings.json Okta:Client:Token) provision a variable: OIN104 only.
    walk_documents(collector, documents, "json", None)
    scan_header_args(collector)
