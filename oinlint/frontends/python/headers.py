"""Authorization values in Python: what the visitor records as a header candidate, and
what makes a string an auth value on its own.

A value given to an ``Authorization`` key (a dict, a keyword, a ``(name, value)`` tuple, a
header setter's arguments) is a :class:`HeaderCandidate`; a string built in any other value
position in a file that mentions SSWS is a :class:`ValueCandidate`, an auth value only when it
reads ``SSWS <credential>`` or a raw ``Authorization: <scheme> <credential>`` line. Both are
resolved after the walk, in :meth:`~oinlint.frontends.python.visitor.PrimaryVisitor.finish`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from oinlint.credentials import is_placeholder
from oinlint.frontends.python import tree
from oinlint.frontends.python.values import LexicalScope, StrValue

__all__ = [
    "HEADER_SETTERS",
    "SCHEMES",
    "HeaderCandidate",
    "ValueCandidate",
    "builds_string",
    "header_scheme",
    "standalone_auth",
]

SCHEMES: Final = frozenset({"SSWS", "Bearer", "Basic", "DPoP", "Digest"})
# Methods that set a header from (name, value) positional arguments.
HEADER_SETTERS: Final = frozenset({
    "add_header", "add_unredirected_header", "putheader", "setdefault", "set", "__setitem__",
    "add", "set_header", "setHeader", "header",
})
# A value that is an SSWS credential wherever it appears: "SSWS " + one token or hole.
# Holes are marked \x00 by StrValue.marked(); "{...}" and "%s" are format-template holes.
_SSWS_VALUE = re.compile(r"^\s*(?P<scheme>SSWS)\s+(?P<cred>\S+)\s*$")
# A raw header line: "Authorization: <scheme> <credential>" (curl -H, http.client).
_HEADER_LINE = re.compile(
    r"^\s*(?P<header>authorization)\s*:\s*(?P<scheme>[A-Za-z][\w-]*)\s+(?P<cred>\S+)\s*$",
    re.IGNORECASE,
)
_TEMPLATE_HOLE = re.compile(r"\x00|\{\w*\}|%s")


@dataclass(slots=True)
class HeaderCandidate:
    """A value that may go to an ``Authorization`` header (key unknown until resolution)."""

    key: tree.BaseExpression | None  # None: the container already says it is Authorization
    value: tree.BaseExpression
    scope: LexicalScope
    context: str
    auth_class: bool
    standalone_ok: bool  # if the key is not Authorization, check the value on its own


@dataclass(slots=True)
class ValueCandidate:
    """A string built in a value position (assigned, returned, passed): maybe "SSWS " + t."""

    value: tree.BaseExpression
    scope: LexicalScope
    context: str


def builds_string(node: tree.BaseExpression) -> bool:
    """Cheap test: could this expression build a string worth resolving on its own?"""
    if isinstance(node, tree.SimpleString):
        return "ssws" in node.value.lower() or "uthorization" in node.value.lower()
    if isinstance(node, tree.ConcatenatedString | tree.FormattedString | tree.BinaryOperation):
        return True
    return (
        isinstance(node, tree.Call)
        and isinstance(node.func, tree.Attribute)
        and node.func.attr.value in ("format", "join")
    )


def header_scheme(value: StrValue | None) -> str | None:
    """The scheme a header value starts with (``SSWS``, ``Bearer``, …), if any."""
    return value.first_word(SCHEMES) if value is not None else None


def standalone_auth(value: StrValue) -> tuple[str, str] | None:
    """(scheme, header) when a string outside any header container is an auth value."""
    text = value.marked()
    match = _SSWS_VALUE.match(text) or _HEADER_LINE.match(text)
    if match is None:
        return None
    cred = match.group("cred")
    if not _TEMPLATE_HOLE.search(cred) and (len(cred) < 8 or is_placeholder(cred)):
        return None
    return match.group("scheme"), "Authorization"
