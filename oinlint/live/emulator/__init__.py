"""An Okta org on 127.0.0.1: what the live checker and an integration's tests talk to.

It is a real HTTP server (stdlib ``ThreadingHTTPServer`` in a daemon thread) so that everything
above the socket is exercised for real: TLS aside, the client code under test cannot tell it
from an org. It serves the org authorization server's discovery documents and JWKS, the token
endpoint (client secret basic/post, ``private_key_jwt`` checked with pyjwt, DPoP with nonces),
RS256 JWT access tokens with Okta's claims, management endpoints for users, groups, apps and the
System Log with scope enforcement from Okta's operation data, Okta's error bodies, rate-limit
headers and 429s, and configurable faults (5xx, delays, malformed JSON, redirects, drops).

Usage::

    with Emulator({"clients": [{"client_id": "0oa…", "client_secret": "…",
                                "scopes": ["okta.users.read"]}]}) as org:
        httpx.post(org.token_url, ...)

The parts: :mod:`~oinlint.live.emulator.org` (the :class:`Emulator`, its HTTP handler and
routing), :mod:`~oinlint.live.emulator.authorization_server` (discovery, token endpoint),
:mod:`~oinlint.live.emulator.management_api` and :mod:`~oinlint.live.emulator.resources` (the
management API), :mod:`~oinlint.live.emulator.faults` and
:mod:`~oinlint.live.emulator.rate_limits`, :mod:`~oinlint.live.emulator.org_config`
(``org.yaml``) and :mod:`~oinlint.live.emulator.org_data` (users, groups, apps, logs).
"""

from oinlint.live.emulator.org import Emulator
from oinlint.live.emulator.records import RequestRecord, TokenRequestRecord

__all__ = ["Emulator", "RequestRecord", "TokenRequestRecord"]
