"""OIN40x: which authorization server, and how the HTTP transport is set up.

Is this code about Okta? A repository where Okta is one connector among many also holds Redis
clients with TLS off, other products' ``/api/v1/`` URLs and setup scripts that print database
passwords: none of that is an Okta integration's business. A file is Okta code when it names
Okta outside its comments (an org host, an Okta SDK, an Okta-named setting or variable: the
front ends' :class:`~oinlint.facts.OktaEvidence`), holds an Okta SDK client or requests a token
from Okta's token path (:mod:`oinlint.okta_code`); OIN403 and OIN405 report only there and name
that evidence, and OIN3xx and OIN607 (:mod:`oinlint.checks.submission`) ask the same question.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from oinlint.checks.interface import Hit, file_rule
from oinlint.facts import (
    FileFacts,
    HardcodedOrg,
    OktaEvidence,
    SecretLogged,
    TokenRequest,
    TransportSetting,
    UrlHost,
)
from oinlint.frontends.shared.transport import OKTA_HOST
from oinlint.okta_code import CUSTOM_DOMAIN, describe, okta_evidence_of

__all__ = ["describe", "okta_evidence_of", "with_okta_domains"]

def with_okta_domains(facts: FileFacts, domains: Sequence[str]) -> FileFacts:
    """The file's facts as if its front end knew the run's ``okta-domains`` (an Okta org reached
    through a custom domain, ``login.acme.com``): a URL naming one is Okta evidence, a hard-coded
    org (OIN402) and, over plain ``http://``, Okta traffic in the clear (OIN403).

    Facts are cached per file and never depend on settings, so the engine calls this after the
    cache, before the rules. A host matches a domain exactly (``login.acme.com.evil.io`` and
    ``evil-login.acme.com`` do not)."""
    wanted = {domain.lower() for domain in domains}
    if not wanted:
        return facts
    added: list[OktaEvidence | HardcodedOrg | TransportSetting] = []
    plain_lines = {s.span.line for s in facts.of(TransportSetting) if s.setting == "http-url"}
    for url in facts.of(UrlHost):
        if url.host not in wanted:
            continue
        if not added:
            added.append(OktaEvidence(url.span, CUSTOM_DOMAIN, url.host))
        added.append(HardcodedOrg(url.span, url.context, url.host))
        if not url.secure and url.span.line not in plain_lines:
            added.append(TransportSetting(url.span, url.context, "http-url", "any",
                                          f"http://{url.host}"))
    if not added:
        return facts
    # Evidence the file already shows (an Okta-named word) stays the first one named.
    return replace(facts, facts=(*facts.facts, *added))


@file_rule("OIN401")
def custom_authorization_server(facts: FileFacts) -> Iterator[Hit]:
    for request in facts.of(TokenRequest):
        if request.endpoint_kind == "custom" and request.grant_type in (None,
                                                                         "client_credentials"):
            yield Hit(request.url_span or request.span, request.context,
                      {"url": request.url_template or "?"})


@file_rule("OIN402")
def hardcoded_org(facts: FileFacts) -> Iterator[Hit]:
    """Tests, fixtures, mocks and docs pin made-up orgs: the ``test-paths`` setting turns this
    rule off there (a per-file ignore the user can change), not the rule itself."""
    for org in facts.of(HardcodedOrg):
        yield Hit(org.span, org.context, {"host": org.host})


@file_rule("OIN403")
def tls_disabled(facts: FileFacts) -> Iterator[Hit]:
    """Only in Okta code: a Redis or BigFix client's TLS, another product's ``/api/v1/`` URL,
    is not the integration's."""
    evidence = okta_evidence_of(facts)
    for setting in facts.of(TransportSetting):
        host = OKTA_HOST.match(setting.detail) if setting.setting == "http-url" else None
        if host is not None:
            why = f"Okta host `{host.group('host')}`"
        elif evidence is not None:
            why = describe(evidence)
        else:
            continue
        if setting.setting == "verify-off":
            yield Hit(setting.span, setting.context, {
                "what": f"TLS certificate verification is turned off (`{setting.detail}`; {why})"})
        elif setting.setting == "http-url":
            yield Hit(setting.span, setting.context,
                      {"what": f"an Okta URL uses plain `http://` ({setting.detail}; {why})"})


@file_rule("OIN404")
def redirects_on_token_request(facts: FileFacts) -> Iterator[Hit]:
    for setting in facts.of(TransportSetting):
        if setting.setting == "follow-redirects" and setting.target == "token":
            yield Hit(setting.span, setting.context, {"option": setting.detail})


@file_rule("OIN405")
def secret_logged(facts: FileFacts) -> Iterator[Hit]:
    """Only Okta credentials: an Okta-named one, or any in Okta code (a setup script's
    database password is not the integration's)."""
    evidence = okta_evidence_of(facts)
    for logged in facts.of(SecretLogged):
        if "okta" in logged.name.lower():
            why = "an Okta-named credential"
        elif evidence is not None:
            why = describe(evidence)
        else:
            continue
        yield Hit(logged.span, logged.context,
                  {"name": logged.name, "sink": logged.sink, "evidence": why})
