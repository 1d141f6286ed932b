"""Parsing a Python file with CPython's own parser, its syntax errors, and what can be read of
a file that does not parse.

:func:`parse_module` parses once (``ast``, C, positions built in): the tree, or the syntax error
and whether the input is nested beyond CPython's limits. A file that does not parse still has
its comments read, as far as the tokenizer gets, so suppression comments keep working.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

from oinlint.facts import Comment, ParseProblem, Span
from oinlint.frontends.python.lines import Lines

__all__ = ["BOM", "NESTED_TOO_DEEPLY", "parse_module", "syntax_error_of", "syntax_problem",
           "tokenize_comments"]


def tokenize_comments(source: str, lines: Lines) -> list[Comment]:
    """Comments of a file that does not parse, as far as the tokenizer gets."""
    comments: list[Comment] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                line, column = lines.from_python(*token.start)
                standalone = not lines.before(line, column).strip()
                comments.append(Comment(line, column, token.string[1:], standalone))
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return comments


# CPython's own limits on nesting: input beyond them is not Python (and no parser of ours
# should take it on).
_TOO_DEEP = re.compile(
    r"too many nested parentheses|too many levels of indentation|too complex"
    r"|too many statically nested blocks|recursion",
    re.IGNORECASE,
)
NESTED_TOO_DEEPLY = "file is nested too deeply to analyse"
BOM = "\ufeff"


def parse_module(path: str, source: str) -> tuple[ast.Module | None, SyntaxError | None, bool]:
    """CPython's parser: (the tree, or its syntax error, and whether the input is too deep).
    A byte order mark is not Python's to read (the tree's offsets then start at 1)."""
    try:
        tree = compile(source.removeprefix(BOM), path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        return None, exc, _TOO_DEEP.search(exc.msg or "") is not None
    except (RecursionError, MemoryError):
        return None, None, True
    except ValueError as exc:  # null bytes (Python 3.11)
        return None, SyntaxError(str(exc)), False
    assert isinstance(tree, ast.Module)
    return tree, None, False


def syntax_error_of(path: str, source: str) -> SyntaxError | None:
    """The error CPython's parser stops at (None when the source parses)."""
    try:
        compile(source.removeprefix(BOM), path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        return exc
    except (RecursionError, MemoryError, ValueError):
        return SyntaxError("not parsed")
    return None


def syntax_problem(path: str, lines: Lines, error: SyntaxError | None) -> ParseProblem:
    """Where and why CPython's parser stopped, as a ``ParseProblem``."""
    line, column, end_column, message = 1, 1, 2, "invalid syntax"
    if error is not None and not error.lineno:
        message = error.msg or message
    if error is not None and error.lineno:
        line = error.lineno
        column = max(error.offset or 1, 1)
        end_column = column + 1
        if error.end_lineno == error.lineno and error.end_offset and error.end_offset > column:
            end_column = error.end_offset
        message = error.msg
    if len(message) > 120:
        message = message[:117] + "..."
    width = max(end_column - column, 1)
    line, column = lines.from_python(line, column - 1)
    return ParseProblem(Span(path, line, column, line, column + width), f"syntax error: {message}")
