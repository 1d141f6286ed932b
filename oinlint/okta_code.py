"""Is this code about Okta? The one answer every rule and the scope analysis share.

In a repository where Okta is one connector among many, other products' clients sit beside
the Okta one: Redis with TLS off, Tailscale's OAuth token, Doximity's ``/api/v1/users/current``.
A file is Okta code when it names Okta outside its comments (an org host, an Okta SDK, an
Okta-named setting or variable: the front ends' :class:`~oinlint.facts.OktaEvidence`), is named
after Okta, holds an Okta SDK client or requests a token from Okta's token path; a management
API call is another product's when its URL names a host that is not Okta's in a file that never
names Okta.
"""

from __future__ import annotations

import re
from typing import Final

from oinlint.facts import ApiCall, FileFacts, OktaEvidence, SdkClient, Span, TokenRequest
from oinlint.okta.hosts import OKTA_HOST, PLACEHOLDER_HOST

__all__ = ["CUSTOM_DOMAIN", "FILE_NAME", "another_products_call", "describe", "okta_evidence_of"]

FILE_NAME: Final = "<file name>"
CUSTOM_DOMAIN: Final = "<okta-domains>"
# The literal host a base URL starts with (``https://www.vendor.com``); a hole, a variable or a
# port-less local name leaves it unknown.
_LITERAL_HOST: Final = re.compile(
    r"^https?://(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?::\d+)?(?:/|$)")
_LOCAL: Final = re.compile(
    r"^(?:localhost|127\.|0\.0\.0\.0|host\.docker)|\.(?:local|internal|test)$", re.IGNORECASE)


def okta_evidence_of(facts: FileFacts) -> OktaEvidence | None:
    """Where the file first names Okta, or None for a file that never does: an Okta-named
    word, an Okta SDK client, or a token request to Okta's token path (``/oauth2/v1/token``,
    ``/oauth2/{id}/v1/token``: other servers use ``/oauth/token``, ``/oauth2/v2.0/token``)."""
    named = next(facts.of(OktaEvidence), None)
    if named is not None:
        return named
    name = facts.path.replace("\\", "/").rsplit("/", 1)[-1]
    if "okta" in name.lower():  # okta_client.py, oktaService.js: the file says what it is for
        return OktaEvidence(Span(facts.path, 1, 1, 1, 1), FILE_NAME, name)
    for fact in facts.facts:
        if isinstance(fact, SdkClient):
            return OktaEvidence(fact.span, fact.context, fact.sdk)
        if isinstance(fact, TokenRequest) and fact.endpoint_kind != "unknown":
            return OktaEvidence(fact.url_span or fact.span, fact.context,
                                fact.url_template or "/oauth2/v1/token")
    return None


def describe(evidence: OktaEvidence) -> str:
    """A short note for a message: ``Okta code: `OKTA_ORG_URL`, line 3``."""
    if evidence.context == FILE_NAME:
        return f"Okta code: the file `{evidence.what}`"
    if evidence.context == CUSTOM_DOMAIN:
        return f"Okta custom domain `{evidence.what}` (okta-domains), line {evidence.span.line}"
    return f"Okta code: `{evidence.what}`, line {evidence.span.line}"


def another_products_call(call: ApiCall, okta_file: bool) -> bool:
    """An HTTP call whose URL names another product's host (``https://www.vendor.com/api/v1/…``)
    in a file that is not Okta code: ``/api/v1/`` alone is not Okta. In Okta code a literal
    host may be the org's custom domain, so the call stays; a local or placeholder host (a
    test double, ``your-org.example.com``) stays too."""
    if okta_file or not call.base_url:
        return False
    match = _LITERAL_HOST.match(call.base_url)
    if match is None:
        return False
    host = match["host"]
    return not (OKTA_HOST.match(call.base_url) or "okta" in host.lower()
                or PLACEHOLDER_HOST.search(host) or _LOCAL.search(host))
