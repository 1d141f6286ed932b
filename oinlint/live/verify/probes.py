"""Step 5 (``--probe``): one read-only GET per distinct probe of a granted declared scope.

The token must work for what it was granted: a 401 or 403 answer is OIN906; any other failure
is only a note (the probe could not tell).
"""

from __future__ import annotations

import json

from oinlint.live import okta_scopes
from oinlint.live.client import Reply, RequestParts
from oinlint.live.server_text import server_text
from oinlint.live.verify.model import ProbeResult
from oinlint.live.verify.session import VerifySession

__all__ = ["Probes"]


class Probes(VerifySession):
    """Calls the probes with the declared-scopes token and records what they answered."""

    def probe(self) -> None:
        if self.token is None:
            self.result.notes.append("probes skipped: no token with the declared scopes")
            return
        token, scheme = self.token, (self.result.token_type or "Bearer")
        scheme = "DPoP" if scheme.lower() == "dpop" else "Bearer"
        by_path: dict[str, list[str]] = {}
        for scope in self.declared:
            if self.result.granted.get(scope):
                path = okta_scopes.probe_for(scope)
                if path is None:
                    self.result.notes.append(f"no read-only probe is known for {scope}")
                else:
                    by_path.setdefault(path, []).append(scope)
        for path, scopes in by_path.items():
            url = self.client.url(path)

            def parts(url: str = url) -> RequestParts:
                headers = {"Authorization": f"{scheme} {token}"}
                if scheme == "DPoP" and self.dpop_key is not None:
                    headers["DPoP"] = self.dpop_key.proof("GET", url, access_token=token)
                return RequestParts(headers=headers)

            reply = self.client.send("probe", "GET", url, parts, credentials=True)
            self.record_probe(tuple(scopes), path, reply)

    def record_probe(self, scopes: tuple[str, ...], path: str, reply: Reply) -> None:
        status = reply.status
        if 200 <= status < 300:
            self.result.probes.append(ProbeResult(scopes, "GET", path, status, True))
            return
        challenge = reply.headers.get("www-authenticate", "")
        code = ""
        try:
            body = json.loads(reply.body)
            if isinstance(body, dict):
                code = server_text(body.get("errorCode") or body.get("error") or "", 80)
        except (ValueError, RecursionError):  # RecursionError: JSON nested too deeply
            pass
        if status in (401, 403):
            detail = "insufficient_scope" if "insufficient_scope" in challenge else (
                code or "refused")
            self.result.probes.append(ProbeResult(scopes, "GET", path, status, False, detail))
            for scope in scopes:
                self.finding("OIN906", scope, scope=scope, method="GET", path=path,
                             status=str(status), detail=detail)
            return
        self.result.probes.append(ProbeResult(scopes, "GET", path, status, None,
                                              code or f"HTTP {status}"))
        self.result.notes.append(f"probe GET {path} answered HTTP {status} {code}".rstrip())
