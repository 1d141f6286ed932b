"""OIN608: values in the submission that are still placeholders, not what the Wizard needs.

`oinlint init` writes example values that look plausible (``okta-escalations@example.com``,
``https://example.com/docs/okta-setup``, a description that repeats the name) so the file is
valid YAML from the start; a submission that still holds them must not read as ready. Three
kinds of placeholder are reported, at the value:

* a host that can never be real: the example domains of RFC 2606 (``example.com``, ``.net``,
  ``.org`` and their subdomains, the ``.example`` top-level domain) and the special-use names
  of RFC 6761 (``.test``, ``.invalid``, ``.localhost``, ``localhost``), in an email address or
  URL anywhere in the checked fields;
* placeholder text: ``TODO``, ``TBD``, ``FIXME``, ``XXX`` written in capitals as a word (or in
  any case at the start of the value followed by a colon or nothing else), ``changeme``,
  ``lorem ipsum``, ``your-…``/``your_…`` names, ``<…>``, ``{{…}}``, ``${…}`` and ``[your …]``
  / ``[insert …]`` slots. Lower-case words in prose ("a todo list", "Tbd Inc") are not;
* a description with no word beyond the name: every word is in the name or is filler
  (articles, prepositions, "Okta", "org", "integration", "connects", …). A short description
  that says anything of its own is left alone: the rule judges emptiness, not style.

Scope reasons are OIN602's; a value that already has another problem is not reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from oinlint.submission.validation import ErrorMapper, shorten
from oinlint.submission.yamltree import NodePath, dotted

__all__ = ["check_placeholders", "description_adds_nothing", "placeholder_text", "reserved_host"]

_RESERVED_NAMES = frozenset({"example.com", "example.net", "example.org", "example", "test",
                             "invalid", "localhost"})
_RESERVED_SUFFIXES = (".example.com", ".example.net", ".example.org", ".example", ".test",
                      ".invalid", ".localhost")

_EMAIL_HOST = re.compile(r"[\w.+%-]+@(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)\.?")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"']+")
_BARE_HOST = re.compile(r"^(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\.?(?:[:/?#]|$)")

_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![\w-])(?:TODO|TBD|TBA|FIXME|XXX+)(?![\w-])"),
    re.compile(r"^\s*(?:todo|tbd|tba|fixme)\s*(?::|$)", re.IGNORECASE),
    re.compile(r"(?<![\w-])change[-_ ]?me(?![\w-])", re.IGNORECASE),
    re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE),
    re.compile(r"(?<![\w-])your[-_][A-Za-z0-9][\w-]*", re.IGNORECASE),
    re.compile(r"<\s*[A-Za-z][A-Za-z0-9 _-]*>"),
    re.compile(r"\{\{[^}]*\}\}|\$\{[^}]*\}"),
    re.compile(r"\[\s*(?:your|insert|enter|add)\b[^\]]*\]", re.IGNORECASE),
)

_WORDS = re.compile(r"[a-z0-9]+")
# Words that say nothing about what an integration does: grammar, and the words every
# description of an Okta integration has.
_FILLER = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "for", "from", "with", "without",
    "in", "into", "on", "onto", "by", "via", "at", "as", "is", "are", "be", "this", "that",
    "these", "those", "it", "its", "our", "your", "their", "you", "we", "us", "my", "okta",
    "org", "orgs", "organization", "organizations", "integration", "integrations",
    "integrate", "integrates", "connect", "connects", "connector", "connected",
    "connecting", "app", "apps", "application", "applications", "api", "service",
    "services", "tool", "platform", "inc", "llc", "ltd",
})

# What each checked field should hold instead, said in the message.
_ASKS: dict[str, str] = {
    "name": "the integration's display name as customers see it in the OIN catalog",
    "description": "what the integration does for Okta customers: what it reads or changes "
                   "in their org, and why",
    "support_email": "the monitored address at your company's domain that Okta escalates to",
    "config_guide_url": "the https URL of your published, customer-facing configuration guide",
    "tenant_settings[].label": "the label customer admins see when they install the integration",
    "test_account.url": "the sign-in URL of the test account in your app",
    "test_account.username": "the username of the test account the OIN team signs in with",
    "test_account.instructions": "how the OIN team signs in and exercises the integration",
}


def reserved_host(host: str) -> bool:
    """True for a host that RFC 2606 or RFC 6761 reserves: it can never be a real address."""
    name = host.strip().rstrip(".").lower()
    return name in _RESERVED_NAMES or name.endswith(_RESERVED_SUFFIXES)


def _hosts(value: str) -> Iterator[str]:
    """The hosts of the email addresses and URLs in a value (a bare ``host/path`` too)."""
    for match in _URL.finditer(value):
        try:
            host = urlsplit(match.group()).hostname
        except ValueError:
            continue
        if host:
            yield host
    without_urls = _URL.sub(" ", value)
    for match in _EMAIL_HOST.finditer(without_urls):
        yield match.group("host")
    bare = _BARE_HOST.match(value.strip())
    if bare and "@" not in value:
        yield bare.group("host")


def placeholder_text(value: str) -> str | None:
    """The placeholder a value holds (``TODO``, ``<your app>``, …) as written, or None."""
    for pattern in _MARKERS:
        found = pattern.search(value)
        if found:
            return found.group().strip()
    return None


def description_adds_nothing(description: str, name: str) -> bool:
    """True when every word of the description is in the name or is filler."""
    named = set(_WORDS.findall(name.lower()))
    words = _WORDS.findall(description.lower())
    return bool(words) and all(w in named or w in _FILLER for w in words)


def _checked_fields(data: dict[str, Any]) -> Iterator[tuple[NodePath, str]]:
    """(path, value) of every free-text, address and link field a placeholder can hide in."""
    for key in ("name", "description", "support_email", "config_guide_url"):
        if isinstance(data.get(key), str):
            yield (key,), data[key]
    settings = data.get("tenant_settings")
    if isinstance(settings, list):
        for index, item in enumerate(settings):
            if isinstance(item, dict) and isinstance(item.get("label"), str):
                yield ("tenant_settings", index, "label"), item["label"]
    account = data.get("test_account")
    if isinstance(account, dict):
        for key in ("url", "username", "instructions"):
            if isinstance(account.get(key), str):
                yield ("test_account", key), account[key]


def _generic(path: NodePath) -> str:
    return ".".join("[]" if isinstance(k, int) else k for k in path).replace(".[]", "[]")


def _problem(path: NodePath, value: str, name: str | None) -> str | None:
    """What is a placeholder in one value, worded for the message; None when nothing is."""
    field = f"`{dotted(path)}`"
    for host in _hosts(value):
        if reserved_host(host):
            return (f"{field} uses '{shorten(host.lower(), 40)}', a reserved example domain "
                    "(RFC 2606/6761) that can never be a real address")
    marker = placeholder_text(value)
    if marker is not None:
        return f"{field} still holds the placeholder '{shorten(marker, 30)}'"
    if path == ("description",) and name and description_adds_nothing(value, name):
        return f"{field} says nothing beyond the name"
    return None


def check_placeholders(data: Any, mapper: ErrorMapper) -> None:
    """Add an OIN608 problem at each checked value that is still a placeholder."""
    if not isinstance(data, dict):
        return
    already = {problem.field for problem in mapper.tree.problems}
    name = data.get("name") if isinstance(data.get("name"), str) else None
    for path, value in _checked_fields(data):
        if not value.strip() or dotted(path) in already:
            continue
        what = _problem(path, value, name)
        if what is None:
            continue
        ask = _ASKS[_generic(path)]
        mapper.emit("OIN608", mapper.value_span(path),
                    f"{what}: write {ask}", path,
                    fix=f"Replace it with {ask}.")
