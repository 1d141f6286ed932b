"""Is a URL template the Okta management API's, and which verb does a helper's name imply?

Shared by the Python front end (one file) and :mod:`oinlint.crossfile` (helpers resolved
across files), so both call the same URLs Okta calls.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["method_from_name", "okta_api_url"]

# ``{}api/v1``: a base URL that ends with a slash (``OKTA_ORG_URL + "api/v1/users"``).
_OKTA_API = re.compile(
    r"(?:/|^|\{\})api/v1(?:/|$|\{\})|/integrations/api/|/oauth2/v1/clients(?:/|$|\{\})")
_NAME_METHODS: Final = (
    ("GET", ("get", "list", "fetch", "read", "paged", "paginate", "find", "search", "iter")),
    ("POST", ("post", "create", "add")),
    ("PUT", ("put", "replace")),
    ("PATCH", ("patch",)),
    ("DELETE", ("delete", "remove")),
)


def okta_api_url(template: str) -> bool:
    """Does a URL (template) reach the Okta management API rather than some other service?"""
    return _OKTA_API.search(template.split("?", 1)[0]) is not None


def method_from_name(name: str) -> str | None:
    """``paged_get`` → GET, ``create_user`` → POST; None when the name does not say."""
    words = [w for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", name) if w]
    for word in (w.lower() for w in words):
        for method, hints in _NAME_METHODS:
            if word in hints:
                return method
    return None
