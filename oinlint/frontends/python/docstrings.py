"""Python source with its docstrings blanked out: what the prefilter's second look reads.

A keyword that only appears in a docstring (``use verify=False at your own risk``, "see the
OAuth2 spec") produces no fact, yet sends a module through the front end's whole analysis.
CPython's parser alone finds every bare string statement; blanking them (keeping
newlines, so nothing else moves) and asking the prefilter again skips such files. Comments
stay: suppression comments (``# oinlint: ignore``) must still reach the rules.
"""

from __future__ import annotations

import ast

__all__ = ["without_docstrings"]

_QUOTES = frozenset(b"'\"")


def _bare_strings(tree: ast.Module) -> list[ast.expr]:
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for statement in body:
            if (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)):
                found.append(statement.value)
    return found


def without_docstrings(source: str) -> bytes | None:
    """UTF-8 ``source`` with every bare string statement blanked; None if it does not parse
    (the front end then reports the syntax error) or a position does not check out."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    data = bytearray(source.encode("utf-8", "surrogatepass"))
    starts = [0]
    for line in bytes(data).splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    for node in _bare_strings(tree):
        if node.end_lineno is None or node.end_col_offset is None:
            return None
        try:
            start = starts[node.lineno - 1] + node.col_offset
            end = starts[node.end_lineno - 1] + node.end_col_offset
        except IndexError:
            return None
        if not (0 <= start < end <= len(data)) or data[end - 1] not in _QUOTES:
            return None  # the positions do not land on a string: keep the file
        for index in range(start, end):
            if data[index] not in b"\r\n":
                data[index] = 0x20
    return bytes(data)
