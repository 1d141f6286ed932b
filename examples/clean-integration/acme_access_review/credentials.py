"""Per-org credentials: the Okta domain, client ID and client secret each customer gave us when
they installed the integration. The tenants file holds the non-secret fields; each client
secret comes from a secret store."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


class SecretStore(Protocol):
    def get(self, key: str) -> str: ...


class FileSecretStore:
    """One file per secret in a directory (Docker and Kubernetes secrets)."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def get(self, key: str) -> str:
        return (self._root / key).read_text(encoding="utf-8").strip()


class EnvSecretStore:
    """Secrets in environment variables: key ``globex-client-secret`` → ``GLOBEX_CLIENT_SECRET``."""

    def get(self, key: str) -> str:
        return os.environ[re.sub(r"[^A-Za-z0-9]", "_", key).upper()]


@dataclass(frozen=True)
class OrgCredentials:
    name: str
    domain: str
    client_id: str
    client_secret: str = field(repr=False)


class TenantRegistry:
    def __init__(self, tenants_file: Path, secrets: SecretStore) -> None:
        self._file = tenants_file
        self._secrets = secrets

    def all(self) -> list[OrgCredentials]:
        tenants = json.loads(self._file.read_text(encoding="utf-8"))
        orgs = []
        for t in tenants:
            if not _DOMAIN.fullmatch(t["domain"]):
                raise ValueError(f"tenant {t['name']}: domain must be a bare host name")
            orgs.append(OrgCredentials(
                name=t["name"],
                domain=t["domain"],
                client_id=t["client_id"],
                client_secret=self._secrets.get(f"{t['name']}-client-secret"),
            ))
        return orgs


def registry_from_env() -> TenantRegistry:
    tenants_file = Path(os.environ.get("ACME_TENANTS_FILE", "/etc/acme/tenants.json"))
    secrets_dir = os.environ.get("ACME_SECRETS_DIR")
    store: SecretStore = FileSecretStore(Path(secrets_dir)) if secrets_dir else EnvSecretStore()
    return TenantRegistry(tenants_file, store)
