"""Neutral facts: what a front end saw in a file, independent of the language it was written in.

Front ends (``oinlint.frontends``) turn source into these frozen dataclasses; rules
(``oinlint.checks``) read them and never look at source. A new language is a new front end:
every rule then works for it. Each fact carries the exact :class:`Span` of the expression it
describes and ``context``, the qualified name of the enclosing function or class ("" at module
level), which makes finding fingerprints survive edits elsewhere in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, Literal, TypeVar

__all__ = [
    "USER_GRANTS",
    "ApiCall",
    "AuthHeader",
    "Comment",
    "CredentialSetting",
    "Fact",
    "FileFacts",
    "HandedToken",
    "HardcodedOrg",
    "HelperArg",
    "HelperCall",
    "HelperDef",
    "HttpApiUse",
    "ImportedSdkCall",
    "ImportedUrlCall",
    "ManagedResource",
    "OktaEvidence",
    "ParseProblem",
    "ProcessShape",
    "ReExport",
    "RefreshTokenUse",
    "ResponseHandling",
    "ReturnedUrl",
    "ScopeImport",
    "ScopeList",
    "ScopeRef",
    "SdkClient",
    "SdkClientExport",
    "SecretLiteral",
    "SecretLogged",
    "ServedToken",
    "Span",
    "TemplatePart",
    "TokenHandoff",
    "TokenRequest",
    "TransportSetting",
    "Unresolved",
    "UrlHost",
    "rebase",
]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A region of a file. Lines and columns are 1-based; ``end_column`` is exclusive (as SARIF)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def contains_line(self, line: int) -> bool:
        return self.line <= line <= self.end_line


@dataclass(frozen=True, slots=True)
class Fact:
    """Base of every fact: where it is and in which function or class."""

    span: Span
    context: str


@dataclass(frozen=True, slots=True)
class AuthHeader(Fact):
    """A value given to an HTTP ``Authorization`` header (or ``curl -H``, or an auth hook).

    ``scheme`` is the first word of the value when the front end could resolve it ("SSWS",
    "Bearer", "Basic", "DPoP"), else None. ``via`` says how the value was built: literal,
    f-string, concat, format, percent, constant, dict, auth-class, curl, template.
    """

    scheme: str | None
    via: str
    header: str = "Authorization"
    # the value is taken from the request being served (``req.headers.authorization``, a
    # signed-in user's session): a caller's token passed on, not one the integration keeps
    passed_on: bool = False


@dataclass(frozen=True, slots=True)
class SdkClient(Fact):
    """An Okta SDK client or tool configuration.

    ``auth_mode`` is the authorization mode given explicitly ("SSWS", "Bearer", "PrivateKey",
    ...), None when not given (the SDK's default applies) and "?" when given but not resolvable
    statically. ``options`` are the option names present (normalised to lower camel case, e.g.
    ``token``, ``clientId``, ``privateKey``, ``scopes``, ``apiToken``, ``accessToken``).
    ``token_span`` points at the token option's value when there is one, ``mode_span`` at
    the authorization mode's.
    """

    sdk: str
    auth_mode: str | None
    options: tuple[str, ...]
    token_span: Span | None = None
    mode_span: Span | None = None


SecretKind = Literal["api-token", "client-secret", "private-key"]


@dataclass(frozen=True, slots=True)
class SecretLiteral(Fact):
    """A literal that is a credential. Never carries the secret itself, only a redacted form."""

    kind: SecretKind
    redacted: str
    name: str | None = None
    okta_context: bool = False


@dataclass(frozen=True, slots=True)
class CredentialSetting(Fact):
    """A configuration or deployment file declares a credential variable (``OKTA_API_TOKEN=``).

    ``file_kind`` is the shape of the file: dotenv, compose, kubernetes, ci, json, toml, yaml,
    properties, dockerfile, shell, hcl. ``has_value`` is False for empty declarations.
    """

    name: str
    kind: SecretKind
    file_kind: str
    has_value: bool


@dataclass(frozen=True, slots=True)
class ScopeRef:
    """One scope string and where it is written."""

    name: str
    span: Span


ScopeRole = Literal["token-request", "sdk-config", "constant", "config", "submission"]


@dataclass(frozen=True, slots=True)
class ScopeList(Fact):
    """Scope strings the code requests or declares."""

    scopes: tuple[ScopeRef, ...]
    role: ScopeRole
    # role "constant": the module-level name it is bound to (other modules import it by name)
    name: str = ""


@dataclass(frozen=True, slots=True)
class ScopeImport(Fact):
    """Scopes requested through a name imported from another module (``from settings import
    SCOPES``): ``symbol`` is the import as written (``settings.SCOPES``, ``.settings.SCOPES``
    for a relative one). :mod:`oinlint.crossfile` looks the constant up in the project."""

    symbol: str
    role: ScopeRole


@dataclass(frozen=True, slots=True)
class ApiCall(Fact):
    """An HTTP call or SDK method call that reaches the Okta management API.

    ``path_template`` is the URL path with unresolved parts as ``{}`` holes (None when nothing
    is known). ``operation_id`` is set when the call names the operation (SDK method).
    """

    method: str | None
    path_template: str | None
    via: str
    operation_id: str | None = None
    base_url: str | None = None


AuthServerKind = Literal["org", "custom", "unknown"]
ClientAuth = Literal["basic", "body-secret", "private-key-jwt", "unknown"]
TokenCaching = Literal[
    "none", "local", "instance", "module", "per-org", "function-cache", "library", "unknown"
]
# Grants that act for a user (a sign-in): their tokens, and refresh tokens, are the user's.
USER_GRANTS: frozenset[str] = frozenset({
    "authorization_code", "password", "device_code",
    "urn:ietf:params:oauth:grant-type:device_code"})


@dataclass(frozen=True, slots=True)
class TokenRequest(Fact):
    """A request for an OAuth 2.0 access token and how its result is handled."""

    endpoint_kind: AuthServerKind
    url_template: str | None
    grant_type: str | None
    client_auth: ClientAuth
    scopes: tuple[ScopeRef, ...] = ()
    caching: TokenCaching = "unknown"
    expiry_honoured: bool | None = None
    retry_on_401: bool | None = None
    in_loop: bool = False
    per_call: bool = False
    follow_redirects: bool | None = None
    verify_tls: bool | None = None
    via: str = "http"
    # Where the token URL is written (OIN401 points there), and the call site that keeps the
    # token or throws it away (the module-level fetch, the fetch inside a loop); None: the
    # request itself. ``expiry_read``: ``expires_in`` / ``exp`` is read on the token's path;
    # ``clock_used``: a clock is compared there. ``expiry_honoured`` is both.
    url_span: Span | None = None
    site: Span | None = None
    expiry_read: bool = False
    clock_used: bool = False
    # Where a token is fetched inside a loop or once per API call (OIN304 points at each).
    fetch_sites: tuple[Span, ...] = ()
    # A token held in a local that a long-running part of the program keeps using: "loop" (a
    # ``while True`` worker loop), "worker" (a thread or process), "server", "scheduler", or
    # "orgs" (a one-shot run that fetched a token per org up front); None: nothing holds it.
    held_by: str | None = None
    # The function that returns the token to callers in other modules (``get_token``,
    # ``Tokens.fetch``): its fate is decided there (``TokenHandoff``, :mod:`oinlint.crossfile`).
    exported_by: str | None = None
    # The function that hands the token this code keeps (a cache, an attribute) to callers in
    # other modules, a getter: where they send it is where OIN303 points (``ServedToken``).
    served_by: str | None = None
    # Where a fixed lifetime the token is renewed on is written (``TOKEN_TTL = 3300``, the
    # ``55 * time.Minute`` in ``time.Now().Add(…)``): OIN302 points there; None: not seen.
    lifetime_span: Span | None = None


@dataclass(frozen=True, slots=True)
class TokenHandoff(Fact):
    """A call of a function of another module of the project whose result this file keeps:
    what would make it a token's fate if that function returns a fresh access token. The
    fields are a ``TokenRequest``'s, decided here: ``caching`` where the result is kept,
    ``held_by`` a long-running part that keeps using it, ``in_loop`` / ``per_call`` fetched
    per item or per API call, and the expiry handling seen beside it. ``callee`` is named as a
    ``HelperCall``'s. :mod:`oinlint.crossfile` joins it with the exporting ``TokenRequest``."""

    callee: str
    caching: TokenCaching
    held_by: str | None = None
    in_loop: bool = False
    per_call: bool = False
    expiry_read: bool = False
    clock_used: bool = False


@dataclass(frozen=True, slots=True)
class HandedToken(Fact):
    """Resolved across files (never cached): a ``TokenHandoff`` of this file whose callee
    returns the fresh token of ``request`` (in another file). The lifecycle rules judge the
    token where it is kept, here."""

    request: TokenRequest
    handoff: TokenHandoff


@dataclass(frozen=True, slots=True)
class ServedToken(Fact):
    """Resolved across files (never cached): a call in this file of the getter that hands out
    the kept token of ``request`` (``TokenRequest.served_by``, in another file). What this
    function sends in its ``Authorization`` header is that token."""

    request: TokenRequest


TransportKind = Literal["verify-off", "http-url", "follow-redirects"]


@dataclass(frozen=True, slots=True)
class TransportSetting(Fact):
    """A transport choice that weakens an HTTP call: TLS verification off, a plain ``http://``
    Okta URL, redirects followed. ``target`` is "token" for a token request, else "any"."""

    setting: TransportKind
    target: str = "any"
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SecretLogged(Fact):
    """A token, client secret or API token handed to a log call, ``print`` or exception text."""

    name: str
    sink: str


ProcessKind = Literal["server", "scheduler", "loop", "handler", "cli"]


@dataclass(frozen=True, slots=True)
class ProcessShape(Fact):
    """How long the process that runs this code lives, from what the code shows.

    "server" (``app.listen``, Flask, ``http.ListenAndServe``, a Spring controller),
    "scheduler" (``setInterval``, cron, ``schedule.every``, ``@Scheduled``) and "loop" (a
    ``while True`` / ``for {}`` worker loop) run for hours: a token kept there outlives its
    hour. "handler" (an AWS Lambda handler) runs per event in a container that is reused while
    warm; "cli" (``if __name__ == "__main__"``, argparse, click, cobra, a top-level script)
    runs once and exits. The lifecycle rules read a project's shapes (OIN301, OIN303).
    ``evidence`` is the short code that shows it (``app.listen()``)."""

    kind: ProcessKind
    evidence: str = ""


# "401": a 401 status check answered with a new token (or whose answer cannot be told);
# "401-unanswered": one that only raises, logs or returns an error
ResponseKind = Literal["401", "401-unanswered", "429", "rate-limit-header", "pagination"]


@dataclass(frozen=True, slots=True)
class ResponseHandling(Fact):
    """Code that reacts to a response property: 401, 429, rate-limit headers, ``Link: next``.

    Project rules use these to tell whether *any* code on the way answers such a response."""

    kind: ResponseKind


@dataclass(frozen=True, slots=True)
class RefreshTokenUse(Fact):
    """Code that reads or sends a refresh token (a ``refresh_token`` grant or key)."""

    how: str


@dataclass(frozen=True, slots=True)
class HttpApiUse(Fact):
    """A direct HTTP call (requests, httpx, aiohttp, urllib3) whose URL is an Okta management
    API path (``/api/v1/…``): the hygiene rules' view of "where the API is called".
    ``path`` starts at ``/api/`` with ``{}`` holes; ``method`` is upper case."""

    method: str
    path: str


@dataclass(frozen=True, slots=True)
class TemplatePart:
    """A piece of a URL template: literal text (``{}`` marks an unknown hole) or, when
    ``param`` is set, the value of that parameter of the enclosing function."""

    text: str
    param: str = ""
    # the value an imported function returns (``utils.api_info#0``: item 0 of the tuple it
    # returns, ``#-1`` the whole value), looked up by :mod:`oinlint.crossfile`
    returned: str = ""


@dataclass(frozen=True, slots=True)
class HelperArg:
    """One argument of a :class:`HelperCall`: its keyword ("" positional) and its value as a
    template (``()``: not a string we can evaluate)."""

    keyword: str
    parts: tuple[TemplatePart, ...]


@dataclass(frozen=True, slots=True)
class HelperDef(Fact):
    """A function of this file that makes an HTTP call whose URL (or method) comes from its
    parameters (a wrapper). ``name`` is its qualified name in the module (``get``,
    ``OktaClient.get``); ``url`` is the URL in terms of ``params``; ``method_param`` names
    the parameter holding the verb when ``method`` is not fixed. The span is the inner call."""

    name: str
    params: tuple[str, ...]
    url: tuple[TemplatePart, ...]
    method: str | None
    method_param: str = ""


@dataclass(frozen=True, slots=True)
class HelperCall(Fact):
    """A call of a function defined in another module (or of this file's wrapper, from a
    wrapper) given a URL-like argument. ``callee`` is the name as imported (``okta.get``,
    ``.okta.OktaClient.get`` for a relative import, ``:name`` for this module's own);
    ``params`` are the enclosing function's parameters that ``args`` may refer to."""

    callee: str
    args: tuple[HelperArg, ...]
    params: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReturnedUrl(Fact):
    """What a module-level function returns, when it is a URL (``def api_info(): return
    f"https://{org}/api/v1", headers``): ``item`` is its index in the tuple returned, -1 for
    the whole value; ``url`` with the function's parameters as holes. For the calls other
    modules build from it (:class:`ImportedUrlCall`)."""

    name: str
    item: int
    url: tuple[TemplatePart, ...]


@dataclass(frozen=True, slots=True)
class ImportedUrlCall(Fact):
    """An HTTP call whose URL is built from what an imported function returns (``base_url,
    headers = api_info()`` then ``requests.get(f"{base_url}/users")``): the URL with that value
    as a ``returned`` part, resolved by :mod:`oinlint.crossfile`."""

    method: str | None
    via: str
    url: tuple[TemplatePart, ...]


@dataclass(frozen=True, slots=True)
class SdkClientExport(Fact):
    """An Okta SDK client other modules may use: a module-level client (``client =
    OktaClient(config)``) or a module-level function returning a new one (``def
    make_client(): return OktaClient(config)``). ``name`` as a ``HelperDef``'s."""

    name: str
    sdk: str


@dataclass(frozen=True, slots=True)
class ImportedSdkCall(Fact):
    """A method named like an Okta SDK operation called on another module's name or on what
    its function returns (``from okta_client import client`` … ``client.list_users()``,
    ``make_client().list_groups()``). ``callee`` as a ``HelperCall``'s; an ``ApiCall`` when
    :mod:`oinlint.crossfile` finds a ``SdkClientExport`` there."""

    callee: str
    method: str


@dataclass(frozen=True, slots=True)
class ReExport(Fact):
    """A name this JavaScript/TypeScript module exports that is defined elsewhere or under
    another name: ``export { get } from './okta'`` (``target`` ``./okta#get``), ``export *
    from './okta'`` (``name`` "*", ``target`` ``./okta#``), ``export default client``
    (``name`` "default", ``target`` ``:client``). :mod:`oinlint.crossfile` follows it."""

    name: str
    target: str


@dataclass(frozen=True, slots=True)
class HardcodedOrg(Fact):
    """A literal Okta org URL (``https://acme.okta.com``) in code, not a placeholder."""

    host: str


@dataclass(frozen=True, slots=True)
class OktaEvidence(Fact):
    """Where a file first shows that it is about Okta (outside comments): an org host
    (``acme.okta.com``), an Okta SDK or an Okta-named setting or name (``OKTA_ORG_URL``,
    ``oktaUrl``). Transport rules report only in such files and name this as their evidence."""

    what: str


@dataclass(frozen=True, slots=True)
class UrlHost(Fact):
    """The first place a file names a URL's host (``https://login.acme.com/...``) outside a
    comment line, other than an Okta host. An Okta org reached through a custom domain looks
    like any other host: the ``okta-domains`` setting says which are Okta's, at rule time (facts
    are cached per file and never depend on settings). ``secure``: ``https://``."""

    host: str
    secure: bool


@dataclass(frozen=True, slots=True)
class ManagedResource(Fact):
    """A Terraform ``resource`` or ``data`` block of the ``okta`` provider: what the
    configuration manages (``kind`` "resource") or only reads ("data"), e.g. ``okta_group``.
    ``name`` is the block's second label."""

    kind: Literal["resource", "data"]
    type: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Unresolved(Fact):
    """Something a rule family would need that the front end could not resolve statically."""

    what: str
    detail: str = ""
    # The literal start of an unresolved call's path (``/api/v1/users``), None when nothing
    # of it is known: the call can only need scopes of operations under it.
    prefix: str | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment with its position; suppressions are read from these."""

    line: int
    column: int
    text: str
    standalone: bool


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """The front end could not read the file (or part of it); becomes an OIN000 finding."""

    span: Span
    message: str


F = TypeVar("F", bound=Fact)


@dataclass(frozen=True, slots=True)
class FileFacts:
    """Everything one front end learnt about one file."""

    path: str
    language: str
    facts: tuple[Fact, ...] = ()
    comments: tuple[Comment, ...] = ()
    problems: tuple[ParseProblem, ...] = ()

    def of(self, kind: type[F]) -> Iterator[F]:
        """The facts of one type, in file order."""
        for fact in self.facts:
            if isinstance(fact, kind):
                yield fact


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _moved(value: Any, old: str, new: str) -> Any:
    """``value`` with every Span in ``old`` moved to ``new``; unchanged parts are shared."""
    if isinstance(value, Span):
        return replace(value, path=new) if value.path == old else value
    if isinstance(value, tuple):
        items = tuple(_moved(item, old, new) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    kind = type(value)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = (
            tuple(f.name for f in fields(value)) if is_dataclass(value) else ())
    if not names:
        return value
    changes: dict[str, Any] = {}
    for name in names:
        current = getattr(value, name)
        if current is None or isinstance(current, str | int | float | bool):
            continue
        moved = _moved(current, old, new)
        if moved is not current:
            changes[name] = moved
    return replace(value, **changes) if changes else value


def rebase(file_facts: FileFacts, path: str) -> FileFacts:
    """The same facts for a byte-identical file at ``path`` (front ends read no path but the
    one they put in spans, so a copied file need not be parsed twice)."""
    if file_facts.path == path:
        return file_facts
    moved: FileFacts = _moved(file_facts, file_facts.path, path)
    return replace(moved, path=path)
