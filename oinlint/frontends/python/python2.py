"""Python 2 scripts read as Python 3: the statements that only Python 2 parses, rewritten in place.

Old Okta admin scripts are often Python 2 (``print "Deactivating", user["id"]``); CPython 3's
parser refuses the whole file, and the text front end then sees its credentials but not its
calls, tokens or scopes. Each statement the parser stops at is rewritten as Python 3 would write
it, on its own line, keeping every line where it was and every column up to the change:
``print x`` → ``print(x)``, ``print >>f, x`` → ``print(x)``, ``exec code`` → ``exec(code)``,
``except E, e:`` → ``except E as e:``, ``raise E, "m"`` → ``raise E("m")``, ``0755`` →
``0o755``, ``ur"…"`` → ``u"…"``, backquotes → ``repr(…)``. Anything else (or more rewrites than
a real script needs) leaves the file to the text front end as before.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Callable
from typing import Final

__all__ = ["as_python3"]

_MAX_REWRITES: Final = 400
_MAX_SOURCE: Final = 400_000  # characters: each rewrite parses the file again
# the messages of CPython 3.11–3.13 that a Python 2 statement gives
_PY2_HINTS: Final = re.compile(r"Missing parentheses in call to '(?:print|exec)'"
                               r"|multiple exception types must be parenthesized"
                               r"|leading zeros in decimal integer literals"
                               r"|invalid syntax")
_PRINT: Final = re.compile(r"^(?P<indent>\s*)(?P<kw>print|exec)\b(?!\s*\()(?P<rest>.*)$")
_TO_FILE: Final = re.compile(r"^\s*>>\s*[^,]+,?\s*")
_EXCEPT: Final = re.compile(r"^(?P<head>\s*except\s+[^,:]+?)\s*,\s*(?P<name>\w+)\s*:")
_RAISE: Final = re.compile(r"^(?P<head>\s*raise\s+[\w.]+)\s*,\s*(?P<arg>.+?)\s*$")
_OCTAL: Final = re.compile(r"(?<![\w.])0(?P<digits>[0-7]+)\b(?![.xXoObBeEjJ])")
_UR: Final = re.compile(r"(?<![\w])[uU][rR](?=['\"])")
_BACKQUOTE: Final = re.compile(r"`([^`\n]+)`")
_TRAILING_COMMENT: Final = re.compile(r"\s+#[^'\"]*$")
_LINE_BREAKS: Final = frozenset({tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT})


def as_python3(source: str, error: SyntaxError,
               parses: Callable[[str], SyntaxError | None]) -> str | None:
    """The source with its Python 2 statements rewritten, if that makes it parse.

    ``parses`` is called with a candidate source and returns the SyntaxError it raises (None
    once it parses); the rewriting goes one error at a time."""
    if error.lineno is None or _PY2_HINTS.search(error.msg or "") is None or \
            len(source) > _MAX_SOURCE:
        return None
    lines = source.split("\n")
    # every ``print x`` / ``exec code`` statement at once (found by the tokenizer, which
    # reads them): a script prints on many lines, and each rewrite parses the file again
    for index in _statements_without_parentheses(source):
        fixed = _rewrite(lines[index]) if index < len(lines) else None
        if fixed is not None:
            lines[index] = fixed
    current: SyntaxError | None = parses("\n".join(lines))
    done = 0
    while current is not None:
        if current.lineno is None or not 1 <= current.lineno <= len(lines) or \
                done >= _MAX_REWRITES:
            return None
        index = current.lineno - 1
        fixed = _rewrite(lines[index])
        if fixed is None or fixed == lines[index]:
            return None
        lines[index] = fixed
        done += 1
        current = parses("\n".join(lines))
    return "\n".join(lines)


def _statements_without_parentheses(source: str) -> list[int]:
    """The lines (0-based) of the logical lines that start with ``print`` or ``exec`` not
    followed by ``(``: Python 2's statements, never a string's or a comment's text."""
    found: list[int] = []
    starting = True
    pending: tokenize.TokenInfo | None = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if pending is not None:
                # ``print(x)``, ``print = f``, ``print >>f, x`` (Python 3 parses that) are not
                if not (token.type == tokenize.OP and token.string in ("(", "=", ".", "[", ">>")):
                    found.append(pending.start[0] - 1)
                pending = None
            if token.type in _LINE_BREAKS:
                starting = True
            elif token.type != tokenize.COMMENT:
                if starting and token.type == tokenize.NAME and token.string in ("print", "exec"):
                    pending = token
                starting = False
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass  # what was read before the tokenizer stopped
    return found


def _rewrite(line: str) -> str | None:
    """One line as Python 3 writes it, or None when no rule applies."""
    text, comment = _split_comment(line)
    match = _PRINT.match(text)
    if match is not None:
        rest = match.group("rest").strip()
        if match.group("kw") == "print":
            rest = _TO_FILE.sub("", rest)
        if rest.endswith("\\"):
            return None  # continued on the next line: not a one-line statement
        return f"{match.group('indent')}{match.group('kw')}({rest.rstrip(',')}){comment}"
    match = _EXCEPT.match(text)
    if match is not None:
        return _EXCEPT.sub(r"\g<head> as \g<name>:", text, count=1) + comment
    match = _RAISE.match(text)
    if match is not None and not match.group("arg").startswith(("(", "from ")):
        return f"{match.group('head')}({match.group('arg')}){comment}"
    changed = _OCTAL.sub(r"0o\g<digits>", text)
    changed = _UR.sub("u", changed)
    changed = _BACKQUOTE.sub(r"repr(\1)", changed)
    return changed + comment if changed != text else None


def _split_comment(line: str) -> tuple[str, str]:
    """A line's code and its trailing comment (when the comment holds no quote, so that a
    ``#`` inside a string is not taken for one)."""
    found = _TRAILING_COMMENT.search(line)
    if found is None or "#" not in line:
        return line, ""
    return line[:found.start()], line[found.start():]
