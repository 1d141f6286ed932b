"""The state every part of the emulated org shares: config, clients, signing key, records.

:class:`OrgState` is the base of the org's parts (authorization server, management API, faults,
rate limits), so that each part reads and writes the same attributes under the same lock.
"""

from __future__ import annotations

import functools
import secrets
import threading
from collections.abc import Mapping
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from oinlint.live.emulator.org_config import ClientConfig, EmulatorConfig, parse_config
from oinlint.live.emulator.org_data import OrgData
from oinlint.live.emulator.records import IssuedToken, RequestRecord, TokenRequestRecord
from oinlint.live.emulator.tls import ThrowawayTls

__all__ = ["LOOPBACK_HOSTS", "OrgState"]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@functools.cache
def _process_signing_key() -> tuple[rsa.RSAPrivateKey, str]:
    """One RSA key (and kid) per process: making one takes up to a quarter second, and tokens
    stay org-specific through their ``iss``/``aud`` claims anyway."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048), \
        secrets.token_urlsafe(32)


class OrgState:
    """The emulated org's configuration, data, clients, key, records and counters."""

    def __init__(self, config: EmulatorConfig | Mapping[str, Any] | None = None, *,
                 host: str = "127.0.0.1", port: int = 0,
                 signing_key: tuple[rsa.RSAPrivateKey, str] | None = None,
                 https: bool = False, ca_file: Path | None = None) -> None:
        if host not in LOOPBACK_HOSTS:
            raise ValueError(f"the emulator only listens on loopback addresses, not {host!r}")
        self.config = config if isinstance(config, EmulatorConfig) else parse_config(config)
        self.data = OrgData(self.config.data)
        self._host, self._port = host, port
        # HTTPS: a throwaway CA made at start(); its certificate is written to ca_file (else a
        # temporary file) for the tests to trust.
        self.https = https
        self.ca_file: Path | None = ca_file
        self._tls: ThrowawayTls | None = None
        self._lock = threading.RLock()
        self._clients: dict[str, ClientConfig] = {c.client_id: c for c in self.config.clients}
        self._key, self._kid = signing_key or _process_signing_key()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._nonce = secrets.token_urlsafe(24)
        self._assertion_jtis: set[str] = set()
        self._proof_jtis: set[str] = set()
        self._windows: dict[str, tuple[int, int]] = {}
        # Tokens expire_tokens() ended: exactly those issued before the call, so a token
        # fetched right after it works (an iat in whole seconds cannot tell them apart).
        self._expired: set[str] = set()
        # SSWS API tokens add_api_token() registered (none: SSWS is refused like any scheme).
        self._api_tokens: set[str] = set()
        self.requests: list[RequestRecord] = []
        self.token_requests: list[TokenRequestRecord] = []
        self.issued: list[IssuedToken] = []
        self.url = ""

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1]) if self.url else 0

    @property
    def issuer(self) -> str:
        return (self.config.issuer or "{url}").format(url=self.url)

    @property
    def token_url(self) -> str:
        return f"{self.url}/oauth2/v1/token"
