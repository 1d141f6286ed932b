"""The text of token code without its JWT client assertion (private_key_jwt).

A client that signs its own assertion writes an expiry and reads a clock for it (``exp: now +
300``, ``jwt.sign(claims, key, { expiresIn: '5m' })``, ``time.Now().Add(5 * time.Minute)``):
that is the assertion's lifetime, not the access token's. Read as expiry handling, it hides a
token kept forever (no OIN301) or reports a lifetime guess that is not there (OIN302). The
lifecycle tracers read a function's text for ``expires_in`` and clock reads; this module blanks
what belongs to an assertion first:

- the innermost bracket around a claims set (an ``aud`` claim key, or a JWT claims type such as
  Go's ``jwt.MapClaims{…}``);
- the arguments of a JWT signing call (``jwt.sign(…)``, ``JWT.encode(…)``, ``new
  JwtSecurityToken(…)``) and of a builder's time setters (``.setExpiration(…)``);
- then a line that only names a value the blanked text used (``const now = Date.now()``).

Text without any of these comes back unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

from oinlint.frontends.shared.vocabulary import CODE_NAME

__all__ = ["without_assertion"]

# a claims set: the ``aud`` claim as a key (``aud:``, ``"aud" =>``, ``'aud',``, ``"aud":``), or
# a claims type (Go's ``jwt.MapClaims{``, .NET's ``new SecurityTokenDescriptor {``)
_CLAIMS: Final = re.compile(
    r"""(?<![\w$.])aud\s*:(?!:)|["']aud["']\s*(?:=>|[:,])"""
    r"""|\bjwt\.(?:MapClaims|RegisteredClaims|StandardClaims)\s*\{"""
    r"""|\bnew\s+SecurityTokenDescriptor\b[^{;]*\{""")
# a call that signs or builds a JWT, up to its opening parenthesis
_SIGNING: Final = re.compile(
    r"""(?:\b(?:jwt|JWT|Jwt|jose|jsonwebtoken|JWT::|Firebase\\JWT\\JWT::)\s*(?:\.|::)?\s*"""
    r"""(?:sign|encode|NewWithClaims|create)\s*\(|\bnew\s+(?:JwtSecurityToken|SignJWT)\s*\("""
    r"""|\.(?:setExpiration|setExpirationTime|withExpiresAt|expirationTime|expiration"""
    r"""|setIssuedAt|withIssuedAt|issueTime|setIssueTime|issuedAt|setNotBefore|withNotBefore)"""
    r"""\s*\()""")
_OPEN: Final = {"(": ")", "[": "]", "{": "}"}
# Bounds for generated code: how far a claims set or a signing call reaches (characters), and
# how many of each are looked at in one text; past that, the rest is read as it is.
_REACH: Final = 8_000
_MAX_HOLES: Final = 64
_CLOSE: Final = {")": "(", "]": "[", "}": "{"}
# a line that assigns a name: ``const now = …``, ``now := …``, ``$now = …``, ``long now = …``
_ASSIGNMENT: Final = re.compile(
    r"^[ \t]*(?:(?:const|let|var|final|val|long|int|double|auto|my)\s+)?(\$?[A-Za-z_][\w]*)"
    r"\s*(?::=|=(?![=>]))[^\n]*$", re.MULTILINE)


def _region_around(text: str, at: int) -> tuple[int, int] | None:
    """The innermost bracket pair that holds position ``at``."""
    depth: list[str] = []
    i = at - 1
    stop = max(-1, at - _REACH)
    while i > stop:
        c = text[i]
        if c in _CLOSE:
            depth.append(c)
        elif c in _OPEN:
            if depth:
                depth.pop()
            else:
                end = _closing(text, i)
                return (i, end) if end is not None else None
        i -= 1
    return None


def _closing(text: str, start: int) -> int | None:
    """The position just after the bracket that closes the one at ``start``."""
    depth = 0
    for i in range(start, min(len(text), start + _REACH)):
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def without_assertion(text: str) -> str:
    """``text`` with its JWT client assertion blanked (see the module's docstring)."""
    if not (_CLAIMS.search(text) or _SIGNING.search(text)):
        return text
    holes: list[tuple[int, int]] = []
    for count, match in enumerate(_CLAIMS.finditer(text)):
        if count >= _MAX_HOLES:
            break
        if match.group().endswith("{"):
            end = _closing(text, match.end() - 1)
            region = (match.start(), end) if end is not None else None
        else:
            region = _region_around(text, match.start())
        if region is not None:
            holes.append(region)
    for count, match in enumerate(_SIGNING.finditer(text)):
        if count >= _MAX_HOLES:
            break
        end = _closing(text, match.end() - 1)
        if end is not None:
            holes.append((match.start(), end))
    if not holes:
        return text
    blanked = _blank(text, holes)
    removed = set(CODE_NAME.findall("".join(text[s:e] for s, e in holes)))
    # a value only the assertion used (``const now = Math.floor(Date.now() / 1000)``), and a
    # value only such a line used: two rounds; a name counted once is its assignment alone
    for _ in range(2):
        counts = Counter(CODE_NAME.findall(blanked))
        lines: list[tuple[int, int]] = []
        for match in _ASSIGNMENT.finditer(blanked):
            name = match.group(1)
            if name in removed and counts[name] == 1:
                end = match.end()
                opened = blanked[:end].rstrip()
                if opened.endswith(("{", "(", "[")):  # ``let options = {`` over lines
                    end = _closing(blanked, len(opened) - 1) or end
                lines.append((match.start(), end))
        if not lines:
            break
        for start, end in lines:
            removed.update(CODE_NAME.findall(blanked[start:end]))
        blanked = _blank(blanked, lines)
    return blanked


def _blank(text: str, holes: list[tuple[int, int]]) -> str:
    """``text`` with each hole replaced by spaces (positions and lines stay where they were)."""
    chars = list(text)
    for start, end in holes:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
