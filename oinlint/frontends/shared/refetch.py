"""Whether the code a 401 check guards answers the 401 with a new token (OIN303).

A check that only raises, logs or returns an error (``if r.status_code == 401: raise
AuthError(...)``) leaves a revoked or rotated token in the cache until it expires: what OIN303
asks for is one new token and a retry. The guarded block is read as text, the same way in every
language, for the ways code gets a new token: a call named for it (``refresh_token()``,
``self._authenticate()``, ``getAccessToken(true)``), the cached token or its cache dropped
(``self.token = None``, ``cache.clear()``, ``delete tokens[org]``), the request tried again
(``continue``, Ruby's ``retry``, a call of the function the check is in), a flag that says so
(``needs_refresh = True``), or an exception named for a retry (``raise TokenExpired``).

Judged only where the check is the condition of an ``if`` or a ``case``: anywhere else (a
predicate handed to a retry library, ``return r.status == 401``) it counts as answered, since
what follows cannot be seen from the check.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["TOKEN_ERROR", "answers_with_new_token"]

# An error that says the token is no longer good, as code tells it apart from other errors:
# ``if "Invalid access token" in e.message``, ``except TokenExpiredError``,
# ``err.code === 'invalid_token'``. A branch on it that gets a new token answers a 401 as well.
TOKEN_ERROR: Final = re.compile(
    r"(?i)invalid[\s_-]*(?:access[\s_-]*|auth\w*[\s_-]*|bearer[\s_-]*)?token"
    r"|token[\s_-]*(?:is[\s_-]*|has[\s_-]*(?:been[\s_-]*)?)?(?:expired|invalid|revoked)"
    r"|expired[\s_-]*(?:access[\s_-]*)?token|InvalidAuthenticationToken|unauthori[sz]ed")

# A call: an identifier before ``(`` (Ruby's ``refresh!`` / ``expired?`` too).
_CALL: Final = re.compile(r"(?<![\w$])(?:(raise|throw(?:\s+new)?|new)\s+)?([A-Za-z_$][\w$]*[!?]?)"
                          r"\s*\(")
# a call named for getting a token anew, or for dropping the kept one
_RENEWING: Final = re.compile(
    r"(?i)token|refresh|renew|re_?auth|re_?login|login|authenticat|authori[sz]e|credential"
    r"|^_?auth|auth$|connect|sign_?in|^(?:invalidate|evict|forget|clear|reset|expire|drop)"
    r"|retry|again|resend|reattempt|cache_clear")
# …unless it names the failure itself: ``handle_auth_error()``, ``UnauthorizedException(``
_FAILURE: Final = re.compile(
    r"(?i)error|exception|fail|invalid(?!at)|denied|unauthori[sz]ed|forbidden|log|print|warn|abort"
    r"|exit|panic|fatal|^raise|throw")
# the kept token or its cache dropped: ``self._token = None``, ``tokens[org] = nil``, any
# field of the object or entry of a record emptied (``self.value = None``, ``_state["t"] = None``)
_EMPTY: Final = r"\s*=\s*(?:None|nil|null|undefined|\"\"|''|0|false|\{\s*\}|\[\s*\])(?![\w.])"
_DROPPED: Final = re.compile(
    r"(?i)(?:token|cache|credential|expir|session|auth|bearer)[\w$.\[\]'\">-]*" + _EMPTY
    + r"|(?:\b(?:self|this|cls)\s*(?:\.|->)|@|\$this->)[\w$]+" + _EMPTY
    + r"|[\w$]\s*\[[^\]\n]+\]" + _EMPTY
    + r"|\b(?:del|delete|unset)\b\s*\(?\s*[\w$.\[\]'\">-]*(?:token|cache|credential)")
# the kept token replaced by what a call returns: ``self.token = self._fetch()``
_REPLACED: Final = re.compile(
    r"(?i)(?:token|bearer|credential|auth)[\w$.\[\]'\">-]*\s*=\s*(?:await\s+|yield\s+)?"
    r"[\w$.>:-]+\s*\(")
# a method dropping entries of a token-named receiver: ``token_cache.pop(org)``
_DROPPED_ENTRY: Final = re.compile(
    r"(?i)(?:token|cache|credential)[\w$.\[\]'\">-]*(?:\.|->)(?:pop|remove|delete|Remove|Delete"
    r"|clear|Clear|invalidate\w*|evict\w*|reset\w*|expire\w*|del)\s*[(!]")
# the request tried again, or a flag set for it
_RETRIED: Final = re.compile(
    r"\b(?:continue|retry|redo)\b"
    r"|(?i:\b[\w$.]*(?:refresh|retry|renew|reauth|expired|stale|need\w*_?new)\w*\s*=\s*"
    r"(?:True|true|1|yes)\b)")
# an exception a retry (a decorator, the caller) is there to catch
_RETRYABLE_RAISE: Final = re.compile(
    r"(?i)(?:expired|refresh|retry|reauth|renew|stale)")
_RAISE: Final = re.compile(r"\b(?:raise|throw(?:\s+new)?)\s+([\w$.:\\]+)")
# string literals and line comments: a message saying "retry" retries nothing
_STRING: Final = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`")
_COMMENT: Final = re.compile(r"(?m)(?:^|\s)(?:#|//)\s.*$")


_GUARDED_CHARS: Final = 4000


def answers_with_new_token(guarded: str, function: str | None = None) -> bool:
    """Whether ``guarded`` (the code a 401 check guards) gets a new token and tries again.

    ``function`` is the name of the function the check is in: calling it again is a retry."""
    # the answer to a 401 is written right after the check: a generated file's 1 MB branch is
    # not read whole for every check in it
    guarded = _COMMENT.sub("", guarded[:_GUARDED_CHARS])
    if _DROPPED.search(guarded) or _DROPPED_ENTRY.search(guarded) or _REPLACED.search(guarded):
        return True
    guarded = _STRING.sub('""', guarded)
    if any(_RETRYABLE_RAISE.search(m.group(1)) for m in _RAISE.finditer(guarded)):
        return True  # ``raise TokenExpired``: caught to fetch again
    if _RETRIED.search(guarded):
        return True
    for match in _CALL.finditer(guarded):
        keyword, name = match.group(1), match.group(2)
        if function and name.rstrip("!?") == function:
            return True
        if keyword and keyword != "new":
            continue  # ``raise AuthError(...)``, ``throw new Error(...)``
        if _RENEWING.search(name) and not _FAILURE.search(name):
            return True
    return False
