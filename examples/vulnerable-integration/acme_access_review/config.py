"""Where customer org credentials come from."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Tenant:
    """One customer org: its Okta domain and the client credentials it gave us at install."""

    name: str
    domain: str
    client_id: str = ""
    client_secret: str = ""
    legacy: bool = False  # set up before the OIN integration existed: uses an API token


# Shared dev tenant so engineers can run the job locally without the tenants file.
DEV_TENANT = Tenant(
    name="acme-dev",
    domain="acme-dev.oktapreview.com",
    client_id="0oa9fakeAcmeDevTenant",
    client_secret="FAKEsecret-acme-dev-oinlint-Qx2Lm9Rv4Tz8W",
)


def load_tenants(path: Path | None = None) -> list[Tenant]:
    """All customer orgs, from the tenants file (or the dev tenant when ACME_ENV=dev)."""
    if os.environ.get("ACME_ENV") == "dev":
        return [DEV_TENANT]
    path = path or Path(os.environ.get("ACME_TENANTS_FILE", "/etc/acme/tenants.json"))
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [
        Tenant(
            name=item["name"],
            domain=item["domain"],
            client_id=item.get("client_id", ""),
            client_secret=item.get("client_secret", ""),
            legacy=item.get("legacy", False),
        )
        for item in raw
    ]
