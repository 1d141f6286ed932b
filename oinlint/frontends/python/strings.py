"""String literals and comments read from the source text, where ``ast`` keeps too little.

``ast`` gives one ``Constant`` for ``"a" "b"`` (implicit concatenation), evaluates escapes,
drops prefixes and quotes, and gives f-strings' replacement fields positions that Python 3.11
gets wrong for nested or multi-line ones. The analysis needs each part of a concatenation
(a scope word's span is inside one literal), the raw text (the scope words' offsets, the
``__main__`` test) and exact positions inside f-strings. :func:`string_parts` splits a
literal's extent into its parts; :func:`fstring_fields` splits an f-string into text and
replacement fields (whose expressions the builder parses again, at their own offsets).
:func:`comments` finds every comment with one regular-expression pass that steps over strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["FieldPart", "StringPart", "TextPart", "comments", "fstring_fields", "string_parts"]

_PREFIX = re.compile(r"[A-Za-z]*")
# The body and closing quote of a literal, from just after its opening quote; a backslash
# always takes the next character (raw strings too: ``r"\""`` does not end at ``\"``).
_BODY = {  # unrolled loops: a run of ordinary characters at a time, not one per alternation
    '"""': re.compile(r'[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""', re.DOTALL),
    "'''": re.compile(r"[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''", re.DOTALL),
    '"': re.compile(r'[^"\\\r\n]*(?:\\(?:\r\n|.)[^"\\\r\n]*)*"', re.DOTALL),
    "'": re.compile(r"[^'\\\r\n]*(?:\\(?:\r\n|.)[^'\\\r\n]*)*'", re.DOTALL),
}
# Between two parts of an implicit concatenation: whitespace, comments, line continuations.
_GAP = re.compile(r"(?:\s|#[^\r\n]*|\\\r?\n|\\\r)*")
_TOKENS = re.compile(
    r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
    r"|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
    r'|"[^"\\\r\n]*(?:\\(?:\r\n|.)[^"\\\r\n]*)*"'
    r"|'[^'\\\r\n]*(?:\\(?:\r\n|.)[^'\\\r\n]*)*'"
    r"|(?P<comment>#[^\r\n]*)",
    re.DOTALL,
)


@dataclass(slots=True)
class TextPart:
    """Literal text of an f-string, raw, at ``[start, end)``."""

    start: int
    end: int


@dataclass(slots=True)
class FieldPart:
    """A replacement field: its expression at ``[start, end)``, conversion, format spec."""

    start: int
    end: int
    field_end: int  # just after the closing brace
    conversion: str | None = None
    spec: list[TextPart | FieldPart] | None = None
    equal: bool = False


@dataclass(slots=True)
class StringPart:
    """One literal of a (possibly implicitly concatenated) string, at ``[start, end)``."""

    start: int
    end: int
    prefix: str
    quote: str
    fields: list[TextPart | FieldPart] | None = field(default=None)  # f-strings only


def _quote_at(text: str, index: int) -> str:
    if text.startswith(('"""', "'''"), index):
        return text[index:index + 3]
    return text[index]


def read_string(text: str, index: int) -> StringPart:
    """The literal starting at ``index`` (its prefix first). ValueError if there is none."""
    prefix = _PREFIX.match(text, index)
    assert prefix is not None
    body = prefix.end()
    if body >= len(text) or text[body] not in "'\"":
        raise ValueError(f"no string literal at offset {index}")
    quote = _quote_at(text, body)
    letters = prefix.group().lower()
    if "f" in letters:
        fields, end = _fstring_body(text, body + len(quote), quote, "r" in letters, False)
        return StringPart(index, end + len(quote), prefix.group(), quote, fields)
    found = _BODY[quote].match(text, body + len(quote))
    if found is None:
        raise ValueError(f"unterminated string literal at offset {index}")
    return StringPart(index, found.end(), prefix.group(), quote)


def string_parts(text: str, start: int, end: int) -> list[StringPart]:
    """The literals of one string expression at ``[start, end)`` (``"a" "b"``: two)."""
    parts: list[StringPart] = []
    index = start
    while index < end:
        part = read_string(text, index)
        parts.append(part)
        gap = _GAP.match(text, part.end, end)  # none at all in ``"a""b"``
        index = gap.end() if gap is not None else part.end
    return parts


def _fstring_body(text: str, index: int, quote: str, raw: bool, in_spec: bool
                  ) -> tuple[list[TextPart | FieldPart], int]:
    """The parts of an f-string body from ``index`` up to its closing quote (or, in a format
    spec, its closing brace); returns them and the index of that quote or brace."""
    parts: list[TextPart | FieldPart] = []
    text_start = index
    size = len(text)

    def flush(upto: int) -> None:
        if upto > text_start:
            parts.append(TextPart(text_start, upto))

    while index < size:
        char = text[index]
        if not in_spec and text.startswith(quote, index):
            flush(index)
            return parts, index
        if in_spec and char == "}":
            flush(index)
            return parts, index
        if in_spec and char in "\r\n" and len(quote) == 1:
            break
        if char == "\\":
            following = text[index + 1:index + 2]
            if not raw and following == "N" and text.startswith("{", index + 2):
                close = text.find("}", index + 3)
                index = close + 1 if close >= 0 else index + 2
            elif _escapes_one(following, raw):
                index += 1
            else:
                index += 2
            continue
        if char == "{":
            if text.startswith("{{", index) and not in_spec:
                index += 2
                continue
            flush(index)
            part, index = _field(text, index, quote, raw)
            parts.append(part)
            text_start = index
            continue
        if char == "}" and text.startswith("}}", index):
            index += 2
            continue
        index += 1
    raise ValueError("unterminated f-string")


def _escapes_one(following: str, raw: bool) -> bool:
    """Whether a backslash before ``following`` stands alone: a brace after it still opens or
    closes a field, and in a raw f-string only a quote or a backslash is taken with it."""
    if raw:
        return following not in ("\\", "'", '"')
    return following in ("{", "}")


def _field(text: str, index: int, quote: str, raw: bool) -> tuple[FieldPart, int]:
    """The replacement field whose ``{`` is at ``index``; returns it and the index after it."""
    start = index + 1
    depth = 0
    position = start
    size = len(text)
    equal = False
    end = -1
    while position < size:
        char = text[position]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                end = position
                break
            depth -= 1
        elif char in "'\"":
            head = position
            while head > start and (text[head - 1].isalpha()):
                head -= 1
            position = read_string(text, head).end
            continue
        elif depth == 0 and (char == ":" or (
                char == "!" and text[position + 1:position + 2] != "=")):
            end = position
            break
        elif depth == 0 and char == "=" and text[position + 1:position + 2] != "=" and (
                text[position - 1] not in "=!<>:"):
            end = position
            equal = True
            break
        position += 1
    if end < 0:
        raise ValueError("unterminated replacement field")
    part = FieldPart(start, end, end, equal=equal)
    position = end + (1 if equal else 0)
    while position < size and text[position] in " \t\r\n\f":
        position += 1
    if text.startswith("!", position):
        conversion = re.match(r"!\s*([A-Za-z]*)", text[position:])
        assert conversion is not None
        part.conversion = conversion.group(1)
        position += conversion.end()
    if text.startswith(":", position):
        part.spec, position = _fstring_body(text, position + 1, quote, raw, True)
    if not text.startswith("}", position):
        raise ValueError("unterminated replacement field")
    part.field_end = position + 1
    return part, position + 1


def fstring_fields(part: StringPart) -> list[TextPart | FieldPart]:
    """The text parts and replacement fields of an f-string part."""
    return part.fields or []


def comments(text: str) -> list[tuple[int, str]]:
    """(offset, text after ``#``) of every comment: one pass that steps over strings."""
    return [(m.start(), m.group()[1:]) for m in _TOKENS.finditer(text)
            if m.lastgroup == "comment"]
