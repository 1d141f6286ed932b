"""Static string values shared by the tree-sitter front ends.

A value is known in part: text and *holes* (a parameter, an environment lookup, a call result),
so `` `https://${org}/api/v1/users/${id}` `` is ``https://{}/api/v1/users/{}`` whatever the
language wrote it with. Names resolve through the :class:`LexicalScope` s recorded during the
walk; a name bound more than once resolves to nothing (being wrong about a constant is worse
than not knowing it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

import tree_sitter as ts

from oinlint.frontends.shared.strvalue import HOLE, Hole, Part, StrValue

__all__ = ["HOLE", "Hole", "LexicalScope", "Part", "StrValue", "format_holes", "joined_url",
           "split_url", "unescape"]

# Backslash escapes of C-family string literals: JavaScript's, which Java, C#, Ruby's and PHP's
# double-quoted strings share (``\n``, ``\x41``, ``\u00e9``, ``\u{1F600}``).
_ESCAPE: Final = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
_SIMPLE_ESCAPES: Final = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v",
                          "0": "\0"}


def unescape(text: str) -> str:
    """A string literal's body with its backslash escapes resolved."""
    def repl(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.startswith("u{"):
            return chr(int(code[2:-1], 16)) if int(code[2:-1], 16) < 0x110000 else ""
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        if code in "\r\n":
            return ""
        return _SIMPLE_ESCAPES.get(code, code)

    return _ESCAPE.sub(repl, text) if "\\" in text else text


_PRINTF: Final = re.compile(r"%(?:\[\d+\])?[-+# 0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[a-zA-Z%]")
_BRACE_INDEX: Final = re.compile(r"\{\{|\}\}|\{(\d*)(?:[,:][^{}]*)?\}")


def format_holes(template: StrValue, args: Sequence[StrValue | None], style: str) -> StrValue:
    """``sprintf``-style (``printf``) or ``string.Format``-style (``brace``) formatting."""
    out: list[Part] = []
    index = 0
    for part in template.parts:
        if not isinstance(part, str):
            out.append(HOLE)
            continue
        pattern = _PRINTF if style == "printf" else _BRACE_INDEX
        position = 0
        for match in pattern.finditer(part):
            out.append(part[position : match.start()])
            position = match.end()
            token = match.group(0)
            if token in ("%%", "{{", "}}"):
                out.append(token[0])
                continue
            if style == "brace" and match.group(1):
                chosen = int(match.group(1))
            else:
                chosen = index
                index += 1
            value = args[chosen] if chosen < len(args) else None
            out.extend(value.parts if value is not None else (HOLE,))
        out.append(part[position:])
    return StrValue.of(out, "format")


_SCHEME_HOST: Final = re.compile(r"^(?P<base>(?:[A-Za-z][\w+.-]*:)?//[^/?#]*|\{\})(?=/|$)")


def joined_url(base: StrValue, path: StrValue, origin_only: bool = False) -> StrValue:
    """``path`` resolved against ``base`` as the HTTP libraries do: an absolute URL stays, else
    one slash between. ``origin_only`` (``new URL``): a path starting with ``/`` keeps only the
    base's origin, which is unknown here (a hole)."""
    first = path.parts[0] if path.parts else None
    if isinstance(first, str) and first.lower().startswith(("http://", "https://")):
        return path
    if origin_only and isinstance(first, str) and first.startswith("/"):
        return StrValue.of((HOLE, *path.parts), path.via)
    head: list[Part] = list(base.parts)
    tail: list[Part] = list(path.parts)
    if head and isinstance(head[-1], str):
        head[-1] = head[-1].rstrip("/")
    if tail and isinstance(tail[0], str):
        tail[0] = tail[0].lstrip("/")
    return StrValue.of((*head, "/", *tail), path.via)


def split_url(template: str) -> tuple[str | None, str | None]:
    """(base URL, path template without query) of a URL template; ``{}`` for unknown parts."""
    url = template.strip()
    base: str | None = None
    match = _SCHEME_HOST.match(url)
    if match is not None:
        base = match.group("base")
        url = url[match.end() :]
    elif not url.startswith("/"):
        api = url.find("/api/")
        oauth = url.find("/oauth2/")
        cut = min(i for i in (api, oauth, len(url)) if i >= 0)
        if cut == len(url):
            return None, None
        base, url = url[:cut] or None, url[cut:]
    path = re.split(r"[?#]", url, maxsplit=1)[0]
    return base, path or None


@dataclass(eq=False, slots=True)
class LexicalScope:
    """Names bound in one file, class or function body, as far as one walk can tell (the
    lexical scope of a name, not an OAuth scope)."""

    kind: str
    name: str
    parent: LexicalScope | None = None
    names: dict[str, list[tuple[ts.Node | None, LexicalScope]]] = field(default_factory=dict)

    def bind(self, name: str, value: ts.Node | None, where: LexicalScope | None = None) -> None:
        self.names.setdefault(name, []).append((value, where or self))

    def chain(self) -> Iterator[LexicalScope]:
        scope: LexicalScope | None = self
        while scope is not None:
            yield scope
            scope = scope.parent

    def lookup(self, name: str) -> tuple[ts.Node, LexicalScope] | None:
        """The single expression bound to ``name`` where it is visible; None when unknowable."""
        for scope in self.chain():
            bindings = scope.names.get(name)
            if bindings is None:
                continue
            if len(bindings) != 1:
                return None
            value, where = bindings[0]
            return (value, where) if value is not None else None
        return None

    def alternatives(self, name: str) -> list[tuple[ts.Node, LexicalScope]]:
        """Every expression bound to ``name`` where it is visible (``let c; if (…) c = {…}
        else c = {…}``): each branch's value, for facts that hold whichever branch runs."""
        for scope in self.chain():
            bindings = scope.names.get(name)
            if bindings is not None:
                return [(value, where) for value, where in bindings if value is not None]
        return []
