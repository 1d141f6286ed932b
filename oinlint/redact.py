"""Keeping secrets out of every output: console, files, logs and exception text.

Two nets: the exact values a run has learnt are secret (literals the front ends flagged, the
live checker's client secret and tokens, the submission's test-account password), and shapes
that are always secret (Okta API tokens, PEM private keys, ``SSWS``, ``Bearer`` and ``Basic``
header values). Both act on one *value* at a time (a message, a line of source, a path), never
on a serialized document: a pattern run over a JSON or XML document can eat its quotes and tags.
Findings are redacted where they are made (``engine/building``); reporters apply :func:`redact`
to each value again (:func:`redact_values`) before they serialize.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
from collections.abc import Sequence
from typing import Any

from oinlint.credentials import (
    API_TOKEN,
    PRIVATE_KEY_PLACEHOLDER,
    looks_like_client_secret,
    redact_value,
)

__all__ = ["forget_all", "redact", "redact_source_line", "redact_source_lines", "redact_values",
           "remember_secret"]

_PEM_HEADER = r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
_PEM_END = r"-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
# A private key inside one value: the header, then only what a key body holds (base64, blank
# space, ``\n`` escapes, the ``Proc-Type:``/``DEK-Info:`` lines of an encrypted key), then its
# END line if there is one. The body cannot hold the placeholder's ``…``, a quote or a markup
# character, so the pattern never runs past the key, and never matches its own placeholder.
_PEM_BLOCK = re.compile(
    _PEM_HEADER + r"(?!…)(?:[A-Za-z0-9+/=:,\s]|\\{1,2}[nrt]|-(?!----))*(?:" + _PEM_END + ")?"
)
# In one line of source, everything after a key's header is the key (up to its END line): a key
# split over string literals (``"-----BEGIN…\n" + "MIIE…"``) has quotes in its body.
_PEM_IN_LINE = re.compile(_PEM_HEADER + r"(?!…).*?(?:" + _PEM_END + "|$)")
_PEM_BEGIN = re.compile(_PEM_HEADER)
_PEM_STOP = re.compile(_PEM_END)
# A line of a key's body as source writes it: base64 (or an encrypted key's header line), maybe
# quoted, concatenated or ending in a ``\n`` escape. Any other line ends the key.
_KEY_BODY_LINE = re.compile(
    r"""^[\s'"`+]*(?:[A-Za-z0-9+/=]{4,}|Proc-Type:.*|DEK-Info:.*)?(?:\\n)?[\s'"`+,;)]*$"""
)
_SCHEME_VALUE = re.compile(r"\b(SSWS|Bearer|DPoP)\s+([A-Za-z0-9_\-.~+/]{20,}=*)")
# ``Basic base64(id:secret)``: masked when the value decodes to ``something:something``.
_BASIC_VALUE = re.compile(r"\b([Bb]asic)(\s+)([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])")

# In source lines shown as context: the value of anything named like a credential.
_CREDENTIAL_NAME = (r"(?:secret|passw(?:or)?d|token|api[-_]?key|private[-_]?key|credential)"
                    r"[\w.-]*")
# A quoted value is the whole literal, spaces included (a password); a bare one, a word that
# is not a call (``token = get_token()`` shows the code).
_CREDENTIAL_VALUE = re.compile(
    r"""(?ix)
    ( """ + _CREDENTIAL_NAME + r""" ["'`]?\s*(?::=|=>|=|:)\s*[bfru]{0,2} )
    (?: (["'`]) ((?:\\.|(?!\2).)+) (?=\2|$) | ([^\s"'`,;)}\]]{8,}) )
    """
)
# A configuration line (YAML, .env, TOML, properties): ``key: value`` with the rest of the line
# as the value, spaces included.
_CONFIG_CREDENTIAL = re.compile(
    r"""(?ix)
    ^( \s*(?:export\s+|-\s+)?["']?""" + _CREDENTIAL_NAME + r"""["']?\s*[:=]\s* )
    ( [^\s"'`#][^#]*? ) (\s+\#.*)?$
    """
)
_NAME = re.compile(r"[A-Za-z_$][\w.$]*")
_CONFIG_LITERAL = re.compile(r"(?i)(?:null|none|~|true|false|yes|no|on|off|[0-9]+)$|.*…$")
_REFERENCE = ("os.", "env", "${", "$(", "{", "<", "getenv", "settings.", "self.", "…",
              "-----BEGIN")
# A line that builds a Basic credential: quoted literals in it that look like a secret are one.
_ENCODING_CALL = re.compile(r"Buffer\.from|btoa\(|b64encode|[Bb]ase64|\bBasic\b")
_LITERAL = re.compile(r"""(["'`])((?:\\.|(?!\1).){16,512}?)\1""")

_lock = threading.Lock()
_known: set[str] = set()
_short: set[str] = set()  # under 8 characters: masked only as a whole word, in source lines


def remember_secret(value: str) -> None:
    """Register a secret so that any later output containing it is masked."""
    value = value.strip()
    with _lock:
        if len(value) >= 8:
            _known.add(value)
        elif len(value) >= 3:
            _short.add(value)


def forget_all() -> None:
    with _lock:
        _known.clear()
        _short.clear()


def _basic(match: re.Match[str]) -> str:
    try:
        decoded = base64.b64decode(match.group(3), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return match.group(0)
    if ":" not in decoded or not decoded.isprintable():
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{redact_value(match.group(3))}"


def _is_reference(value: str) -> bool:
    return value.startswith(_REFERENCE)


def _mask_assigned(line: str, config: bool) -> str:
    """Values assigned to credential-like names: the whole value, quoted or (in configuration
    files) to the end of the line."""
    if config:
        match = _CONFIG_CREDENTIAL.match(line)
        value = match.group(2) if match else ""
        if match and not _is_reference(value) and not _CONFIG_LITERAL.match(value.strip()):
            return match.group(1) + redact_value(match.group(2)) + (match.group(3) or "")

    def mask(match: re.Match[str]) -> str:
        quote, value = (match.group(2), match.group(3)) if match.group(2) else ("", match.group(4))
        if len(value) < 8 or _is_reference(value) or value.endswith("…"):
            return match.group(0)
        callee = value.split("(", 1)[0]
        if not quote and callee != value and _NAME.fullmatch(callee) and not (
                looks_like_client_secret(callee)):
            return match.group(0)  # a call (``token = get_token()``): code, not a secret
        return match.group(1) + quote + redact_value(value)

    return _CREDENTIAL_VALUE.sub(mask, line)


def _mask_literals(line: str) -> str:
    """Quoted secret-looking literals on a line that assembles a Basic credential
    (``Buffer.from(id + ':' + secret)``, ``b64encode(f"{id}:secret")``)."""
    if not _ENCODING_CALL.search(line):
        return line

    def literal(match: re.Match[str]) -> str:
        body = match.group(2)
        head, colon, tail = body.rpartition(":")
        if colon and looks_like_client_secret(tail):
            return f"{match.group(1)}{head}:{redact_value(tail)}{match.group(1)}"
        if looks_like_client_secret(body):
            return f"{match.group(1)}{redact_value(body)}{match.group(1)}"
        return match.group(0)

    return _LITERAL.sub(literal, line)


def redact_source_line(line: str, *, config: bool = False) -> str:
    """A line of source shown as context. Besides :func:`redact`: a private key to the end of
    the line, the value of anything named like a credential (so that a secret nobody flagged,
    say for another service, never prints next to a finding), short known secrets, and literals
    assembled into a Basic credential. ``config``: the line is from a configuration file, where
    an unquoted value runs to the end of the line."""
    line = _PEM_IN_LINE.sub(PRIVATE_KEY_PLACEHOLDER, line)
    line = redact(line)
    with _lock:
        short = sorted(_short, key=len, reverse=True)
    for value in short:
        if value in line:
            line = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", "…", line)
    return _mask_literals(_mask_assigned(line, config))


def redact_source_lines(lines: Sequence[str], first: int, last: int, *,
                        config: bool = False, lookback: int = 200) -> list[str]:
    """Lines ``first``..``last`` (1-based, inclusive) of a file, each through
    :func:`redact_source_line`, with the body lines of a private key written over several lines
    masked too (a key that starts up to ``lookback`` lines above ``first`` counts)."""
    inside = False
    for line in lines[max(0, first - 1 - lookback) : first - 1]:
        inside = _pem_state(line, inside)
    shown: list[str] = []
    for line in lines[first - 1 : last]:
        inside = inside and bool(_KEY_BODY_LINE.match(line))
        if inside and not _PEM_STOP.search(line) and not _PEM_BEGIN.search(line):
            stripped = line.lstrip()
            shown.append(line[: len(line) - len(stripped)] + ("…" if stripped else ""))
        else:
            shown.append(redact_source_line(line, config=config))
        inside = _pem_state(line, inside)
    return shown


def _pem_state(line: str, inside: bool) -> bool:
    """Whether the line after ``line`` is inside a private key's body."""
    begins = [m.start() for m in _PEM_BEGIN.finditer(line)]
    ends = [m.start() for m in _PEM_STOP.finditer(line)]
    if begins and (not ends or ends[-1] < begins[-1]):
        return True
    return False if ends else inside and bool(_KEY_BODY_LINE.match(line))


def redact(text: str) -> str:
    """Mask every known secret and every secret-shaped string in ``text`` (one value)."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, redact_value(value))
    text = _PEM_BLOCK.sub(PRIVATE_KEY_PLACEHOLDER, text)
    text = API_TOKEN.sub(lambda m: redact_value(m.group(0)), text)
    text = _BASIC_VALUE.sub(_basic, text)
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
