"""The management API's gate: access tokens checked, scopes enforced from Okta's operations.

A request reaches the data (:mod:`~oinlint.live.emulator.resources`) only with a valid,
unexpired token (DPoP-bound ones with a matching proof) whose scopes satisfy the Okta operation
it calls; otherwise 401 E0000011, 403 E0000006 with ``insufficient_scope``, 404 or 405. An
operation the emulator does not serve answers 501 (or, for a GET, an empty data set).

``Authorization: SSWS <token>`` works only for API tokens a test registered
(:meth:`~oinlint.live.emulator.org.Emulator.add_api_token`): like Okta's, they act as an
administrator, unscoped; so a legacy script can be run before and after its migration.
"""

from __future__ import annotations

from collections.abc import Mapping

import jwt

from oinlint.live import okta_scopes
from oinlint.live.dpop import ProofError, verify_proof
from oinlint.live.emulator.replies import Reply, json_reply, okta_error
from oinlint.live.emulator.resources import Resources
from oinlint.live.emulator.state import OrgState

__all__ = ["ManagementApi"]

_API_TOKEN = frozenset({"*"})  # an SSWS caller's "scopes": an admin's, every operation


class ManagementApi(OrgState):
    """Authorises management calls and hands them to :class:`Resources`."""

    def _unauthorized(self, scheme: str, reason: str) -> Reply:
        reply = okta_error(401, "E0000011", "Invalid token provided")
        return reply.header("WWW-Authenticate",
                            f'{scheme} authorization_uri="{self.url}/oauth2/v1/authorize", '
                            f'realm="IdpError", error="invalid_token", '
                            f'error_description="{reason}"')

    def _caller(self, method: str, path: str,
                headers: Mapping[str, str]) -> tuple[str, frozenset[str]] | Reply:
        authorization = headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        scheme_l = scheme.lower()
        if scheme_l == "ssws" and self._api_tokens:
            if token.strip() not in self._api_tokens:
                return self._unauthorized("SSWS", "The API token is invalid.")
            return "", _API_TOKEN
        if scheme_l not in ("bearer", "dpop") or not token.strip():
            return self._unauthorized("Bearer", "The access token is missing or invalid.")
        token = token.strip()
        shown = "DPoP" if scheme_l == "dpop" else "Bearer"
        try:
            claims = jwt.decode(token, self._key.public_key(), algorithms=["RS256"],
                                audience=self.url, issuer=self.issuer)
        except jwt.ExpiredSignatureError:
            return self._unauthorized(shown, "The token has expired.")
        except jwt.PyJWTError:
            return self._unauthorized(shown, "The access token is invalid.")
        if token in self._expired:
            return self._unauthorized(shown, "The token has expired.")
        jkt = (claims.get("cnf") or {}).get("jkt")
        if jkt:
            if scheme_l != "dpop":
                return self._unauthorized("DPoP", "The access token is DPoP-bound; use the "
                                          "DPoP authentication scheme.")
            proof = headers.get("dpop", "")
            try:
                checked = verify_proof(proof, method, f"{self.url}{path}", access_token=token)
            except ProofError as exc:
                return self._unauthorized("DPoP", str(exc))
            if checked.jkt != jkt:
                return self._unauthorized("DPoP", "The DPoP proof key does not match the "
                                          "access token.")
        elif scheme_l == "dpop":
            return self._unauthorized("Bearer", "The access token is not DPoP-bound.")
        return str(claims.get("cid", "")), frozenset(str(s) for s in claims.get("scp", []))

    def _management(self, method: str, path: str, query: Mapping[str, list[str]],
                    headers: Mapping[str, str], body: bytes) -> Reply:
        caller = self._caller(method, path, headers)
        if isinstance(caller, Reply):
            return caller
        client_id, scopes = caller
        operation = okta_scopes.match_operation(method, path)
        if operation is None:
            if okta_scopes.path_exists(path):
                return okta_error(405, "E0000022",
                                  "The endpoint does not support the provided HTTP method")
            return okta_error(404, "E0000007", f"Not found: Resource not found: {path} (Path)")
        if scopes is _API_TOKEN:
            pass  # an API token acts as the admin who made it
        elif not operation.accepts_oauth or (operation.alternatives and not any(
                okta_scopes.satisfies(scopes, alt) for alt in operation.alternatives)):
            needed = " ".join(sorted(operation.alternatives[0])) if operation.alternatives else ""
            dpop = headers.get("authorization", "")[:5].lower() == "dpop "
            scheme = "DPoP" if dpop else "Bearer"
            reply = okta_error(403, "E0000006",
                               "You do not have permission to perform the requested action")
            reply.client_id = client_id
            return reply.header("WWW-Authenticate",
                                f'{scheme} authorization_uri="{self.url}/oauth2/v1/authorize", '
                                f'realm="IdpError", scope="{needed}", '
                                f'error="insufficient_scope", error_description="The access '
                                f'token provided does not contain the required scopes.", '
                                f'resource="{path}"')
        handler = Resources(self, query, body)
        with self._lock:
            served = handler.dispatch(method, path)
        if served is None and method == "GET":
            # Served from an empty data set: collections are empty, members do not exist.
            served = (json_reply(200, []) if not operation.template.endswith("}")
                      else self._resources_not_found(path))
        reply = served if served is not None else okta_error(
            501, "E0000060", f"Unsupported operation: the oinlint emulator does not implement "
            f"{operation.operation_id} (the token's scopes allow it)")
        reply.client_id = client_id
        return reply

    @staticmethod
    def _resources_not_found(path: str) -> Reply:
        return okta_error(404, "E0000007", f"Not found: Resource not found: "
                          f"{path.rstrip('/').rsplit('/', 1)[-1]} (Resource)")
