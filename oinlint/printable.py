"""Text a person or a CI runner reads: one value, redacted, with no control character left.

A file name or a line of source is the scanned project's text, and the project may be hostile:
an ESC or OSC sequence rewrites the terminal, a newline followed by ``::error …::`` or
``::add-mask::`` is a GitHub Actions workflow command when the runner reads it at the start of
a line. Every value the line-based reporters (text, concise, github) print passes through
:func:`printable`; machine formats escape control characters by their own syntax and take
:func:`unicode_safe` for lone surrogates.
"""

from __future__ import annotations

import re

from oinlint.redact import redact

__all__ = ["escape_controls", "line_start", "printable", "strip_controls", "unicode_safe"]

# C0 and C1 controls (ESC, CSI 0x9b, BEL, NUL, CR, LF, …), DEL, the line and paragraph
# separators, the bidirectional overrides (Trojan Source) and lone surrogates (undecodable
# file names).
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNSAFE_KEEPING_LINES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_COMMAND = re.compile(r"^(\s*)::")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Every control character of ``text`` as ``\\xNN`` / ``\\uNNNN`` (no redaction)."""
    return _UNSAFE.sub(_escape, text)


def strip_controls(text: str) -> str:
    """``text`` without its control characters (to see a secret they were cut into)."""
    return _UNSAFE.sub("", text)


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` redacted, with every control character written as ``\\xNN`` / ``\\uNNNN``:
    one line, nothing a terminal or a CI runner acts on. Tabs stay; ``lines``: newlines and
    carriage returns stay too (for a format that escapes them itself, GitHub's ``%0A``)."""
    return (_UNSAFE_KEEPING_LINES if lines else _UNSAFE).sub(_escape, redact(text))


def line_start(text: str) -> str:
    """A value that begins an output line (a path): ``./`` before it when it would start with
    ``::``, the start of a GitHub Actions workflow command."""
    text = printable(text)
    return _COMMAND.sub(r"\1./::", text)


def unicode_safe(text: str) -> str:
    """Lone surrogates (a file name that is not UTF-8) as U+FFFD, so the document encodes."""
    return _SURROGATE.sub("\ufffd", text)
