"""Least-privilege scope analysis: the Okta calls the code makes against the scopes it asks for.

Every file's facts plus the submission go in; out comes an :class:`Analysis` that the OIN2xx
rules, the scope matrix (``--show-scopes``, ``"scopes"`` in JSON) and ``oinlint init`` read,
so the three can never disagree. The semantics, in one place:

* A call *needs* one alternative of its operation's ``oauth2_alternatives`` (each an AND-set,
  e.g. group-push mappings need ``okta.apps.read`` and ``okta.groups.read`` at once).
* A ``.manage`` scope covers its ``.read`` twin (Okta docs; ``okta.logs.read`` has no twin).
* A call is *resolved* when the matcher found one operation, or several that agree on scopes
  (e.g. the same path under two methods that need the same scope). Anything else (the path
  is built at runtime, candidates disagree, no Okta operation has that shape) is counted in
  :attr:`Analysis.unresolved` and never guessed: rules that would claim "nothing needs this
  scope" stay silent for every scope such a call could need. Partial knowledge counts: a call
  whose path is known up to ``/api/v1/users/…`` can only need scopes of operations under it;
  a call of which nothing is known could need any scope.
* A Terraform ``resource``/``data`` block of the ``okta`` provider is a call too: it needs the
  scopes of its row in ``okta/data/terraform_resources.json`` (unknown blocks: unresolved).
* Without a submission, the scopes the project's own token requests ask for stand in for the
  declared ones (:attr:`Analysis.requests`), but only when every token request's scopes are
  known (:attr:`Analysis.open_requests` is empty).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from oinlint.facts import (
    ApiCall,
    AuthHeader,
    FileFacts,
    ManagedResource,
    ScopeList,
    SdkClient,
    Span,
    TokenRequest,
    Unresolved,
)
from oinlint.okta import lookup, match, operations, satisfies, scope, twin
from oinlint.okta.spec import Operation
from oinlint.okta.terraform import terraform_block
from oinlint.okta_code import another_products_call, okta_evidence_of
from oinlint.testfiles import is_test_file

__all__ = [
    "Analysis",
    "CallNeed",
    "RequestSite",
    "ScopeRow",
    "ScopeUse",
    "analyse",
    "covers",
    "minimal_scopes",
]

Alternatives = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class CallNeed:
    """One Okta call and what it needs. ``alternatives`` is None when it could not be decided;
    ``candidates`` are then the operations the call could still be (possibly none)."""

    span: Span
    context: str
    method: str | None
    path: str
    via: str
    operations: tuple[Operation, ...]
    alternatives: Alternatives | None
    status: str
    reason: str = ""

    @property
    def anything(self) -> bool:
        """Unresolved and nothing narrows it down: it could need any scope."""
        return self.alternatives is None and not self.operations and self.status == "unresolved"

    @property
    def label(self) -> str:
        """``GET /api/v1/users (listUsers)`` for messages."""
        if self.via == "terraform":
            return self.path
        ids = ", ".join(dict.fromkeys(op.operation_id for op in self.operations[:3]))
        head = f"{self.method or 'ANY'} {self.path}"
        return f"{head} ({ids})" if ids and self.alternatives is not None else head

    @property
    def where(self) -> str:
        return f"{self.span.path}:{self.span.line}"

    def could_need(self) -> frozenset[str]:
        """Every scope any candidate names (for unresolved calls)."""
        return frozenset(s for op in self.operations for alt in op.oauth2_alternatives
                         for s in alt)


@dataclass(frozen=True, slots=True)
class ScopeUse:
    """A scope string in the code (``role``: token-request, sdk-config, constant).
    ``okta``: requested from an Okta authorization server (an Okta SDK's or provider's
    configuration, a token request to the org authorization server)."""

    name: str
    span: Span
    role: str
    okta: bool = False

    def okta_business(self) -> bool:
        """Is this string Okta's to judge? Okta-shaped, or asked of Okta. An application's
        own ``orders:read`` sent to its own server is not."""
        return self.okta or self.name.lower().startswith("okta")


@dataclass(frozen=True, slots=True)
class RequestSite:
    """A place that asks Okta for a token: a token request, an SDK or provider configured
    for OAuth. ``names`` are the scopes it asks for; ``reason`` says why they are not known
    (then ``names`` is empty and the site is open)."""

    span: Span
    what: str
    names: tuple[str, ...] = ()
    reason: str = ""
    # a scope constant or configuration standing for requests whose scopes are not known
    stands_in: bool = False

    @property
    def where(self) -> str:
        return f"{self.span.path}:{self.span.line}"


@dataclass(slots=True)
class ScopeRow:
    """One line of the scope matrix."""

    name: str
    declared: list[Span] = field(default_factory=list)
    requested: list[ScopeUse] = field(default_factory=list)
    required_by: list[CallNeed] = field(default_factory=list)
    granted: bool | None = None  # filled by the live checker; None until then
    covered_by: str | None = None  # a declared .manage twin that grants this .read scope

    def to_dict(self) -> dict[str, Any]:
        entry = scope(self.name)
        return {
            "scope": self.name,
            "known": entry is not None,
            "usable_by_api_service": entry.usable_by_api_service if entry else None,
            "declared": [_where(s) for s in self.declared],
            "requested": [{**_where(u.span), "role": u.role} for u in self.requested],
            "required_by": [
                {**_where(c.span), "method": c.method, "url_path": c.path,
                 "operations": [op.operation_id for op in c.operations]}
                for c in self.required_by
            ],
            "covered_by": self.covered_by,
            "granted": self.granted,
        }


def _where(span: Span) -> dict[str, Any]:
    return {"path": span.path, "line": span.line, "column": span.column}


def covers(have: str, needed: str) -> bool:
    """Does ``have`` grant ``needed``? Itself, or the ``.manage`` twin of a ``.read`` scope."""
    if have == needed:
        return True
    entry = scope(needed)
    return entry is not None and entry.is_read and entry.twin == have


def _satisfied(alternatives: Alternatives, granted: Iterable[str]) -> bool:
    have = frozenset(granted)
    return not alternatives or any(all(satisfies(have, s) for s in alt) for alt in alternatives)


def _preferred(alternatives: Alternatives, granted: Iterable[str] = ()) -> tuple[str, ...]:
    """The alternative to name: one the grant satisfies, else the fewest manage scopes."""
    have = frozenset(granted)
    for alt in alternatives:
        if all(satisfies(have, s) for s in alt):
            return alt
    return min(alternatives, key=lambda alt: (sum(s.endswith(".manage") for s in alt), len(alt)))


@dataclass(frozen=True, slots=True)
class Analysis:
    """The project's Okta calls, scopes requested in code, and scopes declared."""

    calls: tuple[CallNeed, ...]
    unresolved: tuple[CallNeed, ...]
    requested: tuple[ScopeUse, ...]
    declared: tuple[tuple[str, Span], ...]
    submission: Any = None
    requests: tuple[RequestSite, ...] = ()
    open_requests: tuple[RequestSite, ...] = ()
    # Files whose calls authenticate with an API token only (SSWS): OIN101/OIN102's business,
    # never compared with the scopes of token requests.
    api_token_files: frozenset[str] = frozenset()
    # Answers already worked out, per question: rules ask the same ones for every finding.
    _memo: dict[tuple[str, Any], Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_calls(self) -> bool:
        return bool(self.calls or self.unresolved)

    @property
    def declared_names(self) -> frozenset[str]:
        key = ("declared_names", None)
        if key not in self._memo:
            self._memo[key] = frozenset(name for name, _ in self.declared)
        names: frozenset[str] = self._memo[key]
        return names

    @property
    def requested_names(self) -> frozenset[str]:
        key = ("requested_names", None)
        if key not in self._memo:
            self._memo[key] = frozenset(u.name for u in self.requested)
        names: frozenset[str] = self._memo[key]
        return names

    def users_of(self, name: str) -> list[CallNeed]:
        """Resolved calls one of whose alternatives ``name`` helps to satisfy."""
        key = ("users_of", name)
        if key not in self._memo:
            self._memo[key] = [c for c in self.calls if c.alternatives and any(
                covers(name, s) for alt in c.alternatives for s in alt)]
        found: list[CallNeed] = self._memo[key]
        return found

    def unresolved_users_of(self, name: str) -> list[CallNeed]:
        """Unresolved calls that might need ``name`` (any candidate names a scope it covers)."""
        key = ("unresolved_users_of", name)
        if key not in self._memo:
            self._memo[key] = [
                c for c in self.unresolved
                if c.anything or any(covers(name, s) for s in c.could_need())]
        found: list[CallNeed] = self._memo[key]
        return found

    @property
    def requests_known(self) -> bool:
        """The project asks Okta for tokens and the scopes of every such request are known."""
        return bool(self.requests) and not self.open_requests

    def missing(self, call: CallNeed, granted: Iterable[str]) -> tuple[str, ...]:
        """Scopes ``call`` needs beyond ``granted`` (empty: satisfied)."""
        have = frozenset(granted)
        if call.alternatives is None or _satisfied(call.alternatives, have):
            return ()
        best = min(call.alternatives,
                   key=lambda alt: (sum(not satisfies(have, s) for s in alt),
                                    sum(s.endswith(".manage") for s in alt)))
        return tuple(s for s in best if not satisfies(have, s))

    def read_suffices(self, name: str, granted: Iterable[str]) -> str | None:
        """For a ``.manage`` scope used only for reads: its ``.read`` twin, else None."""
        key = ("read_suffices", (name, frozenset(granted)))
        if key not in self._memo:
            self._memo[key] = self._read_suffices(name, key[1][1])
        answer: str | None = self._memo[key]
        return answer

    def _read_suffices(self, name: str, granted: frozenset[str]) -> str | None:
        entry = scope(name)
        read = twin(name)
        if entry is None or not entry.is_manage or read is None:
            return None
        users = self.users_of(name)
        if not users or self.unresolved_users_of(name):
            return None
        reduced = (frozenset(granted) - {name}) | {read}
        if all(c.alternatives is not None and _satisfied(c.alternatives, reduced)
               for c in users):
            return read
        return None

    def matrix(self) -> list[ScopeRow]:
        """Per scope: declared (where), requested in code (where), required by calls, granted."""
        rows: dict[str, ScopeRow] = {}

        def row(name: str) -> ScopeRow:
            return rows.setdefault(name, ScopeRow(name))

        for name, span in self.declared:
            row(name).declared.append(span)
        for use in self.requested:
            row(use.name).requested.append(use)
        granted = self.declared_names or self.requested_names
        for call in self.calls:
            if call.alternatives:
                for name in _preferred(call.alternatives, granted):
                    row(name).required_by.append(call)
        for entry in rows.values():
            manage = twin(entry.name)
            if (not entry.declared and entry.name.endswith(".read") and manage is not None
                    and manage in self.declared_names):
                entry.covered_by = manage
        return sorted(rows.values(), key=lambda r: r.name)


def minimal_scopes(analysis: Analysis) -> dict[str, list[str]]:
    """The fewest scopes the calls need (read where only reads are made), with where:
    ``{"okta.users.read": ["app.py:3"]}`` (for ``oinlint init``). A scope the code requests
    that an unresolved call could need is kept too: dropping it could break that call."""
    needed: dict[str, list[str]] = {}
    for call in analysis.calls:
        if not call.alternatives:
            continue
        for name in _preferred(call.alternatives):
            places = needed.setdefault(name, [])
            if call.where not in places:
                places.append(call.where)
    for use in analysis.requested:
        if not use.okta_business() or scope(use.name) is None:
            continue
        for call in analysis.unresolved_users_of(use.name):
            places = needed.setdefault(use.name, [])
            if call.where not in places:
                places.append(call.where)
    # A manage scope makes its read twin redundant.
    for name in list(needed):
        manage = twin(name)
        if name.endswith(".read") and manage in needed:
            needed[manage].extend(p for p in needed.pop(name) if p not in needed[manage])
    return dict(sorted(needed.items()))


def _need(call: ApiCall) -> CallNeed:
    if call.operation_id is not None:
        op = lookup(call.operation_id)
        if op is not None:
            return CallNeed(call.span, call.context, op.method, op.path, call.via, (op,),
                            op.oauth2_alternatives, "matched")
    path = call.path_template or ""
    result = match(call.method, path) if path else None
    if result is None:
        return CallNeed(call.span, call.context, call.method, path, call.via, (), None,
                        "unresolved", "no part of the path is known")
    alternatives = result.oauth2_alternatives
    if result.status in ("matched", "ambiguous") and alternatives is not None:
        return CallNeed(call.span, call.context, call.method, result.path or path, call.via,
                        result.candidates, alternatives, result.status, result.reason)
    reason = result.reason or result.status
    if result.status == "ambiguous":
        reason = f"{reason}; the candidates need different scopes"
    return CallNeed(call.span, call.context, call.method, result.path or path, call.via,
                    result.candidates, None, result.status, reason)


def _segments_fit(prefix: list[str], path: list[str]) -> bool:
    return len(path) >= len(prefix) and all(
        a == b or "{" in a or b.startswith("{") for a, b in zip(prefix, path, strict=False))


def _under(method: str | None, prefix: str) -> tuple[Operation, ...]:
    """Management operations at or below ``prefix`` (``/api/v1/users``): all a call whose
    path is known only that far could be."""
    head = [seg for seg in prefix.split("?", 1)[0].split("/") if seg]
    return tuple(op for op in operations() if op.family == "management"
                 and (method is None or op.method == method)
                 and _segments_fit(head, [seg for seg in op.path.split("/") if seg]))


def _unresolved(fact: Unresolved) -> CallNeed:
    method, _, path = fact.detail.partition(" ")
    verb = None if method in ("ANY", "") else method
    result = match(verb, path) if path else None
    candidates = result.candidates if result is not None else ()
    reason = result.reason if result is not None and result.reason else "built at runtime"
    if not candidates and fact.prefix:
        candidates = _under(verb, fact.prefix)
        reason = f"only its start {fact.prefix} is known"
        path = f"{fact.prefix.rstrip('/')}/…"
    return CallNeed(fact.span, fact.context, verb, path, "unresolved", candidates, None,
                    "unresolved", reason)


def _terraform(fact: ManagedResource) -> CallNeed:
    """A Terraform block of the okta provider as a call needing its row's scopes."""
    label = f'{fact.kind} "{fact.type}"' + (f' "{fact.name}"' if fact.name else "")
    row = terraform_block(fact.kind, fact.type)
    if row is None:
        return CallNeed(fact.span, fact.context, None, label, "terraform", (), None,
                        "unresolved", "oinlint does not know the scopes of this block type")
    return CallNeed(fact.span, fact.context, None, label, "terraform", (),
                    (row.scopes,), "matched", row.source)


_USER_GRANTS = ("authorization_code", "refresh_token", "password", "implicit")


def _asks_okta(fact: TokenRequest) -> bool:
    """A token request for the Management API: not a user's sign-in, not a custom server."""
    grant = (fact.grant_type or "").lower()
    return fact.endpoint_kind != "custom" and not any(g in grant for g in _USER_GRANTS)


def _oauth_client(fact: SdkClient) -> bool:
    """An SDK client or provider configured to get OAuth tokens (private key, scopes)."""
    options = set(fact.options)
    return fact.auth_mode in ("PrivateKey", "?") or "scopes" in options or (
        fact.auth_mode is None and "privateKey" in options and "apiToken" not in options)


def _api_token_only(facts: FileFacts) -> bool:
    """Does this file authenticate with an API token and show no sign of OAuth?"""
    ssws = oauth = False
    for fact in facts.facts:
        if isinstance(fact, AuthHeader):
            ssws |= fact.scheme == "SSWS"
            oauth |= fact.scheme in ("Bearer", "DPoP")
        elif isinstance(fact, SdkClient):
            if _oauth_client(fact):
                oauth = True
            else:
                ssws |= fact.auth_mode == "SSWS" or bool(
                    {"token", "apiToken"} & set(fact.options))
        elif isinstance(fact, TokenRequest):
            oauth = True
    return ssws and not oauth


def _inside(inner: Span, outer: Span) -> bool:
    return (inner.path == outer.path and outer.line <= inner.line
            and inner.end_line <= outer.end_line)


def _configures(lst: ScopeList, client: SdkClient) -> bool:
    """Is ``lst`` part of ``client``'s configuration? Inside its span, or (a Terraform
    provider, whose span is its header) an attribute of its block."""
    if _inside(lst.span, client.span):
        return True
    return (client.sdk == "terraform" and lst.span.path == client.span.path
            and bool(client.context) and lst.context == client.context)


def _beside(lst: ScopeList, client: SdkClient) -> bool:
    """A configuration object built before ``new Client(config)`` in the same function
    (``const config = { scopes: [...] }``): its scopes are that client's."""
    return (lst.span.path == client.span.path and lst.context == client.context
            and lst.span.line <= client.span.line)


class _Sites:
    """The token-request sites of a project and the scope strings asked of Okta."""

    def __init__(self) -> None:
        self.tokens: list[TokenRequest] = []
        self.clients: list[SdkClient] = []
        self.lists: list[ScopeList] = []
        self.open: list[RequestSite] = []

    def okta_lists(self) -> set[int]:
        """ids of the scope lists sent to Okta (SDK configuration, org-server requests)."""
        found = {id(lst) for lst in self.lists if lst.role == "sdk-config"}
        for lst in self.lists:
            if lst.role == "token-request" and any(
                    t.endpoint_kind == "org" and _inside(lst.span, t.span) for t in self.tokens):
                found.add(id(lst))
        return found

    def sites(self) -> tuple[tuple[RequestSite, ...], tuple[RequestSite, ...]]:
        known: list[RequestSite] = []
        opened = list(self.open)
        used: set[int] = set()
        # configuration lists written inside some client's ``new Client({...})``
        inside = {id(lst) for lst in self.lists for c in self.clients if _configures(lst, c)}
        for token in self.tokens:
            if not _asks_okta(token):
                continue
            names = [ref.name for ref in token.scopes]
            for lst in self.lists:
                if lst.role == "token-request" and _inside(lst.span, token.span):
                    used.add(id(lst))
                    names.extend(ref.name for ref in lst.scopes)
            if names:
                known.append(RequestSite(token.span, "the token request",
                                         tuple(dict.fromkeys(names))))
            else:
                opened.append(RequestSite(token.span, "the token request", (),
                                          "its scope is not known statically"))
        for client in self.clients:
            if not _oauth_client(client):
                continue
            names = []
            for lst in self.lists:
                if lst.role == "sdk-config" and (_configures(lst, client) or (
                        _beside(lst, client) and id(lst) not in inside)):
                    used.add(id(lst))
                    names.extend(ref.name for ref in lst.scopes)
            what = f"the {client.sdk} configuration"
            if names:
                known.append(RequestSite(client.span, what, tuple(dict.fromkeys(names))))
            else:
                opened.append(RequestSite(client.span, what, (), "its scopes are not known"))
        for lst in self.lists:
            if lst.role in ("token-request", "sdk-config") and id(lst) not in used:
                what = "the token request" if lst.role == "token-request" else \
                    "the SDK configuration"
                known.append(RequestSite(lst.span, what,
                                         tuple(dict.fromkeys(r.name for r in lst.scopes))))
        if opened and not known:
            return self.named_elsewhere(opened)
        return tuple(known), tuple(opened)

    def named_elsewhere(self, opened: list[RequestSite]
                        ) -> tuple[tuple[RequestSite, ...], tuple[RequestSite, ...]]:
        """Token requests whose scopes are not known here, in a project whose code names its
        Okta scopes in one place only: a constant (``DEFAULT_SCOPES``, the default of
        ``os.getenv("OKTA_SCOPES", DEFAULT_SCOPES)``) or a configuration file. Those are the
        scopes it asks for, as OIN203 already takes them to be; each such place stands for
        the open requests. Two or more places (a ``READ_SCOPES`` beside an ``ADMIN_SCOPES``)
        could go to different requests: the requests stay open."""
        named = [lst for lst in self.lists if lst.role in ("constant", "config")
                 and any(ref.name.startswith("okta.") for ref in lst.scopes)]
        if len(named) != 1:
            return (), tuple(opened)
        lst = named[0]
        label = f"the scope constant {lst.name}" if lst.role == "constant" and lst.name \
            else "the scopes in configuration" if lst.role == "config" else "the scope list"
        return (RequestSite(lst.span, label, tuple(dict.fromkeys(r.name for r in lst.scopes)),
                            stands_in=True),), ()


def _declaring_file(submission: Any) -> str | None:
    """The submission's file, as ``os.path.realpath`` has it (its scopes are declared there,
    not requested, whatever it is called)."""
    path = getattr(submission, "path", None)
    return os.path.realpath(path) if path is not None else None


def _not_requesting(path: str, declaring: str | None) -> bool:
    """A configuration file whose scopes no token request sends: the submission (declared
    there, also when it did not load), a test fixture or mock (a recorded token response)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return is_test_file(path) or name in ("oin-submission.yaml", "oin-submission.yml") or (
        declaring is not None and os.path.realpath(path) == declaring)


def analyse(files: Sequence[FileFacts], submission: Any = None) -> Analysis:
    """The analysis of one project (``submission``: a loaded, parsed Submission or None)."""
    calls: list[CallNeed] = []
    unresolved: list[CallNeed] = []
    requested: dict[tuple[str, Span], ScopeUse] = {}
    sites = _Sites()
    declaring = _declaring_file(submission)
    for facts in files:
        okta_file = okta_evidence_of(facts) is not None
        for fact in facts.facts:
            if isinstance(fact, ApiCall) and another_products_call(fact, okta_file):
                continue
            if isinstance(fact, ApiCall):
                need = _need(fact)
                (calls if need.alternatives is not None else unresolved).append(need)
            elif isinstance(fact, ManagedResource):
                need = _terraform(fact)
                (calls if need.alternatives is not None else unresolved).append(need)
            elif isinstance(fact, Unresolved) and fact.what == "api-call":
                unresolved.append(_unresolved(fact))
            elif isinstance(fact, Unresolved) and fact.what.endswith(" config"):
                sites.open.append(RequestSite(fact.span, f"the {fact.what}", (),
                                              fact.detail or "not resolved"))
            elif isinstance(fact, ScopeList) and fact.role != "submission" and not (
                    fact.role == "config" and _not_requesting(facts.path, declaring)):
                sites.lists.append(fact)
            elif isinstance(fact, TokenRequest) and fact.via != "okta-sdk-oauth":
                # (an SDK client's own token requests are judged through the client)
                sites.tokens.append(fact)
            elif isinstance(fact, SdkClient):
                sites.clients.append(fact)
    to_okta = sites.okta_lists()
    for lst in sites.lists:
        # ``openid`` asked for in one string with ``okta.users.read`` is asked of Okta too
        with_okta = any(ref.name.lower().startswith("okta.") for ref in lst.scopes)
        for ref in lst.scopes:
            key = (ref.name, ref.span)
            old = requested.get(key)
            okta = id(lst) in to_okta or with_okta or (old is not None and old.okta)
            if old is None or old.role in ("constant", "config"):
                requested[key] = ScopeUse(ref.name, ref.span, lst.role, okta)
            elif okta and not old.okta:
                requested[key] = ScopeUse(old.name, old.span, old.role, True)
    for token in sites.tokens:
        for ref in token.scopes:
            requested.setdefault((ref.name, ref.span), ScopeUse(
                ref.name, ref.span, "token-request", token.endpoint_kind == "org"))
    declared: tuple[tuple[str, Span], ...] = ()
    if submission is not None and getattr(submission, "parsed", False):
        declared = tuple((s.name, s.span) for s in submission.scopes)
    order = sorted(requested.values(), key=lambda u: (u.span, u.name))
    known, opened = sites.sites()
    api_token = frozenset(f.path for f in files if _api_token_only(f))
    return Analysis(tuple(calls), tuple(unresolved), tuple(order), declared, submission,
                    known, opened, api_token)
