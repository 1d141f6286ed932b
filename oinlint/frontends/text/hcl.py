"""HCL / Terraform: the ``provider "okta"`` block, credential variables and attributes.

Blocks and object attributes are tracked with a brace stack over the string-blanked text, so
each attribute knows the block it sits in (``provider.okta``), which is also its stable
context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oinlint.frontends.text.common import Collector, classify_path, scan_header_args
from oinlint.frontends.text.tree import camel_case

__all__ = ["parse_hcl"]

_ATTR = re.compile(
    r"(?:(?<=[{,(\s])|^)(?P<key>[A-Za-z_][\w-]*|\"[^\"\r\n]*\")"
    r"[ \t]*(?P<op>=(?![=>])|:(?!:))[ \t]*",
    re.MULTILINE,
)
_BRACE = re.compile(r"[{}]")
_BLOCK_HEAD = re.compile(
    r"(?:^|[\s;])(?P<type>[A-Za-z_][\w-]*)(?P<labels>(?:[ \t]+(?:\"[^\"\r\n]*\"|[A-Za-z_][\w-]*))*)"
    r"[ \t]*$"
)
_LABEL = re.compile(r"\"([^\"\r\n]*)\"|([A-Za-z_][\w-]*)")
_OBJECT_HEAD = re.compile(r"(?P<key>[A-Za-z_][\w-]*|\"[^\"\r\n]*\")[ \t]*[=:][ \t]*$")
_CLOSERS = {"(": ")", "[": "]", "{": "}"}


@dataclass(slots=True)
class _Frame:
    names: tuple[str, ...]
    kind: str  # block | object
    head: tuple[int, int] = (0, 0)
    okta_provider: bool = False
    options: list[str] = field(default_factory=list)
    token: tuple[int, int] | None = None
    pending_secret: str | None = None


def _expression_end(blank: str, start: int, limit: int) -> int:
    """End of an attribute's expression: end of line or a closer at depth 0."""
    depth: list[str] = []
    index = start
    while index < limit:
        char = blank[index]
        if char in _CLOSERS:
            depth.append(_CLOSERS[char])
        elif char in ")]}":
            if not depth:
                break
            depth.pop()
        elif char == "," and not depth:
            break
        index += 1
    while index > start and blank[index - 1] in " \t":
        index -= 1
    return index


def parse_hcl(collector: Collector) -> None:
    lexed = collector.lexed
    text = lexed.text
    blank = lexed.blank
    lines = lexed.lines
    events: list[tuple[int, int, re.Match[str]]] = [
        (m.start(), 0, m) for m in _BRACE.finditer(blank)
    ]
    events.extend((m.start("key"), 1, m) for m in _ATTR.finditer(blank))
    events.sort(key=lambda e: (e[0], e[1]))
    stack: list[_Frame] = []
    for _, order, match in events:
        if order == 0:
            if match.group() == "{":
                stack.append(_open(collector, match.start(), stack))
            elif stack:
                frame = stack.pop()
                if frame.okta_provider:
                    collector.sdk(frame.head[0], frame.head[1], "terraform", None,
                                  tuple(frame.options), frame.token, ".".join(frame.names))
            continue
        frame_or_none = stack[-1] if stack else None
        key_start, key_end = match.start("key"), match.end("key")
        if text[key_start] == '"':
            key_start, key_end = key_start + 1, key_end - 1
        key = text[key_start:key_end]
        value_at = match.end()
        token = lexed.string_at(value_at)
        if token is None and text.startswith("<<", value_at):
            body = lines.next_line_start(value_at)
            token = lexed.string_at(body) if body is not None else None
        if token is not None:
            value_start, value_end = token.body_start, token.body_end
        else:
            value_start = value_at
            value_end = _expression_end(blank, value_at,
                                        min(lines.line_end(value_at), value_at + 500))
        has_value = value_end > value_start and text[value_start:value_end] not in ('""', "null")
        context = ".".join(frame_or_none.names) if frame_or_none else ""
        if frame_or_none is not None and frame_or_none.okta_provider and has_value:
            option = camel_case(key)
            frame_or_none.options.append(option)
            if option == "apiToken":
                frame_or_none.token = (value_start, value_end)
        kind, reported = classify_path((), key)
        if kind == "api-token":
            collector.setting(key_start, key_end, reported, "hcl", has_value, context, kind)
        elif kind is not None and token is not None:
            collector.secret(key, value_start, value_end, context)
        if token is None:
            continue
        lowered = key.lower()
        if lowered == "name" and frame_or_none is not None:
            variable = text[value_start:value_end]
            vkind, _ = classify_path((), variable)
            if vkind == "api-token":
                collector.setting(value_start, value_end, variable, "hcl", True, context, vkind)
            frame_or_none.pending_secret = variable if vkind is not None else None
        elif lowered == "value" and frame_or_none is not None and frame_or_none.pending_secret:
            collector.secret(frame_or_none.pending_secret, value_start, value_end, context)
        elif lowered == "authorization":
            collector.header_value(value_start, value_end, "literal", context)
    scan_header_args(collector)


def _open(collector: Collector, at: int, stack: list[_Frame]) -> _Frame:
    """A frame for the ``{`` at ``at``: a block (``provider "okta" {``) or an object value."""
    lexed = collector.lexed
    text = lexed.text
    line_start = max(lexed.lines.line_start(at), at - 300)
    parent = stack[-1].names if stack else ()
    head_text = lexed.blank[line_start:at]
    obj = _OBJECT_HEAD.search(head_text)
    if obj is not None:
        raw = text[line_start + obj.start("key") : line_start + obj.end("key")]
        return _Frame((*parent, raw.strip('"')), "object")
    block = _BLOCK_HEAD.search(text[line_start:at])
    if block is None:
        return _Frame(parent, "object")
    labels = [(m.group(1) if m.group(1) is not None else m.group(2), m)
              for m in _LABEL.finditer(block.group("labels"))]
    block_type = block.group("type")
    names = (*parent, block_type, *(label for label, _ in labels))
    head_start = line_start + block.start("type")
    head_end = line_start + block.end("labels")
    frame = _Frame(names, "block", (head_start, head_end))
    if block_type == "provider" and labels and labels[0][0] == "okta":
        frame.okta_provider = True
    if block_type == "variable" and labels:
        label, label_match = labels[0]
        start = line_start + block.start("labels") + label_match.start()
        if label_match.group(1) is not None:
            start += 1
        kind, _ = classify_path((), label)
        if kind == "api-token":
            collector.setting(start, start + len(label), label, "hcl", False, "variable", kind)
    return frame
