#!/usr/bin/env python3
"""Generate oinlint's Okta data (``oinlint/okta/data/``) from ``../shared/okta``.

Usage::

    python scripts/generate_okta_data.py [SHARED_OKTA_DIR] [--out DIR]

Inputs are the per-operation scope tables derived from Okta's OpenAPI specs
(``operation-scopes.json`` and ``other-apis/*-operation-scopes.json``, see that folder's
README), the specs themselves (which operations are paginated: :func:`paginated_operations`)
and the 2022 "OAuth 2.0 for Okta" guide (its hand-written scope table is the only source for
a few legacy scopes). Scopes that no spec in that folder declares (``.self``, PRODUCT_DEV,
removed ones) come from the curated table ``EXTRA_SCOPES`` below, each with its source.

The output is deterministic (sorted, no timestamps, one record per line) so that it diffs well
and so that ``tests/test_okta_data.py`` can regenerate it and fail on drift.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "okta"
DEFAULT_OUT = REPO / "oinlint" / "okta" / "data"
FORMAT_VERSION = 1

# family -> (scope table, spec it was derived from), relative to the shared folder.
FAMILIES: dict[str, tuple[str, str]] = {
    "management": ("operation-scopes.json", "management-openapi.yaml"),
    "oauth": ("other-apis/oauth-operation-scopes.json", "other-apis/oauth-openapi.yaml"),
    "myaccount": (
        "other-apis/myaccount-operation-scopes.json",
        "other-apis/myaccount-openapi.yaml",
    ),
    "governance": (
        "other-apis/governance-operation-scopes.json",
        "other-apis/governance-openapi.yaml",
    ),
}
DOCS_2022 = "docs-implement-oauth-for-okta.2022-08-05-last-scope-table.md"

EXPECTED_MANAGEMENT_OPERATIONS = 732
EXPECTED_ADMIN_SCOPES = 109
METHOD_ORDER = {m: i for i, m in enumerate(("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))}
OIDC_SCOPES = frozenset({"openid", "profile", "email", "address", "phone", "groups",
                         "offline_access", "device_sso"})

FAMILY_NOTES: dict[str, str] = {
    "management": "Okta Admin Management API (S-mgmt): the scopes OIN API service integrations use",
    "oauth": "Okta OpenID Connect & OAuth 2.0 API: client registration, universal logout, "
             "workflows (S-oauth)",
    "oidc": "OpenID Connect scopes for user sign-in (S-oauth)",
    "myaccount": "MyAccount API: a user managing their own account (S-idp)",
    "governance": "Okta Identity Governance API (S-gov)",
    "self": "user-self scopes (okta.<resource>.<action>.self), acting for the signed-in user",
    "dev": "PRODUCT_DEV scopes, only in Okta's development spec (S-dev)",
    "legacy": "scopes that older Okta specs or docs listed and the current specs no longer have",
}

# --- why a scope is not for OIN API service integrations ------------------------------------
# basis: "documented" (an Okta source says so) or "inference" (our conclusion; wording says
# "may" where the facts are unknown). See ../shared/okta/FACTS.md §3.4, §3.5, §9 item 7.
WHY_OIDC = ("openid scopes are rejected for client credentials (openid_not_allowed_client_creds): "
            "they describe a signed-in user")
WHY: dict[str, tuple[str, str]] = {
    "openid": (WHY_OIDC, "documented"),
    "profile": (WHY_OIDC, "documented"),
    "email": (WHY_OIDC, "documented"),
    "address": (WHY_OIDC, "documented"),
    "phone": (WHY_OIDC, "documented"),
    "groups": ("custom/claim scope for ID tokens: custom scopes such as groups are not supported "
               "for OIN integrations", "documented"),
    "offline_access": ("OIN API service integrations have no refresh token (client credentials "
                       "issues none): request a new access token instead", "documented"),
    "device_sso": ("Native SSO scope for signing a user in on a device: needs a user and openid, "
                   "not client credentials", "inference"),
    "okta.clients.": ("OAuth client-registration scope (/oauth2/v1/clients), not an Admin "
                      "Management scope: the OIN API service scope picker may not offer it",
                      "inference"),
    "okta.universalLogout.": ("Universal Logout scope of the OAuth API "
                              "(/oauth2/v1/global-token-revocation), not an Admin Management "
                              "scope: the OIN API service scope picker may not offer it",
                              "inference"),
    "okta.workflows.": ("Okta Workflows scope for invoking API-endpoint flows, needed by no Okta "
                        "API operation: the OIN API service scope picker may not offer it",
                        "inference"),
    "myaccount": ("end-user scope: MyAccount acts on the signed-in user's own account, so it needs "
                  "a user's token, not client credentials", "inference"),
    "governance": ("governance API scope (Okta Identity Governance), not an Admin Management "
                   "scope: the OIN API service scope picker may not offer it", "inference"),
    "governance-enduser": ("end-user governance scope: acts for the signed-in reviewer, so it "
                           "needs a user's token, not client credentials", "inference"),
    "self": ("client_credentials may not request .self scopes "
             "(client_credentials_self_scope_requested): they act for the signed-in user",
             "documented"),
    "dev": ("PRODUCT_DEV scope, not in the GA Admin Management spec: customer orgs and the OIN "
            "API service scope picker may not offer it", "inference"),
    "deprecated": ("deprecated and removed from the GA Admin Management spec (still listed, "
                   "marked deprecated, in the PRODUCT_DEV spec)", "documented"),
    "legacy": ("legacy scope: older Okta specs listed it, the current Admin Management spec does "
               "not", "documented"),
    "legacy-docs": ("legacy scope: the 2022 OAuth for Okta guide listed it, the current specs do "
                    "not", "documented"),
    "never-ga": ("never published: the 2022 OAuth for Okta guide only had it in a commented-out "
                 "block (\"removed for future review\"), and no current spec has it",
                 "documented"),
}

S_DEV = "S-dev"
S_2025 = "S-2025.01.1"
D_2022 = "D-2022"
# Where the curated scopes come from (keys used in the scopes' ``source``).
SOURCE_KEYS: dict[str, str] = {
    S_DEV: "okta/okta-management-openapi-spec dist/current/management-dev-noEnums-minimal.yaml "
           "(PRODUCT_DEV APIs; read at 2025.11.0 @ 6cfe74a7, and 2026.03.0 per FACTS.md §3.4)",
    S_2025: "okta/okta-management-openapi-spec dist/2025.01.1/management-minimal.yaml "
            "(FACTS.md §3.4, §9 item 7)",
    D_2022: "okta/okta-developer-docs implement-oauth-for-okta guide @ cd93a39e (2022-08-05), "
            "its last hand-written scope table (../shared/okta/" + DOCS_2022 + ")",
}


@dataclass(frozen=True)
class Extra:
    """A scope no spec in ../shared/okta declares, with where we know it from."""

    name: str
    family: str
    why_key: str
    source: str
    description: str | None = None
    replacement: str | None = None
    in_docs_2022: bool = False


EXTRA_SCOPES: tuple[Extra, ...] = (
    Extra("okta.users.read.self", "self", "self", f"{S_2025}; {S_DEV}; {D_2022}",
          "Allows the app to read the signed-in user's profile and credentials",
          "okta.users.read", in_docs_2022=True),
    Extra("okta.users.manage.self", "self", "self", f"{S_2025}; {S_DEV}; {D_2022}",
          "Allows the app to manage the signed-in user's profile and credentials",
          "okta.users.manage", in_docs_2022=True),
    Extra("okta.authenticators.manage.self", "self", "self", f"{S_DEV}; {D_2022}",
          "Allows the app to manage a user's own authenticators. For example, enrollments or "
          "resets.", "okta.authenticators.manage", in_docs_2022=True),
    Extra("okta.aiAgents.read", "dev", "dev", S_DEV,
          "Allows the app to read information about AI agents in your Okta organization."),
    Extra("okta.aiAgents.manage", "dev", "dev", S_DEV,
          "Allows the app to manage AI agents in your Okta organization."),
    Extra("okta.manifests.read", "dev", "dev", S_DEV,
          "Allows the app to read OIN submissions in your Okta organization"),
    Extra("okta.manifests.manage", "dev", "dev", S_DEV,
          "Allows the app to manage OIN submissions in your Okta organization"),
    Extra("okta.privilegedResources.read", "dev", "dev", S_DEV,
          "Allows the app to read the details of existing privileged resources"),
    Extra("okta.privilegedResources.manage", "dev", "dev", S_DEV,
          "Allows the app to create privileged resources and manage their details"),
    Extra("okta.internal.directories.read", "dev", "dev", S_DEV),
    Extra("okta.operations.read", "dev", "dev", S_DEV),
    Extra("okta.riskEvents.manage", "legacy", "deprecated", f"{S_2025}; {S_DEV}",
          "(Deprecated) Allows the app to publish risk events to your Okta organization"),
    Extra("okta.riskProviders.read", "legacy", "deprecated", f"{S_2025}; {S_DEV}",
          "(Deprecated) Allows the app to read all risk provider integrations in your Okta "
          "organization"),
    Extra("okta.riskProviders.manage", "legacy", "deprecated", f"{S_2025}; {S_DEV}",
          "(Deprecated) Allows the app to create and manage risk provider integrations in your "
          "Okta organization"),
    Extra("okta.privilegedResourcesFilters.manage", "legacy", "legacy", S_2025),
    Extra("okta.resourceSelectors.read", "legacy", "legacy", S_2025),
    Extra("okta.resourceSelectors.manage", "legacy", "legacy", S_2025),
    Extra("okta.events.read", "legacy", "legacy-docs", D_2022, replacement="okta.logs.read",
          in_docs_2022=True),
    Extra("okta.factors.read", "legacy", "legacy-docs", D_2022, in_docs_2022=True),
    Extra("okta.factors.manage", "legacy", "legacy-docs", D_2022, in_docs_2022=True),
    Extra("okta.certificateAuthorities.read", "legacy", "never-ga", D_2022, in_docs_2022=True),
    Extra("okta.certificateAuthorities.manage", "legacy", "never-ga", D_2022, in_docs_2022=True),
    Extra("okta.reports.read", "legacy", "never-ga", D_2022, in_docs_2022=True),
)

# Extra words appended to some legacy reasons (kept out of the table above for line length).
WHY_SUFFIX: dict[str, str] = {
    "okta.events.read": "; the Events API is deprecated: use the System Log (okta.logs.read)",
    "okta.factors.read": "; factor operations in the current spec need okta.users.*",
    "okta.factors.manage": "; factor operations in the current spec need okta.users.*",
}

# Typos that Okta's own pages printed; suggest() maps them, the catalogue does not list them.
DOC_TYPOS: dict[str, str] = {"okta.threadInsights.read": "okta.threatInsights.read"}

# Admin scopes that work differently for a client-credentials token (inference).
ADMIN_NOTES: dict[str, str] = {
    "okta.personal.adminSettings.read": "acts on the signed-in admin's personal settings; a "
    "client-credentials token has no signed-in user, so calls may fail",
    "okta.personal.adminSettings.manage": "acts on the signed-in admin's personal settings; a "
    "client-credentials token has no signed-in user, so calls may fail",
}


class DataError(Exception):
    """The shared data is not what the generator expects; regenerate it or fix this script."""


def _load(source: Path, rel: str) -> dict[str, Any]:
    path = source / rel
    if not path.is_file():
        raise DataError(f"missing {path}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _check_spec_hash(source: Path, spec_rel: str, meta: Mapping[str, Any]) -> None:
    """Refuse a scope table that was derived from a different spec than the one next to it."""
    spec = source / spec_rel
    if not spec.is_file():
        return
    digest = hashlib.sha256(spec.read_bytes()).hexdigest()
    if digest != meta.get("sha256"):
        raise DataError(f"{spec_rel}: sha256 {digest} differs from the scope table's "
                        f"{meta.get('sha256')}; re-run tools/extract_scopes.py")


def _resolve(spec: Mapping[str, Any], node: Any) -> Any:
    """``node`` with its local ``$ref`` chain followed (``#/components/parameters/...``)."""
    seen = 0
    while isinstance(node, Mapping) and "$ref" in node and seen < 20:
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node, seen = target, seen + 1
    return node


def paginated_operations(spec: Mapping[str, Any]) -> set[str]:
    """``"GET /api/v1/users"`` for each GET the spec shows to be paginated: it takes Okta's
    ``after`` cursor as a query parameter, or it takes ``limit`` and declares a ``Link``
    response header (the header alone is not enough: ``getDRStatus`` declares one). The name
    says nothing: ``listFactors`` returns every factor at once."""
    found: set[str] = set()
    for path, item in (spec.get("paths") or {}).items():
        shared = item.get("parameters") or []
        operation = item.get("get")
        if isinstance(operation, Mapping):
            params = [_resolve(spec, p) for p in [*shared, *(operation.get("parameters") or [])]]
            query = {p.get("name") for p in params if p.get("in") == "query"}
            link = any(
                name.lower() == "link"
                for response in (operation.get("responses") or {}).values()
                for name in (_resolve(spec, response).get("headers") or {}))
            if "after" in query or ("limit" in query and link):
                found.add(f"GET {path}")
    return found


def _load_spec(source: Path, spec_rel: str) -> dict[str, Any]:
    path = source / spec_rel
    if not path.is_file():
        raise DataError(f"missing {path}: pagination is read from the spec")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data


def _shape(path: str) -> tuple[str, ...]:
    return tuple("{}" if seg.startswith("{") else seg for seg in path.strip("/").split("/"))


def _operation_record(family: str, op: Mapping[str, Any],
                      paginated: frozenset[str] = frozenset()) -> dict[str, Any]:
    alternatives = sorted(sorted(alt) for alt in op["oauth2_alternatives"])
    record: dict[str, Any] = {
        "auth": op["auth"],
        "family": family,
        "lifecycle": op["lifecycle"],
        "method": op["method"].upper(),
        "oauth2_alternatives": alternatives,
        "operationId": op["operationId"],
        "path": op["path"],
        "tags": list(op["tags"]),
    }
    if op.get("deprecated"):
        record["deprecated"] = True
    if f"{record['method']} {record['path']}" in paginated:
        record["paginated"] = True
    if sorted({s for alt in alternatives for s in alt}) != sorted(op["scopes"]):
        raise DataError(f"{op['operationId']}: scopes differ from oauth2_alternatives")
    return record


def _source_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("title", "version", "openapi", "repo", "path", "commit", "merge_commit_HEAD",
            "commit_date", "sha256")
    return {k: meta[k] for k in keys if k in meta}


def build_operations(tables: Mapping[str, Mapping[str, Any]],
                     paginated: Mapping[str, frozenset[str]] | None = None
                     ) -> list[dict[str, Any]]:
    """Every operation's record; ``paginated``: per family, the paginated operation keys."""
    pages = paginated or {}
    records = [_operation_record(family, op, pages.get(family, frozenset()))
               for family, table in tables.items() for op in table["operations"]]
    family_order = list(FAMILIES)
    records.sort(key=lambda r: (family_order.index(r["family"]), r["path"],
                                METHOD_ORDER.get(r["method"], 99), r["operationId"]))
    shapes = Counter((r["method"], _shape(r["path"])) for r in records)
    clashes = [f"{m} /{'/'.join(s)}" for (m, s), n in shapes.items() if n > 1]
    if clashes:
        raise DataError(f"operations indistinguishable by URL: {clashes}")
    management = [r for r in records if r["family"] == "management"]
    if len(management) != EXPECTED_MANAGEMENT_OPERATIONS:
        raise DataError(f"{len(management)} management operations, expected "
                        f"{EXPECTED_MANAGEMENT_OPERATIONS}: update the tests and this script")
    return records


def _parse_docs_2022(text: str) -> tuple[dict[str, str], set[str]]:
    """Scope rows of the 2022 guide's table: {scope: description}, and which were commented out."""
    rows: dict[str, str] = {}
    commented: set[str] = set()
    in_comment = False
    for line in text.splitlines():
        if "<!--" in line:
            in_comment = True
        match = re.match(r"\|\s*`([A-Za-z0-9_.]+)`\s*\|\s*([^|]*?)\s*\|", line)
        if match:
            rows[match.group(1)] = match.group(2)
            if in_comment:
                commented.add(match.group(1))
        if "-->" in line:
            in_comment = False
    return rows, commented


def _resource_action(name: str) -> tuple[str | None, str | None]:
    if "." not in name:
        return None, None
    head, _, action = name.rpartition(".")
    if action == "self":
        head, _, action = head.rpartition(".")
        action += ".self"
    return head, action


def _usage_counts(records: Iterable[Mapping[str, Any]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in records:
        for scope in {s for alt in r["oauth2_alternatives"] for s in alt}:
            counts[scope] += 1
    return counts


def build_scopes(tables: Mapping[str, Mapping[str, Any]], records: Sequence[Mapping[str, Any]],
                 docs_2022: str) -> list[dict[str, Any]]:
    usage = _usage_counts(records)
    entries: dict[str, dict[str, Any]] = {}

    def add(name: str, family: str, description: str | None, usable: bool,
            why_key: str | None = None, **extra: Any) -> None:
        if name in entries:
            raise DataError(f"scope {name} in two families: {entries[name]['family']}, {family}")
        resource, action = _resource_action(name)
        entry: dict[str, Any] = {
            "action": action,
            "description": description,
            "family": family,
            "name": name,
            "operations": usage.get(name, 0),
            "resource": resource,
            "twin": None,
            "usable_by_api_service": usable,
        }
        if why_key is not None:
            why, basis = WHY[why_key]
            entry["why"] = why + WHY_SUFFIX.get(name, "")
            entry["basis"] = basis
        entry.update({k: v for k, v in extra.items() if v is not None})
        entries[name] = entry

    management = tables["management"]["summary"]
    declared = management["declared_scopes"]
    used = sorted({s for r in records if r["family"] == "management"
                   for alt in r["oauth2_alternatives"] for s in alt})
    if sorted(declared) != used or len(declared) != EXPECTED_ADMIN_SCOPES:
        raise DataError(f"admin scopes: {len(declared)} declared, {len(used)} used; expected "
                        f"{EXPECTED_ADMIN_SCOPES}, all used")
    for name in declared:
        add(name, "management", management["scope_descriptions"].get(name), True,
            note=ADMIN_NOTES.get(name))

    for family in ("oauth", "myaccount", "governance"):
        summary = tables[family]["summary"]
        names = sorted(set(summary["declared_scopes"]) | set(summary["distinct_scopes"]))
        for name in names:
            description = summary["scope_descriptions"].get(name)
            note = None
            if name not in summary["declared_scopes"]:
                note = (f"used by {family} operations but missing from the spec's declared "
                        "scope list")
            if family == "oauth" and name in OIDC_SCOPES:
                add(name, "oidc", description, False, name, note=note)
            elif family == "oauth":
                key = next(k for k in WHY if k.endswith(".") and name.startswith(k))
                add(name, "oauth", description, False, key, note=note)
            elif family == "governance" and (".reviewer." in name or ".endUser." in name):
                add(name, family, description, False, "governance-enduser", note=note)
            else:
                add(name, family, description, False, family, note=note)

    docs_rows, commented = _parse_docs_2022(docs_2022)
    for extra in EXTRA_SCOPES:
        if extra.in_docs_2022 and extra.name not in docs_rows:
            raise DataError(f"{extra.name}: not in the 2022 guide's table")
        if (extra.why_key == "never-ga") != (extra.name in commented):
            raise DataError(f"{extra.name}: commented-out status in the 2022 guide changed")
        description = extra.description or docs_rows.get(extra.name)
        add(extra.name, extra.family, description, False, extra.why_key,
            source=extra.source, replacement=extra.replacement)
    unknown_doc_rows = sorted(set(docs_rows) - set(entries) - set(DOC_TYPOS))
    if unknown_doc_rows:
        raise DataError(f"2022 guide scopes not classified: {unknown_doc_rows}")

    for entry in entries.values():
        resource, action = entry["resource"], entry["action"]
        other = {"read": "manage", "manage": "read"}.get(action or "")
        if other and f"{resource}.{other}" in entries:
            twin = entries[f"{resource}.{other}"]
            if twin["family"] == entry["family"]:
                entry["twin"] = twin["name"]
    return [entries[name] for name in sorted(entries, key=lambda n: (entries[n]["family"] !=
                                                                     "management", n))]


def _dump_lines(meta: Mapping[str, Any], key: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """One record per line: small, stable, and a one-line diff when Okta changes one thing."""
    def dump(value: Any) -> str:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    body = ",\n".join(dump(row) for row in rows)
    return f'{{"meta":{dump(meta)},\n"{key}":[\n{body}\n]}}\n'


def _readme(meta: Mapping[str, Any], op_counts: Mapping[str, int],
            scope_counts: Mapping[str, int]) -> str:
    sources = meta["sources"]
    lines = [
        "# Okta data (generated)",
        "",
        "Generated by `scripts/generate_okta_data.py` from `../shared/okta/` "
        "(see that folder's README). Do not edit by hand: regenerate with",
        "",
        "    python scripts/generate_okta_data.py            # reads <repo>/../shared/okta",
        "    python scripts/generate_okta_data.py PATH --out oinlint/okta/data",
        "",
        "`tests/test_okta_data.py` regenerates into a temporary folder when `../shared/okta` "
        "exists and fails if the committed files differ.",
        "",
        "| file | what | from |",
        "| --- | --- | --- |",
        f"| `operations.json` | {sum(op_counts.values())} operations: method, path template, "
        "operationId, `oauth2_alternatives` (list of alternatives, each an AND-set), auth kind, "
        "lifecycle, tags, family, `paginated` (a GET whose spec takes the `after` cursor, or "
        "`limit` with a `Link` response header) | `operation-scopes.json`, "
        "`other-apis/{oauth,myaccount,governance}-operation-scopes.json`; `paginated` from the "
        "specs |",
        f"| `scopes.json` | {sum(scope_counts.values())} scopes: description, resource, action, "
        "read/manage twin, operations needing it, `usable_by_api_service` and `why` | the same "
        "tables' declared scopes, the 2022 guide's scope table, and `EXTRA_SCOPES` in the "
        "script (`.self`, PRODUCT_DEV, removed scopes, each with its `source`) |",
        "",
        "Operations per family: " + ", ".join(f"{k} {v}" for k, v in op_counts.items()) + ".",
        "Scopes per family: " + ", ".join(f"{k} {v}" for k, v in scope_counts.items()) + ".",
        "",
        "Specs (all from `okta/okta-management-openapi-spec`):",
        "",
    ]
    for family, src in sources.items():
        if "title" in src:
            lines.append(f"- {family}: {src['title']} {src['version']}, `{src['path']}`"
                         f" @ `{src['commit']}` ({src['commit_date']})")
    lines += ["", "Curated scopes (`source` keys in `scopes.json`):", ""]
    lines += [f"- `{key}`: {text}" for key, text in SOURCE_KEYS.items()]
    lines += [
        "",
        "Notes:",
        "",
        "- `usable_by_api_service: false` comes with `why` and `basis` (`documented`: an Okta "
        "source says so; `inference`: our conclusion, worded with \"may\").",
        "- manage ⊇ read (Okta docs, not the spec): a `.manage` scope also satisfies its `.read` "
        "twin. `okta.logs.read` has no twin.",
        "- Inline-hook `x-webhooks` are left out: Okta calls your service, not the other way.",
        "",
    ]
    return "\n".join(lines)


def generate(source: Path, out: Path) -> dict[str, int]:
    """Write operations.json, scopes.json and README.md into ``out``; return counts."""
    tables = {family: _load(source, rel) for family, (rel, _) in FAMILIES.items()}
    for family, (_, spec) in FAMILIES.items():
        _check_spec_hash(source, spec, tables[family]["source"])
    paginated = {family: frozenset(paginated_operations(_load_spec(source, spec)))
                 for family, (_, spec) in FAMILIES.items()}
    records = build_operations(tables, paginated)
    docs_path = source / DOCS_2022
    if not docs_path.is_file():
        raise DataError(f"missing {docs_path}")
    scopes = build_scopes(tables, records, docs_path.read_text(encoding="utf-8"))

    sources: dict[str, Any] = {f: _source_meta(t["source"]) for f, t in tables.items()}
    sources["docs_2022"] = {"repo": "okta/okta-developer-docs",
                            "path": "packages/@okta/vuepress-site/docs/guides/"
                                    "implement-oauth-for-okta/main/index.md",
                            "commit": "cd93a39efb53cd3690cd00ce75931b3509164fd7",
                            "commit_date": "2022-08-05"}
    op_counts = dict(Counter(r["family"] for r in records))
    scope_counts = dict(sorted(Counter(s["family"] for s in scopes).items()))
    ops_meta = {"format": FORMAT_VERSION, "generator": "scripts/generate_okta_data.py",
                "counts": op_counts, "sources": sources,
                "spec_version": sources["management"]["version"]}
    scopes_meta = {"format": FORMAT_VERSION, "generator": "scripts/generate_okta_data.py",
                   "counts": scope_counts, "families": FAMILY_NOTES, "doc_typos": DOC_TYPOS,
                   "sources": sources, "source_keys": SOURCE_KEYS,
                   "spec_version": sources["management"]["version"],
                   "read_implied_by_manage": "Okta docs: a .manage scope can do everything its "
                                             ".read twin can (not stated by the spec)"}
    out.mkdir(parents=True, exist_ok=True)
    (out / "operations.json").write_text(_dump_lines(ops_meta, "operations", records),
                                         encoding="utf-8", newline="\n")
    (out / "scopes.json").write_text(_dump_lines(scopes_meta, "scopes", scopes),
                                     encoding="utf-8", newline="\n")
    (out / "README.md").write_text(_readme(ops_meta, op_counts, scope_counts),
                                   encoding="utf-8", newline="\n")
    return {"operations": len(records), "scopes": len(scopes)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="the shared/okta folder (default: <repo>/../shared/okta)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: oinlint/okta/data)")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.source, args.out)
    except DataError as exc:
        print(f"generate_okta_data: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {counts['operations']} operations and {counts['scopes']} scopes to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
