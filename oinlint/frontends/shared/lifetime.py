"""Where a token's guessed lifetime is written (OIN302 points there).

A cached token renewed on a clock without ever reading ``expires_in`` is renewed on a number
somebody chose: ``TOKEN_TTL = 3300``, ``time.Now().Add(55 * time.Minute)``, ``Date.now() + 50 *
60 * 1000``. That number is what to replace, so the finding points at it rather than at the
token request. Read as text, the same way in every language, over the functions that handle the
token (their offsets into the file's text):

1. a constant of the file holding a number, used on a line that reads the clock;
2. else such a constant named for a lifetime (``TOKEN_LIFE_TIME``, ``ttlMs``), used anywhere
   in those functions (``if elapsed < TOKEN_LIFE_TIME``);
3. else the number after a clock read on its line (a divisor, ``Date.now() / 1000``, is a unit
   conversion and is skipped).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

from oinlint.frontends.shared.vocabulary import CODE_NAME

__all__ = ["NUMBER", "guessed_lifetime", "lifetime_value"]

# a number literal (``3300``, ``55``, ``3_000``), not part of a name
NUMBER: Final = re.compile(r"(?<![\w.$])\d[\d_]*(?:\.\d+)?(?![\w.])")
# a product of numbers written as one lifetime (``55 * 60 * 1000``)
_PRODUCT: Final = re.compile(r"\d[\d_]*(?:\.\d+)?(?:\s*\*\s*\d[\d_]*(?:\.\d+)?)*")
# how many clock reads are looked at (generated code)
_MAX_CLOCKS: Final = 256
_LIFETIME_NAME: Final = re.compile(r"(?i)life|ttl|expir|valid|duration|max_?age|refresh")
# a constant's value that can be a lifetime: a number, a product, a duration call
# (``3300``, ``55 * time.Minute``, ``timedelta(minutes=58)``), not a container or a string
_DURATION_VALUE: Final = re.compile(r"[^{}\[\]\"'`:]{0,80}")


def lifetime_value(text: str) -> bool:
    """Can a constant holding ``text`` be a lifetime (see ``_DURATION_VALUE``)?"""
    return NUMBER.search(text) is not None and _DURATION_VALUE.fullmatch(text.strip()) is not None


def guessed_lifetime(text: str, ranges: Sequence[tuple[int, int]], clock: re.Pattern[str],
                     constants: Mapping[str, tuple[int, int]]) -> tuple[int, int] | None:
    """The offsets in ``text`` of the guessed lifetime (see the module's docstring); None
    when none is seen. ``constants``: the file's constants that hold a number, by name, with
    the offsets of their values."""
    clock_lines: list[tuple[int, int, int]] = []  # (line start, line end, clock read's end)
    used: set[str] = set()
    for start, end in ranges:
        used.update(CODE_NAME.findall(text, start, end))
        for match in clock.finditer(text, start, end):
            if len(clock_lines) >= _MAX_CLOCKS:
                break  # the file's others are read as if they had no clock
            # its line, at most 400 characters either side (a minified bundle is one line)
            line_start = text.rfind("\n", max(0, match.start() - 400), match.start()) + 1
            line_start = max(line_start, match.start() - 400)
            line_end = text.find("\n", match.end(), match.end() + 400)
            clock_lines.append((line_start, line_end if line_end >= 0 else
                                min(len(text), match.end() + 400), match.end()))
    known = {name: value for name, value in constants.items() if name in used}
    for line_start, line_end, _ in clock_lines:
        on_line = set(CODE_NAME.findall(text, line_start, line_end))
        for name, value in known.items():
            if name in on_line:
                return value
    for name, value in known.items():
        if _LIFETIME_NAME.search(name):
            return value
    for line_start, line_end, after in clock_lines:
        for number in NUMBER.finditer(text, after, line_end):
            if text[line_start:number.start()].rstrip().endswith("/"):
                continue  # ``Date.now() / 1000``: a unit, not a lifetime
            product = _PRODUCT.match(text, number.start(), line_end)
            return number.start(), product.end() if product else number.end()
    return None
