"""What every front end agrees on for the transport rules (OIN402–OIN405).

Which names hold a credential (a variable, attribute, member or key written to a log is
OIN405), and which string URLs are plain-``http://`` Okta URLs (OIN403) or one real org's URL
(OIN402). The Python front end (:mod:`oinlint.frontends.python.lifecycle`) and the tree-sitter front
ends (:mod:`oinlint.frontends.treesitter.transport`) both decide with these, so the languages
agree.
"""

from __future__ import annotations

import re
from typing import Final

from oinlint.okta.hosts import OKTA_HOST, PLACEHOLDER_HOST

__all__ = [
    "LOCAL_HOST",
    "LOG_RECEIVER",
    "NOT_SECRET",
    "OKTA_HOST",
    "PLACEHOLDER_HOST",
    "SECRET_NAME",
    "is_secret_name",
    "okta_evidence_site",
    "okta_org_host",
    "plain_http_okta",
    "url_host_sites",
]

SECRET_NAME: Final = re.compile(
    r"(?:^|_)(?:access_?token|token|client_?secret|secret|api_?token|bearer|password|"
    r"authorization|auth_?header|id_?token|ssws)$",
    re.IGNORECASE,
)
# Names that end like a credential but hold something else: where it is, what kind it is,
# how long it lives; a flag about it; tokens that are not credentials (paging, cancellation).
NOT_SECRET: Final = re.compile(
    r"url|uri|endpoint|type|expir|count|len|path|file|name|_id$|scope|cache|lock|store|"
    r"manager|provider|prefix|header_name|env|var|key_id|kid|"
    r"^(?:has|is|should|use|with)_|cancel|page_?token|next_?token|continuation|sync_?token|"
    r"csrf|xsrf",
    re.IGNORECASE,
)
LOCAL_HOST: Final = re.compile(r"^http://(localhost|127\.|0\.0\.0\.0|\[::1\]|host\.docker)")
# The receiver of a log call (``log``, ``logger``, ``self._logger``, ``LOG``).
LOG_RECEIVER: Final = re.compile(r"(?:^|[._])(log|logger|logging|_log|_logger|LOG|LOGGER)$",
                                 re.IGNORECASE)
# Okta's own sites and namespaces: ``http://www.okta.com/exk…`` is a SAML entity id and
# ``https://schemas.okta.com/secevent/okta/event-type/…`` a Security Event Token's event type,
# neither an org nor traffic.
_OKTA_SITE: Final = re.compile(
    r"^(?:www|developer|help|support|status|trust|devforum|community|schemas)\.okta\.com$",
    re.IGNORECASE)
_CAMEL: Final = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


# A word that names Okta: an org host, an SDK package, a setting or a name (``OKTA_ORG_URL``,
# ``oktaUrl``, ``@okta/okta-sdk-nodejs``, ``acme.okta.com``).
_OKTA_WORD: Final = re.compile(r"[\w@$/.-]*okta[\w.-]*", re.IGNORECASE)
# A line that is only a comment (the first characters of the line, any language).
_COMMENT_LINE: Final = re.compile(r"^\s*(?:#|//|/\*|\*|--|<!--|;|')")
_EVIDENCE_LIMIT: Final = 200_000


def okta_evidence_site(text: str) -> tuple[int, int, str] | None:
    """(line, column, word) of the first word outside a comment line that names Okta, or None.

    Okta's own web sites (``developer.okta.com`` in a link) do not make a file Okta code.
    """
    for number, line in enumerate(text[:_EVIDENCE_LIMIT].splitlines(), start=1):
        if "okta" not in line.lower() or _COMMENT_LINE.match(line):
            continue
        for match in _OKTA_WORD.finditer(line):
            word = match.group().strip("./-@$")
            host = word.split("/", 1)[0]
            if _OKTA_SITE.match(host) or "okta" not in word.lower():
                continue
            return number, match.start() + 1, word[:60]
    return None


# A URL's scheme and host in any string (``https://login.acme.com:8443/oauth2``).
_URL_HOST: Final = re.compile(r"\b(?P<scheme>https?)://(?P<host>[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])")
_URL_HOST_LIMIT: Final = 32


def url_host_sites(text: str) -> list[tuple[int, int, str, bool]]:
    """(line, column, host, https) of the first URL naming each host outside a comment line:
    the hosts a custom Okta domain (the ``okta-domains`` setting) is matched against at rule
    time. Okta's own hosts and local ones are left out (they need no setting); at most 32."""
    sites: list[tuple[int, int, str, bool]] = []
    seen: set[str] = set()
    for number, line in enumerate(text[:_EVIDENCE_LIMIT].splitlines(), start=1):
        if "://" not in line or _COMMENT_LINE.match(line):
            continue
        for match in _URL_HOST.finditer(line):
            host = match.group("host").lower()
            if host in seen or OKTA_HOST.match(f"https://{host}/") or LOCAL_HOST.match(
                    f"http://{host}"):
                continue
            seen.add(host)
            sites.append((number, match.start("host") + 1, host, match.group("scheme") == "https"))
            if len(sites) == _URL_HOST_LIMIT:
                return sites
    return sites


def is_secret_name(name: str) -> bool:
    """Does a variable, attribute, member or key of this name hold a credential?

    ``access_token``, ``accessToken``, ``AccessToken``, ``$client_secret``, ``@token``: yes;
    ``token_url``, ``tokenType``, ``secret_name``, ``hasToken``, ``pageToken``: no.
    """
    bare = _CAMEL.sub("_", name.strip().lstrip("$@:"))
    return SECRET_NAME.search(bare) is not None and NOT_SECRET.search(bare) is None


def plain_http_okta(url: str) -> bool:
    """A plain-``http://`` URL (template: ``{}`` for unknown parts) that carries Okta traffic:
    an Okta host or an ``/oauth2/`` or ``/api/v1`` path; local hosts (emulators) excepted."""
    if not url.startswith("http://") or LOCAL_HOST.match(url):
        return False
    match = OKTA_HOST.match(url)
    if match is not None and _OKTA_SITE.match(match.group("host")):
        return False
    return "/oauth2/" in url or "/api/v1" in url or match is not None


def okta_org_host(url: str) -> str | None:
    """The host of one real Okta org a URL names (``acme.okta.com``); None for placeholders."""
    match = OKTA_HOST.match(url)
    if match is None or PLACEHOLDER_HOST.search(match.group("host")) or _OKTA_SITE.match(
        match.group("host")
    ):
        return None
    return match.group("host")
