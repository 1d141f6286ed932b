"""The commented ``oin-submission.yaml`` that ``oinlint init`` writes to start from.

The template is valid against the schema, but every value the user must write is a placeholder
on purpose, reported until replaced: every prefilled scope carries ``reason: "TODO: why the
integration needs this scope"`` (OIN602), the support address and the guide link are at
``example.com`` and the description only repeats the name (OIN608), so a fresh template never
reads as ready. Which scopes are prefilled is a parameter of
:func:`render_template`; ``oinlint init`` (:mod:`oinlint.cli.init`) passes the fewest scopes
the code's Okta calls need (:func:`required_scopes`), or, when the code makes no call the
analysis resolves, the scope strings found in the code (``ScopeList`` facts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from oinlint.facts import FileFacts, ScopeList
from oinlint.scope_analysis import analyse, minimal_scopes

__all__ = [
    "TODO_REASON",
    "TemplateError",
    "check_name",
    "render_template",
    "required_scopes",
    "scopes_from_facts",
    "template_name",
]

TODO_REASON = "TODO: why the integration needs this scope"
_SCOPE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._()-]*[A-Za-z0-9.)]$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
# What YAML cannot hold unescaped (line breaks among them: a name with a newline wrote a second
# `name:` key into the description's block scalar).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
NAME_LIMIT = 64


class TemplateError(ValueError):
    """A value the template cannot hold (the display name or a scope name)."""


def check_name(name: str) -> str:
    """The display name as the Wizard takes it, or :class:`TemplateError` saying why not."""
    if _UNPRINTABLE.search(name):
        raise TemplateError("the name must be one line of printable characters")
    if not name.strip():
        raise TemplateError("the name is empty")
    if len(name) > NAME_LIMIT:
        raise TemplateError(f"the name has {len(name)} characters; the OIN catalog allows "
                            f"at most {NAME_LIMIT}")
    return name.strip()


def _comment(text: str) -> str:
    """``text`` safe inside a ``#`` comment: file names may hold line breaks."""
    return _UNPRINTABLE.sub("\ufffd", text)


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when that is unambiguous, else double-quoted."""
    if _PLAIN.match(value) and value.lower() not in _YAML_WORDS and ": " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def template_name(root: Path) -> str:
    """A display name guessed from the project directory (``acme-sync`` → ``Acme Sync``)."""
    words = [w for w in re.split(r"[-_.\s]+", _UNPRINTABLE.sub(" ", root.resolve().name)) if w]
    name = " ".join(w if w.isupper() else w.capitalize() for w in words) or "My Integration"
    return name[:NAME_LIMIT].strip()


def scopes_from_facts(files: Iterable[FileFacts]) -> dict[str, list[str]]:
    """Scope strings the code requests, each with where: ``{"okta.users.read": ["a.py:3"]}``."""
    found: dict[str, list[str]] = {}
    for facts in files:
        for scope_list in facts.of(ScopeList):
            if scope_list.role == "submission":
                continue
            for ref in scope_list.scopes:
                if _SCOPE_NAME.match(ref.name):
                    where = f"{ref.span.path}:{ref.span.line}"
                    places = found.setdefault(ref.name, [])
                    if where not in places:
                        places.append(where)
    return dict(sorted(found.items()))


def required_scopes(files: Sequence[FileFacts]) -> dict[str, list[str]]:
    """The fewest scopes the code's Okta calls need (read where it only reads), each with the
    calls that need it; empty when the code makes no call the analysis could resolve."""
    return minimal_scopes(analyse(files))


# How the evidence above each prefilled scope is introduced, by where the scopes came from.
EVIDENCE = {"calls": "needed by the Okta calls at", "strings": "requested in the code at"}


def _scopes_block(scopes: Mapping[str, Sequence[str]], source: str) -> list[str]:
    if not scopes:
        return [
            "scopes: []",
            "# oinlint found no scope strings in the code. List every scope the integration",
            "# requests, for example:",
            "#   - name: okta.users.read",
            '#     reason: "List users to build the access review."',
        ]
    out = ["scopes:"]
    for name, evidence in scopes.items():
        if evidence:
            shown = ", ".join(evidence[:3]) + (f" (+{len(evidence) - 3} more)"
                                               if len(evidence) > 3 else "")
            out.append(f"  # {EVIDENCE[source]} {_comment(shown)}")
        if not _SCOPE_NAME.match(name):
            raise TemplateError(f"{name!r} is not a scope name")
        out.append(f"  - name: {_scalar(name)}")
        out.append(f"    reason: {json.dumps(TODO_REASON)}")
    return out


def render_template(name: str, scopes: Mapping[str, Sequence[str]] | Sequence[str] = (),
                    source: str = "calls") -> str:
    """The commented template. ``scopes`` maps each scope to prefill to where the code needs
    it (strings shown as a comment above it); a plain sequence of names works too. ``source``
    says whether those places are Okta calls ("calls") or scope strings ("strings").
    A name over 64 characters is cut; :class:`TemplateError` when the name or a scope name
    cannot be written as given."""
    name = check_name(name[:NAME_LIMIT])
    table = dict(scopes) if isinstance(scopes, Mapping) else {s: [] for s in scopes}
    lines = [
        "# oin-submission.yaml: what you enter in the OIN Wizard for this API service",
        "# integration, kept next to the code. `oinlint check` validates it (OIN6xx) and compares",
        "# its scopes with the code (OIN2xx). Every field: docs/submission.md in oinlint.",
        "# Replace the example values below before you submit.",
        "",
        "# Catalog > Display name: at most 64 characters.",
        f"name: {_scalar(name)}",
        "",
        "# Catalog > Description: under 1024 characters. Say what the integration does for",
        "# Okta customers.",
        "description: >-",
        f"  {name} connects your Okta org to {name}.",
        "",
        "# Catalog > Logo: PNG, JPG or GIF under 1 MB, path relative to this file (optional",
        "# here; you upload it in the Wizard).",
        "# logo: assets/okta-logo.png",
        "",
        "# Catalog > Use cases (optional): up to three of Automation, Centralized Logging,",
        "# Directory and HR Sync, Identity Governance and Administration (IGA), Identity",
        "# Verification, Multifactor Authentication (MFA), Zero Trust.",
        "# use_cases:",
        "#   - Automation",
        "",
        "# Support: the private escalation address Okta uses to reach your team (monitored,",
        "# not a generic support queue).",
        "support_email: okta-escalations@example.com",
        "",
        "# API service > Link to configuration guide: the customer-facing setup guide, https.",
        "config_guide_url: https://example.com/docs/okta-setup",
        "",
        "# API service > Client authentication: OIN API service integrations get a client ID",
        "# and a client secret per customer org, sent with HTTP Basic. No other method exists.",
        "auth:",
        "  method: client_secret_basic",
        "",
        "# API service > Scopes: the fewest scopes the integration needs, each with the reason",
        "# the Wizard asks for (a manage scope includes its read scope).",
        *_scopes_block(table, source),
        "",
        "# Tenant settings (optional, up to eight): per-customer values that customer admins",
        "# enter when they install the integration. Names: lowercase, digits, underscores.",
        "# tenant_settings:",
        "#   - name: acme_subdomain",
        "#     label: Your Acme subdomain",
        "",
        "# Test info: an admin account in your app for the OIN team. Never write its password",
        "# here: enter it in the Wizard.",
        "# test_account:",
        "#   url: https://app.example.com/login",
        "#   username: isvtest@okta.com",
        "#   instructions: Where to paste the client ID and secret, and how to trigger a sync.",
        "",
    ]
    return "\n".join(lines)
