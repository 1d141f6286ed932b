"""Parameters as markers in a resolved string, and back (the cross-file pass's ``HelperDef``).

A wrapper's URL is resolved with each parameter bound to a private-use marker (``\\ue000N\\ue001``
for parameter N), so the ordinary value resolver carries it through ``+``, f-strings, template
literals and ``format`` unchanged; :func:`template_parts` turns the markers back into references
to the parameters. Shared by the Python and JavaScript/TypeScript front ends.
"""

from __future__ import annotations

import re
from typing import Final

from oinlint.facts import TemplatePart
from oinlint.frontends.shared.strvalue import HOLE, StrValue
from oinlint.okta import match
from oinlint.okta.apiurl import okta_api_url

__all__ = ["decided_operation", "has_returned_marker", "marked_param", "marker",
           "returned_marker", "template_parts"]

_OPEN: Final = "\ue000"
_CLOSE: Final = "\ue001"
_OPEN_RETURNED: Final = "\ue002"  # what an imported function returns: ``symbol#item``
_MARKER: Final = re.compile(f"{_OPEN}(\\d+){_CLOSE}|{_OPEN_RETURNED}([^{_CLOSE}]+){_CLOSE}")


def marker(index: int) -> str:
    """The text standing for parameter ``index`` while a wrapper's URL is resolved."""
    return f"{_OPEN}{index}{_CLOSE}"


def returned_marker(symbol: str, item: int) -> str:
    """The text standing for what the imported function ``symbol`` returns (``item`` of its
    tuple, -1 for the whole value) while a URL is resolved."""
    return f"{_OPEN_RETURNED}{symbol}#{item}{_CLOSE}"


def has_returned_marker(text: str) -> bool:
    """Does a resolved string hold what an imported function returns?"""
    return _OPEN_RETURNED in text


def marked_param(text: str | None, params: tuple[str, ...]) -> str | None:
    """The parameter a resolved string is exactly (a method handed down from a wrapper of a
    wrapper: ``json(method, path)`` → ``request(method, path)``), else None."""
    found = _MARKER.fullmatch(text or "")
    if found is None or found.group(1) is None or int(found.group(1)) >= len(params):
        return None
    return params[int(found.group(1))]


def template_parts(value: StrValue, params: tuple[str, ...]) -> tuple[TemplatePart, ...]:
    """A resolved string as template parts, markers turned back into parameter references."""
    parts: list[TemplatePart] = []
    for part in value.parts:
        if part is HOLE or not isinstance(part, str):
            parts.append(TemplatePart("{}"))
            continue
        position = 0
        for found in _MARKER.finditer(part):
            if found.start() > position:
                parts.append(TemplatePart(part[position:found.start()]))
            if found.group(2) is not None:
                parts.append(TemplatePart("", returned=found.group(2)))
            else:
                index = int(found.group(1))
                parts.append(TemplatePart("", params[index]) if index < len(params)
                             else TemplatePart("{}"))
            position = found.end()
        if position < len(part):
            parts.append(TemplatePart(part[position:]))
    return tuple(parts)


def decided_operation(method: str | None, parts: tuple[TemplatePart, ...]) -> bool:
    """Whether a function's HTTP call names one Okta operation whatever its parameters hold
    (they fill only the org's host, ids or the query: ``/api/v1/groups?q=${name}``): then it
    is the API call itself, judged where it is, not a wrapper judged at its callers."""
    if method is None:
        return False
    text = "".join("{}" if part.param else part.text for part in parts)
    return okta_api_url(text) and match(method, text).status == "matched"
