"""Text an org sent (``error_description``, ``error``) as the live checker may show it.

A hostile or broken server may answer 100 KB of text, ANSI escapes that rewrite the terminal,
a newline and ``::error::`` for a CI runner, or our own client secret echoed back (whole, or cut
by control characters). What is shown is redacted, with every control character escaped as
``\\xNN`` (:mod:`oinlint.printable`, shared with the reporters), and shortened.
"""

from __future__ import annotations

import re

from oinlint.printable import escape_controls, strip_controls
from oinlint.redact import redact

__all__ = ["MAX_SERVER_TEXT", "server_text"]

MAX_SERVER_TEXT = 200

# A whole terminal escape sequence (CSI ``ESC [ … m``, OSC ``ESC ] … BEL``, or ESC and one
# character): what a secret may be cut by, besides single control characters.
_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.",
                       re.DOTALL)


def server_text(value: object, limit: int = MAX_SERVER_TEXT) -> str:
    """``value`` redacted, on one line with control characters escaped, at most ``limit``
    characters (then ``…`` and how much was left out)."""
    text = redact(str(value))
    bare = strip_controls(_SEQUENCE.sub("", text))
    if redact(bare) != bare:  # a secret split by control characters: show it without them
        text = redact(bare)
    text = redact(escape_controls(text))
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text) - limit} more characters not shown)"
    return text
