"""Syntax errors of a Python file, and what can be read of a file that does not parse.

CPython's compiler checks a file before libcst sees it: it is a tenth of libcst's cost, words
and places syntax errors better, and tells input nested too deeply for libcst's native parser
(which can overflow its stack). A file that does not parse still has its comments read, as far
as the tokenizer gets, so suppression comments keep working.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

import libcst as cst

from oinlint.facts import Comment, ParseProblem, Span
from oinlint.frontends.python.lines import Lines

__all__ = ["NESTED_TOO_DEEPLY", "compile_check", "syntax_problem", "tokenize_comments"]


def tokenize_comments(source: str, lines: Lines) -> list[Comment]:
    """Comments of a file libcst could not parse, as far as the tokenizer gets."""
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


# CPython's own limits on nesting. Input beyond them is not Python, and libcst's native parser
# can overflow its stack (a segmentation fault, not an exception) or take seconds on it.
_TOO_DEEP = re.compile(
    r"too many nested parentheses|too many levels of indentation|too complex"
    r"|too many statically nested blocks|recursion",
    re.IGNORECASE,
)
NESTED_TOO_DEEPLY = "file is nested too deeply to analyse"


def compile_check(path: str, source: str) -> tuple[SyntaxError | None, bool]:
    """CPython's parser first: (its syntax error, whether the input is too deep for libcst).

    It is a tenth of libcst's cost and the guard that keeps pathological nesting away from
    libcst. A syntax error here alone does not stop libcst: CPython may be older than the
    code (PEP 695, PEP 701), and libcst parses newer grammar.
    """
    try:
        compile(source, path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        return exc, _TOO_DEEP.search(exc.msg or "") is not None
    except (RecursionError, MemoryError):
        return None, True
    except ValueError:  # null bytes on older Pythons; libcst reports them
        return None, False
    return None, False


def syntax_problem(
    path: str, lines: Lines, error: SyntaxError | None, fallback: cst.ParserSyntaxError | None
) -> ParseProblem:
    """Python's own compiler places and words syntax errors better than libcst's parser."""
    line, column, end_column, message = 1, 1, 2, "invalid syntax"
    if fallback is not None:
        line, column = fallback.editor_line, fallback.editor_column
        end_column = column + 1
        text = fallback.message.splitlines()[0] if fallback.message else message
        message = re.sub(r"^(?:parser|tokenizer) error: (?:error at \d+:\d+: )?", "", text)
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
