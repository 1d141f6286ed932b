"""Keeping secrets out of every output: console, files, logs and exception text.

Two nets: the exact values a run has learnt are secret (literals the front ends flagged, the
live checker's client secret and tokens), and shapes that are always secret (Okta API tokens,
PEM private keys, ``SSWS`` and ``Bearer`` header values). Every reporter's output passes
through :func:`redact` before it is written.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from oinlint.credentials import API_TOKEN, redact_value

__all__ = ["forget_all", "redact", "redact_source_line", "redact_values", "remember_secret"]

_PEM_BLOCK = re.compile(
    r"-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----.*?(?:-----END \1-----|\Z)", re.DOTALL
)
_SCHEME_VALUE = re.compile(r"\b(SSWS|Bearer|DPoP)\s+([A-Za-z0-9_\-.~+/]{20,}=*)")

# In source lines shown as context: the value of anything named like a credential.
_CREDENTIAL_VALUE = re.compile(
    r"""(?ix)
    ( (?:secret|passw(?:or)?d|token|api[-_]?key|private[-_]?key|credential)[\w.-]*
      ["'`]?\s*(?::=|=>|=|:)\s*[bfru]{0,2}["'`]? )
    ( [^\s"'`,;)}\]]{8,} )
    """
)

_lock = threading.Lock()
_known: set[str] = set()


def remember_secret(value: str) -> None:
    """Register a secret so that any later output containing it is masked."""
    value = value.strip()
    if len(value) >= 8:
        with _lock:
            _known.add(value)


def forget_all() -> None:
    with _lock:
        _known.clear()


def redact_source_line(line: str) -> str:
    """A line of source shown as context: also mask values assigned to credential-like names,
    so that a secret nobody flagged (say, for another service) never prints next to a finding."""

    def mask(match: re.Match[str]) -> str:
        value = match.group(2)
        if value.startswith(("os.", "env", "${", "$(", "{", "<", "getenv", "settings.", "self.")):
            return match.group(0)
        return match.group(1) + redact_value(value)

    return redact(_CREDENTIAL_VALUE.sub(mask, line))


def redact(text: str) -> str:
    """Mask every known secret and every secret-shaped string in ``text``."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, redact_value(value))
    text = _PEM_BLOCK.sub("-----BEGIN PRIVATE KEY-----…", text)
    text = API_TOKEN.sub(lambda m: redact_value(m.group(0)), text)
    return _SCHEME_VALUE.sub(lambda m: f"{m.group(1)} {redact_value(m.group(2))}", text)


def redact_values(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, strings, numbers) with :func:`redact` applied to every
    string in it, keys included: redaction acts on values, never on a serialized document."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact_values(k): redact_values(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_values(v) for v in value]
    return value
