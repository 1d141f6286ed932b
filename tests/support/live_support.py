"""Helpers for the live-check tests: submissions on disk, a no-wait sleep, one-call verify.

Everything talks to emulators on 127.0.0.1 over real sockets; nothing here ever leaves the
loopback interface.
"""

from __future__ import annotations

import socket
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from oinlint.live.client import Policy
from oinlint.live.declared import DeclaredScopes, load_declared_scopes
from oinlint.live.emulator import Emulator
from oinlint.live.emulator.org_config import ClientConfig
from oinlint.live.verify import Credentials, PrivateKey, VerifyOptions, VerifyResult, run_verify

REASONS = {
    "okta.users.read": "List users for the access review.",
    "okta.groups.read": "Map group membership.",
}


def write_submission(directory: Path, scopes: Sequence[str],
                     name: str = "oin-submission.yaml") -> Path:
    lines = ["name: Acme Access Review", "auth:", "  method: client_secret_basic", "scopes:"]
    for scope in scopes:
        lines += [f"  - name: {scope}", f"    reason: {REASONS.get(scope, 'Needed.')}"]
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def declared(directory: Path, scopes: Sequence[str]) -> DeclaredScopes:
    path = write_submission(directory, scopes)
    return load_declared_scopes(path, path.name)


class Sleeper:
    """A ``sleep`` that records what it was asked to wait and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def verify(org: Emulator | str, client: ClientConfig | None, declared_scopes: DeclaredScopes,
           *, secret: str | None = None, private_key: PrivateKey | None = None,
           sleeper: Sleeper | None = None, policy: Policy | None = None,
           client_id: str | None = None, **options: Any) -> VerifyResult:
    """Run :func:`run_verify` against ``org`` with ``client``'s credentials, never waiting."""
    url = org if isinstance(org, str) else org.url
    cid = client_id or (client.client_id if client else "0oa1nobodyexample00")
    if private_key is None and secret is None and client is not None:
        secret = client.client_secret
    return run_verify(VerifyOptions(
        org_url=url,
        credentials=Credentials(client_id=cid, secret=secret, private_key=private_key),
        declared=declared_scopes,
        policy=policy or Policy(timeout=5.0, connect_timeout=2.0),
        sleep=sleeper or Sleeper(),
        **options,
    ))


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def codes(result: VerifyResult) -> list[str]:
    return [f.code for f in result.findings]
