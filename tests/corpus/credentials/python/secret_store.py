"""Per-tenant Okta credentials, kept in Vault."""

from __future__ import annotations

import os
from dataclasses import dataclass

import hvac


@dataclass(frozen=True)
class OktaTenant:
    domain: str
    client_id: str
    client_secret: str


class VaultTenantStore:
    def __init__(self) -> None:
        self._vault = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])

    def get(self, tenant_id: str) -> OktaTenant:
        data = self._vault.secrets.kv.v2.read_secret_version(path=f"okta-tenants/{tenant_id}")
        secret = data["data"]["data"]
        return OktaTenant(
            domain=secret["domain"],
            client_id=secret["client_id"],
            client_secret=secret["client_secret"],
        )
