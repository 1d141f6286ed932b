"""Okta's org hosts and the placeholder hosts of examples, as URL patterns.

The front ends (:mod:`oinlint.frontends.shared.transport`) and the question "is this Okta
code?" (:mod:`oinlint.okta_code`, below the front ends) read the same patterns.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["OKTA_HOST", "PLACEHOLDER_HOST"]

# An org host in a URL: ``https://acme.okta.com/``, ``https://acme.oktapreview.com``.
OKTA_HOST: Final = re.compile(
    r"^https?://(?P<host>[A-Za-z0-9][A-Za-z0-9-]*\.(?:okta|oktapreview|okta-emea|okta-gov|"
    r"okta-mil|trexcloud)\.com)(?::\d+)?(?:/|$)")
# A host that only stands for one in docs and examples: ``your-org.okta.com``, ``example.com``.
PLACEHOLDER_HOST: Final = re.compile(
    r"example|your|my-?org|sample|placeholder|changeme|xxx|^org\.|^dev-0+\.|<|\{|\$|test-org",
    re.IGNORECASE)
