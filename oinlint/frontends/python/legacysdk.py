"""The legacy Okta Python SDK (``okta`` 0.x): its clients take the org URL and an API token.

``UsersClient(base_url, api_token)``, ``okta.framework.ApiClient.ApiClient(base_url,
api_token=...)`` and their siblings (``UserGroupsClient``, ``AppInstanceClient``, …) can only
authenticate with an SSWS API token, so each construction is an ``SdkClient`` in ``SSWS`` mode
(OIN102) pointing at the token argument. The current SDK (``okta.client.Client``) is the
primary visitor's; a collector riding in the primary walk.
"""

from __future__ import annotations

from typing import Final

from oinlint.facts import Fact, SdkClient
from oinlint.frontends.python import tree
from oinlint.frontends.python.nodes import argument
from oinlint.frontends.python.state import Collector, WalkState

__all__ = ["LegacySdkClients"]

LEGACY_SDK: Final = "okta-sdk-python (legacy)"
CURRENT_CLIENT: Final = "okta.client.Client"


def legacy_client(qualified: str | None) -> bool:
    """``okta.UsersClient``, ``okta.framework.ApiClient.ApiClient``: yes; the current SDK's
    ``okta.client.Client`` and names outside the ``okta`` package: no."""
    if qualified is None or not qualified.startswith("okta.") or qualified == CURRENT_CLIENT:
        return False
    if qualified.startswith(("okta.client.", "okta.models.", "okta.api.")):
        return False
    last = qualified.rsplit(".", 1)[-1]
    return last.endswith("Client") and last != "Client"


class LegacySdkClients(Collector):
    """``SdkClient`` facts for legacy Okta SDK clients built with an API token."""

    def __init__(self, primary: WalkState) -> None:
        super().__init__(primary)
        self.facts: list[Fact] = []

    def visit_Call(self, node: tree.Call) -> None:
        if not legacy_client(self.primary.qualify(node.func)):
            return
        token = argument(node, 1, "api_token")
        if token is None:
            return
        self.facts.append(SdkClient(self.primary.span(node), self.primary.context, LEGACY_SDK,
                                    "SSWS", ("apiToken",), self.primary.span(token)))

    def finish(self) -> list[Fact]:
        return self.facts
