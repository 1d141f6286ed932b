"""Header helpers shared by the sync workers."""

import requests

SSWS_SCHEME = "SSWS"
BEARER = "Bearer"


def legacy_headers(token: str) -> dict[str, str]:
    return {"authorization": SSWS_SCHEME + " " + token}


def build_headers(token: str, *, legacy: bool = False) -> dict[str, str]:
    if legacy:
        return {
            "Accept": "application/json",
            "Authorization": "SSWS "
            + token,
        }
    return {"Accept": "application/json", "Authorization": f"{BEARER} {token}"}


def diagnostic_headers(access_token: str) -> dict[str, str]:
    # The X-Legacy-Scheme header tells our proxy which scheme the tenant used before migrating.
    return {"Authorization": f"{BEARER} {access_token}", "X-Legacy-Scheme": SSWS_SCHEME}


def clear_session(org: str, token: str, session_id: str) -> None:
    auth_value = f"SSWS {token}"
    requests.delete(
        f"https://{org}/api/v1/sessions/{session_id}",
        headers={"Authorization": auth_value},
        timeout=10,
    )
