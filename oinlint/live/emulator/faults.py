"""Injected faults: the misbehaviour ``faults`` in ``org.yaml`` (or ``add_fault``) asks for.

5xx and other statuses with Okta's error bodies, delays, truncated JSON, redirects, 429s and
dropped connections, for requests whose method and path (a glob) match.
"""

from __future__ import annotations

import fnmatch
import time

from oinlint.live.emulator.org_config import Fault
from oinlint.live.emulator.rate_limits import too_many_requests
from oinlint.live.emulator.replies import Reply, okta_error
from oinlint.live.emulator.state import OrgState

__all__ = ["FaultInjector"]


class FaultInjector(OrgState):
    """Picks the fault (and the delay) for a request and builds its reply."""

    def _fault(self, method: str, path: str) -> tuple[Reply | None, float]:
        delay = 0.0
        with self._lock:
            for fault in self.config.faults:
                if fault.method and fault.method != method:
                    continue
                if not fnmatch.fnmatchcase(path, fault.path):
                    continue
                fault.seen += 1
                if fault.seen <= fault.skip:
                    continue
                if fault.times is not None and fault.fired >= fault.times:
                    continue
                fault.fired += 1
                if fault.kind == "delay":
                    delay += fault.seconds
                    continue
                return self._fault_reply(fault), delay
        return None, delay

    def _fault_reply(self, fault: Fault) -> Reply:
        if fault.kind == "status":
            if fault.status >= 500:
                return okta_error(fault.status, "E0000009", "Internal Server Error")
            codes = {401: ("E0000011", "Invalid token provided"),
                     403: ("E0000006", "You do not have permission to perform the requested "
                           "action"),
                     404: ("E0000007", "Not found: Resource not found"),
                     405: ("E0000022", "The endpoint does not support the provided HTTP "
                           "method")}
            code, summary = codes.get(fault.status, ("E0000001", "Api validation failed"))
            return okta_error(fault.status, code, summary)
        if fault.kind == "malformed":
            return Reply(200, b'{"token_type": "Bearer", "expires_in": 36',
                         [("Content-Type", "application/json")])
        if fault.kind == "redirect":
            return Reply(307, b"", [("Location", fault.location.format(url=self.url))])
        if fault.kind == "rate_limit":
            reset = int(time.time()) + fault.reset_after
            return too_many_requests(limit=600, reset=reset)
        return Reply(0, drop=True)
