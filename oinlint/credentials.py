"""What credentials look like: shared by every front end so that all languages agree."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator

__all__ = [
    "API_TOKEN",
    "PRIVATE_KEY",
    "PRIVATE_KEY_PLACEHOLDER",
    "api_token_spans",
    "credential_kind_for_name",
    "is_api_token",
    "is_placeholder",
    "looks_like_client_secret",
    "redact_value",
    "shannon_entropy",
]

# Okta API (SSWS) tokens: "00" + 40 of [A-Za-z0-9_-], not part of a longer word.
API_TOKEN = re.compile(r"(?<![A-Za-z0-9_\-])00[A-Za-z0-9_\-]{40}(?![A-Za-z0-9_\-])")
PRIVATE_KEY = re.compile(r"-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----")
# Hex digests (sha1 + "00", git object ids) fill the same 42 characters; real token bodies mix
# cases and digits, so one in one-case hex is not a token.
_HEX_BODY = re.compile(r"[0-9a-f]+|[0-9A-F]+")

_PLACEHOLDER = re.compile(
    r"^\$\{.*\}$|^\$\(.*\)$|^\{\{.*\}\}$|^<.*>$|^%\(.*\)s$|^\$[A-Za-z_][A-Za-z0-9_]*$"
    r"|x{5,}|X{5,}|\*{3,}|\.\.\.|…|(.)\1{7,}"
    r"|^(?:changeme|change-me|replace[-_ ]?me|secret|password|todo|tbd|none|null|redacted)$"
    r"|your[-_ ]?(?:client[-_ ]?)?secret|your[-_ ]?(?:api[-_ ]?)?token|<[^>]*>",
    re.IGNORECASE,
)

# Names that hold an Okta API token in configuration (env vars, settings keys).
_API_TOKEN_NAME = re.compile(
    r"^(?:okta[-_.]?(?:client[-_.]?)?(?:api[-_.]?)?(?:token|key)|okta[-_.]?ssws(?:[-_.]?token)?"
    r"|okta[-_.]?api[-_.]?(?:token|key)|okta[-_.]?management[-_.]?(?:token|key)"
    r"|okta[-_.]?admin[-_.]?(?:token|key)|okta[-_.]?auth[-_.]?token)$",
    re.IGNORECASE,
)
_CLIENT_SECRET_NAME = re.compile(r"client[-_.]?secret$", re.IGNORECASE)
_PRIVATE_KEY_NAME = re.compile(r"private[-_.]?key(?:[-_.]?pem)?$", re.IGNORECASE)
_NOT_A_TOKEN_NAME = re.compile(r"(?:access|refresh|id|bearer|session|csrf)[-_.]?token", re.I)


def credential_kind_for_name(name: str) -> str | None:
    """Classify a configuration key or variable name: api-token, client-secret, private-key."""
    bare = name.strip().strip("\"'`")
    if _NOT_A_TOKEN_NAME.search(bare):
        return None
    if _API_TOKEN_NAME.match(bare):
        return "api-token"
    if _CLIENT_SECRET_NAME.search(bare):
        return "client-secret"
    if _PRIVATE_KEY_NAME.search(bare):
        return "private-key"
    return None


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def is_placeholder(value: str) -> bool:
    """Template variables, ``xxxx``, ``<your-secret>``, ``changeme`` and friends."""
    return bool(_PLACEHOLDER.search(value.strip()))


def is_api_token(candidate: str) -> bool:
    """An ``API_TOKEN``-shaped match that is not a placeholder, a hex digest or low-entropy."""
    body = candidate[2:]
    if is_placeholder(body) or len(set(body)) < 12 or shannon_entropy(body) < 3.5:
        return False
    return not _HEX_BODY.fullmatch(body)


def api_token_spans(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of every API-token-shaped string that is not an obvious placeholder."""
    for match in API_TOKEN.finditer(text):
        if is_api_token(match.group(0)):
            yield match.start(), match.end()


def looks_like_client_secret(value: str) -> bool:
    """A literal that could be a real OAuth client secret (not a placeholder, no spaces)."""
    value = value.strip()
    if len(value) < 16 or len(value) > 512 or any(c.isspace() for c in value):
        return False
    if is_placeholder(value) or value.startswith(("http://", "https://", "/")):
        return False
    return len(set(value)) >= 10 and shannon_entropy(value) >= 3.3


PRIVATE_KEY_PLACEHOLDER = "-----BEGIN PRIVATE KEY-----…"
"""What a private key becomes in every output."""

SHOWN_PREFIX_FROM = 8
"""Shorter values show none of their characters: four of a seven-character password is most of
it."""


def redact_value(value: str) -> str:
    """The form a secret takes in every output: first four characters, then an ellipsis."""
    value = value.strip()
    if PRIVATE_KEY.search(value):
        return PRIVATE_KEY_PLACEHOLDER
    if len(value) < SHOWN_PREFIX_FROM:
        return "…"
    return value[:4] + "…"
