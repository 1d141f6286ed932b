"""What every family of the text front end shares: spans, fact building, secret tests.

The :class:`Collector` turns offsets into :class:`~oinlint.facts.Span` s and de-duplicates facts
(two scans that see the same key yield one fact). The secret tests decide what a *literal*
credential is: a value assigned to a client-secret or private-key name that is neither a
placeholder, a reference to a secret store, nor a template.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Final

from oinlint.credentials import (
    api_token_spans,
    credential_kind_for_name,
    looks_like_client_secret,
    redact_value,
)
from oinlint.facts import (
    AuthHeader,
    CredentialSetting,
    Fact,
    FileFacts,
    ParseProblem,
    ScopeList,
    ScopeRef,
    SdkClient,
    SecretKind,
    SecretLiteral,
    Span,
)
from oinlint.frontends.text.lexer import Lexed

__all__ = [
    "Collector",
    "classify_path",
    "has_pem_body",
    "header_args",
    "header_scheme",
    "kind_of_name",
    "scan_header_args",
    "scan_urlencoded_secrets",
    "secret_kind",
    "urlencoded_secrets",
]

# A PEM private key with a body, not "-----BEGIN PRIVATE KEY-----\n...".
_PEM_WITH_BODY = re.compile(
    r"-----BEGIN (?:RSA |EC |ENCRYPTED |OPENSSH )?PRIVATE KEY-----(?:\\[nr]|\s)*[A-Za-z0-9+/=]{40,}"
)
_BASE64_KEY = re.compile(r"[A-Za-z0-9+/_\-]{64,}={0,2}")
_JWK_PRIVATE = re.compile(r"""["']?d["']?\s*:\s*["'][A-Za-z0-9_\-]{40,}""")
# Template syntax, interpolation and references to a secret store: not a literal secret.
_TEMPLATED = re.compile(
    r"\$\{|\{\{|\$\(|#\{|%\{|\{%|^\$[A-Za-z_]|^%[A-Za-z_]\w*%$|^@Microsoft\.KeyVault"
)
_REFERENCE = re.compile(
    r"^[A-Za-z][\w+.-]*://|^(?:vault|env|file|secret|secrets|ssm|sm|op|ref|arn)[:+]", re.IGNORECASE
)
_TOKENISH_LEAF = re.compile(r"token|api[-_.]?key|ssws", re.IGNORECASE)
# Every credential name holds one of these words: a cheap test before the real classifier.
_CANDIDATE_NAME = re.compile(r"token|key|secret|ssws", re.IGNORECASE)
# The scheme of a header value: a first word followed by a credential, or a bare known scheme
# (``Authorization: my-shared-secret`` has none).
_SCHEME = re.compile(
    r"\s*([A-Za-z][\w-]*)(?=[ \t]+\S|[ \t]*(?:$|[\"'`]))(?:(?<=[Ss][Ss][Ww][Ss])|(?<=[Bb]earer)|"
    r"(?<=[Bb]asic)|(?<=[Dd][Pp][Oo][Pp])|(?<=[Dd]igest)|(?<=[Nn]egotiate)|(?=[ \t]+\S))"
)
# Lowercase words joined by separators ("oauth-client-secret") name a secret, they are not one.
_WORDS_ONLY = re.compile(r"[a-z]+(?:[-_.][a-z]+)*")


@functools.lru_cache(maxsize=4096)
def kind_of_name(name: str) -> str | None:
    """:func:`credential_kind_for_name`, cached and pre-filtered (names repeat a lot)."""
    if not _CANDIDATE_NAME.search(name):
        return None
    return credential_kind_for_name(name)


def classify_path(path: tuple[str, ...], key: str) -> tuple[str | None, str]:
    """Kind of the credential a (possibly nested) key holds, and the name to report.

    ``okta: {client: {token: …}}`` holds an API token although ``token`` alone says little: a
    token-like leaf is also classified joined to its parents (``okta.client.token``).
    """
    kind = kind_of_name(key)
    if kind is not None:
        return kind, key
    if path and _TOKENISH_LEAF.search(key):
        for depth in (1, 2):
            if len(path) >= depth:
                joined = ".".join((*path[-depth:], key))
                if kind_of_name(joined) == "api-token":
                    return "api-token", joined
    return None, key


def header_scheme(value: str, start: int = 0, end: int | None = None) -> str | None:
    """The scheme of an ``Authorization`` header value (``SSWS`` in ``SSWS 00ab…``), or None when
    the value has none (``my-shared-secret``) or starts with an unknown part."""
    match = _SCHEME.match(value, start, len(value) if end is None else end)
    return match.group(1) if match else None


def has_pem_body(value: str) -> bool:
    return _PEM_WITH_BODY.search(value) is not None


def secret_kind(name: str | None, value: str) -> SecretKind | None:
    """The kind of literal credential ``value`` is, given the name it is assigned to."""
    kind = kind_of_name(name) if name else None
    stripped = value.strip()
    if kind == "private-key":
        if has_pem_body(stripped) or _JWK_PRIVATE.search(stripped) or \
                _BASE64_KEY.fullmatch(stripped):
            return "private-key"
        return None
    if kind == "client-secret":
        if has_pem_body(stripped):
            return "private-key"
        if _TEMPLATED.search(stripped) or _REFERENCE.search(stripped) or \
                _WORDS_ONLY.fullmatch(stripped):
            return None
        if looks_like_client_secret(stripped):
            return "client-secret"
        return None
    if has_pem_body(stripped):
        return "private-key"
    return None


class Collector:
    """Builds one file's facts from offsets; de-duplicates; never raises on odd input."""

    def __init__(self, path: str, lexed: Lexed, language: str) -> None:
        self.path = path
        self.lexed = lexed
        self.text = lexed.text
        self.language = language
        self.facts: list[Fact] = []
        self.problems: list[ParseProblem] = []
        self._seen: set[object] = set()
        self._okta: bool | None = None

    @property
    def mentions_okta(self) -> bool:
        if self._okta is None:
            self._okta = "okta" in self.text.lower()
        return self._okta

    def span(self, start: int, end: int) -> Span:
        return self.lexed.lines.span(self.path, start, end)

    def add(self, fact: Fact) -> None:
        if fact not in self._seen:
            self._seen.add(fact)
            self.facts.append(fact)

    def problem(self, offset: int, message: str) -> None:
        offset = max(0, min(offset, len(self.text)))
        line, column = self.lexed.lines.position(offset)
        self.problems.append(ParseProblem(Span(self.path, line, column, line, column + 1),
                                          message))

    # -- facts ---------------------------------------------------------------------------
    def setting(self, start: int, end: int, name: str, file_kind: str, has_value: bool,
                context: str = "", kind: str | None = None) -> None:
        """A declared credential variable: an API token's (OIN104), or an Okta private key's
        (``OKTA_CLIENT_PRIVATEKEY``: the SDK may be set up for OAuth from the environment)."""
        kind = kind or kind_of_name(name)
        if kind == "api-token" or (kind == "private-key" and "okta" in name.lower()):
            self.add(CredentialSetting(self.span(start, end), context, name,
                                       "api-token" if kind == "api-token" else "private-key",
                                       file_kind, has_value))

    def secret(self, name: str | None, start: int, end: int, context: str = "",
               span: tuple[int, int] | None = None, kind_override: SecretKind | None = None,
               ) -> bool:
        """A value assigned to ``name``: a SecretLiteral if it is a literal credential.

        ``span`` overrides where the fact points (source code: the literal with its quotes);
        ``kind_override`` is for values the caller has already judged (a JWK's ``d``).
        """
        if kind_override is None and (not name or kind_of_name(name) is None) and \
                "PRIVATE KEY" not in self.text[start:end]:
            return False
        value = self.text[start:end]
        stripped = value.strip()
        if not stripped:
            return False
        lead = len(value) - len(value.lstrip())
        start += lead
        end = start + len(stripped)
        kind = kind_override or secret_kind(name, stripped)
        if kind is None:
            return False
        okta = bool(name and "okta" in name.lower()) or self.mentions_okta
        where = self.span(*span) if span else self.span(start, end)
        self.add(SecretLiteral(where, context, kind, redact_value(stripped), name, okta))
        return True

    def header(self, start: int, end: int, scheme: str | None, via: str,
               context: str = "") -> None:
        self.add(AuthHeader(self.span(start, end), context, scheme, via))

    def header_value(self, start: int, end: int, via: str, context: str = "") -> None:
        """An Authorization header whose value text is ``text[start:end]``."""
        value = self.text[start:end]
        match = _SCHEME.match(value)
        scheme = match.group(1) if match else None
        if scheme and ("${" in value or "{{" in value or "$(" in value) and via == "literal":
            via = "template"
        self.header(start, end, scheme, via, context)

    def sdk(self, start: int, end: int, sdk: str, auth_mode: str | None,
            options: tuple[str, ...], token: tuple[int, int] | None, context: str = "",
            mode: tuple[int, int] | None = None) -> None:
        token_span = self.span(*token) if token else None
        self.add(SdkClient(self.span(start, end), context, sdk, auth_mode, options, token_span,
                           self.span(*mode) if mode else None))

    def api_tokens(self) -> None:
        """Every API-token-shaped string, comments and prose included: a leak is a leak."""
        for start, end in api_token_spans(self.text):
            self.add(SecretLiteral(self.span(start, end), "", "api-token",
                                   redact_value(self.text[start:end])))

    def scope_strings(self) -> None:
        """Okta scope names written in a configuration file (``OKTA_SCOPES="okta.users.read
        …"``, a YAML ``scopes:`` list, appsettings' ``"Scopes": [...]``), comments left out:
        one scope list per file, judged like a scope constant in code. A scope's name is its
        own evidence: nothing else is called ``okta.users.read``. Only a value that is a list
        of scopes counts: a line that says something about a scope (a note, a description)
        requests nothing."""
        code = self.lexed.code
        lines = self.lexed.lines
        listing: dict[int, bool] = {}  # each line is judged once, however many scopes it holds
        found: list[ScopeRef] = []
        for match in _OKTA_SCOPE.finditer(code):
            start = lines.line_start(match.start())
            if start not in listing:
                listing[start] = _only_scopes(code[start:lines.line_end(match.start())])
            if listing[start]:
                found.append(ScopeRef(match.group(), self.span(match.start(), match.end())))
        refs = tuple(found)
        if refs:
            first, last = refs[0].span, refs[-1].span
            where = Span(self.path, first.line, first.column, last.end_line, last.end_column)
            self.add(ScopeList(where, "", refs, "config"))

    def result(self) -> FileFacts:
        facts = sorted(self.facts, key=lambda f: (f.span.line, f.span.column, type(f).__name__))
        return FileFacts(self.path, self.language, tuple(facts), tuple(self.lexed.comments),
                         tuple(self.problems))


# an Okta scope name standing alone (not part of a longer dotted name or a URL's host) and
# ending in an action: ``okta.example.com`` is a host, ``okta.users.read`` a scope
_OKTA_SCOPE = re.compile(
    r"(?<![\w.\-/])okta(?:\.[A-Za-z][A-Za-z0-9]*)+\.(?:read|manage|self)(?![\w.\-/])")
# A line's keys (``OKTA_SCOPES=``, ``scopes:``, ``{"Okta": {"Scopes":``) and list dashes; what
# is left of a scope list is scope words and the punctuation between them.
_LINE_KEY = re.compile(
    r"""^\s*-\s+|(?:\bexport\s+)?["']?[A-Za-z_][\w.\-]*["']?\s*(?:=|:(?=[\s\[{"']|$))""")
_LIST_PUNCTUATION = re.compile(r"""[\[\]{}()"',+]""")
_SCOPE_WORD = re.compile(
    r"okta(?:\.[A-Za-z][A-Za-z0-9]*)+|openid|profile|email|address|phone|offline_access|groups")


def _only_scopes(line: str) -> bool:
    """Is this line a scope list (its value holds scope words and nothing else)?"""
    value = _LIST_PUNCTUATION.sub(" ", _LINE_KEY.sub(" ", line))
    words = value.split()
    return bool(words) and all(_SCOPE_WORD.fullmatch(word) for word in words)


# curl/wget/httpie-style header arguments: -H "Authorization: SSWS …", --header=…
_HEADER_ARG = re.compile(
    r"""(?:(?<![\w-])-H|--header|(?<![\w-])-header)"""
    r"""(?:[ \t]*=[ \t]*|(?:[ \t]|\\\r?\n)+|(?=[\\"']))(?:["'][ \t]*,[ \t]*)?"""
    r"""(?P<q>\\?["']|)[ \t]*(?P<h>authorization[ \t]*:)""",
    re.IGNORECASE,
)
_ASSIGNED = re.compile(r"(?:^|[\s;&|(])(?:export[ \t]+|local[ \t]+)?[A-Za-z_]\w*\+?=\(?[ \t]*$")
_WORD_END = re.compile(r"(?<!\\)\s")
_HEADER_LINE = re.compile(r"\s*authorization[ \t]*:[ \t]*", re.IGNORECASE)


def _header_end(text: str, start: int, quote: str, limit: int) -> int:
    if quote:
        close = text.find(quote, start, limit)
        while close > 0 and len(quote) == 1 and text[close - 1] == "\\":
            close = text.find(quote, close + 1, limit)
        end = limit if close < 0 else close
    else:
        match = _WORD_END.search(text, start, limit)
        end = limit if match is None else match.start()
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end


def header_args(code: str, start: int = 0, end: int | None = None,
                line_end: Callable[[int], int] | None = None,
                ) -> Iterator[tuple[int, int, str | None]]:
    """``-H "Authorization: …"`` in shell-like text: (start of ``Authorization``, end of the
    value, scheme) for each one; a value ends at its closing quote, or at whitespace when
    unquoted, and never past ``line_end(start)`` (default: the end of the line)."""
    stop = len(code) if end is None else end
    for match in _HEADER_ARG.finditer(code, start, stop):
        head = match.start("h")
        if line_end is not None:
            limit = line_end(head)
        else:
            newline = code.find("\n", head, stop)
            limit = stop if newline < 0 else newline
        value_end = _header_end(code, head, match.group("q"), limit)
        after = _HEADER_LINE.match(code, head)
        value_start = after.end() if after else head
        yield head, value_end, header_scheme(code, value_start, value_end)


_REQUEST_HEADER: Final = re.compile(r"(?im)^[ \t]*(authorization[ \t]*:[ \t]*)(\S.*?)[ \t]*$")


def scan_header_lines(collector: Collector) -> None:
    """``Authorization: SSWS {{token}}`` on a line of its own, as HTTP request files write
    their headers (under ``GET https://…``)."""
    code = collector.lexed.code
    for match in _REQUEST_HEADER.finditer(code):
        head = match.start(2)
        scheme = header_scheme(code, head, match.end(2))
        collector.header(head, match.end(2), scheme, "literal", "")


def scan_header_args(collector: Collector, start: int = 0, end: int | None = None,
                     *, bare_strings: bool = False, context: str = "") -> None:
    """``-H "Authorization: …"`` in shell-like text (comments already blanked out).

    With ``bare_strings``, a quoted header line assigned to a variable counts too (shell:
    ``AUTH="Authorization: SSWS $T"; curl -H "$AUTH" …``); one given to grep or echo does not.
    """
    code = collector.lexed.code
    stop = len(code) if end is None else end
    lines = collector.lexed.lines
    seen: set[int] = set()
    for head, value_end, scheme in header_args(code, start, stop, lines.line_end):
        collector.header(head, value_end, scheme, "curl", context)
        seen.add(head)
    if not bare_strings:
        return
    for token in collector.lexed.strings:
        if token.start < start or token.start >= stop:
            continue
        line = _HEADER_LINE.match(code, token.body_start, token.body_end)
        if line is None:
            continue
        scheme = header_scheme(code, line.end(), token.body_end)
        body = code[token.body_start : token.body_end]
        head = token.body_start + len(body) - len(body.lstrip())
        if head in seen or not _ASSIGNED.search(code, max(0, token.start - 80), token.start):
            continue
        value_end = min(token.body_end, lines.line_end(head))
        while value_end > head and code[value_end - 1] in " \t":
            value_end -= 1
        collector.header(head, value_end, scheme, "literal", context)


_URLENCODED_SECRET = re.compile(
    r"(?:^|(?<=[?&\s\"']))(?P<name>client_secret|clientSecret|client-secret)=(?P<value>[^&\s\"'`;|]+)"
)


def urlencoded_secrets(code: str, start: int = 0, end: int | None = None,
                       ) -> Iterator[tuple[str, int, int]]:
    """(name, value start, value end) of each ``client_secret=…`` in a form body or query."""
    for match in _URLENCODED_SECRET.finditer(code, start, len(code) if end is None else end):
        yield match.group("name"), match.start("value"), match.end("value")


def scan_urlencoded_secrets(collector: Collector, start: int, end: int,
                            context: str = "") -> None:
    """``client_secret=…`` in a form body or query string (``curl -d``, a URL literal)."""
    for name, value_start, value_end in urlencoded_secrets(collector.lexed.code, start, end):
        collector.secret(name, value_start, value_end, context)
